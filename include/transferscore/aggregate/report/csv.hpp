#pragma once
// CSV reports: one row per (model, benchmark) for summaries (the status policy and averaging
// in the last two columns), and one row per model for transfer (exactly model,base,ti_<group>
// for every non-source group; with intervals on request, ti_<group>_low and ti_<group>_high
// follow; with rounding bands (score tables with a score rounding step),
// ti_<group>_rounding_low and ti_<group>_rounding_high follow; the formula, sigma policy and
// rounding step are in the JSON, Markdown and SVG outputs). An
// undefined value is an empty field; the reason is in the JSON and Markdown reports.
// Numbers are written exactly.

#include <transferscore/config.hpp>
#include <transferscore/aggregate/report/common.hpp>
#include <transferscore/aggregate/score_table.hpp>
#include <transferscore/aggregate/summary.hpp>
#include <transferscore/aggregate/transfer.hpp>

#include <algorithm>
#include <string>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace aggregate {
namespace report {

namespace detail {
inline void append_row(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ',';
    out += csv_field(cells[i]);
  }
  out += '\n';
}
inline void append_estimate(std::vector<std::string>& cells, const estimate& e) {
  cells.push_back(e.defined() ? exact(e.value) : "");
  cells.push_back(e.defined() ? exact(e.ci.low) : "");
  cells.push_back(e.defined() ? exact(e.ci.high) : "");
}
}  // namespace detail

/// Scores are fractions (0-1) as the scorers give them, not percent.
[[nodiscard]] inline std::string summaries_csv(const std::vector<benchmark_summary>& summaries, const aggregate_policy& policy) {
  std::vector<std::string> metric_names;
  for (const auto& s : summaries) {
    for (const auto& m : s.metrics) {
      if (std::find(metric_names.begin(), metric_names.end(), m.name) == metric_names.end()) metric_names.push_back(m.name);
    }
  }
  std::vector<std::string> head = {"model", "benchmark", "items", "samples", "min_samples", "max_samples",
                                   "score", "se", "ci_low", "ci_high"};
  auto triple = [&](const std::string& name) {
    head.push_back(name);
    head.push_back(name + "_low");
    head.push_back(name + "_high");
  };
  for (auto k : policy.k) triple("pass@" + std::to_string(k));
  for (auto k : policy.k) triple("maj@" + std::to_string(k));
  for (const auto& m : metric_names) triple(m);
  for (auto s : status_names) head.emplace_back(s);
  head.emplace_back("unidentified");
  // The policy travels with the numbers (the k are in the column names).
  head.emplace_back("non_ok_policy");
  head.emplace_back("averaging");
  std::string out;
  detail::append_row(out, head);
  for (const auto& s : summaries) {
    std::vector<std::string> cells = {s.model, s.benchmark, std::to_string(s.items), std::to_string(s.samples),
                                      std::to_string(s.min_samples), std::to_string(s.max_samples)};
    cells.push_back(s.score.defined() ? exact(s.score.value) : "");
    cells.push_back(exact(s.score.se));
    cells.push_back(exact(s.score.ci.low));
    cells.push_back(exact(s.score.ci.high));
    for (const auto& e : s.pass_at_k) detail::append_estimate(cells, e.value);
    for (const auto& e : s.maj_at_k) detail::append_estimate(cells, e.value);
    for (const auto& name : metric_names) {
      const named_estimate* found = nullptr;
      for (const auto& m : s.metrics) {
        if (m.name == name) found = &m;
      }
      if (found != nullptr) {
        detail::append_estimate(cells, found->value);
      } else {
        cells.insert(cells.end(), 3, "");
      }
    }
    for (auto c : s.statuses) cells.push_back(std::to_string(c));
    cells.push_back(std::to_string(s.unidentified));
    cells.emplace_back(to_string(policy.non_ok));
    cells.emplace_back(to_string(policy.average));
    detail::append_row(out, cells);
  }
  return out;
}

/// model,base,ti_<group>... (percent); `with_intervals` adds ti_<group>_low,ti_<group>_high.
[[nodiscard]] inline std::string transfer_csv(const transfer_result& t, bool with_intervals = false) {
  const auto targets = t.groups.targets();
  std::vector<std::string> head = {"model", "base"};
  for (auto g : targets) head.push_back("ti_" + t.groups.groups[g].name);
  if (with_intervals) {
    for (auto g : targets) {
      head.push_back("ti_" + t.groups.groups[g].name + "_low");
      head.push_back("ti_" + t.groups.groups[g].name + "_high");
    }
  }
  // Rounding bands are not intervals: their own names, and only when asked for.
  if (t.rounding_bands) {
    for (auto g : targets) {
      head.push_back("ti_" + t.groups.groups[g].name + "_rounding_low");
      head.push_back("ti_" + t.groups.groups[g].name + "_rounding_high");
    }
  }
  std::string out;
  detail::append_row(out, head);
  for (const auto& p : t.pairs) {
    std::vector<std::string> cells = {p.model, p.base};
    for (auto g : targets) cells.push_back(exact(p.groups[g].ti));
    if (with_intervals) {
      for (auto g : targets) {
        cells.push_back(exact(p.groups[g].ti_ci.low));
        cells.push_back(exact(p.groups[g].ti_ci.high));
      }
    }
    if (t.rounding_bands) {
      for (auto g : targets) {
        cells.push_back(exact(p.groups[g].ti_band.low));
        cells.push_back(exact(p.groups[g].ti_band.high));
      }
    }
    detail::append_row(out, cells);
  }
  return out;
}

}  // namespace report
}  // namespace aggregate
TRANSFERSCORE_END_NAMESPACE
