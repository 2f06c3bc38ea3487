#pragma once
// length_constraints:* checks: sentences (Punkt), paragraphs split by *** or by blank
// lines, and \w+ word counts.

#include <transferscore/config.hpp>
#include <transferscore/scorers/instructions/instruction.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace instructions::checks {

/// length_constraints:number_sentences — Punkt sentence count against N.
[[nodiscard]] inline bool number_sentences(const instruction& in, response_text& t, const check_env& env) {
  return compare(static_cast<std::int64_t>(t.sentences(env.punkt)), in.rel, in.number);
}

/// length_constraints:number_words — \w+ run count against N.
[[nodiscard]] inline bool number_words(const instruction& in, response_text& t) {
  return compare(static_cast<std::int64_t>(t.words()), in.rel, in.number);
}

/// re.split(r"\s?\*\*\*\s?", text): the pieces between separators.
[[nodiscard]] inline std::vector<std::u32string_view> split_on_stars(std::u32string_view s) {
  std::vector<std::u32string_view> pieces;
  std::size_t piece_start = 0;
  std::size_t i = 0;
  auto stars_at = [&s](std::size_t p) { return p + 3 <= s.size() && s[p] == '*' && s[p + 1] == '*' && s[p + 2] == '*'; };
  while (i < s.size()) {
    std::size_t start = i, after = 0;
    if (compat::py::is_space(s[i]) && stars_at(i + 1)) {
      after = i + 4;
    } else if (stars_at(i)) {
      after = i + 3;
    } else {
      ++i;
      continue;
    }
    if (after < s.size() && compat::py::is_space(s[after])) ++after;
    pieces.push_back(s.substr(piece_start, start - piece_start));
    piece_start = after;
    i = after;
  }
  pieces.push_back(s.substr(piece_start));
  return pieces;
}

/// length_constraints:number_paragraphs — exactly N paragraphs separated by ***; a blank
/// piece is allowed only first or last.
[[nodiscard]] inline bool number_paragraphs(const instruction& in, response_text& t) {
  const auto pieces = split_on_stars(t.cps());
  auto count = static_cast<std::int64_t>(pieces.size());
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (compat::py::is_blank(pieces[i])) {
      if (i == 0 || i + 1 == pieces.size()) {
        --count;
      } else {
        return false;
      }
    }
  }
  return count == in.number;
}

/// length_constraints:nth_paragraph_first_word — paragraphs split on "\n\n"; the count
/// ignores blank pieces but the nth paragraph is read from the unfiltered list (as the
/// original does).
[[nodiscard]] inline bool nth_paragraph_first_word(const instruction& in, response_text& t) {
  const auto paragraphs = compat::py::split_on(t.cps(), U"\n\n");
  auto count = static_cast<std::int64_t>(paragraphs.size());
  for (auto p : paragraphs) count -= compat::py::is_blank(p) ? 1 : 0;
  if (in.nth > count) return false;
  const std::u32string_view paragraph = compat::py::strip(paragraphs[static_cast<std::size_t>(in.nth - 1)]);
  if (paragraph.empty()) return false;
  std::u32string_view word = compat::py::split_whitespace(paragraph).front();
  while (!word.empty() && word.front() == '\'') word.remove_prefix(1);
  while (!word.empty() && word.front() == '"') word.remove_prefix(1);
  std::u32string first;
  for (char32_t c : word) {
    if (c == '.' || c == ',' || c == '?' || c == '!' || c == '\'' || c == '"') break;
    compat::py::append_char_lower(first, c);
  }
  return count == in.number && first == in.text;
}

}  // namespace instructions::checks
TRANSFERSCORE_END_NAMESPACE
