#pragma once
// Reading one option letter where a statement puts it: after decoration (`**`, `$`, `\text{`,
// `option`, `选项`), as `C`, `(C)`, `[c]`, and telling it from English (`A careful reading`,
// `I think`), from abbreviations (`e.g.`, `U.S.`) and from variables (`x = 3`); and whether a
// second letter follows as an alternative (`A or C`, `B/D`, `A, C`): two letters offered
// are not one answer. The text has been folded to ASCII first (detail::fold_to_ascii), so
// `Ｃ`, `𝐃` and `Ⓑ` arrive as C, D and B.

#include <transferscore/config.hpp>
#include <transferscore/detail/latex_box.hpp>
#include <transferscore/detail/short_answer.hpp>
#include <transferscore/detail/text.hpp>

#include <cstddef>
#include <optional>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace choice::detail {

using transferscore::detail::ascii_lower;
using transferscore::detail::is_ascii_alpha;

[[nodiscard]] constexpr bool is_alnum(char c) noexcept { return is_ascii_alpha(c) || (c >= '0' && c <= '9'); }
[[nodiscard]] constexpr char upper(char c) noexcept { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

/// Words that name an option before its letter: `option C`, `choice (B)`, `选项C`.
inline constexpr std::string_view option_words[] = {"option", "choice", "letter"};
inline constexpr std::string_view cjk_option_words[] = {"\xE9\x80\x89\xE9\xA1\xB9",              // 选项
                                                        "\xE9\x81\xB8\xE9\xA0\x85",              // 選項
                                                        "\xE9\x81\xB8\xE6\x8A\x9E\xE8\x82\xA2",  // 選択肢
                                                        "\xEB\xB3\xB4\xEA\xB8\xB0",              // 보기
                                                        "\xEC\x84\xA0\xED\x83\x9D\xEC\xA7\x80"};  // 선택지

/// Skips what may stand between a cue and its letter on one line: spaces, markdown, `$`,
/// LaTeX wrappers and option words.
[[nodiscard]] inline std::size_t skip_letter_decoration(std::string_view s, std::size_t j) {
  while (j < s.size()) {
    const char c = s[j];
    if (c == ' ' || c == '\t' || c == '*' || c == '_' || c == '$' || c == '`' || c == '{' || c == '"' || c == '#') {
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
    for (std::string_view w : option_words) {
      if (!skipped && transferscore::detail::ascii_word_at(s, j, w)) {
        j += w.size();
        skipped = true;
      }
    }
    for (std::string_view w : cjk_option_words) {
      if (!skipped && s.substr(j, w.size()) == w) {
        j += w.size();
        skipped = true;
      }
    }
    if (!skipped) break;
  }
  return j;
}

/// The letter token at `j` exactly (no decoration skipped), upper-cased; `end` receives the
/// position after it. A capital is a letter unless it is English (`A` or `I` followed by a
/// lower-case word) or part of a word or abbreviation; with `lower_case`, a lower-case letter
/// standing alone is one too (`answer: c`), except `a` and `i` before a word (`a compound`).
[[nodiscard]] inline std::optional<char> letter_token_at(std::string_view s, std::size_t j, bool lower_case, std::size_t& end) {
  namespace d = transferscore::detail;
  if (j >= s.size() || !d::token_edge(s, j, true)) return std::nullopt;
  if ((s[j] == '(' || s[j] == '[') && j + 2 < s.size() && is_ascii_alpha(s[j + 1]) && (s[j + 2] == ')' || s[j + 2] == ']')) {
    end = j + 3;
    return upper(s[j + 1]);
  }
  // "The answer is (J" cut off right after the letter.
  if (s[j] == '(' && j + 2 == s.size() && s[j + 1] >= 'A' && s[j + 1] <= 'Z') {
    end = j + 2;
    return s[j + 1];
  }
  const char c = s[j];
  const bool capital = c >= 'A' && c <= 'Z';
  if (!capital && !(lower_case && c >= 'a' && c <= 'z')) return std::nullopt;
  // A lower-case letter in math is a variable: "$a$", "\(b\)".
  if (!capital && j > 0 && (s[j - 1] == '$' || (j > 1 && s[j - 2] == '\\' && s[j - 1] == '('))) return std::nullopt;
  if (!d::token_edge(s, j + 1, false) || (j + 1 < s.size() && s[j + 1] == '\'')) return std::nullopt;
  // e.g., i.e., U.S.: a letter, a period and another letter.
  if (j + 2 < s.size() && s[j + 1] == '.' && is_ascii_alpha(s[j + 2])) return std::nullopt;
  std::size_t k = j + 1;
  while (k < s.size() && (s[k] == ' ' || s[k] == '\t')) ++k;
  const bool word_follows = k > j + 1 && k < s.size() && s[k] >= 'a' && s[k] <= 'z';
  if ((c == 'A' || c == 'I' || c == 'a' || c == 'i') && word_follows) return std::nullopt;  // "A careful", "I think", "a compound"
  if (!capital && k < s.size() && (s[k] == '=' || s[k] == '<' || s[k] == '>' || s[k] == '+' || s[k] == '^')) return std::nullopt;
  // An expression, not a letter: "A - B = -12", "B + C", "x = 3".
  if (k < s.size() && (s[k] == '=' || s[k] == '+' || s[k] == '/' || s[k] == '^' || s[k] == '<' || s[k] == '>')) {
    return std::nullopt;
  }
  if (k < s.size() && s[k] == '-') {
    std::size_t m = k + 1;
    while (m < s.size() && s[m] == ' ') ++m;
    if (m < s.size() && ((s[m] >= 'A' && s[m] <= 'Z') || (s[m] >= '0' && s[m] <= '9') || s[m] == '(')) return std::nullopt;
  }
  end = j + 1;
  return upper(c);
}

/// The letter after decoration at `j` (see letter_token_at).
[[nodiscard]] inline std::optional<char> letter_after(std::string_view s, std::size_t j, bool lower_case, std::size_t& end) {
  return letter_token_at(s, skip_letter_decoration(s, j), lower_case, end);
}

/// After a letter that ended at `end`: is another, different letter offered as an
/// alternative or an addition (`A or C`, `(A) and (C)`, `B/D`, `A, C`, `A 或 C`)? Returns it.
[[nodiscard]] inline std::optional<char> second_letter(std::string_view s, std::size_t end, char first) {
  std::size_t j = end;
  auto skip = [&] {
    while (j < s.size() && (s[j] == ' ' || s[j] == '\t' || s[j] == '*' || s[j] == '$' || s[j] == '}' || s[j] == ')')) ++j;
  };
  skip();
  bool joined = false;
  if (j < s.size() && (s[j] == '/' || s[j] == ',' || s[j] == '&' || s[j] == ';')) {
    ++j;
    joined = true;
  } else {
    for (std::string_view w : {"or maybe", "or possibly", "or perhaps", "or", "and"}) {
      if (transferscore::detail::ascii_word_at(s, j, w)) {
        j += w.size();
        joined = true;
        break;
      }
    }
    for (std::string_view w : {std::string_view("\xE6\x88\x96"), std::string_view("\xE5\x92\x8C"),  // 或 和
                               std::string_view("\xEB\x98\x90\xEB\x8A\x94")}) {                     // 또는
      if (!joined && s.substr(j, w.size()) == w) {
        j += w.size();
        joined = true;
      }
    }
  }
  if (!joined) return std::nullopt;
  std::size_t next_end = 0;
  const auto next = letter_after(s, j, false, next_end);
  if (!next || *next == first) return std::nullopt;
  // "A, B and C are wrong": a list under discussion, not an answer; the caller decides.
  return next;
}

}  // namespace choice::detail
TRANSFERSCORE_END_NAMESPACE
