#pragma once
// Reading an answer out of a sentence. Models often state the final answer in words around
// the value: "Final Answer: The volume of $ABCDEFGH$ is 120.", "**73 residents own all four
// items**", "Therefore, the daily requirement is 2000 calories.", "the answer is 40, which I
// checked twice". These helpers find the value such a sentence states:
//
//   stated_value   the value after the last copula ("is", "are", "equals", "=", "has", ...)
//   leading_value  a value at the start of a text, up to the first word of prose
//   sentence_value a sentence's value: its stated value, else its only number
//
// and recognise cue texts that are not answers at all ("our answer is correct", "the answer
// should be an integer n where ...").

#include <transferscore/config.hpp>
#include <transferscore/detail/text.hpp>
#include <transferscore/scorers/math/lexer.hpp>
#include <transferscore/scorers/math/unicode.hpp>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace math {
namespace detail {

[[nodiscard]] constexpr bool is_word_byte(char c) noexcept { return is_letter(c); }

/// Words with a meaning in an answer: functions, constants, connectives, number words, units.
[[nodiscard]] inline bool is_math_word(std::string_view lower) {
  if (lower == "and" || lower == "or" || lower == "pi" || lower == "sqrt" || lower == "mod" || lower == "infinity" ||
      lower == "inf" || lower == "pct" || lower == "percent" || lower == "degrees" || lower == "degree") {
    return true;
  }
  if (number_word_value(lower) >= 0) return true;
  for (const auto& w : plain_words) {
    if (w.word == lower) return true;
  }
  return is_unit_word(lower, false);
}

/// The end of the ASCII letter run that starts at s[i].
[[nodiscard]] inline std::size_t letters_end(std::string_view s, std::size_t i) noexcept {
  while (i < s.size() && is_letter(s[i])) ++i;
  return i;
}

/// Is there a word of prose (two letters or more, not a command, unit, function or number
/// word) at s[i]? A single "a" or "I" followed by such a word counts too ("40 I checked").
[[nodiscard]] inline bool prose_word_at(std::string_view s, std::size_t i) {
  if (i >= s.size() || !is_letter(s[i]) || (i > 0 && (s[i - 1] == '\\' || is_letter(s[i - 1])))) return false;
  const std::size_t e = letters_end(s, i);
  const std::size_t n = e - i;
  if (n == 1) {
    if (s[i] != 'a' && s[i] != 'I' && s[i] != 'A') return false;
    if (e >= s.size() || s[e] != ' ') return false;
    return prose_word_at(s, e + 1);
  }
  if (e < s.size() && (s[e] == '_' || s[e] == '^' || s[e] == '(')) return false;  // f(x), ab_1: math
  return !is_math_word(ascii_lowercase(s.substr(i, n)));
}

/// The value at the start of `text`, up to the first word of prose: "73 residents own all four
/// items" is 73, "40 I checked twice" is 40, "12\pi inches per second" keeps its units (the
/// parser drops them). Text inside braces (\text{ cm}) and math delimiters is never cut.
[[nodiscard]] inline std::string_view leading_value(std::string_view text) {
  int depth = 0;
  bool in_math = false;
  bool any_value = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\' && i + 1 < text.size()) {
      if (text[i + 1] == '(' || text[i + 1] == '[') in_math = true;
      if (text[i + 1] == ')' || text[i + 1] == ']') in_math = false;
      i = is_letter(text[i + 1]) ? letters_end(text, i + 1) - 1 : i + 1;
      any_value = true;
      continue;
    }
    if (c == '$') in_math = !in_math;
    if (c == '{') ++depth;
    if (c == '}' && depth > 0) --depth;
    if (is_digit(c)) any_value = true;
    if (depth > 0 || in_math || !is_letter(c)) continue;
    if (any_value && (i == 0 || text[i - 1] == ' ') && prose_word_at(text, i)) {
      std::string_view v = text.substr(0, i);
      while (!v.empty() && (v.back() == ' ' || v.back() == ',' || v.back() == '(' || v.back() == '-')) v.remove_suffix(1);
      // "7 or maybe 8" stays whole: a hedge is not cut down to its first value.
      const std::size_t last_word = v.find_last_of(' ');
      const std::string tail = ascii_lowercase(last_word == std::string_view::npos ? v : v.substr(last_word + 1));
      if (tail == "or" || tail == "and") return text;
      return v;
    }
    const std::size_t e = letters_end(text, i);
    if (e - i >= 2) any_value = any_value || number_word_value(ascii_lowercase(text.substr(i, e - i))) >= 0;
    i = e - 1;
  }
  return text;
}

// Verbs and signs after which a sentence gives its value ("the remainder is 0", "k has 14
// values", "we get 7", "= 225").
inline constexpr std::string_view copulas[] = {"is", "are", "was", "were", "be", "equals", "equal", "=", "has", "have",
                                               "gives", "give", "giving", "yields", "get", "gets", "obtain", "makes",
                                               "making", "remains", "leaves", "leaving", "totals", "totaling",
                                               // the languages of the cues: German, French, Spanish
                                               "ist", "sind", "betr\xC3\xA4gt", "est", "sont", "vaut", "es", "son", "vale"};
// Copulas written in other scripts, matched as bytes: 是 为 為 は равна равно равен составляет.
inline constexpr std::string_view script_copulas[] = {
    "\xE6\x98\xAF", "\xE4\xB8\xBA", "\xE7\x82\xBA", "\xE3\x81\xAF",
    "\xD1\x80\xD0\xB0\xD0\xB2\xD0\xBD\xD0\xB0", "\xD1\x80\xD0\xB0\xD0\xB2\xD0\xBD\xD0\xBE",
    "\xD1\x80\xD0\xB0\xD0\xB2\xD0\xB5\xD0\xBD",
    "\xD1\x81\xD0\xBE\xD1\x81\xD1\x82\xD0\xB0\xD0\xB2\xD0\xBB\xD1\x8F\xD0\xB5\xD1\x82"};
/// True when `text` opens with a word of prose and has at least three words: a sentence
/// ("The volume of $V$ is 120"), not a text answer ("Evelyn", "no solution"). Text that opens
/// in another script and holds one of its copulas is a sentence too ("面积是 12").
[[nodiscard]] inline bool starts_with_prose(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '*' || text[i] == '_')) ++i;
  if (i < text.size() && static_cast<unsigned char>(text[i]) >= 0x80) {
    for (auto c : script_copulas) {
      if (text.find(c, i) != std::string_view::npos) return true;
    }
    return false;
  }
  if (i >= text.size() || !is_letter(text[i])) return false;
  const std::size_t e = letters_end(text, i);
  const bool elided = e - i == 1 && e < text.size() && text[e] == '\'';  // l'aire, d'un
  if ((e - i < 2 && !elided) || is_math_word(ascii_lowercase(text.substr(i, e - i)))) return false;
  int words = 0;
  for (std::size_t k = i; k < text.size(); ++k) {
    if (text[k] == ' ' && k + 1 < text.size() && text[k + 1] != ' ') ++words;
  }
  return words >= 2;
}

// Words that may sit between the verb and the value ("is indeed 10", "is equal to 5").
inline constexpr std::string_view value_adverbs[] = {"indeed", "exactly", "just", "also", "therefore", "thus", "then",
                                                     "now", "still", "simply", "equal", "to", "approximately", "only",
                                                     "precisely", "clearly", "definitely", "actually", "finally", "a",
                                                     "total", "of", "be", "="};

/// Where a value starts at s[i] (after spaces): a digit, a sign and digit, a math span, or a
/// number word standing alone ("is three."). npos when none does.
[[nodiscard]] inline std::size_t value_start(std::string_view s, std::size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '*')) ++i;
  if (i >= s.size()) return std::string_view::npos;
  const char c = s[i];
  if (is_digit(c)) return i;
  if ((c == '-' || c == '+' || c == '.') && i + 1 < s.size() && is_digit(s[i + 1])) return i;
  if (c == '$' && i + 1 < s.size() && s[i + 1] != ' ') return i;
  if (c == '\\' && i + 1 < s.size() && (s[i + 1] == '(' || s[i + 1] == '[' || s[i + 1] == '$')) return i;
  if (static_cast<unsigned char>(c) == 0xE2 && s.substr(i, 3) == "\xE2\x88\x92") return i;  // − (minus sign)
  if (is_letter(c)) {
    // "is three", "has twenty-one values"; not "is one of the ...".
    const std::size_t e = letters_end(s, i);
    if (number_word_value(ascii_lowercase(s.substr(i, e - i))) >= 0 && s.substr(e, 4) != " of ") return i;
  }
  return std::string_view::npos;
}

/// A value inside an aside, "(which we know is 0)": a ")" closes before its sentence ends.
[[nodiscard]] inline bool inside_parentheses(std::string_view s, std::size_t v) {
  int depth = 0;
  const std::size_t stop = std::min(s.size(), v + 512);
  for (std::size_t k = v; k < stop; ++k) {
    const char c = s[k];
    if (c == '\n' || ((c == '.' || c == '!' || c == '?') && (k + 1 == s.size() || s[k + 1] == ' ' || s[k + 1] == '\n'))) break;
    if (c == '(') ++depth;
    if (c == ')' && --depth < 0) return true;
  }
  return false;
}

/// The start of the value after the last copula in `s` (npos when no copula gives one).
[[nodiscard]] inline std::size_t last_stated_value_start(std::string_view s) {
  // Copulas in other scripts ("面积是 12", "площадь равна 12"): the latest one with a value.
  std::size_t script = std::string_view::npos;
  if (has_non_ascii(s)) {
    for (auto c : script_copulas) {
      for (std::size_t at = s.rfind(c); at != std::string_view::npos; at = at == 0 ? std::string_view::npos : s.rfind(c, at - 1)) {
        std::size_t j = at + c.size();
        if (s.substr(j, 3) == "\xEF\xBC\x9A") j += 3;  // ：
        const std::size_t v = value_start(s, j);
        if (v != std::string_view::npos && (script == std::string_view::npos || v > script) && !inside_parentheses(s, v)) {
          script = v;
          break;
        }
      }
    }
  }
  for (std::size_t i = s.size(); i-- > 0;) {
    if (script != std::string_view::npos && i < script) return script;
    const char c = s[i];
    if (c != ' ' && c != '\n') continue;
    // A copula is the word right before this space.
    std::size_t e = i;
    std::size_t b = e;
    while (b > 0 && (is_letter(s[b - 1]) || s[b - 1] == '=')) --b;
    if (b == e || e - b > 10 || (b > 0 && s[b - 1] != ' ' && s[b - 1] != '\n' && s[b - 1] != '*' && s[b - 1] != ',')) continue;
    char buffer[10];
    for (std::size_t k = b; k < e; ++k) buffer[k - b] = transferscore::detail::ascii_lower(s[k]);
    const std::string_view lower(buffer, e - b);
    bool is_copula = false;
    for (auto w : copulas) {
      if (w.size() == lower.size() && w == lower) {
        is_copula = true;
        break;
      }
    }
    if (!is_copula && lower == "by" && b >= 2) {
      // "increases by 100%", "was reduced by 12"
      std::size_t vb = b - 1;
      while (vb > 0 && is_letter(s[vb - 1])) --vb;
      const std::string verb = ascii_lowercase(s.substr(vb, b - 1 - vb));
      for (std::string_view v : {"increase", "increases", "increased", "decrease", "decreases", "decreased", "grows",
                                 "grew", "rises", "rose", "falls", "fell", "drops", "dropped", "reduced", "changes", "changed"}) {
        is_copula = is_copula || v == verb;
      }
    }
    if (!is_copula) continue;
    // Skip adverbs: "is indeed", "is equal to", "a total of".
    std::size_t j = e;
    while (true) {
      std::size_t k = j;
      while (k < s.size() && s[k] == ' ') ++k;
      const std::size_t we = k < s.size() && s[k] == '=' ? k + 1 : letters_end(s, k);
      if (we == k) break;
      const std::string w = ascii_lowercase(s.substr(k, we - k));
      bool adverb = false;
      for (auto a : value_adverbs) adverb = adverb || a == w;
      if (!adverb) break;
      j = we;
    }
    const std::size_t v = value_start(s, j);
    if (v != std::string_view::npos && !inside_parentheses(s, v)) return v;
  }
  return script;
}

/// A value that is the subject of its sentence: "326.5 is the correct sum", "So 12 is the
/// largest one". npos when the sentence does not open (after "so", "thus", ...) with a value
/// followed by "is", "was", "equals" or "=".
[[nodiscard]] inline std::size_t subject_value_start(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == ',' || s[i] == '*')) ++i;
    const std::size_t e = letters_end(s, i);
    if (e == i) break;
    const std::string w = ascii_lowercase(s.substr(i, e - i));
    bool connective = false;
    for (std::string_view c : {"so", "thus", "therefore", "hence", "then", "and", "i", "think", "yes", "yeah", "indeed",
                               "finally", "clearly", "overall", "again"}) {
      connective = connective || c == w;
    }
    if (!connective) break;
    i = e;
  }
  const std::size_t v = value_start(s, i);
  if (v != i || s[v] == '$') return std::string_view::npos;
  std::size_t e = v + 1;
  while (e < s.size() && (is_digit(s[e]) || s[e] == '.' || s[e] == ',' || s[e] == '/') &&
         !(s[e] == '.' && (e + 1 == s.size() || !is_digit(s[e + 1])))) {
    ++e;
  }
  for (std::string_view verb : {" is ", " was ", " equals ", " = "}) {
    if (s.substr(e, verb.size()) == verb) return v;
  }
  return std::string_view::npos;
}

/// Cuts a plain-text value at the end of its sentence or clause: ". ", "。", a line break,
/// "; ", ", which ...", " (because ...)", " -- ...".
[[nodiscard]] inline std::string_view clause_of(std::string_view line) {
  for (std::size_t k = 0; k < line.size(); ++k) {
    const char c = line[k];
    if (c == '\n') return line.substr(0, k);
    if ((c == '.' || c == '!' || c == '?' || c == ';') && (k + 1 == line.size() || line[k + 1] == ' ' || line[k + 1] == '\n')) {
      return line.substr(0, k);
    }
    if (line.substr(k, 3) == "\xE3\x80\x82") return line.substr(0, k);
    if (c == '(' && k > 0 && line[k - 1] == ' ' && k + 1 < line.size() && is_letter(line[k + 1]) && prose_word_at(line, k + 1)) {
      return line.substr(0, k);  // "40 (double-checked)"
    }
    if ((line.substr(k, 4) == " -- " || line.substr(k, 3) == " - ") && k + 3 < line.size()) {
      const std::size_t w = line.substr(k, 4) == " -- " ? k + 4 : k + 3;
      if (prose_word_at(line, w)) return line.substr(0, k);
    }
    if (line.substr(k, 5) == " \xE2\x80\x94 ") return line.substr(0, k);  // em dash
    if (c == ',' && k + 1 < line.size() && line[k + 1] == ' ') {
      const std::size_t w = k + 2;
      const std::size_t e = letters_end(line, w);
      const std::string next = ascii_lowercase(line.substr(w, e - w));
      for (std::string_view stop : {"which", "so", "since", "because", "as", "where", "when", "but", "hence", "thus",
                                    "this", "that", "meaning", "giving", "for", "i", "we", "it", "and", "though", "although",
                                    "assuming", "given", "if", "or", "not", "then", "confirming", "matching", "as"}) {
        if (e > w && next == stop && (next != "and" && next != "or" ? true : prose_word_at(line, e + 1))) {
          return line.substr(0, k);
        }
      }
    }
  }
  return line;
}

/// Words that judge rather than answer: "our answer is correct", "the answer is indeed right".
[[nodiscard]] inline bool is_judgement(std::string_view answer) {
  static constexpr std::string_view judgements[] = {
      "correct", "right", "wrong", "incorrect", "valid", "invalid", "consistent", "verified", "confirmed", "reasonable",
      "plausible", "follows", "below", "above", "following", "clear", "obvious", "unique", "same", "different",
      "accurate", "true", "false", "fine", "ok", "okay", "good", "solid", "sound", "satisfied", "satisfactory",
      "complete", "done", "final", "unchanged", "highlighted", "boxed", "shown", "stated", "presented", "displayed",
      "written", "provided", "indicated", "marked", "emphasized", "given", "included", "enclosed"};
  static constexpr std::string_view fillers[] = {"indeed", "definitely", "certainly", "clearly", "probably", "likely",
                                                 "still", "also", "now", "then", "therefore", "thus", "very", "quite",
                                                 "absolutely", "not", "most", "as", "the", "all", "seems", "be", "is",
                                                 "surely", "completely", "entirely", "perfectly"};
  bool any = false;
  std::size_t i = 0;
  while (i < answer.size()) {
    const char c = answer[i];
    if (is_letter(c)) {
      const std::size_t e = letters_end(answer, i);
      const std::string w = ascii_lowercase(answer.substr(i, e - i));
      bool judged = false, filler = false;
      for (auto j : judgements) judged = judged || j == w;
      for (auto f : fillers) filler = filler || f == w;
      if (!judged && !filler) return false;
      any = any || judged;
      i = e;
      continue;
    }
    if (c != ' ' && c != '.' && c != ',' && c != '!' && c != '*' && c != ':' && c != '-') return false;
    ++i;
  }
  return any;
}

/// A cue text that describes the answer instead of giving it: "an integer n where 0 <= n < 9",
/// "expressed as a common fraction", "in the form a/b".
[[nodiscard]] inline bool is_description(std::string_view answer) {
  std::size_t i = 0;
  while (i < answer.size() && (answer[i] == ' ' || answer[i] == '*')) ++i;
  const std::size_t e = letters_end(answer, i);
  const std::string first = ascii_lowercase(answer.substr(i, e - i));
  if ((first == "a" || first == "an") && e < answer.size() && answer[e] == ' ' && prose_word_at(answer, e + 1)) return true;
  for (std::string_view w : {"expressed", "written", "given", "rounded", "simplified", "in", "of", "as", "to", "that",
                             "what", "how", "whether", "which", "obtained", "found", "computed", "calculated", "determined"}) {
    if (first == w && e < answer.size() && answer[e] == ' ' && prose_word_at(answer, e + 1)) return true;
  }
  return false;
}

}  // namespace detail
}  // namespace math
TRANSFERSCORE_END_NAMESPACE
