#pragma once
// Groups of benchmarks, model pairs, and the Transferability Index (BRIEF §5, paper §3).
//
// For a model m with base b, on benchmark k of group g, scores R in percent:
//   v1: dR_g = mean_k (R_m,k - R_b,k) / R_b,k;         TI_g = dR_g / dR_source x 100
//   v2: d_k = R_m,k - R_b,k; z = d_k / sigma_g; s_k = sign(z) |z|^(1/2);
//       w_k = (100 - R_b,k) / sum_{u in g} (100 - R_b,u);  DI_g = sum_k w_k s_k;
//       TI_g = DI_g / DI_source x 100
// sigma_g is the standard deviation (population or sample) of the gains of group g, either of
// this pair alone (per-model) or pooled over every pair of the cohort (cohort: the study's
// printed indices are reproduced this way). An index that cannot be computed is reported as
// undefined with the reason (R_b = 0 in v1, sigma = 0, a source-group gain <= 0, a missing
// score), never as a number.
//
// Inputs: a score table (no intervals: published numbers carry no items), or accumulated
// verdicts, whose indices get percentile intervals from a paired item bootstrap: every
// replicate resamples the items of each benchmark once, the same items for every model, so
// model and base stay paired; with cohort sigma, sigma is recomputed in every replicate.
// Published scores are rounded: with transfer_policy::score_rounding, every index from a score
// table also gets a rounding band, its range over the box of scores the printed ones allow
// (rounding_band.hpp; see add_rounding_bands below).

#include <transferscore/config.hpp>
#include <transferscore/aggregate/accumulator.hpp>
#include <transferscore/aggregate/bootstrap.hpp>
#include <transferscore/aggregate/estimators.hpp>
#include <transferscore/aggregate/paired.hpp>
#include <transferscore/aggregate/rounding_band.hpp>
#include <transferscore/aggregate/score_table.hpp>
#include <transferscore/aggregate/summary.hpp>
#include <transferscore/core/error.hpp>
#include <transferscore/core/json.hpp>
#include <transferscore/io/json_parse.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace aggregate {

struct benchmark_group {
  std::string name;
  std::vector<std::string> benchmarks;
};

/// Groups of benchmarks and the source group (the one fine-tuning targeted).
struct group_config {
  std::string source;
  std::vector<benchmark_group> groups;

  [[nodiscard]] std::size_t source_index() const {
    for (std::size_t g = 0; g < groups.size(); ++g) {
      if (groups[g].name == source) return g;
    }
    return groups.size();
  }
  /// Every benchmark, group by group.
  [[nodiscard]] std::vector<std::string> benchmarks() const {
    std::vector<std::string> out;
    for (const auto& g : groups) out.insert(out.end(), g.benchmarks.begin(), g.benchmarks.end());
    return out;
  }
  /// The groups whose transfer is measured: all but the source, in order.
  [[nodiscard]] std::vector<std::size_t> targets() const {
    std::vector<std::size_t> out;
    for (std::size_t g = 0; g < groups.size(); ++g) {
      if (groups[g].name != source) out.push_back(g);
    }
    return out;
  }
  /// Throws config_error when the configuration cannot be used.
  void validate() const {
    if (groups.empty()) TRANSFERSCORE_THROW(config_error("groups: no group"));
    if (source_index() == groups.size()) TRANSFERSCORE_THROW(config_error("groups: the source group '" + source + "' is not defined"));
    std::vector<std::string> seen;
    for (const auto& g : groups) {
      if (g.benchmarks.empty()) TRANSFERSCORE_THROW(config_error("groups: group '" + g.name + "' has no benchmark"));
      for (const auto& b : g.benchmarks) {
        if (std::find(seen.begin(), seen.end(), b) != seen.end()) {
          TRANSFERSCORE_THROW(config_error("groups: benchmark '" + b + "' is in two groups"));
        }
        seen.push_back(b);
      }
    }
  }
};

/// The study's three groups: math (the source), other reasoning, non-reasoning.
[[nodiscard]] inline group_config default_groups() {
  return {"math",
          {{"math", {"math500", "aime24", "aime25", "olympiadbench"}},
           {"other", {"gpqa_diamond", "livecodebench", "acpbench", "headqa"}},
           {"non", {"coqa", "ifeval", "halueval", "mc_taco"}}}};
}

/// Parses {"source": "math", "groups": {"math": ["math500", ...], ...}}; group order is kept.
[[nodiscard]] inline group_config parse_groups(std::string_view text, std::string_view name) {
  json doc;
  if (auto err = io::parse_json(text, doc)) {
    TRANSFERSCORE_THROW(config_error(std::string(name) + ": invalid JSON" + (err.path.empty() ? "" : " at " + err.path) + ": " + err.message));
  }
  auto fail = [&](const std::string& what) { TRANSFERSCORE_THROW(config_error(std::string(name) + ": " + what)); };
  const json* source = doc.find("source");
  const json* groups = doc.find("groups");
  if (source == nullptr || !source->is_string()) fail("\"source\" must name the source group");
  if (groups == nullptr || !groups->is_object()) fail("\"groups\" must be an object of benchmark lists");
  group_config out;
  out.source = *source->if_string();
  for (const auto& [g, list] : *groups->if_object()) {
    if (!list.is_array()) fail("group '" + g + "' must be a list of benchmark names");
    benchmark_group group{g, {}};
    for (const auto& b : *list.if_array()) {
      if (!b.is_string()) fail("group '" + g + "' must be a list of benchmark names");
      group.benchmarks.push_back(*b.if_string());
    }
    out.groups.push_back(std::move(group));
  }
  out.validate();
  return out;
}

[[nodiscard]] inline group_config read_groups(const std::string& path) { return parse_groups(read_text_file(path), path); }

enum class ti_formula : unsigned char { v1, v2 };
enum class sigma_mode : unsigned char { per_model, cohort };

[[nodiscard]] constexpr std::string_view to_string(ti_formula f) noexcept { return f == ti_formula::v1 ? "v1" : "v2"; }
[[nodiscard]] constexpr std::string_view to_string(sigma_mode s) noexcept {
  return s == sigma_mode::per_model ? "per-model" : "cohort";
}

struct transfer_policy {
  ti_formula formula = ti_formula::v2;
  sigma_mode sigma = sigma_mode::cohort;
  std_kind deviation = std_kind::population;
  std::string metric = "score";  ///< with verdicts: which metric is R ("score", "pass@k", "maj@k", a contributed one)
  /// Score tables only: the step the scores were rounded to (0.1 when printed with one decimal:
  /// each is known to +-0.05). Above 0, every gain and index gets a rounding band. 0: off.
  double score_rounding = 0.0;
  aggregate_policy scoring;      ///< with verdicts: status policy, averaging, bootstrap
};

/// Scores in percent of every pair on every benchmark (group order); NaN when missing.
struct score_grid {
  std::vector<std::vector<double>> model;  ///< [pair][benchmark]
  std::vector<std::vector<double>> base;
};

/// Indices of every pair and group, computed from one grid.
struct index_grid {
  std::vector<std::vector<double>> index;          ///< [pair][group]: DI_g (v2) or dR_g (v1)
  std::vector<std::vector<double>> sigma;          ///< [pair][group]: the sigma used (v2)
  std::vector<std::vector<double>> ti;             ///< [pair][group]: NaN for the source and when undefined
  std::vector<std::vector<std::string>> undefined; ///< [pair][group]: reason, empty when defined
  std::vector<double> cohort_sigma;                ///< [group]: pooled sigma (v2 cohort), else NaN
};

namespace detail {
inline std::string number_text(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", v);
  return buffer;
}
}  // namespace detail

/// Computes every index from a grid of scores. The core of both input paths and of each
/// bootstrap replicate.
[[nodiscard]] inline index_grid compute_indices(const group_config& groups, const std::vector<std::string>& benchmarks,
                                                const std::vector<model_pair>& pairs, const score_grid& grid,
                                                const transfer_policy& policy, bool explain = true,
                                                const std::vector<std::vector<std::string>>* missing_reasons = nullptr) {
  const std::size_t n_groups = groups.groups.size();
  const std::size_t n_pairs = pairs.size();
  index_grid out;
  out.index.assign(n_pairs, std::vector<double>(n_groups, not_a_number));
  out.sigma = out.index;
  out.ti = out.index;
  out.undefined.assign(n_pairs, std::vector<std::string>(n_groups));
  out.cohort_sigma.assign(n_groups, not_a_number);

  // Position of each group's benchmarks in the grid.
  std::vector<std::vector<std::size_t>> columns(n_groups);
  for (std::size_t g = 0; g < n_groups; ++g) {
    for (const auto& b : groups.groups[g].benchmarks) {
      columns[g].push_back(static_cast<std::size_t>(std::find(benchmarks.begin(), benchmarks.end(), b) - benchmarks.begin()));
    }
  }
  auto why = [&](std::size_t p, std::size_t g, auto&& make) {
    if (out.undefined[p][g].empty()) out.undefined[p][g] = explain ? make() : std::string("undefined");
  };

  if (policy.formula == ti_formula::v2 && policy.sigma == sigma_mode::cohort) {
    std::vector<double> gains;
    for (std::size_t g = 0; g < n_groups; ++g) {
      gains.clear();
      for (std::size_t p = 0; p < n_pairs; ++p) {
        for (auto k : columns[g]) {
          const double d = grid.model[p][k] - grid.base[p][k];
          if (!std::isnan(d)) gains.push_back(d);
        }
      }
      out.cohort_sigma[g] = standard_deviation(gains, policy.deviation);
    }
  }

  std::vector<double> d;
  for (std::size_t p = 0; p < n_pairs; ++p) {
    for (std::size_t g = 0; g < n_groups; ++g) {
      const auto& cols = columns[g];
      bool missing = false;
      for (std::size_t c = 0; c < cols.size() && !missing; ++c) {
        const auto k = cols[c];
        const bool no_model = std::isnan(grid.model[p][k]), no_base = std::isnan(grid.base[p][k]);
        if (no_model || no_base) {
          missing = true;
          why(p, g, [&] {
            if (missing_reasons != nullptr && !(*missing_reasons)[p][k].empty()) return (*missing_reasons)[p][k];
            return "no score for " + (no_model ? pairs[p].model : pairs[p].base) + " on " + groups.groups[g].benchmarks[c];
          });
        }
      }
      if (missing) continue;
      if (policy.formula == ti_formula::v1) {
        double sum = 0.0;
        bool zero_base = false;
        for (std::size_t c = 0; c < cols.size(); ++c) {
          const double b = grid.base[p][cols[c]];
          if (b == 0.0) {
            zero_base = true;
            why(p, g, [&] { return "R_base = 0 on " + groups.groups[g].benchmarks[c] + " (v1 divides by the base score)"; });
            break;
          }
          sum += (grid.model[p][cols[c]] - b) / b;
        }
        if (!zero_base) out.index[p][g] = sum / static_cast<double>(cols.size());
        continue;
      }
      d.clear();
      for (auto k : cols) d.push_back(grid.model[p][k] - grid.base[p][k]);
      const double sigma = policy.sigma == sigma_mode::cohort ? out.cohort_sigma[g] : standard_deviation(d, policy.deviation);
      out.sigma[p][g] = sigma;
      if (std::isnan(sigma)) {
        why(p, g, [&] { return "sigma_" + groups.groups[g].name + " is undefined (too few gains for a " + std::string(to_string(policy.deviation)) + " standard deviation)"; });
        continue;
      }
      if (!(sigma > 0.0)) {
        why(p, g, [&] { return "sigma_" + groups.groups[g].name + " = 0 (all gains equal)"; });
        continue;
      }
      double weight_sum = 0.0;
      for (auto k : cols) weight_sum += 100.0 - grid.base[p][k];
      if (!(weight_sum > 0.0)) {
        why(p, g, [&] { return std::string("the weights 100 - R_base sum to ") + detail::number_text(weight_sum); });
        continue;
      }
      double di = 0.0;
      for (std::size_t c = 0; c < cols.size(); ++c) {
        const double z = d[c] / sigma;
        const double s = z < 0 ? -std::sqrt(-z) : std::sqrt(z);
        di += (100.0 - grid.base[p][cols[c]]) / weight_sum * s;
      }
      out.index[p][g] = di;
    }
    const std::size_t src = groups.source_index();
    for (std::size_t g = 0; g < n_groups; ++g) {
      if (g == src) continue;
      if (!out.undefined[p][src].empty()) {
        why(p, g, [&] { return "source group " + groups.source + ": " + out.undefined[p][src]; });
        continue;
      }
      if (!(out.index[p][src] > 0.0)) {
        why(p, g, [&] {
          return "source-group gain <= 0 (" + std::string(policy.formula == ti_formula::v1 ? "dR_" : "DI_") + groups.source +
                 " = " + detail::number_text(out.index[p][src]) + ")";
        });
        continue;
      }
      if (!out.undefined[p][g].empty()) continue;
      out.ti[p][g] = out.index[p][g] / out.index[p][src] * 100.0;
    }
  }
  return out;
}

struct benchmark_gain {
  std::string benchmark;
  std::string group;
  double model = not_a_number;     ///< percent
  double base = not_a_number;      ///< percent
  double gain = not_a_number;      ///< points: model - base
  double relative = not_a_number;  ///< (model - base) / base; NaN when base = 0
  double gain_se = not_a_number;   ///< paired standard error (verdicts only)
  interval model_ci, base_ci, gain_ci, relative_ci;
  rounding_band gain_band, relative_band;  ///< score tables with score_rounding > 0
  std::size_t shared_items = 0;  ///< verdicts only
  mcnemar_result mcnemar;        ///< verdicts only
};

struct group_index {
  std::string group;
  double model_mean = not_a_number;  ///< mean of the group's scores (percent), as the study's "Avg"
  double base_mean = not_a_number;
  double sigma = not_a_number;  ///< v2: the sigma used
  double index = not_a_number;  ///< DI_g (v2) or dR_g (v1)
  double ti = not_a_number;     ///< NaN for the source group and when undefined
  std::string undefined;        ///< why the index (or TI) is undefined
  interval model_mean_ci, base_mean_ci, index_ci, ti_ci;
  rounding_band index_band, ti_band;  ///< score tables with score_rounding > 0
};

struct pair_transfer {
  std::string model;
  std::string base;
  std::vector<benchmark_gain> gains;  ///< every benchmark, group order
  std::vector<group_index> groups;    ///< every group, config order
};

struct transfer_result {
  transfer_policy policy;
  group_config groups;
  std::string input;           ///< "score-table" or "verdicts"
  bool intervals = false;
  std::string intervals_note;  ///< how intervals were obtained, or why there are none
  bool rounding_bands = false;  ///< score_rounding > 0 (score tables only)
  std::string rounding_note;    ///< what the rounding bands are, when there are
  std::vector<double> cohort_sigma;  ///< per group; NaN unless v2 with cohort sigma
  std::vector<interval> cohort_sigma_ci;
  std::vector<pair_transfer> pairs;
};

namespace detail {

inline double group_mean(const std::vector<double>& row, const std::vector<std::size_t>& cols) {
  double s = 0.0;
  for (auto k : cols) s += row[k];
  return s / static_cast<double>(cols.size());
}

inline transfer_result assemble(const group_config& groups, const std::vector<std::string>& benchmarks,
                                const std::vector<model_pair>& pairs, const score_grid& grid, const transfer_policy& policy,
                                const std::vector<std::vector<std::string>>* missing = nullptr) {
  transfer_result out;
  out.policy = policy;
  out.groups = groups;
  const index_grid idx = compute_indices(groups, benchmarks, pairs, grid, policy, true, missing);
  out.cohort_sigma = idx.cohort_sigma;
  out.cohort_sigma_ci.assign(groups.groups.size(), interval{});
  for (std::size_t p = 0; p < pairs.size(); ++p) {
    pair_transfer pt{pairs[p].model, pairs[p].base, {}, {}};
    std::size_t k = 0;
    for (const auto& g : groups.groups) {
      std::vector<std::size_t> cols;
      for (const auto& b : g.benchmarks) {
        benchmark_gain bg;
        bg.benchmark = b;
        bg.group = g.name;
        bg.model = grid.model[p][k];
        bg.base = grid.base[p][k];
        bg.gain = bg.model - bg.base;
        bg.relative = bg.base != 0.0 ? bg.gain / bg.base : not_a_number;
        pt.gains.push_back(std::move(bg));
        cols.push_back(k++);
      }
      group_index gi;
      gi.group = g.name;
      gi.model_mean = group_mean(grid.model[p], cols);
      gi.base_mean = group_mean(grid.base[p], cols);
      pt.groups.push_back(std::move(gi));
    }
    for (std::size_t g = 0; g < groups.groups.size(); ++g) {
      pt.groups[g].sigma = idx.sigma[p][g];
      pt.groups[g].index = idx.index[p][g];
      pt.groups[g].ti = idx.ti[p][g];
      pt.groups[g].undefined = idx.undefined[p][g];
    }
    out.pairs.push_back(std::move(pt));
  }
  return out;
}

}  // namespace detail

namespace detail {

/// A score's rounding interval [v - half, v + half], kept within [0, 100] (scores are percent).
inline void rounding_limits(double v, double half, double& low, double& high) {
  low = v - half;
  high = v + half;
  if (v >= 0.0) low = std::max(low, 0.0);
  if (v <= 100.0) high = std::min(high, 100.0);
}

/// The rounding bands of every gain, relative gain, group index (DI or dR) and TI. The inputs
/// are the distinct scores of the table that enter the grid: a base shared by several pairs is
/// one score and moves as one, and in cohort sigma mode every pair's scores enter every pair's
/// index through the pooled sigma. Group indices get their band from box_extremes (the whole
/// grid recomputed, sigma included, once per perturbed score and once per corner). TI_g =
/// index_g / index_source x 100 rests on two disjoint sets of scores (groups share no
/// benchmark, and sigma_g pools group g only), so the two indices move independently over the
/// box and TI's range is the range of the ratio over the rectangle of their bands: exact
/// whenever their bands are, also when index_g can change sign.
inline void add_rounding_bands(transfer_result& out, const group_config& groups, const std::vector<std::string>& benchmarks,
                               const std::vector<model_pair>& pairs, const score_grid& grid, const transfer_policy& policy) {
  const double step = policy.score_rounding, half = step / 2;
  const std::size_t n_pairs = pairs.size(), n_bench = benchmarks.size(), n_groups = groups.groups.size();
  struct use {
    std::size_t input, pair, bench;
    bool base;
  };
  std::map<std::pair<std::string_view, std::size_t>, std::size_t> input_of;
  std::vector<use> uses;
  input_box box;
  auto add = [&](std::string_view name, std::size_t p, std::size_t k, bool base) {
    const double v = base ? grid.base[p][k] : grid.model[p][k];
    if (std::isnan(v)) return;
    const auto [it, fresh] = input_of.try_emplace({name, k}, box.point.size());
    if (fresh) {
      double low = 0, high = 0;
      rounding_limits(v, half, low, high);
      box.point.push_back(v);
      box.low.push_back(low);
      box.high.push_back(high);
    }
    uses.push_back({it->second, p, k, base});
  };
  for (std::size_t p = 0; p < n_pairs; ++p) {
    for (std::size_t k = 0; k < n_bench; ++k) {
      add(pairs[p].model, p, k, false);
      add(pairs[p].base, p, k, true);
    }
  }
  score_grid moved = grid;
  auto evaluate = [&](const std::vector<double>& x, std::vector<double>& values) {
    for (const auto& u : uses) (u.base ? moved.base : moved.model)[u.pair][u.bench] = x[u.input];
    const index_grid idx = compute_indices(groups, benchmarks, pairs, moved, policy, false);
    values.resize(n_pairs * n_groups);
    for (std::size_t p = 0; p < n_pairs; ++p) {
      for (std::size_t g = 0; g < n_groups; ++g) values[p * n_groups + g] = idx.index[p][g];
    }
  };
  // The difference step: far inside the box, far above the rounding error of the scores.
  const double h = std::max(half * 1e-3, 1e-9);
  const auto bands = box_extremes(box, h, evaluate);

  const std::size_t src = groups.source_index();
  const std::string index_name = policy.formula == ti_formula::v1 ? "dR_" : "DI_";
  for (std::size_t p = 0; p < n_pairs; ++p) {
    pair_transfer& pt = out.pairs[p];
    for (std::size_t k = 0; k < n_bench; ++k) {
      benchmark_gain& bg = pt.gains[k];
      if (std::isnan(bg.model) || std::isnan(bg.base)) continue;
      double m_lo = 0, m_hi = 0, b_lo = 0, b_hi = 0;
      rounding_limits(bg.model, half, m_lo, m_hi);
      rounding_limits(bg.base, half, b_lo, b_hi);
      bg.gain_band.low = m_lo - b_hi;
      bg.gain_band.high = m_hi - b_lo;
      if (std::isnan(bg.relative)) continue;
      if (!(b_lo > 0.0)) {
        bg.relative_band.undefined = "the base score can reach 0 within the rounding box";
        continue;
      }
      // m / b - 1 is monotone in m and, for m of either sign, in b > 0: the extremes are corners.
      const double corners[] = {m_lo / b_lo - 1, m_lo / b_hi - 1, m_hi / b_lo - 1, m_hi / b_hi - 1};
      bg.relative_band.low = *std::min_element(std::begin(corners), std::end(corners));
      bg.relative_band.high = *std::max_element(std::begin(corners), std::end(corners));
    }
    for (std::size_t g = 0; g < n_groups; ++g) {
      group_index& gi = pt.groups[g];
      if (std::isnan(gi.index)) continue;
      gi.index_band = bands[p * n_groups + g];
      if (!gi.index_band.available()) {
        gi.index_band.undefined = index_name + groups.groups[g].name + " is undefined at a corner of the rounding box";
      }
    }
    for (std::size_t g = 0; g < n_groups; ++g) {
      group_index& gi = pt.groups[g];
      if (g == src || std::isnan(gi.ti)) continue;
      const rounding_band& a = gi.index_band;
      const rounding_band& b = pt.groups[src].index_band;
      if (!a.available() || !b.available()) {
        gi.ti_band.undefined = !b.available() ? b.undefined : a.undefined;
        continue;
      }
      if (!(b.low > 0.0)) {
        gi.ti_band.undefined = index_name + groups.source + " can reach " + number_text(b.low) +
                               " within the rounding box (band [" + number_text(b.low) + ", " + number_text(b.high) +
                               "]): TI is unbounded there";
        continue;
      }
      const double corners[] = {a.low / b.low, a.low / b.high, a.high / b.low, a.high / b.high};
      gi.ti_band.low = 100.0 * *std::min_element(std::begin(corners), std::end(corners));
      gi.ti_band.high = 100.0 * *std::max_element(std::begin(corners), std::end(corners));
    }
  }
  out.rounding_bands = true;
  out.rounding_note = "rounding band: every score of the table lies within +-" + number_text(half) + " of its value (rounding step " +
                      number_text(step) +
                      "), within [0, 100]; each band is the range of the value over that box (corners picked by the signs "
                      "of its partial derivatives" +
                      (policy.formula == ti_formula::v2 && policy.sigma == sigma_mode::cohort ? ", cohort sigma recomputed at each corner" : "") +
                      "), not a confidence interval";
}

}  // namespace detail

/// Transfer from a table of published scores (percent). No intervals: there are no items. With
/// policy.score_rounding > 0, rounding bands for every gain and index instead.
[[nodiscard]] inline transfer_result transfer_from_table(const score_table& table, const std::vector<model_pair>& pairs,
                                                         const group_config& groups, const transfer_policy& policy) {
  groups.validate();
  if (!(policy.score_rounding >= 0.0) || !std::isfinite(policy.score_rounding)) {
    TRANSFERSCORE_THROW(config_error("score rounding must be a finite step >= 0 (0.1: scores printed with one decimal), not " +
                                     detail::number_text(policy.score_rounding)));
  }
  const auto benchmarks = groups.benchmarks();
  score_grid grid;
  for (const auto& pair : pairs) {
    std::vector<double> m, b;
    for (const auto& bench : benchmarks) {
      const double* vm = table.find(pair.model, bench);
      const double* vb = table.find(pair.base, bench);
      m.push_back(vm != nullptr ? *vm : not_a_number);
      b.push_back(vb != nullptr ? *vb : not_a_number);
    }
    grid.model.push_back(std::move(m));
    grid.base.push_back(std::move(b));
  }
  transfer_result out = detail::assemble(groups, benchmarks, pairs, grid, policy);
  out.input = "score-table";
  out.intervals = false;
  out.intervals_note = "none: the input is a table of scores without items; intervals need verdicts (a paired item bootstrap)";
  if (policy.score_rounding > 0.0) detail::add_rounding_bands(out, groups, benchmarks, pairs, grid, policy);
  return out;
}

/// Transfer from accumulated verdicts, with paired item-bootstrap intervals for every score,
/// gain, group mean and index when policy.scoring.bootstrap.replicates > 0.
[[nodiscard]] inline transfer_result transfer_from_verdicts(const accumulator_set& set, const std::vector<model_pair>& pairs,
                                                            const group_config& groups, const transfer_policy& policy) {
  groups.validate();
  if (policy.score_rounding != 0.0) {
    TRANSFERSCORE_THROW(config_error("score rounding applies to tables of published (rounded) scores; verdicts carry their items "
                                     "and get paired bootstrap intervals instead"));
  }
  const auto benchmarks = groups.benchmarks();
  const std::size_t n_bench = benchmarks.size(), n_pairs = pairs.size();
  const std::string extra[] = {policy.metric};

  // Columns of every model that takes part, per benchmark.
  std::map<std::string, std::vector<item_columns>, std::less<>> columns;
  std::map<std::string, std::vector<std::string>, std::less<>> column_errors;
  auto load = [&](const std::string& model) {
    if (columns.count(model) != 0) return;
    std::vector<item_columns> per_bench(n_bench);
    std::vector<std::string> errors(n_bench);
    for (std::size_t k = 0; k < n_bench; ++k) {
      const benchmark_accumulator* acc = set.find(model, benchmarks[k]);
      if (acc == nullptr) {
        errors[k] = "no verdicts of " + model + " on " + benchmarks[k];
        continue;
      }
      per_bench[k] = build_columns(*acc, policy.scoring, extra);
      const metric_column* c = per_bench[k].find(policy.metric);
      if (c == nullptr) errors[k] = "no metric '" + policy.metric + "' for " + model + " on " + benchmarks[k];
      else if (!c->undefined.empty()) errors[k] = policy.metric + " of " + model + " on " + benchmarks[k] + ": " + c->undefined;
    }
    columns.emplace(model, std::move(per_bench));
    column_errors.emplace(model, std::move(errors));
  };
  for (const auto& p : pairs) {
    load(p.model);
    load(p.base);
  }

  // Per benchmark: the union of item keys over every model, and each model's rows in it.
  std::vector<std::vector<std::string_view>> universe(n_bench);
  for (std::size_t k = 0; k < n_bench; ++k) {
    std::vector<std::string_view> all;
    for (const auto& [model, per_bench] : columns) {
      if (column_errors[model][k].empty()) all.insert(all.end(), per_bench[k].keys.begin(), per_bench[k].keys.end());
    }
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    universe[k] = std::move(all);
  }

  // Per pair and benchmark: the shared items (positions in the universe) and both columns on them.
  struct aligned {
    std::vector<std::uint32_t> at;  // universe position
    ratio_column model, base;
    std::vector<std::int8_t> model_outcome, base_outcome;
    bool usable = false;
  };
  std::vector<std::vector<aligned>> data(n_pairs, std::vector<aligned>(n_bench));
  score_grid grid;
  grid.model.assign(n_pairs, std::vector<double>(n_bench, not_a_number));
  grid.base = grid.model;
  std::vector<std::vector<std::string>> missing(n_pairs, std::vector<std::string>(n_bench));
  for (std::size_t p = 0; p < n_pairs; ++p) {
    for (std::size_t k = 0; k < n_bench; ++k) {
      const std::string& em = column_errors[pairs[p].model][k];
      const std::string& eb = column_errors[pairs[p].base][k];
      if (!em.empty() || !eb.empty()) {
        missing[p][k] = !em.empty() ? em : eb;
        continue;
      }
      const item_columns& cm = columns[pairs[p].model][k];
      const item_columns& cb = columns[pairs[p].base][k];
      std::vector<std::uint32_t> im, ib;
      shared_items(cm, cb, im, ib);
      if (im.empty()) {
        missing[p][k] = pairs[p].model + " and " + pairs[p].base + " share no item on " + benchmarks[k];
        continue;
      }
      aligned& a = data[p][k];
      const metric_column* mm = cm.find(policy.metric);
      const metric_column* mb = cb.find(policy.metric);
      for (std::size_t i = 0; i < im.size(); ++i) {
        const std::string_view key = cm.keys[im[i]];
        a.at.push_back(static_cast<std::uint32_t>(std::lower_bound(universe[k].begin(), universe[k].end(), key) - universe[k].begin()));
        a.model.num.push_back(mm->values.num[im[i]]);
        a.model.den.push_back(mm->values.den[im[i]]);
        a.base.num.push_back(mb->values.num[ib[i]]);
        a.base.den.push_back(mb->values.den[ib[i]]);
        a.model_outcome.push_back(cm.outcomes[im[i]]);
        a.base_outcome.push_back(cb.outcomes[ib[i]]);
      }
      a.usable = true;
      grid.model[p][k] = 100.0 * a.model.value();
      grid.base[p][k] = 100.0 * a.base.value();
    }
  }

  transfer_result out = detail::assemble(groups, benchmarks, pairs, grid, policy, &missing);
  out.input = "verdicts";
  for (std::size_t p = 0; p < n_pairs; ++p) {
    for (std::size_t k = 0; k < n_bench; ++k) {
      const aligned& a = data[p][k];
      benchmark_gain& bg = out.pairs[p].gains[k];
      bg.shared_items = a.at.size();
      if (!a.usable) continue;
      const auto em = ratio_residuals(a.model), eb = ratio_residuals(a.base);
      std::vector<double> ed(em.size());
      for (std::size_t i = 0; i < em.size(); ++i) ed[i] = 100.0 * (em[i] - eb[i]);
      bg.gain_se = residual_standard_error(ed);
      bg.mcnemar = mcnemar(a.model_outcome, a.base_outcome);
    }
  }

  const auto& boot = policy.scoring.bootstrap;
  if (boot.replicates == 0) {
    out.intervals = false;
    out.intervals_note = "none: bootstrap switched off (0 replicates)";
    return out;
  }
  const std::size_t n_groups = groups.groups.size();
  const std::size_t R = boot.replicates;
  // values[slot][replicate]; slots: per pair (bench: model, base, gain, relative; group: model mean,
  // base mean, index, ti), then cohort sigma per group.
  const std::size_t per_pair = 4 * n_bench + 4 * n_groups;
  std::vector<std::vector<double>> values(n_pairs * per_pair + n_groups, std::vector<double>(R, not_a_number));
  const std::size_t workers = std::max<std::size_t>(1, std::min(boot.threads, R));
  std::vector<std::vector<std::vector<std::uint32_t>>> counts(workers, std::vector<std::vector<std::uint32_t>>(n_bench));
  for (auto& w : counts) {
    for (std::size_t k = 0; k < n_bench; ++k) w[k].resize(universe[k].size());
  }
  std::vector<score_grid> grids(workers, grid);
  std::vector<std::vector<std::size_t>> group_cols(n_groups);
  {
    std::size_t k = 0;
    for (std::size_t g = 0; g < n_groups; ++g) {
      for (std::size_t b = 0; b < groups.groups[g].benchmarks.size(); ++b) group_cols[g].push_back(k++);
    }
  }
  for_each_replicate(boot, [&](std::size_t r, xoshiro256& rng, std::size_t w) {
    for (std::size_t k = 0; k < n_bench; ++k) resample_counts(rng, counts[w][k]);
    score_grid& gr = grids[w];
    for (std::size_t p = 0; p < n_pairs; ++p) {
      for (std::size_t k = 0; k < n_bench; ++k) {
        const aligned& a = data[p][k];
        if (!a.usable) continue;
        double mn = 0, md = 0, bn = 0, bd = 0;
        const auto& c = counts[w][k];
        for (std::size_t i = 0; i < a.at.size(); ++i) {
          const double weight = c[a.at[i]];
          if (weight == 0.0) continue;
          mn += weight * a.model.num[i];
          md += weight * a.model.den[i];
          bn += weight * a.base.num[i];
          bd += weight * a.base.den[i];
        }
        gr.model[p][k] = md > 0 ? 100.0 * mn / md : not_a_number;
        gr.base[p][k] = bd > 0 ? 100.0 * bn / bd : not_a_number;
      }
    }
    const index_grid idx = compute_indices(groups, benchmarks, pairs, gr, policy, false);
    for (std::size_t p = 0; p < n_pairs; ++p) {
      const std::size_t base_slot = p * per_pair;
      for (std::size_t k = 0; k < n_bench; ++k) {
        const double m = gr.model[p][k], b = gr.base[p][k];
        values[base_slot + 4 * k][r] = m;
        values[base_slot + 4 * k + 1][r] = b;
        values[base_slot + 4 * k + 2][r] = m - b;
        values[base_slot + 4 * k + 3][r] = b != 0.0 ? (m - b) / b : not_a_number;
      }
      for (std::size_t g = 0; g < n_groups; ++g) {
        const std::size_t s = base_slot + 4 * n_bench + 4 * g;
        values[s][r] = detail::group_mean(gr.model[p], group_cols[g]);
        values[s + 1][r] = detail::group_mean(gr.base[p], group_cols[g]);
        values[s + 2][r] = idx.index[p][g];
        values[s + 3][r] = idx.ti[p][g];
      }
    }
    for (std::size_t g = 0; g < n_groups; ++g) values[n_pairs * per_pair + g][r] = idx.cohort_sigma[g];
  });
  auto ci = [&](std::size_t slot) { return percentile_interval(std::move(values[slot]), boot.confidence); };
  for (std::size_t p = 0; p < n_pairs; ++p) {
    const std::size_t base_slot = p * per_pair;
    for (std::size_t k = 0; k < n_bench; ++k) {
      benchmark_gain& bg = out.pairs[p].gains[k];
      if (!data[p][k].usable) continue;
      bg.model_ci = ci(base_slot + 4 * k);
      bg.base_ci = ci(base_slot + 4 * k + 1);
      bg.gain_ci = ci(base_slot + 4 * k + 2);
      bg.relative_ci = ci(base_slot + 4 * k + 3);
    }
    for (std::size_t g = 0; g < n_groups; ++g) {
      group_index& gi = out.pairs[p].groups[g];
      const std::size_t s = base_slot + 4 * n_bench + 4 * g;
      gi.model_mean_ci = ci(s);
      gi.base_mean_ci = ci(s + 1);
      gi.index_ci = ci(s + 2);
      if (g != groups.source_index()) gi.ti_ci = ci(s + 3);
    }
  }
  for (std::size_t g = 0; g < n_groups; ++g) out.cohort_sigma_ci[g] = ci(n_pairs * per_pair + g);
  out.intervals = true;
  out.intervals_note = "paired item bootstrap: " + std::to_string(R) + " replicates, seed " + std::to_string(boot.seed) +
                       ", items resampled within each benchmark, the same items for model and base" +
                       (policy.formula == ti_formula::v2 && policy.sigma == sigma_mode::cohort
                            ? ", cohort sigma recomputed in every replicate"
                            : "");
  return out;
}

}  // namespace aggregate
TRANSFERSCORE_END_NAMESPACE
