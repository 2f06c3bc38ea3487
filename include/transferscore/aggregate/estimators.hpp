#pragma once
// The estimators behind every aggregate: unbiased pass@k, pass^k and maj@k per item,
// means, standard deviations and standard errors, quantiles for percentile intervals,
// and the tail probabilities McNemar's test needs. Plain functions on numbers, so they
// are easy to check by hand; the accumulators feed them.

#include <transferscore/config.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace aggregate {

inline constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();

/// Population (divide by n) or sample (divide by n - 1) standard deviation.
enum class std_kind : unsigned char { population, sample };

[[nodiscard]] constexpr std::string_view to_string(std_kind k) noexcept {
  return k == std_kind::population ? "population" : "sample";
}

/// Unbiased pass@k of one item with n samples of which c are correct (Chen et al. 2021):
/// 1 - C(n-c, k) / C(n, k), computed as the reference code does, 1 - prod_{j=n-c+1..n} (1 - k/j),
/// so the values agree with human-eval's to the last bit. NaN when k = 0 or k > n.
[[nodiscard]] inline double pass_at_k(std::uint64_t n, std::uint64_t c, std::uint64_t k) noexcept {
  if (k == 0 || k > n || c > n) return not_a_number;
  if (n - c < k) return 1.0;
  double product = 1.0;
  const double kd = static_cast<double>(k);
  if (c > k && c > 100000) {
    // Only reachable from hostile state files: the same ratio in k factors instead of c,
    // C(n-c, k) / C(n, k) = prod_{i<k} (n-c-i) / (n-i), so the work stays bounded.
    for (std::uint64_t i = 0; i < k; ++i) product *= static_cast<double>(n - c - i) / static_cast<double>(n - i);
    return 1.0 - product;
  }
  for (std::uint64_t j = n - c + 1; j <= n; ++j) product *= 1.0 - kd / static_cast<double>(j);
  return 1.0 - product;
}

/// Unbiased pass^k (all k draws correct): C(c, k) / C(n, k). NaN when k = 0 or k > n.
[[nodiscard]] inline double pass_hat_k(std::uint64_t n, std::uint64_t c, std::uint64_t k) noexcept {
  if (k == 0 || k > n || c > n) return not_a_number;
  if (c < k) return 0.0;
  double product = 1.0;
  for (std::uint64_t j = 0; j < k; ++j) product *= static_cast<double>(c - j) / static_cast<double>(n - j);
  return product;
}

/// C(n, k) as a double (exact while it is below 2^53; finite for n up to about 1020).
[[nodiscard]] inline double binomial(std::uint64_t n, std::uint64_t k) noexcept {
  if (k > n) return 0.0;
  k = std::min(k, n - k);
  double c = 1.0;
  for (std::uint64_t i = 1; i <= k; ++i) c = c * static_cast<double>(n - k + i) / static_cast<double>(i);
  return c;
}

/// maj@k needs C(n, k) in a double; beyond this many samples per item it is not computed.
inline constexpr std::uint64_t max_maj_samples = 1000;

/// Unbiased maj@k of one item: the expected score of the plurality answer of a random
/// k-subset of its n samples, averaged exactly over all C(n, k) subsets.
///
/// `gold` counts the samples whose answer is correct (they form one answer class: they
/// all equal the gold), `others` the size of every other answer class (each distinct wrong
/// answer, and "no answer" as one class of its own). Tie rule: when the gold class shares
/// the largest count with t - 1 other classes, the subset scores 1/t, the expected value of
/// breaking the tie uniformly at random. (lm-evaluation-harness instead takes the answer
/// seen first among the first k samples; that depends on sample order.)
///
/// NaN when k = 0, k > n or n > max_maj_samples.
[[nodiscard]] inline double maj_at_k(std::uint64_t gold, std::span<const std::uint32_t> others, std::uint64_t k) {
  std::uint64_t n = gold;
  for (auto m : others) n += m;
  if (k == 0 || k > n || n > max_maj_samples) return not_a_number;
  if (gold == 0) return 0.0;
  double favourable = 0.0;
  std::vector<double> ways, next;
  for (std::uint64_t a = 1; a <= std::min(gold, k); ++a) {
    // The gold class contributes a of the k draws; the other classes share the rest, each
    // at most a (else the gold would lose). Track how many of them reach exactly a (ties).
    const std::uint64_t rest = k - a;
    const std::uint64_t max_ties = rest / a;
    const std::size_t width = static_cast<std::size_t>(max_ties + 1);
    ways.assign(static_cast<std::size_t>(rest + 1) * width, 0.0);
    ways[0] = 1.0;
    std::uint64_t reachable = 0;  // largest number of draws the classes seen so far can take
    for (auto m : others) {
      const std::uint64_t cap = std::min<std::uint64_t>({m, a, rest});
      if (cap == 0) continue;
      next.assign(ways.size(), 0.0);
      for (std::uint64_t s = 0; s <= std::min(reachable, rest); ++s) {
        for (std::uint64_t t = 0; t <= max_ties; ++t) {
          const double w = ways[static_cast<std::size_t>(s) * width + static_cast<std::size_t>(t)];
          if (w == 0.0) continue;
          double choose = 1.0;  // C(m, x), built up as x grows
          for (std::uint64_t x = 0; x <= std::min(cap, rest - s); ++x) {
            if (x > 0) choose = choose * static_cast<double>(m - x + 1) / static_cast<double>(x);
            const std::uint64_t nt = t + (x == a ? 1 : 0);
            if (nt > max_ties) continue;
            next[static_cast<std::size_t>(s + x) * width + static_cast<std::size_t>(nt)] += w * choose;
          }
        }
      }
      ways.swap(next);
      reachable += cap;
    }
    double wins = 0.0;
    for (std::uint64_t t = 0; t <= max_ties; ++t) {
      wins += ways[static_cast<std::size_t>(rest) * width + static_cast<std::size_t>(t)] / static_cast<double>(t + 1);
    }
    favourable += binomial(gold, a) * wins;
  }
  return favourable / binomial(n, k);
}

/// Arithmetic mean, summed in the given order (NaN for no values).
[[nodiscard]] inline double mean(std::span<const double> values) noexcept {
  if (values.empty()) return not_a_number;
  double sum = 0.0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

/// Standard deviation; NaN when there are too few values (0, or 1 for the sample kind).
[[nodiscard]] inline double standard_deviation(std::span<const double> values, std_kind kind) noexcept {
  const std::size_t n = values.size();
  if (n == 0 || (kind == std_kind::sample && n < 2)) return not_a_number;
  const double m = mean(values);
  double squares = 0.0;
  for (double v : values) squares += (v - m) * (v - m);
  return std::sqrt(squares / static_cast<double>(kind == std_kind::sample ? n - 1 : n));
}

/// Standard error of a mean: sample standard deviation / sqrt(n), as lm-evaluation-harness
/// reports for `mean` metrics. NaN for fewer than two values (lm-eval prints "N/A").
[[nodiscard]] inline double standard_error(std::span<const double> values) noexcept {
  if (values.size() < 2) return not_a_number;
  return standard_deviation(values, std_kind::sample) / std::sqrt(static_cast<double>(values.size()));
}

/// Standard error of a ratio of sums R = sum(num) / sum(den) over n items (delta method,
/// with the n - 1 correction): sqrt(sum (num_i - R den_i)^2 / (n (n - 1))) / mean(den).
/// With every den_i = 1 it is exactly standard_error(num).
[[nodiscard]] inline double ratio_standard_error(std::span<const double> num, std::span<const double> den) noexcept {
  const std::size_t n = num.size();
  if (n < 2 || den.size() != n) return not_a_number;
  double sn = 0.0, sd = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    sn += num[i];
    sd += den[i];
  }
  if (sd == 0.0) return not_a_number;
  const double r = sn / sd;
  double squares = 0.0;
  for (std::size_t i = 0; i < n; ++i) squares += (num[i] - r * den[i]) * (num[i] - r * den[i]);
  const double nd = static_cast<double>(n);
  return std::sqrt(squares / (nd * (nd - 1.0))) / (sd / nd);
}

/// The p-quantile of sorted values with linear interpolation between order statistics
/// (Hyndman and Fan type 7, numpy's default). NaN for no values.
[[nodiscard]] inline double quantile_sorted(std::span<const double> sorted, double p) noexcept {
  if (sorted.empty()) return not_a_number;
  const double h = (static_cast<double>(sorted.size()) - 1.0) * std::clamp(p, 0.0, 1.0);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

/// Two-sided exact binomial test of x successes in n trials with p = 1/2:
/// min(1, 2 P(X <= min(x, n - x))). n = 0 gives 1. Any n (in log space beyond 1000 trials).
[[nodiscard]] inline double binomial_two_sided_p(std::uint64_t x, std::uint64_t n) noexcept {
  if (n == 0) return 1.0;
  const std::uint64_t tail = std::min(x, n - x);
  if (n > 1000) {
    // 2^-n underflows: take log pmf(tail) = log C(n, tail) - n log 2, then sum the smaller
    // terms relative to it, walking down (pmf(i - 1) / pmf(i) = i / (n - i + 1)).
    double log_pmf = -static_cast<double>(n) * std::log(2.0);
    for (std::uint64_t i = 1; i <= tail; ++i) log_pmf += std::log(static_cast<double>(n - i + 1) / static_cast<double>(i));
    double relative = 1.0, term = 1.0;
    for (std::uint64_t i = tail; i > 0 && term > 1e-17 * relative; --i) {
      term *= static_cast<double>(i) / static_cast<double>(n - i + 1);
      relative += term;
    }
    return std::min(1.0, 2.0 * std::exp(log_pmf) * relative);
  }
  // pmf(i) = C(n, i) / 2^n, built up from pmf(0) in log-free steps; fine for n below ~1000.
  double pmf = std::ldexp(1.0, -static_cast<int>(std::min<std::uint64_t>(n, 1074)));
  double cumulative = pmf;
  for (std::uint64_t i = 1; i <= tail; ++i) {
    pmf = pmf * static_cast<double>(n - i + 1) / static_cast<double>(i);
    cumulative += pmf;
  }
  return std::min(1.0, 2.0 * cumulative);
}

/// Upper tail of the chi-square distribution with one degree of freedom.
[[nodiscard]] inline double chi_square_1df_p(double statistic) noexcept {
  if (!(statistic > 0.0)) return 1.0;
  return std::erfc(std::sqrt(statistic / 2.0));
}

}  // namespace aggregate
TRANSFERSCORE_END_NAMESPACE
