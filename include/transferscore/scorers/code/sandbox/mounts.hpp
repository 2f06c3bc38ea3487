#pragma once
// The sandbox's filesystem view: a fresh root (a small tmpfs) holding read-only binds of
// the system directories and of the Python installation, the device files a program may
// open, a size-capped private tmpfs work directory (/tmp, also the working directory), and
// a fresh /proc of the sandbox's own PID namespace. Nothing else of the host is visible:
// no home directories, no /run sockets, no other processes.
//
// The plan (every path, option string and flag) is computed before fork; the sandbox's
// init applies it with system calls only.

#include <transferscore/scorers/code/sandbox/system.hpp>

#if TRANSFERSCORE_SANDBOX_LINUX

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include <sys/statvfs.h>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace code::sandbox {

struct bind_mount {
  std::string source;               // on the host
  std::string target;               // under the new root (before pivot_root)
  bool device = false;              // a device file: kept usable (no nodev)
  unsigned long remount_flags = 0;  // the source's own mount flags (kernels without mount_setattr)
};

struct mount_plan {
  std::string root;          // the host directory the new root is mounted on (in our namespace only)
  std::string root_options;  // tmpfs options of the new root
  std::vector<std::string> directories;  // created under the new root, parents first
  std::vector<std::pair<std::string, std::string>> symlinks;  // (link under the new root, target text)
  std::vector<bind_mount> binds;
  std::string work_dir;      // the new root's /tmp
  std::string work_options;  // its tmpfs options (size and inode caps)
  std::string proc_dir;      // the new root's /proc
};

inline constexpr std::size_t max_bind_mounts = 64;

namespace mount_detail {

inline bool is_under(const std::string& path, const std::string& dir) {
  if (dir == "/") return true;
  return path == dir || (path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 && path[dir.size()] == '/');
}

inline unsigned long flags_of(const std::string& path) {
  struct statvfs st {};
  if (::statvfs(path.c_str(), &st) != 0) return abi::ms_nosuid | abi::ms_nodev;
  unsigned long f = 0;
  if ((st.f_flag & ST_NOSUID) != 0U) f |= abi::ms_nosuid;
  if ((st.f_flag & ST_NODEV) != 0U) f |= abi::ms_nodev;
  if ((st.f_flag & ST_NOEXEC) != 0U) f |= abi::ms_noexec;
  if ((st.f_flag & ST_NOATIME) != 0U) f |= abi::ms_noatime;
  if ((st.f_flag & ST_NODIRATIME) != 0U) f |= abi::ms_nodiratime;
  if ((st.f_flag & ST_RELATIME) != 0U) f |= abi::ms_relatime;
  return f;
}

inline void add_directory(mount_plan& plan, const std::string& path) {
  if (std::find(plan.directories.begin(), plan.directories.end(), path) == plan.directories.end())
    plan.directories.push_back(path);
}

inline void add_parents(mount_plan& plan, const std::string& inside) {
  for (std::size_t slash = inside.find('/', 1); slash != std::string::npos; slash = inside.find('/', slash + 1))
    add_directory(plan, plan.root + inside.substr(0, slash));
}

}  // namespace mount_detail

/// The view for a Python whose installation lives in `python_dirs` (absolute, canonical
/// paths: prefix, executable directory, import path entries).
[[nodiscard]] inline mount_plan make_mount_plan(const std::vector<std::string>& python_dirs,
                                                std::size_t work_dir_bytes) {
  namespace fs = std::filesystem;
  using namespace mount_detail;
  std::vector<std::string> sources;  // host directories bound read-only
  std::vector<std::pair<std::string, std::string>> links;
  for (const char* top : {"/usr", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"}) {
    std::error_code ec;
    const auto st = fs::symlink_status(top, ec);
    if (ec) continue;
    if (fs::is_symlink(st)) {
      links.emplace_back(top, fs::read_symlink(top, ec).string());
    } else if (fs::is_directory(st)) {
      sources.emplace_back(top);
    }
  }
  for (const auto& dir : python_dirs) {
    if (dir.empty() || dir[0] != '/') continue;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    if (std::any_of(sources.begin(), sources.end(), [&](const std::string& s) { return is_under(dir, s); }))
      continue;
    sources.erase(std::remove_if(sources.begin(), sources.end(), [&](const std::string& s) { return is_under(s, dir); }),
                  sources.end());
    sources.push_back(dir);
  }

  mount_plan plan;
  // Where the new root is mounted (only inside our mount namespace): any existing
  // directory that holds no source we still have to bind.
  for (const char* candidate : {"/tmp", "/mnt", "/media", "/srv", "/opt", "/var/tmp", "/home"}) {
    std::error_code ec;
    if (!fs::is_directory(candidate, ec)) continue;
    const std::string c = candidate;
    if (std::none_of(sources.begin(), sources.end(),
                     [&](const std::string& s) { return is_under(s, c) || is_under(c, s); })) {
      plan.root = c;
      break;
    }
  }
  plan.root_options = "size=1m,nr_inodes=4096,mode=0755";
  for (const auto& [link, target] : links) plan.symlinks.emplace_back(plan.root + link, target);
  for (const auto& s : sources) {
    add_parents(plan, s);
    add_directory(plan, plan.root + s);
    plan.binds.push_back({s, plan.root + s, false, flags_of(s)});
  }
  add_directory(plan, plan.root + "/dev");
  for (const char* device : {"/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom"}) {
    std::error_code ec;
    if (fs::exists(device, ec)) plan.binds.push_back({device, plan.root + device, true, flags_of("/dev")});
  }
  for (const auto& [name, target] : {std::pair{"/dev/fd", "/proc/self/fd"}, std::pair{"/dev/stdin", "/proc/self/fd/0"},
                                     std::pair{"/dev/stdout", "/proc/self/fd/1"},
                                     std::pair{"/dev/stderr", "/proc/self/fd/2"}})
    plan.symlinks.emplace_back(plan.root + name, target);
  plan.work_dir = plan.root + "/tmp";
  plan.proc_dir = plan.root + "/proc";
  add_directory(plan, plan.work_dir);
  add_directory(plan, plan.proc_dir);
  const std::size_t inodes = std::max<std::size_t>(256, std::min<std::size_t>(work_dir_bytes / 4096, 65536));
  plan.work_options = "size=" + std::to_string(work_dir_bytes) + ",nr_inodes=" + std::to_string(inodes) + ",mode=1777";
  return plan;
}

/// Opens every bind source (O_PATH) into `fds`. Done before the sandbox drops its uid: a
/// source may sit below a directory only the evaluator's user can search (a pyenv Python
/// in /root). Async-signal-safe. Returns 0 or -errno.
inline long open_mount_sources(const mount_plan& plan, int* fds) noexcept {
  if (plan.binds.size() > max_bind_mounts) return -E2BIG;
  for (std::size_t i = 0; i < plan.binds.size(); ++i) {
    const long fd = sys::call(SYS_openat, AT_FDCWD, plan.binds[i].source.c_str(), O_PATH | O_CLOEXEC);
    if (fd < 0) return fd;
    fds[i] = static_cast<int>(fd);
  }
  return 0;
}

namespace mount_detail {

struct mount_attr {
  std::uint64_t attr_set, attr_clr, propagation, userns_fd;
};
inline constexpr std::uint64_t attr_rdonly = 0x1, attr_nosuid = 0x2, attr_nodev = 0x4, attr_noexec = 0x8;
inline constexpr unsigned at_recursive = 0x8000;

inline long make_read_only(const bind_mount& b) noexcept {
  const mount_attr attr{attr_rdonly | attr_nosuid | (b.device ? attr_noexec : attr_nodev), 0, 0, 0};
  long r = sys::call(nr_mount_setattr, AT_FDCWD, b.target.c_str(), at_recursive, &attr, sizeof attr);
  if (r != -ENOSYS) return r;
  // Older kernels: a bind remount, which must repeat the flags the source's mount has.
  const unsigned long flags = abi::ms_remount | abi::ms_bind | abi::ms_rdonly | abi::ms_nosuid | b.remount_flags | (b.device ? 0UL : abi::ms_nodev);
  r = sys::call(SYS_mount, nullptr, b.target.c_str(), nullptr, flags, nullptr);
  return r;
}

}  // namespace mount_detail

/// Builds the view and makes it the root (pivot_root; the host's tree is detached).
/// `sources` are the descriptors from open_mount_sources. `fresh_proc` mounts /proc (only
/// meaningful in a new PID namespace). Async-signal-safe. On failure returns -errno and
/// sets `*step` to a short name of the failing step.
inline long apply_mounts(const mount_plan& plan, const int* sources, bool fresh_proc, const char** step) noexcept {
  using namespace mount_detail;
  auto fail = [step](const char* what, long r) {
    *step = what;
    return r;
  };
  long r = sys::call(SYS_mount, nullptr, "/", nullptr, abi::ms_rec | abi::ms_private, nullptr);
  if (r < 0) return fail("make the mount tree private", r);
  r = sys::call(SYS_mount, "tmpfs", plan.root.c_str(), "tmpfs", abi::ms_nosuid | abi::ms_nodev, plan.root_options.c_str());
  if (r < 0) return fail("mount the new root", r);
  for (const auto& dir : plan.directories) {
    r = sys::call(SYS_mkdirat, AT_FDCWD, dir.c_str(), 0755);
    if (r < 0 && r != -EEXIST) return fail("create a mount point", r);
  }
  for (const auto& [link, target] : plan.symlinks) {
    r = sys::call(SYS_symlinkat, target.c_str(), AT_FDCWD, link.c_str());
    if (r < 0 && r != -EEXIST) return fail("create a symlink", r);
  }
  for (std::size_t i = 0; i < plan.binds.size(); ++i) {
    const auto& b = plan.binds[i];
    if (b.device) {
      r = sys::call(SYS_openat, AT_FDCWD, b.target.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
      if (r < 0) return fail("create a device mount point", r);
      sys::close(static_cast<int>(r));
    }
    char source[40] = "/proc/self/fd/";
    source[14 + sys::format_unsigned(source + 14, static_cast<unsigned long>(sources[i]))] = '\0';
    r = sys::call(SYS_mount, source, b.target.c_str(), nullptr, abi::ms_bind | abi::ms_rec, nullptr);
    if (r < 0) return fail("bind a directory", r);
    r = make_read_only(b);
    if (r < 0) return fail("make a bind read-only", r);
    sys::close(sources[i]);
  }
  r = sys::call(SYS_mount, "tmpfs", plan.work_dir.c_str(), "tmpfs", abi::ms_nosuid | abi::ms_nodev, plan.work_options.c_str());
  if (r < 0) return fail("mount the work directory", r);
  if (fresh_proc) {
    r = sys::call(SYS_mount, "proc", plan.proc_dir.c_str(), "proc", abi::ms_nosuid | abi::ms_nodev | abi::ms_noexec, nullptr);
    if (r < 0) return fail("mount /proc", r);
  }
  r = sys::call(SYS_chdir, plan.root.c_str());
  if (r == 0) r = sys::call(SYS_pivot_root, ".", ".");
  if (r < 0) return fail("pivot_root", r);
  r = sys::call(SYS_umount2, ".", abi::mnt_detach);
  if (r < 0) return fail("detach the host tree", r);
  r = sys::call(SYS_chdir, "/");
  if (r == 0) r = sys::call(SYS_mount, nullptr, "/", nullptr, abi::ms_remount | abi::ms_bind | abi::ms_rdonly | abi::ms_nosuid | abi::ms_nodev, nullptr);
  if (r < 0) return fail("make the new root read-only", r);
  return 0;
}

}  // namespace code::sandbox
TRANSFERSCORE_END_NAMESPACE

#endif  // TRANSFERSCORE_SANDBOX_LINUX
