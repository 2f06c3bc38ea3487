#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

namespace ts = transferscore;
namespace ag = transferscore::aggregate;

TEST_CASE("McNemar: exact binomial for few discordant pairs") {
  // 1 both, 5 only the model, 1 only the base, 3 neither: exact p = 2 P(X <= 1 | 6, 1/2) = 14/64.
  const std::vector<std::int8_t> m = {1, 1, 1, 1, 1, 1, 0, 0, 0, 0};
  const std::vector<std::int8_t> b = {1, 0, 0, 0, 0, 0, 1, 0, 0, 0};
  const auto r = ag::mcnemar(m, b);
  REQUIRE(r.applicable);
  CHECK(r.both == 1);
  CHECK(r.model_only == 5);
  CHECK(r.base_only == 1);
  CHECK(r.neither == 3);
  CHECK(r.method == "exact-binomial");
  CHECK(r.p_value == doctest::Approx(14.0 / 64.0));
}

TEST_CASE("McNemar: continuity-corrected chi-square for many discordant pairs") {
  std::vector<std::int8_t> m, b;
  for (int i = 0; i < 30; ++i) {
    m.push_back(1);
    b.push_back(0);
  }
  for (int i = 0; i < 10; ++i) {
    m.push_back(0);
    b.push_back(1);
  }
  const auto r = ag::mcnemar(m, b);
  CHECK(r.method == "chi-square-continuity-corrected");
  CHECK(r.statistic == doctest::Approx(19.0 * 19.0 / 40.0));
  CHECK(r.p_value == doctest::Approx(std::erfc(std::sqrt(19.0 * 19.0 / 40.0 / 2.0))));
}

TEST_CASE("McNemar needs one binary outcome per item") {
  const std::vector<std::int8_t> m = {1, -1}, b = {0, 1};
  const auto r = ag::mcnemar(m, b);
  CHECK_FALSE(r.applicable);
  CHECK(r.reason.find("one binary outcome") != std::string::npos);
}

namespace {
struct item {
  std::string id;
  double score;
};
ag::item_columns columns_of(const std::vector<item>& items) {
  ag::benchmark_accumulator acc;
  ag::metric_sink sink;
  for (const auto& i : items) {
    ag::sample_view v;
    v.item = i.id;
    v.score = i.score;
    v.correct = i.score == 1.0;
    acc.add(v, nullptr, sink);
  }
  ag::aggregate_policy p;
  return ag::build_columns(acc, p);
}
}  // namespace

TEST_CASE("a paired comparison uses the shared items only") {
  const auto model = columns_of({{"a", 1}, {"b", 1}, {"c", 0}, {"d", 1}, {"only-model", 0}});
  const auto base = columns_of({{"a", 0}, {"b", 1}, {"c", 0}, {"d", 0}, {"only-base", 1}});
  ag::bootstrap_options o;
  o.replicates = 400;
  const auto r = ag::compare(model, base, "score", o);
  CHECK(r.shared == 4);
  CHECK(r.model_only == 1);
  CHECK(r.base_only == 1);
  CHECK(r.model.value == doctest::Approx(0.75));
  CHECK(r.base.value == doctest::Approx(0.25));
  CHECK(r.difference.value == doctest::Approx(0.5));
  // differences per item 1, 0, 0, 1: sample std 0.57735 / sqrt(4)
  CHECK(r.difference.se == doctest::Approx(std::sqrt(1.0 / 3.0) / 2.0));
  CHECK(r.relative_gain.value == doctest::Approx(2.0));
  CHECK(r.difference.ci.low <= r.difference.value);
  CHECK(r.difference.ci.high >= r.difference.value);
  CHECK(r.difference.ci.low >= 0.0);  // the model never loses an item: no replicate can go below 0
  CHECK(r.relative_gain.ci.undefined > 0);  // replicates where the base scored 0 have no relative gain
  REQUIRE(r.mcnemar.applicable);
  CHECK(r.mcnemar.model_only == 2);
  CHECK(r.mcnemar.p_value == doctest::Approx(0.5));
}

TEST_CASE("a relative gain over a base of 0 is undefined, not a number") {
  const auto model = columns_of({{"a", 1}, {"b", 0}});
  const auto base = columns_of({{"a", 0}, {"b", 0}});
  ag::bootstrap_options o;
  o.replicates = 0;
  const auto r = ag::compare(model, base, "score", o);
  CHECK(r.difference.value == doctest::Approx(0.5));
  CHECK_FALSE(r.relative_gain.defined());
  CHECK(r.relative_gain.undefined == "base score is 0");
}
