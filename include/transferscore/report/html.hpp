#pragma once
// The HTML report: one self-contained page (inline CSS, script and SVG; no request leaves
// it, and its Content-Security-Policy forbids any) with the scores per model and benchmark,
// the transfer of gains when pairs are given (paired gains, indices, the charts of
// aggregate/report/svg.hpp), the disagreements of two graders when a comparison is given (html_diff.hpp),
// and a browser of every verdict. docs/report.md documents it.
//
//   report::html_report r;
//   aggregate::accumulator_set set;
//   r.verdicts.read("verdicts.jsonl", set);
//   r.summaries = aggregate::summarize(set, r.policy);
//   std::string page = report::render_html(r);

#include <transferscore/config.hpp>
#include <transferscore/aggregate/report/common.hpp>
#include <transferscore/aggregate/report/md.hpp>
#include <transferscore/aggregate/report/svg.hpp>
#include <transferscore/aggregate/summary.hpp>
#include <transferscore/aggregate/transfer.hpp>
#include <transferscore/core/status.hpp>
#include <transferscore/report/html_diff.hpp>
#include <transferscore/report/html_templates.hpp>
#include <transferscore/report/html_text.hpp>
#include <transferscore/report/html_verdicts.hpp>
#include <transferscore/version.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace report {

/// Everything one page shows.
struct html_report {
  std::string title = "transferscore report";
  std::vector<std::string> sources;  ///< the verdict files, as named on the command line
  aggregate::aggregate_policy policy;
  std::vector<aggregate::benchmark_summary> summaries;
  std::optional<aggregate::transfer_result> transfer;  ///< with pairs
  std::optional<html_diff> diff;                       ///< with a comparison of two graders (report --diff A B)
  verdict_table verdicts;
};

namespace detail {

namespace fmt = ::transferscore::aggregate::report;

/// "82.0 [70.0, 90.0]": a value and its interval, scaled, with an explicit sign for gains.
inline std::string value_text(double v, const aggregate::interval& ci, double scale, bool sign) {
  if (std::isnan(v)) return "n/a";
  std::string s = sign ? fmt::signed_fixed(v * scale, 1) : fmt::fixed(v * scale, 1);
  if (ci.available()) s += " <span class=\"ci\">" + fmt::bracket(ci, scale, 1) + "</span>";
  return s;
}

inline std::string estimate_cell(const aggregate::estimate& e, std::string_view field) {
  std::string attrs = " class=\"num\" data-field=\"" + html_escape(field) + "\"";
  if (!e.defined()) return "<td" + attrs + " title=\"" + html_escape(e.undefined) + "\">n/a</td>";
  return "<td" + attrs + ">" + value_text(e.value, e.ci, 100, false) + "</td>";
}

inline std::string cell(std::string_view text, std::string_view field = {}, bool number = false) {
  std::string out = "<td";
  if (number) out += " class=\"num\"";
  if (!field.empty()) out += " data-field=\"" + html_escape(field) + "\"";
  return out + ">" + std::string(text) + "</td>";
}

inline std::string head_cell(std::string_view text, bool number = false) {
  return std::string(number ? "<th class=\"num\">" : "<th>") + html_escape(text) + "</th>";
}

/// The palette of the SVG charts as CSS variables (--c0 ... --c9), so the page and the charts
/// share their colours.
inline std::string palette_css() {
  std::string out = ":root{";
  for (std::size_t i = 0; i < fmt::svg::palette.size(); ++i) {
    out += "--c" + std::to_string(i) + ":" + std::string(fmt::svg::palette[i]) + ";";
  }
  return out + "}\n";
}

inline std::string status_label(std::string_view name) {
  std::string s(name);
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

inline std::string scores_section(const html_report& r) {
  std::string out = "<section id=\"scores\">\n<h2>Scores</h2>\n";
  if (r.summaries.empty()) return out + "<p class=\"note\">No verdicts.</p>\n</section>\n";
  out += "<p class=\"note\">Per model and benchmark: the mean score in percent with its interval in brackets, the "
         "standard error, pass@k and maj@k, and the verdicts by status. " +
         html_escape(fmt::describe(r.policy)) + "</p>\n";
  // A status column only where some verdict has that status (ok always).
  std::vector<std::size_t> shown{0};
  for (std::size_t s = 1; s < status_count; ++s) {
    for (const auto& sum : r.summaries) {
      if (sum.statuses[s] > 0) {
        shown.push_back(s);
        break;
      }
    }
  }
  out += "<div class=\"scroll\"><table class=\"data\" id=\"scores-table\">\n<thead><tr>" + head_cell("model") +
         head_cell("benchmark") + head_cell("items", true) + head_cell("samples/item", true) + head_cell("score %", true) +
         head_cell("SE %", true);
  for (auto k : r.policy.k) out += head_cell("pass@" + std::to_string(k) + " %", true);
  for (auto k : r.policy.k) out += head_cell("maj@" + std::to_string(k) + " %", true);
  for (auto s : shown) out += "<th class=\"num status-head\">" + html_escape(status_label(status_names[s])) + "</th>";
  // Verdicts without an id (records lost before they had one): a column only when there are some.
  const bool lost = std::any_of(r.summaries.begin(), r.summaries.end(), [](const auto& s) { return s.unidentified > 0; });
  if (lost) out += "<th class=\"num status-head\" title=\"verdicts without an id: counted by status, in no estimate\">no id</th>";
  out += "<th></th></tr></thead>\n<tbody>\n";
  std::vector<std::string> notes;
  for (const auto& s : r.summaries) {
    out += "<tr data-model=\"" + html_escape(s.model) + "\" data-benchmark=\"" + html_escape(s.benchmark) + "\">";
    out += cell(html_escape(s.model), "model") + cell(html_escape(s.benchmark), "benchmark");
    out += cell(std::to_string(s.items), "items", true);
    out += cell(s.min_samples == s.max_samples ? std::to_string(s.min_samples)
                                               : std::to_string(s.min_samples) + "–" + std::to_string(s.max_samples),
                "samples", true);
    out += estimate_cell(s.score, "score");
    out += cell(fmt::fixed(s.score.se * 100, 2, "n/a"), "se", true);
    for (const auto* list : {&s.pass_at_k, &s.maj_at_k}) {
      for (const auto& e : *list) {
        out += estimate_cell(e.value, e.name);
        if (!e.value.defined()) notes.push_back(s.model + " / " + s.benchmark + " " + e.name + ": " + e.value.undefined);
      }
    }
    for (auto st : shown) {
      out += cell(std::to_string(s.statuses[st]), std::string("status:") + std::string(status_names[st]), true);
    }
    if (lost) out += cell(std::to_string(s.unidentified), "unidentified", true);
    out += "<td><button type=\"button\" class=\"browse\" data-model=\"" + html_escape(s.model) + "\" data-benchmark=\"" +
           html_escape(s.benchmark) + "\">verdicts</button></td></tr>\n";
  }
  out += "</tbody></table></div>\n";
  if (lost) out += "<p class=\"note\" id=\"unidentified-note\">" + html_escape(fmt::unidentified_note(r.summaries)) + "</p>\n";
  if (!notes.empty()) {
    out += "<ul class=\"notes\">";
    for (const auto& n : notes) out += "<li>n/a: " + html_escape(n) + "</li>";
    out += "</ul>\n";
  }

  bool any_metric = false;
  for (const auto& s : r.summaries) any_metric = any_metric || !s.metrics.empty();
  if (any_metric) {
    out += "<h3>Family metrics</h3>\n<div class=\"scroll\"><table class=\"data\" id=\"metrics-table\">\n<thead><tr>" +
           head_cell("model") + head_cell("benchmark") + head_cell("metric") + head_cell("value %", true) +
           head_cell("SE %", true) + "</tr></thead>\n<tbody>\n";
    for (const auto& s : r.summaries) {
      for (const auto& m : s.metrics) {
        out += "<tr data-model=\"" + html_escape(s.model) + "\" data-benchmark=\"" + html_escape(s.benchmark) +
               "\" data-metric=\"" + html_escape(m.name) + "\">" + cell(html_escape(s.model)) + cell(html_escape(s.benchmark)) +
               cell(html_escape(m.name)) + estimate_cell(m.value, "value") + cell(fmt::fixed(m.value.se * 100, 2, "n/a"), "se", true) +
               "</tr>\n";
      }
    }
    out += "</tbody></table></div>\n";
  }
  return out + "</section>\n";
}

/// A figure per chart, the first shown; a <select> switches between them when there are several.
inline std::string chart_switch(std::string_view id, std::string_view label, const std::vector<std::pair<std::string, std::string>>& charts) {
  std::string out;
  if (charts.size() > 1) {
    out += "<label class=\"switch\">" + html_escape(label) + " <select class=\"chart-select\" data-charts=\"" + html_escape(id) +
           "\">";
    for (std::size_t i = 0; i < charts.size(); ++i) {
      out += "<option value=\"" + std::to_string(i) + "\">" + html_escape(charts[i].first) + "</option>";
    }
    out += "</select></label>\n";
  }
  for (std::size_t i = 0; i < charts.size(); ++i) {
    out += "<figure class=\"chart\" data-charts=\"" + html_escape(id) + "\" data-index=\"" + std::to_string(i) + "\"" +
           (i == 0 ? "" : " hidden") + ">\n" + charts[i].second + "</figure>\n";
  }
  return out;
}

inline std::string transfer_section(const aggregate::transfer_result& t) {
  const std::size_t src = t.groups.source_index();
  const bool v2 = t.policy.formula == aggregate::ti_formula::v2;
  std::string out = "<section id=\"transfer\">\n<h2>Transfer</h2>\n<p class=\"note\">" +
                    html_escape(fmt::transfer_policy_text(t)) + "</p>\n";

  out += "<h3>Transfer indices</h3>\n<div class=\"scroll\"><table class=\"data\" id=\"indices-table\">\n<thead><tr>" +
         head_cell("model") + head_cell("base") + head_cell("group") + head_cell("model avg %", true) +
         head_cell("base avg %", true) + head_cell(v2 ? "DI" : "dR %", true) + head_cell("TI", true) + "</tr></thead>\n<tbody>\n";
  for (const auto& p : t.pairs) {
    for (std::size_t g = 0; g < p.groups.size(); ++g) {
      const auto& gi = p.groups[g];
      out += "<tr data-model=\"" + html_escape(p.model) + "\" data-group=\"" + html_escape(gi.group) + "\">" +
             cell(html_escape(p.model)) + cell(html_escape(p.base)) +
             cell(html_escape(gi.group) + (g == src ? " <span class=\"tag\">source</span>" : "")) +
             cell(value_text(gi.model_mean, gi.model_mean_ci, 1, false), "model_mean", true) +
             cell(value_text(gi.base_mean, gi.base_mean_ci, 1, false), "base_mean", true);
      const auto index_ci = t.rounding_bands ? fmt::band_interval(gi.index_band) : gi.index_ci;
      // DI is a small number: two decimals; dR is a relative gain: percent.
      if (std::isnan(gi.index)) {
        out += cell("n/a", "index", true);
      } else if (v2) {
        std::string s = fmt::signed_fixed(gi.index, 3);
        if (index_ci.available()) s += " <span class=\"ci\">" + fmt::bracket(index_ci, 1, 3) + "</span>";
        out += cell(s, "index", true);
      } else {
        out += cell(value_text(gi.index, index_ci, 100, true), "index", true);
      }
      if (g == src) {
        out += cell("–", "ti", true);
      } else if (!gi.undefined.empty()) {
        out += "<td class=\"num undefined\" data-field=\"ti\">n/a <span class=\"why\">" + html_escape(gi.undefined) + "</span></td>";
      } else {
        out += cell(value_text(gi.ti, t.rounding_bands ? fmt::band_interval(gi.ti_band) : gi.ti_ci, 1, true), "ti", true);
      }
      out += "</tr>\n";
    }
  }
  out += "</tbody></table></div>\n";

  out += "<h3>Paired gains</h3>\n<div class=\"scroll\"><table class=\"data\" id=\"gains-table\">\n<thead><tr>" + head_cell("model") +
         head_cell("base") + head_cell("benchmark") + head_cell("group") + head_cell("items", true) + head_cell("model %", true) +
         head_cell("base %", true) + head_cell("gain (points)", true) + head_cell("relative gain %", true) +
         head_cell("McNemar p", true) + "</tr></thead>\n<tbody>\n";
  for (const auto& p : t.pairs) {
    for (const auto& g : p.gains) {
      std::string mc = "n/a";
      if (g.mcnemar.applicable) mc = fmt::fixed(g.mcnemar.p_value, 4) + (g.mcnemar.method == "exact-binomial" ? " (exact)" : "");
      out += "<tr data-model=\"" + html_escape(p.model) + "\" data-benchmark=\"" + html_escape(g.benchmark) + "\">" +
             cell(html_escape(p.model)) + cell(html_escape(p.base)) + cell(html_escape(g.benchmark)) + cell(html_escape(g.group)) +
             cell(t.input == "verdicts" ? std::to_string(g.shared_items) : "–", "items", true) +
             cell(value_text(g.model, g.model_ci, 1, false), "model", true) +
             cell(value_text(g.base, g.base_ci, 1, false), "base", true) +
             cell(value_text(g.gain, t.rounding_bands ? fmt::band_interval(g.gain_band) : g.gain_ci, 1, true), "gain", true) +
             cell(value_text(g.relative, t.rounding_bands ? fmt::band_interval(g.relative_band) : g.relative_ci, 100, true),
                  "relative", true) +
             cell(mc, "mcnemar", true) + "</tr>\n";
    }
  }
  out += "</tbody></table></div>\n";

  // The charts: a scatter for every two non-source groups, gain bars for every pair.
  const auto targets = t.groups.targets();
  out += "<h3>Transfer scatter</h3>\n";
  if (targets.size() < 2) {
    out += "<p class=\"note\">The scatter plots the TI of one non-source group against another; the groups here have " +
           std::string(targets.size() == 1 ? "one non-source group (" + html_escape(t.groups.groups[targets[0]].name) + ")"
                                           : "no non-source group") +
           ", whose indices are in the table above.</p>\n";
  } else {
    std::vector<std::pair<std::string, std::string>> charts;
    for (std::size_t a = 0; a < targets.size(); ++a) {
      for (std::size_t b = a + 1; b < targets.size(); ++b) {
        const std::string& x = t.groups.groups[targets[a]].name;
        const std::string& y = t.groups.groups[targets[b]].name;
        charts.emplace_back("TI_" + y + " against TI_" + x, fmt::transfer_scatter_svg(t, x, y));
      }
    }
    out += chart_switch("scatter", "groups", charts);
  }
  out += "<h3>Gains per benchmark</h3>\n";
  std::vector<std::pair<std::string, std::string>> bars;
  for (const auto& p : t.pairs) bars.emplace_back(p.model + " vs " + p.base, fmt::gain_bars_svg(t, p));
  if (bars.empty()) out += "<p class=\"note\">The pairs file lists no model.</p>\n";
  out += chart_switch("gains", "model", bars);
  return out + "</section>\n";
}

inline std::string verdicts_section(const html_report& r) {
  const auto& v = r.verdicts;
  std::string out = "<section id=\"verdicts\">\n<h2>Verdicts</h2>\n<p class=\"note\">Every verdict, filtered by model, "
                    "benchmark, status and correctness, and searched in its id, extracted answer, response, gold, "
                    "details and error. Choose one to see it whole.";
  if (v.responses() == 0) {
    out += " These verdicts carry no response or gold: score with <code>transferscore score --keep-response</code> to "
           "see them here.";
  } else if (v.max_response_chars() > 0) {
    out += " Responses longer than " + std::to_string(v.max_response_chars()) +
           " characters show their head, the answer with its surroundings, and their tail "
           "(<code>--max-response-chars</code>).";
  }
  out += "</p>\n";
  out += html_browser_markup;
  return out + "</section>\n";
}

}  // namespace detail

/// The page, as one string.
[[nodiscard]] inline std::string render_html(const html_report& r) {
  std::string out;
  out.reserve(r.verdicts.json_size() + 512 * 1024);
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  // Nothing may be fetched: no script, style, font, image or connection from anywhere.
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
         "script-src 'unsafe-inline'; img-src data:\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"generator\" content=\"transferscore " TRANSFERSCORE_VERSION_STRING "\">\n";
  out += "<title>" + html_escape(r.title) + "</title>\n<link rel=\"icon\" href=\"data:,\">\n<style>\n" + detail::palette_css();
  out += html_css;
  out += "</style>\n</head>\n<body>\n<header>\n<h1>" + html_escape(r.title) + "</h1>\n<p class=\"subtitle\">";
  std::vector<std::string> models, benchmarks;
  for (const auto& s : r.summaries) {
    if (std::find(models.begin(), models.end(), s.model) == models.end()) models.push_back(s.model);
    if (std::find(benchmarks.begin(), benchmarks.end(), s.benchmark) == benchmarks.end()) benchmarks.push_back(s.benchmark);
  }
  out += "<span id=\"verdict-count\">" + std::to_string(r.verdicts.size()) + "</span> verdicts of " + std::to_string(models.size()) +
         (models.size() == 1 ? " model" : " models") + " on " + std::to_string(benchmarks.size()) +
         (benchmarks.size() == 1 ? " benchmark" : " benchmarks") + ", from ";
  for (std::size_t i = 0; i < r.sources.size(); ++i) {
    if (i == 3 && r.sources.size() > 4) {
      out += " and " + std::to_string(r.sources.size() - 3) + " more files";
      break;
    }
    if (i > 0) out += i + 1 == r.sources.size() ? " and " : ", ";
    out += "<code>" + html_escape(r.sources[i]) + "</code>";
  }
  out += ". Made by transferscore " TRANSFERSCORE_VERSION_STRING ".</p>\n<nav><a href=\"#scores\">Scores</a>";
  if (r.transfer) out += " <a href=\"#transfer\">Transfer</a>";
  if (r.diff) out += " <a href=\"#diff\">Disagreements</a>";
  out += " <a href=\"#verdicts\">Verdicts</a></nav>\n</header>\n<main>\n";
  out += detail::scores_section(r);
  if (r.transfer) out += detail::transfer_section(*r.transfer);
  if (r.diff) out += diff_section(*r.diff, r.verdicts);
  out += detail::verdicts_section(r);
  out += "</main>\n<script type=\"application/json\" id=\"ts-verdicts\">";
  r.verdicts.append_json(out);
  out += "</script>\n<script>\n";
  out += html_script;
  out += "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace report
TRANSFERSCORE_END_NAMESPACE
