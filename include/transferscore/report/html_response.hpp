#pragma once
// What the report shows of one response: which part was scored (the trace policy recorded in
// the verdict, applied again), where the extracted answer stands in it, and, for a long
// response, which parts are kept within the character limit (the head, the answer with its
// surroundings, the tail) and how many characters each cut removed.
//
// A verdict records the extracted answer, not its position, so the position is found again:
// the last occurrence in the scored part, preferring one that does not stand inside a word,
// then the same without regard to ASCII case. Scorers read the last answer of a response, so
// the last occurrence is the one they read; an answer the scorer normalised ("1/2" read from
// "\frac{1}{2}") is not found, and the report says so rather than guess.

#include <transferscore/config.hpp>
#include <transferscore/core/trace.hpp>
#include <transferscore/detail/short_answer.hpp>
#include <transferscore/detail/text.hpp>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace report {

/// Byte positions in a response.
struct answer_location {
  static constexpr std::size_t none = std::string_view::npos;
  std::size_t scored_from = 0;  ///< the scored part starts here (after the reasoning trace)
  std::size_t begin = none;     ///< the extracted answer, when it was found
  std::size_t end = none;
  bool ignoring_case = false;   ///< found only without regard to ASCII case
  [[nodiscard]] bool found() const noexcept { return begin != none; }
};

namespace detail {

/// Does `needle` at `at` stand alone: no word character glued to a word-character edge?
[[nodiscard]] inline bool stands_alone(std::string_view hay, std::size_t at, std::string_view needle) noexcept {
  using ::transferscore::detail::python_word_at;
  using ::transferscore::detail::python_word_before;
  const bool word_start = python_word_at(needle, 0), word_end = python_word_before(needle, needle.size());
  return !(word_start && python_word_before(hay, at)) && !(word_end && python_word_at(hay, at + needle.size()));
}

/// The last occurrence of `needle` in `hay`, standing alone when one does; `fold` compares
/// ASCII letters without case.
[[nodiscard]] inline std::size_t last_occurrence(std::string_view hay, std::string_view needle, bool fold) {
  std::string folded_hay, folded_needle;
  if (fold) {
    folded_hay.assign(hay);
    folded_needle.assign(needle);
    for (auto& c : folded_hay) c = ::transferscore::detail::ascii_lower(c);
    for (auto& c : folded_needle) c = ::transferscore::detail::ascii_lower(c);
    hay = folded_hay;
    needle = folded_needle;
  }
  std::size_t last = std::string_view::npos;
  for (std::size_t limit = hay.size(); limit >= needle.size();) {
    const std::size_t at = ::transferscore::detail::rfind_fast(hay.substr(0, limit), needle);
    if (at == std::string_view::npos) break;
    if (last == std::string_view::npos) last = at;
    if (stands_alone(hay, at, needle)) return at;
    limit = at + needle.size() - 1;  // the next candidate ends before this one does
  }
  return last;
}

}  // namespace detail

/// Where the scored part of `response` starts under the trace policy a verdict names
/// (`trace`, as trace_policy::describe() writes it; an unknown text scores the whole
/// response), and where `extracted` was found in it.
[[nodiscard]] inline answer_location locate_answer(std::string_view response, std::string_view extracted, std::string_view trace) {
  answer_location at;
  if (const auto policy = trace_policy::parse(trace)) {
    const trace_outcome t = apply_trace_policy(*policy, response);
    if (t.unterminated && policy->unterminated == trace_policy::on_unterminated::no_answer) {
      at.scored_from = response.size();  // nothing was scored
    } else if (!t.answer.empty()) {
      at.scored_from = static_cast<std::size_t>(t.answer.data() - response.data());
    } else {
      at.scored_from = response.size();
    }
  }
  if (extracted.empty()) return at;
  const std::string_view scored = response.substr(at.scored_from);
  for (bool fold : {false, true}) {
    const std::size_t found = detail::last_occurrence(scored, extracted, fold);
    if (found == std::string_view::npos) continue;
    at.begin = at.scored_from + found;
    at.end = at.begin + extracted.size();
    at.ignoring_case = fold;
    break;
  }
  return at;
}

/// A run of the response as the report shows it.
struct response_piece {
  enum class kind : unsigned char {
    unscored = 0,  ///< before the scored part: the reasoning trace
    scored = 1,
    answer = 2,    ///< the extracted answer
    cut = 3,       ///< `cut_chars` characters left out here
  };
  kind what = kind::scored;
  std::string_view text;     ///< a view into the response (empty for a cut)
  std::size_t cut_chars = 0;
};

namespace detail {

/// Byte offsets of the given code-point positions (ascending), in one pass.
inline std::vector<std::size_t> byte_offsets(std::string_view s, const std::vector<std::size_t>& chars) {
  std::vector<std::size_t> out;
  out.reserve(chars.size());
  std::size_t byte = 0, index = 0;
  for (const std::size_t wanted : chars) {
    while (index < wanted && byte < s.size()) {
      ++byte;
      while (byte < s.size() && (static_cast<unsigned char>(s[byte]) & 0xC0) == 0x80) ++byte;
      ++index;
    }
    out.push_back(byte);
  }
  return out;
}

[[nodiscard]] inline std::size_t count_chars(std::string_view s) noexcept {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

}  // namespace detail

/// The response in pieces: at most `max_chars` characters of text (0: no limit), kept as the
/// head, a window around the answer and the tail (a quarter, a half and a quarter of the
/// limit; without an answer, the head and the tail), with a cut piece wherever text was left out.
[[nodiscard]] inline std::vector<response_piece> response_pieces(std::string_view response, const answer_location& at,
                                                                 std::size_t max_chars) {
  using piece = response_piece;
  const std::size_t total = detail::count_chars(response);
  // Kept windows, in characters, [first, second).
  std::vector<std::pair<std::size_t, std::size_t>> keep;
  if (max_chars == 0 || total <= max_chars) {
    keep.emplace_back(0, total);
  } else if (at.found()) {
    const std::size_t head = max_chars / 4, tail = max_chars / 4, middle = max_chars - head - tail;
    const std::size_t a0 = detail::count_chars(response.substr(0, at.begin));
    const std::size_t a1 = a0 + detail::count_chars(response.substr(at.begin, at.end - at.begin));
    std::size_t w0 = a0, w1 = a0 + middle;
    if (a1 - a0 < middle) {
      const std::size_t pad = middle - (a1 - a0);
      w0 = a0 - std::min(a0, pad / 2);
      w1 = w0 + middle;
      if (w1 > total) {
        w0 -= std::min(w0, w1 - total);
        w1 = total;
      }
    }
    keep = {{0, head}, {w0, w1}, {total - tail, total}};
  } else {
    keep = {{0, max_chars / 2}, {total - (max_chars - max_chars / 2), total}};
  }
  // Merge overlapping or touching windows (they are in order of their starts).
  std::sort(keep.begin(), keep.end());
  std::vector<std::pair<std::size_t, std::size_t>> merged;
  for (const auto& w : keep) {
    if (w.first >= w.second) continue;
    if (!merged.empty() && w.first <= merged.back().second) merged.back().second = std::max(merged.back().second, w.second);
    else merged.push_back(w);
  }
  std::vector<std::size_t> chars;
  for (const auto& w : merged) {
    chars.push_back(w.first);
    chars.push_back(w.second);
  }
  const auto bytes = detail::byte_offsets(response, chars);

  std::vector<piece> out;
  auto kind_at = [&](std::size_t byte) {
    if (byte < at.scored_from) return piece::kind::unscored;
    if (at.found() && byte >= at.begin && byte < at.end) return piece::kind::answer;
    return piece::kind::scored;
  };
  std::size_t done_chars = 0;
  for (std::size_t w = 0; w < merged.size(); ++w) {
    if (merged[w].first > done_chars) out.push_back({piece::kind::cut, {}, merged[w].first - done_chars});
    done_chars = merged[w].second;
    std::size_t from = bytes[2 * w];
    const std::size_t to = bytes[2 * w + 1];
    while (from < to) {
      // The next boundary between kinds within the window.
      std::size_t next = to;
      for (const std::size_t b : {at.scored_from, at.begin, at.end}) {
        if (b != answer_location::none && b > from && b < next) next = b;
      }
      out.push_back({kind_at(from), response.substr(from, next - from), 0});
      from = next;
    }
  }
  if (total > done_chars) out.push_back({piece::kind::cut, {}, total - done_chars});
  return out;
}

/// `text` cut to its first `max_chars` characters (0: no limit); `cut_chars` says how many
/// characters were left out.
[[nodiscard]] inline std::string_view cut_text(std::string_view text, std::size_t max_chars, std::size_t& cut_chars) {
  cut_chars = 0;
  if (max_chars == 0) return text;
  const auto end = detail::byte_offsets(text, {max_chars}).front();
  if (end < text.size()) cut_chars = detail::count_chars(text.substr(end));
  return text.substr(0, end);
}

}  // namespace report
TRANSFERSCORE_END_NAMESPACE
