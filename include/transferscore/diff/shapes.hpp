#pragma once
// The shape of an answer (a gold or an extracted answer): integer, fraction, LaTeX, letter,
// ... Disagreements between two graders are grouped by the shapes of what they compared,
// because a grader's mistakes come in classes ("every digit-grouped gold fails", "every
// one-letter answer is missed"), and a class is found by its shape, not by its text.
//
// A best-effort classifier for grouping, not a parser: it looks at the text once, in the
// order below, and the first rule that fits wins. docs/diff.md lists the rules with
// examples.

#include <transferscore/config.hpp>
#include <transferscore/detail/text.hpp>

#include <array>
#include <cstddef>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace diff {

enum class shape : unsigned char {
  missing,           ///< no text was given at all (no gold known)
  empty,             ///< empty or white space only
  yes_no,            ///< yes, no, true, false
  letter,            ///< one letter: B, (B), B), [b]
  integer,           ///< -12
  grouped_number,    ///< digits in groups of three: 1,000  3,\!250  1{,}000  12\,345
  decimal,           ///< 0.25, -1.5e3
  percent,           ///< 25%, 12.5\%
  fraction,          ///< 3/4, \frac{3}{4}, -\dfrac12
  interval,          ///< [1, 2), (-\infty, 3], (0,1) \cup (2,3)
  tuple,             ///< (1, 2), [1, 2, 3], \{1, 2\}: bracketed, with a comma
  list,              ///< 1, 2, 3 / x=1, y=2: a comma at the top level, no brackets around
  inequality,        ///< x < 3, 0 \le y
  equation,          ///< x = 3, y=2x+1
  latex,             ///< \sqrt{2}, 2^{10}, \pi: a LaTeX command, ^, _ or braces
  expression,        ///< 2x+1, sqrt(3)/2: plain-text math
  text_with_number,  ///< "73 residents", "12 cm": words and a digit
  text,              ///< anything else
};

inline constexpr std::size_t shape_count = 18;

inline constexpr std::array<std::string_view, shape_count> shape_names{
    "missing", "empty",    "yes/no",     "letter",   "integer", "grouped-number", "decimal",
    "percent", "fraction", "interval",   "tuple",    "list",    "inequality",     "equation",
    "latex",   "expression", "text-with-number", "text"};

[[nodiscard]] constexpr std::string_view to_string(shape s) noexcept { return shape_names[static_cast<std::size_t>(s)]; }

namespace detail {

[[nodiscard]] constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
[[nodiscard]] constexpr bool is_letter(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

[[nodiscard]] constexpr bool starts_with(std::string_view s, std::string_view p) noexcept {
  return s.substr(0, p.size()) == p;
}
[[nodiscard]] constexpr bool ends_with(std::string_view s, std::string_view p) noexcept {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

/// The position of the brace that closes the one opening at `open`, or npos.
[[nodiscard]] constexpr std::size_t closing_brace(std::string_view s, std::size_t open) noexcept {
  int depth = 0;
  for (std::size_t i = open; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      ++i;  // \{ and \} are not grouping braces
      continue;
    }
    if (s[i] == '{') ++depth;
    if (s[i] == '}' && --depth == 0) return i;
  }
  return std::string_view::npos;
}

/// Takes off what wraps the whole answer without changing its shape: math delimiters,
/// \boxed{}, \text{}, bold, a final period.
[[nodiscard]] constexpr std::string_view unwrap(std::string_view s) noexcept {
  for (int round = 0; round < 4; ++round) {
    s = ::transferscore::detail::trim_ascii(s);
    const std::string_view before = s;
    if (s.size() >= 4 && starts_with(s, "$$") && ends_with(s, "$$")) {
      s = s.substr(2, s.size() - 4);
    } else if (s.size() >= 2 && s.front() == '$' && s.back() == '$') {
      s = s.substr(1, s.size() - 2);
    } else if (s.size() >= 4 && (starts_with(s, "\\(") && ends_with(s, "\\)"))) {
      s = s.substr(2, s.size() - 4);
    } else if (s.size() >= 4 && (starts_with(s, "\\[") && ends_with(s, "\\]"))) {
      s = s.substr(2, s.size() - 4);
    } else if (s.size() >= 4 && starts_with(s, "**") && ends_with(s, "**")) {
      s = s.substr(2, s.size() - 4);
    } else {
      for (std::string_view command : {"\\boxed{", "\\text{", "\\textbf{", "\\mathrm{", "\\mathbf{"}) {
        if (starts_with(s, command) && closing_brace(s, command.size() - 1) == s.size() - 1) {
          s = s.substr(command.size(), s.size() - command.size() - 1);
          break;
        }
      }
    }
    if (s.size() > 1 && s.back() == '.') s.remove_suffix(1);  // a sentence's period: "18." is 18
    if (s == before) break;
  }
  return ::transferscore::detail::trim_ascii(s);
}

/// Takes off a sign and a currency sign: "-$1,000" has the shape of "1,000".
[[nodiscard]] constexpr std::string_view skip_sign(std::string_view s) noexcept {
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) s.remove_prefix(1);
  if (starts_with(s, "\\pm")) s.remove_prefix(3);
  for (std::string_view currency : {"\\$", "$"}) {
    if (starts_with(s, currency) && s.size() > currency.size() && is_digit(s[currency.size()])) {
      s.remove_prefix(currency.size());
      break;
    }
  }
  return ::transferscore::detail::trim_ascii(s);
}

[[nodiscard]] constexpr bool all_digits(std::string_view s) noexcept {
  if (s.empty()) return false;
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return true;
}

/// 0.25, .5, 1.5e-3, and the e-notation of datasets (6e13, 1e-8).
[[nodiscard]] constexpr bool is_decimal(std::string_view s) noexcept {
  std::size_t i = 0, digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  const bool point = i < s.size() && s[i] == '.';
  if (!point && !(digits > 0 && i < s.size() && (s[i] == 'e' || s[i] == 'E'))) return false;
  if (point) ++i;
  while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (i == s.size()) return false;
    while (i < s.size() && is_digit(s[i])) ++i;
  }
  return i == s.size();
}

/// Digits in groups of three joined by a separator that is never a list separator:
/// ",", "{,}", ",\!", ",\! ", "\,", "\!", "\ ", "~", a thin or narrow no-break space.
/// ", " (a comma and a space) separates a list, so "10, 100" is not grouped.
[[nodiscard]] constexpr bool is_grouped(std::string_view s) noexcept {
  std::size_t i = 0, lead = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++lead;
  if (lead == 0 || lead > 3) return false;
  int groups = 0;
  while (i < s.size() && s[i] != '.') {
    constexpr std::string_view separators[] = {",\\! ", ",\\!", "{,}", "\\,", "\\!", "\\ ", "\xE2\x80\x89", "\xE2\x80\xAF", ",", "~"};
    std::size_t matched = 0;
    for (auto sep : separators) {
      if (s.substr(i, sep.size()) == sep) {
        matched = sep.size();
        break;
      }
    }
    if (matched == 0) return false;
    i += matched;
    for (int d = 0; d < 3; ++d, ++i) {
      if (i >= s.size() || !is_digit(s[i])) return false;
    }
    ++groups;
  }
  if (groups == 0) return false;
  if (i < s.size()) {  // a decimal part
    ++i;
    if (i == s.size()) return false;
    while (i < s.size() && is_digit(s[i])) ++i;
  }
  return i == s.size();
}

[[nodiscard]] constexpr bool is_plain_number(std::string_view s) noexcept {
  return all_digits(s) || is_decimal(s) || is_grouped(s);
}

/// {digits} or one digit (as in \frac12); returns the rest, or nothing.
[[nodiscard]] constexpr bool take_frac_part(std::string_view& s) noexcept {
  if (!s.empty() && s.front() == '{') {
    const std::size_t close = closing_brace(s, 0);
    if (close == std::string_view::npos) return false;
    const std::string_view inside = ::transferscore::detail::trim_ascii(s.substr(1, close - 1));
    if (!all_digits(inside)) return false;
    s.remove_prefix(close + 1);
    return true;
  }
  if (!s.empty() && is_digit(s.front())) {
    s.remove_prefix(1);
    return true;
  }
  return false;
}

[[nodiscard]] constexpr bool is_fraction(std::string_view s) noexcept {
  if (const auto slash = s.find('/'); slash != std::string_view::npos) {
    return all_digits(::transferscore::detail::trim_ascii(s.substr(0, slash))) &&
           all_digits(::transferscore::detail::trim_ascii(s.substr(slash + 1)));
  }
  for (std::string_view command : {"\\frac", "\\dfrac", "\\tfrac"}) {
    if (!starts_with(s, command)) continue;
    s.remove_prefix(command.size());
    s = ::transferscore::detail::trim_ascii(s);
    if (!take_frac_part(s)) return false;
    s = ::transferscore::detail::trim_ascii(s);
    return take_frac_part(s) && ::transferscore::detail::trim_ascii(s).empty();
  }
  return false;
}

[[nodiscard]] constexpr bool is_letter_answer(std::string_view s) noexcept {
  if (s.size() == 1) return is_letter(s[0]);
  if (s.size() == 2 && is_letter(s[0]) && (s[1] == ')' || s[1] == '.' || s[1] == ':')) return true;
  if (s.size() == 3 && is_letter(s[1]) && ((s[0] == '(' && s[2] == ')') || (s[0] == '[' && s[2] == ']'))) return true;
  return false;
}

[[nodiscard]] constexpr bool equals_ignoring_case(std::string_view s, std::string_view lower) noexcept {
  if (s.size() != lower.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (::transferscore::detail::ascii_lower(s[i]) != lower[i]) return false;
  }
  return true;
}

/// Whether a comma stands outside every bracket and brace, and whether the outer brackets
/// enclose the whole text (so "(1, 2)" is bracketed and "(1, 2) + 3" is not).
struct comma_layout {
  bool top_level_comma = false;  ///< a comma outside all brackets
  bool inner_comma = false;      ///< a comma directly inside the outer bracket pair
  bool enclosed = false;         ///< the first and last characters are one bracket pair
};

[[nodiscard]] constexpr comma_layout commas(std::string_view s) noexcept {
  comma_layout out;
  int depth = 0;
  bool closed_early = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\\' && i + 1 < s.size()) {
      // \{ \} are set braces (they nest like brackets); \, \! \; are spaces, not commas.
      if (s[i + 1] == '{') ++depth;
      if (s[i + 1] == '}') {
        --depth;
        if (depth == 0 && i + 2 < s.size()) closed_early = true;
      }
      ++i;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') ++depth;
    if (c == ')' || c == ']' || c == '}') {
      --depth;
      if (depth == 0 && i + 1 < s.size()) closed_early = true;
    }
    if (c == ',') {
      if (depth == 0) out.top_level_comma = true;
      if (depth == 1) out.inner_comma = true;
    }
  }
  out.enclosed = !closed_early && depth == 0 && s.size() >= 2;
  return out;
}

/// Prose, not an answer expression: several lines, or three words of three letters or
/// more ("It collects 3250 dollars", "73 residents own all four items").
[[nodiscard]] constexpr bool is_prose(std::string_view s) noexcept {
  if (s.find('\n') != std::string_view::npos) return true;
  int words = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    const std::size_t start = i;
    std::size_t letters = 0;
    while (i < s.size() && is_letter(s[i])) ++i, ++letters;
    if (i < s.size() && (s[i] == '.' || s[i] == ',' || s[i] == ';' || s[i] == ':' || s[i] == '!' || s[i] == '?')) ++i;
    const bool word = letters >= 3 && (i == s.size() || s[i] == ' ');
    while (i < s.size() && s[i] != ' ') ++i;
    if (word && i > start) ++words;
  }
  return words >= 3;
}

/// Whether the LaTeX command \name occurs as a whole command (\le, not the \le of \left).
[[nodiscard]] constexpr bool has_command(std::string_view s, std::string_view name) noexcept {
  for (std::size_t i = s.find('\\'); i != std::string_view::npos; i = s.find('\\', i + 1)) {
    if (s.substr(i + 1, name.size()) != name) continue;
    const std::size_t after = i + 1 + name.size();
    if (after == s.size() || !is_letter(s[after])) return true;
  }
  return false;
}

[[nodiscard]] constexpr bool has_digit(std::string_view s) noexcept {
  for (char c : s) {
    if (is_digit(c)) return true;
  }
  return false;
}

}  // namespace detail

/// The shape of one answer (see the rules at the top of this file and in docs/diff.md).
[[nodiscard]] constexpr shape classify(std::string_view answer) noexcept {
  using namespace detail;
  std::string_view s = unwrap(answer);
  if (s.empty()) return shape::empty;
  if (equals_ignoring_case(s, "yes") || equals_ignoring_case(s, "no") || equals_ignoring_case(s, "true") ||
      equals_ignoring_case(s, "false")) {
    return shape::yes_no;
  }
  if (is_letter_answer(s)) return shape::letter;

  const std::string_view unsigned_part = skip_sign(s);
  if (all_digits(unsigned_part)) return shape::integer;
  if (is_grouped(unsigned_part)) return shape::grouped_number;
  if (is_decimal(unsigned_part)) return shape::decimal;
  for (std::string_view percent : {"\\%", "%"}) {
    if (ends_with(unsigned_part, percent) &&
        is_plain_number(::transferscore::detail::trim_ascii(unsigned_part.substr(0, unsigned_part.size() - percent.size())))) {
      return shape::percent;
    }
  }
  if (is_fraction(unsigned_part)) return shape::fraction;

  if (is_prose(s)) return has_digit(s) ? shape::text_with_number : shape::text;

  std::string_view bracketed = s;
  for (std::string_view sizing : {"\\left", "\\bigl", "\\Bigl"}) {
    if (starts_with(bracketed, sizing)) bracketed.remove_prefix(sizing.size());
  }
  const comma_layout layout = commas(bracketed);
  if (s.find("\\cup") != std::string_view::npos) return shape::interval;
  const char first = bracketed.empty() ? '\0' : bracketed.front();
  const char last = s.back();
  if (layout.enclosed && layout.inner_comma && (first == '(' || first == '[') && (last == ')' || last == ']')) {
    const bool mixed = (first == '(') != (last == ')');
    const bool closed = first == '[' && last == ']';
    if (mixed || closed || s.find("\\infty") != std::string_view::npos) return shape::interval;
    return shape::tuple;
  }
  if (layout.enclosed && layout.inner_comma && starts_with(bracketed, "\\{")) return shape::tuple;
  if (layout.top_level_comma) return shape::list;

  for (std::string_view relation : {"<", ">", "\xE2\x89\xA4", "\xE2\x89\xA5", "\xE2\x89\xA0"}) {
    if (s.find(relation) != std::string_view::npos) return shape::inequality;
  }
  for (std::string_view command : {"le", "leq", "ge", "geq", "ne", "neq", "leqslant", "geqslant", "lt", "gt"}) {
    if (has_command(s, command)) return shape::inequality;
  }
  if (s.find('=') != std::string_view::npos) return shape::equation;
  if (s.find_first_of("\\^_{") != std::string_view::npos) return shape::latex;

  // Plain-text math: only digits, letters, operators and brackets, with an operator, and no
  // two words in a row (which would be prose).
  bool operators = false, digits = false, plain = true, prose = false;
  std::size_t run = 0, previous_run = 0;
  bool space_since_run = false;
  for (char c : s) {
    if (is_letter(c)) {
      if (run == 0 && space_since_run && previous_run >= 2) prose = true;
      ++run;
      continue;
    }
    if (run > 0) {
      previous_run = run;
      run = 0;
      space_since_run = false;
    }
    if (c == ' ') {
      space_since_run = true;
    } else if (is_digit(c) || c == '.') {
      digits = digits || is_digit(c);
      previous_run = 0;
    } else if (c == '+' || c == '-' || c == '*' || c == '/' || c == '(' || c == ')' || c == '!') {
      operators = true;
      previous_run = 0;
    } else {
      plain = false;
    }
  }
  if (plain && operators && !prose) return shape::expression;
  return has_digit(s) ? shape::text_with_number : shape::text;
}

}  // namespace diff
TRANSFERSCORE_END_NAMESPACE
