#pragma once
// Thin, allocation-free wrappers over Linux system calls for the code that runs between
// fork and exec. The evaluator is multi-threaded, so a forked child may only make
// async-signal-safe calls: these go straight to the kernel (no locks, no malloc, no stdio)
// and return -errno on failure instead of touching a shared errno convention.

#include <transferscore/scorers/code/sandbox/layers.hpp>

#if TRANSFERSCORE_SANDBOX_LINUX

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace code::sandbox {

// System calls newer than some C libraries' headers; their numbers are the same on every
// architecture (the unified table that starts at 424).
inline constexpr long nr_pidfd_open = 434;
inline constexpr long nr_clone3 = 435;
inline constexpr long nr_close_range = 436;
inline constexpr long nr_mount_setattr = 442;
inline constexpr long nr_landlock_create_ruleset = 444;
inline constexpr long nr_landlock_add_rule = 445;
inline constexpr long nr_landlock_restrict_self = 446;

/// Kernel ABI constants the sandbox uses, defined here rather than taken from
/// <sys/mount.h>, <sched.h> or <sys/prctl.h>: those clash with <linux/mount.h> and
/// friends in a user's translation unit, and their macros would reach every file that
/// includes the library.
namespace abi {
inline constexpr unsigned long ms_rdonly = 1UL, ms_nosuid = 2UL, ms_nodev = 4UL, ms_noexec = 8UL;
inline constexpr unsigned long ms_remount = 32UL, ms_noatime = 1024UL, ms_nodiratime = 2048UL;
inline constexpr unsigned long ms_bind = 4096UL, ms_rec = 16384UL, ms_private = 1UL << 18U;
inline constexpr unsigned long ms_relatime = 1UL << 21U;
inline constexpr int mnt_detach = 2;
inline constexpr unsigned long clone_newns = 0x00020000UL, clone_newuts = 0x04000000UL;
inline constexpr unsigned long clone_newipc = 0x08000000UL, clone_newuser = 0x10000000UL;
inline constexpr unsigned long clone_newpid = 0x20000000UL, clone_newnet = 0x40000000UL;
inline constexpr unsigned long clone_pidfd = 0x00001000UL;
inline constexpr long pr_set_pdeathsig = 1, pr_get_seccomp = 21, pr_capbset_drop = 24;
inline constexpr long pr_set_child_subreaper = 36, pr_set_no_new_privs = 38;
}  // namespace abi

namespace sys {

template <class T>
inline long arg(T value) noexcept {
  if constexpr (std::is_pointer_v<T>) {
    return static_cast<long>(reinterpret_cast<std::uintptr_t>(value));
  } else if constexpr (std::is_same_v<T, std::nullptr_t>) {
    return 0;
  } else {
    return static_cast<long>(value);
  }
}

/// syscall(2) with the result as a value: >= 0 on success, -errno on failure.
template <class... A>
inline long call(long number, A... args) noexcept {
  const long r = ::syscall(number, arg(args)...);
  return r == -1 ? -static_cast<long>(errno) : r;
}

inline long write_all(int fd, const void* data, std::size_t size) noexcept {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    const long n = call(SYS_write, fd, p, size);
    if (n == -EINTR) continue;
    if (n < 0) return n;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return 0;
}

inline long write_text(int fd, const char* text) noexcept { return write_all(fd, text, std::strlen(text)); }

inline long close(int fd) noexcept { return call(SYS_close, fd); }

/// Closes every descriptor >= `from`, with close_range where the kernel has it.
inline void close_from(int from) noexcept {
  if (call(nr_close_range, static_cast<unsigned>(from), ~0U, 0U) == 0) return;
  struct {
    std::uint64_t cur, max;
  } lim{1024, 1024};
  call(SYS_prlimit64, 0, 7 /* RLIMIT_NOFILE */, nullptr, &lim);
  const std::uint64_t top = lim.cur > 65536 ? 65536 : lim.cur;
  for (std::uint64_t fd = static_cast<std::uint64_t>(from); fd < top; ++fd) call(SYS_close, fd);
}

/// Moves `fd` to a number >= `floor` (a fresh descriptor, the old one stays open).
inline int dup_above(int fd, int floor) noexcept {
  return static_cast<int>(call(SYS_fcntl, fd, F_DUPFD, floor));
}

/// Makes `target` a copy of `fd` that survives exec (also when they are already equal).
inline int dup_to(int fd, int target) noexcept {
  if (fd == target) return static_cast<int>(call(SYS_fcntl, fd, F_SETFD, 0));
  return static_cast<int>(call(SYS_dup3, fd, target, 0));
}

/// Writes `value` in decimal into `out` (no terminator); returns the length.
inline std::size_t format_unsigned(char* out, unsigned long value) noexcept {
  char tmp[24];
  std::size_t n = 0;
  do {
    tmp[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  for (std::size_t i = 0; i < n; ++i) out[i] = tmp[n - 1 - i];
  return n;
}

}  // namespace sys
}  // namespace code::sandbox
TRANSFERSCORE_END_NAMESPACE

#endif  // TRANSFERSCORE_SANDBOX_LINUX
