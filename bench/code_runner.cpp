// The code runner: programs per second through the full sandbox with 1 and 2 workers, and
// the sandbox's cost over a bare start of the same harness, measured in the same run.
//
//   BM_python_pass          posix_spawn `python3 -I -S -c pass` and wait: the floor
//   BM_bare_harness         posix_spawn the runner's harness (same flags, same boot code,
//                           same protocol) and run one stdin test: no sandbox, no init
//   BM_sandbox/<mode>       code::runner::run of the same program and test; mode 0 = every
//                           layer, 1 = only the user and mount namespaces (what any Python
//                           needs to start as root: a pyenv one lives below /root), 2 = no
//                           layer the options can leave out (init and the protocol remain,
//                           and as root the uid switch)
//   BM_sandbox_lcb          the same under lcb_runner's semantics (its import prefix and
//                           ast rewrite are part of every lcb program's cost)
//   BM_throughput           programs per second, every layer, ->Threads(1) and (2) workers
//   BM_overhead             one bare start and one sandboxed run, alternated in every
//                           iteration, so both see the same load: counters bare_ms,
//                           sandbox_ms and their ratio (the figure to report on a shared,
//                           noisy machine)
//
//   bench_code_runner --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
//
// The overhead to report is BM_sandbox/0 real time divided by BM_bare_harness real time.
#include <transferscore/transferscore.hpp>

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace {

namespace code = transferscore::code;
namespace sb = transferscore::code::sandbox;

const char* const program = "n = int(input())\nprint(n * 2)\n";
const std::vector<code::test_case> tests = {{"21\n", "42\n", code::test_kind::stdin_io, false}};

const sb::python_install& python() {
  static const sb::python_install py = sb::probe_python(sb::resolve_python("python3"));
  return py;
}

// The runner of a mode, or nullptr (and why) when this machine cannot make it.
const code::runner* runner_with(int mode, std::string* why) {
  struct made {
    std::optional<code::runner> runner;
    std::string error;
  };
  auto make = [](code::layer_set layers) {
    made m;
    code::runner_options o;
    o.sandbox = code::sandbox_policy::best_effort;
    o.python = python().executable;
    o.layers = layers;
    try {
      m.runner.emplace(o);
    } catch (const transferscore::config_error& e) {
      m.error = e.what();
    }
    return m;
  };
  using L = code::sandbox_layer;
  static const made all = make(code::layer_set::all());
  static const made views = make({L::userns, L::mountns});
  static const made none = make({});
  const made& m = mode == 0 ? all : mode == 1 ? views : none;
  *why = m.error;
  return m.runner ? &*m.runner : nullptr;
}

pid_t spawn(const std::vector<std::string>& args, int channel) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  if (channel >= 0) posix_spawn_file_actions_adddup2(&actions, channel, 3);
  std::vector<std::string> copy = args;
  std::vector<char*> argv;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int rc = ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

// One frame from the harness (blocking).
bool read_frame(int fd, std::string& buffer, char* kind) {
  for (;;) {
    std::size_t size = 0;
    bool oversized = false;
    if (const auto f = sb::next_frame(buffer, 1U << 24U, &size, &oversized)) {
      *kind = f->kind;
      buffer.erase(0, size);
      return true;
    }
    char chunk[65536];
    const ssize_t got = ::read(fd, chunk, sizeof chunk);
    if (got <= 0) return false;
    buffer.append(chunk, static_cast<std::size_t>(got));
  }
}

void BM_python_pass(benchmark::State& state) {
  const std::vector<std::string> args = {python().executable, "-I", "-S", "-c", "pass"};
  for (auto _ : state) {
    const pid_t pid = spawn(args, -1);
    int st = 0;
    ::waitpid(pid, &st, 0);
  }
  state.SetItemsProcessed(state.iterations());
}

// The harness started the way the sandbox starts it, minus the sandbox: posix_spawn, fd 3,
// the same boot code, harness code, program and test; true when it answered.
bool bare_run() {
  static const std::vector<std::string> args = [] {
    std::vector<std::string> a = {python().executable, "-I", "-S", "-B", "-c", std::string(sb::harness_boot)};
    for (const auto& p : python().import_path) a.push_back(p);
    return a;
  }();
  static const std::string first = [] {
    std::string f;
    sb::protocol_detail::put_u32(f, static_cast<std::uint32_t>(python().harness_code.size()));
    f += python().harness_code;
    f += sb::program_frame(code::harness::evalchemy, false, 6.0, 1U << 24U, "", program);
    sb::append_test_frame(f, tests[0].input);
    return f;
  }();
  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) return false;
  const pid_t pid = spawn(args, pair[1]);
  ::close(pair[1]);
  ::send(pair[0], first.data(), first.size(), MSG_NOSIGNAL);
  std::string in;
  char kind = 0;
  while (read_frame(pair[0], in, &kind) && kind != 'R') {
  }
  ::kill(pid, SIGKILL);
  int st = 0;
  ::waitpid(pid, &st, 0);
  ::close(pair[0]);
  return kind == 'R';
}

void BM_bare_harness(benchmark::State& state) {
  for (auto _ : state)
    if (!bare_run()) state.SkipWithError("the bare harness did not answer");
  state.SetItemsProcessed(state.iterations());
}

void run_one(benchmark::State& state, const code::runner& r, code::harness h) {
  bool ok = false;
  r.run({program, h, tests, ""}, [&](std::size_t, const code::raw_result& res) {
    ok = res.completed && res.output == "42\n";
    return true;
  });
  if (!ok) state.SkipWithError("the sandboxed program did not print 42");
}

// The runner of `mode`, or nullptr after marking the benchmark skipped.
const code::runner* runner_or_skip(benchmark::State& state, int mode) {
  std::string why;
  const auto* r = runner_with(mode, &why);
  if (r == nullptr) state.SkipWithError(why.c_str());
  return r;
}

void BM_sandbox(benchmark::State& state) {
  const auto* r = runner_or_skip(state, static_cast<int>(state.range(0)));
  if (r == nullptr) return;
  std::string layers;
  for (const auto& l : r->info().layers) layers += l + " ";
  state.SetLabel(layers);
  for (auto _ : state) run_one(state, *r, code::harness::evalchemy);
  state.SetItemsProcessed(state.iterations());
}

void BM_sandbox_lcb(benchmark::State& state) {
  const auto* r = runner_or_skip(state, 0);
  if (r == nullptr) return;
  for (auto _ : state) run_one(state, *r, code::harness::lcb);
  state.SetItemsProcessed(state.iterations());
}

void BM_throughput(benchmark::State& state) {
  const auto* r = runner_or_skip(state, 0);
  if (r == nullptr) return;
  for (auto _ : state) run_one(state, *r, code::harness::evalchemy);
  state.SetItemsProcessed(state.iterations());
}

void BM_overhead(benchmark::State& state) {
  const auto* r = runner_or_skip(state, 0);
  if (r == nullptr) return;
  using clock = std::chrono::steady_clock;
  clock::duration bare{}, sandboxed{};
  for (auto _ : state) {
    const auto t0 = clock::now();
    if (!bare_run()) state.SkipWithError("the bare harness did not answer");
    const auto t1 = clock::now();
    run_one(state, *r, code::harness::evalchemy);
    const auto t2 = clock::now();
    bare += t1 - t0;
    sandboxed += t2 - t1;
  }
  const double n = static_cast<double>(state.iterations());
  const double bare_ms = std::chrono::duration<double, std::milli>(bare).count() / n;
  const double sandbox_ms = std::chrono::duration<double, std::milli>(sandboxed).count() / n;
  state.counters["bare_ms"] = bare_ms;
  state.counters["sandbox_ms"] = sandbox_ms;
  state.counters["ratio"] = sandbox_ms / bare_ms;
}

}  // namespace

BENCHMARK(BM_overhead)->UseRealTime()->Unit(benchmark::kMillisecond)->MinTime(10);
BENCHMARK(BM_python_pass)->UseRealTime()->Unit(benchmark::kMillisecond)->MinTime(3);
BENCHMARK(BM_bare_harness)->UseRealTime()->Unit(benchmark::kMillisecond)->MinTime(3);
BENCHMARK(BM_sandbox)->Arg(0)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond)->MinTime(3);
BENCHMARK(BM_sandbox_lcb)->UseRealTime()->Unit(benchmark::kMillisecond)->MinTime(3);
BENCHMARK(BM_throughput)->Threads(1)->Threads(2)->UseRealTime()->Unit(benchmark::kMillisecond)->MinTime(3);

BENCHMARK_MAIN();
