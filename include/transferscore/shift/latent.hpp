#pragma once
// Latent PCA shift, as the study's analyse_PCA_Shift.py computes it (paper.md §6): per layer
// i, a two-component PCA fitted on the base model's features only (not re-fitted for the
// fine-tune); projections feats . component without subtracting the PCA mean; then
//   m_i1, m_i2 = mean projection on PC1 / PC2 (base and fine-tuned alike),
//   shift_i = m_i1(tuned) - m_i1(base),
//   z_base = layer mean of (0, m_i2(base)),  z_tuned = layer mean of (shift_i, m_i2(tuned)),
//   d = |z_tuned - z_base|_2 .
// With `centred`, features are centred by the base PCA's mean before projecting (what
// scikit-learn's transform does): the base then sits at (0, 0) on every layer. The shift and
// d do not change (the mean cancels in both differences); only the plotted positions do.
//
// The study computed in float32 with scikit-learn's randomized solver (its input is wider
// than 500); here everything is double and the PCA exact, so results agree with the study's
// to float32 precision, and with scikit-learn in float64 (svd_solver="full") to rounding.

#include <transferscore/config.hpp>
#include <transferscore/aggregate/estimators.hpp>
#include <transferscore/aggregate/score_table.hpp>
#include <transferscore/aggregate/transfer.hpp>
#include <transferscore/core/error.hpp>
#include <transferscore/shift/features.hpp>
#include <transferscore/shift/groups.hpp>
#include <transferscore/shift/pca.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <string>
#include <utility>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace shift {

struct latent_options {
  sign_rule sign = sign_rule::components;
  bool centred = false;
};

struct latent_layer {
  std::size_t layer = 0;
  double base_pc1 = aggregate::not_a_number, base_pc2 = aggregate::not_a_number;    ///< mean projections
  double tuned_pc1 = aggregate::not_a_number, tuned_pc2 = aggregate::not_a_number;
  double shift = aggregate::not_a_number;  ///< tuned_pc1 - base_pc1
  std::array<double, 2> explained_variance_ratio{aggregate::not_a_number, aggregate::not_a_number};  ///< of the base PCA
  bool degenerate = false;  ///< PC1 and PC2 of the base have equal variance: components not unique
  std::string undefined;
};

struct latent_benchmark {
  std::string benchmark;
  std::string group;
  std::size_t layers = 0, samples = 0, hidden = 0;
  std::vector<latent_layer> per_layer;
  std::array<double, 2> z_base{aggregate::not_a_number, aggregate::not_a_number};   ///< (0, mean PC2) uncentred
  std::array<double, 2> z_tuned{aggregate::not_a_number, aggregate::not_a_number};  ///< (mean shift, mean PC2)
  double distance = aggregate::not_a_number;
  std::string undefined;
};

struct latent_group {
  std::string group;
  std::vector<std::string> benchmarks;  ///< with a defined distance
  double mean_distance = aggregate::not_a_number;
};

struct latent_pair {
  std::string model, base;
  std::vector<latent_benchmark> benchmarks;
  std::vector<latent_group> groups;
};

struct latent_result {
  latent_options options;
  aggregate::group_config groups;
  std::vector<latent_pair> pairs;
  std::vector<std::string> notes;
};

namespace detail {

// The base PCA of every layer of one (base, benchmark), fitted once for all its fine-tunes.
struct base_fit {
  std::size_t layers = 0, samples = 0, hidden = 0;
  std::vector<pca2> per_layer;
};

inline double dot_product(const std::vector<double>& a, const std::vector<double>& b) { return dot(a.data(), b.data(), a.size()); }

inline void column_means(const std::vector<double>& x, std::size_t n, std::size_t d, std::vector<double>& mean) {
  mean.assign(d, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < d; ++j) mean[j] += x[i * d + j];
  }
  for (auto& m : mean) m /= static_cast<double>(n);
}

}  // namespace detail

/// The latent shift of every pair on every benchmark both models have features for.
[[nodiscard]] inline latent_result latent_shift(const std::vector<feature_file>& files, const std::vector<aggregate::model_pair>& pairs,
                                                const aggregate::group_config& groups, const latent_options& options) {
  latent_result out;
  out.options = options;
  out.groups = groups;
  // Files per (model, benchmark), benchmarks in order of appearance.
  std::map<std::pair<std::string, std::string>, std::vector<const feature_file*>> by_key;
  std::vector<std::string> benchmarks;
  for (const auto& f : files) {
    by_key[{f.model, f.benchmark}].push_back(&f);
    if (std::find(benchmarks.begin(), benchmarks.end(), f.benchmark) == benchmarks.end()) benchmarks.push_back(f.benchmark);
  }
  std::map<std::pair<std::string, std::string>, detail::base_fit> fits;
  std::vector<double> x, tuned_mean;
  for (const auto& pair : pairs) {
    latent_pair lp{pair.model, pair.base, {}, {}};
    for (const auto& bench : benchmarks) {
      const auto tuned_files = by_key.find({pair.model, bench});
      const auto base_files = by_key.find({pair.base, bench});
      if (tuned_files == by_key.end() && base_files == by_key.end()) continue;
      if (tuned_files == by_key.end() || base_files == by_key.end()) {
        out.notes.push_back((tuned_files == by_key.end() ? pair.model : pair.base) + " has no features on " + bench + ": " +
                            pair.model + " vs " + pair.base + " is not computed there");
        continue;
      }
      auto fit_it = fits.find({pair.base, bench});
      if (fit_it == fits.end()) {
        layer_features base(base_files->second);
        detail::base_fit fit;
        fit.layers = base.layers();
        fit.samples = base.samples();
        fit.hidden = base.hidden();
        for (std::size_t l = 0; l < fit.layers; ++l) {
          base.read_layer(l, x);
          fit.per_layer.push_back(fit_pca2(x, fit.samples, fit.hidden, options.sign));
        }
        fit_it = fits.emplace(std::make_pair(pair.base, bench), std::move(fit)).first;
      }
      const detail::base_fit& fit = fit_it->second;
      layer_features tuned(tuned_files->second);
      if (tuned.layers() != fit.layers || tuned.samples() != fit.samples || tuned.hidden() != fit.hidden) {
        TRANSFERSCORE_THROW(io_error(pair.model + " on " + bench + " (" + tuned.describe() + "): " + std::to_string(tuned.layers()) +
                                     " layers x " + std::to_string(tuned.samples()) + " samples x " + std::to_string(tuned.hidden()) +
                                     ", but the base " + pair.base + " has " + std::to_string(fit.layers) + " x " +
                                     std::to_string(fit.samples) + " x " + std::to_string(fit.hidden) +
                                     ": both must encode the same samples with the same architecture"));
      }
      latent_benchmark lb;
      lb.benchmark = bench;
      if (auto g = group_of(groups, bench)) lb.group = groups.groups[*g].name;
      lb.layers = fit.layers;
      lb.samples = fit.samples;
      lb.hidden = fit.hidden;
      double sum_shift = 0.0, sum_base2 = 0.0, sum_tuned2 = 0.0;
      for (std::size_t l = 0; l < fit.layers; ++l) {
        const pca2& p = fit.per_layer[l];
        latent_layer layer;
        layer.layer = l;
        layer.degenerate = p.degenerate;
        if (!p.undefined.empty()) {
          layer.undefined = p.undefined;
          if (lb.undefined.empty()) lb.undefined = "layer " + std::to_string(l) + ": " + p.undefined;
          lb.per_layer.push_back(std::move(layer));
          continue;
        }
        tuned.read_layer(l, x);
        detail::column_means(x, fit.samples, fit.hidden, tuned_mean);
        // The mean of the projections is the projection of the mean.
        const double b1 = detail::dot_product(p.mean, p.components[0]), b2 = detail::dot_product(p.mean, p.components[1]);
        const double t1 = detail::dot_product(tuned_mean, p.components[0]), t2 = detail::dot_product(tuned_mean, p.components[1]);
        if (options.centred) {
          layer.base_pc1 = 0.0;
          layer.base_pc2 = 0.0;
          layer.tuned_pc1 = t1 - b1;
          layer.tuned_pc2 = t2 - b2;
        } else {
          layer.base_pc1 = b1;
          layer.base_pc2 = b2;
          layer.tuned_pc1 = t1;
          layer.tuned_pc2 = t2;
        }
        layer.shift = layer.tuned_pc1 - layer.base_pc1;
        for (std::size_t c = 0; c < 2; ++c) layer.explained_variance_ratio[c] = p.explained_variance[c] / p.total_variance;
        sum_shift += layer.shift;
        sum_base2 += layer.base_pc2;
        sum_tuned2 += layer.tuned_pc2;
        lb.per_layer.push_back(std::move(layer));
      }
      if (lb.undefined.empty() && fit.layers > 0) {
        const double L = static_cast<double>(fit.layers);
        lb.z_base = {0.0, sum_base2 / L};
        lb.z_tuned = {sum_shift / L, sum_tuned2 / L};
        lb.distance = std::hypot(lb.z_tuned[0] - lb.z_base[0], lb.z_tuned[1] - lb.z_base[1]);
      }
      lp.benchmarks.push_back(std::move(lb));
    }
    if (lp.benchmarks.empty()) out.notes.push_back(pair.model + " vs " + pair.base + ": no benchmark with features of both");
    for (std::size_t g = 0; g < groups.groups.size(); ++g) {
      latent_group lg;
      lg.group = groups.groups[g].name;
      double sum = 0.0;
      for (const auto& b : lp.benchmarks) {
        if (b.group == lg.group && !std::isnan(b.distance)) {
          lg.benchmarks.push_back(b.benchmark);
          sum += b.distance;
        }
      }
      if (lg.benchmarks.empty()) continue;
      lg.mean_distance = sum / static_cast<double>(lg.benchmarks.size());
      lp.groups.push_back(std::move(lg));
    }
    out.pairs.push_back(std::move(lp));
  }
  return out;
}

}  // namespace shift
TRANSFERSCORE_END_NAMESPACE
