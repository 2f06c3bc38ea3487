// The qa family, table-driven from tests/data/qa/cases.jsonl: the answer reference mode
// reads (pinned by hand) and the EM/F1 of both modes, computed by tools/gen_qa_cases.py with
// transcriptions of CoQA's evaluate-v1.0.py and of lm-eval's coqa task (the study's fork).
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

ts::qa::scorer make(const std::string& mode, const std::string& score = "") {
  ts::scorer_options o;
  o.mode = mode;
  o.benchmark = "coqa";
  if (!score.empty()) o.settings["score"] = score;
  return ts::qa::scorer::from_options(o);
}

std::vector<ts::json> cases() { return test_paths::read_jsonl(test_paths::data("qa/cases.jsonl")); }

double number(const ts::json& object, const char* key) { return *object.find(key)->as_double(); }

void check_against(const ts::qa::scorer& s, const char* expect_key, const char* mode) {
  int checked = 0;
  for (const auto& row : cases()) {
    const auto& expect = *row.find(expect_key);
    INFO(text(row, "id") << ": [" << text(row, "response") << "]");
    const auto result = s.score(make_record(row));
    CHECK(result.mode == mode);
    CHECK(result.status == ts::status::ok);
    CHECK(result.extracted == text(expect, "extracted"));
    const double em = number(expect, "em");
    const double f1 = number(expect, "f1");
    CHECK(*result.details.find("em")->as_double() == doctest::Approx(em).epsilon(1e-12));
    CHECK(*result.details.find("f1")->as_double() == doctest::Approx(f1).epsilon(1e-12));
    CHECK(result.score == doctest::Approx(f1).epsilon(1e-12));
    CHECK(result.correct == (em == 1.0));
    CHECK(*result.details.find("golds")->as_int() == *expect.find("golds")->as_int());
    ++checked;
  }
  CHECK(checked >= 60);
}

}  // namespace

TEST_CASE("reference mode: the official CoQA metric over every gold, on the answer read from the response") {
  check_against(make("reference"), "expect_reference", "reference");
}

TEST_CASE("paper mode: lm-eval coqa with the fork's </think> edit, first line, de-duplicated golds") {
  check_against(make("paper"), "expect_paper", "paper:lm-eval-coqa");
}

TEST_CASE("the official leave-one-out keeps duplicate golds, and lm-eval's de-duplication lowers the score") {
  ts::record r;
  r.response = "X";
  r.reference = ts::json::object();
  r.reference["answers"] = ts::json::array({"X", "X", "Y", "Z"});
  const auto official = make("reference").score(r);
  CHECK(*official.details.find("em")->as_double() == 1.0);
  CHECK(official.correct);
  const auto paper = make("paper").score(r);
  CHECK(*paper.details.find("em")->as_double() == doctest::Approx(2.0 / 3.0));  // golds X, Y, Z
  CHECK_FALSE(paper.correct);
  CHECK(*paper.details.find("golds")->as_int() == 3);
}

TEST_CASE("hand-checked numbers: partial overlap and three golds") {
  ts::record r;
  r.reference = ts::json::object();
  // pred {he, went, to, store} vs gold {to, store}: P = 1/2, R = 1, F1 = 2/3.
  r.response = "he went to the store";
  r.reference["answer"] = "to the store";
  CHECK(make("reference").score(r).score == doctest::Approx(2.0 / 3.0));
  // golds Jessica / Jess / her friend Jessica, pred Jessica: leaving out gold 1 leaves
  // max(0, F1 = 1/2); leaving out 2 or 3 leaves an exact match: EM 2/3, F1 (1/2 + 1 + 1)/3.
  r.response = "Jessica";
  r.reference = ts::json::object();
  r.reference["answers"] = ts::json::array({"Jessica", "Jess", "her friend Jessica"});
  const auto s = make("reference").score(r);
  CHECK(*s.details.find("em")->as_double() == doctest::Approx(2.0 / 3.0));
  CHECK(s.score == doctest::Approx(2.5 / 3.0));
  CHECK(*s.details.find("best_gold")->if_string() == "Jessica");
}

TEST_CASE("score=em makes the verdict's score the EM, and a bad setting or mode is a config error") {
  ts::record r;
  r.response = "the red barn";
  r.reference = ts::json::object();
  r.reference["answer"] = "barn";
  CHECK(make("reference").score(r).score == doctest::Approx(2.0 / 3.0));
  const auto em = make("reference", "em").score(r);
  CHECK(em.score == 0.0);
  CHECK(*em.details.find("f1")->as_double() == doctest::Approx(2.0 / 3.0));
  CHECK(make("reference", "em").active_metric() == ts::qa::score_metric::em);
  CHECK_THROWS_AS((void)make("reference", "accuracy"), ts::config_error);
  CHECK_THROWS_AS((void)make("official"), ts::config_error);
}

TEST_CASE("an empty answer is judged: 0, unless a gold normalises to nothing too") {
  ts::record r;
  r.response = "   ";
  r.reference = ts::json::object();
  r.reference["answer"] = "unknown";
  const auto empty = make("reference").score(r);
  CHECK(empty.status == ts::status::ok);
  CHECK(empty.score == 0.0);
  CHECK(empty.extracted.empty());
  r.reference["answer"] = "The";
  CHECK(make("reference").score(r).correct);
}

TEST_CASE("a record without a usable gold is malformed, naming the field") {
  struct bad {
    const char* reference;
    const char* field;
  };
  const bad cases[] = {
      {R"({})", "reference"},
      {R"({"answers": []})", "reference.answers"},
      {R"({"answers": ["white", 3]})", "reference.answers[1]"},
      {R"({"answers": 7})", "reference.answers"},
      {R"({"answer": null})", "reference.answer"},
      {R"({"answer": [true]})", "reference.answer[0]"},
      {R"({"answers": {"input_text": ["a"]}, "questions": {"input_text": ["q1", "q2"]}})", "reference.answers.input_text"},
      {R"({"answers": {"input_text": ["a"]}, "questions": {"input_text": []}})", "reference.questions.input_text"},
      {R"({"answers": {"input_text": ["a"]}, "questions": "q"})", "reference.questions.input_text"},
      {R"({"answers": {"input_text": ["a"]}, "additional_answers": {"0": {"input_text": []}}})", "reference.additional_answers.0.input_text"},
      {R"({"answers": {"input_text": ["a"]}, "additional_answers": [1]})", "reference.additional_answers"},
  };
  for (const auto& c : cases) {
    INFO(c.reference);
    ts::record r;
    r.response = "a";
    REQUIRE(!ts::io::parse_json(c.reference, r.reference));
    for (const char* mode : {"reference", "paper"}) {
      const auto result = make(mode).score(r);
      CHECK(result.status == ts::status::malformed_record);
      CHECK(result.field == c.field);
      CHECK_FALSE(result.message.empty());
    }
  }
}

TEST_CASE("a long answer is compared whole but kept to 512 bytes in the verdict") {
  ts::record r;
  r.response = std::string(2000, 'x');
  r.reference = ts::json::object();
  r.reference["answer"] = r.response;
  const auto result = make("reference").score(r);
  CHECK(result.correct);
  CHECK(result.extracted.size() == ts::qa::max_extracted_bytes);
  CHECK(*result.details.find("extracted_truncated")->as_bool());
}

TEST_CASE("normalize_answer follows Python: Unicode lower-casing, ASCII punctuation, Unicode \\b and spaces") {
  CHECK(ts::qa::normalize_answer("The  Cat's hat!") == "cats hat");
  CHECK(ts::qa::normalize_answer("\xC3\x89" "COLE") == "\xC3\xA9" "cole");
  CHECK(ts::qa::normalize_answer("an\xC2\xA0" "apple") == "apple");  // NBSP separates words
  CHECK(ts::qa::normalize_answer("\xC3\xA9the") == "\xC3\xA9the");     // é is a word character: no \b
  CHECK(ts::qa::normalize_answer("\xE2\x80\x9Cwhite\xE2\x80\x9D") == "\xE2\x80\x9Cwhite\xE2\x80\x9D");
}
