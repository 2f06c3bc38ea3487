#pragma once
// A named setting that takes one of a few words ("score: f1 or em"): which word was given,
// and the list of allowed words for the error message, shared by the scorer families and
// the command-line tool so every such error reads alike.

#include <transferscore/config.hpp>

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace detail {

/// The position of `value` in `choices`, or choices.size() when it is not one of them.
[[nodiscard]] inline std::size_t index_of(std::string_view value, std::initializer_list<std::string_view> choices) noexcept {
  std::size_t i = 0;
  for (const std::string_view c : choices) {
    if (c == value) return i;
    ++i;
  }
  return i;
}

/// "a", "a or b", "a, b or c".
[[nodiscard]] inline std::string or_list(std::initializer_list<std::string_view> choices) {
  std::string out;
  std::size_t i = 0;
  for (const std::string_view c : choices) {
    if (i > 0) out.append(i + 1 == choices.size() ? " or " : ", ");
    out.append(c);
    ++i;
  }
  return out;
}

/// "<what> must be a, b or c, not '<value>'" (built by appending: GCC 12 at -O2 warns
/// falsely on chains of std::string operator+).
[[nodiscard]] inline std::string not_a_choice(std::string_view what, std::string_view value,
                                              std::initializer_list<std::string_view> choices) {
  std::string out(what);
  out.append(" must be ");
  out.append(or_list(choices));
  out.append(", not '");
  out.append(value);
  out.push_back('\'');
  return out;
}

}  // namespace detail
TRANSFERSCORE_END_NAMESPACE
