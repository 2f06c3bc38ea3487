#pragma once
// Reference mode: the final letter of a free-text answer, from the most trusted evidence
// found (each step scans from the end of the response):
//
//   1. the last box: \boxed{B}, \boxed{\text{B}}, \boxed{(B)}, \boxed{B) option text};
//   2. the last answer cue with a letter after it: "the answer is (B)", "Answer: B",
//      "**Answer:** B", "**Final Answer**: B", "correct option is B" (cue words in any case;
//      the letter must be a capital or in parentheses). A self-correction on the cue's line
//      ("Answer: A... no wait, C") takes the letter after the correction;
//   3. the last line being a letter: "B", "(B)", "B.", "B) option text", "Option B";
//   4. with option texts: the final answer (the last cue's line, else the last line) naming
//      exactly one option's text, as whole words after normalisation.
//
// A bare "A" or "I" followed by a lower-case word is English prose, never a letter.

#include <transferscore/config.hpp>
#include <transferscore/detail/answer_cue.hpp>
#include <transferscore/detail/latex_box.hpp>
#include <transferscore/detail/short_answer.hpp>
#include <transferscore/detail/text.hpp>
#include <transferscore/scorers/choice/gold.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace choice {

enum class letter_source : std::uint8_t { none, boxed, cue, last_line, option_text };

[[nodiscard]] constexpr std::string_view to_string(letter_source s) noexcept {
  switch (s) {
    case letter_source::none: return "none";
    case letter_source::boxed: return "boxed";
    case letter_source::cue: return "cue";
    case letter_source::last_line: return "last_line";
    case letter_source::option_text: return "option_text";
  }
  return "none";
}

struct letter_extraction {
  char letter = 0;
  letter_source source = letter_source::none;
  [[nodiscard]] bool found() const noexcept { return source != letter_source::none; }
};

/// How much of the response end the cue and line steps read (final answers are there).
inline constexpr std::size_t reference_window_bytes = 16384;

namespace detail {

using transferscore::detail::is_ascii_alpha;

[[nodiscard]] constexpr bool is_alnum(char c) noexcept { return is_ascii_alpha(c) || (c >= '0' && c <= '9'); }

/// A letter token at `j` (after decoration: spaces, *, _, $, `, \text{ and the like).
/// `end` receives the position after the token.
[[nodiscard]] inline std::optional<char> letter_at(std::string_view s, std::size_t j, std::size_t& end) {
  while (j < s.size()) {
    const char c = s[j];
    if (c == ' ' || c == '\t' || c == '*' || c == '_' || c == '$' || c == '`' || c == '{') {
      ++j;
      continue;
    }
    bool skipped = false;
    for (std::string_view w : {"\\text{", "\\textbf{", "\\mathrm{", "\\mathbf{", "\\boxed{", "\\("}) {
      if (s.substr(j, w.size()) == w) {
        j += w.size();
        skipped = true;
        break;
      }
    }
    if (!skipped) break;
  }
  if (j >= s.size()) return std::nullopt;
  if ((s[j] == '(' || s[j] == '[') && j + 2 < s.size() && is_ascii_alpha(s[j + 1]) && (s[j + 2] == ')' || s[j + 2] == ']')) {
    end = j + 3;
    const char c = s[j + 1];
    return c >= 'a' ? static_cast<char>(c - 'a' + 'A') : c;
  }
  const char c = s[j];
  if (c < 'A' || c > 'Z') return std::nullopt;
  if (j + 1 < s.size() && (is_alnum(s[j + 1]) || s[j + 1] == '\'' || static_cast<unsigned char>(s[j + 1]) >= 0x80)) return std::nullopt;
  if (c == 'A' || c == 'I') {
    // "A triangle", "I think": an article or a pronoun, not an option.
    std::size_t k = j + 1;
    while (k < s.size() && (s[k] == ' ' || s[k] == '\t')) ++k;
    if (k > j + 1 && k < s.size() && s[k] >= 'a' && s[k] <= 'z') return std::nullopt;
  }
  end = j + 1;
  return c;
}

/// A letter that is the whole of `line` or starts it as an option label ("B", "(B).",
/// "B) text", "B. text", "B: text", "Option B", "Choice (B)").
[[nodiscard]] inline std::optional<char> letter_line(std::string_view line) {
  std::size_t j = 0;
  while (j < line.size() && (line[j] == '#' || line[j] == '>' || line[j] == ' ' || line[j] == '*' || line[j] == '-')) ++j;
  for (std::string_view word : {"option", "choice"}) {
    if (line.size() - j > word.size() && transferscore::detail::ascii_lower(line[j]) == word[0]) {
      bool same = true;
      for (std::size_t k = 0; k < word.size(); ++k) same = same && transferscore::detail::ascii_lower(line[j + k]) == word[k];
      if (same && !is_alnum(line[j + word.size()])) j += word.size();
    }
  }
  std::size_t end = 0;
  const auto c = letter_at(line, j, end);
  if (!c) return std::nullopt;
  std::string_view rest = transferscore::detail::trim_ascii(line.substr(end));
  while (!rest.empty() && (rest.front() == '*' || rest.front() == '}' || rest.front() == '$')) rest.remove_prefix(1);
  if (rest.empty() || rest == "." || rest.front() == ')' || rest.front() == '.' || rest.front() == ':') return c;
  return std::nullopt;
}

/// "wait", "actually", "correction", "rather", "i mean", "no," as whole words: the position
/// after the last one in `s`, or npos.
[[nodiscard]] inline std::size_t after_last_correction(std::string_view s) {
  std::size_t best = std::string_view::npos;
  for (std::string_view marker : {"wait", "actually", "correction", "rather", "i mean", "no,"}) {
    for (std::size_t i = 0; i + marker.size() <= s.size(); ++i) {
      if (i > 0 && is_ascii_alpha(s[i - 1])) continue;
      bool same = true;
      for (std::size_t k = 0; k < marker.size() && same; ++k) same = transferscore::detail::ascii_lower(s[i + k]) == marker[k];
      if (!same) continue;
      const std::size_t after = i + marker.size();
      if (after < s.size() && is_ascii_alpha(s[after])) continue;
      if (best == std::string_view::npos || after > best) best = after;
    }
  }
  return best;
}

/// The last letter token in `s` (see letter_at), or nothing.
[[nodiscard]] inline std::optional<char> last_letter_token(std::string_view s) {
  std::optional<char> found;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && (is_alnum(s[i - 1]) || static_cast<unsigned char>(s[i - 1]) >= 0x80)) continue;
    std::size_t end = 0;
    if (s[i] != ' ' && s[i] != '*' && s[i] != '$') {
      if (auto c = letter_at(s, i, end)) {
        found = c;
        i = end - 1;
      }
    }
  }
  return found;
}

/// The letter a cue introduces at `j`: the first token, unless the rest of its line
/// corrects itself. `line_end` receives the end of the cue's line.
[[nodiscard]] inline std::optional<char> cue_letter(std::string_view s, std::size_t j, std::size_t& line_end) {
  int newlines = 0;
  while (j < s.size() && (transferscore::detail::is_line_blank(s[j]) || s[j] == '*' || s[j] == '_' || s[j] == ':')) {
    if (s[j] == '\n' && ++newlines > 2) return std::nullopt;
    ++j;
  }
  line_end = s.find('\n', j);
  if (line_end == std::string_view::npos) line_end = s.size();
  std::size_t end = 0;
  auto c = letter_at(s, j, end);
  if (!c) return std::nullopt;
  const std::string_view rest = s.substr(end, line_end - end);
  const std::size_t fix = after_last_correction(rest);
  if (fix != std::string_view::npos) {
    if (auto later = last_letter_token(rest.substr(fix))) c = later;
  }
  return c;
}

/// The position of the answer after a choice cue at i ("correct option is", "correct
/// choice:", "best option is"), or nothing.
[[nodiscard]] inline std::optional<std::size_t> after_option_cue(std::string_view s, std::size_t i) {
  for (std::string_view lead : {"correct ", "right ", "best "}) {
    if (s.size() - i < lead.size()) continue;
    bool same = true;
    for (std::size_t k = 0; k < lead.size() && same; ++k) same = transferscore::detail::ascii_lower(s[i + k]) == lead[k];
    if (!same || (i > 0 && is_ascii_alpha(s[i - 1]))) continue;
    std::size_t j = i + lead.size();
    for (std::string_view word : {"option", "choice", "answer"}) {
      if (s.size() - j < word.size()) continue;
      bool w = true;
      for (std::size_t k = 0; k < word.size() && w; ++k) w = transferscore::detail::ascii_lower(s[j + k]) == word[k];
      if (!w) continue;
      std::size_t k = j + word.size();
      if (k < s.size() && s[k] == 's') ++k;
      while (k < s.size() && (s[k] == ' ' || s[k] == '*')) ++k;
      if (s.size() - k >= 2 && transferscore::detail::ascii_lower(s[k]) == 'i' && transferscore::detail::ascii_lower(s[k + 1]) == 's' &&
          (k + 2 == s.size() || !is_ascii_alpha(s[k + 2]))) {
        return k + 2;
      }
      if (k < s.size() && s[k] == ':') return k + 1;
    }
  }
  return std::nullopt;
}

/// The option whose text the final answer names, when exactly one does.
[[nodiscard]] inline std::optional<char> named_option(std::string_view final_answer, const gold& g) {
  if (g.texts.empty()) return std::nullopt;
  const std::string answer = transferscore::detail::words_padded(final_answer);
  std::optional<char> found;
  for (std::size_t i = 0; i < g.texts.size(); ++i) {
    const std::string text = transferscore::detail::words_padded(g.texts[i]);
    if (text.size() <= 2) continue;  // no words
    if (answer.find(text) == std::string::npos) continue;
    if (found) return std::nullopt;  // more than one option named
    found = g.label(i);
  }
  return found;
}

}  // namespace detail

/// Extracts the final letter of `response` (see the file comment for the steps).
[[nodiscard]] inline letter_extraction extract_letter(std::string_view response, const gold& g) {
  letter_extraction out;
  // 1. The last box.
  bool too_long = false;
  if (auto box = transferscore::detail::last_box_before(response, response.size(), 4096, too_long); box && box->closed) {
    const std::string_view content =
        transferscore::detail::unwrap_box(response.substr(box->content_begin, box->content_end - box->content_begin));
    if (content.size() == 1 && content[0] >= 'a' && content[0] <= 'z') {
      out = {static_cast<char>(content[0] - 'a' + 'A'), letter_source::boxed};  // a box is explicit even in lower case
      return out;
    }
    if (auto c = detail::letter_line(content)) {
      out = {*c, letter_source::boxed};
      return out;
    }
    if (auto c = detail::named_option(content, g)) {
      out = {*c, letter_source::boxed};
      return out;
    }
  }
  std::string_view tail = response;
  if (tail.size() > reference_window_bytes) tail = tail.substr(tail.size() - reference_window_bytes);
  // 2. The last cue with a letter; the last cue's line is the final answer for step 4.
  constexpr transferscore::detail::answer_cue answer_word{"answer", true, false};
  std::string_view final_answer;
  for (std::size_t i = tail.size(); i-- > 0;) {
    const char c = transferscore::detail::ascii_lower(tail[i]);
    if (c != 'a' && c != 'c' && c != 'r' && c != 'b') continue;
    std::optional<std::size_t> j;
    if (c == 'a' && transferscore::detail::cue_at(tail, i, answer_word) && (i == 0 || !detail::is_ascii_alpha(tail[i - 1]))) {
      j = transferscore::detail::after_cue(tail, i, answer_word);
    }
    if (!j) j = detail::after_option_cue(tail, i);
    if (!j) continue;
    std::size_t line_end = 0;
    if (auto letter = detail::cue_letter(tail, *j, line_end)) {
      out = {*letter, letter_source::cue};
      return out;
    }
    if (final_answer.empty() && line_end > *j) final_answer = tail.substr(*j, line_end - *j);
  }
  // 3. The last line is a letter.
  const std::string_view last_line = transferscore::detail::last_nonempty_line(tail);
  if (auto c = detail::letter_line(last_line)) {
    out = {*c, letter_source::last_line};
    return out;
  }
  // 4. The final answer names one option.
  if (auto c = detail::named_option(final_answer.empty() ? last_line : final_answer, g)) out = {*c, letter_source::option_text};
  return out;
}

}  // namespace choice
TRANSFERSCORE_END_NAMESPACE
