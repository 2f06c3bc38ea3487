#pragma once
// Reference mode: a yes/no judgement from free text, by whole words only ("Not", "None",
// "Nobody", "Yesterday" are never an answer). Steps, each reading from the end:
//
//   1. the last box: \boxed{Yes}, \boxed{\text{no}};
//   2. the last cue whose answer decides: "Answer: yes", "**Final Answer**: No",
//      "the answer is yes", "Judgement: No";
//   3. a response that starts with the word yes or no ("No, the answer is not supported");
//   4. the last non-empty line holding exactly one of the words yes / no.
//
// An answer decides when it starts with yes/no (but not "yes or no"), or holds exactly one
// of the two words.
// Both words or neither everywhere: no answer.

#include <transferscore/config.hpp>
#include <transferscore/detail/answer_cue.hpp>
#include <transferscore/detail/latex_box.hpp>
#include <transferscore/detail/short_answer.hpp>
#include <transferscore/detail/text.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace yesno {

enum class answer_source : std::uint8_t { none, boxed, cue, leading_word, last_line };

[[nodiscard]] constexpr std::string_view to_string(answer_source s) noexcept {
  switch (s) {
    case answer_source::none: return "none";
    case answer_source::boxed: return "boxed";
    case answer_source::cue: return "cue";
    case answer_source::leading_word: return "leading_word";
    case answer_source::last_line: return "last_line";
  }
  return "none";
}

struct judgement {
  bool yes = false;
  answer_source source = answer_source::none;
  [[nodiscard]] bool found() const noexcept { return source != answer_source::none; }
};

/// How much of the response end the cue and line steps read.
inline constexpr std::size_t reference_window_bytes = 16384;

namespace detail {

/// Which of the whole words yes / no `s` holds (words as Python's \w+ runs).
struct words_found {
  bool yes = false;
  bool no = false;
  std::optional<bool> first;  ///< the first word of `s`, when it is yes or no
  bool hedge = false;         ///< "yes or no", "no and yes" at the start
};

[[nodiscard]] inline words_found scan_words(std::string_view s) {
  words_found out;
  std::size_t word_index = 0;
  std::optional<bool> previous;  // the last word was yes/no
  bool joined = false;           // ... followed by "or" / "and"
  for (std::size_t i = 0; i < s.size();) {
    std::size_t length = 0;
    if (!transferscore::detail::is_python_word(transferscore::detail::decode_at(s, i, length))) {
      i += length;
      continue;
    }
    std::size_t end = i;
    while (end < s.size()) {
      std::size_t n = 0;
      if (!transferscore::detail::is_python_word(transferscore::detail::decode_at(s, end, n))) break;
      end += n;
    }
    const std::string_view w = s.substr(i, end - i);
    auto lower_is = [&](std::string_view want) {
      if (w.size() != want.size()) return false;
      for (std::size_t k = 0; k < w.size(); ++k) {
        if (transferscore::detail::ascii_lower(w[k]) != want[k]) return false;
      }
      return true;
    };
    const bool is_yes = lower_is("yes");
    const bool is_no = lower_is("no");
    out.yes = out.yes || is_yes;
    out.no = out.no || is_no;
    if (word_index == 0 && (is_yes || is_no)) out.first = is_yes;
    if (word_index == 2 && joined && previous && (is_yes || is_no) && *previous != is_yes) out.hedge = true;
    joined = word_index == 1 && out.first && (lower_is("or") || lower_is("and"));
    if (word_index == 0) previous = out.first;
    ++word_index;
    i = end;
  }
  return out;
}

/// The judgement an answer text gives: its first word, else the only one of yes/no in it.
[[nodiscard]] inline std::optional<bool> decide(std::string_view s) {
  const words_found w = scan_words(s);
  if (w.hedge) return std::nullopt;
  if (w.first) return w.first;
  if (w.yes != w.no) return w.yes;
  return std::nullopt;
}

inline constexpr transferscore::detail::answer_cue cues[] = {
    {"answer", true, false},
    {"judgement", true, true},
    {"judgment", true, true},
    {"verdict", true, true},
};

}  // namespace detail

/// The judgement of `response` (see the file comment for the steps).
[[nodiscard]] inline judgement extract_judgement(std::string_view response) {
  // 1. The last box.
  bool too_long = false;
  if (auto box = transferscore::detail::last_box_before(response, response.size(), 4096, too_long); box && box->closed) {
    const std::string_view content =
        transferscore::detail::unwrap_box(response.substr(box->content_begin, box->content_end - box->content_begin));
    if (auto v = detail::decide(content)) return {*v, answer_source::boxed};
  }
  std::string_view tail = response;
  if (tail.size() > reference_window_bytes) tail = tail.substr(tail.size() - reference_window_bytes);
  // 2. The last deciding cue.
  for (std::size_t i = tail.size(); i-- > 0;) {
    const char c = transferscore::detail::ascii_lower(tail[i]);
    if (c != 'a' && c != 'j' && c != 'v') continue;
    if (i > 0 && transferscore::detail::is_ascii_alpha(tail[i - 1])) continue;
    for (const auto& cue : detail::cues) {
      if (!transferscore::detail::cue_at(tail, i, cue)) continue;
      const auto j = transferscore::detail::after_cue(tail, i, cue);
      if (!j) continue;
      std::size_t start = *j;
      int newlines = 0;
      while (start < tail.size() && (transferscore::detail::is_line_blank(tail[start]) || tail[start] == '*' || tail[start] == '_')) {
        if (tail[start] == '\n') ++newlines;
        ++start;
      }
      if (newlines > 2) continue;
      std::size_t end = tail.find('\n', start);
      if (end == std::string_view::npos) end = tail.size();
      if (auto v = detail::decide(tail.substr(start, end - start))) return {*v, answer_source::cue};
    }
  }
  // 3. The response starts with yes or no.
  if (const auto w = detail::scan_words(transferscore::detail::first_line(transferscore::detail::trim_ascii(response))); w.first && !w.hedge) {
    return {*w.first, answer_source::leading_word};
  }
  // 4. The last line holds exactly one of the words.
  const detail::words_found w = detail::scan_words(transferscore::detail::last_nonempty_line(tail));
  if (w.yes != w.no) return {w.yes, answer_source::last_line};
  return {};
}

}  // namespace yesno
TRANSFERSCORE_END_NAMESPACE
