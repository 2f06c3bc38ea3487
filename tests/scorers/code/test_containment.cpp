// The containment suite: hostile programs, each contained while the evaluator (this test
// process) survives, with nothing left behind (no process on the host, no file outside the
// work directory). The attacks also go through `posix` and os.posix_spawn, which the
// graders' reliability_guard does not patch. Limits are small so that each case is short.
#include <transferscore/transferscore.hpp>

#include "runner_fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace code = transferscore::code;
using runner_fixture::stdin_test;

#if TRANSFERSCORE_SANDBOX_LINUX

#include <grp.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

constexpr auto lcb = code::harness::lcb;
constexpr auto evalchemy = code::harness::evalchemy;

// A leftover process would show this number in its command line (a sleep's duration, in
// seconds: 1,000,000 to 4,999,999); made of the test process's pid, it keeps test cases
// that ctest runs in parallel apart.
const std::string marker = std::to_string(1000000 + ::getpid() % 4000000);

code::runner_options small_limits() {
  code::runner_options o;
  o.sandbox = code::sandbox_policy::best_effort;  // contained either way; the layers are reported
  o.cpu_seconds_per_test = 1;
  o.wall_seconds_per_test = 1;
  o.deadline_grace_seconds = 0.5;  // evalchemy's deadline for one test: (1 + 1) * 1 + 0.5 s
  o.memory_bytes = 256U << 20U;
  o.output_bytes = 1U << 20U;
  o.max_processes = 16;
  o.file_bytes = 1U << 20U;
  o.work_dir_bytes = 1U << 20U;
  return o;
}

const code::runner& contained_runner() {
  static const std::optional<code::runner> r = [] {
    std::string why;
    auto made = runner_fixture::make_runner(small_limits(), &why);
    if (!made) FAIL("no runner: " << why);
    std::string layers;
    for (const auto& l : made->info().layers) layers += l + " ";
    MESSAGE("containment suite layers: " << layers);
    return made;
  }();
  return *r;
}

struct attack_result {
  runner_fixture::outcome run;
  [[nodiscard]] code::test_outcome outcome() const { return run.first().outcome; }
};

/// Runs `program`, then checks what every attack must leave: a working runner, no
/// leftover process, nothing in the canary directory (whose path is the test's input).
attack_result attack(code::harness h, const std::string& program, const std::string& input = "") {
  runner_fixture::canary_dir canary;
  attack_result a{runner_fixture::run(contained_runner(), h, program,
                                      {stdin_test(input.empty() ? canary.path.string() + "\n" : input)})};
  INFO("message: " << (a.run.results.empty() ? "" : a.run.results.front().message));
  CHECK(runner_fixture::processes_with(marker) == 0);
  CHECK(canary.empty());
  CHECK_FALSE(std::filesystem::exists("/tmp/transferscore-attack"));
  // The evaluator lives on and the next program runs normally.
  CHECK(runner_fixture::run(contained_runner(), evalchemy, "print(6 * 7)", {stdin_test("")}).out() == "42\n");
  return a;
}

bool killed_by_a_limit(code::test_outcome o) {
  return o == code::test_outcome::cpu_time_limit || o == code::test_outcome::wall_time_limit;
}

}  // namespace

TEST_CASE("fork bomb: os.fork is patched away, posix.fork and posix_spawn hit the process limit") {
  CHECK(attack(lcb, "import os\nwhile True:\n    os.fork()").run.first().message.find("TypeError") != std::string::npos);
  const auto a = attack(lcb,
                        "import posix, time\n"
                        "while True:\n"
                        "    try:\n"
                        "        if posix.fork() == 0:\n"
                        "            time.sleep(" + marker + ")\n"
                        "    except OSError:\n"
                        "        pass\n");
  CHECK(killed_by_a_limit(a.outcome()));
  // The shell's bomb runs until the wall limit ends the sandbox.
  const auto s = attack(lcb, "import os, time\nos.posix_spawn('/bin/sh', ['sh', '-c', 'f() { f | f & }; f; sleep " + marker +
                                 "'], {})\ntime.sleep(" + marker + ")");
  CHECK(killed_by_a_limit(s.outcome()));
}

TEST_CASE("memory hog: the address-space limit turns it into a memory_limit") {
  CHECK(attack(lcb, "x = bytearray(1 << 30)").outcome() == code::test_outcome::memory_limit);
  // Growing by steps: a MemoryError at 256 MiB, unless a loaded machine takes longer than
  // evalchemy's 2.5 s deadline (or the test's own time limits) to fill the pages: contained
  // either way, as ctest's parallel runs showed.
  const auto steps = attack(evalchemy, "l = []\nwhile True:\n    l.append(bytearray(32 << 20))");
  CHECK((steps.outcome() == code::test_outcome::memory_limit || killed_by_a_limit(steps.outcome()) ||
         steps.run.report.deadline_hit));
}

TEST_CASE("infinite loop: the CPU-time limit") {
  const auto e = attack(evalchemy, "while True:\n    pass");
  // 1 s of CPU normally comes before the 2.5 s deadline; on a loaded machine it may not.
  CHECK((e.outcome() == code::test_outcome::cpu_time_limit || e.run.report.deadline_hit));
  CHECK(killed_by_a_limit(attack(lcb, "while True:\n    pass").outcome()));  // both limits are 1 s here
}

TEST_CASE("sleeping forever: lcb's per-test wall limit, evalchemy's supervisor deadline") {
  const auto l = attack(lcb, "import time\ntime.sleep(" + marker + ")");
  CHECK(l.outcome() == code::test_outcome::wall_time_limit);
  CHECK_FALSE(l.run.report.deadline_hit);
  const auto e = attack(evalchemy, "import time\ntime.sleep(" + marker + ")");
  CHECK(e.outcome() == code::test_outcome::wall_time_limit);
  CHECK(e.run.report.deadline_hit);
}

TEST_CASE("output flood: the output cap") {
  CHECK(attack(evalchemy, "while True:\n    print('x' * 1000)").outcome() == code::test_outcome::output_limit);
  CHECK(attack(lcb, "import sys\nwhile True:\n    sys.stdout.write('y' * 100000)").outcome() ==
        code::test_outcome::output_limit);
  // A flood to stderr or fd 1 is not captured: it only burns the CPU limit.
  CHECK(killed_by_a_limit(attack(lcb, "import os\nwhile True:\n    os.write(2, b'z' * 65536)").outcome()));
}

TEST_CASE("writing outside the work directory") {
  const std::string program =
      "import os, posix\n"
      "target = input().strip()\n"
      "for path in [os.path.join(target, 'evil'), '/evil', '/etc/evil', '/usr/evil', '/tmp/transferscore-attack']:\n"
      "    try:\n"
      "        fd = posix.open(path, posix.O_WRONLY | posix.O_CREAT, 0o644)\n"
      "        posix.write(fd, b'x')\n"
      "        print('wrote', path)\n"
      "    except OSError as e:\n"
      "        print('refused', e.errno)\n"
      "os.posix_spawn('/bin/sh', ['sh', '-c', 'echo x > \"$0\"/evil2; echo x > /etc/evil2', target], {})\n"
      "os.wait()\n";
  const auto a = attack(evalchemy, program);
  const std::string out = a.run.out();
  // The canary is not even visible with a mount namespace, and Landlock refuses it without
  // one; /tmp is the sandbox's own tmpfs (it is gone with the sandbox).
  CHECK(out.find("wrote /etc") == std::string::npos);
  CHECK(out.find("wrote /usr") == std::string::npos);
  CHECK(out.find("wrote /evil") == std::string::npos);
}

TEST_CASE("a loopback network connection") {
  const runner_fixture::loopback_listener listener;
  const std::string port = std::to_string(listener.port);
  const auto r = attack(evalchemy,
                        "import socket, _socket\n"
                        "for make in (lambda: socket.socket(), lambda: _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)):\n"
                        "    try:\n"
                        "        s = make()\n"
                        "        s.connect(('127.0.0.1', " + port + "))\n"
                        "        print('connected')\n"
                        "    except OSError as e:\n"
                        "        print('refused', e.errno)\n");
  CHECK(r.run.out().find("connected") == std::string::npos);
  CHECK_FALSE(listener.accepted());
}

TEST_CASE("reading a root-only file") {
  const auto a = attack(evalchemy,
                        "import os\nfor path in ['/etc/shadow', os.path.join('/root', '.profile'), '/proc/1/environ']:\n"
                        "    try:\n"
                        "        print('read', path, len(open(path).read()))\n"
                        "    except OSError as e:\n"
                        "        print('refused', e.errno)\n");
  CHECK(a.run.out().find("refused") != std::string::npos);  // the program ran its loop
  CHECK(a.run.out().find("read") == std::string::npos);
}

TEST_CASE("killing its parent, init, everything") {
  const auto a = attack(evalchemy,
                        "import posix, signal\n"
                        "for pid in [posix.getppid(), 1, -1]:\n"
                        "    try:\n"
                        "        posix.kill(pid, signal.SIGKILL)\n"
                        "    except OSError:\n"
                        "        pass\n"
                        "print('still here')\n");
  CHECK(a.run.out() == "still here\n");
}

TEST_CASE("ignoring SIGTERM does not outlive the limits") {
  const auto a = attack(lcb, "import signal, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\nwhile True:\n    time.sleep(1)");
  CHECK(a.outcome() == code::test_outcome::wall_time_limit);
}

TEST_CASE("orphans in a new session are killed with the sandbox") {
  const auto a = attack(evalchemy,
                        "import os, posix\n"
                        "if posix.fork() == 0:\n"
                        "    os.setsid()\n"
                        "    if posix.fork() == 0:\n"
                        "        posix.execv('/bin/sleep', ['sleep', '" + marker + "'])\n"
                        "    posix._exit(0)\n"
                        "os.posix_spawn('/bin/sleep', ['sleep', '" + marker + "'], {}, setsid=True)\n"
                        "import time\n"
                        "time.sleep(0.2)\n"
                        "print('done')\n");
  CHECK(a.run.out() == "done\n");  // the check for leftovers is in attack()
}

TEST_CASE("deep recursion crashes only the program") {
  const auto a = attack(lcb, "import sys\nsys.setrecursionlimit(10 ** 6)\ndef f(n):\n    return list(map(f, [n + 1]))\nf(0)");
  CHECK_FALSE(a.run.first().completed);
  CHECK((a.outcome() == code::test_outcome::runtime_error || killed_by_a_limit(a.outcome())));
}

TEST_CASE("the evaluator's stdin is out of reach") {
  int pipefd[2];
  REQUIRE(::pipe(pipefd) == 0);
  REQUIRE(::write(pipefd[1], "SECRET\n", 7) == 7);
  const int saved = ::dup(0);
  REQUIRE(::dup2(pipefd[0], 0) == 0);
  const auto a = attack(evalchemy,
                        "import posix\n"
                        "got = []\n"
                        "for read in (lambda: posix.read(0, 100), lambda: open('/dev/stdin', 'rb').read(),\n"
                        "             lambda: open('/proc/self/fd/0', 'rb').read(), lambda: open('/proc/1/fd/0', 'rb').read()):\n"
                        "    try:\n"
                        "        got.append(read())\n"
                        "    except OSError as e:\n"
                        "        got.append(e.errno)\n"
                        "print(got)\n",
                        "input\n");
  ::dup2(saved, 0);
  ::close(saved);
  ::close(pipefd[0]);
  ::close(pipefd[1]);
  CHECK(a.run.out().find("SECRET") == std::string::npos);
}

TEST_CASE("the suite's attacks from an unprivileged evaluator") {
  if (::geteuid() != 0) {
    MESSAGE("this process is unprivileged already: the suite above is the unprivileged run");
    return;
  }
  // A child that drops to nobody and runs a few attacks with a runner of its own.
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(10);
    std::string why;
    const auto r = runner_fixture::make_runner(small_limits(), &why);
    if (!r) ::_exit(11);
    int failures = 0;
    auto one = [&](code::harness h, const std::string& program) {
      code::raw_result got;
      const std::vector<code::test_case> tests = {stdin_test("")};
      r->run({program, h, tests, ""}, [&](std::size_t, const code::raw_result& res) {
        got = res;
        return true;
      });
      return got;
    };
    auto expect = [&](bool ok, const char* what) {
      if (!ok) {
        std::fprintf(stderr, "unprivileged: %s\n", what);
        ++failures;
      }
    };
    expect(one(evalchemy, "import os\nprint(os.getuid())").output == "65534\n", "uid");
    expect(one(lcb, "import time\ntime.sleep(" + marker + ")").outcome == code::test_outcome::wall_time_limit, "sleep");
    one(evalchemy, "import os, posix\nif posix.fork() == 0:\n    os.setsid()\n    posix.execv('/bin/sleep', ['sleep', '" +
                       marker + "'])\nprint(1)");
    expect(runner_fixture::processes_with(marker) == 0, "orphan");
    expect(one(evalchemy, "import posix\ntry:\n    posix.kill(posix.getppid(), 9)\nexcept OSError:\n    pass\nprint('alive')")
                   .output == "alive\n",
           "kill");
    const auto layers = r->info().layers;
    const bool namespaces = std::find(layers.begin(), layers.end(), "userns") != layers.end();
    ::_exit(failures == 0 ? (namespaces ? 0 : 1) : 20 + failures);
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  const int code = WEXITSTATUS(status);
  if (code == 11) {
    MESSAGE("skipped: no python3 on PATH that an unprivileged user can start");
    return;
  }
  CHECK(code != 10);
  CHECK(code < 20);  // every attack contained
  if (code == 1) MESSAGE("unprivileged: no user namespaces here, the fallback layers contained the attacks");
}

#else

TEST_CASE("the containment suite needs Linux") { MESSAGE("skipped: the code runner is Linux-only"); }

#endif
