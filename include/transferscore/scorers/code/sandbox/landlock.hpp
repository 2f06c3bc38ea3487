#pragma once
// Landlock: the kernel's unprivileged access control, the sandbox's second filesystem and
// network layer (and the first where namespaces are not allowed). The program may read and
// execute under the allowed paths, write only in its work directory and to the device
// files, bind or connect no TCP port (ABI 4), and neither signal processes nor reach
// abstract unix sockets outside its own domain (ABI 6). The plan is made before fork; the
// child applies it with system calls only.

#include <transferscore/scorers/code/sandbox/system.hpp>

#if TRANSFERSCORE_SANDBOX_LINUX

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace code::sandbox {

namespace landlock_abi {
inline constexpr std::uint64_t execute = 1U << 0U;
inline constexpr std::uint64_t write_file = 1U << 1U;
inline constexpr std::uint64_t read_file = 1U << 2U;
inline constexpr std::uint64_t read_dir = 1U << 3U;
inline constexpr std::uint64_t refer = 1U << 13U;      // ABI 2
inline constexpr std::uint64_t truncate = 1U << 14U;   // ABI 3
inline constexpr std::uint64_t ioctl_dev = 1U << 15U;  // ABI 5
inline constexpr std::uint64_t file_rights = execute | write_file | read_file | truncate | ioctl_dev;
inline constexpr std::uint64_t net_bind_tcp = 1U << 0U;     // ABI 4
inline constexpr std::uint64_t net_connect_tcp = 1U << 1U;  // ABI 4
inline constexpr std::uint64_t scope_abstract_unix = 1U << 0U;  // ABI 6
inline constexpr std::uint64_t scope_signal = 1U << 1U;         // ABI 6
inline constexpr unsigned create_ruleset_version = 1U << 0U;
inline constexpr int rule_path_beneath = 1;

struct ruleset_attr {
  std::uint64_t handled_access_fs;
  std::uint64_t handled_access_net;
  std::uint64_t scoped;
};

struct __attribute__((packed)) path_beneath_attr {
  std::uint64_t allowed_access;
  std::int32_t parent_fd;
};

/// Every filesystem right the kernel's ABI version knows.
[[nodiscard]] constexpr std::uint64_t fs_rights(int abi) noexcept {
  std::uint64_t r = (1U << 13U) - 1U;
  if (abi >= 2) r |= refer;
  if (abi >= 3) r |= truncate;
  if (abi >= 5) r |= ioctl_dev;
  return r;
}
}  // namespace landlock_abi

/// The kernel's Landlock ABI version, 0 when Landlock is absent or disabled.
[[nodiscard]] inline int landlock_abi_version() noexcept {
  const long v = sys::call(nr_landlock_create_ruleset, nullptr, 0, landlock_abi::create_ruleset_version);
  return v > 0 ? static_cast<int>(v) : 0;
}

struct landlock_rule {
  std::string path;
  std::uint64_t access;
};

/// What the child restricts itself to. Paths are as the child sees them (inside the new
/// root when there is a mount namespace).
struct landlock_plan {
  int abi = 0;
  std::vector<landlock_rule> rules;

  [[nodiscard]] landlock_abi::ruleset_attr attr() const noexcept {
    landlock_abi::ruleset_attr a{landlock_abi::fs_rights(abi), 0, 0};
    if (abi >= 4) a.handled_access_net = landlock_abi::net_bind_tcp | landlock_abi::net_connect_tcp;
    if (abi >= 6) a.scoped = landlock_abi::scope_abstract_unix | landlock_abi::scope_signal;
    return a;
  }
  /// Read and execute (a directory: everything beneath it).
  void allow_read(std::string path) {
    rules.push_back({std::move(path), landlock_abi::execute | landlock_abi::read_file | landlock_abi::read_dir});
  }
  /// Reading and writing files, no creation: the device files.
  void allow_devices(std::string path) {
    rules.push_back({std::move(path), landlock_abi::read_file | landlock_abi::write_file | landlock_abi::truncate |
                                          landlock_abi::ioctl_dev | landlock_abi::read_dir});
  }
};

namespace landlock_detail {

inline long add_rule(int ruleset, const char* path, std::uint64_t access) noexcept {
  using namespace landlock_abi;
  long fd = sys::call(SYS_openat, AT_FDCWD, path, O_PATH | O_CLOEXEC | O_DIRECTORY);
  if (fd == -ENOTDIR) {
    fd = sys::call(SYS_openat, AT_FDCWD, path, O_PATH | O_CLOEXEC);
    access &= file_rights;
  }
  if (fd == -ENOENT) return 0;
  if (fd < 0) return fd;
  const path_beneath_attr beneath{access, static_cast<std::int32_t>(fd)};
  const long r = sys::call(nr_landlock_add_rule, ruleset, rule_path_beneath, &beneath, 0);
  sys::close(static_cast<int>(fd));
  return r;
}

}  // namespace landlock_detail

/// Restricts the calling thread (and what it execs) to `plan`, plus every right in
/// `work_dir`. Sets no_new_privs. Async-signal-safe. A path that does not exist is
/// skipped. Returns 0 or -errno.
inline long apply_landlock(const landlock_plan& plan, const char* work_dir) noexcept {
  using namespace landlock_abi;
  const ruleset_attr attr = plan.attr();
  const std::uint64_t handled = attr.handled_access_fs;
  const long ruleset = sys::call(nr_landlock_create_ruleset, &attr, sizeof attr, 0);
  if (ruleset < 0) return ruleset;
  const int rs = static_cast<int>(ruleset);
  for (const auto& rule : plan.rules) {
    const long r = landlock_detail::add_rule(rs, rule.path.c_str(), rule.access & handled);
    if (r < 0) {
      sys::close(rs);
      return r;
    }
  }
  if (work_dir != nullptr) {
    const long r = landlock_detail::add_rule(rs, work_dir, handled);
    if (r < 0) {
      sys::close(rs);
      return r;
    }
  }
  long r = sys::call(SYS_prctl, abi::pr_set_no_new_privs, 1, 0, 0, 0);
  if (r == 0) r = sys::call(nr_landlock_restrict_self, rs, 0);
  sys::close(rs);
  return r;
}

}  // namespace code::sandbox
TRANSFERSCORE_END_NAMESPACE

#endif  // TRANSFERSCORE_SANDBOX_LINUX
