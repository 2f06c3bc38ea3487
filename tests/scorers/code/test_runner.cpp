// The code runner's execution semantics: the grader habits of scoring-rules.md §1.2
// (the study's evalchemy checker) and §1.3 (lcb_runner), each run for real in the sandbox.
// The runner reports raw results (captured stdout, tagged return values, errors); which of
// them pass is the comparator's call, so these tests pin what the program produced. Every
// expectation was checked against the graders' own code on the same programs.
#include <transferscore/transferscore.hpp>

#include "runner_fixture.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace code = transferscore::code;

#if TRANSFERSCORE_SANDBOX_LINUX

namespace {

using runner_fixture::call_test;
using runner_fixture::stdin_test;

const code::runner& shared_runner() {
  static const std::optional<code::runner> r = [] {
    code::runner_options o;
    o.sandbox = code::sandbox_policy::best_effort;  // the layers are test_sandbox.cpp's subject
    o.cpu_seconds_per_test = 4;
    o.wall_seconds_per_test = 4;
    return runner_fixture::make_runner(o);
  }();
  REQUIRE(r);
  return *r;
}

runner_fixture::outcome run(code::harness h, const std::string& program, const std::vector<code::test_case>& tests,
                            const std::string& fn_name = "") {
  return runner_fixture::run(shared_runner(), h, program, tests, fn_name);
}

const std::vector<code::test_case> twenty_one = {stdin_test("21\n")};
constexpr auto lcb = code::harness::lcb;
constexpr auto evalchemy = code::harness::evalchemy;

}  // namespace

TEST_CASE("a stdin program and a functional program run under both harnesses") {
  for (auto h : {lcb, evalchemy}) {
    const auto s = run(h, "n = int(input())\nprint(n * 2)\n", {stdin_test("21\n"), stdin_test("3\n")});
    REQUIRE(s.results.size() == 2);
    CHECK(s.out(0) == "42\n");
    CHECK(s.out(1) == "6\n");
    CHECK(s.report.completed_tests == 2);
    CHECK_FALSE(s.report.deadline_hit);

    const auto f = run(h, "def twice(n):\n    return [n, n * 2]\n", {call_test("21"), call_test("3")}, "twice");
    REQUIRE(f.results.size() == 2);
    CHECK(f.out(0) == "[21,42]");
    CHECK(f.out(1) == "[3,6]");
  }
  const auto& info = shared_runner().info();
  CHECK(info.python_version.rfind("3.", 0) == 0);
  CHECK(info.python_path.front() == '/');
}

TEST_CASE("stdin idioms both graders accept") {
  const std::vector<std::string> programs = {
      "n = int(input())\nprint(n * 2)",
      "import sys\nwhile True:\n    try:\n        x = input()\n    except EOFError:\n        break\n    print(int(x) * 2)",
      "import sys\nline = sys.stdin.readline()\nwhile line:\n    print(int(line) * 2)\n    line = sys.stdin.readline()",
      "import sys\nprint(int(sys.stdin.read()) * 2)",
      "from sys import stdin\nprint(int(stdin.readline()) * 2)",
      "import sys\ninput = sys.stdin.readline\nprint(int(input()) * 2)",
      "import sys\nsys.stdout.write(str(int(input()) * 2) + '\\n')",
      "import sys\nprint('debug', file=sys.stderr)\nprint(int(input()) * 2)",
      "import sys, threading\nsys.setrecursionlimit(10**6)\nthreading.stack_size(2**26)\n"
      "def main():\n    print(int(input()) * 2)\nt = threading.Thread(target=main)\nt.start()\nt.join()",
      "def main():\n    print(int(input()) * 2)\nif __name__ == \"__main__\":\n    main()",
  };
  for (const auto& p : programs) {
    INFO(p);
    CHECK(run(lcb, p, twenty_one).out() == "42\n");
    CHECK(run(evalchemy, p, twenty_one).out() == "42\n");
  }
}

TEST_CASE("lcb_runner's stdin mock: what passes there and what does not") {
  // sys.stdin.buffer.read() is mocked; exit() and sys.exit() are swallowed after printing.
  CHECK(run(lcb, "import sys\nprint(int(sys.stdin.buffer.read()) * 2)", twenty_one).out() == "42\n");
  CHECK(run(lcb, "print(int(input()) * 2)\nexit()", twenty_one).out() == "42\n");
  CHECK(run(lcb, "import sys\nprint(int(input()) * 2)\nsys.exit(0)\nprint('after')", twenty_one).out() == "42\n");
  // A trailing `if __name__ == '__main__':` is unwrapped, whatever the quotes.
  CHECK(run(lcb, "def main():\n    print(int(input()) * 2)\nif __name__ == '__main__':\n    main()", twenty_one).out() ==
        "42\n");
  // The mock is not iterable.
  CHECK(run(lcb, "import sys\nfor line in sys.stdin:\n    print(int(line) * 2)", twenty_one)
            .error_contains("not iterable"));
  // readlines() splits on "\n" and keeps the trailing "".
  CHECK(run(lcb, "import sys\nprint(sum(int(l) for l in sys.stdin.readlines()) * 2)", twenty_one)
            .error_contains("ValueError"));
  CHECK(run(lcb, "import sys\nprint(sys.stdin.readlines())", twenty_one).out() == "['21', '']\n");
  // buffer.readline() always returns the first line.
  CHECK(run(lcb, "import sys\nprint(sys.stdin.buffer.readline(), sys.stdin.buffer.readline())", {stdin_test("1\n2\n")})
            .out() == "b'1\\n' b'1\\n'\n");
  // The prefix's `from sys import *` binds the real stdin, whose readline the patches
  // replace by a line iterator (no newline, StopIteration at the end).
  CHECK(run(lcb, "print(repr(stdin.readline()))", twenty_one).out() == "'21'\n");
  // open(0) is the prefix's io.open, not the mocked builtin: it reads the real fd 0 (empty).
  CHECK(run(lcb, "print(repr(open(0).read()))", twenty_one).out() == "''\n");
  // Module-level names become locals of wrapped_function: a `global` misses them.
  CHECK(run(lcb, "x = 0\ndef f():\n    global x\n    x = int(input())\nf()\nprint(x * 2)", twenty_one).out() == "0\n");
  // Writes to fd 1 escape the capture.
  CHECK(run(lcb, "import os\nos.write(1, b'42\\n')", twenty_one).out().empty());
  // The captured stream is a StringIO: no buffer; its close() takes an argument.
  CHECK(run(lcb, "import sys\nsys.stdout.buffer.write(b'42')", twenty_one).error_contains("AttributeError"));
  // "class Solution" in a stdin program: lcb_runner instantiates Solution, which
  // make_function has moved into wrapped_function's body.
  CHECK(run(lcb, "class Solution:\n    pass\nprint(int(input()) * 2)", twenty_one).error_contains("'Solution'"));
}

TEST_CASE("evalchemy's exec(code, {}): what passes there and what does not") {
  CHECK(run(evalchemy, "import sys\nfor line in sys.stdin:\n    print(int(line) * 2)", twenty_one).out() == "42\n");
  CHECK(run(evalchemy, "import sys\nprint(sum(int(l) for l in sys.stdin.readlines()) * 2)", twenty_one).out() == "42\n");
  CHECK(run(evalchemy, "import sys\nprint(int(sys.stdin.buffer.read()) * 2)", twenty_one).error_contains("AttributeError"));
  // reliability_guard sets exit to None.
  CHECK(run(evalchemy, "print(int(input()) * 2)\nexit()", twenty_one).error_contains("'NoneType' object is not callable"));
  // Only the double-quoted __main__ test gets `__name__ = "__main__"` prepended.
  CHECK(run(evalchemy, "def main():\n    print(int(input()) * 2)\nif __name__ == '__main__':\n    main()", twenty_one)
            .out()
            .empty());
  // A module-level global works (the code runs at module level).
  CHECK(run(evalchemy, "x = 0\ndef f():\n    global x\n    x = int(input())\nf()\nprint(x * 2)", twenty_one).out() ==
        "42\n");
  CHECK(run(evalchemy, "class Solution:\n    pass\nprint(int(input()) * 2)", twenty_one).out() == "42\n");
}

TEST_CASE("SystemExit escapes evalchemy's checker and ends its run") {
  const std::string program = "import sys\nprint(int(input()) * 2)\nsys.exit(0)";
  const auto e = run(evalchemy, program, {stdin_test("21\n"), stdin_test("1\n")});
  REQUIRE(e.results.size() == 1);  // the second test is never run
  CHECK(e.error_contains("SystemExit"));
  CHECK(e.error_contains("ends here"));
  const auto l = run(lcb, program, {stdin_test("21\n"), stdin_test("1\n")});
  REQUIRE(l.results.size() == 2);
  CHECK(l.out(1) == "2\n");
}

TEST_CASE("output is raw: trailing spaces, 42.000 and blank lines are the comparator's business") {
  for (auto h : {lcb, evalchemy}) {
    CHECK(run(h, "print('%.3f  ' % (int(input()) * 2))\nprint()", twenty_one).out() == "42.000  \n\n");
  }
}

TEST_CASE("functional tests: how each grader finds and calls the function") {
  const std::string solution = "class Solution:\n    def twice(self, n):\n        return n * 2\n";
  CHECK(run(lcb, solution, {call_test("21")}, "twice").out() == "42");
  // evalchemy takes the token before the first "(": twice, not a top-level name.
  CHECK(run(evalchemy, solution, {call_test("21")}).error_contains("KeyError"));
  // lcb_runner: a missing function is an error before any test.
  CHECK(run(lcb, "def other(n):\n    return n", {call_test("1")}, "twice").error_contains("'twice'"));
  // lcb_runner: each input line is a JSON value.
  CHECK(run(lcb, "def f(a, s, b):\n    return [a, s, b]", {call_test("[1, 2]\n\"x\\ty\"\ntrue")}, "f").out() ==
        "[[1,2],\"x\\ty\",true]");
  // evalchemy: quoted lines lose their quotes (no unescaping), [..] is JSON, then int,
  // float, else the text; "k = v" inputs are split on commas.
  CHECK(run(evalchemy, "def f(a, s, b, c):\n    return [a, s, b, c]", {call_test("[1, 2]\n\"x\\ty\"\ntrue\n2.5")}).out() ==
        "[[1,2],\"x\\\\ty\",\"true\",2.5]");
  CHECK(run(evalchemy, "def f(a, b):\n    return [a, b]", {call_test("nums = 3, target = \"ab\"")}).out() == "[3,\"ab\"]");
  // Prints inside the function are not part of the result.
  CHECK(run(lcb, "def f(n):\n    print('noise')\n    return n", {call_test("5")}, "f").out() == "5");
}

TEST_CASE("functional results are JSON with Python's types tagged") {
  auto value = [](const std::string& expression) {
    return run(lcb, "def f(n):\n    return " + expression, {call_test("0")}, "f").out();
  };
  CHECK(value("(1, [2, (3,)])") == R"({"__tuple__":[1,[2,{"__tuple__":[3]}]]})");
  CHECK(value("[float('nan'), float('inf'), -float('inf'), 0.1, 2.0, 1e16]") ==
        R"([{"__float__":"nan"},{"__float__":"inf"},{"__float__":"-inf"},0.1,2.0,1e+16])");
  CHECK(value("[True, None, 'é\"\\n']") == "[true,null,\"é\\\"\\n\"]");
  CHECK(value("{'a': 1, 'b': [2]}") == R"({"a":1,"b":[2]})");
  CHECK(value("{1: 2}") == R"({"__repr__":"{1: 2}"})");
  CHECK(value("{3}") == R"({"__repr__":"{3}"})");
  CHECK(value("{'__tuple__': 1}") == R"({"__repr__":"{'__tuple__': 1}"})");
  CHECK(value("10 ** 5000") == "1" + std::string(5000, '0'));  // not bounded by the digit limit
  const std::string cyclic = run(lcb, "def f(n):\n    a = [1]\n    a.append(a)\n    return a", {call_test("0")}, "f").out();
  CHECK(cyclic == R"([1,{"__repr__":"[1, [...]]"}])");  // the cycle is cut where it closes
}

TEST_CASE("each grader's integer-digit and recursion limits") {
  // lcb_runner's evaluator raises the int/str digit limit to 50000; evalchemy keeps 4300.
  CHECK(run(lcb, "print(len(str(10 ** 5000)))", {stdin_test("")}).out() == "5001\n");
  CHECK(run(evalchemy, "print(len(str(10 ** 5000)))", {stdin_test("")}).error_contains("ValueError"));
  // lcb_runner's prefix raises the recursion limit to 50000; evalchemy keeps 1000.
  const std::string deep = "def d(n):\n    return 0 if n == 0 else 1 + d(n - 1)\nprint(d(5000))";
  CHECK(run(lcb, deep, {stdin_test("")}).out() == "5000\n");
  CHECK(run(evalchemy, deep, {stdin_test("")}).error_contains("RecursionError"));
}

TEST_CASE("state across tests: lcb keeps one Solution and one module, evalchemy re-executes") {
  const std::string counter =
      "class Solution:\n    calls = 0\n    def f(self, n):\n        Solution.calls += 1\n        return Solution.calls\n";
  const auto l = run(lcb, counter, {call_test("0"), call_test("0")}, "f");
  CHECK(l.out(0) == "1");
  CHECK(l.out(1) == "2");
  const std::string plain = "calls = [0]\ndef f(n):\n    calls[0] += 1\n    return calls[0]\n";
  const auto e = run(evalchemy, plain, {call_test("0"), call_test("0")});
  CHECK(e.out(0) == "1");
  CHECK(e.out(1) == "1");
}

TEST_CASE("errors: syntax errors, exceptions, and where the run stops") {
  for (auto h : {lcb, evalchemy}) {
    const auto syntax = run(h, "print(", {stdin_test(""), stdin_test("")});
    REQUIRE(syntax.results.size() == 1);
    CHECK(syntax.error_contains("SyntaxError"));
    const auto raised = run(h, "n = int(input())\nprint(10 // n)", {stdin_test("5\n"), stdin_test("0\n"), stdin_test("1\n")});
    REQUIRE(raised.results.size() == 2);
    CHECK(raised.out(0) == "2\n");
    CHECK(raised.error_contains("ZeroDivisionError", 1));
    CHECK(raised.report.completed_tests == 1);
  }
}

TEST_CASE("the caller stops the run by returning false") {
  std::vector<code::test_case> tests(5, stdin_test("21\n"));
  std::size_t seen = 0;
  const auto report = shared_runner().run({"print(int(input()) * 2)", lcb, tests, ""},
                                          [&](std::size_t, const code::raw_result&) { return ++seen < 2; });
  CHECK(seen == 2);
  CHECK(report.completed_tests == 2);
  CHECK(report.error.empty());
}

TEST_CASE("no tests: nothing runs") {
  bool called = false;
  const auto report = shared_runner().run({"print(1)", lcb, {}, ""}, [&](std::size_t, const code::raw_result&) {
    called = true;
    return true;
  });
  CHECK_FALSE(called);
  CHECK(report.completed_tests == 0);
  CHECK(report.error.empty());
}

TEST_CASE("several threads run programs at once on one runner") {
  std::vector<std::string> outputs(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < outputs.size(); ++t)
    threads.emplace_back([&, t] {
      const std::vector<code::test_case> tests = {stdin_test(std::to_string(t) + "\n")};
      shared_runner().run({"print(int(input()) + 100)", evalchemy, tests, ""},
                          [&](std::size_t, const code::raw_result& r) {
                            outputs[t] = r.output;
                            return true;
                          });
    });
  for (auto& th : threads) th.join();
  for (std::size_t t = 0; t < outputs.size(); ++t) CHECK(outputs[t] == std::to_string(100 + t) + "\n");
}

#else

TEST_CASE("the runner needs Linux") { CHECK_THROWS_AS(code::runner{code::runner_options{}}, transferscore::config_error); }

#endif
