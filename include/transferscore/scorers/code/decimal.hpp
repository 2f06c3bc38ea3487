#pragma once
// Python's `Decimal(token)` and `==` on lists of Decimals, as LiveCodeBench's official
// stdout comparison uses them (a line that is not textually equal still passes when its
// tokens are equal as decimals: "42.000" == "42", "1e3" == "1000").
//
// What CPython's C decimal module accepts, exactly (numeric_as_ascii, then libmpdec's
// mpd_qset_string with the maximum context, inexact results refused):
//   - surrounding Unicode white space is stripped; every '_' is removed, wherever it is;
//   - a non-ASCII decimal digit (str.isdecimal, e.g. Arabic-Indic) reads as its value;
//     any other non-ASCII character makes the token invalid;
//   - [sign] (digits [. [digits]] | . digits) [(e|E) [sign] digits], or, in any case,
//     inf, infinity, nan[digits], snan[digits] after the sign;
//   - the exponent must stay within libmpdec's 64-bit limits (adjusted exponent at most
//     999999999999999999, exponent at least -1999999999999999997), else InvalidOperation.
// Equality: NaN is never equal; comparing a signalling NaN raises InvalidOperation (the
// comparison fails the grader's whole run), zeros are equal whatever their sign.
// Python compares lists by length first (no element compared when lengths differ), then
// element by element up to the first difference.

#include <transferscore/config.hpp>
#include <transferscore/compat/python_str.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace code {

/// A Decimal value, normalised for equality (trailing zeros of the coefficient moved to
/// the exponent).
struct py_decimal {
  enum class kind : std::uint8_t { finite, infinity, quiet_nan, signaling_nan };
  kind type = kind::finite;
  bool negative = false;
  std::string digits;         ///< finite: the coefficient without leading or trailing zeros; "" is zero
  std::int64_t exponent = 0;  ///< finite non-zero: value = digits x 10^exponent
};

/// The result of a Python `==` that may raise.
enum class py_equality : std::uint8_t { equal, different, invalid_operation };

namespace detail {

inline constexpr std::int64_t mpd_max_emax = 999999999999999999LL;
inline constexpr std::int64_t mpd_min_etiny = -1999999999999999997LL;
inline constexpr std::int64_t exponent_saturation = 4000000000000000000LL;  // beyond every limit

/// The value of a Unicode decimal digit. Decimal digits come in runs of ten starting at
/// zero, and adjacent runs are whole, so the offset in the maximal run, modulo 10, is it.
[[nodiscard]] inline int unicode_decimal_value(char32_t c) noexcept {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  char32_t start = c;
  while (start > 0 && compat::py::is_decimal(start - 1)) --start;
  return static_cast<int>((c - start) % 10);
}

/// numeric_as_ascii(token, strip_ws=1, ignore_underscores=1); nothing when a character
/// cannot be represented (the conversion then fails).
[[nodiscard]] inline std::optional<std::string> decimal_ascii(std::u32string_view token) {
  token = compat::py::strip(token);
  std::string out;
  out.reserve(token.size());
  for (char32_t c : token) {
    if (c == '_') continue;
    if (c > 0 && c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (compat::py::is_space(c)) {
      out.push_back(' ');
    } else if (c != 0 && compat::py::is_decimal(c)) {
      out.push_back(static_cast<char>('0' + unicode_decimal_value(c)));
    } else {
      return std::nullopt;
    }
  }
  return out;
}

[[nodiscard]] constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

/// `word` at s[i...] in any case (libmpdec's _mpd_strneq compares each character with its
/// lower- and upper-case form).
[[nodiscard]] inline bool starts_with_nocase(std::string_view s, std::string_view word) noexcept {
  if (s.size() < word.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k) {
    const char c = s[k];
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (lower != word[k]) return false;
  }
  return true;
}

/// A NaN payload: digits only (possibly none).
[[nodiscard]] inline bool valid_payload(std::string_view s) noexcept {
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return true;
}

[[nodiscard]] inline std::int64_t saturate(std::int64_t v) noexcept {
  return v > exponent_saturation ? exponent_saturation : (v < -exponent_saturation ? -exponent_saturation : v);
}

}  // namespace detail

/// Decimal(s) for ASCII text after numeric_as_ascii; nothing when Python raises.
[[nodiscard]] inline std::optional<py_decimal> parse_decimal_ascii(std::string_view s) {
  py_decimal d;
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    d.negative = s[i] == '-';
    ++i;
  }
  const std::string_view rest = s.substr(i);
  if (detail::starts_with_nocase(rest, "nan")) {
    if (!detail::valid_payload(rest.substr(3))) return std::nullopt;
    d.type = py_decimal::kind::quiet_nan;
    return d;
  }
  if (detail::starts_with_nocase(rest, "snan")) {
    if (!detail::valid_payload(rest.substr(4))) return std::nullopt;
    d.type = py_decimal::kind::signaling_nan;
    return d;
  }
  if (detail::starts_with_nocase(rest, "inf")) {
    if (rest.size() != 3 && !(rest.size() == 8 && detail::starts_with_nocase(rest, "infinity"))) return std::nullopt;
    d.type = py_decimal::kind::infinity;
    return d;
  }
  // digits [. digits] [e [sign] digits], at least one coefficient digit
  std::string coefficient;
  std::size_t fraction_digits = 0;
  bool seen_point = false, any_digit = false;
  std::size_t j = 0;
  for (; j < rest.size(); ++j) {
    const char c = rest[j];
    if (c == '.') {
      if (seen_point) return std::nullopt;
      seen_point = true;
    } else if (detail::is_digit(c)) {
      any_digit = true;
      if (!(coefficient.empty() && c == '0')) coefficient.push_back(c);
      if (seen_point) ++fraction_digits;
    } else {
      break;
    }
  }
  if (!any_digit) return std::nullopt;
  std::int64_t exponent = 0;
  if (j < rest.size()) {
    if (rest[j] != 'e' && rest[j] != 'E') return std::nullopt;
    ++j;
    bool negative_exponent = false;
    if (j < rest.size() && (rest[j] == '+' || rest[j] == '-')) negative_exponent = rest[j++] == '-';
    if (j == rest.size()) return std::nullopt;
    for (; j < rest.size(); ++j) {
      if (!detail::is_digit(rest[j])) return std::nullopt;
      exponent = exponent >= detail::exponent_saturation / 10 ? detail::exponent_saturation : exponent * 10 + (rest[j] - '0');
    }
    if (negative_exponent) exponent = -exponent;
  }
  exponent = detail::saturate(exponent - static_cast<std::int64_t>(fraction_digits));
  if (coefficient.empty()) {  // zero
    if (exponent > detail::mpd_max_emax || exponent < detail::mpd_min_etiny) return std::nullopt;
    return d;
  }
  const std::int64_t adjusted = exponent + static_cast<std::int64_t>(coefficient.size()) - 1;
  if (adjusted > detail::mpd_max_emax || exponent < detail::mpd_min_etiny) return std::nullopt;
  std::size_t keep = coefficient.size();
  while (keep > 1 && coefficient[keep - 1] == '0') --keep;
  d.exponent = exponent + static_cast<std::int64_t>(coefficient.size() - keep);
  coefficient.resize(keep);
  d.digits = std::move(coefficient);
  return d;
}

/// Decimal(token) for a Python str token; nothing when Python raises InvalidOperation.
[[nodiscard]] inline std::optional<py_decimal> parse_python_decimal(std::u32string_view token) {
  const auto ascii = detail::decimal_ascii(token);
  if (!ascii) return std::nullopt;
  return parse_decimal_ascii(*ascii);
}

/// a == b for two Decimals.
[[nodiscard]] inline py_equality decimal_equal(const py_decimal& a, const py_decimal& b) noexcept {
  using k = py_decimal::kind;
  if (a.type == k::signaling_nan || b.type == k::signaling_nan) return py_equality::invalid_operation;
  if (a.type == k::quiet_nan || b.type == k::quiet_nan) return py_equality::different;
  if (a.type == k::infinity || b.type == k::infinity) {
    return a.type == b.type && a.negative == b.negative ? py_equality::equal : py_equality::different;
  }
  if (a.digits.empty() || b.digits.empty()) return a.digits.empty() && b.digits.empty() ? py_equality::equal : py_equality::different;
  return a.negative == b.negative && a.exponent == b.exponent && a.digits == b.digits ? py_equality::equal : py_equality::different;
}

/// a == b for two lists of Decimals (Python's list comparison).
[[nodiscard]] inline py_equality decimal_lists_equal(const std::vector<py_decimal>& a, const std::vector<py_decimal>& b) noexcept {
  if (a.size() != b.size()) return py_equality::different;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const py_equality e = decimal_equal(a[i], b[i]);
    if (e != py_equality::equal) return e;
  }
  return py_equality::equal;
}

}  // namespace code
TRANSFERSCORE_END_NAMESPACE
