#pragma once
// nltk.word_tokenize as NLTK 3.8 does it: Punkt sentences, then NLTKWordTokenizer (the
// improved Treebank tokenizer) on each sentence. The Treebank tokenizer is a fixed
// sequence of regex substitutions; each is written out here as a scan over code points
// with the same leftmost, non-overlapping semantics (and Python's Unicode \w, \b, \s, \d).
// NLTK >= 3.9.3 also splits U+2012..U+2015 dashes; 3.8 (what the original ran) does not.

#include <transferscore/config.hpp>
#include <transferscore/scorers/instructions/punkt.hpp>
#include <transferscore/compat/python_str.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace instructions {

namespace treebank_detail {

using u32 = std::u32string;

[[nodiscard]] inline bool in(char32_t c, std::u32string_view set) noexcept { return set.find(c) != std::u32string_view::npos; }

// Whether `s` holds any character of `set` (most passes change nothing: skip them cheaply).
[[nodiscard]] inline bool has_any(const u32& s, std::u32string_view set) noexcept {
  for (char32_t c : s) {
    if (in(c, set)) return true;
  }
  return false;
}

// A `$` (no MULTILINE) at position p: the end, or just before a final newline.
[[nodiscard]] inline bool at_dollar(const u32& s, std::size_t p) noexcept {
  return p == s.size() || (p + 1 == s.size() && s[p] == '\n');
}

// Pads every character in `set` with spaces (" \g<0> ").
inline void pad_chars(u32& s, std::u32string_view set) {
  if (!has_any(s, set)) return;
  u32 out;
  out.reserve(s.size() + 16);
  for (char32_t c : s) {
    if (in(c, set)) {
      out.push_back(' ');
      out.push_back(c);
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  s.swap(out);
}

// Replaces every non-overlapping occurrence of `from` with `to`.
inline void replace_all(u32& s, std::u32string_view from, std::u32string_view to) {
  if (s.find(from) == u32::npos) return;
  u32 out;
  out.reserve(s.size() + 16);
  std::size_t i = 0;
  while (i < s.size()) {
    if (s.compare(i, from.size(), from) == 0) {
      out.append(to);
      i += from.size();
    } else {
      out.push_back(s[i++]);
    }
  }
  s.swap(out);
}

// ([^\.])(\.)([<closers>]*)\s*$  ->  "\1 \2<sep>\3 "
inline void final_period(u32& s, std::u32string_view closers, bool space_between) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] == '.' || s[i + 1] != '.') continue;
    std::size_t j = i + 2;
    while (j < s.size() && in(s[j], closers)) ++j;
    const std::size_t group3_end = j;
    while (j < s.size() && compat::py::is_space(s[j])) ++j;
    // \s* is greedy and may give back characters; the only thing $ accepts short of the
    // end is a final newline, which \s* would also have taken, so reaching here suffices.
    if (j != s.size()) continue;
    u32 out = s.substr(0, i + 1);
    out.push_back(' ');
    out.push_back('.');
    if (space_between) out.push_back(' ');
    out.append(s, i + 2, group3_end - (i + 2));
    out.push_back(' ');
    s.swap(out);
    return;
  }
}

// CONTRACTIONS2 and CONTRACTIONS3, each (?i) and split between `first` and `second`.
struct contraction {
  std::string_view first, second;
  bool leading_space;   // CONTRACTIONS3: " ('t)(is)\b"
  bool trailing_space;  // (wan)(na)(?=\s): followed by whitespace
};
inline constexpr contraction contractions[] = {
    {"can", "not", false, false}, {"d", "'ye", false, false}, {"gim", "me", false, false},
    {"gon", "na", false, false},  {"got", "ta", false, false}, {"lem", "me", false, false},
    {"more", "'n", false, false}, {"wan", "na", false, true},  {"'t", "is", true, false},
    {"'t", "was", true, false},
};

// Whether `lit` (ASCII) matches s[p...] under re.IGNORECASE.
[[nodiscard]] inline bool ignorecase_at(std::u32string_view s, std::size_t p, std::string_view lit) noexcept {
  if (p > s.size() || s.size() - p < lit.size()) return false;
  for (std::size_t k = 0; k < lit.size(); ++k) {
    if (!compat::py::ignorecase_equal(s[p + k], lit[k])) return false;
  }
  return true;
}

}  // namespace treebank_detail

/// NLTKWordTokenizer().tokenize(sentence) (convert_parentheses=False).
[[nodiscard]] inline std::vector<std::u32string> treebank_tokenize(std::u32string_view sentence) {
  using namespace treebank_detail;
  u32 s(sentence);

  // STARTING_QUOTES
  if (has_any(s, U"\u00AB\u201C\u2018\u201E`")) {  // ([«“‘„]|[`]+) -> " \1 "
    u32 out;
    for (std::size_t i = 0; i < s.size();) {
      if (in(s[i], U"\u00AB\u201C\u2018\u201E")) {
        out.push_back(' ');
        out.push_back(s[i++]);
        out.push_back(' ');
      } else if (s[i] == '`') {
        out.push_back(' ');
        while (i < s.size() && s[i] == '`') out.push_back(s[i++]);
        out.push_back(' ');
      } else {
        out.push_back(s[i++]);
      }
    }
    s.swap(out);
  }
  if (!s.empty() && s[0] == '"') s.replace(0, 1, U"``");  // ^\" -> ``
  replace_all(s, U"``", U" `` ");
  if (has_any(s, U"\"'")) {  // ([ \(\[{<])(\"|\'{2}) -> "\1 `` "
    u32 out;
    for (std::size_t i = 0; i < s.size();) {
      if (in(s[i], U" ([{<") && i + 1 < s.size()) {
        std::size_t len = 0;
        if (s[i + 1] == '"') {
          len = 1;
        } else if (i + 2 < s.size() && s[i + 1] == '\'' && s[i + 2] == '\'') {
          len = 2;
        }
        if (len != 0) {
          out.push_back(s[i]);
          out.append(U" `` ");
          i += 1 + len;
          continue;
        }
      }
      out.push_back(s[i++]);
    }
    s.swap(out);
  }
  const bool has_quote = has_any(s, U"'");
  if (has_quote) {  // (?i)(\')(?!re|ve|ll|m|t|s|d|n)(\w)\b -> "\1 \2"
    u32 out;
    for (std::size_t i = 0; i < s.size();) {
      if (s[i] == '\'' && i + 1 < s.size() && compat::py::is_word(s[i + 1]) && compat::py::word_boundary(s, i + 2)) {
        const char32_t w = s[i + 1];
        bool excluded = false;
        for (char p : {'m', 't', 's', 'd', 'n'}) excluded = excluded || compat::py::ignorecase_equal(w, p);
        if (!excluded) {
          out.push_back('\'');
          out.push_back(' ');
          out.push_back(w);
          i += 2;
          continue;
        }
      }
      out.push_back(s[i++]);
    }
    s.swap(out);
  }

  // PUNCTUATION
  final_period(s, U"])}>\"'\u00BB\u201D\u2019 ", true);
  if (has_any(s, U":,")) {  // ([:,])([^\d]) -> " \1 \2"
    u32 out;
    for (std::size_t i = 0; i < s.size();) {
      if ((s[i] == ':' || s[i] == ',') && i + 1 < s.size() && !compat::py::is_decimal(s[i + 1])) {
        out.push_back(' ');
        out.push_back(s[i]);
        out.push_back(' ');
        out.push_back(s[i + 1]);
        i += 2;
        continue;
      }
      out.push_back(s[i++]);
    }
    s.swap(out);
  }
  // ([:,])$ -> " \1 "
  for (std::size_t i = s.size() >= 2 ? s.size() - 2 : 0; i < s.size(); ++i) {
    if ((s[i] == ':' || s[i] == ',') && at_dollar(s, i + 1)) {
      const char32_t c = s[i];
      s.replace(i, 1, u32{' ', c, ' '});
      break;
    }
  }
  if (s.find(U"..") != u32::npos) {  // \.{2,} -> " \g<0> "
    u32 out;
    for (std::size_t i = 0; i < s.size();) {
      if (s[i] == '.' && i + 1 < s.size() && s[i + 1] == '.') {
        out.push_back(' ');
        while (i < s.size() && s[i] == '.') out.push_back(s[i++]);
        out.push_back(' ');
      } else {
        out.push_back(s[i++]);
      }
    }
    s.swap(out);
  }
  pad_chars(s, U";@#$%&");
  final_period(s, U"])}>\"'", false);
  pad_chars(s, U"?!");
  if (has_quote) {  // ([^'])' -> "\1 ' "
    u32 out;
    for (std::size_t i = 0; i < s.size();) {
      if (s[i] != '\'' && i + 2 < s.size() && s[i + 1] == '\'' && s[i + 2] == ' ') {
        out.push_back(s[i]);
        out.append(U" ' ");
        i += 3;
        continue;
      }
      out.push_back(s[i++]);
    }
    s.swap(out);
  }
  pad_chars(s, U"*");

  // PARENS_BRACKETS and DOUBLE_DASHES
  pad_chars(s, U"][(){}<>");
  replace_all(s, U"--", U" -- ");

  s = U" " + s + U" ";

  // ENDING_QUOTES
  pad_chars(s, U"\u00BB\u201D\u2019");
  replace_all(s, U"''", U" '' ");
  replace_all(s, U"\"", U" '' ");
  if (has_any(s, U"'")) {  // ([^' ])('[sS]|'[mM]|'[dD]|') -> "\1 \2 "   and   ([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) -> "\1 \2 "
    auto clitic_pass = [&s](auto match_clitic) {
      u32 out;
      for (std::size_t i = 0; i < s.size();) {
        if (s[i] != '\'' && s[i] != ' ' && i + 1 < s.size()) {
          if (const std::size_t len = match_clitic(s, i + 1)) {
            out.push_back(s[i]);
            out.push_back(' ');
            out.append(s, i + 1, len);
            out.push_back(' ');
            i += 1 + len + 1;
            continue;
          }
        }
        out.push_back(s[i++]);
      }
      s.swap(out);
    };
    // Returns the clitic length when "<clitic> " starts at p, trying alternatives in order.
    clitic_pass([](const u32& t, std::size_t p) -> std::size_t {
      if (t[p] != '\'') return 0;
      if (p + 2 < t.size() && in(t[p + 1], U"sSmMdD") && t[p + 2] == ' ') return 2;
      if (p + 1 < t.size() && t[p + 1] == ' ') return 1;
      return 0;
    });
    clitic_pass([](const u32& t, std::size_t p) -> std::size_t {
      for (std::u32string_view c : {U"'ll", U"'LL", U"'re", U"'RE", U"'ve", U"'VE", U"n't", U"N'T"}) {
        if (t.compare(p, 3, c) == 0 && p + 3 < t.size() && t[p + 3] == ' ') return 3;
      }
      return 0;
    });
  }

  // CONTRACTIONS2 / CONTRACTIONS3, each (?i): " \1 \2 "
  auto ci_at = [&s](std::size_t p, std::string_view lit) { return ignorecase_at(s, p, lit); };
  // Cheap guard: an ASCII-lowered copy must contain some contraction at all.
  std::string folded(s.size(), '\0');
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char32_t c = compat::py::simple_lower(s[i]);
    folded[i] = c < 0x80 ? static_cast<char>(c) : (c == 0x131 ? 'i' : (c == 0x17F ? 's' : '\x01'));
  }
  for (const auto& c : contractions) {
    if (folded.find(std::string(c.first) + std::string(c.second)) == std::string::npos) continue;
    u32 out;
    bool changed = false;
    for (std::size_t i = 0; i < s.size();) {
      std::size_t p = i;
      bool ok = true;
      if (c.leading_space) {
        ok = s[p] == ' ';
        ++p;
      } else {
        ok = compat::py::word_boundary(s, p);
      }
      ok = ok && ci_at(p, c.first) && ci_at(p + c.first.size(), c.second);
      const std::size_t end = p + c.first.size() + c.second.size();
      if (ok) ok = c.trailing_space ? (end < s.size() && compat::py::is_space(s[end])) : compat::py::word_boundary(s, end);
      if (ok) {
        out.push_back(' ');
        out.append(s, p, c.first.size());
        out.push_back(' ');
        out.append(s, p + c.first.size(), c.second.size());
        out.push_back(' ');
        i = end;
        changed = true;
        continue;
      }
      out.push_back(s[i++]);
    }
    if (changed) s.swap(out);
  }

  std::vector<std::u32string> tokens;
  for (auto t : compat::py::split_whitespace(s)) tokens.emplace_back(t);
  return tokens;
}

namespace treebank_detail {
// Characters some rule pads, splits off or rewrites ('-' only when doubled).
[[nodiscard]] inline bool is_rule_char(char32_t c) noexcept {
  switch (c) {
    case '"': case '\'': case '`': case ':': case ',': case '.': case ';': case '@': case '#': case '$': case '%':
    case '&': case '?': case '!': case '*': case '[': case ']': case '(': case ')': case '{': case '}': case '<':
    case '>': case 0xAB: case 0xBB: case 0x2018: case 0x2019: case 0x201C: case 0x201D: case 0x201E:
      return true;
    default: return false;
  }
}
// Whether a rule can insert a space between s[i] and s[i + 1], two letters: before a
// clitic n't, or inside a contraction (can|not, 't|is...).
[[nodiscard]] inline bool letters_may_split(std::u32string_view s, std::size_t i) noexcept {
  if (ignorecase_at(s, i + 1, "n't")) return true;
  for (const auto& c : contractions) {
    if (i + 1 >= c.first.size() && ignorecase_at(s, i + 1 - c.first.size(), c.first) && ignorecase_at(s, i + 1, c.second)) {
      return true;
    }
  }
  return false;
}
// Whether s[from, to) holds "--", n't or a contraction (case-insensitively).
[[nodiscard]] inline bool has_split_inside_word(std::u32string_view s, std::size_t from, std::size_t to) noexcept {
  const std::u32string_view w = s.substr(from, to - from);
  if (w.find(U"--") != std::u32string_view::npos) return true;
  for (std::size_t p = 0; p < w.size(); ++p) {
    if (ignorecase_at(w, p, "n't")) return true;
    for (const auto& c : contractions) {
      if (ignorecase_at(w, p, c.first) && ignorecase_at(w, p + c.first.size(), c.second)) return true;
    }
  }
  return false;
}
}  // namespace treebank_detail

/// The number of treebank_tokenize(sentence) tokens for which str.isupper() holds, when it
/// can be told without tokenizing (most sentences); nullopt otherwise.
///
/// A token is upper case only if it holds an upper-case character and no lower- or
/// title-case one. The rules only insert spaces and rewrite quotes into `` or '' (uncased),
/// never joining a whitespace-separated chunk with another or changing case; between two
/// letters they insert a space only before a clitic n't and inside a contraction. So, for
/// each chunk holding an upper-case character:
///  * if every upper-case character is followed by a lower- or title-case one that no rule
///    splits off, none of its tokens is upper case;
///  * if the rule characters are only at its ends (no "--", n't or contraction either),
///    its letters stay in one token, upper case exactly when the chunk is (the rule
///    characters are uncased): "I", "AI,", "(USA)".
/// Anything else needs the tokenizer.
[[nodiscard]] inline std::optional<std::size_t> upper_tokens_untokenized(std::u32string_view sentence) {
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < sentence.size()) {
    while (i < sentence.size() && compat::py::is_space(sentence[i])) ++i;
    const std::size_t from = i;
    bool has_upper = false, capitals_start_words = true;
    for (; i < sentence.size() && !compat::py::is_space(sentence[i]); ++i) {
      if (!compat::py::is_upper(sentence[i])) continue;
      has_upper = true;
      capitals_start_words = capitals_start_words && i + 1 < sentence.size() &&
                             (compat::py::flags(sentence[i + 1]) & (compat::py::char_flag::lower | compat::py::char_flag::title)) != 0 &&
                             !treebank_detail::letters_may_split(sentence, i);
    }
    if (!has_upper || capitals_start_words) continue;
    std::size_t core_from = from, core_to = i;
    while (core_from < core_to && treebank_detail::is_rule_char(sentence[core_from])) ++core_from;
    while (core_to > core_from && treebank_detail::is_rule_char(sentence[core_to - 1])) --core_to;
    for (std::size_t k = core_from; k < core_to; ++k) {
      if (treebank_detail::is_rule_char(sentence[k])) return std::nullopt;
    }
    if (treebank_detail::has_split_inside_word(sentence, from, i)) return std::nullopt;
    count += compat::py::isupper(sentence.substr(core_from, core_to - core_from)) ? 1 : 0;
  }
  return count;
}

/// The number of treebank_tokenize(sentence) tokens for which str.isupper() holds.
[[nodiscard]] inline std::size_t upper_token_count(std::u32string_view sentence) {
  if (const auto n = upper_tokens_untokenized(sentence)) return *n;
  std::size_t n = 0;
  for (const auto& t : treebank_tokenize(sentence)) n += compat::py::isupper(t) ? 1 : 0;
  return n;
}

/// nltk.word_tokenize(text): Punkt sentences, then the Treebank tokenizer per sentence.
[[nodiscard]] inline std::vector<std::u32string> word_tokenize(std::u32string_view text, const punkt_tokenizer& sentences) {
  std::vector<std::u32string> tokens;
  for (const auto& span : sentences.sentences(text)) {
    auto part = treebank_tokenize(text.substr(span.start, span.stop - span.start));
    for (auto& t : part) tokens.push_back(std::move(t));
  }
  return tokens;
}

}  // namespace instructions
TRANSFERSCORE_END_NAMESPACE
