#pragma once
// The outcome of scoring one record, separate from whether the answer was right.

#include <transferscore/config.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE

enum class status : unsigned char {
  ok,                  ///< an answer was found and judged; `correct` says how
  no_answer,           ///< the response holds no answer the scorer could extract
  unterminated_trace,  ///< the reasoning trace was opened and never closed: no answer
  malformed_record,    ///< the input line or one of its fields is unusable
  budget_exceeded,     ///< a work budget (length, depth, digits, steps) ran out
  runtime_error,       ///< the scorer failed for another reason
};

inline constexpr std::size_t status_count = 6;

inline constexpr std::array<std::string_view, status_count> status_names{
    "ok", "no_answer", "unterminated_trace", "malformed_record", "budget_exceeded", "runtime_error"};

[[nodiscard]] constexpr std::string_view to_string(status s) noexcept {
  return status_names[static_cast<std::size_t>(s)];
}

[[nodiscard]] constexpr std::optional<status> status_from_string(std::string_view name) noexcept {
  for (std::size_t i = 0; i < status_count; ++i) {
    if (status_names[i] == name) return static_cast<status>(i);
  }
  return std::nullopt;
}

TRANSFERSCORE_END_NAMESPACE
