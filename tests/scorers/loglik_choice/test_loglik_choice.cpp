// The loglik_choice family, table-driven from tests/data/loglik_choice/cases.jsonl, whose
// expectations tools/gen_loglik_choice_cases.py computed with a stdlib transcription of
// lm-eval's multiple_choice rule (np.argmax, Python len of each choice text).
#include <transferscore/transferscore.hpp>

#include "../../test_paths.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace ts = transferscore;

namespace {

using test_paths::text;

ts::record make_record(const ts::json& row) {
  ts::record r;
  r.benchmark = text(row, "benchmark");
  for (const auto& [key, value] : *row.if_object()) {
    if (key == "reference") {
      r.reference = value;
    } else if (key != "id" && key != "benchmark" && key != "expect" && key != "note") {
      r.extra[key] = value;  // what adapt_canonical does with the other top-level members
    }
  }
  return r;
}

ts::loglik_choice::scorer make(const std::string& mode, const std::string& benchmark, const std::string& score = "") {
  ts::scorer_options o;
  o.mode = mode;
  o.benchmark = benchmark;
  if (!score.empty()) o.settings["score"] = score;
  return ts::loglik_choice::scorer::from_options(o);
}

std::vector<ts::json> cases() { return test_paths::read_jsonl(test_paths::data("loglik_choice/cases.jsonl")); }

}  // namespace

TEST_CASE("every case gets lm-eval's acc, acc_norm and predictions, or malformed naming the field") {
  int judged = 0, malformed = 0, norm_disagrees = 0;
  for (const auto& row : cases()) {
    const std::string benchmark = text(row, "benchmark");
    const auto& expect = *row.find("expect");
    INFO(text(row, "id"));
    const auto result = make("reference", benchmark).score(make_record(row));
    CHECK(result.mode == "reference");
    if (text(expect, "status") == "malformed_record") {
      CHECK(result.status == ts::status::malformed_record);
      CHECK(result.field == text(expect, "field"));
      CHECK(!result.message.empty());
      CHECK(result.score == 0.0);
      ++malformed;
      continue;
    }
    REQUIRE(result.status == ts::status::ok);
    for (const auto& [key, value] : *expect.if_object()) {
      if (key == "status") continue;
      const std::string name = key;  // clang 14 cannot capture a structured binding (INFO does)
      INFO(name);
      const ts::json* got = result.details.find(name);
      REQUIRE(got != nullptr);
      CHECK(*got == value);
    }
    for (const char* key : {"acc_norm", "pred_norm", "pred_yes", "gold_yes", "question"}) {
      if (expect.find(key) == nullptr) CHECK(result.details.find(key) == nullptr);
    }
    const bool acc = *expect.find("acc")->as_int() == 1;
    CHECK(result.correct == acc);
    CHECK(result.score == (acc ? 1.0 : 0.0));
    CHECK(result.extracted == std::to_string(*expect.find("pred")->as_int()));
    if (const auto* norm = expect.find("acc_norm"); norm != nullptr && *norm->as_int() != *expect.find("acc")->as_int()) {
      ++norm_disagrees;
    }
    ++judged;
  }
  CHECK(judged >= 40);
  CHECK(malformed >= 20);
  CHECK(norm_disagrees >= 5);
}

TEST_CASE("score=acc_norm judges by the length-normalised prediction, and needs every choice text") {
  for (const auto& row : cases()) {
    const std::string benchmark = text(row, "benchmark");
    const auto& expect = *row.find("expect");
    if (benchmark == "mc_taco" || text(expect, "status") != "ok") continue;
    INFO(text(row, "id"));
    const auto result = make("reference", benchmark, "acc_norm").score(make_record(row));
    if (const auto* norm = expect.find("acc_norm")) {
      REQUIRE(result.status == ts::status::ok);
      CHECK(result.correct == (*norm->as_int() == 1));
      CHECK(result.extracted == std::to_string(*expect.find("pred_norm")->as_int()));
    } else {
      CHECK(result.status == ts::status::malformed_record);
      CHECK(result.field == "reference.choices");
    }
  }
}

TEST_CASE("paper mode computes the same verdicts and names lm-eval's task") {
  for (const auto& row : cases()) {
    const std::string benchmark = text(row, "benchmark");
    INFO(text(row, "id"));
    const auto record = make_record(row);
    const auto paper = make("paper", benchmark).score(record);
    const auto reference = make("reference", benchmark).score(record);
    CHECK(paper.status == reference.status);
    CHECK(paper.correct == reference.correct);
    CHECK(paper.details == reference.details);
    if (benchmark == "headqa") CHECK(paper.mode == "paper:lm-eval-headqa");
    if (benchmark == "mc_taco") CHECK(paper.mode == "paper:lm-eval-mc_taco");
    if (benchmark == "arc_easy") CHECK(paper.mode == "paper:lm-eval-multiple-choice");
  }
}

TEST_CASE("choice lengths are Python's len: code points, not UTF-8 bytes") {
  CHECK(ts::loglik_choice::code_points("abc") == 3);
  CHECK(ts::loglik_choice::code_points("ñandú") == 5);   // 7 bytes
  CHECK(ts::loglik_choice::code_points("水") == 1);      // 3 bytes
  CHECK(ts::loglik_choice::code_points("😀😀") == 2);    // 8 bytes
  CHECK(ts::loglik_choice::code_points("e\xcc\x81") == 2);  // e + combining acute
  CHECK(ts::loglik_choice::code_points("") == 0);
}

TEST_CASE("values a JSON parser cannot produce are still judged safely") {
  const auto s = make("reference", "headqa");
  ts::record r;
  r.reference = ts::json::object();
  r.reference["choices"] = ts::json::array({"a", "b"});
  r.reference["answer"] = 1;
  r.extra["choice_logprobs"] = ts::json::array({-std::numeric_limits<double>::infinity(), -1.0});
  auto ok = s.score(r);
  CHECK(ok.status == ts::status::ok);
  CHECK(ok.correct);
  r.extra["choice_logprobs"] = ts::json::array({std::nan(""), -1.0});
  auto nan = s.score(r);
  CHECK(nan.status == ts::status::malformed_record);
  CHECK(nan.field == "choice_logprobs[0]");
  r.extra["choice_logprobs"] = ts::json::array({-1.0, std::numeric_limits<double>::infinity()});
  CHECK(s.score(r).field == "choice_logprobs[1]");
}

TEST_CASE("settings are checked when the scorer is made") {
  ts::scorer_options o;
  o.mode = "reference";
  o.benchmark = "headqa";
  o.settings["score"] = "f1";
  CHECK_THROWS_AS((void)ts::loglik_choice::scorer::from_options(o), ts::config_error);
  o.settings["score"] = "acc_norm";
  o.benchmark = "mc_taco";
  CHECK_THROWS_AS((void)ts::loglik_choice::scorer::from_options(o), ts::config_error);
  o.settings.erase("score");
  o.settings["task"] = "hellaswag";
  CHECK_THROWS_AS((void)ts::loglik_choice::scorer::from_options(o), ts::config_error);
  o.settings["task"] = "headqa";
  o.benchmark = "headqa_es";
  CHECK(ts::loglik_choice::scorer::from_options(o).active_task() == ts::loglik_choice::task::headqa);
  o.mode = "official";
  CHECK_THROWS_AS((void)ts::loglik_choice::scorer::from_options(o), ts::config_error);
}

TEST_CASE("headqa and mc_taco route to the family") {
  const auto registry = ts::builtin_registry();
  CHECK(registry.family_of("headqa") == std::optional<std::string_view>("loglik_choice"));
  CHECK(registry.family_of("mc_taco") == std::optional<std::string_view>("loglik_choice"));
}
