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

TEST_CASE("gpqa_diamond routes to choice; paper mode uses evalchemy's rule on the whole output") {
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

TEST_CASE("paper mode alone reads the thinking, as evalchemy did; --trace still overrides it") {
  const std::string line =
      R"j({"id": "q3", "benchmark": "gpqa_diamond", "model": "m", "response": "<think>The answer is D.</think>", "reference": {"answer": "D"}})j";
  const ts::json paper = score_one(line, "paper");
  CHECK(test_paths::text(paper, "trace") == "none");
  CHECK(test_paths::text(paper, "extracted") == "D");
  CHECK(*paper.find("correct")->as_bool());
  ts::pipeline_options chosen;
  chosen.scoring.mode = "paper";
  chosen.trace_chosen = true;  // --trace last-close
  const ts::json stripped = test_paths::verdict_of_line(line, std::move(chosen));
  CHECK(test_paths::text(stripped, "trace") == "last-close");
  CHECK_FALSE(*stripped.find("correct")->as_bool());  // nothing after </think>: evalchemy's fallback is ""
}

TEST_CASE("reference mode: nothing after the trace, the trace's last box is read and the verdict says so") {
  const std::string line =
      R"j({"id": "q4", "benchmark": "gpqa_diamond", "model": "m", "response": "<think>A is excluded by symmetry... so \\boxed{B}</think>", "reference": {"answer": "B"}})j";
  const ts::json ref = score_one(line, "reference");
  CHECK(test_paths::text(ref, "extracted") == "B");
  CHECK(test_paths::text(*ref.find("details"), "read_from") == "reasoning_trace");
  // A cue in the trace is not enough: only a box is a final answer there.
  const std::string cue =
      R"j({"id": "q5", "benchmark": "gpqa_diamond", "model": "m", "response": "<think>the answer is B</think>  ", "reference": {"answer": "B"}})j";
  CHECK(test_paths::text(score_one(cue, "reference"), "status") == "no_answer");
}

TEST_CASE("mmlu_pro routes to choice with ten options; paper mode is lm-eval's mmlu_pro filter") {
  const std::string line =
      R"j({"id": "p1", "benchmark": "mmlu_pro", "model": "m", "response": "Let's think step by step. The answer is (I).", "reference": {"answer": "I", "options": ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]}})j";
  const ts::json ref = score_one(line, "reference");
  CHECK(test_paths::text(ref, "extracted") == "I");
  CHECK(*ref.find("correct")->as_bool());
  const ts::json paper = score_one(line, "paper");
  CHECK(test_paths::text(paper, "mode") == "paper:lm-eval-mmlu-pro");
  CHECK(test_paths::text(paper, "extracted") == "I");
  CHECK(*paper.find("correct")->as_bool());
  // Without option texts an MMLU-Pro record still has ten letters: J is in range.
  const std::string bare =
      R"j({"id": "p2", "benchmark": "mmlu_pro", "model": "m", "response": "answer: j", "reference": {"answer": "J"}})j";
  CHECK(*score_one(bare, "reference").find("correct")->as_bool());
}
