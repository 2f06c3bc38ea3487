#pragma once
// The code runner: executes a generated Python program against its tests in a fresh
// interpreter inside an OS-level sandbox, with the execution semantics of the grader the
// caller names (lcb_runner or the study's evalchemy checker), and streams each test's raw
// result back. Comparison with expected outputs is the scorer's: they never enter the
// sandbox. Linux only; elsewhere making a runner is a configuration error. See
// docs/sandbox.md for the threat model, the layers and the limits.
//
//   code::runner r({});                                  // python3 from PATH, every layer
//   r.run({program, code::harness::lcb, tests, ""},
//         [&](std::size_t i, const code::raw_result& res) { return compare(i, res); });

#include <transferscore/config.hpp>
#include <transferscore/core/error.hpp>
#include <transferscore/scorers/code/execution.hpp>
#include <transferscore/scorers/code/sandbox/harness.hpp>
#include <transferscore/scorers/code/sandbox/layers.hpp>
#include <transferscore/scorers/code/sandbox/landlock.hpp>
#include <transferscore/scorers/code/sandbox/mounts.hpp>
#include <transferscore/scorers/code/sandbox/process.hpp>
#include <transferscore/scorers/code/sandbox/protocol.hpp>
#include <transferscore/scorers/code/sandbox/python.hpp>
#include <transferscore/scorers/code/sandbox/rlimits.hpp>
#include <transferscore/scorers/code/sandbox/seccomp.hpp>
#include <transferscore/scorers/code/sandbox/supervisor.hpp>
#include <transferscore/scorers/code/sandbox/system.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#if TRANSFERSCORE_SANDBOX_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

TRANSFERSCORE_BEGIN_NAMESPACE
namespace code {

/// `require` (default): refuse to run unless every layer is active. `best_effort`: run
/// with what the machine allows and say so (runner_info::best_effort).
enum class sandbox_policy : std::uint8_t { require, best_effort };

struct runner_options {
  std::string python = "python3";  ///< a path, or a name looked up on PATH once
  sandbox_policy sandbox = sandbox_policy::require;
  double cpu_seconds_per_test = 6.0;   ///< CPU time per test (and for lcb's compile step)
  double wall_seconds_per_test = 6.0;  ///< lcb's per-test wall limit; both graders' `timeout` in the deadline
  double deadline_grace_seconds = 5.0;  ///< the "+ 5" of the graders' deadline (timeout + 1) * tests + 5
  std::size_t memory_bytes = sizeof(std::size_t) >= 8 ? std::size_t{4} << 30U : std::size_t{1} << 30U;  ///< RLIMIT_AS
  std::size_t output_bytes = std::size_t{16} << 20U;  ///< captured output (or encoded return value) per test
  std::size_t max_processes = 64;   ///< RLIMIT_NPROC: tasks (processes and threads) of the sandbox's uid
  std::size_t max_open_files = 256;  ///< RLIMIT_NOFILE
  std::size_t file_bytes = std::size_t{64} << 20U;      ///< RLIMIT_FSIZE: the largest file the program may write
  std::size_t stack_bytes = std::size_t{8} << 20U;      ///< RLIMIT_STACK: the main thread's stack
  std::size_t work_dir_bytes = std::size_t{64} << 20U;  ///< size of the private tmpfs work directory
  std::uint32_t sandbox_uid = 65534;  ///< the program's uid (and, when the evaluator is root, its uid on the host)
  std::uint32_t sandbox_gid = 65534;
  layer_set layers = layer_set::all();  ///< layers to try; leaving one out needs best_effort (tests, diagnosis)
};

struct run_request {
  std::string_view program;           ///< the extracted program text
  code::harness semantics = harness::lcb;
  std::span<const test_case> tests;   ///< only .input and .kind are read
  std::string_view fn_name;           ///< lcb: metadata.func_name (non-empty: functional tests)
};

struct run_report {
  std::size_t completed_tests = 0;  ///< results with completed == true
  bool deadline_hit = false;        ///< the supervisor deadline (timeout + 1) * n + 5 s ended the run
  std::string error;                ///< non-empty: the runner itself failed (the verdict is a runtime_error)
};

struct runner_info {
  std::string python_path;     ///< the interpreter the sandbox runs (sys.executable of the resolved one)
  std::string python_version;  ///< e.g. "3.11.2"
  std::vector<std::string> layers;  ///< active layers, e.g. "userns", "pidns", ..., "landlock", "seccomp"
  bool best_effort = false;    ///< some layer is missing and the policy allowed it
  std::vector<std::string> missing;  ///< the missing layers, each with its reason
  int landlock_abi = 0;        ///< the kernel's Landlock ABI version (0: none)
};

using result_callback = std::function<bool(std::size_t, const raw_result&)>;

#if TRANSFERSCORE_SANDBOX_LINUX

namespace runner_detail {

inline void check_options(const runner_options& o) {
  auto positive = [](double v, const char* name) {
    if (!(v > 0.0) || v > 86400.0) TRANSFERSCORE_THROW(config_error(std::string(name) + " must be in (0, 86400] seconds"));
  };
  positive(o.cpu_seconds_per_test, "cpu_seconds_per_test");
  positive(o.wall_seconds_per_test, "wall_seconds_per_test");
  if (!(o.deadline_grace_seconds >= 0.0) || o.deadline_grace_seconds > 86400.0)
    TRANSFERSCORE_THROW(config_error("deadline_grace_seconds must be in [0, 86400] seconds"));
  if (o.memory_bytes < (std::size_t{64} << 20U)) TRANSFERSCORE_THROW(config_error("memory_bytes must be at least 64 MiB"));
  if (o.output_bytes == 0) TRANSFERSCORE_THROW(config_error("output_bytes must be positive"));
  if (o.max_processes < 2) TRANSFERSCORE_THROW(config_error("max_processes must be at least 2 (init and Python)"));
  if (o.max_open_files < 16) TRANSFERSCORE_THROW(config_error("max_open_files must be at least 16"));
  if (o.stack_bytes < (std::size_t{1} << 20U)) TRANSFERSCORE_THROW(config_error("stack_bytes must be at least 1 MiB"));
  if (o.work_dir_bytes < (std::size_t{1} << 20U)) TRANSFERSCORE_THROW(config_error("work_dir_bytes must be at least 1 MiB"));
  if (o.sandbox_uid == 0 || o.sandbox_gid == 0)
    TRANSFERSCORE_THROW(config_error("sandbox_uid and sandbox_gid must not be 0: the sandbox never runs as root"));
}

/// At most the hard limit the evaluator itself has (an unprivileged process cannot raise it).
inline std::uint64_t within_hard_limit(int resource, std::uint64_t wanted) {
  rlimit current{};
  if (::getrlimit(resource, &current) == 0 && current.rlim_max != RLIM_INFINITY &&
      static_cast<std::uint64_t>(current.rlim_max) < wanted)
    return current.rlim_max;
  return wanted;
}

inline std::unique_ptr<sandbox::launch_plan> make_plan(const runner_options& o, const sandbox::python_install& py,
                                                       layer_set layers, int landlock_abi, bool clone_pidfd) {
  auto plan = std::make_unique<sandbox::launch_plan>();
  plan->layers = layers;
  plan->evaluator_is_root = ::geteuid() == 0;
  plan->sandbox_uid = o.sandbox_uid;
  plan->sandbox_gid = o.sandbox_gid;
  plan->outer_uid = plan->evaluator_is_root ? o.sandbox_uid : static_cast<std::uint32_t>(::geteuid());
  plan->outer_gid = plan->evaluator_is_root ? o.sandbox_gid : static_cast<std::uint32_t>(::getegid());
  plan->python = py.executable;
  plan->argv_text = {py.executable, "-I", "-S", "-B", "-c", std::string(sandbox::harness_boot)};
  plan->harness_code = py.harness_code;
  for (const auto& p : py.import_path)
    if (!p.empty()) plan->argv_text.push_back(p);
  plan->mounts = sandbox::make_mount_plan(py.directories, o.work_dir_bytes);
  plan->landlock.abi = landlock_abi;
  if (layers.has(sandbox_layer::mountns)) {
    plan->landlock.allow_read("/");
    plan->landlock.allow_devices("/dev");
  } else {
    for (const auto& b : plan->mounts.binds) {
      if (b.device) {
        plan->landlock.allow_devices(b.source);
      } else {
        plan->landlock.allow_read(b.source);
      }
    }
  }
  plan->filter = sandbox::build_seccomp_filter();
  plan->limits.set(RLIMIT_AS, within_hard_limit(RLIMIT_AS, o.memory_bytes));
  plan->limits.set(RLIMIT_NPROC, within_hard_limit(RLIMIT_NPROC, o.max_processes));
  plan->limits.set(RLIMIT_FSIZE, within_hard_limit(RLIMIT_FSIZE, o.file_bytes));
  plan->limits.set(RLIMIT_NOFILE, within_hard_limit(RLIMIT_NOFILE, o.max_open_files));
  plan->limits.set(RLIMIT_STACK, within_hard_limit(RLIMIT_STACK, o.stack_bytes));
  plan->limits.set(RLIMIT_CORE, 0);
  plan->use_clone_pidfd = clone_pidfd;
  plan->seal();
  return plan;
}

inline std::string scratch_parent() {
  const char* t = std::getenv("TMPDIR");
  return t != nullptr && t[0] == '/' ? std::string(t) : std::string("/tmp");
}

}  // namespace runner_detail

/// Runs programs in the sandbox. Construct once (it finds Python and checks every layer
/// with a real sandboxed start), then call run() from any number of threads.
class runner {
 public:
  /// Throws config_error when Python is missing, broken or older than 3.9, or when a
  /// layer is missing and the policy is `require`.
  explicit runner(runner_options options) : options_(std::move(options)) {
    using namespace runner_detail;
    check_options(options_);
    const std::string resolved = sandbox::resolve_python(options_.python);
    python_ = sandbox::probe_python(resolved);
    info_.python_path = python_.executable;
    info_.python_version = python_.version;
    info_.landlock_abi = sandbox::landlock_abi_version();
    limits_.cpu_seconds_per_test = options_.cpu_seconds_per_test;
    limits_.wall_seconds_per_test = options_.wall_seconds_per_test;
    limits_.deadline_grace_seconds = options_.deadline_grace_seconds;
    limits_.output_bytes = options_.output_bytes;
    limits_.scratch_parent = scratch_parent();
    choose_layers();
  }

  /// Runs `request.tests` in order, calling `on_result(i, result)` as each finishes (from
  /// this thread); when it returns false the program is stopped and later tests are not
  /// run. Tests after a result that did not complete are not run either.
  run_report run(const run_request& request, const result_callback& on_result) const {
    sandbox::session_limits limits = limits_;
    limits.wall_limit_per_test = request.semantics == harness::lcb;
    // lcb_runner picks call-based grading from the problem's func_name; evalchemy from
    // the first test's type.
    const bool functional = request.semantics == harness::lcb
                                ? !request.fn_name.empty()
                                : (!request.tests.empty() && request.tests.front().kind == test_kind::functional);
    const auto s = sandbox::run_session(*plan_, limits, request.semantics, functional, request.fn_name,
                                        request.program, request.tests, on_result);
    return {s.completed_tests, s.deadline_hit, s.error};
  }

  [[nodiscard]] const runner_info& info() const noexcept { return info_; }
  [[nodiscard]] const runner_options& options() const noexcept { return options_; }

 private:
  // Tries the strongest configuration the options allow, then weaker ones, each checked
  // with a real sandboxed start; keeps the first that works.
  void choose_layers() {
    using namespace runner_detail;
    const layer_set wanted = options_.layers;
    const bool root = ::geteuid() == 0;
    std::vector<std::string> reasons;
    layer_set others;  // rlimits, Landlock, seccomp: what does not depend on namespaces
    for (auto l : {sandbox_layer::rlimits, sandbox_layer::landlock, sandbox_layer::seccomp})
      if (wanted.has(l)) others.add(l);
    if (wanted.has(sandbox_layer::landlock) && info_.landlock_abi == 0) {
      others.remove(sandbox_layer::landlock);
      reasons.push_back("landlock: the kernel has no Landlock (or it is disabled)");
    }
    if (wanted.has(sandbox_layer::seccomp) && !sandbox::seccomp_available()) {
      others.remove(sandbox_layer::seccomp);
      reasons.push_back("seccomp: no seccomp filters for this kernel or architecture");
    }
    layer_set with_namespaces = others;
    for (auto l : {sandbox_layer::pidns, sandbox_layer::netns, sandbox_layer::mountns, sandbox_layer::ipcns,
                   sandbox_layer::utsns})
      if (wanted.has(l)) with_namespaces.add(l);
    // Strongest first. The program never runs as root: as root, without a user namespace
    // the sandbox switches to sandbox_uid (uid-drop), whatever the options say.
    std::vector<layer_set> candidates;
    if (wanted.has(sandbox_layer::userns)) candidates.push_back(layer_set(with_namespaces).add(sandbox_layer::userns));
    if (root) {
      candidates.push_back(layer_set(with_namespaces).add(sandbox_layer::uid_drop));
      candidates.push_back(layer_set(others).add(sandbox_layer::uid_drop));
    } else {
      candidates.push_back(others);  // without a user namespace an unprivileged process gets no other namespace
    }
    bool pidfd = true;
    for (const auto& candidate : candidates) {
      std::string failure = smoke_test(candidate, pidfd);
      if (!failure.empty() && pidfd && failure.find("(clone)") != std::string::npos) {
        pidfd = false;  // kernels before 5.2 have no CLONE_PIDFD
        failure = smoke_test(candidate, pidfd);
      }
      if (failure.empty()) {
        active_ = candidate;
        break;
      }
      reasons.push_back("[" + join(layer_list(candidate)) + "] " + failure);
    }
    if (plan_ == nullptr)
      TRANSFERSCORE_THROW(config_error("the code runner cannot start Python in any sandbox configuration: " + join(reasons, "; ")));

    info_.layers = layer_list(active_);
    const bool identity = active_.has(sandbox_layer::userns) || active_.has(sandbox_layer::uid_drop);
    if (!identity) info_.missing.push_back("userns: " + reason_for(reasons, "user namespaces are not available"));
    for (auto l : {sandbox_layer::pidns, sandbox_layer::netns, sandbox_layer::mountns, sandbox_layer::ipcns,
                   sandbox_layer::utsns, sandbox_layer::rlimits, sandbox_layer::landlock, sandbox_layer::seccomp}) {
      if (active_.has(l)) continue;
      std::string why = wanted.has(l) ? reason_for(reasons, "not available here") : "left out by runner_options.layers";
      info_.missing.push_back(std::string(to_string(l)) + ": " + why);
    }
    info_.best_effort = !info_.missing.empty();
    if (info_.best_effort && options_.sandbox == sandbox_policy::require)
      TRANSFERSCORE_THROW(config_error("sandbox=require, but some layers are missing: " + join(info_.missing, "; ") +
                                       ". Use --set sandbox=best-effort to run anyway (see docs/sandbox.md)"));
  }

  std::string smoke_test(layer_set layers, bool pidfd) {
    auto plan = runner_detail::make_plan(options_, python_, layers, info_.landlock_abi, pidfd);
    const test_case probe{"", "", test_kind::stdin_io, false};
    std::string got;
    bool completed = false;
    std::string message;
    sandbox::session_limits limits = limits_;
    limits.cpu_seconds_per_test = std::max(limits.cpu_seconds_per_test, 10.0);
    limits.wall_seconds_per_test = std::max(limits.wall_seconds_per_test, 10.0);
    limits.deadline_grace_seconds = std::max(limits.deadline_grace_seconds, 20.0);
    const auto s = sandbox::run_session(*plan, limits, harness::evalchemy, false, "", "print(6 * 7)",
                                        std::span<const test_case>(&probe, 1), [&](std::size_t, const raw_result& r) {
                                          completed = r.completed;
                                          got = r.output;
                                          message = r.message;
                                          return true;
                                        });
    if (!s.error.empty()) return s.error;
    if (!completed) return "the test program failed: " + message;
    if (got != "42\n") return "the test program printed " + got.substr(0, 100) + " instead of 42";
    plan_ = std::shared_ptr<const sandbox::launch_plan>(std::move(plan));
    return {};
  }

  static std::string join(const std::vector<std::string>& parts, const char* sep = ", ") {
    std::string out;
    for (const auto& p : parts) {
      if (!out.empty()) out += sep;
      out += p;
    }
    return out;
  }
  static std::string reason_for(const std::vector<std::string>& reasons, const char* fallback) {
    return reasons.empty() ? fallback : reasons.front();
  }

  runner_options options_;
  runner_info info_;
  sandbox::python_install python_;
  sandbox::session_limits limits_;
  layer_set active_;
  std::shared_ptr<const sandbox::launch_plan> plan_;
};

#else  // not Linux

/// The runner needs Linux (namespaces, Landlock, seccomp); elsewhere it is a configuration
/// error to make one, and everything else still compiles.
class runner {
 public:
  explicit runner(runner_options options) : options_(std::move(options)) {
    TRANSFERSCORE_THROW(config_error("executing programs (--execute) needs Linux: the code runner's sandbox uses "
                                     "Linux namespaces, Landlock and seccomp"));
  }
  run_report run(const run_request&, const result_callback&) const { return {0, false, "the code runner needs Linux"}; }
  [[nodiscard]] const runner_info& info() const noexcept { return info_; }
  [[nodiscard]] const runner_options& options() const noexcept { return options_; }

 private:
  runner_options options_;
  runner_info info_;
};

#endif

}  // namespace code
TRANSFERSCORE_END_NAMESPACE
