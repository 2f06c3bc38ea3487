#pragma once
// From accumulated item statistics to reported numbers: the headline score, avg@k, pass@k,
// maj@k and contributed metrics, each with its standard error and bootstrap interval, under
// an explicit policy that every output records.
//
// Headline policy (status_policy::zero, the default): every verdict counts, and a verdict
// whose status is not ok (no answer, unterminated trace, budget exceeded, malformed record,
// runtime error) scores 0, as the reference harnesses score a missing answer. Those verdicts
// are never hidden in "wrong": each summary reports them by status, and errors (malformed
// record, runtime error) separately. status_policy::exclude drops them from every estimate
// instead (an item with no ok sample then drops out).

#include <transferscore/config.hpp>
#include <transferscore/aggregate/accumulator.hpp>
#include <transferscore/aggregate/bootstrap.hpp>
#include <transferscore/aggregate/estimators.hpp>
#include <transferscore/core/error.hpp>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace aggregate {

enum class status_policy : unsigned char { zero, exclude };
/// macro: every item weighs the same (mean over items of the item's mean over samples);
/// micro: every sample weighs the same. Equal when all items have equally many samples.
enum class averaging : unsigned char { macro, micro };

[[nodiscard]] constexpr std::string_view to_string(status_policy p) noexcept {
  return p == status_policy::zero ? "zero" : "exclude";
}
[[nodiscard]] constexpr std::string_view to_string(averaging a) noexcept {
  return a == averaging::macro ? "macro" : "micro";
}

struct aggregate_policy {
  status_policy non_ok = status_policy::zero;
  averaging average = averaging::macro;
  std::vector<std::uint32_t> k{1};  ///< pass@k and maj@k are reported for each
  bootstrap_options bootstrap{};    ///< replicates = 0: no intervals
};

/// One reported number. `undefined` holds the reason when there is no value.
struct estimate {
  double value = not_a_number;
  double se = not_a_number;
  interval ci;
  std::size_t items = 0;  ///< items the value rests on
  std::string undefined;
  [[nodiscard]] bool defined() const noexcept { return undefined.empty(); }
};

struct named_estimate {
  std::string name;
  estimate value;
};

struct benchmark_summary {
  std::string model;
  std::string benchmark;
  std::uint64_t items = 0;
  std::uint64_t samples = 0;
  std::uint32_t min_samples = 0;  ///< fewest samples of an item (under the status policy)
  std::uint32_t max_samples = 0;
  benchmark_accumulator::status_counts statuses{};  ///< every verdict, those without an id included
  std::uint64_t unidentified = 0;  ///< verdicts without an id: in `statuses`, in no item and no estimate
  estimate score;                 ///< the headline: mean score under the policy
  std::vector<named_estimate> pass_at_k;  ///< "pass@1", ...
  std::vector<named_estimate> maj_at_k;   ///< "maj@1", ...
  std::vector<named_estimate> metrics;    ///< contributed by scorer families

  [[nodiscard]] std::uint64_t errors() const noexcept {
    return statuses[static_cast<std::size_t>(status::malformed_record)] +
           statuses[static_cast<std::size_t>(status::runtime_error)];
  }
  /// avg@k: the mean when every item has the same number k of samples.
  [[nodiscard]] std::optional<std::uint32_t> uniform_k() const noexcept {
    if (items > 0 && min_samples == max_samples) return min_samples;
    return std::nullopt;
  }
};

/// A column of per-item values in canonical item order, with its name.
struct metric_column {
  std::string name;
  ratio_column values;
  std::string undefined;  ///< why the metric cannot be computed, if so
};

/// Everything a summary, a paired comparison or the transfer bootstrap needs from one
/// accumulator: item keys in canonical (sorted) order and one column per metric.
struct item_columns {
  std::vector<std::string> keys;  ///< item keys (owned: the columns may outlive the accumulator)
  std::vector<metric_column> columns;
  std::vector<std::int8_t> outcomes;  ///< per item: 1/0 when it has one counted sample, else -1 (McNemar)
  std::uint32_t min_samples = 0, max_samples = 0;
  std::uint64_t samples = 0;

  [[nodiscard]] const metric_column* find(std::string_view name) const noexcept {
    for (const auto& c : columns) {
      if (c.name == name) return &c;
    }
    return nullptr;
  }
};

/// Parses "pass@4" / "maj@4" / "mean" / a contributed metric name; returns the k of @k names.
[[nodiscard]] inline std::optional<std::uint32_t> metric_k(std::string_view name, std::string_view prefix) {
  if (name.substr(0, prefix.size()) != prefix) return std::nullopt;
  std::uint32_t k = 0;
  const auto rest = name.substr(prefix.size());
  auto [p, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), k);
  if (ec != std::errc{} || p != rest.data() + rest.size() || k == 0) return std::nullopt;
  return k;
}

/// Builds the per-item columns: "score", then pass@k and maj@k for every k of the policy,
/// then `extra` names (more pass@/maj@ names), then every contributed metric.
[[nodiscard]] inline item_columns build_columns(const benchmark_accumulator& acc, const aggregate_policy& policy,
                                                std::span<const std::string> extra = {}) {
  item_columns out;
  const bool zero = policy.non_ok == status_policy::zero;
  auto samples_of = [&](const item_stats& s) { return zero ? s.samples : s.ok; };
  // Items without a sample that counts (only under `exclude`) are not part of the benchmark.
  auto order = acc.canonical_order();
  std::erase_if(order, [&](std::uint32_t i) { return samples_of(acc.stats(i)) == 0; });
  const std::size_t n = order.size();
  out.keys.reserve(n);
  out.outcomes.reserve(n);
  for (auto i : order) out.keys.emplace_back(acc.item_key(i));

  // Per item: n (under the policy), c, and the answer classes for maj@k.
  std::vector<std::uint32_t> ns(n), cs(n);
  bool first = true;
  for (std::size_t r = 0; r < n; ++r) {
    const item_stats& s = acc.stats(order[r]);
    ns[r] = samples_of(s);
    cs[r] = s.correct;
    out.samples += ns[r];
    out.outcomes.push_back(ns[r] == 1 ? static_cast<std::int8_t>(cs[r] > 0 ? 1 : 0) : std::int8_t{-1});
    if (ns[r] == 0) continue;
    out.min_samples = first ? ns[r] : std::min(out.min_samples, ns[r]);
    out.max_samples = first ? ns[r] : std::max(out.max_samples, ns[r]);
    first = false;
  }

  metric_column score{"score", {std::vector<double>(n), std::vector<double>(n)}, {}};
  for (std::size_t r = 0; r < n; ++r) {
    const double sum = acc.stats(order[r]).score_sum;
    if (ns[r] == 0) continue;
    if (policy.average == averaging::macro) {
      score.values.num[r] = sum / ns[r];
      score.values.den[r] = 1.0;
    } else {
      score.values.num[r] = sum;
      score.values.den[r] = ns[r];
    }
  }
  if (out.samples == 0) score.undefined = "no scored sample";
  out.columns.push_back(std::move(score));

  std::vector<std::string> wanted;
  for (auto k : policy.k) wanted.push_back("pass@" + std::to_string(k));
  for (auto k : policy.k) wanted.push_back("maj@" + std::to_string(k));
  for (const auto& e : extra) {
    if (std::find(wanted.begin(), wanted.end(), e) == wanted.end()) wanted.push_back(e);
  }

  // Position of each item in canonical order, to place the answer classes.
  std::vector<std::uint32_t> rank;
  auto answers_by_item = [&]() {
    std::vector<std::vector<std::uint32_t>> classes(n);
    constexpr std::uint32_t absent = 0xFFFFFFFFu;
    rank.assign(acc.size(), absent);
    for (std::size_t r = 0; r < n; ++r) rank[order[r]] = static_cast<std::uint32_t>(r);
    for (const auto& a : acc.answers()) {
      if (a.key == 0 && !zero) continue;  // "no answer" is not a class when non-ok samples are excluded
      if (rank[a.item] == absent) continue;
      classes[rank[a.item]].push_back(a.count);
    }
    return classes;
  };
  std::vector<std::vector<std::uint32_t>> classes;
  bool have_classes = false;

  for (const auto& name : wanted) {
    metric_column col{name, {std::vector<double>(n), std::vector<double>(n)}, {}};
    const auto pk = metric_k(name, "pass@");
    const auto mk = metric_k(name, "maj@");
    if (!pk && !mk) {
      if (name == "score") continue;  // always there
      if (std::find_if(acc.metric_names().begin(), acc.metric_names().end(),
                       [&](const std::string& m) { return m == name; }) == acc.metric_names().end()) {
        col.undefined = "no such metric";
        out.columns.push_back(std::move(col));
      }
      continue;
    }
    const std::uint32_t k = pk ? *pk : *mk;
    std::size_t short_items = 0;
    for (std::size_t r = 0; r < n; ++r) {
      if (ns[r] > 0 && ns[r] < k) ++short_items;
    }
    if (short_items > 0) {
      // Reported only when every item has at least k samples (human-eval's rule).
      col.undefined = "needs " + std::to_string(k) + " samples per item; " + std::to_string(short_items) +
                      " item(s) have fewer (min " + std::to_string(out.min_samples) + ")";
      out.columns.push_back(std::move(col));
      continue;
    }
    if (mk && !acc.tracks_answers()) {
      col.undefined = "answers were not tracked";
      out.columns.push_back(std::move(col));
      continue;
    }
    if (mk && !have_classes) {
      classes = answers_by_item();
      have_classes = true;
    }
    for (std::size_t r = 0; r < n; ++r) {
      if (ns[r] == 0) continue;
      const double v = pk ? pass_at_k(ns[r], cs[r], k) : maj_at_k(cs[r], classes[r], k);
      if (std::isnan(v)) {
        col.undefined = "more than " + std::to_string(max_maj_samples) + " samples per item";
        break;
      }
      col.values.num[r] = v;
      col.values.den[r] = 1.0;
    }
    out.columns.push_back(std::move(col));
  }

  for (std::size_t m = 0; m < acc.metric_names().size(); ++m) {
    metric_column col{acc.metric_names()[m], {std::vector<double>(n), std::vector<double>(n)}, {}};
    for (std::size_t r = 0; r < n; ++r) {
      const metric_sums& s = acc.metric(order[r], m);
      double num = s.ok_num, den = s.ok_den;
      if (zero) {
        num += s.other_num;
        den += s.other_den;
      }
      if (den == 0.0) continue;
      if (policy.average == averaging::macro) {
        // Per sample within the item, so every item weighs alike in samples, while the
        // contributor's denominators still weigh within (IFEval: instructions per prompt).
        col.values.num[r] = num / ns[r];
        col.values.den[r] = den / ns[r];
      } else {
        col.values.num[r] = num;
        col.values.den[r] = den;
      }
    }
    out.columns.push_back(std::move(col));
  }
  return out;
}

/// The point value and standard error of a column (no interval).
[[nodiscard]] inline estimate point_estimate(const metric_column& col) {
  estimate e;
  if (!col.undefined.empty()) {
    e.undefined = col.undefined;
    return e;
  }
  std::vector<double> num, den;
  for (std::size_t i = 0; i < col.values.num.size(); ++i) {
    if (col.values.den[i] == 0.0) continue;
    num.push_back(col.values.num[i]);
    den.push_back(col.values.den[i]);
  }
  e.items = num.size();
  if (num.empty()) {
    e.undefined = "no item";
    return e;
  }
  e.value = col.values.value();
  e.se = ratio_standard_error(num, den);
  return e;
}

/// Summarises one accumulator: point values, standard errors and (when the policy asks for
/// replicates) percentile intervals from one shared item bootstrap.
[[nodiscard]] inline benchmark_summary summarize(std::string_view model, std::string_view benchmark,
                                                 const benchmark_accumulator& acc, const aggregate_policy& policy) {
  benchmark_summary s;
  s.model = model;
  s.benchmark = benchmark;
  s.items = acc.size();
  s.statuses = acc.statuses();
  s.unidentified = acc.unidentified();
  const item_columns cols = build_columns(acc, policy);
  s.samples = cols.samples;
  s.min_samples = cols.min_samples;
  s.max_samples = cols.max_samples;

  std::vector<ratio_column> defined;
  std::vector<estimate*> targets;
  std::vector<named_estimate> all;
  all.reserve(cols.columns.size());
  for (const auto& col : cols.columns) all.push_back({col.name, point_estimate(col)});
  for (std::size_t c = 0; c < cols.columns.size(); ++c) {
    if (all[c].value.defined() && policy.bootstrap.replicates > 0) {
      defined.push_back(cols.columns[c].values);
      targets.push_back(&all[c].value);
    }
  }
  if (!defined.empty()) {
    const auto intervals = bootstrap_ratios(defined, policy.bootstrap);
    for (std::size_t i = 0; i < targets.size(); ++i) targets[i]->ci = intervals[i];
  }
  for (auto& ne : all) {
    if (ne.name == "score") {
      s.score = std::move(ne.value);
    } else if (metric_k(ne.name, "pass@")) {
      s.pass_at_k.push_back(std::move(ne));
    } else if (metric_k(ne.name, "maj@")) {
      s.maj_at_k.push_back(std::move(ne));
    } else {
      s.metrics.push_back(std::move(ne));
    }
  }
  return s;
}

[[nodiscard]] inline std::vector<benchmark_summary> summarize(const accumulator_set& set, const aggregate_policy& policy) {
  std::vector<benchmark_summary> out;
  out.reserve(set.entries().size());
  for (const auto& [key, acc] : set.entries()) out.push_back(summarize(key.model, key.benchmark, acc, policy));
  return out;
}

}  // namespace aggregate
TRANSFERSCORE_END_NAMESPACE
