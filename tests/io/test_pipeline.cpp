#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include "../test_paths.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace ts = transferscore;

namespace {
using test_paths::write_temp;

std::vector<ts::json> run(const ts::scorer_registry& registry, ts::pipeline_options options, const std::vector<std::string>& inputs,
                          ts::run_summary* summary = nullptr) {
  std::FILE* out = std::tmpfile();
  ts::score_pipeline pipeline(registry, std::move(options));
  auto s = pipeline.run(inputs, out);
  if (summary != nullptr) *summary = s;
  std::rewind(out);
  std::string text;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, out)) > 0) text.append(buffer, n);
  std::fclose(out);
  std::vector<ts::json> verdicts;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    ts::json v;
    auto err = ts::io::parse_json(line, v);
    REQUIRE_MESSAGE(!err, "output line is not valid JSON: " << line);
    verdicts.push_back(std::move(v));
  }
  return verdicts;
}

std::string str(const ts::json& v, std::string_view key) {
  const auto* m = v.find(key);
  return m != nullptr && m->is_string() ? *m->if_string() : std::string();
}

// Twelve lines, half of them hostile in a different way each.
const std::string mixed_input =
    "{\"id\": 1, \"benchmark\": \"bench\", \"response\": \"Paris\", \"reference\": {\"answer\": \"paris\"}}\n"  // 1 ok, correct
    "{\"id\": 2, \"benchmark\": \"bench\", \"response\": \"Lyon\", \"reference\": {\"answer\": \"Paris\"}}\n"   // 2 ok, wrong
    "{\"id\": 3, \"benchmark\": \"bench\", \"response\": \"unterminated\n"                                     // 3 truncated JSON
    "\n"                                                                                                    // 4 blank: skipped
    "{\"id\": 4, \"benchmark\": \"bench\", \"response\": \"<think>still going\", \"reference\": {\"answer\": \"x\"}}\n"  // 5
    "{\"id\": 5, \"benchmark\": \"bench\", \"response\": 12, \"reference\": {\"answer\": \"x\"}}\n"             // 6 bad field
    "[1, 2, 3]\n"                                                                                           // 7 not an object
    "{\"id\": 6, \"benchmark\": \"nowhere\", \"response\": \"x\", \"reference\": {\"answer\": \"x\"}}\n"        // 8 unknown bench
    "{\"id\": 7, \"benchmark\": \"bench\", \"response\": \"\xff\xfe\", \"reference\": {\"answer\": \"x\"}}\n"   // 9 bad UTF-8
    "{\"id\": 8, \"benchmark\": \"bench\", \"response\": \"a\", \"reference\": {}}\n"                           // 10 no gold
    "{\"id\": 9, \"benchmark\": \"bench\", \"response\": \"<think>2+2</think> 4\", \"reference\": {\"answer\": 4}}\r\n"  // 11 ok
    "{\"id\": 10, \"benchmark\": \"bench\", \"response\": \"x\", \"reference\": {\"answer\": \"x\"}}";          // 12 no newline

ts::scorer_registry test_registry() {
  auto registry = ts::builtin_registry();
  registry.add_benchmark("bench", "exact_match");
  return registry;
}
}  // namespace

TEST_CASE("every non-blank line yields one verdict, in order, and bad lines name their line and field") {
  auto path = write_temp("ts_pipeline_mixed.jsonl", mixed_input);
  ts::run_summary summary;
  auto v = run(test_registry(), {}, {path}, &summary);
  REQUIRE(v.size() == 11);
  CHECK(summary.records == 11);
  CHECK(summary.lines == 11);

  CHECK(str(v[0], "status") == "ok");
  CHECK(v[0].find("correct")->as_bool() == true);
  CHECK(str(v[1], "status") == "ok");
  CHECK(v[1].find("correct")->as_bool() == false);

  auto error_line = [](const ts::json& x) -> std::int64_t {
    const auto* e = x.find("error");
    return e == nullptr ? -1 : e->find("line")->as_int().value_or(-2);
  };
  auto error_field = [](const ts::json& x) { return *x.find("error")->find("field")->if_string(); };

  CHECK(str(v[2], "status") == "malformed_record");
  CHECK(error_line(v[2]) == 3);
  CHECK(str(v[3], "status") == "unterminated_trace");
  CHECK(error_line(v[3]) == 5);
  CHECK(str(v[4], "status") == "malformed_record");
  CHECK(error_field(v[4]) == "response");
  CHECK(v[4].find("id")->as_int() == 5);  // the id is kept when the line parsed
  CHECK(error_line(v[5]) == 7);
  CHECK(error_field(v[6]) == "benchmark");
  CHECK(error_line(v[7]) == 9);
  CHECK(str(v[7], "status") == "malformed_record");
  CHECK(error_field(v[8]) == "reference");
  CHECK(str(v[9], "status") == "ok");
  CHECK(v[9].find("correct")->as_bool() == true);  // trace stripped, number gold
  CHECK(v[10].find("id")->as_int() == 10);
  CHECK(v[10].find("error") == nullptr);  // ok verdicts carry no error

  CHECK(summary.count(ts::status::ok) == 4);
  CHECK(summary.count(ts::status::malformed_record) == 6);
  CHECK(summary.count(ts::status::unterminated_trace) == 1);
  CHECK(summary.correct == 3);
}

TEST_CASE("threads change nothing in the output") {
  std::string big;
  for (int i = 0; i < 5000; ++i) {
    if (i % 97 == 0) {
      big += "{\"id\": " + std::to_string(i) + ", \"benchmark\": \"bench\", \"response\": \n";  // broken
    } else {
      big += "{\"id\": " + std::to_string(i) + ", \"benchmark\": \"bench\", \"response\": \"" + std::to_string(i % 7) +
             "\", \"reference\": {\"answer\": \"3\"}}\n";
    }
  }
  auto path = write_temp("ts_pipeline_threads.jsonl", big);
  ts::pipeline_options one;
  one.batch_lines = 64;
  ts::pipeline_options four = one;
  four.threads = 4;
  auto a = run(test_registry(), one, {path});
  auto b = run(test_registry(), four, {path});
  REQUIRE(a.size() == 5000);
  REQUIRE(b.size() == 5000);
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK_MESSAGE(a[i].dump() == b[i].dump(), "verdict " << i);
  }
}

TEST_CASE("--scorer and --benchmark override what records say, and the mode is recorded") {
  auto path = write_temp("ts_pipeline_override.jsonl",
                         "{\"id\": \"q\", \"benchmark\": \"unknown_thing\", \"response\": \"A\", \"reference\": {\"answer\": \"a\"}}\n");
  ts::pipeline_options options;
  options.scorer = "exact_match";
  options.scoring.mode = "paper";
  auto v = run(ts::builtin_registry(), options, {path});
  REQUIRE(v.size() == 1);
  CHECK(str(v[0], "scorer") == "exact_match");
  CHECK(str(v[0], "mode") == "paper");
  CHECK(str(v[0], "trace") == "last-close");
  CHECK(v[0].find("correct")->as_bool() == true);

  ts::pipeline_options bench;
  bench.benchmark = "bench";
  auto w = run(test_registry(), bench, {path});
  CHECK(str(w[0], "benchmark") == "bench");
  CHECK(str(w[0], "status") == "ok");
}

TEST_CASE("an unknown --scorer is a configuration error before anything runs") {
  ts::pipeline_options options;
  options.scorer = "telepathy";
  CHECK_THROWS_AS(ts::score_pipeline(ts::builtin_registry(), options), ts::config_error);
}

TEST_CASE("generations join a dataset by id, and ids that do not match are errors") {
  auto data = write_temp("ts_pipeline_data.jsonl",
                         "{\"id\": \"a\", \"benchmark\": \"bench\", \"reference\": {\"answer\": \"1\"}}\n"
                         "{\"id\": \"b\", \"benchmark\": \"bench\", \"reference\": {\"answer\": \"2\"}}\n"
                         "{\"id\": \"c\", \"benchmark\": \"bench\", \"reference\": {\"answer\": \"3\"}}\n");
  auto gens = write_temp("ts_pipeline_gens.jsonl",
                         "{\"id\": \"b\", \"response\": \"2\"}\n"
                         "{\"id\": \"zz\", \"response\": \"2\"}\n"
                         "{\"id\": \"a\", \"response\": \"7\"}\n");
  auto index = ts::io::dataset_index::load(data);
  ts::pipeline_options options;
  options.dataset = &index;
  auto v = run(test_registry(), options, {gens});
  REQUIRE(v.size() == 3);
  CHECK(v[0].find("correct")->as_bool() == true);
  CHECK(str(v[0], "benchmark") == "bench");
  CHECK(str(v[1], "status") == "malformed_record");
  CHECK(v[1].find("error")->find("message")->if_string()->find("'zz' is not in dataset") != std::string::npos);
  CHECK(v[2].find("correct")->as_bool() == false);
  CHECK(index.unused_count() == 1);
}

TEST_CASE("a failed backend request is no answer, not a crash") {
  auto path = write_temp("ts_pipeline_batch.jsonl",
                         "{\"id\": \"batch_req_2\", \"custom_id\": \"q9\", \"benchmark\": \"bench\", \"response\": null, "
                         "\"error\": {\"message\": \"overloaded\"}}\n");
  auto v = run(test_registry(), {}, {path});
  REQUIRE(v.size() == 1);
  CHECK(str(v[0], "status") == "no_answer");
  CHECK(*v[0].find("error")->find("message")->if_string() == "the batch request failed: overloaded");
  CHECK(*v[0].find("error")->find("field")->if_string() == "response");
}

TEST_CASE("a response without an answer is no answer, and the error names the response") {
  auto path = write_temp("ts_pipeline_no_answer.jsonl",
                         "{\"id\": 1, \"benchmark\": \"bench\", \"response\": \"<think>2+2</think>\", \"reference\": \"4\"}\n");
  auto v = run(test_registry(), {}, {path});
  REQUIRE(v.size() == 1);
  CHECK(str(v[0], "status") == "no_answer");
  CHECK(v[0].find("correct")->as_bool() == false);
  const ts::json* error = v[0].find("error");
  REQUIRE(error != nullptr);
  CHECK(*error->find("field")->if_string() == "response");
  CHECK(*error->find("line")->as_int() == 1);
}

TEST_CASE("over-long lines yield an error verdict and the run goes on") {
  std::string line2 = "{\"id\": 2, \"benchmark\": \"bench\", \"response\": \"" + std::string(4000, 'z') + "\"}";
  auto path = write_temp("ts_pipeline_long.jsonl",
                         "{\"id\": 1, \"benchmark\": \"bench\", \"response\": \"x\", \"reference\": \"x\"}\n" + line2 +
                             "\n{\"id\": 3, \"benchmark\": \"bench\", \"response\": \"x\", \"reference\": \"x\"}\n");
  ts::pipeline_options options;
  options.max_line_bytes = 1000;
  auto v = run(test_registry(), options, {path});
  REQUIRE(v.size() == 3);
  CHECK(str(v[1], "status") == "malformed_record");
  CHECK(v[1].find("error")->find("message")->if_string()->find("over the limit") != std::string::npos);
  CHECK(v[2].find("correct")->as_bool() == true);
}

TEST_CASE("a missing input file is an io error naming it") {
  CHECK_THROWS_WITH_AS(run(test_registry(), {}, {"/nonexistent/gens.jsonl"}), doctest::Contains("/nonexistent/gens.jsonl"), ts::io_error);
}

TEST_CASE("a 64 MiB line is scored like any other") {
  const std::string big(std::size_t{64} << 20, 'x');
  auto path = write_temp("ts_pipeline_64mib.jsonl", "{\"id\": 1, \"benchmark\": \"bench\", \"response\": \"" + big +
                                                        "\", \"reference\": \"x\"}\n"
                                                        "{\"id\": 2, \"benchmark\": \"bench\", \"response\": \"x\", \"reference\": \"x\"}\n");
  auto v = run(test_registry(), {}, {path});
  REQUIRE(v.size() == 2);
  CHECK(str(v[0], "status") == "ok");
  CHECK(v[0].find("correct")->as_bool() == false);
  CHECK(v[1].find("correct")->as_bool() == true);
  std::filesystem::remove(path);
}

TEST_CASE("a file of which nothing could be scored is reported, by name") {
  auto bad = write_temp("ts_pipeline_unscorable.jsonl",
                        "{\"id\": 1, \"benchmark\": \"nope\", \"response\": \"x\"}\nnot json\n{\"response\": \"x\"}\n");
  auto empty = write_temp("ts_pipeline_empty.jsonl", "\n");
  auto good = write_temp("ts_pipeline_scorable.jsonl",
                         "not json\n{\"id\": 1, \"benchmark\": \"bench\", \"response\": \"<think>x\", \"reference\": \"x\"}\n");
  for (std::size_t threads : {1, 2}) {
    ts::pipeline_options options;
    options.threads = threads;
    options.batch_lines = 1;  // batches of several files in flight at once
    ts::run_summary summary;
    auto v = run(test_registry(), options, {bad, good, empty}, &summary);
    REQUIRE(v.size() == 5);
    // An unterminated trace was scored (the model never answered): the second file counts.
    CHECK(summary.unscorable_files == std::vector<std::string>{bad, empty});
    CHECK(summary.anything_scored());
  }
  ts::run_summary only_good;
  (void)run(test_registry(), {}, {good}, &only_good);
  CHECK(only_good.unscorable_files.empty());
}

TEST_CASE("every verdict that is not ok names its field, whatever path produced it") {
  // A scorer that sets a status by hand and names no field, and one that throws.
  ts::scorer_registry registry;
  struct budget {
    [[nodiscard]] ts::score_result score(const ts::record&) const { return ts::score_result::budget_exceeded("too big"); }
    [[nodiscard]] std::string_view name() const { return "budget"; }
  };
  struct bare {
    [[nodiscard]] ts::score_result score(const ts::record&) const {
      ts::score_result r;
      r.status = ts::status::no_answer;
      r.message = "nothing";
      return r;
    }
    [[nodiscard]] std::string_view name() const { return "bare"; }
  };
  struct throwing {
    [[nodiscard]] ts::score_result score(const ts::record&) const { throw std::runtime_error("boom"); }
    [[nodiscard]] std::string_view name() const { return "throwing"; }
  };
  registry.add_family("budget", "", [](const ts::scorer_options&) -> ts::any_scorer<> { return budget{}; });
  registry.add_family("bare", "", [](const ts::scorer_options&) -> ts::any_scorer<> { return bare{}; });
  registry.add_family("throwing", "", [](const ts::scorer_options&) -> ts::any_scorer<> { return throwing{}; });
  for (const char* family : {"budget", "bare", "throwing"}) {
    INFO(family);
    ts::pipeline_options options;
    options.scorer = family;
    auto path = write_temp("ts_pipeline_fields.jsonl", "{\"id\": 1, \"response\": \"x\"}\n");
    auto v = run(registry, options, {path});
    REQUIRE(v.size() == 1);
    CHECK(str(v[0], "status") != "ok");
    CHECK(*v[0].find("error")->find("field")->if_string() == "response");
  }
}

TEST_CASE("paper mode applies the study's trace handling of each benchmark; a chosen policy wins") {
  const std::string lines =
      "{\"id\": 1, \"benchmark\": \"gpqa_diamond\", \"response\": \"<think>it is B</think>\", \"reference\": {\"answer\": \"B\"}}\n"
      "{\"id\": 2, \"benchmark\": \"halueval\", \"response\": \"<think>\\nCheck.\\n</think>\\nNo\", \"reference\": {\"hallucination\": \"no\"}}\n"
      "{\"id\": 3, \"benchmark\": \"bench\", \"response\": \"<think>x</think>y\", \"reference\": \"y\"}\n";
  auto path = write_temp("ts_pipeline_paper_traces.jsonl", lines);
  ts::pipeline_options paper;
  paper.scoring.mode = "paper";
  auto v = run(test_registry(), paper, {path});
  REQUIRE(v.size() == 3);
  CHECK(str(v[0], "trace") == "none");  // evalchemy read the thinking: the last standalone B
  CHECK(str(v[0], "extracted") == "B");
  CHECK(str(v[1], "trace") == "none");  // lm-eval HaluEval: the first line of the output is "<think>"
  CHECK(v[1].find("correct")->as_bool() == false);
  CHECK(str(v[2], "trace") == "last-close");  // not a study benchmark: the default policy

  ts::pipeline_options chosen = paper;
  chosen.trace_chosen = true;  // --trace last-close given on the command line
  auto w = run(test_registry(), chosen, {path});
  CHECK(str(w[0], "trace") == "last-close");
  CHECK(str(w[1], "trace") == "last-close");
  CHECK(w[1].find("correct")->as_bool() == true);

  auto r = run(test_registry(), {}, {path});  // reference mode: the default policy everywhere
  CHECK(str(r[0], "trace") == "last-close");
  CHECK(str(r[0], "status") == "no_answer");  // nothing after the trace, and no box in it
}

TEST_CASE("when nothing follows the trace, the scorer gets the trace and may read its final box") {
  const std::string line =
      "{\"id\": 1, \"benchmark\": \"gpqa_diamond\", \"response\": \"<think>Option A fails; so \\\\boxed{C}</think>\\n\", "
      "\"reference\": {\"answer\": \"C\"}}\n";
  auto path = write_temp("ts_pipeline_trace_box.jsonl", line);
  auto v = run(test_registry(), {}, {path});
  REQUIRE(v.size() == 1);
  CHECK(str(v[0], "status") == "ok");
  CHECK(str(v[0], "extracted") == "C");
  CHECK(*v[0].find("details")->find("read_from")->if_string() == "reasoning_trace");
  ts::pipeline_options strict;
  strict.scoring.settings["trace_fallback"] = "none";
  auto w = run(test_registry(), strict, {path});
  CHECK(str(w[0], "status") == "no_answer");
}
