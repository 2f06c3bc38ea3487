#pragma once
// Finds the final answer in a full response (after the reasoning-trace policy):
//
//   1. boxes: \boxed{...} (nested braces), \boxed 5, \fbox{...}; the last one, or the last k
//      when the gold lists k items and the last box holds fewer (box_policy); boxes joined by
//      "or", "and" or commas are one answer. An explicit "final answer" statement after the
//      last box supersedes it ("\boxed{255} ... Final Answer: The final answer is $10,455$").
//   2. the last answer cue: "final answer is", "the answer is", "Answer:", "####", and the
//      multilingual cues 答案 / 最终答案 / 答え / Antwort / Réponse / Respuesta / Ответ, with an
//      ASCII or full-width colon. A negated cue ("the answer is not 12; it is 15") takes the
//      value after the negation; a cue that judges ("our answer is correct"), describes ("the
//      answer should be an integer n where ..."), or instructs ("put your answer in a box") is
//      skipped; a cue followed by a sentence gives the value the sentence states ("Final
//      Answer: The volume of $V$ is 120." is 120), and commentary after the value is cut.
//   3. a bold markdown answer on the last line (**73**; **73 residents own all four items**
//      is 73; a heading like **Note:** is not an answer);
//   4. the last math span ($...$, $$...$$, \(...\), \[...\], equation/align environments, the
//      last row of an alignment), with the spans of the same sentence joined by "or", "and"
//      or commas ("$y = 1$ or $y = 4$"), unless a later sentence states a value ("... is 2000
//      calories"): then that value. A $ before a digit that never closes is currency.
//   5. when last_number_fallback is on: a plain-text sentence stating a value ("Therefore, the
//      remainder is 0."), then a bare LaTeX last line (\frac{10}{9}), then the last number.
//
// Without a box, a response that ends cut off or in a repetition loop (cutoff.hpp) states no
// answer unless it made an explicit "final answer" statement.
//
// Every step scans from the end of the response and stops at the first hit, so the cost
// does not grow with long reasoning before the answer.

#include <transferscore/config.hpp>
#include <transferscore/detail/implementation_only.hpp>
#include <transferscore/detail/answer_cue.hpp>
#include <transferscore/detail/latex_box.hpp>
#include <transferscore/detail/text.hpp>
#include <transferscore/scorers/math/cutoff.hpp>
#include <transferscore/scorers/math/interface.hpp>
#include <transferscore/scorers/math/options.hpp>
#include <transferscore/scorers/math/prose.hpp>
#include <transferscore/scorers/math/unicode.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace math {

namespace detail {

[[nodiscard]] constexpr bool is_ascii_letter(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
[[nodiscard]] constexpr bool is_blank(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
[[nodiscard]] constexpr char lower_ascii(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

using transferscore::detail::box_span;
using transferscore::detail::last_box_before;

/// Top-level items of an answer: "2, 3" has two, "(2, 3)", "1,000" and "3,\!250" one.
[[nodiscard]] inline std::size_t count_items(std::string_view s) {
  std::size_t items = 1;
  int depth = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\\' && i + 1 < s.size() && (s[i + 1] == '{' || s[i + 1] == '}')) {
      depth += s[i + 1] == '{' ? 1 : -1;
      ++i;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') ++depth;
    if (c == ')' || c == ']' || c == '}') --depth;
    if (depth > 0) continue;
    if (c == ';') ++items;
    if (c == ',') {
      // 1,000 and 3,\!250 are one number
      const bool digit_before = i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9';
      std::size_t k = i + 1;
      if (s.substr(k, 2) == "\\!") {
        k += 2;
        while (k < s.size() && s[k] == ' ') ++k;
      }
      const bool three_after = k + 3 <= s.size() &&
                               s.substr(k, 3).find_first_not_of("0123456789") == std::string_view::npos &&
                               (k + 3 == s.size() || !(s[k + 3] >= '0' && s[k + 3] <= '9'));
      if (!(digit_before && three_after)) ++items;
    }
    if ((c == 'o' || c == 'a') && i > 0 && (s[i - 1] == ' ' || s[i - 1] == '{')) {
      if (s.substr(i, 3) == "or " || s.substr(i, 4) == "and ") ++items;
    }
  }
  return items;
}

/// Two boxes joined by "or", "and", a comma or nothing but spacing ("x = \boxed{-1} or
/// x = \boxed{3}") are one answer: a list, or a hedge between values.
[[nodiscard]] inline bool joins_boxes(std::string_view gap) {
  if (gap.size() > 70) return false;
  bool connective = gap.find_first_not_of(" \t$") == std::string_view::npos;
  for (std::size_t i = 0; i < gap.size(); ++i) {
    const char c = gap[i];
    if (c == '.' && (i + 1 == gap.size() || gap[i + 1] == ' ' || gap[i + 1] == '\n')) return false;  // a sentence ends
    if (c == '\n' && i + 1 < gap.size() && gap[i + 1] == '\n') return false;
    if (c == ',' || c == ';') connective = true;
    if ((c == 'o' || c == 'a') && (i == 0 || !is_ascii_letter(gap[i - 1]))) {
      const std::string_view w = gap.substr(i, c == 'o' ? 2 : 3);
      const std::size_t after = i + w.size();
      if ((w == "or" || w == "and") && (after >= gap.size() || !is_ascii_letter(gap[after]))) connective = true;
    }
  }
  return connective;
}

/// Two math spans of one sentence are one answer when nothing but "or", "and", "either",
/// commas and spacing stands between them ("$y = 1$ or $y = 4$"; not "$5$ and the perimeter
/// is $12$").
[[nodiscard]] inline bool joins_spans(std::string_view gap) {
  if (gap.size() > 40) return false;
  bool connective = false;
  std::size_t i = 0;
  while (i < gap.size()) {
    const char c = gap[i];
    if (c == ' ' || c == '\t') {
      ++i;
      continue;
    }
    if (c == ',' || c == ';') {
      connective = true;
      ++i;
      continue;
    }
    if (c == '\\') {
      const std::size_t e = letters_end(gap, i + 1);
      const std::string_view cmd = gap.substr(i + 1, e - i - 1);
      if (cmd != "quad" && cmd != "qquad" && cmd != "text" && cmd != "textrm") return false;
      i = e;
      continue;
    }
    if (c == '{' || c == '}') {
      ++i;
      continue;
    }
    if (is_ascii_letter(c)) {
      const std::size_t e = letters_end(gap, i);
      const std::string w = ascii_lowercase(gap.substr(i, e - i));
      if (w != "or" && w != "and" && w != "either") return false;
      connective = connective || w != "either";
      i = e;
      continue;
    }
    return false;
  }
  return connective;
}

[[nodiscard]] inline std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

/// Drops what surrounds an answer: spaces, markdown emphasis, a trailing sentence period.
[[nodiscard]] inline std::string_view tidy(std::string_view s) {
  while (true) {
    const std::size_t before = s.size();
    s = trim(s);
    while (!s.empty() && (s.front() == '*' || s.front() == '_')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == '*' || s.back() == '_')) s.remove_suffix(1);
    while (!s.empty() && (s.back() == '.' || s.back() == ',' || s.back() == ';' || s.back() == ':' || s.back() == '!')) {
      s.remove_suffix(1);
    }
    if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x82") s.remove_suffix(3);  // 。
    if (s.size() == before) return s;
  }
}

[[nodiscard]] inline bool escaped_at(std::string_view s, std::size_t i) noexcept { return i > 0 && s[i - 1] == '\\'; }

/// The closing $ of an inline span opened at s[open] (pandoc's rule, made lenient about
/// inner spaces): a closing $ is never followed by a digit ("$3 and $4" are prices), a span
/// that opens on a digit does not close after a space ("$5 and $"), and a span does not
/// cross a blank line. npos when the $ opens nothing (it is currency).
[[nodiscard]] inline std::size_t closing_dollar(std::string_view s, std::size_t open) {
  const std::size_t start = open + 1;
  const bool opens_on_digit = start < s.size() && s[start] >= '0' && s[start] <= '9';
  for (std::size_t k = start; k < s.size(); ++k) {
    if (s[k] == '\n' && k + 1 < s.size() && s[k + 1] == '\n') return std::string_view::npos;
    if (s[k] != '$' || escaped_at(s, k)) continue;
    if (k == start) return std::string_view::npos;  // $$
    if (k + 1 < s.size() && s[k + 1] >= '0' && s[k + 1] <= '9') continue;
    if (opens_on_digit && is_blank(s[k - 1])) return std::string_view::npos;
    return k;
  }
  return std::string_view::npos;
}

/// The math span that starts at s[i] ($..$, $$..$$, \(..\), \[..\]): [content begin, end).
[[nodiscard]] inline std::optional<std::pair<std::size_t, std::size_t>> math_span_at(std::string_view s, std::size_t i) {
  auto closing = [&](std::string_view open, std::string_view close) -> std::optional<std::pair<std::size_t, std::size_t>> {
    if (s.substr(i, open.size()) != open) return std::nullopt;
    const std::size_t start = i + open.size();
    const std::size_t end = s.find(close, start);
    if (end == std::string_view::npos) return std::nullopt;
    return std::make_pair(start, end);
  };
  if (auto r = closing("$$", "$$")) return r;
  if (auto r = closing("\\[", "\\]")) return r;
  if (auto r = closing("\\(", "\\)")) return r;
  if (s.substr(i, 1) == "$") {
    const std::size_t end = closing_dollar(s, i);
    if (end == std::string_view::npos) return std::nullopt;
    return std::make_pair(i + 1, end);
  }
  return std::nullopt;
}

/// An alignment (align, equation, aligned, gather ... or rows split by \\) ends in its value:
/// its last non-empty row, without the & markers. Matrices and cases keep their rows.
[[nodiscard]] inline std::string last_row(std::string_view inner) {
  if (inner.find("\\\\") == std::string_view::npos && inner.find('&') == std::string_view::npos) return std::string(inner);
  for (std::string_view keep : {"matrix", "\\begin{array}", "\\begin{cases}", "\\begin{tabular}"}) {
    if (inner.find(keep) != std::string_view::npos) return std::string(inner);
  }
  // Drop \begin{...} / \end{...} wrappers, then take the last row.
  std::string flat;
  flat.reserve(inner.size());
  for (std::size_t i = 0; i < inner.size(); ++i) {
    if (inner[i] == '\\' && (inner.substr(i, 7) == "\\begin{" || inner.substr(i, 5) == "\\end{")) {
      const std::size_t close = inner.find('}', i);
      if (close == std::string_view::npos) break;
      i = close;
      continue;
    }
    flat.push_back(inner[i]);
  }
  std::string_view rows = flat;
  std::string_view row;
  while (true) {
    const std::size_t cut = rows.rfind("\\\\");
    row = trim(cut == std::string_view::npos ? rows : rows.substr(cut + 2));
    if (!row.empty() || cut == std::string_view::npos) break;
    rows = rows.substr(0, cut);
  }
  std::string out;
  for (char c : row) {
    if (c != '&') out.push_back(c);
  }
  return out;
}

using cue = transferscore::detail::answer_cue;
using transferscore::detail::after_cue;
using transferscore::detail::cue_at;

inline constexpr cue cues[] = {
    {"answer", true, false},
    {"####", true, false},
    {"antwort", true, true},
    {"reponse", true, true},
    {"respuesta", true, true},
    {"r\xC3\xA9ponse", false, true},  // Réponse
    {"R\xC3\xA9ponse", false, true},
    {"\xE7\xAD\x94\xE6\xA1\x88", false, false},  // 答案
    {"\xE7\xAD\x94\xE3\x81\x88", false, false},  // 答え
    {"\xD0\x9E\xD1\x82\xD0\xB2\xD0\xB5\xD1\x82", false, true},  // Ответ
    {"\xD0\xBE\xD1\x82\xD0\xB2\xD0\xB5\xD1\x82", false, true},  // ответ
};

/// The text of a value that starts at s[v]: a math span, or plain text to the end of its
/// clause, cut before any commentary.
[[nodiscard]] inline std::string value_text(std::string_view s, std::size_t v) {
  if (auto span = math_span_at(s, v)) return last_row(s.substr(span->first, span->second - span->first));
  std::string_view rest = s.substr(v);
  if (!rest.empty() && rest.front() == '$') rest.remove_prefix(1);  // a lone $ is currency
  std::string_view value = leading_value(clause_of(rest));
  // "a = 2, a^3 = a^2 + 2a": the value ends where the next relation's clause begins.
  for (std::size_t k = value.find(", "); k != std::string_view::npos; k = value.find(", ", k + 2)) {
    if (value.find_first_of("=<>", k) != std::string_view::npos) {
      value = value.substr(0, k);
      break;
    }
  }
  return std::string(tidy(value));
}

/// The value a sentence states: after its last copula, else its only number. Empty when none.
[[nodiscard]] inline std::string sentence_value(std::string_view sentence) {
  const std::size_t v = last_stated_value_start(sentence);
  if (v != std::string_view::npos) return value_text(sentence, v);
  // "Jane started growing Sphere 3 hours ago": the one number of the sentence.
  std::size_t found = std::string_view::npos, count = 0;
  for (std::size_t k = 0; k < sentence.size(); ++k) {
    if (!is_digit(sentence[k]) || (k > 0 && (is_digit(sentence[k - 1]) || sentence[k - 1] == '.' || sentence[k - 1] == ','))) {
      continue;
    }
    if (k > 0 && (is_ascii_letter(sentence[k - 1]) || sentence[k - 1] == '_' || sentence[k - 1] == '^')) continue;
    ++count;
    found = k > 0 && sentence[k - 1] == '-' ? k - 1 : k;
  }
  if (count == 1) return value_text(sentence, found);
  return {};
}

/// The answer text that follows a cue at position j.
[[nodiscard]] inline std::string cue_answer(std::string_view s, std::size_t j) {
  // Skip blank space (at most two line breaks) and decoration.
  int newlines = 0;
  while (j < s.size() && (is_blank(s[j]) || s[j] == '*' || s[j] == '_')) {
    if (s[j] == '\n' && ++newlines > 2) return {};
    ++j;
  }
  if (j >= s.size()) return {};
  bool negated = false;
  if (s.size() - j >= 4 && lower_ascii(s[j]) == 'n' && lower_ascii(s[j + 1]) == 'o' && lower_ascii(s[j + 2]) == 't' && s[j + 3] == ' ') {
    negated = true;
  }
  if (!negated) {
    if (auto span = math_span_at(s, j)) return last_row(s.substr(span->first, span->second - span->first));
  }
  // Plain text: to the end of the line (its first 1 KiB: an answer in prose is never longer,
  // and the cost of skipped cues stays linear), then to the end of the sentence.
  std::size_t end = s.find('\n', j);
  if (end == std::string_view::npos) end = s.size();
  std::string_view line = s.substr(j, std::min<std::size_t>(end - j, 1024));
  if (!line.empty() && line.front() == '$' && !negated) line.remove_prefix(1);  // a lone $ is currency
  if (!negated && is_description(line)) return {};  // "should be an integer $n$ where ..."
  // A sentence after the cue: "The volume of $ABCDEFGH$ is 120." gives 120.
  if (!negated && starts_with_prose(line)) {
    std::string v = sentence_value(clause_of(line));
    if (!v.empty()) return v;
  }
  // A math span in the line is the answer (the last one when the cue is negated).
  std::optional<std::pair<std::size_t, std::size_t>> chosen;
  for (std::size_t k = 0; k < line.size(); ++k) {
    if (line[k] == '$' || (line[k] == '\\' && k + 1 < line.size() && (line[k + 1] == '(' || line[k + 1] == '['))) {
      if (auto span = math_span_at(line, k)) {
        chosen = span;
        if (!negated) break;
        k = span->second;
      }
    }
  }
  if (chosen) return last_row(line.substr(chosen->first, chosen->second - chosen->first));
  if (negated) {
    // "not 12; it is 15": what follows the last "is".
    const std::size_t is = line.rfind(" is ");
    if (is == std::string_view::npos) return {};
    line = line.substr(is + 4);
  }
  return std::string(leading_value(clause_of(line)));
}

// Bytes a cue can start with (a, A, #, r, R, and the lead bytes of 答 and О/о).
inline constexpr auto cue_first_byte = [] {
  std::array<bool, 256> t{};
  for (unsigned char c : {'a', 'A', '#', 'r', 'R'}) t[c] = true;
  t[0xE7] = true;
  t[0xD0] = true;
  return t;
}();

/// A value rather than words about one: a digit, a LaTeX command, or a single word.
[[nodiscard]] inline bool value_like(std::string_view answer) {
  if (answer.find_first_of("0123456789\\") != std::string_view::npos) return true;
  return trim(answer).find(' ') == std::string_view::npos;
}

/// "final answer" (or 最终答案) ends at the cue starting at s[i].
[[nodiscard]] inline bool is_final_cue(std::string_view s, std::size_t i, const cue& c) {
  if (c.text == "answer") {
    if (i < 6) return false;
    std::string before;
    for (std::size_t k = i - 6; k < i; ++k) before.push_back(lower_ascii(s[k]));
    return before == "final ";
  }
  return c.text == "\xE7\xAD\x94\xE6\xA1\x88" && i >= 6 && s.substr(i - 6, 6) == "\xE6\x9C\x80\xE7\xBB\x88";  // 最终
}

struct cue_hit {
  std::string answer;
  bool final = false;  ///< an explicit "final answer" statement
};

/// The last cue with an answer (only "final answer" cues when `final_only`). Cues that judge,
/// describe or instruct are passed over.
[[nodiscard]] inline std::optional<cue_hit> last_cue(std::string_view s, bool final_only = false) {
  int passed_over = 0;  // cues that judged, described or instructed; at most 64 are read
  for (std::size_t i = s.size(); i-- > 0;) {
    if (!cue_first_byte[static_cast<unsigned char>(s[i])]) continue;
    const char first = lower_ascii(s[i]);
    for (const auto& c : cues) {
      if (c.text.front() != (c.ascii ? first : s[i]) || !cue_at(s, i, c)) continue;
      if (c.text == "####" && i > 0 && s[i - 1] == '#') continue;  // part of a longer run
      const bool final = is_final_cue(s, i, c);
      if (final_only && !final) continue;
      if (c.text == "answer" && i >= 5) {
        // "put your answer in a box", "the answer choices": instructions, not answers.
        std::string before;
        for (std::size_t k = i - 5; k < i; ++k) before.push_back(lower_ascii(s[k]));
        if (before == "your ") continue;
      }
      auto j = after_cue(s, i, c);
      if (!j) continue;
      std::string raw = cue_answer(s, *j);
      const std::string_view answer = tidy(raw);
      if (answer.empty() || is_judgement(answer) || is_description(answer)) {
        if (++passed_over > 64) return std::nullopt;
        continue;
      }
      return cue_hit{std::string(answer), final};
    }
  }
  return std::nullopt;
}

/// **X** on the last non-empty line. A heading (**Note:**, **Step 3**) is not an answer; a
/// bold sentence gives the value it states (**73 residents own all four items** is 73).
[[nodiscard]] inline std::optional<std::string> bold_on_last_line(std::string_view s) {
  const std::string_view t = trim(s);
  if (t.empty()) return std::nullopt;
  const std::size_t line_start = t.rfind('\n');
  const std::string_view line = line_start == std::string_view::npos ? t : t.substr(line_start + 1);
  const std::size_t close = transferscore::detail::rfind_fast(line, "**");
  if (close == std::string_view::npos || close < 2) return std::nullopt;
  const std::size_t open = transferscore::detail::rfind_fast(line.substr(0, close), "**");
  if (open == std::string_view::npos || open + 2 >= close) return std::nullopt;
  const std::string_view raw = trim(line.substr(open + 2, close - open - 2));
  if (raw.empty() || raw.back() == ':' || (close + 2 < line.size() && line[close + 2] == ':')) return std::nullopt;
  std::string_view inner = tidy(raw);
  if (inner.empty() || inner.size() > 200) return std::nullopt;
  static constexpr std::string_view headings[] = {"note", "solution", "answer", "final answer", "step", "verification",
                                                  "conclusion", "explanation", "summary", "check", "proof", "result",
                                                  "approach", "analysis", "reasoning", "observation", "case", "part"};
  std::string lower = ascii_lowercase(inner);
  while (!lower.empty() && (is_digit(lower.back()) || lower.back() == ' ')) lower.pop_back();
  for (auto h : headings) {
    if (lower == h) return std::nullopt;
  }
  if (starts_with_prose(inner)) {
    std::string v = sentence_value(inner);
    if (v.empty()) return std::nullopt;
    return v;
  }
  return std::string(leading_value(inner));
}

/// A math span found from the end: [open, end) in the text and its content.
struct math_hit {
  std::size_t open = 0;
  std::size_t end = 0;
  std::string_view inner;
};

inline constexpr std::string_view alignment_environments[] = {
    "align", "align*", "equation", "equation*", "gather", "gather*", "eqnarray", "eqnarray*", "multline", "multline*",
    "displaymath", "flalign", "flalign*"};

/// The math span that ends last at or before `limit`, among those that end after `floor`.
[[nodiscard]] inline std::optional<math_hit> last_math_before(std::string_view s, std::size_t limit, std::size_t floor = 0) {
  std::optional<math_hit> best;
  const std::string_view scope = s.substr(0, limit);
  using transferscore::detail::rfind_fast;
  // Dollars first, from the end: a closing $ that closes a span (not a price).
  for (std::size_t k = scope.size(); k > floor;) {
    const std::size_t at = rfind_fast(scope.substr(0, k), "$");
    if (at == std::string_view::npos || at < floor) break;
    k = at;
    if (escaped_at(scope, k)) continue;
    if (k > 0 && scope[k - 1] == '$' && !escaped_at(scope, k - 1)) {
      // $$ ... $$
      if (k < 2) break;
      const std::size_t open = rfind_fast(scope.substr(0, k - 1), "$$");
      if (open == std::string_view::npos) break;
      best = math_hit{open, k + 1, scope.substr(open + 2, k - 1 - open - 2)};
      break;
    }
    if (k + 1 < scope.size() && scope[k + 1] >= '0' && scope[k + 1] <= '9') continue;  // "$5": a price
    // The opening $: the previous unescaped one, if it closes here.
    std::size_t open = k;
    while (open > 0) {
      open = rfind_fast(scope.substr(0, open), "$");
      if (open == std::string_view::npos || !escaped_at(scope, open)) break;
    }
    if (open == std::string_view::npos || (open == 0 && (scope[0] != '$' || k == 0))) break;
    if (closing_dollar(scope, open) != k) continue;  // not a pair: a price or a crossed blank line
    best = math_hit{open, k + 1, scope.substr(open + 1, k - open - 1)};
    break;
  }
  // Other delimiters count only when they end after that (search only the text after it).
  const std::size_t after = std::max(floor, best ? best->end : std::size_t{0});
  auto consider = [&](std::string_view open, std::string_view close) {
    if (after >= scope.size()) return;
    const std::size_t rel = rfind_fast(scope.substr(after), close);
    if (rel == std::string_view::npos) return;
    const std::size_t end = after + rel;
    if (best && end + close.size() <= best->end) return;
    const std::size_t start = rfind_fast(scope.substr(0, end), open);
    if (start == std::string_view::npos || start + open.size() > end) return;
    best = math_hit{start, end + close.size(), scope.substr(start + open.size(), end - start - open.size())};
  };
  consider("\\[", "\\]");
  consider("\\(", "\\)");
  // \begin{align*} ... \end{align*} outside any delimiter.
  if (after < scope.size()) {
    if (const std::size_t rel = rfind_fast(scope.substr(after), "\\end{"); rel != std::string_view::npos) {
      const std::size_t e = after + rel;
      const std::size_t name_end = scope.find('}', e + 5);
      if (name_end != std::string_view::npos && (!best || name_end + 1 > best->end)) {
        const std::string_view name = scope.substr(e + 5, name_end - e - 5);
        bool alignment = false;
        for (auto a : alignment_environments) alignment = alignment || a == name;
        if (alignment) {
          const std::string begin = "\\begin{" + std::string(name) + "}";
          const std::size_t b = rfind_fast(scope.substr(0, e), begin);
          if (b != std::string_view::npos) best = math_hit{b, name_end + 1, scope.substr(b + begin.size(), e - b - begin.size())};
        }
      }
    }
  }
  if (best && (best->end <= floor || trim(best->inner).empty())) return std::nullopt;
  return best;
}

/// The last math span, joined with the spans before it in the same sentence ("$y = 1$ or
/// $y = 4$"), as answer text; and where it ends.
[[nodiscard]] inline std::optional<std::pair<std::string, std::size_t>> last_math(std::string_view s) {
  auto hit = last_math_before(s, s.size());
  if (!hit) return std::nullopt;
  std::string answer(tidy(last_row(hit->inner)));
  if (answer.empty()) return std::nullopt;
  const std::size_t end = hit->end;
  for (int joined = 1; joined < 5; ++joined) {
    // A span joined to this one ends at most 40 bytes before it (joins_spans).
    auto previous = last_math_before(s, hit->open, hit->open > 40 ? hit->open - 40 : 0);
    if (!previous || previous->end > hit->open || !joins_spans(s.substr(previous->end, hit->open - previous->end))) break;
    const std::string_view text = tidy(previous->inner);
    if (text.empty()) break;
    answer = std::string(text) + ", " + answer;
    hit = previous;
  }
  return std::make_pair(std::move(answer), end);
}

/// The last number: 1,250  -3.5  3/4  $12.
[[nodiscard]] inline std::optional<std::string_view> last_number(std::string_view s) {
  std::size_t end = s.size();
  while (end > 0 && !(s[end - 1] >= '0' && s[end - 1] <= '9')) --end;
  if (end == 0) return std::nullopt;
  std::size_t start = end;
  auto digit = [&](std::size_t k) { return s[k] >= '0' && s[k] <= '9'; };
  while (start > 0) {
    if (digit(start - 1)) {
      --start;
      continue;
    }
    // 1,250 and 3.5 and 3/4 continue the number when a digit precedes the separator.
    if ((s[start - 1] == ',' || s[start - 1] == '.' || s[start - 1] == '/') && start >= 2 && digit(start - 2)) {
      if (s[start - 1] == ',' && end - start < 3) break;
      --start;
      continue;
    }
    break;
  }
  if (start > 0 && s[start - 1] == '-') --start;
  return s.substr(start, end - start);
}

/// A value stated in plain text: the sentence of the last number, when it gives its value
/// after a copula ("Therefore, the remainder is 0.", "Hence $k$ has 14 values").
[[nodiscard]] inline std::optional<std::string> stated_in(std::string_view text) {
  const auto number = last_number(text);
  if (!number) return std::nullopt;
  // The sentence of the last number: from the previous sentence end (". ", a blank line).
  std::size_t begin = static_cast<std::size_t>(number->data() - text.data());
  while (begin > 0) {
    const char c = text[begin - 1];
    if (c == '\n' && begin >= 2 && text[begin - 2] == '\n') break;
    if ((c == ' ' || c == '\n') && begin >= 2 &&
        (text[begin - 2] == '.' || text[begin - 2] == '!' || text[begin - 2] == '?' || text[begin - 2] == ':') &&
        !(begin >= 3 && is_digit(text[begin - 3]) && begin < text.size() && is_digit(text[begin]))) {
      break;
    }
    --begin;
  }
  const std::string_view sentence = text.substr(begin);
  std::size_t v = last_stated_value_start(sentence);
  if (v == std::string_view::npos) v = subject_value_start(sentence);
  if (v == std::string_view::npos) return std::nullopt;
  std::string value = value_text(sentence, v);
  if (tidy(value).empty()) return std::nullopt;
  return std::string(tidy(value));
}

/// The text before trailing notes: a last paragraph (or last line) that opens with "Note:",
/// "**Note:**", "Remark:" or "Disclaimer:" comments on the answer and never holds it.
[[nodiscard]] inline std::string_view without_notes(std::string_view s) {
  auto opens_with_note = [](std::string_view text) {
    while (!text.empty() && (text.front() == '*' || text.front() == '_' || text.front() == ' ' || text.front() == '>')) {
      text.remove_prefix(1);
    }
    for (std::string_view word : {"Note", "NOTE", "Remark", "Disclaimer", "Caveat"}) {
      if (text.substr(0, word.size()) != word) continue;
      std::size_t k = word.size();
      while (k < text.size() && (text[k] == '*' || text[k] == '_' || text[k] == ' ')) ++k;
      if (k < text.size() && text[k] == ':') return true;
    }
    return false;
  };
  for (int notes = 0; notes < 4; ++notes) {
    const std::string_view t = trim(s);
    const std::size_t para = transferscore::detail::rfind_fast(t, "\n\n");
    const std::size_t line = transferscore::detail::rfind_fast(t, "\n");
    std::size_t cut = std::string_view::npos;
    if (para != std::string_view::npos && opens_with_note(t.substr(para + 2))) cut = para;
    else if (line != std::string_view::npos && opens_with_note(t.substr(line + 1))) cut = line;
    if (cut == std::string_view::npos) return s;
    s = t.substr(0, cut);
  }
  return s;
}

/// The last line when it is a bare expression (\frac{10}{9}, x^2 + 1): no prose, some math.
[[nodiscard]] inline std::optional<std::string_view> expression_line(std::string_view s) {
  const std::string_view t = trim(s);
  const std::size_t nl = t.rfind('\n');
  const std::string_view line = tidy(nl == std::string_view::npos ? t : t.substr(nl + 1));
  if (line.empty() || line.size() > 300) return std::nullopt;
  bool command = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\') command = true;
    if (is_ascii_letter(line[i]) && (i == 0 || !is_ascii_letter(line[i - 1])) && !escaped_at(line, i) && prose_word_at(line, i)) {
      return std::nullopt;
    }
  }
  if (!command) return std::nullopt;  // a plain number is the last-number rule's
  return line;
}

}  // namespace detail

/// Extracts the answer of `response`. `gold_items` is how many top-level items the gold
/// lists (1 unless the gold is a list like "2, 3"); it decides how many boxes form the answer.
/// `finished_only` (responses) refuses the fallbacks of a cut-off or looping response; a gold
/// read like a response passes false.
TRANSFERSCORE_API extraction extract(std::string_view response, const options& opts, std::size_t gold_items, bool finished_only) {
  extraction out;
  if (response.size() > opts.budget.max_response_bytes) {
    out.too_long = true;
    return out;
  }
  const std::size_t max_content = opts.budget.max_answer_bytes;
  auto content = [&](const detail::box_span& b) { return response.substr(b.content_begin, b.content_end - b.content_begin); };
  // The fallbacks read the end of the response only (the final answer is there; the cost
  // stays bounded for very long responses).
  auto window = [&](std::string_view text) {
    if (text.size() <= opts.budget.max_fallback_bytes) return text;
    std::size_t cut = text.size() - opts.budget.max_fallback_bytes;
    while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) ++cut;
    return text.substr(cut);
  };
  // 1. Boxes.
  bool too_long = false;
  if (auto last = detail::last_box_before(response, response.size(), max_content, too_long)) {
    if (too_long) {
      out.too_long = true;
      out.answer = std::string(transferscore::detail::utf8_prefix(content(*last), 64)) + "...";
      return out;
    }
    if (!last->closed) {
      out.unterminated_box = true;
      return out;
    }
    // "\boxed{255} ... Final Answer: The final answer is $10,455$.": a final-answer statement
    // after the last box supersedes it.
    if (opts.boxes != box_policy::all) {
      auto final_cue = detail::last_cue(window(response.substr(last->content_end)), true);
      if (final_cue && detail::value_like(final_cue->answer)) {
        out.answer = std::move(final_cue->answer);
        out.source = answer_source::cue;
        return out;
      }
    }
    std::vector<detail::box_span> boxes{*last};
    // Boxes joined to the last one by "or", "and" or commas are part of the answer.
    if (opts.boxes != box_policy::last) {
      while (boxes.size() <= opts.budget.max_items) {
        bool long_box = false;
        auto earlier = detail::last_box_before(response, boxes.back().begin, max_content, long_box);
        if (!earlier || !earlier->closed || earlier->content_end >= boxes.back().begin) break;
        const std::size_t gap_begin = earlier->content_end + 1;
        if (gap_begin > boxes.back().begin ||
            !detail::joins_boxes(response.substr(gap_begin, boxes.back().begin - gap_begin))) {
          break;
        }
        boxes.push_back(*earlier);
      }
    }
    std::size_t wanted = boxes.size();
    if (opts.boxes == box_policy::all) {
      wanted = opts.budget.max_items;
    } else if (opts.boxes == box_policy::gold_count && gold_items > boxes.size()) {
      std::size_t items = 0;
      for (const auto& b : boxes) items += detail::count_items(content(b));
      if (gold_items > items) wanted = boxes.size() + (gold_items - items);
    }
    const std::size_t joined = boxes.size();
    std::size_t limit = boxes.back().begin;
    while (boxes.size() < wanted) {
      bool long_box = false;
      auto earlier = detail::last_box_before(response, limit, max_content, long_box);
      if (!earlier) break;
      limit = earlier->begin;
      if (!earlier->closed || earlier->content_end > boxes.back().begin) continue;  // unclosed, or holds a later box
      boxes.push_back(*earlier);
    }
    if (opts.boxes == box_policy::gold_count && boxes.size() < wanted) boxes.resize(joined);
    for (std::size_t k = boxes.size(); k-- > 0;) {
      if (!out.answer.empty()) out.answer += ", ";
      out.answer += detail::trim(content(boxes[k]));
    }
    out.source = answer_source::boxed;
    out.boxes = boxes.size();
    return out;
  }
  const std::string_view tail = window(response);
  // A cut-off or looping response keeps only an explicit final-answer statement.
  if (finished_only) {
    if (const char* why = detail::unfinished_ending(tail)) {
      if (auto final_cue = detail::last_cue(tail, true)) {
        out.answer = std::move(final_cue->answer);
        out.source = answer_source::cue;
        return out;
      }
      out.unfinished = why;
      return out;
    }
  }
  const std::string_view body = detail::without_notes(tail);
  // 2. Cues.
  if (auto a = detail::last_cue(body)) {
    out.answer = std::move(a->answer);
    out.source = answer_source::cue;
    return out;
  }
  // 3. Bold answer on the last line.
  if (auto a = detail::bold_on_last_line(body)) {
    out.answer = std::move(*a);
    out.source = answer_source::bold;
    return out;
  }
  // 4. The last math span, unless a later sentence states a value.
  if (auto a = detail::last_math(body)) {
    if (auto stated = detail::stated_in(body.substr(a->second))) {
      out.answer = std::move(*stated);
      out.source = answer_source::sentence;
      return out;
    }
    out.answer = std::move(a->first);
    out.source = answer_source::math;
    return out;
  }
  // 5. Plain text (last_number_fallback): a sentence stating a value, a bare expression, the
  // last number.
  if (opts.last_number_fallback) {
    if (auto stated = detail::stated_in(body)) {
      out.answer = std::move(*stated);
      out.source = answer_source::sentence;
      return out;
    }
    if (auto a = detail::expression_line(body)) {
      out.answer = std::string(*a);
      out.source = answer_source::expression;
      return out;
    }
    if (auto a = detail::last_number(body)) {
      out.answer = std::string(*a);
      out.source = answer_source::last_number;
      return out;
    }
  }
  return out;
}

}  // namespace math
TRANSFERSCORE_END_NAMESPACE
