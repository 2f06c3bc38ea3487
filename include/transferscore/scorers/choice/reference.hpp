#pragma once
// Reference mode: the final letter of a free-text answer. The response is folded to ASCII
// (NFKC for styled and full-width letters), then the LAST statement of an answer decides:
//
//   boxed       \boxed{B}, \boxed{\text{B}}, \boxed{(B)}, \boxed{B) option text}, a box naming
//               one option's text;
//   cue         an answer cue and its letter: "the answer is (B)", "Answer: c", "**Final
//               Answer**: Option B", "the correct option is B", "最终答案：D", "答案是 C",
//               "答え: A", "정답은 B" (a self-correction on the cue's line, "Answer: A... no
//               wait, C", takes the later letter);
//   conclusion  a conclusion in prose: "which leaves only C", "I'd go with b", "so D.",
//               "Option C is correct", "故选C";
//
//   option_text a cue whose short answer names exactly one option's text (reference.choices):
//               "The final answer: 4-methylpentan-2-one";
//
// and when no statement is found, in a response that ended (not cut off mid-sentence), the
// weaker readings:
//
//   last_line   the last line is a letter: "B", "(D)", "c.", "B) 1.5 eV", "Option C" (not a
//               list item: "- A");
//   option_text the last line is one option's text ("10^-4 eV", "4-methylpentan-2-one").
//
// No letter (status no_answer) when the last statement offers two letters ("A or C",
// "\boxed{A}, \boxed{C}"), when the text after it goes on to doubt it ("The correct answer
// is C. Wait...") without coming back to the same letter, when it is tentative ("maybe the
// answer is D") and the text goes on, or when the response ends in a repetition loop with
// no statement. A cue that quotes someone else's answer ("the reference answer is D", "my
// initial answer was B") is not a statement.

#include <transferscore/config.hpp>
#include <transferscore/detail/answer_cue.hpp>
#include <transferscore/detail/latex_box.hpp>
#include <transferscore/detail/short_answer.hpp>
#include <transferscore/detail/text.hpp>
#include <transferscore/scorers/choice/gold.hpp>
#include <transferscore/scorers/choice/letter_token.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace choice {

enum class letter_source : std::uint8_t { none, boxed, cue, conclusion, last_line, option_text };

[[nodiscard]] constexpr std::string_view to_string(letter_source s) noexcept {
  switch (s) {
    case letter_source::none: return "none";
    case letter_source::boxed: return "boxed";
    case letter_source::cue: return "cue";
    case letter_source::conclusion: return "conclusion";
    case letter_source::last_line: return "last_line";
    case letter_source::option_text: return "option_text";
  }
  return "none";
}

/// Why no letter was read.
enum class no_letter : std::uint8_t { nothing, two_letters, doubted, loop };

[[nodiscard]] constexpr std::string_view to_string(no_letter w) noexcept {
  switch (w) {
    case no_letter::nothing: return "no answer letter found";
    case no_letter::two_letters: return "two letters offered, not one answer";
    case no_letter::doubted: return "the last stated answer is doubted by the text after it";
    case no_letter::loop: return "the response ends in a repetition loop without stating an answer";
  }
  return "no answer letter found";
}

struct letter_extraction {
  char letter = 0;
  letter_source source = letter_source::none;
  no_letter why = no_letter::nothing;  ///< when nothing was found
  [[nodiscard]] bool found() const noexcept { return source != letter_source::none; }
};

/// How much of the response end the cue, conclusion and line steps read (final answers are there).
inline constexpr std::size_t reference_window_bytes = 16384;

namespace detail {

using transferscore::detail::ascii_word_at;

/// A statement of an answer found in the text.
struct statement {
  std::size_t at = std::string_view::npos;  ///< where its letter is (statements are ordered by it)
  std::size_t end = 0;                      ///< where it ends: doubt is looked for after it
  char letter = 0;
  bool two_letters = false;
  letter_source source = letter_source::none;
  bool tentative = false;  ///< "maybe the answer is D": final only when nothing follows it
  [[nodiscard]] bool found() const noexcept { return at != std::string_view::npos; }
};

/// A letter that is the whole of `line` or starts it as an option label ("B", "(B).",
/// "B) text", "B. text", "B: text", "Option B", "Choice (B)", "(B) text"); a lower-case
/// letter only when it is the whole line ("d", "(d)", "d.").
[[nodiscard]] inline std::optional<char> letter_line(std::string_view line) {
  // "- A", "* B", "+ C": an item of a list under discussion, not an answer.
  if (line.size() > 1 && (line[0] == '-' || line[0] == '*' || line[0] == '+') && line[1] == ' ') return std::nullopt;
  std::size_t j = 0;
  while (j < line.size() && (line[j] == '#' || line[j] == '>')) ++j;
  j = skip_letter_decoration(line, j);
  std::size_t end = 0;
  const bool parenthesised = j < line.size() && (line[j] == '(' || line[j] == '[');
  auto c = letter_token_at(line, j, true, end);
  if (!c) return std::nullopt;
  std::string_view rest = transferscore::detail::trim_ascii(line.substr(end));
  while (!rest.empty() && (rest.front() == '*' || rest.front() == '}' || rest.front() == '$' || rest.front() == '`')) rest.remove_prefix(1);
  const bool lower = line[parenthesised ? j + 1 : j] >= 'a';
  if (rest.empty() || rest == "." || rest == "*." ) return c;
  if (lower) return std::nullopt;
  if (parenthesised || rest.front() == ')' || rest.front() == '.' || rest.front() == ':') return c;
  return std::nullopt;
}

/// Is the letter that ends at `end` denied or hedged after it, in its sentence: "(D) is
/// incorrect", "(F) is not a valid answer", "(E) could be", "C, but it is not the correct
/// answer", "C, 0.016, which is not even close"?
[[nodiscard]] inline bool denied_after(std::string_view s, std::size_t end) {
  std::size_t k = end;
  while (k < s.size() && (s[k] == ')' || s[k] == '*' || s[k] == '$' || s[k] == '}' || s[k] == ' ')) ++k;
  for (std::string_view w : {"is not", "is incorrect", "is wrong", "is false", "isn't", "is also wrong", "is also incorrect",
                             "cannot be", "can't be", "could be", "might be", "may be", "would be wrong", "is unlikely",
                             "is ruled out", "is eliminated"}) {
    if (ascii_word_at(s, k, w)) return true;
  }
  std::size_t stop = k;
  while (stop < s.size() && s[stop] != '\n' && !(s[stop] == '.' && (stop + 1 == s.size() || s[stop + 1] == ' ' || s[stop + 1] == '\n'))) ++stop;
  const std::string_view sentence = s.substr(k, stop - k);
  for (std::size_t i = 0; i < sentence.size(); ++i) {
    for (std::string_view w : {"not the correct", "not correct", "not even close", "not the answer", "not the right", "isn't correct",
                               "isn't the correct", "not a valid"}) {
      if (ascii_word_at(sentence, i, w)) return true;
    }
  }
  return false;
}

/// The letter a cue introduces at `j`: its first letter token (a lower-case one counts),
/// unless the rest of its line corrects itself ("A... no wait, C" takes C); two letters
/// offered make it a hedge. `line_end` receives the end of the cue's line.
[[nodiscard]] inline statement cue_statement(std::string_view s, std::size_t j, letter_source source, std::size_t& line_end) {
  statement out;
  int newlines = 0;
  while (j < s.size() && (transferscore::detail::is_line_blank(s[j]) || s[j] == '*' || s[j] == '_' || s[j] == ':')) {
    if (s[j] == '\n' && ++newlines > 2) return out;
    ++j;
  }
  line_end = s.find('\n', j);
  if (line_end == std::string_view::npos) line_end = s.size();
  const std::size_t at = skip_letter_decoration(s, j);
  std::size_t end = 0;
  auto c = letter_token_at(s, at, true, end);
  if (!c) return out;
  if (denied_after(s, end)) return out;  // "The answer is (D) is incorrect."
  out = {at, end, *c, false, source};
  const std::string_view rest = s.substr(end, line_end - end);
  static constexpr std::string_view corrections[] = {"wait", "actually", "correction", "rather", "i mean", "no,"};
  std::size_t fix = std::string_view::npos;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    for (std::string_view m : corrections) {
      if (ascii_word_at(rest, i, m.back() == ',' ? m.substr(0, m.size() - 1) : m) &&
          (m.back() != ',' || (i + m.size() - 1 < rest.size() && rest[i + m.size() - 1] == ','))) {
        fix = i + m.size();
      }
    }
  }
  if (fix != std::string_view::npos) {
    // The last letter after the correction.
    for (std::size_t k = fix; k < rest.size(); ++k) {
      std::size_t e = 0;
      if (auto later = letter_token_at(rest, k, false, e)) {
        out.letter = *later;
        out.at = end + k;
        out.end = end + e;
        k = e - 1;
      }
    }
    return out;
  }
  if (second_letter(s, end, *c)) out.two_letters = true;
  // "The correct answer is:\nF. ...\nG. ...": a list of options under the cue, not one answer.
  if (newlines > 0 && line_end < s.size()) {
    const std::string_view next = transferscore::detail::first_line(transferscore::detail::trim_ascii(s.substr(line_end)));
    if (auto other = letter_line(next); other && *other != *c) out.two_letters = true;
  }
  return out;
}

/// The position of the answer after a choice cue at `i` ("correct option is", "correct
/// choice:", "best option is", "my choice is"), or nothing.
[[nodiscard]] inline std::optional<std::size_t> after_option_cue(std::string_view s, std::size_t i) {
  for (std::string_view lead : {"correct ", "right ", "best ", "my ", "final "}) {
    if (!ascii_word_at(s, i, lead.substr(0, lead.size() - 1)) || s.size() - i < lead.size() || s[i + lead.size() - 1] != ' ') continue;
    std::size_t j = i + lead.size();
    while (j < s.size() && s[j] == ' ') ++j;
    for (std::string_view word : {"option", "choice", "pick", "selection", "letter"}) {
      if (!ascii_word_at(s, j, word) && !(ascii_word_at(s, j, std::string(word) + "s"))) continue;
      std::size_t k = j + word.size();
      if (k < s.size() && s[k] == 's') ++k;
      while (k < s.size() && (s[k] == ' ' || s[k] == '*')) ++k;
      if (ascii_word_at(s, k, "is")) return k + 2;
      if (ascii_word_at(s, k, "would be")) return k + 8;
      if (k < s.size() && s[k] == ':') return k + 1;
    }
  }
  return std::nullopt;
}

/// Conclusions in prose with the letter after them: "I'd go with b", "I choose C", "which
/// leaves only C", "so D." (the short ones only when a sentence ends right after the letter),
/// "故选C". Negated ones ("I wouldn't choose A") are not conclusions.
[[nodiscard]] inline statement conclusion_after(std::string_view s, std::size_t i, bool cut_off) {
  statement out;
  struct phrase {
    std::string_view text;
    bool sentence_end;  ///< the letter must end its sentence ("so D.")
  };
  // Verbs of choice need their subject ("choose $a$ and $b$" in a derivation is no answer).
  static constexpr phrase phrases[] = {
      {"i'd go with", false},   {"i would go with", false}, {"i'll go with", false},    {"i will go with", false},
      {"i'm going with", false}, {"i am going with", false}, {"i go with", false},      {"let's go with", false},
      {"i'd choose", false},    {"i would choose", false},  {"i'll choose", false},     {"i will choose", false},
      {"i choose", false},      {"i chose", false},         {"i pick", false},          {"i'd pick", false},
      {"i'll pick", false},     {"i would pick", false},    {"i select", false},        {"i'd select", false},
      {"i'll select", false},   {"i would select", false},  {"we choose", false},       {"we select", false},
      {"i'll opt for", false},  {"i'd opt for", false},     {"i'll settle on", false},  {"i settle on", false},
      {"leaves only", false},   {"leaving only", false},    {"leaves us with", false},  {"we're left with", false},
      {"we are left with", false}, {"only option left is", false}, {"only remaining option is", false},
      {"closest option is", false}, {"closest answer is", false}, {"it is closest to", false},
      {"so", true},             {"thus", true},             {"hence", true},            {"therefore", true},
      {"so it's", true},        {"so it is", true},         {"it must be", true},       {"it has to be", true}};
  for (const auto& p : phrases) {
    if (!ascii_word_at(s, i, p.text)) continue;
    // Negated: "I wouldn't choose A", "do not pick B".
    const std::string_view before = s.substr(i >= 12 ? i - 12 : 0, i >= 12 ? 12 : i);
    if (before.find("n't ") != std::string_view::npos || before.find("not ") != std::string_view::npos ||
        before.find("never ") != std::string_view::npos) {
      continue;
    }
    std::size_t j = i + p.text.size();
    while (j < s.size() && (s[j] == ',' || s[j] == ' ' || s[j] == ':')) ++j;
    const std::size_t at = skip_letter_decoration(s, j);
    std::size_t end = 0;
    const auto c = letter_token_at(s, at, !p.sentence_end, end);
    if (!c || denied_after(s, end)) continue;
    if (p.sentence_end) {
      std::size_t k = end;
      while (k < s.size() && (s[k] == '*' || s[k] == ')' || s[k] == '$' || s[k] == '}' || s[k] == ' ')) ++k;
      // The end of the text ends a sentence only in a response that ended ("... so option D" cut off does not).
      if (k == s.size() ? cut_off : (s[k] != '.' && s[k] != '!' && s[k] != '\n' && s[k] != '\r')) continue;
    }
    out = {at, end, *c, second_letter(s, end, *c).has_value(), letter_source::conclusion};
    return out;
  }
  // 选 / 選 + letter: "故选C", "所以选 B" (not 选项, an option word).
  for (std::string_view w : {std::string_view("\xE9\x80\x89"), std::string_view("\xE9\x81\xB8")}) {
    if (s.substr(i, w.size()) != w) continue;
    std::size_t j = transferscore::detail::skip_cjk_particle(s, i);
    j = transferscore::detail::skip_cue_decoration(s, j == i ? i + w.size() : j);
    std::size_t end = 0;
    if (const auto c = letter_token_at(s, j, false, end)) out = {j, end, *c, second_letter(s, end, *c).has_value(), letter_source::conclusion};
    return out;
  }
  return out;
}

/// Conclusions with the letter before them: "Option C is correct", "B is the right answer",
/// "C it is", "C是正确的", "Cが正解", "C가 정답". `i` is where the phrase starts.
[[nodiscard]] inline statement conclusion_before(std::string_view s, std::size_t i) {
  statement out;
  static constexpr std::string_view phrases[] = {
      " is correct",        " is the correct",     " is the right",       " is the best",
      " is the answer",     " is my answer",       " is my final answer", " is the only",
      " it is.",            " remains",            " is right",
      "\xE6\x98\xAF\xE6\xAD\xA3\xE7\xA1\xAE",  // 是正确
      "\xE6\x98\xAF\xE6\xAD\xA3\xE7\xA2\xBA",  // 是正確
      "\xE6\xAD\xA3\xE7\xA1\xAE",              // 正确
      "\xE3\x81\x8C\xE6\xAD\xA3",              // が正 (が正解, が正しい)
      "\xEA\xB0\x80 \xEC\xA0\x95\xEB\x8B\xB5",  // 가 정답
      "\xEC\x9D\xB4 \xEC\xA0\x95\xEB\x8B\xB5",  // 이 정답
      "\xEA\xB0\x80 \xEB\xA7\x9E",              // 가 맞
  };
  for (std::string_view p : phrases) {
    if (s.substr(i, p.size()) != p) continue;
    if (p.front() == ' ' && i + p.size() < s.size() && is_ascii_alpha(s[i + p.size()]) && p != " is the") continue;
    // The letter ends right before the phrase (markdown and a closing parenthesis aside).
    std::size_t k = i;
    while (k > 0 && (s[k - 1] == '*' || s[k - 1] == '$' || s[k - 1] == '}')) --k;
    std::size_t start = k;
    if (start >= 3 && (s[start - 1] == ')' || s[start - 1] == ']')) {
      start -= 3;
    } else if (start >= 1) {
      start -= 1;
    } else {
      continue;
    }
    std::size_t end = 0;
    const auto c = letter_token_at(s, start, false, end);
    if (!c || end != k) continue;
    out = {start, end, *c, false, letter_source::conclusion};
    return out;
  }
  return out;
}

/// The option whose text `answer` names, when exactly one does (or one equals it).
[[nodiscard]] inline std::optional<char> named_option(std::string_view answer, const gold& g) {
  if (g.texts.empty()) return std::nullopt;
  std::string folded;
  const std::string padded = transferscore::detail::words_padded(transferscore::detail::folded_view(answer, folded));
  std::optional<char> found;
  for (std::size_t i = 0; i < g.texts.size(); ++i) {
    std::string folded_text;
    const std::string text = transferscore::detail::words_padded(transferscore::detail::folded_view(g.texts[i], folded_text));
    if (text.size() <= 2) continue;  // no words
    if (text == padded) return g.label(i);
    if (padded.find(text) == std::string::npos) continue;
    if (found) return std::nullopt;  // more than one option named
    found = g.label(i);
  }
  return found;
}

/// `s` without markdown and math wrappers at its ends and a final period, lower case, runs of
/// white space as one space: "**10^-4 eV.**" -> "10^-4 ev".
[[nodiscard]] inline std::string bare_text(std::string_view s) {
  auto wrapper = [](char c) { return c == '*' || c == '_' || c == '$' || c == '`' || c == ' ' || c == '\t' || c == '"'; };
  while (!s.empty() && wrapper(s.front())) s.remove_prefix(1);
  while (!s.empty() && (wrapper(s.back()) || s.back() == '.')) s.remove_suffix(1);
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(ascii_lower(c));
    }
  }
  return out;
}

/// The option whose text `line` is (markdown, case and a final period aside).
[[nodiscard]] inline std::optional<char> option_equal_to(std::string_view line, const gold& g) {
  std::string folded;
  const std::string bare = bare_text(transferscore::detail::folded_view(line, folded));
  if (bare.empty()) return std::nullopt;
  for (std::size_t i = 0; i < g.texts.size(); ++i) {
    std::string folded_text;
    if (bare_text(transferscore::detail::folded_view(g.texts[i], folded_text)) == bare) return g.label(i);
  }
  return std::nullopt;
}

/// Several letters inside one box: "\boxed{A, C}", "\boxed{A or C}", "\boxed{B/D}".
[[nodiscard]] inline bool letter_list(std::string_view content) {
  std::size_t end = 0;
  const std::size_t at = skip_letter_decoration(content, 0);
  const auto first = letter_token_at(content, at, true, end);
  return first && second_letter(content, end, *first).has_value();
}

/// The last box that states a letter (or two), searching back from the end.
[[nodiscard]] inline statement box_statement(std::string_view s, const gold& g) {
  statement out;
  std::size_t limit = s.size();
  bool too_long = false;
  while (auto box = transferscore::detail::last_box_before(s, limit, 4096, too_long)) {
    limit = box->begin;
    if (!box->closed) continue;
    const std::string_view raw = s.substr(box->content_begin, box->content_end - box->content_begin);
    const std::string_view content = transferscore::detail::unwrap_box(raw);
    std::optional<char> c;
    if (content.size() == 1 && is_ascii_alpha(content[0])) c = upper(content[0]);  // a box is explicit even in lower case
    if (!c) c = letter_line(content);
    if (!c && letter_list(content)) return {box->content_begin, box->content_end, 0, true, letter_source::boxed};
    if (!c) c = named_option(content, g);
    if (!c) continue;
    out = {box->content_begin, box->content_end + 1, *c, false, letter_source::boxed};
    // "\boxed{A}, \boxed{C}": another letter box just before, joined by a separator only.
    std::size_t prev_limit = box->begin;
    bool prev_long = false;
    auto prev = transferscore::detail::last_box_before(s, prev_limit, 64, prev_long);
    std::size_t prev_end = prev ? prev->content_end : 0;
    if (prev && prev_end < s.size() && s[prev_end] == '}') ++prev_end;  // past a braced box
    if (prev && prev->closed && prev_end <= box->begin) {
      std::string_view between = s.substr(prev_end, box->begin - prev_end);
      std::string joined;
      for (char ch : between) {
        if (ch != ' ' && ch != '$' && ch != ',' && ch != '/' && ch != '&' && ch != ';' && ch != '\\' && ch != '(' && ch != ')') {
          joined.push_back(ascii_lower(ch));
        }
      }
      const std::string_view prev_content = transferscore::detail::unwrap_box(s.substr(prev->content_begin, prev->content_end - prev->content_begin));
      std::optional<char> p;
      if (prev_content.size() == 1 && is_ascii_alpha(prev_content[0])) p = upper(prev_content[0]);
      if (!p) p = letter_line(prev_content);
      if (p && *p != *c && (joined.empty() || joined == "or" || joined == "and" || joined == "quad" || joined == "text{or}")) {
        out.two_letters = true;
      }
    }
    return out;
  }
  return out;
}

/// The last answer cue (English or CJK) with a letter, or with a short answer that names one
/// option's text (source option_text: "The final answer: 4-methylpentan-2-one").
[[nodiscard]] inline statement cue_statement_from_end(std::string_view s, const gold& g) {
  constexpr transferscore::detail::answer_cue answer_word{"answer", true, false};
  std::size_t longest = 0;
  for (const auto& t : g.texts) longest = std::max(longest, t.size());
  for (std::size_t i = s.size(); i-- > 0;) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::optional<std::size_t> j;
    if (b >= 0x80) {
      const std::size_t k = transferscore::detail::cjk_cue_at(s, i, false);
      if (k != std::string_view::npos) j = transferscore::detail::skip_cjk_particle(s, k);
    } else {
      const char c = ascii_lower(s[i]);
      if (c != 'a' && c != 'c' && c != 'r' && c != 'b' && c != 'm' && c != 'f') continue;
      if (c == 'a' && transferscore::detail::cue_at(s, i, answer_word) && (i == 0 || !is_ascii_alpha(s[i - 1])) &&
          !transferscore::detail::quoted_answer(s, i)) {
        j = transferscore::detail::after_cue(s, i, answer_word);
      }
      if (!j) j = after_option_cue(s, i);
    }
    if (!j) continue;
    const auto frame = transferscore::detail::framing_before(s, i);
    if (frame == transferscore::detail::framing::hypothetical) continue;
    std::size_t line_end = 0;
    statement st = cue_statement(s, *j, letter_source::cue, line_end);
    if (!st.found() && !g.texts.empty() && line_end > *j) {
      // The answer up to the end of its sentence, when it is short, may name an option.
      std::size_t end = *j;
      while (end < line_end && !((s[end] == '.' || s[end] == ';') && (end + 1 == line_end || s[end + 1] == ' '))) ++end;
      const std::string_view answer = s.substr(*j, end - *j);
      if (answer.size() <= longest + 48) {
        if (auto c = named_option(answer, g)) st = {*j, end, *c, false, letter_source::option_text};
      }
    }
    if (!st.found()) continue;
    st.tentative = frame == transferscore::detail::framing::tentative;
    return st;
  }
  return {};
}

/// A sentence about the answer that ends in "is (X).": "the most comprehensive answer that
/// covers every view is (C).", "the option that fits best is B." (`i` is at "is").
[[nodiscard]] inline statement answer_sentence_is(std::string_view s, std::size_t i) {
  if (!ascii_word_at(s, i, "is")) return {};
  std::size_t j = i + 2;
  while (j < s.size() && s[j] == ' ') ++j;
  const std::size_t at = j;
  std::size_t end = 0;
  const auto c = letter_token_at(s, at, false, end);
  if (!c) return {};
  std::size_t k = end;
  while (k < s.size() && (s[k] == '*' || s[k] == ')')) ++k;
  if (k >= s.size() || s[k] != '.') return {};
  std::size_t begin = i;
  while (begin > 0 && s[begin - 1] != '.' && s[begin - 1] != '\n' && s[begin - 1] != '?' && s[begin - 1] != '!') --begin;
  const std::string_view sentence = s.substr(begin, i - begin);
  for (std::size_t k2 = 0; k2 < sentence.size(); ++k2) {
    for (std::string_view w : {"answer", "option", "choice"}) {
      if (ascii_word_at(sentence, k2, w) && !transferscore::detail::quoted_answer(sentence, k2)) return {at, end, *c, false, letter_source::conclusion};
    }
  }
  return {};
}

/// The last conclusion in prose.
[[nodiscard]] inline statement conclusion_from_end(std::string_view s, bool cut_off) {
  for (std::size_t i = s.size(); i-- > 0;) {
    const char c = s[i];
    if (c == ' ' || static_cast<unsigned char>(c) >= 0x80) {
      if (statement st = conclusion_before(s, i); st.found()) return st;
      if (static_cast<unsigned char>(c) >= 0x80) {
        if (statement st = conclusion_after(s, i, cut_off); st.found()) return st;
      }
      continue;
    }
    if (!is_ascii_alpha(c) || (i > 0 && is_ascii_alpha(s[i - 1]))) continue;
    if (statement st = conclusion_after(s, i, cut_off); st.found()) return st;
    if (statement st = answer_sentence_is(s, i); st.found()) return st;
  }
  return {};
}

/// Does the text after a doubt come back to `letter`: its last letter mention is `letter`,
/// in a sentence that confirms it ("yes, C is right", "so C still holds") and does not
/// negate it? A mention inside further doubt ("the ring strain in D would") is not.
[[nodiscard]] inline bool reaffirmed(std::string_view s, char letter) {
  std::size_t at = std::string_view::npos;
  std::optional<char> last;
  for (std::size_t i = 0; i < s.size(); ++i) {
    std::size_t end = 0;
    if (auto c = letter_token_at(s, i, false, end)) {
      last = c;
      at = i;
      i = end - 1;
    }
  }
  if (!last || *last != letter) return false;
  std::size_t begin = at;
  while (begin > 0 && s[begin - 1] != '.' && s[begin - 1] != '\n' && s[begin - 1] != '?' && s[begin - 1] != '!') --begin;
  std::size_t end = at;
  while (end < s.size() && s[end] != '.' && s[end] != '\n' && s[end] != '?' && s[end] != '!') ++end;
  const std::string_view sentence = s.substr(begin, end - begin);
  bool confirms = false;
  bool negates = false;
  for (std::size_t i = 0; i < sentence.size(); ++i) {
    for (std::string_view w : {"right", "correct", "confirmed", "confirms", "holds", "stands", "still", "yes", "indeed", "fine"}) {
      confirms = confirms || ascii_word_at(sentence, i, w);
    }
    for (std::string_view w : {"not", "wrong", "incorrect", "would", "could", "might", "if"}) negates = negates || ascii_word_at(sentence, i, w);
  }
  return confirms && !negates && sentence.find("n't") == std::string_view::npos;
}

/// Is `line` (the last line of `s`) the last item of a list of options ("H. ...\nI. ...\nJ. ..."):
/// the line before it is an option label too?
[[nodiscard]] inline bool in_list(std::string_view s, std::string_view line) {
  const std::size_t start = static_cast<std::size_t>(line.data() - s.data());
  const std::string_view previous = transferscore::detail::last_nonempty_line(s.substr(0, start));
  return !previous.empty() && letter_line(previous).has_value();
}

/// Where a response that has answered goes on answering other questions, or npos: a line
/// that opens with `Answer:` right after a line that ends in a complete statement ("The
/// answer is (E)."). Base models prompted with few-shot examples write such lines, each with
/// another letter; the statement before them is the response's answer.
[[nodiscard]] inline std::size_t answer_after_answer(std::string_view s) {
  bool answered = false;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t end = s.find('\n', i);
    if (end == std::string_view::npos) end = s.size();
    const std::string_view line = transferscore::detail::trim_ascii(s.substr(i, end - i));
    if (!line.empty()) {
      if (answered && line.substr(0, 7) == "Answer:") return i;
      // Does the line end in "answer is (X)." / "answer is X."?
      answered = false;
      std::string_view t = line;
      while (!t.empty() && (t.back() == '*' || t.back() == ' ')) t.remove_suffix(1);
      if (!t.empty() && t.back() == '.') {
        t.remove_suffix(1);
        const std::size_t cue = t.rfind("answer is ");
        if (cue != std::string_view::npos) {
          std::size_t letter_end = 0;
          const auto c = letter_token_at(t, cue + 10, false, letter_end);
          answered = c.has_value() && t.substr(letter_end).find_first_not_of(")*") == std::string_view::npos;
        }
      }
    }
    i = end + 1;
  }
  return std::string_view::npos;
}

}  // namespace detail

/// Extracts the final letter of `response` (see the file comment for the rules). `truncated`
/// says the backend reported a cut-off generation (finish_reason "length"); cut-off text is
/// also recognised by its shape (detail::looks_truncated).
[[nodiscard]] inline letter_extraction extract_letter(std::string_view response, const gold& g, bool truncated = false) {
  letter_extraction out;
  std::string storage;
  std::string_view text = transferscore::detail::folded_view(response, storage);
  // An invented next question, or answers to other questions after the answer: cut there.
  text = text.substr(0, std::min(transferscore::detail::invented_turn(text), detail::answer_after_answer(text)));
  std::string_view tail = text;
  if (tail.size() > reference_window_bytes) tail = tail.substr(tail.size() - reference_window_bytes);
  const std::size_t offset = text.size() - tail.size();

  detail::statement best = detail::box_statement(text, g);
  if (detail::statement cue = detail::cue_statement_from_end(tail, g); cue.found()) {
    cue.at += offset;
    cue.end += offset;
    if (!best.found() || cue.at > best.at) best = cue;
  }
  const bool cut_off = truncated || transferscore::detail::looks_truncated(text);
  // A conclusion in prose names a valid option: "Therefore, U" is a variable.
  if (detail::statement c = detail::conclusion_from_end(tail, cut_off); c.found() && g.valid(c.letter)) {
    c.at += offset;
    c.end += offset;
    if (!best.found() || c.at > best.at) best = c;
  }
  if (best.found()) {
    if (best.two_letters) {
      out.why = no_letter::two_letters;
      return out;
    }
    const std::string_view after = text.substr(std::min(best.end, text.size()));
    const std::size_t doubt = transferscore::detail::doubt_marker(after, cut_off);
    const bool doubted = doubt != std::string_view::npos && !detail::reaffirmed(after.substr(doubt), best.letter);
    // "maybe the answer is D" is final only when nothing but punctuation follows it.
    const bool tentative = best.tentative && after.find_first_not_of(" \t\r\n.*)") != std::string_view::npos;
    if (doubted || tentative) {
      out.why = no_letter::doubted;
      return out;
    }
    out.letter = best.letter;
    out.source = best.source;
    return out;
  }
  if (transferscore::detail::ends_in_repetition(tail)) {
    out.why = no_letter::loop;
    return out;
  }
  // The weaker readings need a response that ended: a cut-off one never reached its answer.
  if (cut_off) return out;
  const std::string_view last_line = transferscore::detail::last_nonempty_line(tail);
  // A last line that is a letter outside the options is a variable ("N", "Y"), not an answer.
  if (auto c = detail::letter_line(last_line); c && g.valid(*c) && !detail::in_list(tail, last_line)) {
    std::size_t end = 0;
    const std::size_t at = detail::skip_letter_decoration(last_line, 0);
    if (detail::letter_token_at(last_line, at, true, end) && detail::second_letter(last_line, end, *c)) {
      out.why = no_letter::two_letters;
      return out;
    }
    out.letter = *c;
    out.source = letter_source::last_line;
    return out;
  }
  // A last line that is one option's text (as words: case, punctuation and markdown aside).
  if (auto c = detail::option_equal_to(last_line, g)) {
    out.letter = *c;
    out.source = letter_source::option_text;
  }
  return out;
}

}  // namespace choice
TRANSFERSCORE_END_NAMESPACE
