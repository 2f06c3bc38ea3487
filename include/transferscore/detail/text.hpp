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
