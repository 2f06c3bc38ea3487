// Reading one side of a comparison: verdict lines and lm-eval sample lines as judgements,
// every unusable line kept with its file, line and field.

#include <transferscore/transferscore.hpp>

#include "../test_paths.hpp"

#include <doctest/doctest.h>

#include <string>

namespace ts = transferscore;
namespace tsd = transferscore::diff;

namespace {

// The lm-eval layout: <output>/<model folder>/samples_<task>_<timestamp>.jsonl.
const std::string gsm8k_file = "out/Qwen__Qwen2.5-7B-Instruct/samples_gsm8k_2025-06-02T11-20-31.482913.jsonl";

tsd::side read_lines(std::initializer_list<std::string> lines, const std::string& file = gsm8k_file,
                     tsd::side_options options = {}) {
  tsd::side s;
  s.options = std::move(options);
  tsd::side_reader reader(s);
  const auto f = reader.begin_file(file);
  std::uint64_t n = 0;
  for (const auto& l : lines) reader.add_line(l, f, ++n);
  return s;
}

std::string lm_eval_line(int doc_id, const std::string& filter, const std::string& extracted, const std::string& metrics) {
  return R"({"doc_id": )" + std::to_string(doc_id) +
         R"(, "doc": {"question": "How many?", "answer": "Two and two.\n#### 4"}, "target": "Two and two.\n#### 4", )"
         R"("arguments": {"gen_args_0": {"arg_0": "Q", "arg_1": {"until": ["Question:"]}}}, "resps": [["So 4.\n#### 4"]], )"
         R"("filtered_resps": [")" +
         extracted + R"("], "filter": ")" + filter + R"(", "doc_hash": "d", "prompt_hash": "p", "target_hash": "t", )" + metrics + "}";
}

}  // namespace

TEST_CASE("a verdict line is one judgement: id as text, sample, extraction source, answer shape") {
  const auto s = read_lines(
      {R"({"id":"algebra/17","benchmark":"math500","model":"m","sample":2,"scorer":"math","score":1,"correct":true,"status":"ok","extracted":"\\frac12","mode":"reference","trace":"last-close","details":{"source":"boxed"}})",
       R"({"id":17,"benchmark":"math500","model":"m","sample":0,"scorer":"math","score":0,"correct":false,"status":"ok","extracted":"3,\\!250","mode":"reference","trace":"last-close"})"},
      "v.jsonl");
  REQUIRE(s.entries.size() == 2);
  CHECK(s.verdict_lines == 2);
  const auto& e = s.entries[0];
  CHECK(e.id == "algebra/17");
  CHECK(e.sample == 2);
  CHECK(e.correct);
  CHECK(e.source == "boxed");
  CHECK(e.extracted == "\\frac12");
  CHECK(e.extracted_shape == tsd::shape::fraction);
  CHECK(e.line == 1);
  CHECK(s.entries[1].id == "17");  // an integer id matches the string "17"
  CHECK(s.entries[1].extracted_shape == tsd::shape::grouped_number);
}

TEST_CASE("a verdict that is not ok is wrong, whatever its correct member says") {
  const auto s = read_lines(
      {R"({"id":1,"benchmark":"b","model":"m","scorer":"math","score":1,"correct":true,"status":"budget_exceeded","extracted":"","error":{"file":"x","line":1,"field":"","message":"m"}})"},
      "v.jsonl");
  REQUIRE(s.entries.size() == 1);
  CHECK_FALSE(s.entries[0].correct);
  CHECK(s.entries[0].score == 0.0);
  CHECK(s.entries[0].state == ts::status::budget_exceeded);
}

TEST_CASE("--metric reads a member of details instead of correct (IFEval loose)") {
  tsd::side_options options;
  options.metrics = {"prompt_loose"};
  const auto s = read_lines(
      {R"({"id":3,"benchmark":"ifeval","model":"m","scorer":"instructions","score":0,"correct":false,"status":"ok","extracted":"","details":{"prompt_strict":false,"prompt_loose":true}})",
       R"({"id":4,"benchmark":"ifeval","model":"m","scorer":"instructions","score":0,"correct":false,"status":"ok","extracted":""})"},
      "v.jsonl", options);
  REQUIRE(s.entries.size() == 2);
  CHECK(s.entries[0].correct);
  CHECK_FALSE(s.entries[1].correct);  // no such member: correct as written
}

TEST_CASE("an lm-eval line: model from its folder, benchmark from its task, gold from target, the metric as judgement") {
  const auto s = read_lines({lm_eval_line(7, "flexible-extract", "4", R"("metrics": ["exact_match"], "exact_match": 1.0)")});
  REQUIRE(s.entries.size() == 1);
  CHECK(s.lm_eval_lines == 1);
  const auto& e = s.entries[0];
  CHECK(e.model == "Qwen/Qwen2.5-7B-Instruct");
  CHECK(e.benchmark == "gsm8k");
  CHECK(e.id == "7");
  CHECK(e.correct);
  CHECK(e.source == "flexible-extract");
  CHECK(e.extracted == "4");
  CHECK(e.has_gold);
  CHECK(e.gold == "4");  // the final answer after GSM8K's ####
  CHECK(s.metric[0] == "exact_match");
}

TEST_CASE("lm-eval's [invalid] and an empty filtered response are no answer") {
  const auto s = read_lines({lm_eval_line(0, "strict-match", "[invalid]", R"("exact_match": 0.0)"),
                             lm_eval_line(1, "strict-match", "  ", R"("exact_match": 0.0)")});
  REQUIRE(s.entries.size() == 2);
  for (const auto& e : s.entries) {
    CHECK(e.state == ts::status::no_answer);
    CHECK(e.extracted.empty());
    CHECK(e.extracted_shape == tsd::shape::empty);
  }
}

TEST_CASE("a log-likelihood line's answer is the most likely choice, also from lm-eval's string pairs") {
  const auto s = read_lines(
      {R"({"doc_id": 3, "doc": {"q": "x"}, "target": 2, "arguments": {}, "resps": [[["-3.5", "False"]], [["-2.0", "False"]], [["-0.5", "True"]]], "filtered_resps": [["-3.5", "False"], ["-2.0", "False"], ["-0.5", "True"]], "filter": "none", "acc": 1.0})"},
      "out/m/samples_mmlu_pro_2025-01-01T00-00-00.jsonl");
  REQUIRE(s.entries.size() == 1);
  CHECK(s.entries[0].extracted == "2");
  CHECK(s.entries[0].gold == "2");
  CHECK(s.entries[0].correct);
}

TEST_CASE("an lm-eval file that names several metrics needs --metric; a list is tried in order") {
  const std::string line =
      lm_eval_line(0, "none", "x", R"("metrics": ["exact_match", "math_verify"], "exact_match": 0.0, "math_verify": 1.0)");
  CHECK_THROWS_WITH_AS((void)read_lines({line}), doctest::Contains(":1: several metrics (exact_match, math_verify): choose one with --metric"),
                       ts::config_error);
  tsd::side_options options;
  options.metrics = {"acc", "math_verify", "exact_match"};
  const auto s = read_lines({line}, gsm8k_file, options);
  REQUIRE(s.entries.size() == 1);
  CHECK(s.entries[0].correct);
  CHECK(s.metric[0] == "math_verify");
}

TEST_CASE("without a metrics list, the one numeric member beside lm-eval's own is the metric") {
  const auto s = read_lines({lm_eval_line(0, "none", "x", R"("prompt_level_strict_acc": true)"),
                             lm_eval_line(1, "none", "x", R"("prompt_level_strict_acc": false)")});
  REQUIRE(s.entries.size() == 2);
  CHECK(s.metric[0] == "prompt_level_strict_acc");
  CHECK(s.entries[0].correct);
  CHECK_FALSE(s.entries[1].correct);
}

TEST_CASE("a list-valued metric scores its mean and is right when all of it is") {
  tsd::side_options options;
  options.metrics = {"inst_level_strict_acc"};
  const auto s = read_lines({lm_eval_line(0, "none", "x", R"("inst_level_strict_acc": [true, false, true, true])")}, gsm8k_file,
                            options);
  REQUIRE(s.entries.size() == 1);
  CHECK(s.entries[0].score == doctest::Approx(0.75));
  CHECK_FALSE(s.entries[0].correct);
}

TEST_CASE("--filter keeps one filter's lines; without it, two filters in one file are reported") {
  const std::initializer_list<std::string> lines = {lm_eval_line(0, "strict-match", "[invalid]", R"("exact_match": 0.0)"),
                                                    lm_eval_line(0, "flexible-extract", "4", R"("exact_match": 1.0)")};
  const auto both = read_lines(lines);
  CHECK(both.entries.size() == 2);
  CHECK(tsd::filter_ambiguity(both) ==
        gsm8k_file + " holds lines of 2 filters (strict-match, flexible-extract)");
  tsd::side_options options;
  options.filters = {"flexible-extract"};
  const auto one = read_lines(lines, gsm8k_file, options);
  REQUIRE(one.entries.size() == 1);
  CHECK(one.entries[0].correct);
  CHECK(one.filtered_out == 1);
  CHECK(tsd::filter_ambiguity(one).empty());
}

TEST_CASE("every bad line is named with its line and field, and nothing is lost") {
  const auto s = read_lines({
      lm_eval_line(0, "none", "4", R"("exact_match": 1.0)"),
      R"({"doc_id": 1, "doc": {"question": "How m)",                                // cut short
      lm_eval_line(2, "none", "4", R"("exact_match": "n/a")"),                      // not a number
      R"({"doc": {}, "resps": [["x"]], "doc_id": null, "exact_match": 1.0})",       // no doc_id
      lm_eval_line(4, "none", "4", R"("other": 1)"),                                // the file's metric missing
      "[1, 2]",                                                                      // not an object
      "",                                                                            // blank: skipped
      R"({"id":5,"benchmark":"gsm8k","model":"m","scorer":"math","score":1,"status":"ok"})",  // no correct
      R"({"id":6,"benchmark":"gsm8k","model":"m","sample":-1,"scorer":"math","score":1,"correct":true,"status":"ok"})",
  });
  CHECK(s.lines == 8);
  CHECK(s.entries.size() == 1);
  REQUIRE(s.bad_lines.size() == 7);
  CHECK(s.entries.size() + s.bad_lines.size() + s.filtered_out == s.lines);
  CHECK(s.bad_lines[0].line == 2);
  CHECK(s.bad_lines[0].message.find("invalid JSON") == 0);
  CHECK(s.bad_lines[1].line == 3);
  CHECK(s.bad_lines[1].field == "exact_match");
  CHECK(s.bad_lines[2].line == 4);
  CHECK(s.bad_lines[2].field == "doc_id");
  CHECK(s.bad_lines[3].line == 5);
  CHECK(s.bad_lines[3].field == "exact_match");
  CHECK(s.bad_lines[4].line == 6);
  CHECK(s.bad_lines[5].line == 8);
  CHECK(s.bad_lines[5].field == "correct");
  CHECK(s.bad_lines[6].line == 9);
  CHECK(s.bad_lines[6].field == "sample");
}

TEST_CASE("files are read whole; a missing file is an error naming it") {
  const auto path = test_paths::write_temp("diff_reader_two_lines.jsonl",
                                           R"({"id":1,"benchmark":"b","model":"m","scorer":"s","score":1,"correct":true,"status":"ok"})"
                                           "\n\n"
                                           R"({"id":2,"benchmark":"b","model":"m","scorer":"s","score":0,"correct":false,"status":"ok"})"
                                           "\n");
  tsd::side s;
  tsd::side_reader reader(s);
  reader.read_file(path);
  CHECK(s.entries.size() == 2);
  CHECK(s.entries[1].line == 3);
  CHECK_THROWS_AS(reader.read_file(path + ".missing"), ts::io_error);
}

TEST_CASE("gold answers from the scored records, a dataset, or an lm-eval log") {
  tsd::gold_index golds;
  ts::json line;
  REQUIRE(!ts::io::parse_json(R"({"id":"a/1","benchmark":"math500","response":"x","reference":{"answer":"3,\\!250"}})", line));
  CHECK(golds.add(line, "r.jsonl", 1).empty());
  REQUIRE(!ts::io::parse_json(R"({"id":2,"answer":"The sum is \\boxed{\\frac{1}{2}}."})", line));
  CHECK(golds.add(line, "d.jsonl", 1).empty());
  REQUIRE(!ts::io::parse_json(R"({"id":3,"benchmark":"coqa","reference":{"answers":["white","white cat"]}})", line));
  CHECK(golds.add(line, "d.jsonl", 2).empty());
  REQUIRE(!ts::io::parse_json(lm_eval_line(9, "none", "4", R"("exact_match": 1.0)"), line));
  CHECK(golds.add(line, gsm8k_file, 1).empty());
  REQUIRE(!ts::io::parse_json(R"({"benchmark":"math500","answer":"1"})", line));
  CHECK(golds.add(line, "d.jsonl", 3) == "id");

  REQUIRE(golds.find("math500", "a/1") != nullptr);
  CHECK(*golds.find("math500", "a/1") == "3,\\!250");
  CHECK(*golds.find("anything", "2") == "\\frac{1}{2}");  // the last box of a worked solution
  CHECK(*golds.find("coqa", "3") == "white");
  CHECK(*golds.find("gsm8k", "9") == "4");
  CHECK(golds.find("math500", "404") == nullptr);
}

TEST_CASE("an id with different golds in different benchmarks is only found with its benchmark") {
  tsd::gold_index golds;
  ts::json line;
  REQUIRE(!ts::io::parse_json(R"({"id":0,"benchmark":"aime24","answer":"204"})", line));
  (void)golds.add(line, "d.jsonl", 1);
  REQUIRE(!ts::io::parse_json(R"({"id":0,"benchmark":"aime25","answer":"70"})", line));
  (void)golds.add(line, "d.jsonl", 2);
  CHECK(*golds.find("aime25", "0") == "70");
  CHECK(golds.find("math500", "0") == nullptr);
}

TEST_CASE("a verdict without an id (a record lost before it had one) is listed, never paired") {
  const std::string lost =
      R"json({"id":null,"benchmark":"math500","model":"m","sample":0,"scorer":"","score":0,"correct":false,"status":"malformed_record","extracted":"","mode":"reference","trace":"last-close","error":{"file":"in.jsonl","line":3,"field":"id","message":"missing id (a string or an integer)"}})json";
  const std::string judged =
      R"({"id":"a","benchmark":"math500","model":"m","sample":0,"scorer":"math","score":1,"correct":true,"status":"ok","extracted":"2","mode":"reference","trace":"last-close"})";
  auto a = read_lines({judged, lost}, "v.jsonl");
  CHECK(a.entries.size() == 1);
  CHECK(a.bad_lines.empty());  // a verdict score wrote is not a bad line
  REQUIRE(a.unidentified.size() == 1);
  CHECK(a.unidentified[0].benchmark == "math500");
  CHECK(a.unidentified[0].state == ts::status::malformed_record);
  CHECK(a.unidentified[0].field == "id");
  CHECK(a.unidentified[0].message == "missing id (a string or an integer)");
  CHECK(a.unidentified[0].line == 2);
  // A null id on a verdict that claims a judgement is a bad line naming the field.
  std::string claimed = judged;
  claimed.replace(claimed.find("\"a\""), 3, "null");
  const auto c = read_lines({claimed}, "v.jsonl");
  REQUIRE(c.bad_lines.size() == 1);
  CHECK(c.bad_lines[0].field == "id");

  auto b = read_lines({judged}, "w.jsonl");
  const auto r = tsd::compare(std::move(a), std::move(b), tsd::diff_options{});
  REQUIRE(r.benchmarks.size() == 1);
  CHECK(r.benchmarks[0].counts.both_right == 1);
  CHECK(r.benchmarks[0].unidentified_a == 1);
  CHECK(r.benchmarks[0].unidentified_b == 0);
  const std::string md = tsd::report::diff_markdown(r);
  CHECK(md.find("Without an id, not compared: A") != std::string::npos);
  CHECK(md.find("v.jsonl:2): id: missing id") != std::string::npos);
}

TEST_CASE("the gold a verdict of score --keep-response carries is the judgement's gold") {
  const auto s = read_lines(
      {R"({"id":"q","benchmark":"math500","model":"m","sample":0,"scorer":"math","score":1,"correct":true,"status":"ok","extracted":"3250","mode":"reference","trace":"last-close","response":"\\boxed{3250}","gold":{"answer":"3,\\!250"}})",
       R"({"id":"r","benchmark":"triviaqa","model":"m","sample":0,"scorer":"qa","score":0,"correct":false,"status":"ok","extracted":"Paris","mode":"reference","trace":"last-close","response":"Paris","gold":{"answers":["Lyon","Lugdunum"]}})",
       R"({"id":"s","benchmark":"ifeval","model":"m","sample":0,"scorer":"instructions","score":1,"correct":true,"status":"ok","extracted":"","mode":"reference","trace":"last-close","response":"ok","gold":{"instruction_id_list":["x"]}})"},
      "v.jsonl");
  REQUIRE(s.entries.size() == 3);
  CHECK(s.entries[0].has_gold);
  CHECK(s.entries[0].gold == "3,\\!250");
  CHECK(s.entries[1].gold == "Lyon");  // the first of several accepted answers
  CHECK_FALSE(s.entries[2].has_gold);  // IFEval's reference holds no answer
}
