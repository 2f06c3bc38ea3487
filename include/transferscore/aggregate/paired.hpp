#pragma once
// A model against its base on the items both have: the difference and the relative gain
// with paired standard errors and a paired bootstrap (the same resampled items for both),
// and McNemar's test when each item has one binary outcome per model.

#include <transferscore/config.hpp>
#include <transferscore/aggregate/bootstrap.hpp>
#include <transferscore/aggregate/estimators.hpp>
#include <transferscore/aggregate/summary.hpp>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace aggregate {

struct mcnemar_result {
  bool applicable = false;
  std::string reason;  ///< why not, when not applicable
  std::uint64_t both = 0, model_only = 0, base_only = 0, neither = 0;
  double statistic = not_a_number;  ///< chi-square (continuity-corrected) when that method is used
  double p_value = not_a_number;
  std::string method;  ///< "exact-binomial" or "chi-square-continuity-corrected"
};

/// McNemar's test on paired binary outcomes (1 correct, 0 wrong; -1 marks an item without a
/// single binary outcome, which makes the test inapplicable). With fewer than
/// `exact_below` discordant pairs the two-sided exact binomial test is used, otherwise the
/// continuity-corrected chi-square statistic (|b - c| - 1)^2 / (b + c).
[[nodiscard]] inline mcnemar_result mcnemar(std::span<const std::int8_t> model, std::span<const std::int8_t> base,
                                            std::uint64_t exact_below = 25) {
  mcnemar_result r;
  if (model.size() != base.size() || model.empty()) {
    r.reason = "no shared items";
    return r;
  }
  for (std::size_t i = 0; i < model.size(); ++i) {
    if (model[i] < 0 || base[i] < 0) {
      r.reason = "needs one binary outcome per item and model (items have several samples)";
      return r;
    }
    if (model[i] && base[i]) ++r.both;
    else if (model[i]) ++r.model_only;
    else if (base[i]) ++r.base_only;
    else ++r.neither;
  }
  r.applicable = true;
  const std::uint64_t discordant = r.model_only + r.base_only;
  if (discordant < exact_below) {
    r.method = "exact-binomial";
    r.p_value = binomial_two_sided_p(r.model_only, discordant);
  } else {
    r.method = "chi-square-continuity-corrected";
    const double diff = std::fabs(static_cast<double>(r.model_only) - static_cast<double>(r.base_only)) - 1.0;
    r.statistic = diff > 0 ? diff * diff / static_cast<double>(discordant) : 0.0;
    r.p_value = chi_square_1df_p(r.statistic);
  }
  return r;
}

/// Linearised residuals of a ratio estimator R = sum(num) / sum(den): e_i = (num_i - R den_i) / mean(den).
/// The standard error of R is sqrt(sum e^2 / (n (n - 1))); of a difference of two ratios on the
/// same items, the same with e = e_model - e_base (the pairing is what makes it small).
[[nodiscard]] inline std::vector<double> ratio_residuals(const ratio_column& c) {
  const std::size_t n = c.num.size();
  std::vector<double> e(n, 0.0);
  double d = 0.0;
  for (double v : c.den) d += v;
  if (n == 0 || d == 0.0) return e;
  const double r = c.value();
  const double mean_den = d / static_cast<double>(n);
  for (std::size_t i = 0; i < n; ++i) e[i] = (c.num[i] - r * c.den[i]) / mean_den;
  return e;
}

[[nodiscard]] inline double residual_standard_error(std::span<const double> e) noexcept {
  const std::size_t n = e.size();
  if (n < 2) return not_a_number;
  double s = 0.0;
  for (double v : e) s += v * v;
  const double nd = static_cast<double>(n);
  return std::sqrt(s / (nd * (nd - 1.0)));
}

struct paired_comparison {
  std::size_t shared = 0, model_only = 0, base_only = 0;  ///< items in both, only the model's, only the base's
  estimate model, base;       ///< on the shared items
  estimate difference;        ///< model - base
  estimate relative_gain;     ///< (model - base) / base
  mcnemar_result mcnemar;
};

/// The shared items of two column sets (both in canonical key order) as index pairs.
inline void shared_items(const item_columns& a, const item_columns& b, std::vector<std::uint32_t>& ia,
                         std::vector<std::uint32_t>& ib) {
  ia.clear();
  ib.clear();
  std::size_t i = 0, j = 0;
  while (i < a.keys.size() && j < b.keys.size()) {
    if (a.keys[i] < b.keys[j]) {
      ++i;
    } else if (b.keys[j] < a.keys[i]) {
      ++j;
    } else {
      ia.push_back(static_cast<std::uint32_t>(i++));
      ib.push_back(static_cast<std::uint32_t>(j++));
    }
  }
}

/// Compares `metric` of a model with its base on their shared items.
/// McNemar's test uses the exact binomial below `mcnemar_exact_below` discordant items (the
/// default of mcnemar()); pass a larger bound for the exact test everywhere.
[[nodiscard]] inline paired_comparison compare(const item_columns& model, const item_columns& base, std::string_view metric,
                                               const bootstrap_options& options, std::uint64_t mcnemar_exact_below = 25) {
  paired_comparison out;
  std::vector<std::uint32_t> im, ib;
  shared_items(model, base, im, ib);
  out.shared = im.size();
  out.model_only = model.keys.size() - im.size();
  out.base_only = base.keys.size() - ib.size();
  const metric_column* cm = model.find(metric);
  const metric_column* cb = base.find(metric);
  auto undefined = [&](const std::string& why) {
    out.model.undefined = out.base.undefined = out.difference.undefined = out.relative_gain.undefined = why;
    return out;
  };
  if (cm == nullptr || cb == nullptr) return undefined("no metric '" + std::string(metric) + "'");
  if (!cm->undefined.empty()) return undefined("model: " + cm->undefined);
  if (!cb->undefined.empty()) return undefined("base: " + cb->undefined);
  if (im.empty()) return undefined("no shared items");

  ratio_column m, b;
  std::vector<std::int8_t> om, ob;
  for (std::size_t k = 0; k < im.size(); ++k) {
    m.num.push_back(cm->values.num[im[k]]);
    m.den.push_back(cm->values.den[im[k]]);
    b.num.push_back(cb->values.num[ib[k]]);
    b.den.push_back(cb->values.den[ib[k]]);
    om.push_back(model.outcomes.empty() ? std::int8_t{-1} : model.outcomes[im[k]]);
    ob.push_back(base.outcomes.empty() ? std::int8_t{-1} : base.outcomes[ib[k]]);
  }
  const double vm = m.value(), vb = b.value();
  const auto em = ratio_residuals(m), eb = ratio_residuals(b);
  std::vector<double> ed(em.size()), er(em.size());
  for (std::size_t k = 0; k < em.size(); ++k) {
    ed[k] = em[k] - eb[k];
    er[k] = vb != 0.0 ? (em[k] - (vm / vb) * eb[k]) / vb : 0.0;
  }
  const std::size_t n = im.size();
  out.model = {vm, residual_standard_error(em), {}, n, {}};
  out.base = {vb, residual_standard_error(eb), {}, n, {}};
  out.difference = {vm - vb, residual_standard_error(ed), {}, n, {}};
  if (vb == 0.0 || std::isnan(vb)) {
    out.relative_gain.undefined = "base score is 0";
  } else {
    out.relative_gain = {(vm - vb) / vb, residual_standard_error(er), {}, n, {}};
  }
  if (std::isnan(vm) || std::isnan(vb)) return undefined("no item with a value on both sides");
  if (options.replicates > 0) {
    auto values = bootstrap(n, 4, options, [&](std::span<const std::uint32_t> counts, std::span<double> o) {
      // One pass for both sides: four independent sums keep the FPU busy.
      double mn = 0.0, md = 0.0, bn = 0.0, bd = 0.0;
      for (std::size_t i = 0; i < n; ++i) {
        const double w = counts[i];
        mn += w * m.num[i];
        md += w * m.den[i];
        bn += w * b.num[i];
        bd += w * b.den[i];
      }
      const double rm = md == 0.0 ? not_a_number : mn / md, rb = bd == 0.0 ? not_a_number : bn / bd;
      o[0] = rm;
      o[1] = rb;
      o[2] = rm - rb;
      o[3] = rb != 0.0 ? (rm - rb) / rb : not_a_number;
    });
    out.model.ci = percentile_interval(std::move(values[0]), options.confidence);
    out.base.ci = percentile_interval(std::move(values[1]), options.confidence);
    out.difference.ci = percentile_interval(std::move(values[2]), options.confidence);
    if (out.relative_gain.defined()) out.relative_gain.ci = percentile_interval(std::move(values[3]), options.confidence);
  }
  out.mcnemar = mcnemar(om, ob, mcnemar_exact_below);
  return out;
}

}  // namespace aggregate
TRANSFERSCORE_END_NAMESPACE
