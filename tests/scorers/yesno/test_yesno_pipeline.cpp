// End to end: halueval and acpbench_bool records route to the yesno family through the
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

TEST_CASE("halueval routes to yesno; paper mode reads the first line case-sensitively") {
  const std::string line =
      R"j({"id": "h1", "benchmark": "halueval", "model": "m", "response": "Not hallucinated.\nYes", "reference": {"hallucination": "yes"}})j";
  const ts::json ref = score_one(line, "reference");
  CHECK(test_paths::text(ref, "mode") == "reference");
  CHECK(test_paths::text(ref, "extracted") == "yes");
  CHECK(*ref.find("correct")->as_bool());
  const ts::json paper = score_one(line, "paper");
  CHECK(test_paths::text(paper, "mode") == "paper:lm-eval-halueval");
  CHECK(test_paths::text(paper, "extracted") == "Not hallucinated.");  // "No" inside "Not": judged no
  CHECK_FALSE(*paper.find("correct")->as_bool());
  CHECK(test_paths::text(paper, "status") == "ok");
}

TEST_CASE("acpbench_bool routes to yesno; paper mode drops the line's last character") {
  const std::string line =
      R"j({"id": "b1", "benchmark": "acpbench_bool", "model": "m", "response": "The hand is empty.\n**Final Answer**: Yes", "reference": {"answer": "yes"}})j";
  const ts::json ref = score_one(line, "reference");
  CHECK(test_paths::text(ref, "extracted") == "yes");
  CHECK(*ref.find("correct")->as_bool());
  const ts::json paper = score_one(line, "paper");
  CHECK(test_paths::text(paper, "mode") == "paper:lm-eval-acpbench-bool");
  CHECK(test_paths::text(paper, "extracted") == "Ye");
  CHECK_FALSE(*paper.find("correct")->as_bool());
}

TEST_CASE("no judgement is no_answer in reference mode and a judged wrong answer in paper mode") {
  const std::string line =
      R"j({"id": "h2", "benchmark": "halueval", "model": "m", "response": "Not sure.", "reference": {"hallucination": "yes"}})j";
  CHECK(test_paths::text(score_one(line, "reference"), "status") == "no_answer");
  const ts::json paper = score_one(line, "paper");
  CHECK(test_paths::text(paper, "status") == "ok");
  CHECK(*paper.find("score")->as_double() == 0.0);
}
