// End to end: gpqa_diamond and acpbench records route to the choice family through the
// pipeline, in both modes, and the verdict names the rule used.
#include <transferscore/transferscore.hpp>

#include "../../test_paths.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <utility>

namespace ts = transferscore;

namespace {

ts::json score_one(std::string_view line, const std::string& mode) {
  ts::pipeline_options options;
  options.scoring.mode = mode;
  return test_paths::verdict_of_line(line, std::move(options));
}

}  // namespace

TEST_CASE("gpqa_diamond routes to choice; paper mode uses evalchemy's rule on the stripped response") {
  const std::string line =
      R"j({"id": "q1", "benchmark": "gpqa_diamond", "model": "m", "response": "<think>maybe A</think>So \\boxed{C}, which is a classic.", "reference": {"answer": "C"}})j";
  const ts::json ref = score_one(line, "reference");
  CHECK(test_paths::text(ref, "mode") == "reference");
  CHECK(test_paths::text(ref, "extracted") == "C");
  CHECK(*ref.find("correct")->as_bool());
  const ts::json paper = score_one(line, "paper");
  CHECK(test_paths::text(paper, "mode") == "paper:evalchemy-gpqa");
  CHECK(test_paths::text(paper, "extracted") == "A");  // the article "a" after the box
  CHECK_FALSE(*paper.find("correct")->as_bool());
  CHECK(test_paths::text(paper, "status") == "ok");
}

TEST_CASE("acpbench routes to choice; paper mode uses the lm-eval mcq filter") {
  const std::string line =
      R"j({"id": "a1", "benchmark": "acpbench", "model": "m", "response": "The answer is B because Cars", "reference": {"answer": "B"}})j";
  const ts::json ref = score_one(line, "reference");
  CHECK(test_paths::text(ref, "extracted") == "B");
  CHECK(*ref.find("correct")->as_bool());
  const ts::json paper = score_one(line, "paper");
  CHECK(test_paths::text(paper, "mode") == "paper:lm-eval-acpbench-mcq");
  CHECK(test_paths::text(paper, "extracted") == "C");
  CHECK_FALSE(*paper.find("correct")->as_bool());
}

TEST_CASE("no letter is no_answer in reference mode and a judged wrong answer in paper mode") {
  const std::string line =
      R"j({"id": "q2", "benchmark": "gpqa_diamond", "model": "m", "response": "i am not sure", "reference": {"answer": "B"}})j";
  CHECK(test_paths::text(score_one(line, "reference"), "status") == "no_answer");
  const ts::json paper = score_one(line, "paper");
  CHECK(test_paths::text(paper, "status") == "ok");
  CHECK(*paper.find("score")->as_double() == 0.0);
}
