// End to end: halueval and acpbench_bool records route to the yesno family through the
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

TEST_CASE("halueval routes to yesno; paper mode reads the first line case-sensitively") {
  const std::string line =
      R"j({"id": "h1", "benchmark": "halueval", "model": "m", "response": "Not hallucinated.\nYes", "reference": {"hallucination": "yes"}})j";
  const ts::json ref = score_one(line, "reference");
  CHECK(field(ref, "mode") == "reference");
  CHECK(field(ref, "extracted") == "yes");
  CHECK(*ref.find("correct")->as_bool());
  const ts::json paper = score_one(line, "paper");
  CHECK(field(paper, "mode") == "paper:lm-eval-halueval");
  CHECK(field(paper, "extracted") == "Not hallucinated.");  // "No" inside "Not": judged no
  CHECK_FALSE(*paper.find("correct")->as_bool());
  CHECK(field(paper, "status") == "ok");
}

TEST_CASE("acpbench_bool routes to yesno; paper mode drops the line's last character") {
  const std::string line =
      R"j({"id": "b1", "benchmark": "acpbench_bool", "model": "m", "response": "The hand is empty.\n**Final Answer**: Yes", "reference": {"answer": "yes"}})j";
  const ts::json ref = score_one(line, "reference");
  CHECK(field(ref, "extracted") == "yes");
  CHECK(*ref.find("correct")->as_bool());
  const ts::json paper = score_one(line, "paper");
  CHECK(field(paper, "mode") == "paper:lm-eval-acpbench-bool");
  CHECK(field(paper, "extracted") == "Ye");
  CHECK_FALSE(*paper.find("correct")->as_bool());
}

TEST_CASE("no judgement is no_answer in reference mode and a judged wrong answer in paper mode") {
  const std::string line =
      R"j({"id": "h2", "benchmark": "halueval", "model": "m", "response": "Not sure.", "reference": {"hallucination": "yes"}})j";
  CHECK(field(score_one(line, "reference"), "status") == "no_answer");
  const ts::json paper = score_one(line, "paper");
  CHECK(field(paper, "status") == "ok");
  CHECK(*paper.find("score")->as_double() == 0.0);
}
