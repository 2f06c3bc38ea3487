#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace ts = transferscore;
namespace ag = transferscore::aggregate;

namespace {

// Random verdicts of two models on two benchmarks: items with 1-6 samples, every status,
// a few answer classes, IFEval-style details on one benchmark. Scores are dyadic (0, 1/4,
// 1/2, 1) so that sums are exact in any order.
std::vector<ts::verdict> random_verdicts(std::uint64_t seed, int count) {
  ag::xoshiro256 rng(seed);
  std::vector<ts::verdict> out;
  for (int i = 0; i < count; ++i) {
    ts::verdict v;
    v.model = rng.below(2) == 0 ? "base" : "tuned";
    v.benchmark = rng.below(2) == 0 ? "math500" : "ifeval";
    v.scorer = v.benchmark == "ifeval" ? "instructions" : "math";
    const auto item = rng.below(40);
    if (item % 2 == 0) v.id = ts::json(static_cast<std::int64_t>(item));
    else v.id = ts::json("item-" + std::to_string(item));
    const auto roll = rng.below(20);
    if (roll < 2) {
      v.result.status = roll == 0 ? ts::status::no_answer : ts::status::runtime_error;
    } else {
      const double scores[] = {0.0, 0.25, 0.5, 1.0};
      v.result.score = scores[rng.below(4)];
      v.result.correct = v.result.score == 1.0;
      v.result.extracted = v.result.correct ? "gold" : "wrong" + std::to_string(rng.below(3));
      if (v.benchmark == "ifeval") {
        ts::json list = ts::json::array();
        for (std::uint64_t k = 0, n = 1 + rng.below(3); k < n; ++k) {
          ts::json inst;
          inst["id"] = "kw";
          inst["strict"] = rng.below(2) == 0;
          inst["loose"] = true;
          list.push_back(inst);
        }
        v.result.details["instructions"] = list;
      }
    }
    out.push_back(std::move(v));
  }
  return out;
}

std::string state_text(const ag::accumulator_set& set) {
  std::FILE* f = std::tmpfile();
  REQUIRE(f != nullptr);
  ag::write_state(set, f);
  std::rewind(f);
  std::string text;
  char buffer[4096];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, f)) > 0) text.append(buffer, got);
  std::fclose(f);
  return text;
}

ag::accumulator_set read_back(const std::string& text) {
  std::FILE* f = std::tmpfile();
  REQUIRE(f != nullptr);
  std::fwrite(text.data(), 1, text.size(), f);
  std::rewind(f);
  ag::accumulator_set set;
  ag::read_state(f, "state", set);
  std::fclose(f);
  return set;
}

bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || std::memcmp(&a, &b, sizeof a) == 0; }

void check_same(const ag::estimate& a, const ag::estimate& b) {
  CHECK(same(a.value, b.value));
  CHECK(same(a.se, b.se));
  CHECK(same(a.ci.low, b.ci.low));
  CHECK(same(a.ci.high, b.ci.high));
  CHECK(a.undefined == b.undefined);
}

void check_same(const std::vector<ag::benchmark_summary>& a, const std::vector<ag::benchmark_summary>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CAPTURE(a[i].model);
    CAPTURE(a[i].benchmark);
    CHECK(a[i].items == b[i].items);
    CHECK(a[i].samples == b[i].samples);
    CHECK(a[i].statuses == b[i].statuses);
    check_same(a[i].score, b[i].score);
    REQUIRE(a[i].pass_at_k.size() == b[i].pass_at_k.size());
    for (std::size_t k = 0; k < a[i].pass_at_k.size(); ++k) check_same(a[i].pass_at_k[k].value, b[i].pass_at_k[k].value);
    REQUIRE(a[i].maj_at_k.size() == b[i].maj_at_k.size());
    for (std::size_t k = 0; k < a[i].maj_at_k.size(); ++k) check_same(a[i].maj_at_k[k].value, b[i].maj_at_k[k].value);
    REQUIRE(a[i].metrics.size() == b[i].metrics.size());
    for (std::size_t k = 0; k < a[i].metrics.size(); ++k) {
      CHECK(a[i].metrics[k].name == b[i].metrics[k].name);
      check_same(a[i].metrics[k].value, b[i].metrics[k].value);
    }
  }
}

}  // namespace

TEST_CASE("merging shards equals scoring everything at once, bit for bit") {
  ag::aggregate_policy policy;
  policy.k = {1, 2};
  policy.bootstrap.replicates = 200;
  policy.bootstrap.seed = 11;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    CAPTURE(seed);
    const auto verdicts = random_verdicts(seed, 600);
    ag::accumulator_set all;
    for (const auto& v : verdicts) all.add(v);

    // Shards by a random split (the samples of one item land in different shards), merged
    // in a different order than they were filled.
    const std::size_t shards = 2 + seed % 3;
    std::vector<ag::accumulator_set> parts(shards);
    ag::xoshiro256 split(seed * 1000);
    for (const auto& v : verdicts) parts[split.below(shards)].add(v);
    ag::accumulator_set merged;
    for (std::size_t s = shards; s-- > 0;) merged.merge(parts[s]);
    for (auto policy_kind : {ag::status_policy::zero, ag::status_policy::exclude}) {
      policy.non_ok = policy_kind;
      check_same(ag::summarize(all, policy), ag::summarize(merged, policy));
    }

    // Through state files, as `aggregate -s` and `merge` do: equal states are equal bytes.
    ag::accumulator_set from_files;
    for (const auto& part : parts) {
      const auto restored = read_back(state_text(part));
      from_files.merge(restored);
    }
    CHECK(state_text(from_files) == state_text(all));
    policy.non_ok = ag::status_policy::zero;
    check_same(ag::summarize(all, policy), ag::summarize(from_files, policy));
  }
}

TEST_CASE("merging is the same whatever the thread count of the bootstrap") {
  const auto verdicts = random_verdicts(99, 400);
  ag::accumulator_set all;
  for (const auto& v : verdicts) all.add(v);
  ag::aggregate_policy one, four;
  one.bootstrap.replicates = four.bootstrap.replicates = 300;
  four.bootstrap.threads = 4;
  check_same(ag::summarize(all, one), ag::summarize(all, four));
}
