#pragma once
// Paper mode: the study's math grader, reproduced verdict for verdict (paper.md §7.1).
//
//   evalchemy (MATH500, AIME24, AIME25): answer = remove_boxed(last_boxed_only_string(out)),
//     "" when that raises; correct = lm-eval hendrycks_math is_equiv(gold, answer).
//   lm_eval (OlympiadBench, and the harness's AIME tasks): no box, no credit; the box is
//     unwrapped by the task's own remove_boxed (which also knows \fbox{}); is_equiv first
//     strips leading zeros and an all-zero decimal part from both sides.
//
// is_equiv compares the two strings after Hendrycks' strip_string, and falls back to raw
// equality when strip_string raises. Every quirk is kept, because the study's numbers were
// measured with them: "\\text{ " twice raises; a string ending in \sqrt or \frac raises; a
// single "/" between non-integers raises (int() fails) and sends the pair to raw equality;
// "tfrac" and "dfrac" are replaced anywhere, also inside words; "\\left" and "\\right" vanish
// also from \leftarrow; only the exact string "0.5" becomes \frac{1}{2}; a prefix before "="
// of at most two characters is dropped. Python indexes characters, not bytes: so does this
// code (a UTF-8 code point counts as one character).

#include <transferscore/config.hpp>
#include <transferscore/detail/text.hpp>
#include <transferscore/scorers/math/unicode.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace math {
namespace hendrycks {

namespace detail {

using math::detail::code_point_count;
using math::detail::code_point_offset;
using math::detail::decode_utf8;
using math::detail::utf8_length_at;

/// Python's str.replace(old, new): every non-overlapping occurrence, left to right.
[[nodiscard]] inline std::string replace_all(std::string_view s, std::string_view from, std::string_view to) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (true) {
    const std::size_t k = s.find(from, i);
    if (k == std::string_view::npos) break;
    out.append(s.substr(i, k - i));
    out.append(to);
    i = k + from.size();
  }
  out.append(s.substr(i));
  return out;
}

/// Python's str.split(sep).
[[nodiscard]] inline std::vector<std::string_view> split(std::string_view s, std::string_view sep) {
  std::vector<std::string_view> parts;
  std::size_t i = 0;
  while (true) {
    const std::size_t k = s.find(sep, i);
    if (k == std::string_view::npos) break;
    parts.push_back(s.substr(i, k - i));
    i = k + sep.size();
  }
  parts.push_back(s.substr(i));
  return parts;
}

/// The first character (code point) of s.
[[nodiscard]] inline std::string_view first_char(std::string_view s) { return s.substr(0, utf8_length_at(s, 0)); }

/// Python's str.isspace() for one code point (what int() strips).
[[nodiscard]] inline bool python_space(std::uint32_t c) noexcept {
  return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

/// Python's str.isdecimal() for the scripts answers use.
[[nodiscard]] inline bool python_decimal(std::uint32_t c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9) ||
         (c >= 0x0966 && c <= 0x096F) || (c >= 0x09E6 && c <= 0x09EF) || (c >= 0xFF10 && c <= 0xFF19);
}

/// Whether Python's int(s) succeeds: optional whitespace, sign, digits with single
/// underscores between them, at most 4300 digits (CPython's conversion limit).
[[nodiscard]] inline bool python_int_accepts(std::string_view s) {
  std::size_t i = 0, len = 1;
  while (i < s.size() && python_space(decode_utf8(s, i, len))) i += len;
  std::size_t end = s.size();
  while (end > i) {
    std::size_t k = end - 1;
    while (k > i && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
    if (!python_space(decode_utf8(s, k, len))) break;
    end = k;
  }
  if (i < end && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t digits = 0;
  bool last_underscore = false;
  while (i < end) {
    const std::uint32_t c = decode_utf8(s, i, len);
    if (c == '_') {
      if (digits == 0 || last_underscore) return false;
      last_underscore = true;
    } else if (python_decimal(c)) {
      ++digits;
      last_underscore = false;
    } else {
      return false;
    }
    i += len;
  }
  return digits > 0 && !last_underscore && digits <= 4300;
}

/// str(int(s)) == s: a canonical ASCII integer ("0", "12", "-3"; not "03", "+3", "-0").
[[nodiscard]] inline bool canonical_int(std::string_view s) {
  std::string_view d = s;
  if (!d.empty() && d.front() == '-') d.remove_prefix(1);
  if (d.empty() || d.find_first_not_of("0123456789") != std::string_view::npos) return false;
  if (d.size() > 1 && d.front() == '0') return false;
  if (d == "0" && s.size() != d.size()) return false;
  return true;
}

}  // namespace detail

/// A failed Python assertion or exception is `std::nullopt` throughout.
using maybe = std::optional<std::string>;

[[nodiscard]] inline maybe fix_fracs(std::string_view s) {
  const auto parts = detail::split(s, "\\frac");
  std::string out(parts[0]);
  for (std::size_t k = 1; k < parts.size(); ++k) {
    std::string_view sub = parts[k];
    out += "\\frac";
    if (sub.empty()) return std::nullopt;  // substr[0] raises IndexError
    if (sub[0] == '{') {
      out += sub;
      continue;
    }
    if (detail::code_point_count(sub) < 2) return std::string(s);
    const std::string_view a = detail::first_char(sub);
    const std::string_view rest_a = sub.substr(a.size());
    const std::string_view b = detail::first_char(rest_a);
    const std::string_view post = rest_a.substr(b.size());
    if (b != "{") {
      out += "{";
      out += a;
      out += "}{";
      out += b;
      out += "}";
      out += post;
    } else {
      out += "{";
      out += a;
      out += "}";
      out += b;
      out += post;
    }
  }
  return out;
}

[[nodiscard]] inline maybe fix_a_slash_b(std::string_view s) {
  const auto parts = detail::split(s, "/");
  if (parts.size() != 2) return std::string(s);
  // int(a) and int(b) raise ValueError (not caught there): the caller falls back to raw equality.
  if (!detail::python_int_accepts(parts[0]) || !detail::python_int_accepts(parts[1])) return std::nullopt;
  if (!detail::canonical_int(parts[0]) || !detail::canonical_int(parts[1])) return std::string(s);  // AssertionError: unchanged
  return "\\frac{" + std::string(parts[0]) + "}{" + std::string(parts[1]) + "}";
}

[[nodiscard]] inline maybe remove_right_units(std::string_view s) {
  if (s.find("\\text{ ") == std::string_view::npos) return std::string(s);
  const auto parts = detail::split(s, "\\text{ ");
  if (parts.size() != 2) return std::nullopt;  // assert len(splits) == 2
  return std::string(parts[0]);
}

[[nodiscard]] inline maybe fix_sqrt(std::string_view s) {
  if (s.find("\\sqrt") == std::string_view::npos) return std::string(s);
  const auto parts = detail::split(s, "\\sqrt");
  std::string out(parts[0]);
  for (std::size_t k = 1; k < parts.size(); ++k) {
    const std::string_view sub = parts[k];
    if (sub.empty()) return std::nullopt;  // split[0] raises IndexError
    if (sub[0] != '{') {
      const std::string_view a = detail::first_char(sub);
      out += "\\sqrt{";
      out += a;
      out += "}";
      out += sub.substr(a.size());
    } else {
      out += "\\sqrt";
      out += sub;
    }
  }
  return out;
}

/// Hendrycks' strip_string; nothing when it raises.
[[nodiscard]] inline maybe strip_string(std::string_view input) {
  using detail::replace_all;
  std::string s = replace_all(input, "\n", "");
  s = replace_all(s, "\\!", "");
  s = replace_all(s, "\\\\", "\\");
  s = replace_all(s, "tfrac", "frac");
  s = replace_all(s, "dfrac", "frac");
  s = replace_all(s, "\\left", "");
  s = replace_all(s, "\\right", "");
  s = replace_all(s, "^{\\circ}", "");
  s = replace_all(s, "^\\circ", "");
  s = replace_all(s, "\\$", "");
  auto units = remove_right_units(s);
  if (!units) return std::nullopt;
  s = std::move(*units);
  s = replace_all(s, "\\%", "");
  s = replace_all(s, " .", " 0.");
  s = replace_all(s, "{.", "{0.");
  if (s.empty()) return s;
  if (s[0] == '.') s = "0" + s;
  {
    const auto parts = detail::split(s, "=");
    if (parts.size() == 2 && detail::code_point_count(parts[0]) <= 2) s = std::string(parts[1]);
  }
  auto root = fix_sqrt(s);
  if (!root) return std::nullopt;
  s = replace_all(*root, " ", "");
  auto fracs = fix_fracs(s);
  if (!fracs) return std::nullopt;
  s = std::move(*fracs);
  if (s == "0.5") s = "\\frac{1}{2}";
  return fix_a_slash_b(s);
}

/// lm-eval hendrycks_math is_equiv.
[[nodiscard]] inline bool is_equiv(std::string_view a, std::string_view b) {
  const auto sa = strip_string(a);
  if (!sa) return a == b;
  const auto sb = strip_string(b);
  if (!sb) return a == b;
  return *sa == *sb;
}

/// The study's OlympiadBench/AIME is_equiv: leading zeros and an all-zero decimal part go first.
[[nodiscard]] inline bool is_equiv_olympiad(std::string_view a, std::string_view b) {
  auto prepare = [](std::string_view s) {
    while (!s.empty() && s.front() == '0') s.remove_prefix(1);
    const std::size_t point = s.find('.');
    if (point != std::string_view::npos) {
      std::string_view after = s.substr(point + 1);
      const std::size_t next = after.find('.');
      if (next != std::string_view::npos) after = after.substr(0, next);
      if (after.find_first_not_of('0') == std::string_view::npos) s = s.substr(0, point);
    }
    return s;
  };
  return is_equiv(prepare(a), prepare(b));
}

/// last_boxed_only_string: nothing when there is no box or its braces never close.
[[nodiscard]] inline maybe last_boxed_only_string(std::string_view s) {
  std::size_t idx = transferscore::detail::rfind_fast(s, "\\boxed");
  if (s.find("\\boxed ") != std::string_view::npos) {
    const auto after = detail::split(s, "\\boxed ");
    return "\\boxed " + std::string(detail::split(after.back(), "$")[0]);
  }
  if (idx == std::string_view::npos) {
    idx = transferscore::detail::rfind_fast(s, "\\fbox");
    if (idx == std::string_view::npos) return std::nullopt;
  }
  long open = 0;
  for (std::size_t i = idx; i < s.size(); ++i) {
    if (s[i] == '{') ++open;
    if (s[i] == '}') {
      --open;
      if (open == 0) return std::string(s.substr(idx, i + 1 - idx));
    }
  }
  return std::nullopt;
}

/// lm-eval hendrycks_math remove_boxed (asserting); nothing when an assertion fails.
[[nodiscard]] inline maybe remove_boxed(std::string_view s) {
  if (s.find("\\boxed ") != std::string_view::npos) {
    if (s.substr(0, 7) != "\\boxed ") return std::nullopt;
    return std::string(s.substr(7));
  }
  if (s.substr(0, 7) != "\\boxed{" || s.empty() || s.back() != '}') return std::nullopt;
  return std::string(s.substr(7, s.size() - 8));
}

/// The study's olympiad task remove_boxed: \fbox{} first, and no assertion on \boxed{.
[[nodiscard]] inline maybe remove_boxed_olympiad(std::string_view s) {
  if (s.find("\\fbox{") != std::string_view::npos) {
    if (s.substr(0, 6) != "\\fbox{" || s.back() != '}') return std::nullopt;
    return std::string(s.substr(6, s.size() - 7));
  }
  if (s.find("\\boxed ") != std::string_view::npos) {
    if (s.substr(0, 7) != "\\boxed ") return std::nullopt;
    return std::string(s.substr(7));
  }
  // s[len("\\boxed{"):-1], by characters
  const std::size_t chars = detail::code_point_count(s);
  if (chars <= 8) return std::string();
  const std::size_t begin = detail::code_point_offset(s, 7);
  const std::size_t end = detail::code_point_offset(s, chars - 1);
  return std::string(s.substr(begin, end - begin));
}

enum class grader : unsigned char {
  evalchemy,  ///< MATH500, AIME24, AIME25 as EvalChemy scored them
  lm_eval,    ///< the study's lm-eval tasks: OlympiadBench (and its AIME tasks)
};

struct paper_verdict {
  bool correct = false;
  bool box_found = false;     ///< a box was extracted
  bool grader_error = false;  ///< the study's code raises here (the olympiad task's remove_boxed)
  std::string answer;         ///< what the grader compared
};

/// The study's verdict on `response` for `gold`.
[[nodiscard]] inline paper_verdict grade(std::string_view gold, std::string_view response, grader g) {
  paper_verdict v;
  const maybe boxed = last_boxed_only_string(response);
  v.box_found = boxed.has_value();
  if (g == grader::evalchemy) {
    maybe answer = boxed ? remove_boxed(*boxed) : std::nullopt;  // remove_boxed(None) raises too
    v.answer = answer ? *answer : std::string();
    v.correct = is_equiv(gold, v.answer);
    return v;
  }
  if (!boxed) return v;
  maybe answer = remove_boxed_olympiad(*boxed);
  if (!answer) {
    v.grader_error = true;
    return v;
  }
  v.answer = std::move(*answer);
  v.correct = is_equiv_olympiad(v.answer, gold);
  return v;
}

}  // namespace hendrycks
}  // namespace math
TRANSFERSCORE_END_NAMESPACE
