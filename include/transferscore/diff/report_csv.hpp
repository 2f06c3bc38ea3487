#pragma once
// CSV reports of a comparison: one row per (model, benchmark) with the counts and the
// paired estimates (fractions, exact numbers, empty when undefined), and one row per
// disagreeing record with both judgements, untruncated, for reading them all.

#include <transferscore/config.hpp>
#include <transferscore/aggregate/report/common.hpp>
#include <transferscore/aggregate/report/csv.hpp>
#include <transferscore/aggregate/score_table.hpp>
#include <transferscore/diff/compare.hpp>
#include <transferscore/diff/report_json.hpp>

#include <string>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace diff {
namespace report {

[[nodiscard]] inline std::string diff_csv(const diff_result& r) {
  using aggregate::report::exact;
  std::string out;
  aggregate::report::detail::append_row(
      out, {"model", "benchmark", "paired", "items", "agreement", "kappa", "both_right", "a_only", "b_only", "both_wrong",
            "accuracy_a", "accuracy_a_low", "accuracy_a_high", "accuracy_b", "accuracy_b_low", "accuracy_b_high",
            "difference", "difference_low", "difference_high", "mcnemar_p", "mean_score_a", "mean_score_b", "only_a",
            "only_b", "duplicates_a", "duplicates_b", "patterns", "unidentified_a", "unidentified_b"});
  for (const auto& g : r.benchmarks) {
    std::vector<std::string> cells = {g.model,
                                      g.benchmark,
                                      std::to_string(g.counts.total()),
                                      std::to_string(g.items),
                                      exact(g.counts.agreement()),
                                      exact(g.counts.kappa()),
                                      std::to_string(g.counts.both_right),
                                      std::to_string(g.counts.a_only),
                                      std::to_string(g.counts.b_only),
                                      std::to_string(g.counts.both_wrong)};
    aggregate::report::detail::append_estimate(cells, g.paired.model);
    aggregate::report::detail::append_estimate(cells, g.paired.base);
    aggregate::report::detail::append_estimate(cells, g.paired.difference);
    cells.push_back(g.paired.mcnemar.applicable ? exact(g.paired.mcnemar.p_value) : "");
    cells.push_back(exact(g.mean_score_a));
    cells.push_back(exact(g.mean_score_b));
    for (auto n : {g.only_a, g.only_b, g.duplicates_a, g.duplicates_b}) cells.push_back(std::to_string(n));
    cells.push_back(std::to_string(g.patterns.size()));
    cells.push_back(std::to_string(g.unidentified_a));
    cells.push_back(std::to_string(g.unidentified_b));
    aggregate::report::detail::append_row(out, cells);
  }
  return out;
}

/// Every disagreeing record, in A's order.
[[nodiscard]] inline std::string disagreements_csv(const diff_result& r, const gold_index* golds = nullptr) {
  std::string out;
  aggregate::report::detail::append_row(
      out, {"model", "benchmark", "id", "sample", "right", "status_a", "status_b", "source_a", "source_b", "gold_shape",
            "extracted_shape_a", "extracted_shape_b", "gold", "extracted_a", "extracted_b", "a_at", "b_at"});
  for (const auto& [ia, ib] : r.matched.pairs) {
    const entry& a = r.a.entries[ia];
    const entry& b = r.b.entries[ib];
    if (a.correct == b.correct) continue;
    const std::string* gold = gold_of(a, b, golds);
    aggregate::report::detail::append_row(
        out, {a.model, a.benchmark, a.id, std::to_string(a.sample), a.correct ? "a" : "b", std::string(to_string(a.state)),
              std::string(to_string(b.state)), a.source, b.source,
              std::string(to_string(gold != nullptr ? classify(*gold) : shape::missing)),
              std::string(to_string(a.extracted_shape)), std::string(to_string(b.extracted_shape)),
              gold != nullptr ? *gold : std::string(), a.extracted, b.extracted, location(r.a, a), location(r.b, b)});
  }
  return out;
}

}  // namespace report
}  // namespace diff
TRANSFERSCORE_END_NAMESPACE
