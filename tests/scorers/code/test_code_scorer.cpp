// The code scorer on execution results produced elsewhere (no process): every fixture of
// tests/data/code/cases.jsonl carries, per mode, what each test produced under that grader's
// execution semantics and the verdict the grader gives (tools/code_graders.py). Scored from
// execution.outputs and from execution.passed, in both modes, the verdicts must agree.
#include <transferscore/transferscore.hpp>

#include "../../test_paths.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace ts = transferscore;
using test_paths::text;

namespace {

ts::code::scorer make(const std::string& mode, const std::string& compare = "auto") {
  ts::scorer_options o;
  o.mode = mode;
  o.benchmark = "livecodebench";
  o.settings["compare"] = compare;
  return ts::code::scorer::from_options(o);
}

std::vector<ts::json> cases() { return test_paths::read_jsonl(test_paths::data("code/cases.jsonl")); }

ts::record make_record(const ts::json& row, const ts::json* execution) {
  ts::record r;
  r.id = *row.find("id");
  r.response = text(row, "response");
  r.reference = *row.find("reference");
  if (execution != nullptr) r.extra["execution"] = *execution;
  return r;
}

/// The outcomes a grader reported, as seen through execution.outputs (a test that did not
/// complete has no output: not run) or execution.passed (a failure of any kind is false).
std::vector<std::string> seen_outcomes(const ts::json& expect, bool through_passed) {
  std::vector<std::string> out;
  bool stopped = false;
  for (const auto& o : *expect.find("outcomes")->if_array()) {
    std::string name = *o.if_string();
    if (stopped) {
      name = "not_run";
    } else if (name != "passed" && name != "wrong_answer" && name != "not_run") {
      name = through_passed ? "wrong_answer" : "not_run";
    }
    if (name != "passed") stopped = true;
    out.push_back(name);
  }
  return out;
}

void check_row(const ts::code::scorer& s, const ts::json& row, const ts::json& expect, bool through_passed) {
  INFO(text(row, "id") << " (" << text(row, "habit") << "), " << (through_passed ? "execution.passed" : "execution.outputs"));
  ts::json execution = ts::json::object();
  if (const ts::json* outputs = expect.find("outputs")) {
    if (through_passed) {
      execution["passed"] = *expect.find("passed");
    } else {
      execution["outputs"] = *outputs;
    }
  }
  const auto result = s.score(make_record(row, &execution));
  CHECK(ts::to_string(result.status) == text(expect, "status"));
  CHECK(result.correct == *expect.find("correct")->as_bool());
  if (expect.find("extracted")->is_null()) {
    CHECK(result.extracted.empty());
    return;
  }
  CHECK(result.extracted == text(expect, "extracted"));
  const ts::json* tests = result.details.find("tests");
  REQUIRE(tests != nullptr);
  const auto want = seen_outcomes(expect, through_passed);
  REQUIRE(tests->size() == want.size());
  for (std::size_t k = 0; k < want.size(); ++k) {
    CHECK(test_paths::text((*tests->if_array())[k], "outcome") == want[k]);
    CHECK(*(*tests->if_array())[k].find("test")->as_int() == *(*expect.find("tests_used")->if_array())[k].as_int());
  }
}

}  // namespace

TEST_CASE("reference mode: LiveCodeBench's verdicts from execution.outputs and execution.passed") {
  const auto s = make("reference");
  int n = 0;
  for (const auto& row : cases()) {
    const ts::json& expect = *row.find("expect")->find("reference");
    check_row(s, row, expect, false);
    check_row(s, row, expect, true);
    ++n;
  }
  CHECK(n >= 50);
}

TEST_CASE("paper mode: the study's verdicts from execution.outputs and execution.passed") {
  const auto s = make("paper");
  for (const auto& row : cases()) {
    const ts::json& expect = *row.find("expect")->find("paper");
    check_row(s, row, expect, false);
    check_row(s, row, expect, true);
    CHECK(s.score(make_record(row, nullptr)).mode == "paper:evalchemy-livecodebench");
  }
}

TEST_CASE("compare=tolerance: the official structure with a float tolerance") {
  const auto s = make("reference", "tolerance");
  int n = 0;
  for (const auto& row : cases()) {
    const ts::json* expect = row.find("expect")->find("tolerance");
    if (expect == nullptr) continue;
    check_row(s, row, *expect, false);
    ++n;
  }
  CHECK(n >= 6);
  CHECK(s.mode_label() == "reference+compare=tolerance");
  CHECK(make("paper", "exact").mode_label() == "paper:evalchemy-livecodebench");
  CHECK_THROWS_AS(make("reference", "loose"), ts::config_error);
}

namespace {

const char* const double_problem =
    R"({"tests": [{"input": "21\n", "output": "42\n", "public": true}, {"input": "5\n", "output": "10\n"}]})";

ts::record double_record(std::string response, std::string execution_json) {
  ts::record r;
  r.id = "double";
  r.response = std::move(response);
  REQUIRE(!ts::io::parse_json(double_problem, r.reference));
  if (!execution_json.empty()) {
    ts::json e;
    REQUIRE(!ts::io::parse_json(execution_json, e));
    r.extra["execution"] = e;
  }
  return r;
}

const char* const good = "```python\nprint(2 * int(input()))\n```";

}  // namespace

TEST_CASE("no results and no --execute: malformed_record that says to pass --execute") {
  const auto result = make("reference").score(double_record(good, ""));
  CHECK(result.status == ts::status::malformed_record);
  CHECK(result.field == "execution");
  CHECK(result.message.find("--execute") != std::string::npos);
}

TEST_CASE("no program: no_answer in reference mode, a judged wrong answer in paper mode") {
  const auto ref = make("reference").score(double_record("print(42)", R"({"outputs": ["42", "10"]})"));
  CHECK(ref.status == ts::status::no_answer);
  CHECK(ref.field == "response");
  const auto paper = make("paper").score(double_record("print(42)", R"({"outputs": ["42", "10"]})"));
  CHECK(paper.status == ts::status::ok);
  CHECK_FALSE(paper.correct);
  CHECK(paper.details.find("reason") != nullptr);
  // an empty block is no program in reference mode
  CHECK(make("reference").score(double_record("```python\n\n```", R"({"passed": [true, true]})")).status == ts::status::no_answer);
}

TEST_CASE("execution results: not run, too many entries, wrong types, both lists") {
  const auto s = make("reference");
  auto r = s.score(double_record(good, R"({"outputs": ["42"]})"));  // the second test never ran
  CHECK(r.status == ts::status::ok);
  CHECK_FALSE(r.correct);
  CHECK(r.details.find("tests")->dump() == R"([{"test":0,"outcome":"passed"},{"test":1,"outcome":"not_run"}])");
  r = s.score(double_record(good, R"({"outputs": ["42", null]})"));
  CHECK_FALSE(r.correct);
  r = s.score(double_record(good, R"({"outputs": ["42", "10", "7"]})"));
  CHECK(r.status == ts::status::malformed_record);
  CHECK(r.field == "execution.outputs");
  r = s.score(double_record(good, R"({"outputs": [42, "10"]})"));
  CHECK(r.field == "execution.outputs[0]");
  r = s.score(double_record(good, R"({"passed": [true, "yes"]})"));
  CHECK(r.field == "execution.passed[1]");
  r = s.score(double_record(good, R"({"passed": [false, false], "outputs": ["42", "10"]})"));  // outputs win
  CHECK(r.correct);
  CHECK(test_paths::text(r.details, "results_from") == "execution.outputs");
  r = s.score(double_record(good, R"({"passed": [true, true]})"));
  CHECK(r.correct);
  CHECK(test_paths::text(r.details, "results_from") == "execution.passed");
  r = s.score(double_record(good, R"("passed")"));
  CHECK(r.field == "execution");
}

TEST_CASE("a wrong answer names the first difference; later tests are not run") {
  const auto r = make("reference").score(double_record(good, R"({"outputs": ["41\n", "10"]})"));
  CHECK_FALSE(r.correct);
  CHECK(r.details.find("tests")->dump() ==
        R"([{"test":0,"outcome":"wrong_answer","message":"line 1: '41' != '42'"},{"test":1,"outcome":"not_run"}])");
}

TEST_CASE("the paper mode uses private tests only, the reference mode all of them") {
  // fails the public test, passes the private one
  const auto ref = make("reference").score(double_record(good, R"({"outputs": ["0", "10"]})"));
  CHECK_FALSE(ref.correct);
  const auto paper = make("paper").score(double_record(good, R"({"outputs": ["0", "10"]})"));
  CHECK(paper.correct);
  CHECK(test_paths::text(paper.details, "tests_used") == "private");
}

TEST_CASE("the LiveCodeBench dataset shape: JSON strings, metadata.func_name, public then private") {
  ts::record r;
  r.id = "2000";
  r.response = "```python\nclass Solution:\n    def add(self, a: int, b: int) -> int:\n        return a + b\n```";
  REQUIRE(!ts::io::parse_json(
      R"({"question_id": "2000", "starter_code": "class Solution:\n    def add(self, a: int, b: int) -> int:\n        ",
          "public_test_cases": "[{\"input\": \"1\\n2\", \"output\": \"3\", \"testtype\": \"functional\"}]",
          "private_test_cases": "[{\"input\": \"5\\n5\", \"output\": \"10\", \"testtype\": \"functional\"}]",
          "metadata": "{\"func_name\": \"add\"}"})",
      r.reference));
  r.extra["execution"] = ts::json::object();
  r.extra["execution"]["outputs"] = ts::json::array({3, 10});
  const auto result = make("reference").score(r);
  CHECK(result.status == ts::status::ok);
  CHECK(result.correct);
  ts::code::problem_error error;
  const auto p = ts::code::read_problem(r.reference, error);
  REQUIRE(p);
  CHECK(p->fn_name == "add");
  CHECK(p->tests.size() == 2);
  CHECK(p->tests[0].is_public);
  CHECK_FALSE(p->tests[1].is_public);
  CHECK(p->kind == ts::code::test_kind::functional);
  // a functional return value that is a tuple, in the runner's tagged form
  r.extra["execution"]["outputs"] = ts::json::array({3, ts::json::object()});
  (*r.extra["execution"]["outputs"].if_array())[1]["__tuple__"] = ts::json::array({10});
  CHECK_FALSE(make("reference").score(r).correct);
}

TEST_CASE("encoded private tests are never decoded: malformed, with the way out") {
  ts::record r;
  r.id = "x";
  r.response = good;
  r.reference = ts::json::object();
  r.reference["public_test_cases"] = "[]";
  r.reference["private_test_cases"] = "eJxLTEoGAAJNASc=";
  const auto result = make("reference").score(r);
  CHECK(result.status == ts::status::malformed_record);
  CHECK(result.field == "reference.private_test_cases");
  CHECK(result.message.find("never decodes") != std::string::npos);
  CHECK(result.message.find("docs/code.md") != std::string::npos);
}

TEST_CASE("problems the graders cannot judge are malformed records, each naming its field") {
  const auto s = make("reference");
  auto score_reference = [&](const char* reference) {
    ts::record r;
    r.id = "x";
    r.response = good;
    REQUIRE(!ts::io::parse_json(reference, r.reference));
    r.extra["execution"] = ts::json::object();
    r.extra["execution"]["passed"] = ts::json::array({true});
    return s.score(r);
  };
  CHECK(score_reference(R"({})").field == "reference.tests");
  CHECK(score_reference(R"({"tests": []})").field == "reference.tests");
  CHECK(score_reference(R"({"tests": [{"input": 1, "output": "2"}]})").field == "reference.tests[0].input");
  CHECK(score_reference(R"({"tests": [{"input": "1", "output": "2", "testtype": "file"}]})").field == "reference.tests[0].testtype");
  CHECK(score_reference(R"({"tests": [{"input": "1", "output": "2", "testtype": "functional"}]})").field == "reference.metadata.func_name");
  CHECK(score_reference(R"({"fn_name": "f", "tests": [{"input": "1", "output": "[1,"}]})").field == "reference.tests[0].output");
  CHECK(score_reference(R"({"tests": [{"input": "1", "output": "2"}, {"input": "1", "output": "2", "testtype": "functional"}]})")
            .status == ts::status::malformed_record);
  CHECK(score_reference(R"({"metadata": "{bad", "tests": [{"input": "1", "output": "2"}]})").field == "reference.metadata");
  // paper mode: a problem without private tests is judged wrong, as the study's grader does
  ts::record r;
  r.id = "x";
  r.response = good;
  REQUIRE(!ts::io::parse_json(R"({"tests": [{"input": "1", "output": "2", "public": true}]})", r.reference));
  r.extra["execution"] = ts::json::object();
  const auto paper = make("paper").score(r);
  CHECK(paper.status == ts::status::ok);
  CHECK_FALSE(paper.correct);
}
