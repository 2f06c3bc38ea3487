#pragma once
// Seeded, reproducible bootstrap over items. Replicate r always draws from its own stream
// (seed, r), so results do not depend on the number of threads, and the same seed gives
// the same intervals on every machine. Items are resampled whole: all samples of an item
// move together, because samples of one item are not independent.

#include <transferscore/config.hpp>
#include <transferscore/aggregate/estimators.hpp>
#include <transferscore/aggregate/prng.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <exception>
#include <span>
#include <thread>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace aggregate {

struct bootstrap_options {
  std::size_t replicates = 1000;  ///< 0 switches intervals off
  std::uint64_t seed = 0;
  double confidence = 0.95;
  std::size_t threads = 1;
};

/// A percentile interval and how many replicates it rests on.
struct interval {
  double low = not_a_number;
  double high = not_a_number;
  std::size_t replicates = 0;  ///< replicates drawn
  std::size_t undefined = 0;   ///< replicates whose statistic was undefined (NaN); not in the interval
  [[nodiscard]] bool available() const noexcept { return !std::isnan(low) && !std::isnan(high); }
};

/// Multinomial counts of n draws with replacement from n items: counts[i] is how often item
/// i is in the resample.
inline void resample_counts(xoshiro256& rng, std::span<std::uint32_t> counts) noexcept {
  std::fill(counts.begin(), counts.end(), 0u);
  const std::uint64_t n = counts.size();
  for (std::uint64_t i = 0; i < n; ++i) ++counts[static_cast<std::size_t>(rng.below(n))];
}

/// Calls f(replicate, rng, worker) for every replicate, on `threads` workers; f must only
/// write state owned by its replicate or its worker index.
template <class F>
void for_each_replicate(const bootstrap_options& options, F&& f) {
  const std::size_t workers = std::max<std::size_t>(1, std::min(options.threads, options.replicates));
  auto run = [&](std::size_t worker) {
    for (std::size_t r = worker; r < options.replicates; r += workers) {
      xoshiro256 rng = xoshiro256::for_stream(options.seed, r);
      f(r, rng, worker);
    }
  };
  if (workers == 1) {
    run(0);
    return;
  }
  std::vector<std::thread> pool;
  std::vector<std::exception_ptr> errors(workers);
  for (std::size_t w = 0; w < workers; ++w) {
    pool.emplace_back([&, w] {
      try {
        run(w);
      } catch (...) {
        errors[w] = std::current_exception();
      }
    });
  }
  for (auto& t : pool) t.join();
  for (auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

/// The central `confidence` interval of replicate values (percentile method, quantiles by
/// linear interpolation). NaN values count as undefined and are left out.
[[nodiscard]] inline interval percentile_interval(std::vector<double> values, double confidence) {
  interval out;
  out.replicates = values.size();
  const auto defined_end = std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); });
  out.undefined = static_cast<std::size_t>(values.end() - defined_end);
  values.erase(defined_end, values.end());
  if (values.empty()) return out;
  std::sort(values.begin(), values.end());
  const double alpha = 1.0 - confidence;
  out.low = quantile_sorted(values, alpha / 2.0);
  out.high = quantile_sorted(values, 1.0 - alpha / 2.0);
  return out;
}

/// Per-item numerator and denominator of a ratio statistic sum(num) / sum(den); a mean has
/// den = 1 everywhere, and an item the statistic does not cover has den = 0.
struct ratio_column {
  std::vector<double> num;
  std::vector<double> den;
  [[nodiscard]] double value() const noexcept {
    double n = 0.0, d = 0.0;
    for (std::size_t i = 0; i < num.size(); ++i) {
      n += num[i];
      d += den[i];
    }
    return d == 0.0 ? not_a_number : n / d;
  }
  [[nodiscard]] double resampled(std::span<const std::uint32_t> counts) const noexcept {
    double n = 0.0, d = 0.0;
    for (std::size_t i = 0; i < num.size(); ++i) {
      const double w = counts[i];
      n += w * num[i];
      d += w * den[i];
    }
    return d == 0.0 ? not_a_number : n / d;
  }
};

/// Bootstrap replicates of several statistics of the same n items, all computed on the
/// same resamples: stat(counts, out) writes one value per statistic into `out`.
/// Returns values[statistic][replicate].
template <class Statistic>
[[nodiscard]] std::vector<std::vector<double>> bootstrap(std::size_t items, std::size_t statistics,
                                                         const bootstrap_options& options, Statistic&& stat) {
  std::vector<std::vector<double>> values(statistics, std::vector<double>(options.replicates, not_a_number));
  if (items == 0 || options.replicates == 0) return values;
  const std::size_t workers = std::max<std::size_t>(1, std::min(options.threads, options.replicates));
  std::vector<std::vector<std::uint32_t>> counts(workers, std::vector<std::uint32_t>(items));
  std::vector<std::vector<double>> out(workers, std::vector<double>(statistics));
  for_each_replicate(options, [&](std::size_t r, xoshiro256& rng, std::size_t w) {
    resample_counts(rng, counts[w]);
    stat(std::span<const std::uint32_t>(counts[w]), std::span<double>(out[w]));
    for (std::size_t s = 0; s < statistics; ++s) values[s][r] = out[w][s];
  });
  return values;
}

/// Percentile intervals of ratio statistics over the same items.
[[nodiscard]] inline std::vector<interval> bootstrap_ratios(std::span<const ratio_column> columns,
                                                            const bootstrap_options& options) {
  const std::size_t items = columns.empty() ? 0 : columns[0].num.size();
  auto values = bootstrap(items, columns.size(), options,
                          [&](std::span<const std::uint32_t> counts, std::span<double> out) {
                            for (std::size_t c = 0; c < columns.size(); ++c) out[c] = columns[c].resampled(counts);
                          });
  std::vector<interval> result;
  result.reserve(columns.size());
  for (auto& v : values) result.push_back(percentile_interval(std::move(v), options.confidence));
  return result;
}

}  // namespace aggregate
TRANSFERSCORE_END_NAMESPACE
