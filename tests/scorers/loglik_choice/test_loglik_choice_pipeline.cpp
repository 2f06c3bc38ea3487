// End to end: hand-made lm-eval samples files (the >= 0.4.3 shape, log-probabilities as
// strings) scored through the pipeline, the task read from the file name and the model from
// its folder, then aggregated: per record the verdict agrees with the acc / acc_norm lm-eval
// wrote into the line, and the aggregate reports acc, acc_norm and MC-TACO's pooled f1 as
// tools/gen_loglik_choice_cases.py computed them.
#include <transferscore/transferscore.hpp>

#include "../../test_paths.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <vector>

namespace ts = transferscore;
namespace ag = transferscore::aggregate;

namespace {

using test_paths::text;

const char* const model_dir = "loglik_choice/Qwen__Qwen3-14B/";
const char* const headqa_file = "samples_headqa_en_2025-07-12T10-21-33.512044.jsonl";
const char* const mc_taco_file = "samples_mc_taco_2025-07-12T10-40-02.118530.jsonl";

/// Runs the pipeline on one file and returns its verdict lines, parsed, and the file itself.
std::vector<ts::json> run_file(const std::string& path, const std::string& mode, ag::accumulator_set& set) {
  const ts::scorer_registry registry = ts::builtin_registry();
  ts::pipeline_options options;
  options.scoring.mode = mode;
  ts::score_pipeline pipeline(registry, options);
  std::FILE* out = std::tmpfile();
  REQUIRE(out != nullptr);
  (void)pipeline.run({path}, out);
  std::rewind(out);
  (void)ag::read_verdicts(out, "verdicts.jsonl", set);
  std::rewind(out);
  std::vector<ts::json> verdicts;
  std::string line;
  for (int c = std::fgetc(out); c != EOF; c = std::fgetc(out)) {
    if (c != '\n') {
      line.push_back(static_cast<char>(c));
      continue;
    }
    ts::json v;
    REQUIRE(!ts::io::parse_json(line, v));
    verdicts.push_back(std::move(v));
    line.clear();
  }
  std::fclose(out);
  return verdicts;
}

ts::json expected_metrics() {
  ts::json m;
  REQUIRE(!ts::io::parse_json(test_paths::read_file(test_paths::data("loglik_choice/expected_metrics.json")), m));
  return m;
}

double metric(const ag::benchmark_summary& s, const std::string& name) {
  for (const auto& e : s.metrics) {
    if (e.name == name) return e.value.value;
  }
  FAIL("no metric " << name);
  return 0.0;
}

double number(const ts::json& object, const char* key) { return *object.find(key)->as_double(); }

}  // namespace

TEST_CASE("an lm-eval headqa_en samples file: verdicts agree with lm-eval's own acc and acc_norm") {
  const std::string path = test_paths::data(std::string(model_dir) + headqa_file).string();
  const auto lines = test_paths::read_jsonl(path);
  for (const char* mode : {"reference", "paper"}) {
    ag::accumulator_set set;
    const auto verdicts = run_file(path, mode, set);
    REQUIRE(verdicts.size() == lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const auto& v = verdicts[i];
      INFO(mode << " line " << i + 1);
      CHECK(text(v, "benchmark") == "headqa");
      CHECK(text(v, "model") == "Qwen/Qwen3-14B");
      CHECK(text(v, "scorer") == "loglik_choice");
      CHECK(text(v, "mode") == (std::string(mode) == "paper" ? "paper:lm-eval-headqa" : "reference"));
      REQUIRE(text(v, "status") == "ok");
      const auto& details = *v.find("details");
      CHECK(number(details, "acc") == number(lines[i], "acc"));
      CHECK(number(details, "acc_norm") == number(lines[i], "acc_norm"));
      CHECK(*v.find("id") == *lines[i].find("doc_id"));
    }
    const auto summaries = ag::summarize(set, ag::aggregate_policy{});
    REQUIRE(summaries.size() == 1);
    const auto all_expected = expected_metrics();
  const auto& expect = *all_expected.find("samples")->find(headqa_file);
    CHECK(summaries[0].score.value == doctest::Approx(number(expect, "acc")));
    CHECK(metric(summaries[0], "acc") == doctest::Approx(number(expect, "acc")));
    CHECK(metric(summaries[0], "acc_norm") == doctest::Approx(number(expect, "acc_norm")));
  }
}

TEST_CASE("an lm-eval mc_taco samples file: per-candidate acc, question keys and the pooled f1") {
  const std::string path = test_paths::data(std::string(model_dir) + mc_taco_file).string();
  const auto lines = test_paths::read_jsonl(path);
  ag::accumulator_set set;
  const auto verdicts = run_file(path, "paper", set);
  REQUIRE(verdicts.size() == lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& v = verdicts[i];
    INFO("line " << i + 1);
    CHECK(text(v, "benchmark") == "mc_taco");
    CHECK(text(v, "mode") == "paper:lm-eval-mc_taco");
    REQUIRE(text(v, "status") == "ok");
    const auto& details = *v.find("details");
    const auto& doc = *lines[i].find("doc");
    CHECK(number(details, "acc") == number(lines[i], "acc"));
    // lm-eval's f1 entry is the (gold, pred) pair of the candidate.
    const auto& pair = *lines[i].find("f1")->if_array();
    CHECK(*details.find("gold_yes")->as_bool() == (*pair[0].as_int() == 1));
    CHECK(*details.find("pred_yes")->as_bool() == (*pair[1].as_int() == 1));
    CHECK(text(details, "question") == text(doc, "sentence") + " " + text(doc, "question"));
    CHECK(details.find("acc_norm") == nullptr);
  }
  const auto summaries = ag::summarize(set, ag::aggregate_policy{});
  REQUIRE(summaries.size() == 1);
  const auto all_expected = expected_metrics();
  const auto& expect = *all_expected.find("samples")->find(mc_taco_file);
  CHECK(metric(summaries[0], "acc") == doctest::Approx(number(expect, "acc")));
  CHECK(metric(summaries[0], "f1") == doctest::Approx(number(expect, "f1")));
}

TEST_CASE("the aggregate over the fixture cases: acc, acc_norm where the texts exist, and f1 for mc_taco") {
  const auto registry = ts::builtin_registry();
  ag::accumulator_set set;
  for (const auto& row : test_paths::read_jsonl(test_paths::data("loglik_choice/cases.jsonl"))) {
    if (text(*row.find("expect"), "status") != "ok") continue;
    ts::record r;
    r.benchmark = text(row, "benchmark");
    r.reference = *row.find("reference");
    for (const char* key : {"choice_logprobs", "target"}) {
      if (const auto* v = row.find(key)) r.extra[key] = *v;
    }
    ts::scorer_options o;
    o.benchmark = r.benchmark;
    const auto s = registry.make("loglik_choice", o);
    ts::verdict v;
    v.id = *row.find("id");
    v.model = "m";
    v.benchmark = r.benchmark;
    v.scorer = "loglik_choice";
    v.result = s.score(r);
    set.add(v);
  }
  const auto expect = expected_metrics();
  for (const auto& summary : ag::summarize(set, ag::aggregate_policy{})) {
    INFO(summary.benchmark);
    const auto& e = *expect.find(summary.benchmark);
    CHECK(metric(summary, "acc") == doctest::Approx(number(e, "acc")));
    if (e.find("acc_norm") != nullptr) CHECK(metric(summary, "acc_norm") == doctest::Approx(number(e, "acc_norm")));
    if (e.find("f1") != nullptr) CHECK(metric(summary, "f1") == doctest::Approx(number(e, "f1")));
  }
}

TEST_CASE("a canonical record carries its log-probabilities at the top level; a bad one is malformed, not fatal") {
  const ts::scorer_registry registry = ts::builtin_registry();
  const ts::score_pipeline pipeline(registry, ts::pipeline_options{});
  std::string out;
  ts::run_summary summary;
  pipeline.score_line(
      R"j({"id": "q1", "benchmark": "headqa", "model": "m", "response": "", "choice_logprobs": [-4.0, null, -2.5], "reference": {"answer": "C", "choices": ["uno", "dos", "tres"]}})j",
      1, "records.jsonl", out, summary);
  pipeline.score_line(
      R"j({"id": "q2", "benchmark": "mc_taco", "model": "m", "response": "", "choice_logprobs": [-1.0, "NaN"], "reference": {"label": 1}})j",
      2, "records.jsonl", out, summary);
  const auto newline = out.find('\n');
  REQUIRE(newline != std::string::npos);
  ts::json first, second;
  REQUIRE(!ts::io::parse_json(std::string_view(out).substr(0, newline), first));
  REQUIRE(!ts::io::parse_json(std::string_view(out).substr(newline + 1, out.size() - newline - 2), second));
  CHECK(text(first, "status") == "ok");
  CHECK(*first.find("correct")->as_bool());
  CHECK(text(second, "status") == "malformed_record");
  CHECK(text(*second.find("error"), "field") == "choice_logprobs[1]");
  CHECK(*second.find("error")->find("line")->as_int() == 2);
}

TEST_CASE("the lm-eval adapter takes sanitized [logprob, is_greedy] strings as log-likelihoods, and only those") {
  ts::io::adapt_context context{"samples_headqa_en_2025-07-12T10-21-33.512044.jsonl", 1};
  ts::json line;
  REQUIRE(!ts::io::parse_json(R"({"doc_id": 0, "doc": {}, "target": "1", "resps": [[["-3.5", "False"]], [["-1.25", "True"]]]})", line));
  const auto loglik = ts::io::adapt(line, ts::io::input_format::automatic, context);
  REQUIRE(loglik.ok());
  REQUIRE(loglik.records.size() == 1);
  CHECK(*loglik.records[0].extra.find("choice_logprobs") == ts::json::array({"-3.5", "-1.25"}));
  // A generation task answering "False" twice stays a generation task.
  REQUIRE(!ts::io::parse_json(R"({"doc_id": 0, "doc": {}, "target": "no", "resps": [["-3.5", "False"]]})", line));
  const auto generated = ts::io::adapt(line, ts::io::input_format::automatic, context);
  REQUIRE(generated.ok());
  REQUIRE(generated.records.size() == 2);
  CHECK(generated.records[1].response == "False");
}

TEST_CASE("the family's aggregate contributor: details first, then the verdict's own status and correctness") {
  const ag::loglik_choice_metrics contributor;
  ag::metric_sink sink;
  const auto values = [&](const ag::sample_view& s) {
    sink.clear();
    contributor.contribute(s, sink);
    std::string out;
    for (const auto& v : sink.values()) out += v.name + "=" + std::to_string(v.numerator) + "/" + std::to_string(v.denominator) + " ";
    return out;
  };
  ts::json details = ts::json::object();
  details["acc"] = 0;
  details["acc_norm"] = 1;
  details["pred_yes"] = true;
  details["gold_yes"] = false;
  ag::sample_view s;
  s.scorer = "loglik_choice";
  s.details = &details;
  CHECK(values(s) == "acc=0.000000/1.000000 acc_norm=1.000000/1.000000 f1=0.000000/1.000000 ");  // a false positive
  details["pred_yes"] = false;
  CHECK(values(s) == "acc=0.000000/1.000000 acc_norm=1.000000/1.000000 ");  // a true negative adds nothing to f1
  s.details = nullptr;
  s.correct = true;
  CHECK(values(s) == "acc=1.000000/1.000000 ");  // a verdict written without details
  s.state = ts::status::malformed_record;
  CHECK(values(s) == "acc=0.000000/1.000000 ");
  s.scorer = "qa";
  CHECK(values(s).empty());
}
