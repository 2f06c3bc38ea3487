// The numbers of a comparison: the 2x2 table, agreement and kappa, the paired difference of
// accuracies with its bootstrap interval, and McNemar's exact test.

#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <string>

namespace ts = transferscore;
namespace tsd = transferscore::diff;

namespace {

tsd::cell_counts counts(std::uint64_t both_right, std::uint64_t a_only, std::uint64_t b_only, std::uint64_t both_wrong) {
  tsd::cell_counts c;
  for (std::uint64_t i = 0; i < both_right; ++i) c.add(true, true);
  for (std::uint64_t i = 0; i < a_only; ++i) c.add(true, false);
  for (std::uint64_t i = 0; i < b_only; ++i) c.add(false, true);
  for (std::uint64_t i = 0; i < both_wrong; ++i) c.add(false, false);
  return c;
}

/// n items, one sample each, judged by the two sides as the 2x2 table says.
tsd::paired_items items_of(std::uint64_t both_right, std::uint64_t a_only, std::uint64_t b_only, std::uint64_t both_wrong) {
  tsd::paired_items items;
  int id = 0;
  auto add = [&](std::uint64_t n, bool a, bool b) {
    for (std::uint64_t i = 0; i < n; ++i) items.add("item" + std::to_string(id++), a, b);
  };
  add(both_right, true, true);
  add(a_only, true, false);
  add(b_only, false, true);
  add(both_wrong, false, false);
  return items;
}

tsd::entry judged(std::string benchmark, std::string id, bool correct, double score = -1) {
  tsd::entry e;
  e.model = "m";
  e.benchmark = std::move(benchmark);
  e.id = std::move(id);
  e.correct = correct;
  e.score = score < 0 ? (correct ? 1.0 : 0.0) : score;
  return e;
}

tsd::side side_of(std::vector<tsd::entry> entries) {
  tsd::side s;
  s.add_file("x.jsonl");
  s.entries.assign(entries.begin(), entries.end());
  return s;
}

}  // namespace

TEST_CASE("agreement is the share judged alike; kappa discounts what chance would give") {
  const auto c = counts(40, 10, 5, 45);
  CHECK(c.total() == 100);
  CHECK(c.disagreements() == 15);
  CHECK(c.agreement() == doctest::Approx(0.85));
  // p_A = 0.5, p_B = 0.45: chance agreement 0.5 * 0.45 + 0.5 * 0.55 = 0.5, kappa = (0.85 - 0.5) / 0.5.
  CHECK(c.kappa() == doctest::Approx(0.7));
  CHECK(counts(10, 0, 0, 0).agreement() == 1.0);
  CHECK(std::isnan(counts(10, 0, 0, 0).kappa()));  // both sides say "right" to everything
  CHECK(std::isnan(tsd::cell_counts{}.agreement()));
}

TEST_CASE("each side's accuracy, the difference A - B, and McNemar's exact p") {
  ts::aggregate::bootstrap_options options;
  options.replicates = 0;
  const auto r = items_of(6, 1, 4, 9).compare(options);
  CHECK(r.shared == 20);
  CHECK(r.model.value == doctest::Approx(7.0 / 20));
  CHECK(r.base.value == doctest::Approx(10.0 / 20));
  CHECK(r.difference.value == doctest::Approx(-3.0 / 20));
  REQUIRE(r.mcnemar.applicable);
  CHECK(r.mcnemar.model_only == 1);
  CHECK(r.mcnemar.base_only == 4);
  CHECK(r.mcnemar.method == "exact-binomial");
  CHECK(r.mcnemar.p_value == doctest::Approx(0.375));  // 2 * (1 + 5) / 2^5
}

TEST_CASE("McNemar's test stays exact with many discordant items") {
  ts::aggregate::bootstrap_options options;
  options.replicates = 0;
  const auto r = items_of(100, 40, 60, 100).compare(options);
  REQUIRE(r.mcnemar.applicable);
  CHECK(r.mcnemar.method == "exact-binomial");
  CHECK(r.mcnemar.p_value == doctest::Approx(0.05688793364098079).epsilon(1e-12));  // exact, 40 of 100
}

TEST_CASE("several samples per item: item means, resampled whole; McNemar does not apply") {
  tsd::paired_items items;
  items.add("q1", true, true);
  items.add("q1", false, true);
  items.add("q2", false, false);
  items.add("q2", false, true);
  ts::aggregate::bootstrap_options options;
  options.replicates = 0;
  const auto r = items.compare(options);
  CHECK(items.size() == 2);
  CHECK(r.model.value == doctest::Approx(0.25));
  CHECK(r.base.value == doctest::Approx(0.75));
  CHECK_FALSE(r.mcnemar.applicable);
  CHECK(r.mcnemar.reason.find("several samples") != std::string::npos);
}

TEST_CASE("the paired interval is seeded: the same seed gives the same interval, whatever the threads") {
  ts::aggregate::bootstrap_options one;
  one.replicates = 500;
  one.seed = 11;
  auto two = one;
  two.threads = 2;
  auto other = one;
  other.seed = 12;
  const auto items = items_of(30, 12, 4, 14);
  const auto r1 = items.compare(one);
  const auto r2 = items.compare(two);
  const auto r3 = items.compare(other);
  REQUIRE(r1.difference.ci.available());
  CHECK(r1.difference.ci.low == r2.difference.ci.low);
  CHECK(r1.difference.ci.high == r2.difference.ci.high);
  CHECK((r1.difference.ci.low != r3.difference.ci.low || r1.difference.ci.high != r3.difference.ci.high));
  CHECK(r1.difference.ci.low <= r1.difference.value);
  CHECK(r1.difference.value <= r1.difference.ci.high);
  CHECK(r1.difference.ci.low > 0.0);  // A is right on 12 items B misses, B on 4: a real difference
}

TEST_CASE("compare: one row per (model, benchmark), with what only one side has counted where it belongs") {
  auto a = side_of({judged("math500", "1", true), judged("math500", "2", true), judged("math500", "3", false),
                    judged("aime24", "1", true, 1.0), judged("aime24", "9", true)});
  auto b = side_of({judged("math500", "1", true), judged("math500", "2", false), judged("math500", "3", false),
                    judged("aime24", "1", false, 0.5), judged("aime24", "1", true), judged("gpqa_diamond", "5", true)});
  tsd::diff_options options;
  options.bootstrap.replicates = 100;
  const auto r = tsd::compare(std::move(a), std::move(b), options);
  REQUIRE(r.benchmarks.size() == 3);  // by model, then benchmark
  const auto& aime = r.benchmarks[0];
  CHECK(aime.benchmark == "aime24");
  CHECK(aime.counts.total() == 1);
  CHECK(aime.counts.a_only == 1);
  CHECK(aime.only_a == 1);
  CHECK(aime.duplicates_b == 1);
  CHECK(aime.mean_score_b == doctest::Approx(0.5));
  const auto& gpqa = r.benchmarks[1];
  CHECK(gpqa.benchmark == "gpqa_diamond");
  CHECK(gpqa.counts.total() == 0);
  CHECK(gpqa.only_b == 1);
  CHECK_FALSE(gpqa.paired.difference.defined());
  const auto& math = r.benchmarks[2];
  CHECK(math.counts.both_right == 1);
  CHECK(math.counts.a_only == 1);
  CHECK(math.counts.both_wrong == 1);
  CHECK(math.items == 3);
  CHECK(math.paired.difference.value == doctest::Approx(1.0 / 3));
  CHECK(r.totals().total() == 4);
  CHECK(r.totals().disagreements() == 2);
}
