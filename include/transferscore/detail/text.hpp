#pragma once
// Small text helpers shared by scorers (ASCII-level; Unicode-aware helpers live with the
// scorer that needs them).

#include <transferscore/config.hpp>

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace detail {

[[nodiscard]] constexpr bool is_ascii_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

[[nodiscard]] constexpr bool is_ascii_punct(char c) noexcept {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

/// Python's str.isspace() for one code point (what str.strip() removes).
[[nodiscard]] constexpr bool is_python_space(char32_t c) noexcept {
  return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

/// The length of the Python white-space code point that starts at `i` (0 when none).
[[nodiscard]] constexpr std::size_t python_space_at(std::string_view s, std::size_t i) noexcept {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return is_python_space(b) ? 1 : 0;
  char32_t c = 0;
  std::size_t n = 0;
  if (b >= 0xC2 && b <= 0xDF) {
    n = 2;
    c = b & 0x1Fu;
  } else if (b >= 0xE0 && b <= 0xEF) {
    n = 3;
    c = b & 0x0Fu;
  } else {
    return 0;  // four-byte code points hold no white space
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto t = static_cast<unsigned char>(s[i + k]);
    if ((t & 0xC0) != 0x80) return 0;
    c = (c << 6) | (t & 0x3Fu);
  }
  return is_python_space(c) ? n : 0;
}

/// Python's str.strip(): white space as str.isspace() sees it, at both ends.
[[nodiscard]] constexpr std::string_view trim_python(std::string_view s) noexcept {
  std::size_t begin = 0;
  while (begin < s.size()) {
    const std::size_t n = python_space_at(s, begin);
    if (n == 0) break;
    begin += n;
  }
  std::size_t end = s.size();
  while (end > begin) {
    std::size_t start = end - 1;
    while (start > begin && end - start < 3 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    if (python_space_at(s, start) != end - start) break;
    end = start;
  }
  return s.substr(begin, end - begin);
}

[[nodiscard]] constexpr char ascii_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

[[nodiscard]] constexpr std::string_view trim_ascii(std::string_view s) noexcept {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

/// The last occurrence of `needle` in `s` (npos when none), like string_view::rfind, but
/// scanning for the needle's first byte with memrchr: libstdc++'s rfind calls memcmp at
/// every position, which costs milliseconds on a megabyte.
[[nodiscard]] inline std::size_t rfind_fast(std::string_view s, std::string_view needle) noexcept {
  if (needle.empty()) return s.size();
  if (needle.size() > s.size()) return std::string_view::npos;
  std::size_t limit = s.size() - needle.size() + 1;  // candidate starts are < limit
  const char first = needle.front();
  while (limit > 0) {
#if defined(__GLIBC__) && defined(_GNU_SOURCE)
    const void* p = ::memrchr(s.data(), first, limit);
    if (p == nullptr) return std::string_view::npos;
    const auto at = static_cast<std::size_t>(static_cast<const char*>(p) - s.data());
#else
    std::size_t at = limit;
    while (at > 0 && s[at - 1] != first) --at;
    if (at == 0) return std::string_view::npos;
    --at;
#endif
    if (s.compare(at, needle.size(), needle) == 0) return at;
    limit = at;
  }
  return std::string_view::npos;
}

/// Cuts `s` to at most `max_bytes` without splitting a UTF-8 sequence.
[[nodiscard]] constexpr std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes) noexcept {
  if (s.size() <= max_bytes) return s;
  std::size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

}  // namespace detail
TRANSFERSCORE_END_NAMESPACE
