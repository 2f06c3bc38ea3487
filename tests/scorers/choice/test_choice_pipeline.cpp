// End to end: gpqa_diamond and acpbench records route to the choice family through the
// pipeline, in both modes, and the verdict names the rule used.
#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include <string>
#include <string_view>

namespace ts = transferscore;

namespace {

ts::json score_one(std::string_view line, const std::string& mode) {
  const ts::scorer_registry registry = ts::builtin_registry();
  ts::pipeline_options options;
  options.scoring.mode = mode;
  const ts::score_pipeline pipeline(registry, options);
  std::string out;
  ts::run_summary summary;
  pipeline.score_line(line, 1, "test.jsonl", out, summary);
  ts::json verdict;
  REQUIRE(!ts::io::parse_json(out, verdict));
  return verdict;
}

std::string field(const ts::json& v, const char* key) {
  const auto* s = v.find(key) == nullptr ? nullptr : v.find(key)->if_string();
  return s == nullptr ? std::string() : *s;
}

}  // namespace

TEST_CASE("gpqa_diamond routes to choice; paper mode uses evalchemy's rule on the stripped response") {
  const std::string line =
      R"j({"id": "q1", "benchmark": "gpqa_diamond", "model": "m", "response": "<think>maybe A</think>So \\boxed{C}, which is a classic.", "reference": {"answer": "C"}})j";
  const ts::json ref = score_one(line, "reference");
  CHECK(field(ref, "mode") == "reference");
  CHECK(field(ref, "extracted") == "C");
  CHECK(*ref.find("correct")->as_bool());
  const ts::json paper = score_one(line, "paper");
  CHECK(field(paper, "mode") == "paper:evalchemy-gpqa");
  CHECK(field(paper, "extracted") == "A");  // the article "a" after the box
  CHECK_FALSE(*paper.find("correct")->as_bool());
  CHECK(field(paper, "status") == "ok");
}

TEST_CASE("acpbench routes to choice; paper mode uses the lm-eval mcq filter") {
  const std::string line =
      R"j({"id": "a1", "benchmark": "acpbench", "model": "m", "response": "The answer is B because Cars", "reference": {"answer": "B"}})j";
  const ts::json ref = score_one(line, "reference");
  CHECK(field(ref, "extracted") == "B");
  CHECK(*ref.find("correct")->as_bool());
  const ts::json paper = score_one(line, "paper");
  CHECK(field(paper, "mode") == "paper:lm-eval-acpbench-mcq");
  CHECK(field(paper, "extracted") == "C");
  CHECK_FALSE(*paper.find("correct")->as_bool());
}

TEST_CASE("no letter is no_answer in reference mode and a judged wrong answer in paper mode") {
  const std::string line =
      R"j({"id": "q2", "benchmark": "gpqa_diamond", "model": "m", "response": "i am not sure", "reference": {"answer": "B"}})j";
  CHECK(field(score_one(line, "reference"), "status") == "no_answer");
  const ts::json paper = score_one(line, "paper");
  CHECK(field(paper, "status") == "ok");
  CHECK(*paper.find("score")->as_double() == 0.0);
}
