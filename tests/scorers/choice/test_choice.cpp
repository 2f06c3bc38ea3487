// The choice family, table-driven from tests/data/choice/cases.jsonl: the reference letter
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

ts::choice::scorer make(const std::string& mode, const std::string& benchmark) {
  ts::scorer_options o;
  o.mode = mode;
  o.benchmark = benchmark;
  return ts::choice::scorer::from_options(o);
}

std::vector<ts::json> cases() { return test_paths::read_jsonl(test_paths::data("choice/cases.jsonl")); }

}  // namespace

TEST_CASE("reference mode reads the final letter, or reports no answer") {
  const auto s = make("reference", "gpqa_diamond");
  int checked = 0;
  for (const auto& row : cases()) {
    const auto& expect = *row.find("expect");
    INFO(text(row, "id") << ": [" << text(row, "response") << "]");
    const auto result = s.score(make_record(row));
    CHECK(result.mode == "reference");
    if (expect.find("letter")->is_null()) {
      CHECK(result.status == ts::status::no_answer);
      CHECK(result.score == 0.0);
    } else {
      CHECK(result.status == ts::status::ok);
      CHECK(result.extracted == *expect.find("letter")->if_string());
      CHECK(result.correct == *expect.find("correct")->as_bool());
    }
    ++checked;
  }
  CHECK(checked >= 140);
}

TEST_CASE("paper mode reproduces evalchemy's GPQA grader, quirks included") {
  const auto s = make("paper", "gpqa_diamond");
  for (const auto& row : cases()) {
    const auto& expect = *row.find("paper_gpqa");
    INFO(text(row, "id") << ": [" << text(row, "response") << "]");
    const auto result = s.score(make_record(row));
    CHECK(result.mode == "paper:evalchemy-gpqa");
    CHECK(result.status == ts::status::ok);
    const std::string want = *expect.find("extracted")->if_string();
    CHECK(result.extracted == want.substr(0, ts::choice::max_extracted_bytes));
    CHECK(result.correct == *expect.find("correct")->as_bool());
  }
}

TEST_CASE("paper mode reproduces lm-eval's ACPBench mcq filter and exact_match") {
  const auto s = make("paper", "acpbench");
  for (const auto& row : cases()) {
    const auto& expect = *row.find("paper_acpbench");
    INFO(text(row, "id") << ": [" << text(row, "response") << "]");
    const auto result = s.score(make_record(row));
    CHECK(result.mode == "paper:lm-eval-acpbench-mcq");
    CHECK(result.status == ts::status::ok);
    CHECK(result.extracted == *expect.find("extracted")->if_string());
    CHECK(result.correct == *expect.find("correct")->as_bool());
  }
}

TEST_CASE("the reference notes' probes") {
  CHECK(ts::choice::acpbench_mcq_prediction("Some steps. **Final Answer**: D.").text == "D");
  CHECK(ts::choice::acpbench_mcq_prediction("The answer is B because Cars").text == "C");
  CHECK(ts::choice::acpbench_mcq_prediction("x **Final Answer**: C. Done").text == "D");
  // the article after the box wins in evalchemy's upper-cased text
  CHECK(ts::choice::evalchemy_gpqa_answer("so \\boxed{C}, which is a classic result") == "A");
}

TEST_CASE("gold forms and malformed golds") {
  const auto s = make("reference", "gpqa_diamond");
  auto score = [&](const char* reference_json, const char* response) {
    ts::record r;
    REQUIRE(!ts::io::parse_json(reference_json, r.reference));
    r.response = response;
    return s.score(r);
  };
  const ts::score_result paren = score(R"j({"answer": "(B)"})j", "Answer: B");
  const ts::score_result index = score(R"j({"answer": 2})j", "Answer: C");
  const ts::score_result lower = score(R"j({"answer": "b"})j", "Answer: B");
  const ts::score_result outside = score(R"j({"answer": "B", "labels": ["A", "B"]})j", "Answer: C");
  const ts::score_result gold_outside = score(R"j({"answer": "E"})j", "Answer: E");
  const ts::score_result five = score(R"j({"answer": "E", "num_choices": 5})j", "Answer: E");
  const ts::score_result two_letters = score(R"j({"answer": "AB"})j", "Answer: A");
  const ts::score_result bad_index = score(R"j({"answer": 7})j", "Answer: A");
  const ts::score_result no_answer = score(R"j({"choices": ["x"]})j", "Answer: A");
  const ts::score_result bad_choices = score(R"j({"answer": "A", "choices": "x"})j", "Answer: A");
  CHECK(paren.correct);
  CHECK(index.correct);
  CHECK(lower.correct);
  CHECK_FALSE(outside.correct);
  CHECK(outside.details.find("out_of_range") != nullptr);
  CHECK(gold_outside.status == ts::status::malformed_record);
  CHECK(five.correct);
  CHECK(two_letters.field == "reference.answer");
  CHECK(bad_index.status == ts::status::malformed_record);
  CHECK(no_answer.field == "reference");
  CHECK(bad_choices.field == "reference.choices");
}

TEST_CASE("bad settings are configuration errors") {
  ts::scorer_options o;
  o.mode = "paper";
  o.settings["paper_rule"] = "nope";
  CHECK_THROWS_AS((void)ts::choice::scorer::from_options(o), ts::config_error);
  o.mode = "strict";
  CHECK_THROWS_AS((void)ts::choice::scorer::from_options(o), ts::config_error);
  o.mode = "paper";
  o.settings["paper_rule"] = "acpbench_mcq";
  CHECK(ts::choice::scorer::from_options(o).active_rule() == ts::choice::rule::acpbench_mcq);
}

TEST_CASE("a generation the backend reports as cut off (finish_reason length) states no answer in its last words") {
  ts::choice::gold g;
  g.labels = {'A', 'B', 'C', 'D'};
  const std::string text = "The ordinance does not deprive persons of equal protection, as it is a reasonable distinction, so option D";
  CHECK(ts::choice::extract_letter(text, g).letter == 'D');  // it may have ended there
  CHECK_FALSE(ts::choice::extract_letter(text, g, true).found());  // it was cut: "so option D is ..."
  // Through the scorer: the record's finish_reason says so.
  ts::record r;
  r.response = text;
  r.reference["answer"] = "D";
  r.extra["finish_reason"] = "length";
  CHECK(ts::choice::scorer().score(r).status == ts::status::no_answer);
  r.extra["finish_reason"] = "stop";
  CHECK(ts::choice::scorer().score(r).correct);
}
