#pragma once
// One run, from the evaluator's side: start the sandbox, stream the tests to the harness
// one at a time, hand each result to the caller as it arrives, and end everything when the
// caller says stop, a test fails, a limit is hit, or the supervisor's deadline passes
// (the graders' (timeout + 1) * n + 5 s). The loop polls the control socket, the program's
// stderr, init's status socket and init's pidfd; nothing blocks without a timeout, and
// the sandbox is always killed and reaped before returning (also when the callback throws).

#include <transferscore/scorers/code/execution.hpp>
#include <transferscore/scorers/code/sandbox/process.hpp>
#include <transferscore/scorers/code/sandbox/protocol.hpp>

#if TRANSFERSCORE_SANDBOX_LINUX

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace code::sandbox {

struct session_limits {
  double cpu_seconds_per_test = 6.0;
  double wall_seconds_per_test = 6.0;  // also the graders' `timeout` in the deadline
  bool wall_limit_per_test = false;    // lcb_runner's per-test alarm
  double deadline_grace_seconds = 5.0;  // the graders' "+ 5"
  std::uint64_t output_bytes = 16U << 20U;
  std::string scratch_parent;          // where work directories go without a mount namespace
};

struct session_result {
  std::size_t completed_tests = 0;
  bool deadline_hit = false;
  std::string error;  // the runner itself failed
};

using result_sink = std::function<bool(std::size_t, const raw_result&)>;

namespace session_detail {

inline std::string errno_text(int e) { return std::error_code(e, std::generic_category()).message(); }

inline const char* signal_name(int sig) {
  switch (sig) {
    case SIGSEGV: return "SIGSEGV";
    case SIGABRT: return "SIGABRT";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGKILL: return "SIGKILL";
    case SIGTERM: return "SIGTERM";
    case SIGXCPU: return "SIGXCPU";
    case SIGXFSZ: return "SIGXFSZ";
    case SIGPROF: return "SIGPROF";
    case SIGALRM: return "SIGALRM";
    case SIGPIPE: return "SIGPIPE";
    case SIGINT: return "SIGINT";
    case SIGHUP: return "SIGHUP";
    case SIGUSR1: return "SIGUSR1";
    case SIGUSR2: return "SIGUSR2";
    case SIGSYS: return "SIGSYS";
    default: return "a signal";
  }
}

inline std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", s);
  return buf;
}

inline bool write_file(const std::string& path, std::string_view text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  return ok;
}

/// The uid and gid maps of init's fresh user namespace when the evaluator is root: the
/// sandbox's ids inside and outside (only root may map a uid other than its own; an
/// unprivileged evaluator's init maps its own ids itself).
inline std::string write_id_maps(const launch_plan& plan, long pid) {
  const std::string base = "/proc/" + std::to_string(pid) + "/";
  if (!write_file(base + "uid_map", std::to_string(plan.sandbox_uid) + " " + std::to_string(plan.outer_uid) + " 1\n"))
    return "writing uid_map: " + errno_text(errno);
  if (!write_file(base + "gid_map", std::to_string(plan.sandbox_gid) + " " + std::to_string(plan.outer_gid) + " 1\n"))
    return "writing gid_map: " + errno_text(errno);
  return {};
}

struct descriptor {
  int fd = -1;
  descriptor() = default;
  explicit descriptor(int f) : fd(f) {}
  descriptor(const descriptor&) = delete;
  descriptor& operator=(const descriptor&) = delete;
  ~descriptor() { reset(); }
  void reset() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

inline void set_nonblocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }

}  // namespace session_detail

/// Runs `program` against `tests` in a fresh sandbox. `on_result(i, result)` is called in
/// test order from this thread; returning false stops the run. Results that did not
/// complete end the run too (every grader stops at the first failing test).
inline session_result run_session(const launch_plan& plan, const session_limits& limits, harness semantics,
                                  bool functional, std::string_view fn_name, std::string_view program,
                                  std::span<const test_case> tests, const result_sink& on_result) {
  using namespace session_detail;
  using clock = std::chrono::steady_clock;
  session_result result;
  const std::size_t n = tests.size();
  if (n == 0) return result;

  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
    result.error = "socketpair: " + errno_text(errno);
    return result;
  }
  descriptor control(pair[0]), control_child(pair[1]);
  if (::pipe2(pair, O_CLOEXEC) != 0) {
    result.error = "pipe: " + errno_text(errno);
    return result;
  }
  descriptor err(pair[0]), err_child(pair[1]);
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0) {
    result.error = "socketpair: " + errno_text(errno);
    return result;
  }
  descriptor status(pair[0]), status_child(pair[1]);

  // Without a mount namespace the work directory is a fresh host directory, removed after.
  std::string work_dir = "/tmp";
  struct scratch_remover {
    std::string path;
    ~scratch_remover() {
      std::error_code ec;
      if (!path.empty()) std::filesystem::remove_all(path, ec);
    }
  } scratch;
  if (!plan.layers.has(sandbox_layer::mountns)) {
    std::string templ = limits.scratch_parent + "/transferscore-run-XXXXXX";
    if (::mkdtemp(templ.data()) == nullptr) {
      result.error = "creating a work directory in " + limits.scratch_parent + ": " + errno_text(errno);
      return result;
    }
    scratch.path = work_dir = templ;
    // Root hands it to the program's host uid; otherwise the program already is its owner.
    if (plan.evaluator_is_root && ::chown(work_dir.c_str(), plan.outer_uid, plan.outer_gid) != 0) {
      result.error = "chown of the work directory: " + errno_text(errno);
      return result;
    }
  }
  std::vector<std::string> env_text = {"PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8", "HOME=" + work_dir,
                                       "TMPDIR=" + work_dir};
  std::vector<char*> envp;
  for (auto& e : env_text) envp.push_back(e.data());
  envp.push_back(nullptr);

  const double cpu_total = std::ceil(limits.cpu_seconds_per_test) * static_cast<double>(n + 1) + 1.0;
  launch_run run;
  run.control = control_child.fd;
  run.stderr_write = err_child.fd;
  run.status = status_child.fd;
  run.cpu_seconds_total = static_cast<std::uint64_t>(cpu_total);
  run.work_dir = work_dir.c_str();
  run.envp = envp.data();

  int pidfd_raw = -1;
  const long pid = launch_init(plan, run, &pidfd_raw);
  if (pid < 0) {
    result.error = "starting the sandbox (clone): " + errno_text(static_cast<int>(-pid));
    return result;
  }
  descriptor pidfd(pidfd_raw);
  control_child.reset();
  err_child.reset();
  status_child.reset();

  // From here on the sandbox exists: whatever happens, it is killed and reaped. Signals
  // go through the pidfd when there is one (immune to pid reuse, should some other part
  // of the evaluator reap children it does not own).
  struct reaper {
    long pid;
    int pidfd;
    bool pidns;
    void signal(int sig) const {
      if (pidfd >= 0 && sys::call(424 /* pidfd_send_signal */, pidfd, sig, nullptr, 0U) != -ENOSYS) return;
      ::kill(static_cast<pid_t>(pid), sig);
    }
    ~reaper() {
      if (pidns) {
        signal(SIGKILL);  // init: the kernel kills the whole namespace
      } else {
        signal(SIGTERM);  // init kills the program and its descendants, then exits
        for (int i = 0; i < 200; ++i) {
          siginfo_t info{};
          if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid != 0)
            break;
          ::usleep(10000);
        }
        signal(SIGKILL);
      }
      int st = 0;
      while (::waitpid(static_cast<pid_t>(pid), &st, 0) < 0 && errno == EINTR) {
      }
    }
  } reap{pid, pidfd.fd, plan.layers.has(sandbox_layer::pidns)};

  if (plan.layers.has(sandbox_layer::userns) && plan.evaluator_is_root) {  // otherwise init maps itself
    const std::string failure = write_id_maps(plan, pid);
    if (!failure.empty()) {
      result.error = "setting up the user namespace: " + failure;
      return result;
    }
  }
  const char go = 1;
  ::send(status.fd, &go, 1, MSG_NOSIGNAL);
  set_nonblocking(control.fd);
  set_nonblocking(err.fd);
  set_nonblocking(status.fd);

  const auto start = clock::now();
  const double deadline_seconds =
      (limits.wall_seconds_per_test + 1.0) * static_cast<double>(n) + limits.deadline_grace_seconds;
  const auto deadline = start + std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(deadline_seconds));
  const auto wall = std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(limits.wall_seconds_per_test));
  const std::size_t max_body = limits.output_bytes + 8192;

  enum class phase { starting, compiling, testing, done };
  phase at = phase::starting;
  std::size_t current = 0;
  auto phase_start = start;
  std::string outgoing;
  protocol_detail::put_u32(outgoing, static_cast<std::uint32_t>(plan.harness_code.size()));
  outgoing += plan.harness_code;
  outgoing += program_frame(semantics, functional, limits.cpu_seconds_per_test, limits.output_bytes, fn_name, program);
  std::size_t sent = 0;
  std::string incoming;
  std::string stderr_text;
  bool control_open = true;
  bool init_gone = false;
  std::optional<status_record> ended;

  // Hands one result to the caller; decides whether the run goes on.
  auto deliver = [&](const raw_result& r) {
    if (r.completed) ++result.completed_tests;
    const bool more = on_result(current, r);
    if (!r.completed || !more || current + 1 >= n) {
      at = phase::done;
      return;
    }
    ++current;
    append_test_frame(outgoing, tests[current].input);
    phase_start = clock::now();
  };
  auto fail_current = [&](test_outcome outcome, std::string message) {
    raw_result r;
    r.outcome = outcome;
    r.message = std::move(message);
    deliver(r);
    at = phase::done;
  };
  auto read_control = [&] {
    char buf[65536];
    for (;;) {
      const ssize_t got = ::recv(control.fd, buf, sizeof buf, MSG_DONTWAIT);
      if (got > 0) {
        incoming.append(buf, static_cast<std::size_t>(got));
        continue;
      }
      if (got == 0 || (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK)) control_open = false;
      if (got < 0 && errno == EINTR) continue;
      break;
    }
    std::size_t used = 0;
    while (at != phase::done) {
      std::size_t size = 0;
      bool oversized = false;
      const auto f = next_frame(std::string_view(incoming).substr(used), max_body, &size, &oversized);
      if (oversized) {
        fail_current(test_outcome::output_limit, "the result exceeded the output cap of " +
                                                     std::to_string(limits.output_bytes) + " bytes");
        break;
      }
      if (!f) break;
      used += size;
      if (f->kind == 'H' && at == phase::starting) {
        at = phase::compiling;
        phase_start = clock::now();
      } else if (f->kind == 'C' && at == phase::compiling) {
        at = phase::testing;
        append_test_frame(outgoing, tests[0].input);
        phase_start = clock::now();
      } else if (f->kind == 'R' && (at == phase::compiling || at == phase::testing)) {
        const auto r = decode_result(f->body);
        if (!r) {
          fail_current(test_outcome::runtime_error, "the program wrote to the runner's control channel");
          break;
        }
        deliver(*r);
      } else {
        fail_current(test_outcome::runtime_error, "the program wrote to the runner's control channel");
        break;
      }
    }
    incoming.erase(0, used);
  };
  auto read_status = [&] {
    for (;;) {
      status_record rec;
      const ssize_t got = ::recv(status.fd, &rec, sizeof rec, MSG_DONTWAIT);
      if (got == static_cast<ssize_t>(sizeof rec)) {
        if (rec.kind == status_record::setup_failed) {
          rec.step[sizeof rec.step - 1] = '\0';
          result.error = std::string("setting up the sandbox (") + rec.step + "): " + errno_text(rec.error);
          at = phase::done;
          return;
        }
        if (rec.kind == status_record::program_ended) ended = rec;
        continue;
      }
      if (got == 0) init_gone = true;
      if (got < 0 && errno == EINTR) continue;
      return;
    }
  };
  auto read_stderr = [&] {
    char buf[8192];
    for (;;) {
      const ssize_t got = ::read(err.fd, buf, sizeof buf);
      if (got > 0) {
        if (stderr_text.size() < 8192) stderr_text.append(buf, static_cast<std::size_t>(std::min<ssize_t>(got, 8192)));
        continue;
      }
      if (got < 0 && errno == EINTR) continue;
      return;
    }
  };
  auto classify_end = [&] {
    if (at == phase::starting) {
      std::string why = "the Python harness did not start";
      if (ended && WIFEXITED(ended->wait_status)) why += " (exit status " + std::to_string(WEXITSTATUS(ended->wait_status)) + ")";
      if (ended && WIFSIGNALED(ended->wait_status))
        why += std::string(" (killed by ") + signal_name(WTERMSIG(ended->wait_status)) + ")";
      if (!stderr_text.empty()) why += ": " + stderr_text.substr(0, 2000);
      result.error = why;
      at = phase::done;
      return;
    }
    if (!ended) {
      fail_current(test_outcome::runtime_error, "the sandbox ended unexpectedly");
      return;
    }
    const int ws = ended->wait_status;
    const double cpu = static_cast<double>(ended->cpu_microseconds) / 1e6;
    const std::string cpu_limit =
        "exceeded the CPU-time limit of " + seconds_text(limits.cpu_seconds_per_test) + " s per test";
    if (WIFSIGNALED(ws)) {
      const int sig = WTERMSIG(ws);
      if (sig == SIGPROF || sig == SIGXCPU || (sig == SIGKILL && cpu >= cpu_total - 0.5)) {
        fail_current(test_outcome::cpu_time_limit, cpu_limit);
      } else if (sig == SIGSEGV) {
        fail_current(test_outcome::runtime_error,
                     "the process crashed (SIGSEGV; deep recursion overflowing the C stack does this)");
      } else {
        fail_current(test_outcome::runtime_error, std::string("the process was killed by ") + signal_name(sig) + " (" +
                                                      std::to_string(sig) + ")");
      }
    } else {
      fail_current(test_outcome::runtime_error, "the process exited with status " +
                                                    std::to_string(WEXITSTATUS(ws)) + " before finishing the test");
    }
  };

  while (at != phase::done) {
    const auto now = clock::now();
    if (now >= deadline) {
      result.deadline_hit = true;
      if (at == phase::starting) {
        result.error = "the Python harness did not start within " + seconds_text(deadline_seconds) + " s";
        break;
      }
      fail_current(test_outcome::wall_time_limit,
                   "the run exceeded the supervisor's deadline of " + seconds_text(deadline_seconds) + " s ((" +
                       seconds_text(limits.wall_seconds_per_test) + " + 1) * " + std::to_string(n) + " tests + " +
                       seconds_text(limits.deadline_grace_seconds) + ")");
      break;
    }
    auto wake = deadline;
    if (limits.wall_limit_per_test && at != phase::starting) {
      const auto test_end = phase_start + wall;
      if (now >= test_end) {
        fail_current(test_outcome::wall_time_limit, "exceeded the wall-clock limit of " +
                                                        seconds_text(limits.wall_seconds_per_test) + " s per test");
        break;
      }
      wake = std::min(wake, test_end);
    }
    pollfd fds[4];
    nfds_t count = 0;
    const bool want_write = sent < outgoing.size();
    const int control_slot = control_open ? static_cast<int>(count) : -1;
    if (control_open) fds[count++] = {control.fd, static_cast<short>(POLLIN | (want_write ? POLLOUT : 0)), 0};
    const int err_slot = static_cast<int>(count);
    fds[count++] = {err.fd, POLLIN, 0};
    const int status_slot = static_cast<int>(count);
    fds[count++] = {status.fd, POLLIN, 0};
    const int pidfd_slot = pidfd.fd >= 0 ? static_cast<int>(count) : -1;
    if (pidfd.fd >= 0) fds[count++] = {pidfd.fd, POLLIN, 0};
    auto wait_ms = std::chrono::duration_cast<std::chrono::milliseconds>(wake - now).count() + 1;
    if (pidfd.fd < 0) wait_ms = std::min<long long>(wait_ms, 100);
    const int ready = ::poll(fds, count, static_cast<int>(std::min<long long>(wait_ms, 1000 * 60)));
    if (ready < 0 && errno != EINTR) {
      result.error = "poll: " + errno_text(errno);
      break;
    }
    if (ready <= 0) {
      if (pidfd.fd < 0) {
        siginfo_t info{};
        if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid != 0)
          init_gone = true;
      }
      if (!init_gone) continue;
    }
    if (control_slot >= 0 && (fds[control_slot].revents & POLLOUT) != 0 && sent < outgoing.size()) {
      const ssize_t put = ::send(control.fd, outgoing.data() + sent, outgoing.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (put > 0) sent += static_cast<std::size_t>(put);
      if (sent == outgoing.size()) {
        outgoing.clear();
        sent = 0;
      }
    }
    if (control_slot >= 0 && (fds[control_slot].revents & (POLLIN | POLLHUP | POLLERR)) != 0) read_control();
    if ((fds[err_slot].revents & (POLLIN | POLLHUP)) != 0) read_stderr();
    if ((fds[status_slot].revents & (POLLIN | POLLHUP)) != 0) read_status();
    if (pidfd_slot >= 0 && (fds[pidfd_slot].revents & POLLIN) != 0) init_gone = true;
    if (at == phase::done) break;
    if (ended || init_gone) {
      // The program is gone: take whatever it reported before, then judge how it ended.
      read_status();
      if (control_open) read_control();
      read_stderr();
      if (at != phase::done) classify_end();
    }
  }
  return result;
}

}  // namespace code::sandbox
TRANSFERSCORE_END_NAMESPACE

#endif  // TRANSFERSCORE_SANDBOX_LINUX
