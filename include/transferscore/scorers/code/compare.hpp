#pragma once
// Comparison rules: is what a program produced for one test the expected output? Each
// rule is one named function; the scorer picks one with --set compare=auto|lcb|exact|tolerance.
//
//   lcb_stdout_equal        LiveCodeBench's official rule (testing_util.py grade_stdio):
//                           strip the whole output, split on "\n", strip every line (Python
//                           str.strip, Unicode white space); different line counts fail;
//                           per line, equal text passes, else the line's white-space tokens
//                           are converted with Decimal (a failed conversion fails) and the
//                           two lists must be equal (no tolerance: "0.3333333333" is not
//                           "0.333333333333"; NaN never equal; a signalling NaN makes the
//                           grader's comparison raise: reported as invalid_operation).
//   study_stdout_equal      the study's evalchemy rule: output.strip() == expected.strip(),
//                           where an expected output ending in "-" loses that "-" and the
//                           white space before it (a dataset hack kept as it is).
//   tolerance_stdout_equal  the official line structure, then per token: equal text, or
//                           both numbers (Decimal syntax) within |got - want| <= atol +
//                           rtol * |want| as doubles (evalplus-style: rtol 1e-7, atol 1e-6).
//   functional_equal        Python `==` on the return value and json.loads(expected)
//                           (python_value.hpp); LiveCodeBench first turns a top-level tuple
//                           into a list, the study does not; tolerance compares floats as
//                           above, at any depth.

#include <transferscore/config.hpp>
#include <transferscore/scorers/code/decimal.hpp>
#include <transferscore/scorers/code/python_value.hpp>
#include <transferscore/compat/python_str.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace code {

/// The outcome of comparing one test's output.
struct comparison {
  py_equality result = py_equality::different;
  std::string why;  ///< for a difference: what differs, in a few words

  [[nodiscard]] bool equal() const noexcept { return result == py_equality::equal; }
};

namespace detail {

using u32view = std::u32string_view;

/// [line.strip() for line in text.strip().split("\n")]
[[nodiscard]] inline std::vector<u32view> stripped_lines(u32view text) {
  text = compat::py::strip(text);
  std::vector<u32view> lines;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = text.find(U'\n', start);
    lines.push_back(compat::py::strip(text.substr(start, end == u32view::npos ? u32view::npos : end - start)));
    if (end == u32view::npos) break;
    start = end + 1;
  }
  return lines;
}

[[nodiscard]] inline std::string excerpt(u32view text, std::size_t max_chars = 60) {
  if (text.size() <= max_chars) return compat::py::encode_utf8(text);
  return compat::py::encode_utf8(text.substr(0, max_chars)) + "...";
}

[[nodiscard]] inline std::string line_difference(std::size_t line, u32view got, u32view want) {
  return "line " + std::to_string(line + 1) + ": '" + excerpt(got) + "' != '" + excerpt(want) + "'";
}

/// Decimal(t) for every token of the line; false when one raises.
[[nodiscard]] inline bool line_decimals(u32view line, std::vector<py_decimal>& out) {
  out.clear();
  for (u32view token : compat::py::split_whitespace(line)) {
    auto d = parse_python_decimal(token);
    if (!d) return false;
    out.push_back(std::move(*d));
  }
  return true;
}

/// The line structure both the official rule and the tolerance rule share; `same_line`
/// decides a pair of lines that are not textually equal.
template <class LineRule>
[[nodiscard]] comparison compare_lines(std::string_view got, std::string_view expected, LineRule same_line) {
  const std::u32string got_text = compat::py::decode_utf8(got);
  const std::u32string want_text = compat::py::decode_utf8(expected);
  const auto got_lines = stripped_lines(got_text);
  const auto want_lines = stripped_lines(want_text);
  comparison out;
  if (got_lines.size() != want_lines.size()) {
    out.why = std::to_string(got_lines.size()) + " output lines, expected " + std::to_string(want_lines.size());
    return out;
  }
  for (std::size_t i = 0; i < got_lines.size(); ++i) {
    if (got_lines[i] == want_lines[i]) continue;
    const py_equality e = same_line(got_lines[i], want_lines[i]);
    if (e == py_equality::equal) continue;
    out.result = e;
    out.why = line_difference(i, got_lines[i], want_lines[i]);
    if (e == py_equality::invalid_operation) out.why += " (comparing a signalling NaN raises InvalidOperation)";
    return out;
  }
  out.result = py_equality::equal;
  return out;
}

/// A token as a double when it has Decimal syntax and a finite value.
[[nodiscard]] inline std::optional<double> token_number(u32view token) {
  const auto ascii = decimal_ascii(token);
  if (!ascii) return std::nullopt;
  const auto d = parse_decimal_ascii(*ascii);
  if (!d || d->type != py_decimal::kind::finite) return std::nullopt;
  std::string text;
  for (char c : *ascii) {
    if (c != ' ') text.push_back(c);
  }
  if (!text.empty() && text.front() == '+') text.erase(0, 1);
  double value = 0.0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc::result_out_of_range) return std::nullopt;
  if (ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace detail

/// LiveCodeBench's official stdout rule.
[[nodiscard]] inline comparison lcb_stdout_equal(std::string_view got, std::string_view expected) {
  std::vector<py_decimal> got_decimals, want_decimals;
  return detail::compare_lines(got, expected, [&](detail::u32view g, detail::u32view w) {
    if (!detail::line_decimals(g, got_decimals) || !detail::line_decimals(w, want_decimals)) return py_equality::different;
    return decimal_lists_equal(got_decimals, want_decimals);
  });
}

/// The expected output as the study's grader prepares it: strip(), then a trailing "-"
/// and the white space before it removed.
[[nodiscard]] inline std::u32string study_expected_stdout(std::string_view expected) {
  const std::u32string decoded = compat::py::decode_utf8(expected);
  std::u32string_view e = compat::py::strip(decoded);
  if (!e.empty() && e.back() == U'-') e = compat::py::rstrip(e.substr(0, e.size() - 1));
  return std::u32string(e);
}

/// The study's stdout rule (evalchemy): whole-output strip() equality.
[[nodiscard]] inline comparison study_stdout_equal(std::string_view got, std::string_view expected) {
  const std::u32string got_text = compat::py::decode_utf8(got);
  const std::u32string want = study_expected_stdout(expected);
  const std::u32string_view g = compat::py::strip(got_text);
  comparison out;
  if (g == want) {
    out.result = py_equality::equal;
    return out;
  }
  std::size_t at = 0;
  while (at < g.size() && at < want.size() && g[at] == want[at]) ++at;
  out.why = "outputs differ at character " + std::to_string(at + 1) + ": '" + detail::excerpt(g.substr(at)) + "' != '" +
            detail::excerpt(std::u32string_view(want).substr(at)) + "'";
  return out;
}

/// The official line structure with a float tolerance per numeric token.
[[nodiscard]] inline comparison tolerance_stdout_equal(std::string_view got, std::string_view expected, const float_tolerance& tolerance) {
  return detail::compare_lines(got, expected, [&](detail::u32view g, detail::u32view w) {
    const auto got_tokens = compat::py::split_whitespace(g);
    const auto want_tokens = compat::py::split_whitespace(w);
    if (got_tokens.size() != want_tokens.size()) return py_equality::different;
    for (std::size_t i = 0; i < got_tokens.size(); ++i) {
      if (got_tokens[i] == want_tokens[i]) continue;
      const auto x = detail::token_number(got_tokens[i]);
      const auto y = detail::token_number(want_tokens[i]);
      if (!x || !y || !(std::fabs(*x - *y) <= tolerance.atol + tolerance.rtol * std::fabs(*y))) return py_equality::different;
    }
    return py_equality::equal;
  });
}

/// How a functional test's return value is compared with json.loads(expected).
enum class functional_rule : std::uint8_t {
  lcb,        ///< a top-level tuple counts as a list, then Python ==
  study,      ///< Python == (a tuple never equals a list)
  tolerance,  ///< as lcb, floats within the tolerance at any depth
};

[[nodiscard]] inline comparison functional_equal(py_value got, const py_value& expected, functional_rule rule,
                                                 const float_tolerance& tolerance = {}) {
  if (rule != functional_rule::study && got.type == py_value::kind::tuple) got.type = py_value::kind::list;
  comparison out;
  if (python_equal(got, expected, rule == functional_rule::tolerance ? &tolerance : nullptr)) {
    out.result = py_equality::equal;
    return out;
  }
  out.why = "returned ";
  append_python_repr(out.why, got, 80);
  out.why += ", expected ";
  const std::size_t mark = out.why.size();
  append_python_repr(out.why, expected, mark + 80);
  return out;
}

}  // namespace code
TRANSFERSCORE_END_NAMESPACE
