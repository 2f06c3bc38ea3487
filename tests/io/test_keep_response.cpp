#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include "../test_paths.hpp"

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

namespace ts = transferscore;

namespace {

/// Verdict lines of a pipeline run over `input`, as text.
std::vector<std::string> score(const std::string& input, bool keep, const ts::io::dataset_index* dataset = nullptr) {
  const auto path = test_paths::write_temp("keep_response_input.jsonl", input);
  ts::pipeline_options options;
  options.keep_response = keep;
  options.dataset = dataset;
  const auto registry = ts::builtin_registry();
  ts::score_pipeline pipeline(registry, options);
  std::FILE* out = std::tmpfile();
  (void)pipeline.run({path}, out);
  std::rewind(out);
  std::string text;
  char buffer[4096];
  for (std::size_t n = 0; (n = std::fread(buffer, 1, sizeof buffer, out)) > 0;) text.append(buffer, n);
  std::fclose(out);
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

const std::string records =
    "{\"id\": \"a\", \"benchmark\": \"math500\", \"model\": \"m\", \"response\": \"<think>2+2</think> so \\\\boxed{4}\", "
    "\"reference\": {\"answer\": \"4\"}}\n"
    "{\"id\": \"b\", \"benchmark\": \"math500\", \"model\": \"m\", \"response\": \"<think>never closed\", "
    "\"reference\": {\"answer\": \"4\"}}\n"
    "not json\n";

}  // namespace

TEST_CASE("by default a verdict line holds no response and no gold") {
  const auto lines = score(records, false);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] ==
        R"({"id":"a","benchmark":"math500","model":"m","sample":0,"scorer":"math","score":1,"correct":true,"status":"ok","extracted":"4","mode":"reference","trace":"last-close","details":{"source":"boxed"}})");
  for (const auto& line : lines) {
    CHECK(line.find("\"response\":") == std::string::npos);  // ("field":"response" names it in an error)
    CHECK(line.find("\"gold\":") == std::string::npos);
  }
}

TEST_CASE("--keep-response appends the whole response, trace included, and the gold, after everything else") {
  const auto plain = score(records, false);
  const auto kept = score(records, true);
  REQUIRE(kept.size() == 3);
  // The same verdict, then the two members: readers of the default line read these the same.
  CHECK(kept[0] == plain[0].substr(0, plain[0].size() - 1) +
                       R"(,"response":"<think>2+2</think> so \\boxed{4}","gold":{"answer":"4"}})");
  // An unterminated trace keeps its response: it is what a reader wants to see.
  CHECK(kept[1].find(R"("status":"unterminated_trace")") != std::string::npos);
  CHECK(kept[1].find(R"(,"response":"<think>never closed","gold":{"answer":"4"}})") != std::string::npos);
  // A line that is not a record has neither.
  CHECK(kept[2] == plain[2]);
  // The aggregator reads kept verdicts as it reads plain ones.
  transferscore::aggregate::accumulator_set a, b;
  const auto plain_path = test_paths::write_temp("keep_plain.jsonl", plain[0] + "\n" + plain[1] + "\n");
  const auto kept_path = test_paths::write_temp("keep_kept.jsonl", kept[0] + "\n" + kept[1] + "\n");
  CHECK(transferscore::aggregate::read_verdicts(plain_path, a).verdicts == 2);
  CHECK(transferscore::aggregate::read_verdicts(kept_path, b).verdicts == 2);
  transferscore::aggregate::aggregate_policy policy;
  policy.bootstrap.replicates = 0;
  CHECK(transferscore::aggregate::report::summaries_json(transferscore::aggregate::summarize(a, policy), policy).dump() ==
        transferscore::aggregate::report::summaries_json(transferscore::aggregate::summarize(b, policy), policy).dump());
}

TEST_CASE("with a dataset the gold kept is the joined one") {
  const auto dataset_path = test_paths::write_temp("keep_dataset.jsonl",
                                                   "{\"id\": \"q1\", \"benchmark\": \"math500\", \"reference\": {\"answer\": \"\\\\frac{1}{2}\"}}\n");
  const auto dataset = ts::io::dataset_index::load(dataset_path, "id", "id");
  const auto lines = score("{\"id\": \"q1\", \"model\": \"m\", \"response\": \"\\\\boxed{0.5}\"}\n", true, &dataset);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].find(R"("correct":true)") != std::string::npos);
  CHECK(lines[0].find(R"(,"response":"\\boxed{0.5}","gold":{"answer":"\\frac{1}{2}"}})") != std::string::npos);
}
