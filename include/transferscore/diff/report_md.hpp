#pragma once
// The Markdown report of a comparison: one table of agreement per (model, benchmark), then
// per benchmark its disagreement patterns with examples, then what was not compared (one
// side only, duplicate keys, verdicts without an id, bad lines) with file and line.

#include <transferscore/config.hpp>
#include <transferscore/aggregate/report/common.hpp>
#include <transferscore/aggregate/report/md.hpp>
#include <transferscore/diff/compare.hpp>
#include <transferscore/diff/report_json.hpp>

#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace diff {
namespace report {

struct markdown_options {
  std::size_t patterns = 10;  ///< patterns shown per benchmark (the JSON has all)
  std::size_t listed = 10;    ///< one-side-only records and duplicates shown per side
  std::size_t bad_lines = 50; ///< bad lines shown per side
  std::size_t width = 60;     ///< example texts cut to this many bytes
};

namespace reader_detail = ::transferscore::diff::detail;

namespace detail {

using aggregate::report::detail::row;
using aggregate::report::detail::rule;
using aggregate::report::fixed;
using aggregate::report::signed_fixed;

/// `text` as inline code when it holds no backtick (pipes are escaped by the table row).
[[nodiscard]] inline std::string code(std::string_view text) {
  if (text.empty()) return "(empty)";
  if (text.find('`') != std::string_view::npos) return std::string(text);
  std::string out = "`";
  out.append(text);
  out.push_back('`');
  return out;
}

[[nodiscard]] inline std::string percent(const aggregate::estimate& e, bool sign = false) {
  if (!e.defined()) return "n/a";
  std::string s = sign ? signed_fixed(e.value * 100, 1) : fixed(e.value * 100, 1);
  if (e.ci.available()) {
    s.push_back(' ');
    s.append(aggregate::report::bracket(e.ci, 100, 1));
  }
  return s;
}

[[nodiscard]] inline std::string pair_text(std::string_view a, std::string_view b) {
  std::string out(a.empty() ? "-" : a);
  out.append(" / ");
  out.append(b.empty() ? "-" : b);
  return out;
}

}  // namespace detail

[[nodiscard]] inline std::string diff_markdown(const diff_result& r, const gold_index* golds = nullptr,
                                               const markdown_options& options = {}) {
  using detail::row;
  using detail::rule;
  std::string out = "## Agreement: " + r.a.label + " (A) vs " + r.b.label + " (B)\n\n";
  out += "A: " + std::to_string(r.a.entries.size()) + " judgements from " + std::to_string(r.a.files.size()) +
         " file(s); B: " + std::to_string(r.b.entries.size()) + " from " + std::to_string(r.b.files.size()) +
         ". Records are paired by (" + r.options.key.text() + ").";
  if (!r.a.unidentified.empty() || !r.b.unidentified.empty()) {
    out += " Verdicts without an id (records lost before they had one, never paired): A " +
           std::to_string(r.a.unidentified.size()) + ", B " + std::to_string(r.b.unidentified.size()) + ".";
  }
  out += "\n\n";
  const std::vector<std::string> head = {"model", "benchmark", "paired", "agreement %", "kappa", "both right", "A only",
                                         "B only", "both wrong", "A %", "B %", "A - B (points)", "McNemar p",
                                         "only in A", "only in B", "duplicates"};
  out += row(head) + rule(head.size());
  for (const auto& g : r.benchmarks) {
    const auto& mc = g.paired.mcnemar;
    out += row({g.model, g.benchmark, std::to_string(g.counts.total()), detail::fixed(g.counts.agreement() * 100, 1, "n/a"),
                detail::fixed(g.counts.kappa(), 3, "n/a"), std::to_string(g.counts.both_right), std::to_string(g.counts.a_only),
                std::to_string(g.counts.b_only), std::to_string(g.counts.both_wrong), detail::percent(g.paired.model),
                detail::percent(g.paired.base), detail::percent(g.paired.difference, true),
                mc.applicable ? aggregate::report::fixed(mc.p_value, 4) : "n/a", std::to_string(g.only_a),
                std::to_string(g.only_b), std::to_string(g.duplicates_a + g.duplicates_b)});
  }
  const cell_counts t = r.totals();
  if (r.benchmarks.size() > 1) {
    out += row({"all", "", std::to_string(t.total()), detail::fixed(t.agreement() * 100, 1, "n/a"),
                detail::fixed(t.kappa(), 3, "n/a"), std::to_string(t.both_right), std::to_string(t.a_only),
                std::to_string(t.b_only), std::to_string(t.both_wrong), "", "", "", "",
                std::to_string(r.matched.only_a.size()), std::to_string(r.matched.only_b.size()),
                std::to_string(r.matched.duplicates.size())});
  }
  out += "\nA judgement is right when its verdict says correct (lm-eval: the metric is 1 or true); any status but "
         "ok is wrong. A - B is the difference of accuracies in points, with a " +
         detail::fixed(r.options.bootstrap.confidence * 100, 0) + "% paired percentile bootstrap over items (" +
         std::to_string(r.options.bootstrap.replicates) + " replicates, seed " + std::to_string(r.options.bootstrap.seed) +
         "); McNemar p is the exact two-sided binomial test on the discordant items.\n";

  for (const auto& g : r.benchmarks) {
    if (g.patterns.empty()) continue;
    out += "\n### Disagreements: " + g.model + " / " + g.benchmark + " (" + std::to_string(g.counts.disagreements()) +
           ")\n\n";
    out += row({"count", "right", "status A / B", "source A / B", "gold shape", "extracted shape A / B", "examples: id: gold; A | B"}) +
           rule(7);
    std::size_t shown = 0;
    std::uint64_t rest = 0, rest_patterns = 0;
    for (const auto& p : g.patterns) {
      if (shown == options.patterns) {
        rest += p.count;
        ++rest_patterns;
        continue;
      }
      ++shown;
      std::string examples;
      for (const auto& [ia, ib] : p.examples) {
        const entry& ea = r.a.entries[ia];
        const entry& eb = r.b.entries[ib];
        const std::string* gold = gold_of(ea, eb, golds);
        if (!examples.empty()) examples += "<br>";
        examples += detail::code(ea.id) + ": " + (gold != nullptr ? detail::code(shorten(*gold, options.width)) : "?") + "; " +
                    detail::code(shorten(ea.extracted, options.width)) + " | " + detail::code(shorten(eb.extracted, options.width));
      }
      out += row({std::to_string(p.count), p.right == 'a' ? "A" : "B",
                  detail::pair_text(to_string(p.status_a), to_string(p.status_b)), detail::pair_text(p.source_a, p.source_b),
                  std::string(to_string(p.gold)),
                  detail::pair_text(to_string(p.extracted_a), to_string(p.extracted_b)), examples});
    }
    if (rest_patterns > 0) {
      out += "\n" + std::to_string(rest_patterns) + " more pattern(s) with " + std::to_string(rest) +
             " disagreement(s) in the JSON report.\n";
    }
  }

  auto list_side = [&](const char* title, char which, const std::vector<std::uint32_t>& indices) {
    if (indices.empty()) return;
    const side& s = which == 'a' ? r.a : r.b;
    out += "\n### " + std::string(title) + " (" + std::to_string(indices.size()) + ")\n\n";
    std::size_t n = 0;
    for (auto i : indices) {
      if (n++ == options.listed) {
        out += "- ... and " + std::to_string(indices.size() - options.listed) + " more in the JSON report\n";
        break;
      }
      const entry& e = s.entries[i];
      out += "- " + e.model + " / " + e.benchmark + " / " + e.id + " / sample " + std::to_string(e.sample) + " (" +
             location(s, e) + ")\n";
    }
  };
  list_side(("Only in A: " + r.a.label).c_str(), 'a', r.matched.only_a);
  list_side(("Only in B: " + r.b.label).c_str(), 'b', r.matched.only_b);

  if (!r.matched.duplicates.empty()) {
    out += "\n### Duplicate keys, not compared (" + std::to_string(r.matched.duplicates.size()) + ")\n\n";
    std::size_t n = 0;
    for (const auto& d : r.matched.duplicates) {
      if (n++ == 2 * options.listed) {
        out += "- ... and " + std::to_string(r.matched.duplicates.size() - 2 * options.listed) + " more in the JSON report\n";
        break;
      }
      const side& s = d.side == 'a' ? r.a : r.b;
      const entry& e = s.entries[d.index];
      out += "- " + std::string(d.side == 'a' ? "A" : "B") + ": " + e.model + " / " + e.benchmark + " / " + e.id +
             " / sample " + std::to_string(e.sample) + " at " + location(s, e) + ", first at " +
             location(s, s.entries[d.first]) + "\n";
    }
  }

  for (const auto* s : {&r.a, &r.b}) {
    if (s->unidentified.empty()) continue;
    out += "\n### Without an id, not compared: " + std::string(s == &r.a ? "A" : "B") + ": " + s->label + " (" +
           std::to_string(s->unidentified.size()) + ")\n\n";
    std::size_t n = 0;
    for (const auto& l : s->unidentified) {
      if (n++ == options.bad_lines) {
        out += "- ... and " + std::to_string(s->unidentified.size() - options.bad_lines) + " more in the JSON report\n";
        break;
      }
      out += "- " + (l.model.empty() ? std::string("(no model)") : l.model) + " / " +
             (l.benchmark.empty() ? std::string("(no benchmark)") : l.benchmark) + ", " + std::string(to_string(l.state)) +
             " (" + s->files[l.file] + ":" + std::to_string(l.line) + "): " + (l.field.empty() ? "" : l.field + ": ") +
             l.message + "\n";
    }
  }
  for (const auto* s : {&r.a, &r.b}) {
    if (s->bad_lines.empty()) continue;
    out += "\n### Bad lines of " + std::string(s == &r.a ? "A" : "B") + ": " + s->label + " (" +
           std::to_string(s->bad_lines.size()) + ")\n\n";
    std::size_t n = 0;
    for (const auto& l : s->bad_lines) {
      if (n++ == options.bad_lines) {
        out += "- ... and " + std::to_string(s->bad_lines.size() - options.bad_lines) + " more in the JSON report\n";
        break;
      }
      out += "- " + s->files[l.file] + ":" + std::to_string(l.line) + ": " + (l.field.empty() ? "" : l.field + ": ") +
             l.message + "\n";
    }
  }
  for (const auto* s : {&r.a, &r.b}) {
    if (s->filtered_out > 0) {
      out += "\n" + std::string(s == &r.a ? "A" : "B") + ": " + std::to_string(s->filtered_out) +
             " lm-eval line(s) of other filters than " + reader_detail::joined(s->options.filters, ", ") + " left out.\n";
    }
  }
  return out;
}

}  // namespace report
}  // namespace diff
TRANSFERSCORE_END_NAMESPACE
