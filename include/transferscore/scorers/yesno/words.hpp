#pragma once
// What a yes/no answer text says: the words yes / no and their informal and CJK forms, and,
// for HaluEval, the benchmark's own judgement words with their negation ("This is
// hallucinated" is yes, "No hallucination here" and "Nothing in it is made up" are no).
// Whole words only: `No` inside `Not`, `None`, `Nobody` and `Yes` inside `Yesterday` never
// count. The text has been folded to ASCII first (detail::fold_to_ascii).

#include <transferscore/config.hpp>
#include <transferscore/detail/latex_box.hpp>
#include <transferscore/detail/short_answer.hpp>
#include <transferscore/detail/text.hpp>

#include <cstddef>
#include <optional>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace yesno::detail {

using transferscore::detail::ascii_lower;
using transferscore::detail::ascii_word_at;
using transferscore::detail::is_ascii_alpha;

struct polar_word {
  std::string_view text;  ///< lower-case ASCII, or exact UTF-8
  bool yes;
};

/// Informal words that answer a yes/no question when they open the answer (longer phrases
/// first: "certainly not" before "certainly").
inline constexpr polar_word informal_words[] = {
    {"absolutely not", false}, {"definitely not", false}, {"certainly not", false}, {"of course not", false},
    {"not at all", false},     {"no way", false},         {"yes", true},            {"yeah", true},
    {"yep", true},             {"yup", true},             {"yea", true},            {"aye", true},
    {"sure", true},            {"certainly", true},       {"absolutely", true},     {"definitely", true},
    {"of course", true},       {"indeed", true},          {"affirmative", true},    {"no", false},
    {"nope", false},           {"nah", false},            {"negative", false},
};

/// Words that may follow an opening answer word without a comma ("No it is not", "Yes the
/// plan works"); any other word makes it part of a sentence ("No obstacle blocks it").
inline constexpr std::string_view continuations[] = {"it",   "this", "that",    "there", "the",   "i",   "we",  "they",
                                                      "he",   "she",  "you",     "because", "since", "as", "not", "sir",
                                                      "indeed", "definitely", "certainly", "absolutely"};

/// CJK words that answer a yes/no question when they open the answer (longest first).
inline constexpr polar_word cjk_words[] = {
    {"\xE4\xB8\x8D\xE6\x98\xAF", false},                          // 不是
    {"\xE6\x98\xAF\xE7\x9A\x84", true},                           // 是的
    {"\xE6\x98\xAF", true},                                       // 是
    {"\xE4\xB8\x8D\xE5\xAF\xB9", false},                          // 不对
    {"\xE4\xB8\x8D\xE5\xB0\x8D", false},                          // 不對
    {"\xE5\xAF\xB9", true},                                       // 对
    {"\xE5\xB0\x8D", true},                                       // 對
    {"\xE6\xB2\xA1\xE6\x9C\x89", false},                          // 没有
    {"\xE6\xB2\x92\xE6\x9C\x89", false},                          // 沒有
    {"\xE6\x9C\x89", true},                                       // 有
    {"\xE5\x90\xA6", false},                                      // 否
    {"\xE4\xB8\x8D", false},                                      // 不
    {"\xE6\x97\xA0", false},                                      // 无
    {"\xE7\x84\xA1", false},                                      // 無
    {"\xE3\x81\xAF\xE3\x81\x84", true},                           // はい
    {"\xE3\x81\x84\xE3\x81\x84\xE3\x81\x88", false},              // いいえ
    {"\xE3\x81\x84\xE3\x81\x88", false},                          // いえ
    {"\xE9\x81\x95\xE3\x81\x84\xE3\x81\xBE\xE3\x81\x99", false},  // 違います
    {"\xE3\x81\x9D\xE3\x81\x86\xE3\x81\xA7\xE3\x81\x99", true},   // そうです
    {"\xEC\x98\x88", true},                                       // 예
    {"\xEB\x84\xA4", true},                                       // 네
    {"\xEB\xA7\x9E\xEC\x8A\xB5\xEB\x8B\x88\xEB\x8B\xA4", true},   // 맞습니다
    {"\xEB\xA7\x9E\xEC\x95\x84\xEC\x9A\x94", true},               // 맞아요
    {"\xEC\x95\x84\xEB\x8B\x88\xEC\x9A\x94", false},              // 아니요
    {"\xEC\x95\x84\xEB\x8B\x88\xEC\x98\xA4", false},              // 아니오
    {"\xEC\x95\x84\xEB\x87\xA8", false},                          // 아뇨
    {"\xEC\x95\x84\xEB\x8B\x99\xEB\x8B\x88\xEB\x8B\xA4", false},  // 아닙니다
    {"\xEC\x95\x84\xEB\x8B\x88", false},                          // 아니
    {"\xEC\x97\x86\xEC\x8A\xB5\xEB\x8B\x88\xEB\x8B\xA4", false},  // 없습니다
};

/// 是否 ("whether") opens questions, not answers.
inline constexpr std::string_view cjk_whether = "\xE6\x98\xAF\xE5\x90\xA6";

/// Markdown, quotes and spaces before an answer word.
[[nodiscard]] constexpr std::size_t skip_opening(std::string_view s, std::size_t j = 0) noexcept {
  while (j < s.size() && (s[j] == ' ' || s[j] == '\t' || s[j] == '*' || s[j] == '_' || s[j] == '#' || s[j] == '"' ||
                          s[j] == '\'' || s[j] == '`' || s[j] == '>' || s[j] == '-' || s[j] == ':' || s[j] == '(')) {
    ++j;
  }
  return j;
}

/// The informal or CJK answer word that opens `s` (after markdown), if any. An English one
/// must end its phrase: a punctuation mark, the end, or a continuation ("Yep, it holds",
/// "Nah.", "No it is not"; not "No obstacle blocks it").
[[nodiscard]] inline std::optional<bool> opening_word(std::string_view s) {
  const std::size_t j = skip_opening(s);
  for (const auto& w : informal_words) {
    if (!ascii_word_at(s, j, w.text)) continue;
    std::size_t k = j + w.text.size();
    if (k >= s.size() || (s[k] != ' ' && s[k] != '\t')) return w.yes;
    while (k < s.size() && (s[k] == ' ' || s[k] == '\t')) ++k;
    if (k >= s.size() || !is_ascii_alpha(s[k])) return w.yes;
    for (std::string_view c : continuations) {
      if (ascii_word_at(s, k, c)) return w.yes;
    }
    return std::nullopt;
  }
  if (s.substr(j, cjk_whether.size()) == cjk_whether) return std::nullopt;
  for (const auto& w : cjk_words) {
    if (s.substr(j, w.text.size()) == w.text) return w.yes;
  }
  return std::nullopt;
}

/// HaluEval's judgement words: does the answer contain a hallucination?
struct judgement_word {
  std::string_view text;
  bool hallucinated;  ///< the word, not negated, says "yes, hallucinated"
};
inline constexpr judgement_word judgement_words[] = {
    {"hallucinated", true},  {"hallucinates", true},  {"hallucination", true}, {"hallucinations", true},
    {"hallucinating", true}, {"hallucinatory", true}, {"fabricated", true},    {"fabrication", true},
    {"fabricates", true},    {"made up", true},       {"made-up", true},       {"invented", true},
    {"non-factual", true},   {"nonfactual", true},    {"unsupported", true},   {"inaccurate", true},
    {"incorrect", true},     {"fictional", true},     {"contradicts", true},   {"factual", false},
    {"accurate", false},     {"supported", false},    {"faithful", false},     {"correct", false},
    {"grounded", false},     {"truthful", false},
};
/// The same in Chinese, Japanese and Korean (幻觉, 幻覺, 幻覚, 환각, 编造, 捏造, 虚构, 날조).
inline constexpr std::string_view cjk_hallucination_words[] = {
    "\xE5\xB9\xBB\xE8\xA7\x89", "\xE5\xB9\xBB\xE8\xA6\xBA", "\xE5\xB9\xBB\xE8\xA6\x9A", "\xED\x99\x98\xEA\xB0\x81",
    "\xE7\xBC\x96\xE9\x80\xA0", "\xE6\x8D\x8F\xE9\x80\xA0", "\xE8\x99\x9A\xE6\x9E\x84", "\xEB\x82\xA0\xEC\xA1\xB0"};
/// CJK negations of them: 没有 沒有 不存在 不含 无 無 未 (before), ない ありません 없 (after).
inline constexpr std::string_view cjk_negations[] = {
    "\xE6\xB2\xA1\xE6\x9C\x89", "\xE6\xB2\x92\xE6\x9C\x89", "\xE4\xB8\x8D\xE5\xAD\x98\xE5\x9C\xA8", "\xE4\xB8\x8D\xE5\x90\xAB",
    "\xE6\x97\xA0",             "\xE7\x84\xA1",             "\xE6\x9C\xAA",                         "\xE3\x81\xAA\xE3\x81\x84",
    "\xE3\x81\x82\xE3\x82\x8A\xE3\x81\xBE\xE3\x81\x9B\xE3\x82\x93", "\xEC\x97\x86"};

/// Is the judgement word at `i` negated in its clause ("not factual", "no hallucination",
/// "nothing in it is made up", "doesn't contain hallucinated facts")?
[[nodiscard]] inline bool negated_before(std::string_view s, std::size_t i) {
  std::size_t words = 0;
  std::size_t k = i;
  while (k > 0 && words < 7) {
    const char c = s[k - 1];
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\n') return false;
    if (!is_ascii_alpha(c) && c != '\'') {
      --k;
      continue;
    }
    std::size_t begin = k;
    while (begin > 0 && (is_ascii_alpha(s[begin - 1]) || s[begin - 1] == '\'')) --begin;
    const std::string_view w = s.substr(begin, k - begin);
    for (std::string_view n : {"not", "no", "nothing", "none", "never", "without", "neither", "nor", "zero", "free"}) {
      if (ascii_word_at(s, begin, n) && w.size() == n.size()) return true;
    }
    if (w.size() > 3 && ascii_lower(w[w.size() - 3]) == 'n' && w[w.size() - 2] == '\'' && ascii_lower(w.back()) == 't') return true;
    if (ascii_word_at(s, begin, "but")) return false;
    ++words;
    k = begin;
  }
  return false;
}

/// The HaluEval judgement `s` states: yes (hallucinated) or no, when its judgement words
/// agree; nothing when there are none or they disagree.
[[nodiscard]] inline std::optional<bool> halueval_judgement(std::string_view s) {
  std::optional<bool> found;
  bool conflict = false;
  auto note = [&](bool hallucinated) {
    if (found && *found != hallucinated) conflict = true;
    found = hallucinated;
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0x80) {
      for (std::string_view w : cjk_hallucination_words) {
        if (s.substr(i, w.size()) != w) continue;
        // A negation in the same clause, before (没有幻觉) or after (幻覚はありません, 환각이 없).
        const std::size_t from = i >= 12 ? i - 12 : 0;
        const std::string_view around = s.substr(from, std::min<std::size_t>(s.size() - from, i - from + w.size() + 18));
        bool negated = false;
        for (std::string_view n : cjk_negations) negated = negated || around.find(n) != std::string_view::npos;
        note(!negated);
        i += w.size() - 1;
        break;
      }
      continue;
    }
    if (!is_ascii_alpha(s[i]) || (i > 0 && is_ascii_alpha(s[i - 1]))) continue;
    for (const auto& w : judgement_words) {
      if (!ascii_word_at(s, i, w.text)) continue;
      note(negated_before(s, i) ? !w.hallucinated : w.hallucinated);
      i += w.text.size() - 1;
      break;
    }
  }
  if (conflict) return std::nullopt;
  return found;
}

}  // namespace yesno::detail
TRANSFERSCORE_END_NAMESPACE
