#pragma once
// Python values read from JSON text, and Python's `==` on them: how functional
// (LeetCode-style) tests are judged. The expected output is `json.loads(output)`; what the
// program returned arrives as JSON too, with the Python types JSON cannot tell apart
// tagged by the runner:
//   {"__tuple__": [...]}                a tuple (a list otherwise)
//   {"__float__": "nan"|"inf"|"-inf"}   a non-finite float
//   {"__repr__": "..."}                 a value JSON cannot hold (a set, an object, a dict
//                                       with non-string keys): equal to nothing we read
//
// json.loads as CPython's scanner has it: white space is " \t\n\r" only; integers have
// no size limit (kept as decimal text) and floats are doubles (1e400 is inf); NaN,
// Infinity and -Infinity are floats; raw control characters in strings are refused; a
// lone \uD800 escape stays a lone surrogate; a duplicated key keeps its last value.
// Nesting deeper than max_value_depth is refused (Python's own limit is its recursion
// limit, about 1000).
//
// Python `==`: int, float and bool compare numerically and exactly (True == 1 == 1.0,
// 2**53 + 1 != 2.0**53), NaN is never equal, str by code points, list == list and
// tuple == tuple item by item but a list never equals a tuple, dict by keys and values
// whatever the order, None only to None.

#include <transferscore/config.hpp>
#include <transferscore/compat/python_str.hpp>

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace code {

inline constexpr std::size_t max_value_depth = 1000;

struct py_value {
  enum class kind : std::uint8_t { none, boolean, integer, real, string, list, tuple, dict, opaque };
  kind type = kind::none;
  bool flag = false;     ///< boolean
  double real = 0.0;     ///< real
  std::string text;      ///< integer: canonical decimal ("-12", "0"); string: UTF-8; opaque: its repr
  std::vector<py_value> items;     ///< list, tuple; dict values
  std::vector<std::string> keys;   ///< dict keys, parallel to items

  [[nodiscard]] bool is_number() const noexcept { return type == kind::boolean || type == kind::integer || type == kind::real; }
};

/// Why JSON text did not read as a value.
struct value_error {
  std::size_t offset = 0;
  std::string message;
};

namespace detail {

class json_value_reader {
 public:
  json_value_reader(std::string_view text, bool tags) : s_(text), tags_(tags) {}

  [[nodiscard]] std::optional<py_value> read(value_error& error) {
    py_value v;
    skip_ws();
    if (!value(v, 0)) {
      error = {pos_, error_};
      return std::nullopt;
    }
    skip_ws();
    if (pos_ != s_.size()) {
      error = {pos_, "extra data after the JSON value"};
      return std::nullopt;
    }
    return v;
  }

 private:
  bool fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
    return false;
  }
  void skip_ws() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
  }
  bool literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  bool value(py_value& v, std::size_t depth) {
    if (depth > max_value_depth) return fail("JSON nested too deeply");
    if (pos_ >= s_.size()) return fail("expected a value");
    const char c = s_[pos_];
    if (c == '{') return object(v, depth);
    if (c == '[') return array(v, depth);
    if (c == '"') {
      v.type = py_value::kind::string;
      return string(v.text);
    }
    if (literal("null")) {
      v.type = py_value::kind::none;
      return true;
    }
    if (literal("true") || literal("false")) {
      v.type = py_value::kind::boolean;
      v.flag = c == 't';
      return true;
    }
    if (literal("NaN")) return set_real(v, std::nan(""));
    if (literal("Infinity")) return set_real(v, HUGE_VAL);
    if (literal("-Infinity")) return set_real(v, -HUGE_VAL);
    return number(v);
  }

  static bool set_real(py_value& v, double d) {
    v.type = py_value::kind::real;
    v.real = d;
    return true;
  }

  bool number(py_value& v) {
    const std::size_t start = pos_;
    std::size_t i = pos_;
    auto digit = [&](std::size_t k) { return k < s_.size() && s_[k] >= '0' && s_[k] <= '9'; };
    if (i < s_.size() && s_[i] == '-') ++i;
    if (!digit(i)) return fail("expected a value");
    if (s_[i] == '0') {
      ++i;
    } else {
      while (digit(i)) ++i;
    }
    const std::size_t integer_end = i;
    bool is_real = false;
    if (i < s_.size() && s_[i] == '.' && digit(i + 1)) {
      is_real = true;
      ++i;
      while (digit(i)) ++i;
    }
    if (i < s_.size() && (s_[i] == 'e' || s_[i] == 'E')) {
      std::size_t k = i + 1;
      if (k < s_.size() && (s_[k] == '+' || s_[k] == '-')) ++k;
      if (digit(k)) {
        is_real = true;
        while (digit(k)) ++k;
        i = k;
      }
    }
    pos_ = i;
    const std::string_view token = s_.substr(start, i - start);
    if (!is_real) {
      v.type = py_value::kind::integer;
      std::string_view magnitude = token.substr(0, integer_end - start);
      const bool negative = magnitude.front() == '-';
      if (negative) magnitude.remove_prefix(1);
      v.text = (negative && magnitude != "0") ? "-" : "";
      v.text.append(magnitude);
      return true;
    }
    v.type = py_value::kind::real;
    v.real = parse_double(token);
    return true;
  }

  /// float(token), correctly rounded; out of range gives inf or 0 as Python does.
  static double parse_double(std::string_view token) {
    double d = 0.0;
    const auto [ptr, ec] = std::from_chars(token.data(), token.data() + token.size(), d);
    (void)ptr;
    if (ec != std::errc::result_out_of_range) return d;
    // Decide overflow or underflow from the decimal exponent of the first non-zero digit.
    const bool negative = token.front() == '-';
    std::int64_t point = 0, first_nonzero = -1, position = 0, exponent = 0;
    bool in_fraction = false;
    std::size_t k = negative ? 1 : 0;
    for (; k < token.size() && token[k] != 'e' && token[k] != 'E'; ++k) {
      if (token[k] == '.') {
        in_fraction = true;
        continue;
      }
      if (!in_fraction) ++point;
      if (token[k] != '0' && first_nonzero < 0) first_nonzero = position;
      ++position;
    }
    if (k < token.size()) {
      ++k;
      bool negative_exponent = false;
      if (token[k] == '+' || token[k] == '-') negative_exponent = token[k++] == '-';
      for (; k < token.size(); ++k) exponent = std::min<std::int64_t>(exponent * 10 + (token[k] - '0'), 1000000000);
      if (negative_exponent) exponent = -exponent;
    }
    const bool huge = first_nonzero >= 0 && point - first_nonzero + exponent > 0;
    const double magnitude = huge ? HUGE_VAL : 0.0;
    return negative ? -magnitude : magnitude;
  }

  bool hex4(std::uint32_t& out) {
    if (s_.size() - pos_ < 4) return fail("truncated \\u escape");
    out = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s_[pos_++];
      out <<= 4;
      if (c >= '0' && c <= '9') {
        out |= static_cast<std::uint32_t>(c - '0');
      } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
        out |= static_cast<std::uint32_t>((c | 0x20) - 'a' + 10);
      } else {
        return fail("invalid \\u escape");
      }
    }
    return true;
  }

  bool string(std::string& out) {
    ++pos_;  // opening quote
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) return fail("control character in a string");
      if (c != '\\') {
        out.push_back(c);
        ++pos_;
        continue;
      }
      ++pos_;
      if (pos_ >= s_.size()) break;
      const char e = s_[pos_++];
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          std::uint32_t unit = 0;
          if (!hex4(unit)) return false;
          if (unit >= 0xD800 && unit <= 0xDBFF && s_.substr(pos_, 2) == "\\u") {
            const std::size_t mark = pos_;
            pos_ += 2;
            std::uint32_t low = 0;
            if (!hex4(low)) return false;
            if (low >= 0xDC00 && low <= 0xDFFF) {
              unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
            } else {
              pos_ = mark;  // a lone high surrogate, then another escape
            }
          }
          compat::py::append_utf8(out, unit);  // lone surrogates as their own code point
          break;
        }
        default: return fail("invalid escape in a string");
      }
    }
    return fail("unterminated string");
  }

  bool array(py_value& v, std::size_t depth) {
    v.type = py_value::kind::list;
    ++pos_;
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == ']') {
      ++pos_;
      return true;
    }
    for (;;) {
      skip_ws();
      py_value item;
      if (!value(item, depth + 1)) return false;
      v.items.push_back(std::move(item));
      skip_ws();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == ']') {
        ++pos_;
        return true;
      }
      return fail("expected ',' or ']'");
    }
  }

  bool object(py_value& v, std::size_t depth) {
    v.type = py_value::kind::dict;
    ++pos_;
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == '}') {
      ++pos_;
      return true;
    }
    for (;;) {
      skip_ws();
      if (pos_ >= s_.size() || s_[pos_] != '"') return fail("expected a string key");
      std::string key;
      if (!string(key)) return false;
      skip_ws();
      if (pos_ >= s_.size() || s_[pos_] != ':') return fail("expected ':'");
      ++pos_;
      skip_ws();
      py_value item;
      if (!value(item, depth + 1)) return false;
      bool replaced = false;
      for (std::size_t k = 0; k < v.keys.size(); ++k) {
        if (v.keys[k] == key) {
          v.items[k] = std::move(item);  // the last duplicate wins, at the first one's place
          replaced = true;
          break;
        }
      }
      if (!replaced) {
        v.keys.push_back(std::move(key));
        v.items.push_back(std::move(item));
      }
      skip_ws();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == '}') {
        ++pos_;
        if (tags_) untag(v);
        return true;
      }
      return fail("expected ',' or '}'");
    }
  }

  /// A one-member object naming a tag becomes the Python value it stands for.
  static void untag(py_value& v) {
    if (v.keys.size() != 1) return;
    const std::string& key = v.keys[0];
    py_value& inner = v.items[0];
    if (key == "__tuple__" && inner.type == py_value::kind::list) {
      py_value tuple = std::move(inner);
      tuple.type = py_value::kind::tuple;
      v = std::move(tuple);
    } else if (key == "__float__" && inner.type == py_value::kind::string) {
      const std::string name = inner.text;
      if (name == "nan") {
        v = py_value{py_value::kind::real, false, std::nan(""), {}, {}, {}};
      } else if (name == "inf" || name == "-inf") {
        v = py_value{py_value::kind::real, false, name == "inf" ? HUGE_VAL : -HUGE_VAL, {}, {}, {}};
      }
    } else if (key == "__repr__" && inner.type == py_value::kind::string) {
      std::string repr = std::move(inner.text);
      v = py_value{};
      v.type = py_value::kind::opaque;
      v.text = std::move(repr);
    }
  }

  std::string_view s_;
  bool tags_;
  std::size_t pos_ = 0;
  std::string error_;
};

/// The exact decimal text of an integral, finite double (Python's int(x)).
[[nodiscard]] inline std::string integral_double_text(double x) {
  const bool negative = x < 0;
  double m = std::fabs(x);
  if (m < 9.0e18) {
    std::string out = std::to_string(static_cast<std::uint64_t>(m));
    return (negative && out != "0" ? "-" : "") + out;
  }
  int exponent = 0;
  const double fraction = std::frexp(m, &exponent);  // m = fraction * 2^exponent, fraction in [0.5, 1)
  auto mantissa = static_cast<std::uint64_t>(std::ldexp(fraction, 53));
  exponent -= 53;
  std::vector<int> digits;  // little-endian decimal digits
  for (; mantissa > 0; mantissa /= 10) digits.push_back(static_cast<int>(mantissa % 10));
  for (int k = 0; k < exponent; ++k) {
    int carry = 0;
    for (int& d : digits) {
      const int t = d * 2 + carry;
      d = t % 10;
      carry = t / 10;
    }
    if (carry > 0) digits.push_back(carry);
  }
  std::string out = negative ? "-" : "";
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) out.push_back(static_cast<char>('0' + *it));
  return out;
}

/// The integer text of a bool or integer value.
[[nodiscard]] inline std::string_view integer_text(const py_value& v) noexcept {
  if (v.type == py_value::kind::boolean) return v.flag ? std::string_view("1") : std::string_view("0");
  return v.text;
}

[[nodiscard]] inline bool numbers_equal(const py_value& a, const py_value& b) {
  const bool a_real = a.type == py_value::kind::real, b_real = b.type == py_value::kind::real;
  if (a_real && b_real) return a.real == b.real;
  if (!a_real && !b_real) return integer_text(a) == integer_text(b);
  const py_value& r = a_real ? a : b;
  const py_value& i = a_real ? b : a;
  if (!std::isfinite(r.real) || std::floor(r.real) != r.real) return false;
  return integral_double_text(r.real) == integer_text(i);
}

}  // namespace detail

/// json.loads(text) as a Python value; with `tags`, the runner's tagged objects become
/// the values they stand for. On failure fills `error`.
[[nodiscard]] inline std::optional<py_value> read_python_value(std::string_view text, value_error& error, bool tags = false) {
  return detail::json_value_reader(text, tags).read(error);
}

/// Python's `a == b`; `tolerance` (when set) also accepts two numbers, one of them a
/// float, with |a - b| <= atol + rtol * |b| (b is the expected side).
struct float_tolerance {
  double rtol = 1e-7;
  double atol = 1e-6;
};

[[nodiscard]] inline bool python_equal(const py_value& a, const py_value& b, const float_tolerance* tolerance = nullptr) {
  using k = py_value::kind;
  if (a.is_number() && b.is_number()) {
    if (detail::numbers_equal(a, b)) return true;
    if (tolerance == nullptr || (a.type != k::real && b.type != k::real)) return false;
    const auto as_double = [](const py_value& v) {
      if (v.type == k::real) return v.real;
      if (v.type == k::boolean) return v.flag ? 1.0 : 0.0;
      double d = 0.0;
      (void)std::from_chars(v.text.data(), v.text.data() + v.text.size(), d);
      return d;
    };
    const double x = as_double(a), y = as_double(b);
    if (!std::isfinite(x) || !std::isfinite(y)) return false;
    return std::fabs(x - y) <= tolerance->atol + tolerance->rtol * std::fabs(y);
  }
  if (a.type != b.type) return false;
  switch (a.type) {
    case k::none: return true;
    case k::string: return a.text == b.text;
    case k::list:
    case k::tuple:
      if (a.items.size() != b.items.size()) return false;
      for (std::size_t i = 0; i < a.items.size(); ++i) {
        if (!python_equal(a.items[i], b.items[i], tolerance)) return false;
      }
      return true;
    case k::dict:
      if (a.keys.size() != b.keys.size()) return false;
      for (std::size_t i = 0; i < a.keys.size(); ++i) {
        bool found = false;
        for (std::size_t j = 0; j < b.keys.size() && !found; ++j) {
          if (a.keys[i] == b.keys[j]) {
            if (!python_equal(a.items[i], b.items[j], tolerance)) return false;
            found = true;
          }
        }
        if (!found) return false;
      }
      return true;
    case k::opaque: return false;  // we cannot know what its __eq__ does: never equal
    default: return false;
  }
}

/// A short Python-like rendering of a value, for messages.
inline void append_python_repr(std::string& out, const py_value& v, std::size_t budget = 200) {
  using k = py_value::kind;
  if (out.size() > budget) return;
  switch (v.type) {
    case k::none: out += "None"; break;
    case k::boolean: out += v.flag ? "True" : "False"; break;
    case k::integer: out += v.text; break;
    case k::real: {
      if (std::isnan(v.real)) {
        out += "nan";
      } else if (std::isinf(v.real)) {
        out += v.real < 0 ? "-inf" : "inf";
      } else {
        char buffer[32];
        const auto [ptr, ec] = std::to_chars(buffer, buffer + sizeof buffer, v.real);
        (void)ec;
        std::string_view t(buffer, static_cast<std::size_t>(ptr - buffer));
        out += t;
        if (t.find_first_of(".e") == std::string_view::npos) out += ".0";
      }
      break;
    }
    case k::string: out += '\''; out += v.text; out += '\''; break;
    case k::opaque: out += v.text; break;
    case k::list:
    case k::tuple:
      out += v.type == k::list ? '[' : '(';
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        if (i > 0) out += ", ";
        append_python_repr(out, v.items[i], budget);
        if (out.size() > budget) {
          out += "...";
          return;
        }
      }
      if (v.type == k::tuple && v.items.size() == 1) out += ',';
      out += v.type == k::list ? ']' : ')';
      break;
    case k::dict:
      out += '{';
      for (std::size_t i = 0; i < v.keys.size(); ++i) {
        if (i > 0) out += ", ";
        out += '\'';
        out += v.keys[i];
        out += "': ";
        append_python_repr(out, v.items[i], budget);
        if (out.size() > budget) {
          out += "...";
          return;
        }
      }
      out += '}';
      break;
  }
}

}  // namespace code
TRANSFERSCORE_END_NAMESPACE
