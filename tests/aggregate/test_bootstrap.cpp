#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <numeric>
#include <vector>

namespace ag = transferscore::aggregate;

TEST_CASE("resampled counts add up to the number of items") {
  ag::xoshiro256 rng(5);
  std::vector<std::uint32_t> counts(1000);
  ag::resample_counts(rng, counts);
  CHECK(std::accumulate(counts.begin(), counts.end(), 0u) == 1000u);
  const auto empty = std::count(counts.begin(), counts.end(), 0u);
  CHECK(empty > 320);  // about 1/e of the items are left out of a resample
  CHECK(empty < 420);
}

TEST_CASE("the same seed gives the same interval; another seed another one") {
  ag::ratio_column col;
  for (int i = 0; i < 200; ++i) {
    col.num.push_back(i % 3 == 0 ? 1.0 : 0.0);
    col.den.push_back(1.0);
  }
  ag::bootstrap_options o;
  o.replicates = 500;
  o.seed = 1;
  const std::vector<ag::ratio_column> cols{col};
  const auto a = ag::bootstrap_ratios(cols, o);
  const auto b = ag::bootstrap_ratios(cols, o);
  o.seed = 2;
  const auto c = ag::bootstrap_ratios(cols, o);
  CHECK(a[0].low == b[0].low);
  CHECK(a[0].high == b[0].high);
  CHECK((a[0].low != c[0].low || a[0].high != c[0].high));
  // Around p = 0.335 with n = 200 the normal 95% interval is about +-0.065.
  CHECK(a[0].low < col.value());
  CHECK(a[0].high > col.value());
  CHECK(a[0].high - a[0].low == doctest::Approx(2 * 1.96 * std::sqrt(0.335 * 0.665 / 200)).epsilon(0.15));
}

TEST_CASE("constant data gives a zero-width interval; undefined replicates are counted") {
  ag::ratio_column ones{{1, 1, 1}, {1, 1, 1}};
  ag::bootstrap_options o;
  o.replicates = 50;
  const std::vector<ag::ratio_column> cols{ones};
  const auto i = ag::bootstrap_ratios(cols, o);
  CHECK(i[0].low == 1.0);
  CHECK(i[0].high == 1.0);
  // One item with a denominator, one without: some replicates miss it entirely.
  ag::ratio_column sparse{{1, 0}, {1, 0}};
  const std::vector<ag::ratio_column> cols2{sparse};
  const auto j = ag::bootstrap_ratios(cols2, o);
  CHECK(j[0].undefined > 0);
  CHECK(j[0].undefined < 50);
  CHECK(j[0].replicates == 50);
}

TEST_CASE("percentile intervals ignore NaN replicates") {
  const auto i = ag::percentile_interval({3, std::nan(""), 1, 2, 4, 5}, 0.5);
  CHECK(i.undefined == 1);
  CHECK(i.low == doctest::Approx(2.0));
  CHECK(i.high == doctest::Approx(4.0));
}
