// The code shown in README.md, kept compiling and true (nlohmann/json's unit-readme idea).
// When this file changes, change README.md with it.
#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include "test_paths.hpp"

namespace ts = transferscore;

TEST_CASE("README: score one record with a registry family") {
  ts::record r;
  r.id = "capitals/3";
  r.response = "paris";
  r.reference["answer"] = "Paris";
  const auto registry = ts::builtin_registry();
  ts::score_result v = registry.make("exact_match", {}).score(r);  // v.correct == true
  CHECK(v.correct);
}

TEST_CASE("README: math answers as an RL reward") {
  namespace m = transferscore::math;
  const std::string response = "<think>1/2 or 2?</think> So the probability is $\\boxed{\\dfrac{1}{2}}$.";
  double reward = m::equivalent("\\frac{1}{2}", response).score;  // 1 or 0
  CHECK(reward == 1.0);
  CHECK(m::equivalent("2", response).score == 0.0);
  // extract, then compare:
  auto e = m::extract("so x lies in $(1, 2]$, the final answer");
  CHECK(m::compare_answers("(1, 2]", e.answer) == m::match::equal);
  CHECK(m::compare_answers("[1, 2]", e.answer) != m::match::equal);
}

TEST_CASE("README: aggregate verdicts and compute transfer in code") {
  namespace ag = transferscore::aggregate;
  const auto shards = test_paths::data("aggregate");
  ag::accumulator_set set;
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(shards)) {
    if (entry.path().filename().string().rfind("shard", 0) != 0) continue;  // not malformed.jsonl
    (void)ag::read_verdicts(entry.path().string(), set);
    ++files;
  }
  REQUIRE(files > 0);
  ag::aggregate_policy p;
  p.k = {1};
  p.bootstrap.replicates = 200;
  p.bootstrap.seed = 7;
  const auto summaries = ag::summarize(set, p);
  CHECK_FALSE(summaries.empty());
  for (const auto& s : summaries) CHECK(s.score.ci.low <= s.score.ci.high);
}
