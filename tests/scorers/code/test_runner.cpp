// The code runner's execution semantics: each grader habit of scoring-rules.md §1.2 and
// §1.3, run for real in the sandbox under both harnesses (lcb_runner's and the study's
// evalchemy checker's). The expectations were checked against the graders' own code.
#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace code = transferscore::code;

namespace {

const code::runner& shared_runner() {
  static const code::runner r = [] {
    code::runner_options o;
    o.sandbox = code::sandbox_policy::best_effort;
    return code::runner(o);
  }();
  return r;
}

struct outcome {
  std::vector<code::raw_result> results;
  code::run_report report;
};

outcome run(code::harness h, const std::string& program, const std::vector<code::test_case>& tests,
            const std::string& fn_name = "") {
  outcome o;
  o.report = shared_runner().run({program, h, tests, fn_name}, [&](std::size_t i, const code::raw_result& r) {
    CHECK(i == o.results.size());
    o.results.push_back(r);
    return true;
  });
  return o;
}

code::test_case stdin_test(std::string input) { return {std::move(input), "", code::test_kind::stdin_io, false}; }
code::test_case call_test(std::string input) { return {std::move(input), "", code::test_kind::functional, false}; }

}  // namespace

TEST_CASE("a stdin program and a functional program run under both harnesses") {
  for (auto h : {code::harness::lcb, code::harness::evalchemy}) {
    const auto s = run(h, "n = int(input())\nprint(n * 2)\n", {stdin_test("21\n"), stdin_test("3\n")});
    REQUIRE(s.report.error.empty());
    REQUIRE(s.results.size() == 2);
    CHECK(s.results[0].completed);
    CHECK(s.results[0].output == "42\n");
    CHECK(s.results[1].output == "6\n");
    CHECK(s.report.completed_tests == 2);

    const auto f = run(h, "def twice(n):\n    return [n, n * 2]\n", {call_test("21"), call_test("3")}, "twice");
    REQUIRE(f.results.size() == 2);
    CHECK(f.results[0].output == "[21,42]");
    CHECK(f.results[1].output == "[3,6]");
  }
}
