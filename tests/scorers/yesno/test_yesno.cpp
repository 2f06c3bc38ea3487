// The yesno family, table-driven from tests/data/yesno/cases.jsonl: the reference judgement
// (or no answer) per response, and both paper graders' results, which were computed by
// running the study's Python extraction code (original regexes) on the same responses.
#include <transferscore/transferscore.hpp>

#include "../../test_paths.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace ts = transferscore;

namespace {

using test_paths::text;

ts::record make_record(const ts::json& row) {
  ts::record r;
  r.response = text(row, "response");
  r.reference = *row.find("reference");
  return r;
}

ts::yesno::scorer make(const std::string& mode, const std::string& benchmark) {
  ts::scorer_options o;
  o.mode = mode;
  o.benchmark = benchmark;
  return ts::yesno::scorer::from_options(o);
}

std::vector<ts::json> cases() { return test_paths::read_jsonl(test_paths::data("yesno/cases.jsonl")); }

}  // namespace

TEST_CASE("reference mode reads whole yes/no words, or reports no answer") {
  // HaluEval's judgement words count for HaluEval records (gold reference.hallucination),
  // not for ACPBench's (gold reference.answer).
  const auto halueval = make("reference", "halueval");
  const auto acpbench = make("reference", "acpbench_bool");
  int checked = 0;
  for (const auto& row : cases()) {
    const auto& expect = *row.find("expect");
    INFO(text(row, "id") << ": [" << text(row, "response") << "]");
    const bool is_halueval = row.find("reference")->find("hallucination") != nullptr;
    const auto result = (is_halueval ? halueval : acpbench).score(make_record(row));
    CHECK(result.mode == "reference");
    if (expect.find("answer")->is_null()) {
      CHECK(result.status == ts::status::no_answer);
      CHECK(result.score == 0.0);
    } else {
      CHECK(result.status == ts::status::ok);
      CHECK(result.extracted == *expect.find("answer")->if_string());
      CHECK(result.correct == *expect.find("correct")->as_bool());
    }
    ++checked;
  }
  CHECK(checked >= 100);
}

TEST_CASE("paper mode reproduces the HaluEval grader: first line, case-sensitive substrings") {
  const auto s = make("paper", "halueval");
  for (const auto& row : cases()) {
    const auto& expect = *row.find("paper_halueval");
    INFO(text(row, "id") << ": [" << text(row, "response") << "]");
    const auto result = s.score(make_record(row));
    CHECK(result.mode == "paper:lm-eval-halueval");
    CHECK(result.status == ts::status::ok);
    CHECK(result.extracted == *expect.find("extracted")->if_string());
    CHECK(result.correct == *expect.find("correct")->as_bool());
  }
}

TEST_CASE("paper mode reproduces the ACPBench bool filter, (.*)(?=.) included") {
  const auto s = make("paper", "acpbench_bool");
  for (const auto& row : cases()) {
    const auto& expect = *row.find("paper_acpbench_bool");
    INFO(text(row, "id") << ": [" << text(row, "response") << "]");
    const auto result = s.score(make_record(row));
    CHECK(result.mode == "paper:lm-eval-acpbench-bool");
    CHECK(result.status == ts::status::ok);
    CHECK(result.extracted == *expect.find("extracted")->if_string());
    CHECK(result.correct == *expect.find("correct")->as_bool());
  }
}

TEST_CASE("the reference notes' probes") {
  CHECK(ts::yesno::acpbench_bool_filter("**Final Answer**: Yes").text == "Ye");
  CHECK(ts::yesno::acpbench_bool_filter("**Final Answer**: Yes.").text == "Yes");
  CHECK(ts::yesno::acpbench_bool_filter("There is no way. **Final Answer**: Yes.").text == "no");
  CHECK(ts::yesno::halueval_judgement("Not supported").answer == false);  // "No" inside "Not"
  CHECK_FALSE(ts::yesno::halueval_judgement("yes").answer.has_value());
}

TEST_CASE("gold forms and malformed golds") {
  const auto s = make("reference", "halueval");
  auto score = [&](const char* reference_json, const char* response) {
    ts::record r;
    REQUIRE(!ts::io::parse_json(reference_json, r.reference));
    r.response = response;
    return s.score(r);
  };
  const ts::score_result upper = score(R"j({"answer": "YES"})j", "yes");
  const ts::score_result boolean = score(R"j({"answer": false})j", "No.");
  const ts::score_result label = score(R"j({"hallucination": "no"})j", "No");
  const ts::score_result maybe = score(R"j({"answer": "maybe"})j", "yes");
  const ts::score_result number = score(R"j({"hallucination": 1})j", "yes");
  const ts::score_result missing = score(R"j({"label": "yes"})j", "yes");
  CHECK(upper.correct);
  CHECK(boolean.correct);
  CHECK(label.correct);
  CHECK(maybe.field == "reference.answer");
  CHECK(number.field == "reference.hallucination");
  CHECK(missing.status == ts::status::malformed_record);
}

TEST_CASE("bad settings are configuration errors") {
  ts::scorer_options o;
  o.mode = "paper";
  o.settings["paper_rule"] = "nope";
  CHECK_THROWS_AS((void)ts::yesno::scorer::from_options(o), ts::config_error);
  o.mode = "strict";
  CHECK_THROWS_AS((void)ts::yesno::scorer::from_options(o), ts::config_error);
  o.mode = "paper";
  o.settings["paper_rule"] = "acpbench_bool";
  CHECK(ts::yesno::scorer::from_options(o).active_rule() == ts::yesno::rule::acpbench_bool);
  o.settings["paper_rule"] = "auto";
  o.benchmark = "acpbench_bool";
  CHECK(ts::yesno::scorer::from_options(o).active_rule() == ts::yesno::rule::acpbench_bool);
}
