#pragma once
// Starting one sandbox: the evaluator's thread clones a child into fresh namespaces; that
// child is the sandbox's init (pid 1 of its PID namespace), which builds the filesystem
// view, drops to the sandbox's uid and starts the program (pid 2): Python running the
// harness, with rlimits, Landlock and seccomp applied just before exec. When the program
// ends, init reports how (wait status, CPU time) and exits, and the kernel kills whatever
// else is left in the namespace. Python as pid 1 would ignore signals and leave orphans;
// our init does neither.
//
// Everything the children use (paths, argv, environment, BPF program, limits) is prepared
// before the clone; after it, both children make system calls only (the evaluator is
// multi-threaded: no malloc, no locks). The evaluator's thread waits for its own child by
// pid or pidfd, never with waitpid(-1).

#include <transferscore/scorers/code/sandbox/landlock.hpp>
#include <transferscore/scorers/code/sandbox/mounts.hpp>
#include <transferscore/scorers/code/sandbox/rlimits.hpp>
#include <transferscore/scorers/code/sandbox/seccomp.hpp>
#include <transferscore/scorers/code/sandbox/system.hpp>

#if TRANSFERSCORE_SANDBOX_LINUX

#include <csignal>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace code::sandbox {

/// What init and the program's process do, fixed when the runner is made. Not copyable:
/// argv, envp and the BPF program point into its own storage.
struct launch_plan {
  layer_set layers;               // the layers this runner applies
  bool evaluator_is_root = false;
  std::uint32_t sandbox_uid = 65534;
  std::uint32_t sandbox_gid = 65534;
  std::uint32_t outer_uid = 0;    // the program's uid on the host (userns: what 65534 maps to)
  std::uint32_t outer_gid = 0;
  std::string python;
  std::vector<std::string> argv_text;
  std::vector<char*> argv;
  std::string harness_code;        // sent first on the control socket (see harness_boot)
  mount_plan mounts;
  landlock_plan landlock;
  std::vector<bpf_instruction> filter;
  bpf_program filter_program{0, nullptr};
  rlimit_plan limits;              // RLIMIT_CPU is set per run
  bool use_clone_pidfd = true;

  launch_plan() = default;
  launch_plan(const launch_plan&) = delete;
  launch_plan& operator=(const launch_plan&) = delete;

  void seal() {
    argv.clear();
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    filter_program = {static_cast<unsigned short>(filter.size()), filter.data()};
  }
};

/// Per run: the descriptors the children inherit and what differs between runs.
struct launch_run {
  int control = -1;      // the sandbox's end of the control socket (becomes fd 3 of Python)
  int stderr_write = -1;  // Python's stderr
  int status = -1;       // init's end of the status socket
  std::uint64_t cpu_seconds_total = 0;  // RLIMIT_CPU of the whole run
  const char* work_dir = "/tmp";        // the program's working directory
  char* const* envp = nullptr;
};

/// One message from init (or from the program's process before exec) to the supervisor.
struct status_record {
  enum kind_t : std::uint32_t { setup_failed = 1, program_ended = 2 };
  std::uint32_t kind = 0;
  std::int32_t error = 0;        // errno of a failed setup step
  std::int32_t wait_status = 0;  // of the program
  std::int32_t reserved = 0;
  std::int64_t cpu_microseconds = 0;
  std::int64_t max_rss_kb = 0;
  char step[64] = {};            // which setup step failed
};

// The descriptor numbers inside the sandbox.
inline constexpr int fd_control = 3;
inline constexpr int fd_stderr = 4;  // in init; Python gets it as fd 2
inline constexpr int fd_status = 5;

namespace process_detail {

inline void send_record(const status_record& r) noexcept {
  sys::call(SYS_sendto, fd_status, &r, sizeof r, MSG_NOSIGNAL, nullptr, 0);
}

[[noreturn]] inline void die(const char* step, long error) noexcept {
  status_record r;
  r.kind = status_record::setup_failed;
  r.error = static_cast<std::int32_t>(-error);
  std::size_t i = 0;
  for (; step[i] != '\0' && i + 1 < sizeof r.step; ++i) r.step[i] = step[i];
  r.step[i] = '\0';
  send_record(r);
  sys::call(SYS_exit_group, 127);
  __builtin_unreachable();
}

struct kernel_sigset {
  unsigned long bits[1];
};

inline kernel_sigset signal_set(std::initializer_list<int> signals) noexcept {
  kernel_sigset s{{0}};
  for (int sig : signals) s.bits[0] |= 1UL << static_cast<unsigned>(sig - 1);
  return s;
}

/// Keeps only the three inherited descriptors init needs, renumbered 3, 4, 5.
inline void settle_descriptors(const launch_run& run) noexcept {
  const int wanted[3] = {run.control, run.stderr_write, run.status};
  int base = 3;
  for (int fd : wanted)
    if (fd >= base) base = fd + 1;
  for (int i = 0; i < 3; ++i)
    if (sys::dup_to(wanted[i], base + i) < 0) die("arrange descriptors", -errno);
  if (sys::call(nr_close_range, 0U, static_cast<unsigned>(base - 1), 0U) < 0)
    for (int fd = 0; fd < base; ++fd) sys::close(fd);
  for (int i = 0; i < 3; ++i)
    if (sys::dup_to(base + i, fd_control + i) < 0) die("arrange descriptors", -errno);
  sys::close_from(fd_status + 1);
}

/// Drops every capability init holds in its user namespace.
/// Every signal back to its default action: dispositions the evaluator set (handlers, or
/// SIG_IGN, which exec keeps) must not reach init or the program.
inline void default_signals() noexcept {
  struct {
    unsigned long handler, flags, restorer, mask;
  } action{0 /* SIG_DFL */, 0, 0, 0};
  for (int sig = 1; sig < 32; ++sig)
    if (sig != SIGKILL && sig != SIGSTOP) sys::call(SYS_rt_sigaction, sig, &action, nullptr, sizeof(unsigned long));
}

/// Writes "deny" to setgroups, then maps `sandbox` ids to `outer` ids, for the calling
/// process's own (fresh) user namespace.
inline long write_own_id_maps(const launch_plan& plan) noexcept {
  auto write_file = [](const char* path, const char* text, std::size_t size) -> long {
    const long fd = sys::call(SYS_openat, AT_FDCWD, path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return fd;
    const long w = sys::call(SYS_write, fd, text, size);
    sys::close(static_cast<int>(fd));
    return w < 0 ? w : 0;
  };
  auto map_line = [](char* out, std::uint32_t inside, std::uint32_t outside) {
    std::size_t n = sys::format_unsigned(out, inside);
    out[n++] = ' ';
    n += sys::format_unsigned(out + n, outside);
    out[n++] = ' ';
    out[n++] = '1';
    out[n++] = '\n';
    return n;
  };
  long r = write_file("/proc/self/setgroups", "deny", 4);
  if (r < 0) return r;
  char line[48];
  r = write_file("/proc/self/uid_map", line, map_line(line, plan.sandbox_uid, plan.outer_uid));
  if (r < 0) return r;
  return write_file("/proc/self/gid_map", line, map_line(line, plan.sandbox_gid, plan.outer_gid));
}

/// Empties the capability bounding set, so nothing the program execs can gain one.
inline long drop_bounding_set() noexcept {
  for (long cap = 0; cap < 64; ++cap) {
    const long r = sys::call(SYS_prctl, abi::pr_capbset_drop, cap, 0, 0, 0);
    if (r == -EINVAL) break;  // past the last capability this kernel knows
    if (r < 0) return r;
  }
  return 0;
}

inline long drop_capabilities() noexcept {
  struct {
    std::uint32_t version;
    int pid;
  } header{0x20080522U /* _LINUX_CAPABILITY_VERSION_3 */, 0};
  struct {
    std::uint32_t effective, permitted, inheritable;
  } data[2] = {};
  return sys::call(SYS_capset, &header, data);
}

[[noreturn]] inline void program_main(const launch_plan& plan, const launch_run& run) noexcept {
  const kernel_sigset none{{0}};
  sys::call(SYS_rt_sigprocmask, SIG_SETMASK, &none, nullptr, sizeof none);
  // Descriptors: 0 and 1 are /dev/null (what the program reads or writes there is not what
  // the graders capture), 2 the stderr pipe, 3 the control socket; the status socket stays
  // for error reports and closes at exec.
  long r = sys::call(SYS_openat, AT_FDCWD, "/dev/null", O_RDONLY);
  if (r != 0) die("open /dev/null", r < 0 ? r : -EBADF);
  r = sys::call(SYS_openat, AT_FDCWD, "/dev/null", O_WRONLY);
  if (r != 1) die("open /dev/null", r < 0 ? r : -EBADF);
  if (sys::dup_to(fd_stderr, 2) < 0) die("arrange descriptors", -errno);
  sys::close(fd_stderr);
  sys::call(SYS_fcntl, fd_status, F_SETFD, FD_CLOEXEC);
  if (plan.layers.has(sandbox_layer::rlimits)) {
    rlimit_plan limits = plan.limits;
    limits.set(RLIMIT_CPU, run.cpu_seconds_total);
    r = apply_rlimits(limits);
    if (r < 0) die("set rlimits", r);
  }
  sys::call(SYS_umask, 022);
  r = sys::call(SYS_chdir, run.work_dir);
  if (r < 0) die("enter the work directory", r);
  sys::call(SYS_prctl, abi::pr_set_pdeathsig, SIGKILL, 0, 0, 0);
  if (plan.layers.has(sandbox_layer::landlock)) {
    r = apply_landlock(plan.landlock, run.work_dir);
    if (r < 0) die("apply Landlock", r);
  }
  if (plan.layers.has(sandbox_layer::seccomp)) {
    r = install_seccomp_filter(plan.filter_program);
    if (r < 0) die("install the seccomp filter", r);
  }
  r = sys::call(SYS_execve, plan.python.c_str(), plan.argv.data(), run.envp);
  die("start Python", r);
}

/// Kills what is left of the program's processes when there is no PID namespace to do
/// it: init is their subreaper, so orphans come to it and are killed in turn.
inline void kill_descendants() noexcept {
  const long self = sys::call(SYS_getpid);
  char path[64] = "/proc/";
  std::size_t n = 6 + sys::format_unsigned(path + 6, static_cast<unsigned long>(self));
  const char* mid = "/task/";
  for (std::size_t i = 0; mid[i] != '\0'; ++i) path[n++] = mid[i];
  n += sys::format_unsigned(path + n, static_cast<unsigned long>(self));
  const char* tail = "/children";
  for (std::size_t i = 0; tail[i] != '\0'; ++i) path[n++] = tail[i];
  path[n] = '\0';
  for (int round = 0; round < 10000; ++round) {
    int status = 0;
    while (sys::call(SYS_wait4, -1, &status, WNOHANG, nullptr) > 0) {
    }
    const long fd = sys::call(SYS_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    char buffer[4096];
    const long got = sys::call(SYS_read, fd, buffer, sizeof buffer - 1);
    sys::close(static_cast<int>(fd));
    if (got <= 0) {
      if (sys::call(SYS_wait4, -1, &status, WNOHANG, nullptr) == -ECHILD) return;
      continue;
    }
    long pid = 0;
    for (long i = 0; i <= got; ++i) {
      const char c = i < got ? buffer[i] : ' ';
      if (c >= '0' && c <= '9') {
        pid = pid * 10 + (c - '0');
      } else if (pid > 0) {
        sys::call(SYS_kill, pid, SIGKILL);
        pid = 0;
      }
    }
  }
}

}  // namespace process_detail

/// The sandbox's init. Never returns.
[[noreturn]] inline void init_main(const launch_plan& plan, const launch_run& run) noexcept {
  using namespace process_detail;
  default_signals();
  settle_descriptors(run);
  sys::call(SYS_prctl, abi::pr_set_pdeathsig, SIGKILL, 0, 0, 0);
  const layer_set& l = plan.layers;
  sys::call(SYS_setsid);  // out of the evaluator's session: its terminal's signals stay there
  if (!l.has(sandbox_layer::pidns)) sys::call(SYS_prctl, abi::pr_set_child_subreaper, 1, 0, 0, 0);
  int sources[max_bind_mounts];
  long r = 0;
  if (l.has(sandbox_layer::mountns)) {
    r = open_mount_sources(plan.mounts, sources);
    if (r < 0) die("open the directories to bind", r);
  }
  // The user namespace's id maps: an unprivileged evaluator's child writes its own (it may
  // map only its own ids, which is all it needs); root's are written by the evaluator,
  // which alone may map the sandbox uid, and init waits for its word. The work above
  // overlaps with that.
  if (l.has(sandbox_layer::userns) && !plan.evaluator_is_root) {
    r = write_own_id_maps(plan);
    if (r < 0) die("write the user namespace's id maps", r);
  } else {
    char go = 0;
    if (sys::call(SYS_read, fd_status, &go, 1) != 1 || go != 1) sys::call(SYS_exit_group, 1);
  }
  auto switch_ids = [&](bool clear_groups) {
    if (clear_groups) {
      r = sys::call(SYS_setgroups, 0, nullptr);
      if (r < 0) die("clear supplementary groups", r);
    }
    r = sys::call(SYS_setresgid, plan.sandbox_gid, plan.sandbox_gid, plan.sandbox_gid);
    if (r < 0) die("switch to the sandbox gid", r);
    r = sys::call(SYS_setresuid, plan.sandbox_uid, plan.sandbox_uid, plan.sandbox_uid);
    if (r < 0) die("switch to the sandbox uid", r);
  };
  // In a user namespace the ids change first: files init creates must belong to a mapped
  // uid, and the capabilities it needs are those of the namespace, which the switch keeps.
  // Without one (root), the mounts need root and the switch comes after them.
  if (l.has(sandbox_layer::userns)) switch_ids(plan.evaluator_is_root);
  if (l.has(sandbox_layer::mountns)) {
    const char* step = "";
    r = apply_mounts(plan.mounts, sources, l.has(sandbox_layer::pidns), &step);
    if (r < 0) die(step, r);
  }
  if (l.has(sandbox_layer::utsns)) sys::call(SYS_sethostname, "sandbox", 7);
  if (l.has(sandbox_layer::userns) || l.has(sandbox_layer::uid_drop)) {
    r = drop_bounding_set();
    if (r < 0) die("empty the capability bounding set", r);
  }
  if (l.has(sandbox_layer::uid_drop)) switch_ids(true);
  if (l.has(sandbox_layer::userns)) {
    r = drop_capabilities();
    if (r < 0) die("drop capabilities", r);
  }
  const kernel_sigset waited = signal_set({SIGCHLD, SIGTERM});
  sys::call(SYS_rt_sigprocmask, SIG_BLOCK, &waited, nullptr, sizeof waited);
  const long program = sys::call(SYS_clone, SIGCHLD, 0, 0, 0, 0);
  if (program < 0) die("start the program's process", program);
  if (program == 0) program_main(plan, run);
  sys::close(fd_control);
  sys::close(fd_stderr);

  status_record done;
  done.kind = status_record::program_ended;
  for (;;) {
    int status = 0;
    struct rusage usage {};
    const long pid = sys::call(SYS_wait4, -1, &status, WNOHANG, &usage);
    if (pid == program) {
      done.wait_status = status;
      done.cpu_microseconds = static_cast<std::int64_t>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000000 +
                              usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
      done.max_rss_kb = usage.ru_maxrss;
      break;
    }
    if (pid > 0) continue;  // an orphan of the program: reaped so it counts no more
    const struct {
      long sec, nsec;
    } wait_at_most{1, 0};
    const long sig = sys::call(SYS_rt_sigtimedwait, &waited, nullptr, &wait_at_most, sizeof waited);
    if (sig == SIGTERM) sys::call(SYS_kill, program, SIGKILL);
  }
  if (!l.has(sandbox_layer::pidns)) kill_descendants();
  send_record(done);
  sys::call(SYS_exit_group, 0);
  __builtin_unreachable();
}

/// Clones init into the namespaces of `plan.layers`. Returns its pid (and its pidfd in
/// `*pidfd` when the kernel gives one, else -1), or -errno. Call from any thread.
inline long launch_init(const launch_plan& plan, const launch_run& run, int* pidfd) noexcept {
  unsigned long flags = SIGCHLD;
  const layer_set& l = plan.layers;
  if (l.has(sandbox_layer::userns)) flags |= abi::clone_newuser;
  if (l.has(sandbox_layer::pidns)) flags |= abi::clone_newpid;
  if (l.has(sandbox_layer::netns)) flags |= abi::clone_newnet;
  if (l.has(sandbox_layer::mountns)) flags |= abi::clone_newns;
  if (l.has(sandbox_layer::ipcns)) flags |= abi::clone_newipc;
  if (l.has(sandbox_layer::utsns)) flags |= abi::clone_newuts;
  int fd = -1;
  if (plan.use_clone_pidfd) flags |= abi::clone_pidfd;  // the pidfd lands in `fd`
  const long pid = sys::call(SYS_clone, flags, 0, &fd, 0, 0);
  if (pid == 0) init_main(plan, run);
  *pidfd = pid > 0 && plan.use_clone_pidfd ? fd : -1;
  return pid;
}

}  // namespace code::sandbox
TRANSFERSCORE_END_NAMESPACE

#endif  // TRANSFERSCORE_SANDBOX_LINUX
