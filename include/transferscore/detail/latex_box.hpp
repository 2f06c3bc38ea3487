#pragma once
// Finding LaTeX boxes (\boxed{...}, \boxed 5, \fbox{...}) from the end of a response: shared
// by the families that read a boxed final answer (math, choice, yesno).

#include <transferscore/config.hpp>

#include <cstddef>
#include <cstring>
#include <optional>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace detail {

[[nodiscard]] constexpr bool is_ascii_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
[[nodiscard]] constexpr bool is_line_blank(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

struct box_span {
  std::size_t begin = 0;  ///< position of the backslash
  std::size_t content_begin = 0;
  std::size_t content_end = 0;
  bool closed = false;
};

/// The last backslash before `limit` (memrchr where the C library has it).
[[nodiscard]] inline std::size_t last_backslash(std::string_view s, std::size_t limit) noexcept {
#if defined(__GLIBC__) && defined(_GNU_SOURCE)
  const void* p = ::memrchr(s.data(), '\\', limit);
  return p == nullptr ? std::string_view::npos : static_cast<std::size_t>(static_cast<const char*>(p) - s.data());
#else
  for (std::size_t i = limit; i-- > 0;) {
    if (s[i] == '\\') return i;
  }
  return std::string_view::npos;
#endif
}

/// The last box command (\boxed or \fbox) that starts before `limit`. Its content is read
/// for at most `max_content` bytes: a longer box is reported as `too_long`.
[[nodiscard]] inline std::optional<box_span> last_box_before(std::string_view s, std::size_t limit, std::size_t max_content,
                                                             bool& too_long) {
  too_long = false;
  while (limit > 0) {
    const std::size_t at = last_backslash(s, limit);
    if (at == std::string_view::npos) return std::nullopt;
    limit = at;
    std::size_t name_len = 0;
    if (s.substr(at + 1, 5) == "boxed") {
      name_len = 6;
    } else if (s.substr(at + 1, 4) == "fbox") {
      name_len = 5;
    } else {
      continue;
    }
    std::size_t i = at + name_len;
    if (i < s.size() && is_ascii_alpha(s[i])) continue;  // \boxedtext is another command
    box_span box;
    box.begin = at;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    if (i < s.size() && s[i] == '{') {
      std::size_t depth = 0;
      box.content_begin = i + 1;
      const std::size_t stop = s.size() - box.content_begin > max_content ? box.content_begin + max_content + 1 : s.size();
      for (; i < stop; ++i) {
        const char c = s[i];
        if (c == '\\' && i + 1 < s.size() && (s[i + 1] == '{' || s[i + 1] == '}')) {
          ++i;  // \{ and \} do not open or close groups
          continue;
        }
        if (c == '{') {
          ++depth;
        } else if (c == '}' && --depth == 0) {
          box.content_end = i;
          box.closed = true;
          break;
        }
      }
      if (!box.closed) {
        box.content_end = stop;
        too_long = stop < s.size();
      }
      return box;
    }
    // \boxed 5: one token, up to a space or a dollar sign.
    box.content_begin = i;
    while (i < s.size() && !is_line_blank(s[i]) && s[i] != '$' && i - box.content_begin <= max_content) ++i;
    if (i - box.content_begin > max_content) {
      too_long = true;
      box.content_end = i;
      return box;
    }
    // "\boxed 5." ends a sentence: the period is not part of the answer.
    while (i > box.content_begin && (s[i - 1] == '.' || s[i - 1] == ',' || s[i - 1] == ';')) --i;
    box.content_end = i;
    box.closed = box.content_end > box.content_begin;
    if (!box.closed) continue;
    return box;
  }
  return std::nullopt;
}

}  // namespace detail
TRANSFERSCORE_END_NAMESPACE
