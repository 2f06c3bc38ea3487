#pragma once
// The two KL estimates of token-distribution shift, for one position.
//
// sampled-token estimate (the study's calculate_KL.py): with y_t sampled from the fine-tuned
//   model, log P_ft(y_t) - log P_base(y_t) is a one-sample Monte-Carlo estimate of
//   KL(P_ft || P_base) at position t. The study smooths both probabilities with epsilon = 1e-10
//   before taking logs: log(exp(lp_ft) + eps) - log(exp(lp_base) + eps).
//
// lumped top-k KL: where both models list alternatives (top-k) at a position, the tokens whose
//   probability both give are kept as cells and everything else is lumped into one "other"
//   cell, whose mass is 1 minus the listed mass on each side. The KL of the two coarse-grained
//   distributions is exact for them and, by the data-processing inequality, a lower bound on
//   the full-vocabulary KL(P_ft || P_base) the study's text describes. No upper bound exists
//   without the unlisted probabilities (an unlisted base probability can be arbitrarily small).

#include <transferscore/config.hpp>
#include <transferscore/shift/scored_tokens.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace shift {

/// The smoothing the study adds to both probabilities before taking logs.
inline constexpr double study_epsilon = 1e-10;

/// log(exp(lp) + eps). Written as lp + log1p(x) with x = eps exp(-lp): when x <= 1e-6 (lp above
/// about -9 for the study's eps) the series x - x^2/2 is exact to 4e-19, and no log is needed.
[[nodiscard]] inline double smoothed_log(double lp, double epsilon = study_epsilon) noexcept {
  const double x = epsilon * std::exp(-lp);
  if (x <= 1e-6) return lp + (x - 0.5 * x * x);
  return std::log(std::exp(lp) + epsilon);
}

/// log(exp(tuned_lp) + eps) - log(exp(base_lp) + eps): the study's per-token term.
[[nodiscard]] inline double smoothed_log_ratio(double tuned_lp, double base_lp, double epsilon = study_epsilon) noexcept {
  return smoothed_log(tuned_lp, epsilon) - smoothed_log(base_lp, epsilon);
}

/// A token with a known log-probability at a position.
struct known_token {
  std::int64_t id;
  std::string_view text;
  double logprob;
};

/// Tokens are the same when both ids are known and equal, or, without ids, when the texts are.
[[nodiscard]] inline bool same_token(const known_token& a, const known_token& b) noexcept {
  if (a.id >= 0 && b.id >= 0) return a.id == b.id;
  return a.text == b.text;
}

/// The tokens one side knows at position t: the scored token and the listed alternatives,
/// each once.
inline void known_tokens(const scored_tokens& s, std::size_t t, std::vector<known_token>& out) {
  out.clear();
  out.push_back({s.token_id[t], s.text(t), s.logprob[t]});
  const std::size_t end = s.alternative_end[t];
  for (std::size_t j = s.alternatives_begin(t); j < end; ++j) {
    const alternative& a = s.alternatives[j];
    const known_token k{a.id, s.alternative_text(a), a.logprob};
    bool seen = false;
    for (const auto& o : out) seen = seen || same_token(o, k);
    if (!seen) out.push_back(k);
  }
}

struct lumped_kl_value {
  double kl = 0.0;
  std::size_t cells = 0;     ///< tokens known on both sides (the "other" cell not counted)
  bool floored = false;      ///< the base's "other" mass was <= 0 with tuned mass there: floored at epsilon
};

/// KL(P || Q) of the coarse-graining onto {tokens known on both sides} + {other}.
[[nodiscard]] inline lumped_kl_value lumped_kl(const std::vector<known_token>& p, const std::vector<known_token>& q,
                                              double floor = study_epsilon) {
  lumped_kl_value out;
  double p_listed = 0.0, q_listed = 0.0;
  auto term = [&](double pc, double qc) {
    if (!(pc > 0.0)) return 0.0;
    if (!(qc > 0.0)) {
      out.floored = true;
      qc = floor;
    }
    return pc * std::log(pc / qc);
  };
  for (const auto& a : p) {
    for (const auto& b : q) {
      if (!same_token(a, b)) continue;
      const double pc = std::exp(a.logprob), qc = std::exp(b.logprob);
      out.kl += term(pc, qc);
      p_listed += pc;
      q_listed += qc;
      ++out.cells;
      break;
    }
  }
  // Listed masses can exceed 1 by rounding in the backend; the other cell is then empty.
  const double p_other = std::max(0.0, 1.0 - p_listed), q_other = std::max(0.0, 1.0 - q_listed);
  out.kl += term(p_other, q_other);
  return out;
}

}  // namespace shift
TRANSFERSCORE_END_NAMESPACE
