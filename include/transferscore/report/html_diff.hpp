#pragma once
// The disagreement section of the HTML report (`report --diff A B`): the totals of a
// comparison of two sets of judgements (diff::compare), its per-benchmark table, and its
// disagreement patterns, each with the records in it side by side (gold, A's and B's extracted
// answers), a button opening a record in the verdict browser where the page holds its verdict.
// The numbers and the patterns are those of the diff library (diff/compare.hpp); this only
// lays them out. Lists are cut (patterns per benchmark, records per pattern) with a marker.

#include <transferscore/config.hpp>
#include <transferscore/aggregate/report/common.hpp>
#include <transferscore/diff/compare.hpp>
#include <transferscore/diff/report_json.hpp>
#include <transferscore/diff/report_md.hpp>
#include <transferscore/report/html_text.hpp>
#include <transferscore/report/html_verdicts.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace report {

/// A comparison as the page shows it.
struct html_diff {
  diff::diff_result result;
  const diff::gold_index* golds = nullptr;  ///< golds for the records whose lines carry none (optional)
  std::size_t patterns = 50;  ///< patterns listed per (model, benchmark); the rest are counted
  std::size_t items = 20;     ///< records listed per pattern (at most the comparison's examples kept per pattern)
  std::size_t width = 120;    ///< gold and extracted texts cut to this many bytes
  /// Per side (0 = A, 1 = B) and file of that side: the name under which the page's verdicts
  /// hold that file (see verdict_table::row_at), "" when they do not. Left empty for a side:
  /// the side's own file names are looked up.
  std::array<std::vector<std::string>, 2> page_files;
};

namespace detail {

namespace diff_md = ::transferscore::diff::report::detail;

/// "A right, B wrong · status ok / no_answer · source boxed / - · gold latex · extracted latex / empty".
[[nodiscard]] inline std::string pattern_name(const diff::pattern& p) {
  return std::string(p.right == 'a' ? "A right, B wrong" : "B right, A wrong") + " · status " +
         diff_md::pair_text(to_string(p.status_a), to_string(p.status_b)) + " · source " +
         diff_md::pair_text(p.source_a, p.source_b) + " · gold " + std::string(to_string(p.gold)) + " · extracted " +
         diff_md::pair_text(to_string(p.extracted_a), to_string(p.extracted_b));
}

/// The page's row of one side's judgement, when the page holds its verdict.
[[nodiscard]] inline std::optional<std::size_t> page_row(const html_diff& d, int which, const diff::entry& e,
                                                         const verdict_table& verdicts) {
  const diff::side& s = which == 0 ? d.result.a : d.result.b;
  const auto& names = d.page_files[static_cast<std::size_t>(which)];
  const std::string& name = names.empty() ? s.files[e.file] : (e.file < names.size() ? names[e.file] : s.files[e.file]);
  if (name.empty()) return std::nullopt;
  return verdicts.row_at(name, e.line);
}

inline std::string diff_cell(std::string_view text, std::string_view field, bool number = true) {
  std::string out = number ? "<td class=\"num\"" : "<td";
  out += " data-field=\"" + html_escape(field) + "\">";
  return out + std::string(text) + "</td>";
}

inline std::string count_text(std::uint64_t n) { return std::to_string(n); }

/// An answer or gold as the item table shows it: cut, escaped, "(none)" when empty.
inline std::string answer_cell(std::string_view text, std::size_t width, std::string_view cls) {
  if (text.empty()) return "<td class=\"" + std::string(cls) + " none\">(none)</td>";
  return "<td class=\"" + std::string(cls) + "\"><code>" + html_escape(::transferscore::diff::report::shorten(text, width)) +
         "</code></td>";
}

inline std::string side_link(const html_diff& d, int which, const diff::entry& e, const verdict_table& verdicts) {
  const diff::side& s = which == 0 ? d.result.a : d.result.b;
  const std::string at = ::transferscore::diff::report::location(s, e);
  const char* name = which == 0 ? "A" : "B";
  if (const auto row = page_row(d, which, e, verdicts)) {
    return "<button type=\"button\" class=\"open-verdict\" data-row=\"" + std::to_string(*row) + "\" data-side=\"" +
           (which == 0 ? "a" : "b") + "\" title=\"" + html_escape(at) + "\">open " + name + "</button>";
  }
  return "<span class=\"at\" title=\"not among this page's verdicts\">" + std::string(name) + ": <code>" + html_escape(at) +
         "</code></span>";
}

inline std::string diff_totals(const diff::diff_result& r) {
  namespace fmt = ::transferscore::aggregate::report;
  const diff::cell_counts t = r.totals();
  struct column {
    const char* head;
    const char* field;
    std::string value;
  };
  const std::vector<column> columns = {
      {"paired", "paired", count_text(t.total())},
      {"agreement %", "agreement", fmt::fixed(t.agreement() * 100, 2, "n/a")},
      {"kappa", "kappa", fmt::fixed(t.kappa(), 3, "n/a")},
      {"both right", "both_right", count_text(t.both_right)},
      {"A right, B wrong", "a_only", count_text(t.a_only)},
      {"B right, A wrong", "b_only", count_text(t.b_only)},
      {"both wrong", "both_wrong", count_text(t.both_wrong)},
      {"disagreements", "disagreements", count_text(t.disagreements())},
      {"only in A", "only_a", count_text(r.matched.only_a.size())},
      {"only in B", "only_b", count_text(r.matched.only_b.size())},
      {"duplicates A", "duplicates_a", count_text(r.duplicates('a'))},
      {"duplicates B", "duplicates_b", count_text(r.duplicates('b'))},
      {"no id A", "unidentified_a", count_text(r.a.unidentified.size())},
      {"no id B", "unidentified_b", count_text(r.b.unidentified.size())},
      {"bad lines A", "bad_lines_a", count_text(r.a.bad_lines.size())},
      {"bad lines B", "bad_lines_b", count_text(r.b.bad_lines.size())},
  };
  std::string out = "<div class=\"scroll\"><table class=\"data\" id=\"diff-totals\">\n<thead><tr>";
  for (const auto& c : columns) out += "<th class=\"num\">" + html_escape(c.head) + "</th>";
  out += "</tr></thead>\n<tbody><tr>";
  for (const auto& c : columns) out += diff_cell(c.value, c.field);
  return out + "</tr></tbody></table></div>\n";
}

inline std::string diff_benchmarks(const diff::diff_result& r) {
  namespace fmt = ::transferscore::aggregate::report;
  std::string out = "<div class=\"scroll\"><table class=\"data\" id=\"diff-table\">\n<thead><tr>";
  for (const char* h : {"model", "benchmark"}) out += "<th>" + std::string(h) + "</th>";
  for (const char* h : {"paired", "agreement %", "kappa", "both right", "A right, B wrong", "B right, A wrong", "both wrong",
                        "A %", "B %", "A − B (points)", "McNemar p", "only in A", "only in B", "duplicates"}) {
    out += "<th class=\"num\">" + html_escape(h) + "</th>";
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& g : r.benchmarks) {
    const auto& mc = g.paired.mcnemar;
    out += "<tr data-model=\"" + html_escape(g.model) + "\" data-benchmark=\"" + html_escape(g.benchmark) + "\">" +
           diff_cell(html_escape(g.model), "model", false) + diff_cell(html_escape(g.benchmark), "benchmark", false) +
           diff_cell(count_text(g.counts.total()), "paired") +
           diff_cell(fmt::fixed(g.counts.agreement() * 100, 1, "n/a"), "agreement") +
           diff_cell(fmt::fixed(g.counts.kappa(), 3, "n/a"), "kappa") + diff_cell(count_text(g.counts.both_right), "both_right") +
           diff_cell(count_text(g.counts.a_only), "a_only") + diff_cell(count_text(g.counts.b_only), "b_only") +
           diff_cell(count_text(g.counts.both_wrong), "both_wrong") +
           diff_cell(html_escape(diff_md::percent(g.paired.model)), "accuracy_a") +
           diff_cell(html_escape(diff_md::percent(g.paired.base)), "accuracy_b") +
           diff_cell(html_escape(diff_md::percent(g.paired.difference, true)), "difference") +
           diff_cell(mc.applicable ? fmt::fixed(mc.p_value, 4) : "n/a", "mcnemar") + diff_cell(count_text(g.only_a), "only_a") +
           diff_cell(count_text(g.only_b), "only_b") + diff_cell(count_text(g.duplicates_a + g.duplicates_b), "duplicates") +
           "</tr>\n";
  }
  return out + "</tbody></table></div>\n";
}

inline std::string diff_pattern(const html_diff& d, const diff::benchmark_diff& g, const diff::pattern& p, bool open,
                                const verdict_table& verdicts) {
  const diff::diff_result& r = d.result;
  std::string out = "<details class=\"pattern\" data-model=\"" + html_escape(g.model) + "\" data-benchmark=\"" +
                    html_escape(g.benchmark) + "\" data-right=\"" + std::string(1, p.right) + "\" data-count=\"" +
                    count_text(p.count) + "\"" + (open ? " open" : "") + ">\n<summary><span class=\"count\">" +
                    count_text(p.count) + "</span> <span class=\"name\">" + html_escape(pattern_name(p)) + "</span></summary>\n";
  // The sides' labels (often paths) are in the section's note and in the titles: short heads keep the table narrow.
  out += "<div class=\"scroll\"><table class=\"data diff-items\">\n<thead><tr><th>id</th><th class=\"num\">sample</th>"
         "<th>gold</th><th title=\"" + html_escape(r.a.label) + "\">A extracted</th><th title=\"" + html_escape(r.b.label) +
         "\">B extracted</th><th>verdicts</th></tr></thead>\n<tbody>\n";
  std::size_t shown = 0;
  for (const auto& [ia, ib] : p.examples) {
    if (shown == d.items) break;
    ++shown;
    const diff::entry& ea = r.a.entries[ia];
    const diff::entry& eb = r.b.entries[ib];
    const std::string* gold = diff::gold_of(ea, eb, d.golds);
    out += "<tr data-id=\"" + html_escape(ea.id) + "\" data-sample=\"" + std::to_string(ea.sample) + "\"><td class=\"id\">" +
           html_escape(ea.id) + "</td><td class=\"num\">" + std::to_string(ea.sample) + "</td>";
    out += gold != nullptr ? answer_cell(*gold, d.width, "gold") : std::string("<td class=\"gold none\">?</td>");
    out += answer_cell(ea.extracted, d.width, "side-a") + answer_cell(eb.extracted, d.width, "side-b");
    out += "<td class=\"links\">" + side_link(d, 0, ea, verdicts) + " " + side_link(d, 1, eb, verdicts) + "</td></tr>\n";
  }
  out += "</tbody></table></div>\n";
  if (p.count > shown) {
    out += "<p class=\"note more\">… and " + count_text(p.count - shown) + " more record" + (p.count - shown == 1 ? "" : "s") +
           " of this pattern, not listed (at most " + std::to_string(d.items) + " a pattern: <code>--diff-items</code>).</p>\n";
  }
  return out + "</details>\n";
}

}  // namespace detail

/// The section, as one string (html.hpp places it between the transfer and the verdicts).
[[nodiscard]] inline std::string diff_section(const html_diff& d, const verdict_table& verdicts) {
  const diff::diff_result& r = d.result;
  const diff::cell_counts t = r.totals();
  std::string out = "<section id=\"diff\">\n<h2>Disagreements</h2>\n<p class=\"note\">A: <code>" + html_escape(r.a.label) +
                    "</code> (" + std::to_string(r.a.entries.size()) + " judgements from " + std::to_string(r.a.files.size()) +
                    (r.a.files.size() == 1 ? " file" : " files") + "); B: <code>" + html_escape(r.b.label) + "</code> (" +
                    std::to_string(r.b.entries.size()) + " judgements from " + std::to_string(r.b.files.size()) +
                    (r.b.files.size() == 1 ? " file" : " files") + "). Records are paired by (" + html_escape(r.options.key.text()) +
                    "). A judgement is right when its verdict says correct (lm-eval: the metric is 1 or true); any status "
                    "but ok is wrong. The numbers are those of <code>transferscore diff</code> on the same files.</p>\n";
  out += "<h3>Totals</h3>\n" + detail::diff_totals(r);
  if (!r.benchmarks.empty()) out += "<h3>Per model and benchmark</h3>\n" + detail::diff_benchmarks(r);
  if (t.total() == 0) {
    out += "<p class=\"note\" id=\"diff-none\">No record of A has a partner in B under the key (" +
           html_escape(r.options.key.text()) + "): there is nothing to compare, and no disagreement.</p>\n";
    return out + "</section>\n";
  }
  if (t.disagreements() == 0) {
    out += "<p class=\"note\" id=\"diff-none\">No disagreement: A and B judge all " + std::to_string(t.total()) +
           " paired records alike.</p>\n";
    return out + "</section>\n";
  }
  out += "<p class=\"note\">The disagreements, grouped into patterns (which side is right, the statuses, the extraction "
         "sources, the shape of the gold and of the two extracted answers), largest first. Each record shows the gold "
         "and both extracted answers; \"open A\" or \"open B\" shows the verdict in the browser below when this page "
         "holds it, else its file and line.</p>\n";
  for (const auto& g : r.benchmarks) {
    if (g.patterns.empty()) continue;
    out += "<h3 class=\"diff-group\">" + html_escape(g.model) + " / " + html_escape(g.benchmark) + ": " +
           std::to_string(g.counts.disagreements()) + (g.counts.disagreements() == 1 ? " disagreement" : " disagreements") +
           " in " + std::to_string(g.patterns.size()) + (g.patterns.size() == 1 ? " pattern" : " patterns") + "</h3>\n";
    std::size_t shown = 0;
    std::uint64_t rest = 0, rest_patterns = 0;
    for (const auto& p : g.patterns) {
      if (shown == d.patterns) {
        rest += p.count;
        ++rest_patterns;
        continue;
      }
      out += detail::diff_pattern(d, g, p, shown == 0, verdicts);
      ++shown;
    }
    if (rest_patterns > 0) {
      out += "<p class=\"note more\">… and " + std::to_string(rest_patterns) + " more pattern" + (rest_patterns == 1 ? "" : "s") +
             " with " + std::to_string(rest) + (rest == 1 ? " disagreement" : " disagreements") +
             ", not listed (<code>--diff-patterns</code>; <code>transferscore diff --format json</code> lists every "
             "pattern).</p>\n";
    }
  }
  return out + "</section>\n";
}

}  // namespace report
TRANSFERSCORE_END_NAMESPACE
