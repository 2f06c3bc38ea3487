// End to end through the pipeline: livecodebench records route to the code family; the gold
// can come from LiveCodeBench's own dataset rows joined by question_id; the trace policy
// applies before extraction; results produced elsewhere are compared in both modes.
#include <transferscore/transferscore.hpp>

#include "../../test_paths.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ts = transferscore;
using test_paths::text;

namespace {

ts::io::dataset_index lcb_rows() {
  ts::json row;
  REQUIRE(!ts::io::parse_json(
      R"({"question_id": "abc001_a", "question_title": "Double", "platform": "atcoder", "difficulty": "easy", "starter_code": "",
          "metadata": "{}",
          "public_test_cases": "[{\"input\": \"21\\n\", \"output\": \"42\\n\", \"testtype\": \"stdin\"}]",
          "private_test_cases": "[{\"input\": \"5\\n\", \"output\": \"10\\n\", \"testtype\": \"stdin\"}]"})",
      row));
  return ts::io::dataset_index::from_values({row}, "question_id", "question_id");
}

// `trace` set: the user chose that policy (as --trace does), which paper mode then keeps.
ts::json score(const std::string& line, const std::string& mode, const ts::io::dataset_index* dataset,
               std::optional<ts::trace_policy::mode> trace = std::nullopt) {
  ts::pipeline_options options;
  options.scoring.mode = mode;
  options.dataset = dataset;
  if (trace) {
    options.trace.strip = *trace;
    options.trace_chosen = true;
  }
  return test_paths::verdict_of_line(line, std::move(options));
}

}  // namespace

TEST_CASE("livecodebench routes to code; the gold is LiveCodeBench's dataset row joined by question_id") {
  const auto dataset = lcb_rows();
  const std::string line =
      R"({"question_id": "abc001_a", "benchmark": "livecodebench", "model": "m", "response": "```python\nprint(2 * int(input()))\n```",
          "execution": {"outputs": ["42\n", "10.000\n"]}})";
  const ts::json ref = score(line, "reference", &dataset);
  CHECK(text(ref, "scorer") == "code");
  CHECK(text(ref, "id") == "abc001_a");
  CHECK(text(ref, "status") == "ok");
  CHECK(*ref.find("correct")->as_bool());  // 10.000 == 10 as decimals
  CHECK(text(ref, "extracted") == "print(2 * int(input()))");
  const ts::json paper = score(line, "paper", &dataset);
  CHECK(text(paper, "mode") == "paper:evalchemy-livecodebench");
  CHECK_FALSE(*paper.find("correct")->as_bool());  // private test only, compared exactly
  CHECK(paper.find("details")->find("tests")->dump() ==
        R"([{"test":1,"outcome":"wrong_answer","message":"outputs differ at character 3: '.000' != ''"}])");
}

TEST_CASE("the trace policy runs first: paper mode reads the whole output, as the study's evalchemy did") {
  const std::string line =
      R"({"id": "t", "benchmark": "livecodebench", "model": "m", "response": "<think>\n```python\nprint(42)\n```\n</think>\nDone.",
          "reference": {"tests": [{"input": "", "output": "42"}]}, "execution": {"outputs": ["42"]}})";
  // Reference mode scores the answer after the trace: "Done." holds no program.
  CHECK(text(score(line, "reference", nullptr), "status") == "no_answer");
  // Paper mode applies the study's own handling of livecodebench (none): the block in the thinking counts.
  const ts::json paper = score(line, "paper", nullptr);
  CHECK(text(paper, "trace") == "none");
  CHECK(*paper.find("correct")->as_bool());
  CHECK(text(paper, "extracted") == "print(42)\n");
  // A policy the user chose wins: after the trace there is nothing, judged wrong in paper mode.
  const ts::json cut = score(line, "paper", nullptr, ts::trace_policy::mode::last_close);
  CHECK(text(cut, "trace") == "last-close");
  CHECK(text(cut, "status") == "ok");
  CHECK_FALSE(*cut.find("correct")->as_bool());
}

TEST_CASE("a record without results names the execution field and points to --execute") {
  const std::string line =
      R"({"id": "t", "benchmark": "livecodebench", "model": "m", "response": "```python\nprint(42)\n```",
          "reference": {"tests": [{"input": "", "output": "42"}]}})";
  const ts::json v = score(line, "reference", nullptr);
  CHECK(text(v, "status") == "malformed_record");
  CHECK(text(*v.find("error"), "field") == "execution");
  CHECK(text(*v.find("error"), "message").find("--execute") != std::string::npos);
}
