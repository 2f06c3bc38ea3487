#pragma once
// From accumulated responses to the figures of a token-shift report, per (model, benchmark)
// and per benchmark group, each with a seeded percentile bootstrap interval over responses
// (the project's bootstrap: replicate r draws from its own stream, so results do not depend on
// the thread count). A replicate resamples the responses of every benchmark of a pair once;
// group figures are the mean of their benchmarks' figures in the same replicate.
//
// Averaging: macro (default, the study's): the mean over responses of each response's mean
// over its positions; micro: pooled over all positions. The study's figure, kl_estimate, is the
// absolute value of the mean log ratio (its interval is that of the absolute value).

#include <transferscore/config.hpp>
#include <transferscore/aggregate/bootstrap.hpp>
#include <transferscore/aggregate/estimators.hpp>
#include <transferscore/aggregate/summary.hpp>
#include <transferscore/aggregate/transfer.hpp>
#include <transferscore/shift/groups.hpp>
#include <transferscore/shift/token_set.hpp>
#include <transferscore/shift/token_stats.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace shift {

/// A figure and its bootstrap interval.
struct estimate {
  double value = aggregate::not_a_number;
  aggregate::interval ci;
};

/// The figures of a token-shift report, in the order reports list them.
enum class token_figure : unsigned char {
  kl_estimate,           ///< |mean log ratio|: the study's "KL"
  log_ratio,             ///< mean of log P_ft(y) - log P_base(y), signed
  lumped_kl,             ///< top-k KL with the rest lumped (a lower bound of the full KL)
  rank_shift,            ///< mean of rank_base - rank_ft
  abs_rank_shift,        ///< mean of |rank_base - rank_ft|
  rank_changed,          ///< share of positions whose rank differs
  shifted_per_response,  ///< tokens ranked first by the fine-tune but not by the base, per response
};
inline constexpr std::size_t token_figure_count = 7;
inline constexpr std::array<std::string_view, token_figure_count> token_figure_names{
    "kl_estimate", "log_ratio", "lumped_kl", "rank_shift", "abs_rank_shift", "rank_changed", "shifted_per_response"};

struct curve_point {
  std::size_t from = 0, to = 0;  ///< response positions [from, to), 0 = the first response token
  std::uint64_t tokens = 0;
  double log_ratio = aggregate::not_a_number;  ///< pooled means over the positions of the bin
  double rank_shift = aggregate::not_a_number;
  double abs_rank_shift = aggregate::not_a_number;
  double rank_changed = aggregate::not_a_number;
  double shifted_share = aggregate::not_a_number;
  double lumped_kl = aggregate::not_a_number;
};

struct token_benchmark_summary {
  std::string benchmark;
  std::string group;  ///< empty when no group holds it
  std::size_t responses = 0;  ///< read (and matched)
  std::size_t used = 0;       ///< with at least one compared position
  std::uint64_t tokens = 0, ranked = 0, kl_positions = 0;
  std::uint64_t prompt_tokens = 0, skipped_first = 0, truncated = 0, floored = 0;
  std::size_t min_listed = 0;
  std::array<estimate, token_figure_count> figures;
  std::vector<curve_point> curve;
  std::uint64_t shifted_total = 0;
  std::vector<std::pair<std::string, std::uint64_t>> top_shifted;  ///< most frequent first
  [[nodiscard]] const estimate& figure(token_figure f) const noexcept { return figures[static_cast<std::size_t>(f)]; }
};

struct token_group_summary {
  std::string group;
  std::vector<std::string> benchmarks;  ///< the pair's benchmarks in the group
  std::array<estimate, token_figure_count> figures;  ///< means of the benchmarks' figures
  [[nodiscard]] const estimate& figure(token_figure f) const noexcept { return figures[static_cast<std::size_t>(f)]; }
};

struct token_pair_summary {
  std::string model, base;
  std::vector<token_benchmark_summary> benchmarks;
  std::vector<token_group_summary> groups;  ///< groups with at least one of the pair's benchmarks
};

struct token_summary_options {
  aggregate::averaging average = aggregate::averaging::macro;
  aggregate::bootstrap_options bootstrap;
  std::size_t top_tokens = 20;
};

struct token_shift_result {
  shift_mode mode = shift_mode::reference;
  std::string input;  ///< "dumps" or "study-files"
  token_summary_options options;
  std::size_t bin_width = 64;
  double epsilon = study_epsilon;
  aggregate::group_config groups;
  std::vector<token_pair_summary> pairs;
  std::vector<std::string> notes;
};

namespace detail {

// Ratio columns of the figures after kl_estimate, over the responses of one accumulator.
inline std::array<aggregate::ratio_column, token_figure_count - 1> figure_columns(const token_shift_accumulator& acc,
                                                                                 aggregate::averaging average) {
  std::array<aggregate::ratio_column, token_figure_count - 1> c;
  const bool macro = average == aggregate::averaging::macro;
  for (auto& col : c) {
    col.num.reserve(acc.responses.size());
    col.den.reserve(acc.responses.size());
  }
  auto add = [&](std::size_t k, double sum, double count) {
    if (count > 0 && macro) {
      c[k].num.push_back(sum / count);
      c[k].den.push_back(1.0);
    } else {
      c[k].num.push_back(count > 0 ? sum : 0.0);
      c[k].den.push_back(count);
    }
  };
  for (const auto& r : acc.responses) {
    add(0, r.log_ratio, r.tokens);
    add(1, r.lumped_kl, r.kl_positions);
    add(2, r.rank_shift, r.ranked);
    add(3, r.abs_rank_shift, r.ranked);
    add(4, r.changed, r.ranked);
    c[5].num.push_back(r.tokens > 0 ? r.shifted : 0.0);  // a count per response, whatever the averaging
    c[5].den.push_back(r.tokens > 0 ? 1.0 : 0.0);
  }
  return c;
}

// The figures from the column values (kl_estimate first).
inline void figures_from(const std::array<double, token_figure_count - 1>& v, double* out) {
  out[0] = std::fabs(v[0]);
  for (std::size_t k = 0; k + 1 < token_figure_count; ++k) out[k + 1] = v[k];
}

inline double mean_of_defined(const std::vector<double>& values) {
  double sum = 0.0;
  std::size_t n = 0;
  for (double v : values) {
    if (!std::isnan(v)) {
      sum += v;
      ++n;
    }
  }
  return n == 0 ? aggregate::not_a_number : sum / static_cast<double>(n);
}

inline std::vector<curve_point> curve_of(const token_shift_accumulator& acc, std::size_t width) {
  std::vector<curve_point> out;
  for (std::size_t b = 0; b < acc.bins.size(); ++b) {
    const position_bin& bin = acc.bins[b];
    curve_point p;
    p.from = b * width;
    p.to = (b + 1) * width;
    p.tokens = bin.tokens;
    auto ratio = [](double sum, std::uint64_t n) { return n == 0 ? aggregate::not_a_number : sum / static_cast<double>(n); };
    p.log_ratio = ratio(bin.log_ratio, bin.tokens);
    p.rank_shift = ratio(bin.rank_shift, bin.ranked);
    p.abs_rank_shift = ratio(bin.abs_rank_shift, bin.ranked);
    p.rank_changed = ratio(static_cast<double>(bin.changed), bin.ranked);
    p.shifted_share = ratio(static_cast<double>(bin.shifted), bin.ranked);
    p.lumped_kl = ratio(bin.lumped_kl, bin.kl_positions);
    out.push_back(p);
  }
  return out;
}

}  // namespace detail

/// Summarises every (model, base, benchmark) of `set`, pair by pair in order of appearance.
[[nodiscard]] inline token_shift_result summarize_tokens(const token_shift_set& set, const aggregate::group_config& groups,
                                                         const token_summary_options& options, const compare_options& compare) {
  token_shift_result out;
  out.mode = compare.mode;
  out.options = options;
  out.bin_width = compare.bin_width;
  out.epsilon = compare.epsilon;
  out.groups = groups;
  // Pairs in order of first appearance, each with its accumulators.
  std::vector<std::vector<const token_shift_accumulator*>> members;
  for (const auto& acc : set.entries()) {
    auto it = std::find_if(out.pairs.begin(), out.pairs.end(),
                           [&](const token_pair_summary& p) { return p.model == acc.model && p.base == acc.base; });
    if (it == out.pairs.end()) {
      out.pairs.push_back({acc.model, acc.base, {}, {}});
      members.emplace_back();
      it = out.pairs.end() - 1;
    }
    members[static_cast<std::size_t>(it - out.pairs.begin())].push_back(&acc);
  }
  constexpr std::size_t F = token_figure_count;
  for (std::size_t p = 0; p < out.pairs.size(); ++p) {
    token_pair_summary& pair = out.pairs[p];
    const auto& accs = members[p];
    const std::size_t nb = accs.size();
    std::vector<std::array<aggregate::ratio_column, F - 1>> columns;
    std::vector<std::optional<std::size_t>> group_index;
    for (const auto* acc : accs) {
      columns.push_back(detail::figure_columns(*acc, options.average));
      group_index.push_back(group_of(groups, acc->benchmark));
      token_benchmark_summary b;
      b.benchmark = acc->benchmark;
      if (group_index.back()) b.group = groups.groups[*group_index.back()].name;
      b.responses = acc->responses.size();
      b.used = acc->used();
      for (const auto& r : acc->responses) {
        b.tokens += r.tokens;
        b.ranked += r.ranked;
        b.kl_positions += r.kl_positions;
        b.shifted_total += r.shifted;
      }
      b.prompt_tokens = acc->prompt_tokens;
      b.skipped_first = acc->skipped_first;
      b.truncated = acc->truncated;
      b.floored = acc->floored;
      b.min_listed = acc->min_listed;
      std::array<double, F - 1> v{};
      for (std::size_t k = 0; k + 1 < F; ++k) v[k] = columns.back()[k].value();
      double figs[F];
      detail::figures_from(v, figs);
      for (std::size_t f = 0; f < F; ++f) b.figures[f].value = figs[f];
      b.curve = detail::curve_of(*acc, compare.bin_width == 0 ? 1 : compare.bin_width);
      b.top_shifted.assign(acc->shifted_tokens.begin(), acc->shifted_tokens.end());
      acc->shifted_ids.for_each([&](std::int64_t id, std::uint64_t count) { b.top_shifted.emplace_back("#" + std::to_string(id), count); });
      const auto more_often = [](const auto& a, const auto& c) { return a.second != c.second ? a.second > c.second : a.first < c.first; };
      const std::size_t keep = std::min(options.top_tokens, b.top_shifted.size());
      std::partial_sort(b.top_shifted.begin(), b.top_shifted.begin() + static_cast<std::ptrdiff_t>(keep), b.top_shifted.end(), more_often);
      b.top_shifted.resize(keep);
      pair.benchmarks.push_back(std::move(b));
    }
    // Groups, in the configuration's order.
    std::vector<std::vector<std::size_t>> group_members(groups.groups.size());
    for (std::size_t k = 0; k < nb; ++k) {
      if (group_index[k]) group_members[*group_index[k]].push_back(k);
    }
    std::vector<std::size_t> used_groups;
    for (std::size_t g = 0; g < groups.groups.size(); ++g) {
      if (group_members[g].empty()) continue;
      used_groups.push_back(g);
      token_group_summary gs;
      gs.group = groups.groups[g].name;
      for (auto k : group_members[g]) gs.benchmarks.push_back(pair.benchmarks[k].benchmark);
      for (std::size_t f = 0; f < F; ++f) {
        std::vector<double> v;
        for (auto k : group_members[g]) v.push_back(pair.benchmarks[k].figures[f].value);
        gs.figures[f].value = detail::mean_of_defined(v);
      }
      pair.groups.push_back(std::move(gs));
    }
    // The bootstrap: values[slot][replicate], slots per benchmark then per used group.
    const auto& boot = options.bootstrap;
    if (boot.replicates == 0) continue;
    const std::size_t R = boot.replicates;
    std::vector<std::vector<double>> values((nb + used_groups.size()) * F, std::vector<double>(R, aggregate::not_a_number));
    const std::size_t workers = std::max<std::size_t>(1, std::min(boot.threads, R));
    std::vector<std::vector<std::vector<std::uint32_t>>> counts(workers, std::vector<std::vector<std::uint32_t>>(nb));
    for (auto& w : counts) {
      for (std::size_t k = 0; k < nb; ++k) w[k].resize(accs[k]->responses.size());
    }
    aggregate::for_each_replicate(boot, [&](std::size_t r, aggregate::xoshiro256& rng, std::size_t w) {
      for (std::size_t k = 0; k < nb; ++k) {
        if (!counts[w][k].empty()) aggregate::resample_counts(rng, counts[w][k]);
        std::array<double, F - 1> v{};
        for (std::size_t c = 0; c + 1 < F; ++c) v[c] = columns[k][c].resampled(counts[w][k]);
        double figs[F];
        detail::figures_from(v, figs);
        for (std::size_t f = 0; f < F; ++f) values[k * F + f][r] = figs[f];
      }
      std::vector<double> in_group;
      for (std::size_t u = 0; u < used_groups.size(); ++u) {
        for (std::size_t f = 0; f < F; ++f) {
          in_group.clear();
          for (auto k : group_members[used_groups[u]]) in_group.push_back(values[k * F + f][r]);
          values[(nb + u) * F + f][r] = detail::mean_of_defined(in_group);
        }
      }
    });
    for (std::size_t k = 0; k < nb; ++k) {
      for (std::size_t f = 0; f < F; ++f) {
        if (!std::isnan(pair.benchmarks[k].figures[f].value)) {
          pair.benchmarks[k].figures[f].ci = aggregate::percentile_interval(std::move(values[k * F + f]), boot.confidence);
        }
      }
    }
    for (std::size_t u = 0; u < used_groups.size(); ++u) {
      for (std::size_t f = 0; f < F; ++f) {
        if (!std::isnan(pair.groups[u].figures[f].value)) {
          pair.groups[u].figures[f].ci = aggregate::percentile_interval(std::move(values[(nb + u) * F + f]), boot.confidence);
        }
      }
    }
  }
  return out;
}

}  // namespace shift
TRANSFERSCORE_END_NAMESPACE
