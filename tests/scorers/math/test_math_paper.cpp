// Paper mode: the study's grader (Hendrycks strip_string/is_equiv, last_boxed_only_string,
// remove_boxed, and the OlympiadBench task's variant), pinned quirk by quirk from
// tests/data/math/paper.jsonl (expected values computed with the original Python functions).
#include <transferscore/transferscore.hpp>

#include "../../test_paths.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

namespace ts = transferscore;
namespace m = transferscore::math;
namespace h = transferscore::math::hendrycks;

namespace {

using test_paths::text;
std::vector<ts::json> load(const std::string& name) { return test_paths::read_jsonl(test_paths::data(name)); }


bool flag(const ts::json& row, const char* key) { return *row.find(key)->as_bool(); }

}  // namespace

TEST_CASE("strip_string reproduces Hendrycks' normalisation, exceptions included") {
  int pinned = 0;
  for (const auto& row : load("math/paper.jsonl")) {
    if (text(row, "kind") != "strip") continue;
    INFO(text(row, "id") << ": [" << text(row, "input") << "]");
    const auto got = h::strip_string(text(row, "input"));
    if (row.find("output")->is_null()) {
      CHECK_FALSE(got.has_value());
    } else {
      REQUIRE(got.has_value());
      CHECK(*got == text(row, "output"));
    }
    ++pinned;
  }
  CHECK(pinned >= 60);
}

TEST_CASE("is_equiv and the OlympiadBench is_equiv agree with the originals") {
  int pinned = 0;
  for (const auto& row : load("math/paper.jsonl")) {
    if (text(row, "kind") != "equiv") continue;
    const std::string a = text(row, "a"), b = text(row, "b");
    INFO(text(row, "id") << ": [" << a << "] vs [" << b << "]");
    CHECK(h::is_equiv(a, b) == flag(row, "hendrycks"));
    CHECK(h::is_equiv_olympiad(a, b) == flag(row, "olympiad"));
    ++pinned;
  }
  CHECK(pinned >= 40);
}

TEST_CASE("whole responses get the study's verdict from both graders") {
  int pinned = 0;
  for (const auto& row : load("math/paper.jsonl")) {
    if (text(row, "kind") != "grade") continue;
    const std::string gold = text(row, "gold"), response = text(row, "response");
    INFO(text(row, "id") << ": gold [" << gold << "] response [" << response << "]");
    const auto& e = *row.find("evalchemy");
    const h::paper_verdict ve = h::grade(gold, response, h::grader::evalchemy);
    CHECK(ve.correct == flag(e, "correct"));
    CHECK(ve.answer == text(e, "answer"));
    CHECK(ve.box_found == flag(e, "box_found"));
    const auto& l = *row.find("lm_eval");
    const h::paper_verdict vl = h::grade(gold, response, h::grader::lm_eval);
    CHECK(vl.correct == flag(l, "correct"));
    CHECK(vl.answer == text(l, "answer"));
    CHECK(vl.box_found == flag(l, "box_found"));
    CHECK(vl.grader_error == flag(l, "grader_error"));
    ++pinned;
  }
  CHECK(pinned >= 30);
}

TEST_CASE("paper mode picks the grader by benchmark, and reports what it compared") {
  const auto registry = ts::builtin_registry();
  ts::scorer_options o;
  o.mode = "paper";
  ts::record r;
  r.response = "so \\boxed{015}";
  r.reference["answer"] = ts::json("15");
  o.benchmark = "aime24";  // EvalChemy: no leading-zero strip
  CHECK_FALSE(registry.make("math", o).score(r).correct);
  o.benchmark = "olympiadbench";  // the lm-eval task strips leading zeros
  const auto v = registry.make("math", o).score(r);
  CHECK(v.correct);
  CHECK(v.extracted == "015");
  CHECK(*v.details.find("grader")->if_string() == "lm_eval");
  o.benchmark = "aime24";
  o.settings["paper_grader"] = "lm_eval";
  CHECK(registry.make("math", o).score(r).correct);
}

TEST_CASE("paper mode: no box is no answer, and an OlympiadBench list gold uses its first item") {
  ts::scorer_options o;
  o.mode = "paper";
  o.benchmark = "olympiadbench";
  const auto s = m::scorer::from_options(o);
  ts::record r;
  r.response = "The answer is 7.";
  r.reference["answer"] = ts::json::array({"7", "8"});
  const auto none = s.score(r);
  CHECK(none.status == ts::status::no_answer);
  CHECK_FALSE(none.correct);
  r.response = "\\boxed{7}";
  CHECK(s.score(r).correct);
  r.response = "\\boxed{8}";
  CHECK_FALSE(s.score(r).correct);
}

TEST_CASE("a numeric gold reads as Python's str() of it") {
  ts::scorer_options o;
  o.mode = "paper";
  o.benchmark = "aime25";
  const auto s = m::scorer::from_options(o);
  ts::record r;
  r.response = "\\boxed{204.0}";
  r.reference["answer"] = ts::json(204.0);  // str(204.0) == "204.0"
  CHECK(s.score(r).correct);
  r.response = "\\boxed{204}";
  CHECK_FALSE(s.score(r).correct);
  r.reference["answer"] = ts::json(204);
  CHECK(s.score(r).correct);
}
