// End to end: coqa records (canonical, and lm-eval samples_coqa_*.jsonl lines) route to the
// qa family through the pipeline, and the aggregator reads EM and F1 from the verdicts.
#include <transferscore/transferscore.hpp>

#include "../../test_paths.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

namespace ts = transferscore;
namespace ag = ts::aggregate;

namespace {

std::string score_line(std::string_view line, const std::string& mode, const std::string& source = "test.jsonl",
                       const std::string& trace = "") {
  const ts::scorer_registry registry = ts::builtin_registry();
  ts::pipeline_options options;
  options.scoring.mode = mode;
  if (trace == "none") options.trace.strip = ts::trace_policy::mode::none;
  if (trace == "last-close") options.trace.strip = ts::trace_policy::mode::last_close;
  options.trace_chosen = !trace.empty();
  const ts::score_pipeline pipeline(registry, options);
  std::string out;
  ts::run_summary summary;
  pipeline.score_line(line, 1, source, out, summary);
  return out;
}

ts::json parse(const std::string& text) {
  ts::json v;
  REQUIRE(!ts::io::parse_json(text, v));
  return v;
}

const ag::named_estimate* find(const std::vector<ag::named_estimate>& v, const std::string& name) {
  for (const auto& e : v) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

// An lm-eval samples_coqa line: `doc` is the EleutherAI/coqa story, `target` doc_to_target's list.
constexpr std::string_view lm_eval_line =
    R"j({"doc_id": 3, "doc": {"source": "mctest", "story": "Cotton lived in a barn.", "questions": {"input_text": ["What color?", "Where did she live?"]}, "answers": {"input_text": ["white", "in a barn"], "answer_start": [0, 0], "answer_end": [1, 1]}, "additional_answers": {"0": {"input_text": ["white", "in a barn"]}, "1": {"input_text": ["White", "a barn"]}, "2": {"input_text": ["white", "In a barn"]}}}, "target": ["in a barn", "a barn"], "arguments": [["...", {"until": ["\nQ:"]}]], "resps": [[" In a barn\n\n"]], "filtered_resps": [" In a barn\n\n"], "em": 0.5, "f1": 0.8333333333333333})j";

}  // namespace

TEST_CASE("coqa routes to qa, and the verdict carries em and f1 and names the mode") {
  const std::string line =
      R"j({"id": "s1", "benchmark": "coqa", "model": "m", "response": "**Answer:** white", "reference": {"answers": ["white", "White", "a white cat", "white"]}})j";
  const ts::json ref = parse(score_line(line, "reference"));
  CHECK(test_paths::text(ref, "scorer") == "qa");
  CHECK(test_paths::text(ref, "mode") == "reference");
  CHECK(test_paths::text(ref, "status") == "ok");
  CHECK(test_paths::text(ref, "extracted") == "white");
  CHECK(*ref.find("score")->as_double() == 1.0);
  CHECK(*ref.find("details")->find("em")->as_double() == 1.0);
  const ts::json paper = parse(score_line(line, "paper"));
  CHECK(test_paths::text(paper, "mode") == "paper:lm-eval-coqa");
  CHECK(test_paths::text(paper, "extracted") == "**Answer:** white");
  CHECK(*paper.find("details")->find("em")->as_double() == 0.0);
}

TEST_CASE("an lm-eval samples_coqa line scores end to end with the numbers lm-eval logged") {
  const ts::json paper = parse(score_line(lm_eval_line, "paper", "out/qwen/samples_coqa_2025-07-01T00-00-00.jsonl"));
  CHECK(test_paths::text(paper, "benchmark") == "coqa");
  CHECK(test_paths::text(paper, "scorer") == "qa");
  CHECK(test_paths::text(paper, "extracted") == "In a barn");
  CHECK(*paper.find("details")->find("em")->as_double() == doctest::Approx(0.5));
  CHECK(*paper.find("details")->find("f1")->as_double() == doctest::Approx(0.8333333333333333));
  CHECK(*paper.find("details")->find("golds")->as_int() == 2);
  // Reference mode reads all four annotators' answers from the doc, without de-duplication.
  const ts::json ref = parse(score_line(lm_eval_line, "reference", "out/qwen/samples_coqa_2025-07-01T00-00-00.jsonl"));
  CHECK(*ref.find("details")->find("golds")->as_int() == 4);
  CHECK(*ref.find("details")->find("em")->as_double() == 1.0);
}

TEST_CASE("paper mode alone applies the fork's </think> edit: the pipeline leaves the trace to the scorer") {
  const std::string line =
      R"j({"id": "s2", "benchmark": "coqa", "model": "m", "response": "<think>It says white.</think>\n\nwhite\nQ: next", "reference": {"answer": "white"}})j";
  for (const char* trace : {"", "none"}) {
    const ts::json paper = parse(score_line(line, "paper", "test.jsonl", trace));
    CHECK(test_paths::text(paper, "trace") == "none");
    CHECK(test_paths::text(paper, "extracted") == "white");
    CHECK(*paper.find("correct")->as_bool());
  }
  // An unterminated trace: the fork scores its first line; a chosen last-close policy says unterminated.
  const std::string cut = R"j({"id": "s3", "benchmark": "coqa", "model": "m", "response": "<think>It says", "reference": {"answer": "white"}})j";
  CHECK(test_paths::text(parse(score_line(cut, "paper")), "status") == "ok");
  CHECK(test_paths::text(parse(score_line(cut, "paper", "test.jsonl", "last-close")), "status") == "unterminated_trace");
}

TEST_CASE("a malformed gold is a malformed_record verdict naming the field") {
  const std::string bad = R"j({"id": "s3", "benchmark": "coqa", "model": "m", "response": "x", "reference": {"answers": [1]}})j";
  const ts::json v = parse(score_line(bad, "reference"));
  CHECK(test_paths::text(v, "status") == "malformed_record");
  REQUIRE(v.find("error") != nullptr);
  CHECK(test_paths::text(*v.find("error"), "field") == "reference.answers[0]");
}

TEST_CASE("aggregating qa verdicts gives the mean EM and F1 (what `transferscore aggregate` reads)") {
  const std::vector<std::string> lines = {
      R"j({"id": "t1", "benchmark": "coqa", "model": "m", "response": "white", "reference": {"answer": "white"}})j",
      R"j({"id": "t2", "benchmark": "coqa", "model": "m", "response": "he went to the store", "reference": {"answer": "to the store"}})j",
      R"j({"id": "t3", "benchmark": "coqa", "model": "m", "response": "cat", "reference": {"answers": ["cat", "dog"]}})j",
      R"j({"id": "t4", "benchmark": "coqa", "model": "m", "response": "x", "reference": {}})j",
  };
  ag::accumulator_set set;
  std::vector<ts::json> verdicts;  // the views point into them
  verdicts.reserve(lines.size());
  std::string key;
  for (const auto& line : lines) {
    verdicts.push_back(parse(score_line(line, "reference")));
    std::string_view model, benchmark;
    const ag::sample_view view = ag::view_verdict(verdicts.back(), "verdicts.jsonl", verdicts.size(), key, model, benchmark);
    set.add_view(model, benchmark, view);
  }
  ag::aggregate_policy policy;
  policy.bootstrap.replicates = 0;
  const auto summaries = ag::summarize(set, policy);
  REQUIRE(summaries.size() == 1);
  const auto& s = summaries[0];
  // t1: 1/1; t2: 0/(2/3); t3: leave-one-out over two golds 1/2 both; t4 malformed: 0/0.
  REQUIRE(find(s.metrics, "em") != nullptr);
  CHECK(find(s.metrics, "em")->value.value == doctest::Approx((1.0 + 0.0 + 0.5 + 0.0) / 4));
  CHECK(find(s.metrics, "f1")->value.value == doctest::Approx((1.0 + 2.0 / 3.0 + 0.5 + 0.0) / 4));
  CHECK(s.score.value == doctest::Approx((1.0 + 2.0 / 3.0 + 0.5 + 0.0) / 4));  // score = F1
}
