#pragma once
// The official CoQA metric (evaluate-v1.0.py, CoQAEvaluator._compute_turn_score). lm-eval's
// coqa task computes the same numbers (its compute_scores is the same code over transformers'
// squad_metrics, whose compute_exact / compute_f1 equal the script's); the two modes differ
// in the gold list and the prediction (paper.hpp), not here.
//
//   compute_exact  normalised strings equal (0 or 1)
//   compute_f1     token multisets; if either side has no tokens, 1 iff both have none;
//                  no common token 0; else 2PR/(P+R)
//   turn score     one gold: the metric against it. n > 1 golds: for each gold i the max of
//                  the metric over the OTHER n-1 golds, averaged over i (leave-one-out), so
//                  a prediction equal to one of three distinct golds scores EM 2/3.
// The arithmetic follows the script's operation order, so the doubles are the script's.

#include <transferscore/config.hpp>
#include <transferscore/scorers/qa/normalize.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace qa {

[[nodiscard]] inline double compute_exact(const normalized_answer& gold, const normalized_answer& prediction) noexcept {
  return gold.text == prediction.text ? 1.0 : 0.0;
}

[[nodiscard]] inline double compute_f1(const normalized_answer& gold, const normalized_answer& prediction) noexcept {
  if (gold.tokens.empty() || prediction.tokens.empty()) return gold.tokens.empty() && prediction.tokens.empty() ? 1.0 : 0.0;
  std::size_t same = 0;  // size of the multiset intersection of two sorted lists
  for (std::size_t i = 0, j = 0; i < gold.tokens.size() && j < prediction.tokens.size();) {
    if (gold.tokens[i] < prediction.tokens[j]) {
      ++i;
    } else if (prediction.tokens[j] < gold.tokens[i]) {
      ++j;
    } else {
      ++same, ++i, ++j;
    }
  }
  if (same == 0) return 0.0;
  const double precision = 1.0 * static_cast<double>(same) / static_cast<double>(prediction.tokens.size());
  const double recall = 1.0 * static_cast<double>(same) / static_cast<double>(gold.tokens.size());
  return (2 * precision * recall) / (precision + recall);
}

struct turn_score {
  double em = 0.0;
  double f1 = 0.0;
  std::size_t best_gold = 0;  ///< the gold with the highest F1 against the prediction (first on ties)
};

/// The turn score of `prediction` against `golds` (at least one).
[[nodiscard]] inline turn_score score_turn(const std::vector<std::string>& golds, std::string_view prediction) {
  const normalized_answer pred = normalize(prediction);
  std::vector<double> exact, f1;
  exact.reserve(golds.size());
  f1.reserve(golds.size());
  for (const auto& gold : golds) {
    const normalized_answer g = normalize(gold);
    exact.push_back(compute_exact(g, pred));
    f1.push_back(compute_f1(g, pred));
  }
  turn_score out;
  out.best_gold = static_cast<std::size_t>(std::max_element(f1.begin(), f1.end()) - f1.begin());
  const std::size_t n = golds.size();
  if (n <= 1) {
    out.em = n == 1 ? exact[0] : 0.0;
    out.f1 = n == 1 ? f1[0] : 0.0;
    return out;
  }
  double em_sum = 0.0, f1_sum = 0.0;
  for (std::size_t left_out = 0; left_out < n; ++left_out) {
    double em_max = -1.0, f1_max = -1.0;
    for (std::size_t k = 0; k < n; ++k) {
      if (k == left_out) continue;
      em_max = std::max(em_max, exact[k]);
      f1_max = std::max(f1_max, f1[k]);
    }
    em_sum += em_max;
    f1_sum += f1_max;
  }
  out.em = em_sum / static_cast<double>(n);
  out.f1 = f1_sum / static_cast<double>(n);
  return out;
}

}  // namespace qa
TRANSFERSCORE_END_NAMESPACE
