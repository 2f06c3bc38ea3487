#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <vector>

namespace ts = transferscore;
namespace ag = transferscore::aggregate;

namespace {
std::string read_error(const std::string& text) {
  std::FILE* f = std::tmpfile();
  REQUIRE(f != nullptr);
  std::fwrite(text.data(), 1, text.size(), f);
  std::rewind(f);
  ag::accumulator_set set;
  std::string message;
  try {
    (void)ag::read_verdicts(f, "v.jsonl", set);
  } catch (const ag::verdict_error& e) {
    message = e.what();
  }
  std::fclose(f);
  return message;
}
const std::string good =
    R"({"id":"q1","benchmark":"ifeval","model":"m","sample":0,"scorer":"instructions","score":1,"correct":true,"status":"ok","extracted":"x","mode":"reference","trace":"last-close","details":{"instructions":[{"id":"a","strict":true,"loose":true}]}})";
}  // namespace

TEST_CASE("verdict lines written by the pipeline are read back") {
  ts::verdict v;
  v.id = ts::json(3);
  v.model = "m";
  v.benchmark = "math500";
  v.scorer = "math";
  v.mode = "reference";
  v.result = ts::score_result::no_answer("nothing boxed");
  v.source = "in.jsonl";
  v.line = 4;
  const std::string text = good + "\n\n" + v.dump() + "\n";
  std::FILE* f = std::tmpfile();
  std::fwrite(text.data(), 1, text.size(), f);
  std::rewind(f);
  ag::accumulator_set set;
  const auto counts = ag::read_verdicts(f, "v.jsonl", set);
  std::fclose(f);
  CHECK(counts.lines == 2);
  CHECK(counts.verdicts == 2);
  const auto* math = set.find("m", "math500");
  REQUIRE(math != nullptr);
  CHECK(math->item_key(0) == "3");
  CHECK(math->statuses()[static_cast<std::size_t>(ts::status::no_answer)] == 1);
  const auto* ifeval = set.find("m", "ifeval");
  REQUIRE(ifeval != nullptr);
  CHECK(ifeval->metric_names().size() == 4);
}

TEST_CASE("a malformed verdict line is an error naming file, line and field") {
  CHECK(read_error(good + "\n{\"id\":1}\n") == "v.jsonl:2: model: missing");
  CHECK(read_error("not json\n").find("v.jsonl:1: invalid JSON") == 0);
  std::string bad_score = good;
  bad_score.replace(bad_score.find("\"score\":1"), 9, "\"score\":\"1\"");
  CHECK(read_error(bad_score) == "v.jsonl:1: score: expected a number");
  std::string bad_status = good;
  bad_status.replace(bad_status.find("\"ok\""), 4, "\"fine\"");
  CHECK(read_error(bad_status) == "v.jsonl:1: status: unknown status 'fine'");
  std::string bad_id = good;
  bad_id.replace(bad_id.find("\"q1\""), 4, "[1]");
  CHECK(read_error(bad_id) == "v.jsonl:1: id: expected a string, an integer or null");
  std::string ok_without_id = good;
  ok_without_id.replace(ok_without_id.find("\"q1\""), 4, "null");
  CHECK(read_error(ok_without_id).find("v.jsonl:1: id: null in a verdict of status ok") == 0);
  CHECK(read_error("[1,2]\n") == "v.jsonl:1: a verdict must be a JSON object");
}

TEST_CASE("the error verdicts of records lost before they had an id are counted by status, in no item") {
  // What `score` writes for an input line that is not JSON, and for a record without an id.
  const std::string not_json =
      R"json({"id":null,"benchmark":"","model":"","sample":0,"scorer":"","score":0,"correct":false,"status":"malformed_record","extracted":"","mode":"reference","trace":"last-close","error":{"file":"in.jsonl","line":2,"field":"(line)","message":"invalid JSON: invalid literal"}})json";
  const std::string no_id =
      R"json({"id":null,"benchmark":"ifeval","model":"m","sample":0,"scorer":"","score":0,"correct":false,"status":"malformed_record","extracted":"","mode":"reference","trace":"last-close","error":{"file":"in.jsonl","line":3,"field":"id","message":"missing id (a string or an integer)"}})json";
  const std::string text = good + "\n" + not_json + "\n" + no_id + "\n";
  std::FILE* f = std::tmpfile();
  REQUIRE(f != nullptr);
  std::fwrite(text.data(), 1, text.size(), f);
  std::rewind(f);
  ag::accumulator_set set;
  const auto counts = ag::read_verdicts(f, "v.jsonl", set);
  std::fclose(f);
  CHECK(counts.verdicts == 3);  // nothing is lost
  const auto* ifeval = set.find("m", "ifeval");
  REQUIRE(ifeval != nullptr);
  CHECK(ifeval->size() == 1);  // one item: the lost record joins none
  CHECK(ifeval->unidentified() == 1);
  CHECK(ifeval->statuses()[static_cast<std::size_t>(ts::status::malformed_record)] == 1);
  CHECK(ifeval->statuses()[static_cast<std::size_t>(ts::status::ok)] == 1);
  const auto* unnamed = set.find("", "");
  REQUIRE(unnamed != nullptr);
  CHECK(unnamed->size() == 0);
  CHECK(unnamed->unidentified() == 1);

  // The estimate is over the one item; the lost record is named in every report.
  const ag::aggregate_policy policy;
  const auto summary = ag::summarize("m", "ifeval", *ifeval, policy);
  CHECK(summary.unidentified == 1);
  CHECK(summary.score.items == 1);
  CHECK(summary.score.value == doctest::Approx(1.0));
  // A named vector, not a braced list: g++ 12 at -O2 reports a false -Wmaybe-uninitialized there.
  const std::vector summaries{summary};
  const auto md = ag::report::summaries_markdown(summaries, policy);
  CHECK(md.find("1 verdict has no id (m / ifeval: 1)") != std::string::npos);
  const auto report = ag::report::summaries_json(summaries, policy).dump();
  CHECK(report.find("\"unidentified\":1") != std::string::npos);
}

TEST_CASE("a missing verdict file is an io_error") {
  ag::accumulator_set set;
  CHECK_THROWS_AS((void)ag::read_verdicts(std::string("/nonexistent/verdicts.jsonl"), set), ts::io_error);
}
