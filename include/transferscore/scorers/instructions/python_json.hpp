#pragma once
// Whether Python's json.loads(text) succeeds (CPython's C scanner, strict=True): any JSON
// value at the top level; NaN, Infinity and -Infinity accepted; ASCII digits only; raw
// control characters inside strings rejected; a leading BOM rejected; trailing data
// rejected. Nesting is handled with an explicit stack, so deep input cannot overflow
// ours (the original raises RecursionError around depth 1000 and aborts; here such
// text is judged by the grammar alone — see docs/ifeval.md).

#include <transferscore/config.hpp>

#include <cstddef>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace instructions::python_json {

namespace detail {
[[nodiscard]] constexpr bool is_ws(char32_t c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
[[nodiscard]] constexpr bool is_digit(char32_t c) noexcept { return c >= '0' && c <= '9'; }
[[nodiscard]] constexpr bool is_hex(char32_t c) noexcept {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
[[nodiscard]] inline bool literal(std::u32string_view s, std::size_t& i, std::string_view word) noexcept {
  if (s.size() - i < word.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k) {
    if (s[i + k] != static_cast<char32_t>(word[k])) return false;
  }
  i += word.size();
  return true;
}
[[nodiscard]] inline bool string_at(std::u32string_view s, std::size_t& i) noexcept {
  ++i;  // opening quote
  while (i < s.size()) {
    const char32_t c = s[i++];
    if (c == '"') return true;
    if (c < 0x20) return false;
    if (c == '\\') {
      if (i >= s.size()) return false;
      const char32_t e = s[i++];
      if (e == 'u') {
        for (int k = 0; k < 4; ++k) {
          if (i >= s.size() || !is_hex(s[i])) return false;
          ++i;
        }
      } else if (!(e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't')) {
        return false;
      }
    }
  }
  return false;
}
// A number, NaN, Infinity or -Infinity at s[i].
[[nodiscard]] inline bool number_at(std::u32string_view s, std::size_t& i) noexcept {
  if (s[i] == 'N') return literal(s, i, "NaN");
  if (s[i] == 'I') return literal(s, i, "Infinity");
  std::size_t j = i;
  if (s[j] == '-') {
    ++j;
    if (j < s.size() && s[j] == 'I') {
      i = j;
      return literal(s, i, "Infinity");
    }
  }
  if (j >= s.size() || !is_digit(s[j])) return false;
  if (s[j] == '0') {
    ++j;
  } else {
    while (j < s.size() && is_digit(s[j])) ++j;
  }
  if (j + 1 < s.size() && s[j] == '.' && is_digit(s[j + 1])) {
    j += 2;
    while (j < s.size() && is_digit(s[j])) ++j;
  }
  if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
    std::size_t k = j + 1;
    if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
    if (k < s.size() && is_digit(s[k])) {
      while (k < s.size() && is_digit(s[k])) ++k;
      j = k;
    }
  }
  i = j;
  return true;
}
}  // namespace detail

/// json.loads(text) would return without raising.
[[nodiscard]] inline bool loads_ok(std::u32string_view s) {
  using namespace detail;
  if (!s.empty() && s[0] == 0xFEFF) return false;
  std::size_t i = 0;
  auto skip = [&] {
    while (i < s.size() && is_ws(s[i])) ++i;
  };
  enum frame : unsigned char { array_frame, object_frame };
  std::vector<frame> stack;
  skip();
  for (;;) {
    // Parse one value at i.
    if (i >= s.size()) return false;
    const char32_t c = s[i];
    bool value_done = true;
    if (c == '"') {
      if (!string_at(s, i)) return false;
    } else if (c == '{') {
      ++i;
      skip();
      if (i < s.size() && s[i] == '}') {
        ++i;
      } else {
        if (i >= s.size() || s[i] != '"' || !string_at(s, i)) return false;
        skip();
        if (i >= s.size() || s[i] != ':') return false;
        ++i;
        skip();
        stack.push_back(object_frame);
        value_done = false;
      }
    } else if (c == '[') {
      ++i;
      skip();
      if (i < s.size() && s[i] == ']') {
        ++i;
      } else {
        stack.push_back(array_frame);
        value_done = false;
      }
    } else if (c == 'n') {
      if (!literal(s, i, "null")) return false;
    } else if (c == 't') {
      if (!literal(s, i, "true")) return false;
    } else if (c == 'f') {
      if (!literal(s, i, "false")) return false;
    } else if (c == '-' || c == 'N' || c == 'I' || is_digit(c)) {
      if (!number_at(s, i)) return false;
    } else {
      return false;
    }
    if (!value_done) continue;
    // After a complete value: close containers or move to the next element.
    for (;;) {
      if (stack.empty()) {
        skip();
        return i == s.size();
      }
      skip();
      if (i >= s.size()) return false;
      if (stack.back() == array_frame) {
        if (s[i] == ',') {
          ++i;
          skip();
          break;
        }
        if (s[i] != ']') return false;
        ++i;
        stack.pop_back();
      } else {
        if (s[i] == ',') {
          ++i;
          skip();
          if (i >= s.size() || s[i] != '"' || !string_at(s, i)) return false;
          skip();
          if (i >= s.size() || s[i] != ':') return false;
          ++i;
          skip();
          break;
        }
        if (s[i] != '}') return false;
        ++i;
        stack.pop_back();
      }
    }
  }
}

}  // namespace instructions::python_json
TRANSFERSCORE_END_NAMESPACE
