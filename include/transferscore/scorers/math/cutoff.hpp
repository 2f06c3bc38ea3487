#pragma once
// Does a response end as a finished text? A response cut off by a token limit, or caught in a
// repetition loop, states no final answer: what its fallbacks would find (a cue in unfinished
// reasoning, "I recall that the correct answer is 1/2", the last number before a loop) is a
// guess. docs/math.md ("Cut-off and looping responses") gives the rule:
//
//   loop        the end repeats one unit (1..512 bytes) at least three times over >= 96 bytes
//   unclosed    the last line leaves \( \[ \begin{...} { ( [ open
//   operator    the text ends in = + * / ^ _ \ , ( [ { : & or a lone "-"
//   connective  the last word is one that cannot end a sentence ("the", "and", "is", "of" ...)
//   list        the last line is a bare list marker ("1.", "-", "*") or a heading ("## Step 29")
//
// A box, and an explicit "final answer" statement, are kept even when the text goes on to be
// cut off: the model committed to them.

#include <transferscore/config.hpp>
#include <transferscore/detail/text.hpp>
#include <transferscore/scorers/math/lexer.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace math {
namespace detail {

inline constexpr std::size_t loop_max_period = 512;
inline constexpr std::size_t loop_min_bytes = 96;

/// The end of `s` repeats a unit of 1..512 bytes at least three times, over >= 96 bytes.
[[nodiscard]] inline bool ends_in_loop(std::string_view s) noexcept {
  const std::size_t n = s.size();
  if (n < loop_min_bytes) return false;
  // A period p needs the last four bytes again p bytes earlier: only those distances are
  // tried, nearest first, so a finished text costs a few comparisons.
  const std::string_view key = s.substr(n - 4);
  const std::size_t lowest = n - 4 > loop_max_period ? n - 4 - loop_max_period : 0;
  std::size_t limit = n - 1;  // occurrences must end before the last byte
  while (limit > lowest + 3) {
    const std::size_t rel = transferscore::detail::rfind_fast(s.substr(lowest, limit - lowest), key);
    if (rel == std::string_view::npos) return false;
    const std::size_t at = lowest + rel;
    const std::size_t p = n - 4 - at;
    if (3 * p > n) return false;
    // Length of the p-periodic run that ends the text.
    const std::size_t need = std::max<std::size_t>(2 * p, loop_min_bytes > p ? loop_min_bytes - p : 0);
    std::size_t run = 4;
    while (run < need && run + p < n && s[n - 1 - run] == s[n - 1 - run - p]) ++run;
    if (run >= need) return true;
    limit = at + 3;
  }
  return false;
}

/// Why the end of `s` is unfinished (a string literal), or nullptr.
[[nodiscard]] inline const char* unfinished_ending(std::string_view s) {
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  if (s.empty()) return nullptr;
  if (ends_in_loop(s)) return "the response ends in a repetition loop";
  // The last line (its last 1 KiB): a formula or bracket it leaves open. A text that ends
  // like a sentence or a formula (. ! ? ) ] } $ *) closed what it opened, or never will.
  const char end = s.back();
  const bool closes = end == '.' || end == '!' || end == '?' || end == ')' || end == ']' || end == '}' || end == '$' || end == '*';
  const std::size_t line_start = transferscore::detail::rfind_fast(s, "\n");
  if (!closes) {
    std::string_view last = line_start == std::string_view::npos ? s : s.substr(line_start + 1);
    if (last.size() > 1024) last = last.substr(last.size() - 1024);
    int braces = 0, brackets = 0, inline_math = 0, display_math = 0, envs = 0;
    for (std::size_t i = 0; i < last.size(); ++i) {
      switch (last[i]) {
        case '\\':
          if (i + 1 < last.size()) {
            const char n = last[i + 1];
            if (n == '(') ++inline_math;
            if (n == ')') --inline_math;
            if (n == '[') ++display_math;
            if (n == ']') --display_math;
            if (last.substr(i + 1, 6) == "begin{") ++envs;
            if (last.substr(i + 1, 4) == "end{") --envs;
            ++i;  // \{ \( ... are not groups or brackets
          }
          break;
        case '{': ++braces; break;
        case '}': --braces; break;
        case '(': case '[': ++brackets; break;
        case ')': case ']': --brackets; break;
        default: break;
      }
    }
    if (inline_math > 0 || display_math > 0 || envs > 0 || braces > 0 || brackets > 0) {
      return "the response is cut off (it ends inside an unclosed bracket or formula)";
    }
  }
  // "**Therefore, the value is:**" ends in a colon behind its emphasis.
  std::string_view bare = s;
  while (bare.size() > 1 && (bare.back() == '*' || bare.back() == '_')) bare.remove_suffix(1);
  if (bare.size() < s.size() && bare.back() == ':') return "the response is cut off (it ends in an operator or separator)";
  switch (end) {
    case '=': case '+': case '/': case '^': case '_': case '\\': case ',': case '(': case '[': case '{': case ':': case '&':
      return "the response is cut off (it ends in an operator or separator)";
    case '*':
      if (s.size() >= 2 && s[s.size() - 2] != '*') return "the response is cut off (it ends in an operator or separator)";
      break;
    case '-':
      if (s.size() >= 2 && (s[s.size() - 2] == ' ' || s[s.size() - 2] == '=')) {
        return "the response is cut off (it ends in an operator or separator)";
      }
      break;
    default: break;
  }
  // The last line: a bare list marker, or a word that cannot end a sentence.
  std::string_view line = line_start == std::string_view::npos ? s : s.substr(line_start + 1);
  while (!line.empty() && is_space(line.front())) line.remove_prefix(1);
  if (line == "-" || line == "*" || line == "**") return "the response is cut off (it ends in a list marker)";
  if (!line.empty() && line.front() == '#') {
    // "## Step 29" introduces what never came; "#### 72" is GSM8K's answer line.
    const std::size_t text = line.find_first_not_of("# ");
    if (text != std::string_view::npos && is_letter(line[text])) return "the response is cut off (it ends in a heading)";
  }
  if (line.size() <= 3 && line.size() >= 2 && (line.back() == '.' || line.back() == ')') &&
      line.substr(0, line.size() - 1).find_first_not_of("0123456789") == std::string_view::npos) {
    return "the response is cut off (it ends in a list marker)";
  }
  if (is_letter(end)) {
    std::size_t b = s.size();
    while (b > 0 && is_letter(s[b - 1])) --b;
    if (b > 0 && s[b - 1] != ' ' && s[b - 1] != '\n') return nullptr;
    const std::string word = ascii_lowercase(s.substr(b));
    static constexpr std::string_view connectives[] = {
        "the", "a", "an", "and", "or", "of", "to", "is", "are", "was", "were", "that", "which", "we", "so", "then", "with",
        "for", "by", "in", "as", "but", "be", "let", "if", "this", "since", "because", "where", "when", "than", "from",
        "at", "on", "into", "its", "their", "our", "can", "will", "would", "should", "must", "has", "have", "these",
        "those", "gives", "equals", "using", "compute", "find", "calculate", "recall", "consider"};
    for (auto w : connectives) {
      if (w == word) return "the response is cut off (it ends mid-sentence)";
    }
  }
  return nullptr;
}

}  // namespace detail
}  // namespace math
TRANSFERSCORE_END_NAMESPACE
