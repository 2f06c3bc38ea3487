#pragma once
// Small formatting helpers shared by the Markdown, CSV, JSON and SVG reports.

#include <transferscore/config.hpp>
#include <transferscore/aggregate/bootstrap.hpp>
#include <transferscore/aggregate/rounding_band.hpp>
#include <transferscore/aggregate/summary.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace aggregate {
namespace report {

/// A number with `decimals` digits, or `missing` for NaN.
[[nodiscard]] inline std::string fixed(double v, int decimals, std::string_view missing = "") {
  if (std::isnan(v)) return std::string(missing);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
  std::string out = buffer;
  if (out == "-0" || out.find_first_not_of("-0.") == std::string::npos) {
    if (!out.empty() && out[0] == '-') out.erase(0, 1);  // no "-0.0"
  }
  return out;
}

/// Like fixed(), with an explicit + on positive values (gains, indices).
[[nodiscard]] inline std::string signed_fixed(double v, int decimals, std::string_view missing = "") {
  std::string s = fixed(v, decimals, missing);
  if (!std::isnan(v) && !s.empty() && s[0] != '-' && s.find_first_not_of("0.") != std::string::npos) s.insert(0, "+");
  return s;
}

/// The shortest text that reads back to the same double (CSV and JSON); empty for NaN.
[[nodiscard]] inline std::string exact(double v) {
  if (!std::isfinite(v)) return {};
  std::string out;
  ::transferscore::detail::append_json_number(out, v);
  return out;
}

/// "[low, high]" scaled, or empty when the interval is not available.
[[nodiscard]] inline std::string bracket(const interval& ci, double scale, int decimals) {
  if (!ci.available()) return {};
  return "[" + fixed(ci.low * scale, decimals) + ", " + fixed(ci.high * scale, decimals) + "]";
}

/// A rounding band in the shape of an interval, so that brackets and whiskers draw it alike.
[[nodiscard]] inline interval band_interval(const rounding_band& band) {
  interval out;
  out.low = band.low;
  out.high = band.high;
  return out;
}

[[nodiscard]] inline std::string markdown_cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

[[nodiscard]] inline std::string xml_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

/// One sentence describing the policy of an aggregate, for report footers.
[[nodiscard]] inline std::string describe(const aggregate_policy& p) {
  std::string s = "Non-ok verdicts (no answer, unterminated trace, budget exceeded, errors) ";
  s += p.non_ok == status_policy::zero ? "count as score 0 and are reported by status"
                                       : "are excluded from every estimate and reported by status";
  s += "; averaging: ";
  s += p.average == averaging::macro ? "macro (every item weighs the same)" : "micro (every sample weighs the same)";
  s += "; SE: sample standard deviation / sqrt(items) (delta method for ratios)";
  if (p.bootstrap.replicates > 0) {
    s += "; intervals: " + fixed(p.bootstrap.confidence * 100, 0) + "% percentile bootstrap over items, " +
         std::to_string(p.bootstrap.replicates) + " replicates, seed " + std::to_string(p.bootstrap.seed);
  } else {
    s += "; no intervals (bootstrap off)";
  }
  s += "; maj@k ties count 1/t (random tie-break).";
  return s;
}

/// One sentence on the verdicts without an id (records lost before they had one, such as lines
/// that were not JSON), naming where they are; empty when there is none.
[[nodiscard]] inline std::string unidentified_note(const std::vector<benchmark_summary>& summaries) {
  std::string where;
  std::uint64_t total = 0;
  for (const auto& s : summaries) {
    if (s.unidentified == 0) continue;
    total += s.unidentified;
    if (!where.empty()) where += ", ";
    where += (s.model.empty() ? std::string("(no model)") : s.model) + " / " +
             (s.benchmark.empty() ? std::string("(no benchmark)") : s.benchmark) + ": " + std::to_string(s.unidentified);
  }
  if (total == 0) return {};
  return std::to_string(total) + (total == 1 ? " verdict has" : " verdicts have") +
         " no id (" + where + "): records lost before they had one, such as input lines that were not JSON. They are "
         "counted by status and enter no estimate, since an estimate is over items.";
}

}  // namespace report
}  // namespace aggregate
TRANSFERSCORE_END_NAMESPACE
