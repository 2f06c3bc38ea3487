#pragma once
// Markdown reports: per-benchmark scores, and a transfer table laid out like the study's
// Table 1 (scores per benchmark, group averages, indices), with intervals when there are.

#include <transferscore/config.hpp>
#include <transferscore/aggregate/report/common.hpp>
#include <transferscore/aggregate/summary.hpp>
#include <transferscore/aggregate/transfer.hpp>

#include <algorithm>
#include <string>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace aggregate {
namespace report {

namespace detail {
inline std::string percent_cell(const estimate& e) {
  if (!e.defined()) return "n/a";
  std::string s = fixed(e.value * 100, 1);
  if (e.ci.available()) {
    s += ' ';
    s += bracket(e.ci, 100, 1);
  }
  return s;
}
// Built by appending: GCC 12 at -O3 warns falsely (-Wrestrict) on `" " + cell + " |"`.
inline std::string row(const std::vector<std::string>& cells) {
  std::string out = "|";
  for (const auto& c : cells) {
    out.push_back(' ');
    out.append(markdown_cell(c));
    out.append(" |");
  }
  out.push_back('\n');
  return out;
}
inline std::string relative_cell(const benchmark_gain& g) {
  if (std::isnan(g.relative)) return "n/a";
  std::string s = signed_fixed(g.relative * 100, 1);
  if (g.relative_ci.available()) {
    s += ' ';
    s += bracket(g.relative_ci, 100, 1);
  }
  return s;
}
inline std::string rule(std::size_t n) {
  std::string out = "|";
  for (std::size_t i = 0; i < n; ++i) out += "---|";
  return out + "\n";
}
}  // namespace detail

[[nodiscard]] inline std::string summaries_markdown(const std::vector<benchmark_summary>& summaries,
                                                    const aggregate_policy& policy) {
  std::vector<std::string> head = {"model", "benchmark", "items", "samples/item", "score %", "SE %"};
  for (auto k : policy.k) head.push_back("pass@" + std::to_string(k) + " %");
  for (auto k : policy.k) head.push_back("maj@" + std::to_string(k) + " %");
  for (auto s : {"no answer", "unterminated", "budget exceeded", "errors"}) head.push_back(s);
  std::string out = "## Scores\n\n" + detail::row(head) + detail::rule(head.size());
  std::vector<std::string> notes;
  for (const auto& s : summaries) {
    std::vector<std::string> cells = {s.model, s.benchmark, std::to_string(s.items)};
    cells.push_back(s.min_samples == s.max_samples ? std::to_string(s.min_samples)
                                                   : std::to_string(s.min_samples) + "-" + std::to_string(s.max_samples));
    cells.push_back(detail::percent_cell(s.score));
    cells.push_back(fixed(s.score.se * 100, 2, "n/a"));
    for (const auto* list : {&s.pass_at_k, &s.maj_at_k}) {
      for (const auto& e : *list) {
        cells.push_back(detail::percent_cell(e.value));
        if (!e.value.defined()) notes.push_back(s.model + " / " + s.benchmark + " " + e.name + ": " + e.value.undefined);
      }
    }
    cells.push_back(std::to_string(s.statuses[static_cast<std::size_t>(status::no_answer)]));
    cells.push_back(std::to_string(s.statuses[static_cast<std::size_t>(status::unterminated_trace)]));
    cells.push_back(std::to_string(s.statuses[static_cast<std::size_t>(status::budget_exceeded)]));
    cells.push_back(std::to_string(s.errors()));
    out += detail::row(cells);
  }
  bool any_metric = false;
  for (const auto& s : summaries) any_metric = any_metric || !s.metrics.empty();
  if (any_metric) {
    out += "\n## Family metrics\n\n" + detail::row({"model", "benchmark", "metric", "value %", "SE %"}) + detail::rule(5);
    for (const auto& s : summaries) {
      for (const auto& m : s.metrics) {
        out += detail::row({s.model, s.benchmark, m.name, detail::percent_cell(m.value), fixed(m.value.se * 100, 2, "n/a")});
      }
    }
  }
  out += "\n" + describe(policy) + "\n";
  if (const std::string lost = unidentified_note(summaries); !lost.empty()) out += "\n" + lost + "\n";
  if (!notes.empty()) {
    out += "\nn/a:\n";
    for (const auto& n : notes) out += "- " + n + "\n";
  }
  return out;
}

[[nodiscard]] inline std::string transfer_policy_text(const transfer_result& t) {
  std::string s = "TI " + std::string(to_string(t.policy.formula));
  if (t.policy.formula == ti_formula::v2) {
    s += " (domain index), sigma " +
         std::string(t.policy.sigma == sigma_mode::cohort ? "pooled over the cohort of all pairs" : "per model") + " (" +
         std::string(to_string(t.policy.deviation)) + " standard deviation)";
  } else {
    s += " (mean relative gain)";
  }
  s += "; source group: " + t.groups.source + "; scores in percent";
  if (t.input == "verdicts") {
    s += "; metric: " + t.policy.metric + ", non-ok verdicts " +
         (t.policy.scoring.non_ok == status_policy::zero ? "score 0" : "excluded") + ", " +
         std::string(to_string(t.policy.scoring.average)) + " averaging";
  }
  s += ". Intervals: " + t.intervals_note + ".";
  if (t.rounding_bands) s += " Brackets after a TI give its " + t.rounding_note + ".";
  return s;
}

/// The transfer table: one row per base model, followed by the models trained from it.
[[nodiscard]] inline std::string transfer_markdown(const transfer_result& t) {
  const auto src = t.groups.source_index();
  std::vector<std::string> head = {"model"};
  for (std::size_t g = 0; g < t.groups.groups.size(); ++g) {
    for (const auto& b : t.groups.groups[g].benchmarks) head.push_back(b);
    head.push_back("Avg " + t.groups.groups[g].name);
    if (g != src) head.push_back("TI_" + t.groups.groups[g].name);
  }
  std::string out = "## Transfer\n\n" + detail::row(head) + detail::rule(head.size());
  std::vector<std::string> footnotes;
  auto note = [&](const std::string& text) {
    auto it = std::find(footnotes.begin(), footnotes.end(), text);
    if (it == footnotes.end()) {
      footnotes.push_back(text);
      return footnotes.size();
    }
    return static_cast<std::size_t>(it - footnotes.begin()) + 1;
  };
  auto cell = [&](double v, const interval& ci, bool sign) {
    std::string s = sign ? signed_fixed(v, 1, "n/a") : fixed(v, 1, "n/a");
    if (ci.available()) {
      s += ' ';
      s += bracket(ci, 1, 1);
    }
    return s;
  };
  std::vector<std::string> bases_done;
  for (const auto& anchor : t.pairs) {
    if (std::find(bases_done.begin(), bases_done.end(), anchor.base) != bases_done.end()) continue;
    bases_done.push_back(anchor.base);
    // The base row: its scores as seen by its first pair (all pairs share the base's items
    // unless some items are missing).
    std::vector<std::string> cells = {anchor.base};
    std::size_t k = 0;
    for (std::size_t g = 0; g < t.groups.groups.size(); ++g) {
      for (std::size_t b = 0; b < t.groups.groups[g].benchmarks.size(); ++b, ++k) {
        cells.push_back(cell(anchor.gains[k].base, anchor.gains[k].base_ci, false));
      }
      cells.push_back(cell(anchor.groups[g].base_mean, anchor.groups[g].base_mean_ci, false));
      if (g != src) cells.push_back("–");
    }
    out += detail::row(cells);
    for (const auto& p : t.pairs) {
      if (p.base != anchor.base) continue;
      cells = {p.model};
      k = 0;
      for (std::size_t g = 0; g < t.groups.groups.size(); ++g) {
        for (std::size_t b = 0; b < t.groups.groups[g].benchmarks.size(); ++b, ++k) {
          cells.push_back(cell(p.gains[k].model, p.gains[k].model_ci, false));
        }
        cells.push_back(cell(p.groups[g].model_mean, p.groups[g].model_mean_ci, false));
        if (g == src) continue;
        if (!p.groups[g].undefined.empty()) {
          cells.push_back("n/a [" + std::to_string(note(p.groups[g].undefined)) + "]");
        } else {
          std::string c = cell(p.groups[g].ti, t.rounding_bands ? band_interval(p.groups[g].ti_band) : p.groups[g].ti_ci, true);
          if (t.rounding_bands && !p.groups[g].ti_band.available()) {
            c += " [" + std::to_string(note("no rounding band: " + p.groups[g].ti_band.undefined)) + "]";
          }
          if (p.groups[g].ti_ci.undefined > 0) {
            c += " [" + std::to_string(note(std::to_string(p.groups[g].ti_ci.undefined) +
                                            " bootstrap replicates had an undefined index and are not in the interval")) +
                 "]";
          }
          cells.push_back(c);
        }
      }
      out += detail::row(cells);
    }
  }
  out += "\n" + transfer_policy_text(t) + "\n";
  if (!footnotes.empty()) {
    out += "\n";
    for (std::size_t i = 0; i < footnotes.size(); ++i) out += "[" + std::to_string(i + 1) + "] " + footnotes[i] + "\n";
  }
  if (t.input == "verdicts") {
    out += "\n## Paired comparisons (model vs base, shared items)\n\n" +
           detail::row({"model", "base", "benchmark", "items", "model %", "base %", "gain (points)", "relative gain %",
                        "McNemar p"}) +
           detail::rule(9);
    for (const auto& p : t.pairs) {
      for (const auto& g : p.gains) {
        std::string mc = g.mcnemar.applicable ? fixed(g.mcnemar.p_value, 4) + (g.mcnemar.method == "exact-binomial" ? " (exact)" : "")
                                              : "n/a";
        out += detail::row({p.model, p.base, g.benchmark, std::to_string(g.shared_items), cell(g.model, g.model_ci, false),
                            cell(g.base, g.base_ci, false), cell(g.gain, g.gain_ci, true),
                            detail::relative_cell(g),
                            mc});
      }
    }
  }
  return out;
}

}  // namespace report
}  // namespace aggregate
TRANSFERSCORE_END_NAMESPACE
