#pragma once
// Text helpers for the short-answer families (choice, yesno): lines, Python's notion of a
// word character (for emulating \b), the tail of a LaTeX box's wrappers, and the pieces of
// lm-evaluation-harness regexes that RE2 cannot express (look-behind, `(.*)(?=.)`).

#include <transferscore/config.hpp>
#include <transferscore/detail/answer_unicode_tables.hpp>
#include <transferscore/detail/latex_box.hpp>
#include <transferscore/detail/text.hpp>
#include <transferscore/compat/python_str.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace detail {

/// The code point that starts at s[i] (a lone continuation or truncated sequence reads as
/// its byte), and its length in bytes.
[[nodiscard]] constexpr std::uint32_t decode_at(std::string_view s, std::size_t i, std::size_t& length) noexcept {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t n = 1;
  std::uint32_t cp = b;
  if (b >= 0xF0 && b < 0xF8) {
    n = 4;
    cp = b & 0x07u;
  } else if (b >= 0xE0) {
    n = 3;
    cp = b & 0x0Fu;
  } else if (b >= 0xC0) {
    n = 2;
    cp = b & 0x1Fu;
  }
  if (n == 1 || i + n > s.size()) {
    length = 1;
    return b;
  }
  for (std::size_t k = 1; k < n; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) {
      length = 1;
      return b;
    }
    cp = (cp << 6) | (c & 0x3Fu);
  }
  length = n;
  return cp;
}

/// Where the code point that ends just before `end` starts.
[[nodiscard]] constexpr std::size_t code_point_start_before(std::string_view s, std::size_t end) noexcept {
  std::size_t i = end - 1;
  for (std::size_t k = 0; k < 3 && i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80; ++k) --i;
  return i;
}

/// Python's \w for one code point (str.isalnum() or '_'), from CPython's own tables: the
/// subscript and superscript digits of `C₆H₁₂` and `C⁴` and the Roman numeral `Ⅰ` are word
/// characters, as they are for Python's `\b`.
[[nodiscard]] inline bool is_python_word(std::uint32_t cp) noexcept { return compat::py::is_word(static_cast<char32_t>(cp)); }

/// Python's \w for the first / last code point of `str.upper()` of `cp`: the GPQA grader
/// upper-cases the output before its `\b`, and a few code points change class on the way
/// (U+0345 becomes the letter `Ι`; `ǰ` becomes `J` and a combining caron).
[[nodiscard]] inline bool is_python_word_upper_first(std::uint32_t cp) noexcept {
  for (const auto& e : answer_unicode::upper_word_changes) {
    if (e.code_point == cp) return e.first_is_word;
  }
  return is_python_word(cp);
}
[[nodiscard]] inline bool is_python_word_upper_last(std::uint32_t cp) noexcept {
  for (const auto& e : answer_unicode::upper_word_changes) {
    if (e.code_point == cp) return e.last_is_word;
  }
  return is_python_word(cp);
}

/// Is the code point ending just before `end` a Python word character (false at the start)?
[[nodiscard]] inline bool python_word_before(std::string_view s, std::size_t end) noexcept {
  if (end == 0) return false;
  std::size_t length = 0;
  return is_python_word(decode_at(s, code_point_start_before(s, end), length));
}

/// Is the code point starting at `i` a Python word character (false at the end)?
[[nodiscard]] inline bool python_word_at(std::string_view s, std::size_t i) noexcept {
  if (i >= s.size()) return false;
  std::size_t length = 0;
  return is_python_word(decode_at(s, i, length));
}

/// The first line (without its line break).
[[nodiscard]] constexpr std::string_view first_line(std::string_view s) noexcept {
  const std::size_t end = s.find('\n');
  return end == std::string_view::npos ? s : s.substr(0, end);
}

/// The last line that holds more than white space, trimmed; empty when none.
[[nodiscard]] constexpr std::string_view last_nonempty_line(std::string_view s) noexcept {
  s = trim_ascii(s);
  const std::size_t start = s.rfind('\n');
  return trim_ascii(start == std::string_view::npos ? s : s.substr(start + 1));
}

/// Python's `(.*)(?=.)` starting at `i`: the rest of the line minus its last code point.
/// Returns the captured length, or npos when the line is empty at `i` (no match).
[[nodiscard]] constexpr std::size_t rest_of_line_but_last(std::string_view s, std::size_t i) noexcept {
  std::size_t end = s.find('\n', i);
  if (end == std::string_view::npos) end = s.size();
  if (end == i) return std::string_view::npos;
  return code_point_start_before(s, end) - i;
}

/// Python's look-behind `(?<=..WORD..: )` at position `i`: the text before `i` ends with
/// ": ", preceded by two code points other than '\n', WORD, and two more such code points.
[[nodiscard]] constexpr bool dotted_cue_before(std::string_view s, std::size_t i, std::string_view word) noexcept {
  if (i < 2 || s[i - 1] != ' ' || s[i - 2] != ':') return false;
  std::size_t at = i - 2;
  auto skip_two = [&]() -> bool {
    for (int k = 0; k < 2; ++k) {
      if (at == 0) return false;
      at = code_point_start_before(s, at);
      if (s[at] == '\n') return false;
    }
    return true;
  };
  if (!skip_two()) return false;
  if (at < word.size() || s.substr(at - word.size(), word.size()) != word) return false;
  at -= word.size();
  return skip_two();
}

/// The content of a box without its wrappers: \text{B}, \textbf{(B)}, $B$, {B}.
[[nodiscard]] inline std::string_view unwrap_box(std::string_view s) noexcept {
  while (true) {
    const std::size_t before = s.size();
    s = trim_ascii(s);
    for (std::string_view w : {"\\text{", "\\textbf{", "\\mathrm{", "\\mathbf{", "\\textit{", "\\mathit{", "{"}) {
      if (s.size() > w.size() && s.substr(0, w.size()) == w && s.back() == '}') {
        s = s.substr(w.size(), s.size() - w.size() - 1);
        break;
      }
    }
    while (!s.empty() && (s.front() == '$' || s.front() == '*')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == '$' || s.back() == '*')) s.remove_suffix(1);
    if (s.size() == before) return s;
  }
}

/// The HF `exact_match` normalisation of lm-eval's generative tasks with ignore_case and
/// ignore_punctuation, after the regexes_to_ignore `\.$`, `,`, `\\`, `\n`, `"`.
[[nodiscard]] inline std::string hf_exact_match_normalize(std::string_view s) {
  // `\.$`: one period at the very end, or just before a final line break.
  std::string t(s);
  if (!t.empty() && t.back() == '.') {
    t.pop_back();
  } else if (t.size() >= 2 && t.back() == '\n' && t[t.size() - 2] == '.') {
    t.erase(t.size() - 2, 1);
  }
  std::string out;
  out.reserve(t.size());
  for (char c : t) {
    if (c == '\n' || is_ascii_punct(c)) continue;  // the ignored characters are all punctuation or '\n'
    out.push_back(ascii_lower(c));
  }
  return out;
}

/// Lower case with every run of non-alphanumeric ASCII turned into one space, padded with a
/// space at both ends: "  The (Big) one. " -> " the big one ". For whole-word containment.
[[nodiscard]] inline std::string words_padded(std::string_view s) {
  std::string out = " ";
  for (char c : s) {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                       static_cast<unsigned char>(c) >= 0x80;
    if (alnum) {
      out.push_back(ascii_lower(c));
    } else if (out.back() != ' ') {
      out.push_back(' ');
    }
  }
  if (out.back() != ' ') out.push_back(' ');
  return out;
}

/// Ideographs, kana and hangul: scripts written without spaces, so an ASCII letter next to
/// them is still a token of its own (`答案是C。`, `정답은B입니다`).
[[nodiscard]] constexpr bool is_cjk(std::uint32_t cp) noexcept {
  return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF);
}

/// Does a token end (or start) at this side of `i`: the neighbouring code point is not a
/// word character, or it is CJK. `before` looks at the code point ending at `i`.
[[nodiscard]] inline bool token_edge(std::string_view s, std::size_t i, bool before) noexcept {
  if (before ? i == 0 : i >= s.size()) return true;
  std::size_t length = 0;
  const std::uint32_t cp = decode_at(s, before ? code_point_start_before(s, i) : i, length);
  return !is_python_word(cp) || is_cjk(cp);
}

/// `s` with styled, full-width and enclosed letters, digits, spaces and punctuation folded to
/// ASCII as NFKC folds them (`Ｃ` `𝐃` `Ⓑ` -> C D B, `⒝` -> (b), `：` -> :); every other code
/// point is kept. Roman numerals are not folded (answer_unicode_tables.hpp says why).
[[nodiscard]] inline std::string fold_to_ascii(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      out.push_back(s[i++]);
      continue;
    }
    std::size_t length = 0;
    const std::uint32_t cp = decode_at(s, i, length);
    const auto* runs_end = std::end(answer_unicode::fold_runs);
    const auto* run = std::upper_bound(std::begin(answer_unicode::fold_runs), runs_end, cp,
                                       [](std::uint32_t c, const answer_unicode::fold_run& r) { return c < r.first; });
    if (run != std::begin(answer_unicode::fold_runs) && cp <= (run - 1)->last) {
      --run;
      out.push_back(static_cast<char>(run->ascii + static_cast<char>(cp - run->first)));
    } else {
      const auto* texts_end = std::end(answer_unicode::fold_texts);
      const auto* t = std::lower_bound(std::begin(answer_unicode::fold_texts), texts_end, cp,
                                       [](const answer_unicode::fold_text& f, std::uint32_t c) { return f.code_point < c; });
      if (t != texts_end && t->code_point == cp) {
        out.append(t->text);
      } else {
        out.append(s.substr(i, length));
      }
    }
    i += length;
  }
  return out;
}

/// `fold_to_ascii` only when `s` has a non-ASCII byte; `storage` keeps the folded text.
[[nodiscard]] inline std::string_view folded_view(std::string_view s, std::string& storage) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      storage = fold_to_ascii(s);
      return storage;
    }
  }
  return s;
}

/// Is `word` (lower-case ASCII, may hold spaces and hyphens) at `i`, in any case, as a whole
/// word (no ASCII letter just before or after)?
[[nodiscard]] constexpr bool ascii_word_at(std::string_view s, std::size_t i, std::string_view word) noexcept {
  if (s.size() - i < word.size() || i > s.size()) return false;
  if (i > 0 && is_ascii_alpha(s[i - 1])) return false;
  for (std::size_t k = 0; k < word.size(); ++k) {
    if (ascii_lower(s[i + k]) != word[k]) return false;
  }
  return i + word.size() == s.size() || !is_ascii_alpha(s[i + word.size()]);
}

/// Does the text end in a repetition loop (a model that ran out of tokens while repeating
/// itself: `36, 4, 0, 4, 36, 4, 0, 4, ...`)? True when its last bytes repeat one period of
/// at most 256 bytes at least four times over at least 64 bytes (trailing white space aside).
[[nodiscard]] inline bool ends_in_repetition(std::string_view s) noexcept {
  s = trim_ascii(s);
  for (std::size_t period = 1; period <= 256; ++period) {
    const std::size_t span = std::max<std::size_t>(period * 4, 64);
    if (span > s.size()) break;
    const std::size_t start = s.size() - span;
    bool periodic = true;
    for (std::size_t i = s.size(); i-- > start + period && periodic;) periodic = s[i] == s[i - period];
    if (periodic) return true;
  }
  return false;
}

/// Does the text stop mid-sentence or in a repetition loop: what a response cut off by the
/// token limit looks like. Mid-sentence: the last line ends in a word, a digit, a comma, an
/// opening bracket or an ellipsis, and is long (24 bytes or more) or leaves markdown or a
/// bracket open (`2. **Br`, `(see`); a short last line, or one ending in a one-letter word
/// (`Answer: C`, `... so D`), is an ending.
[[nodiscard]] inline bool looks_truncated(std::string_view s) noexcept {
  if (ends_in_repetition(s)) return true;
  const std::string_view line = last_nonempty_line(s);
  if (line.size() >= 3 && line.substr(line.size() - 3) == "...") return true;
  if (line.empty()) return false;
  const char c = line.back();
  const bool open_end = is_ascii_alpha(c) || (c >= '0' && c <= '9') || c == ',' || c == '(' || c == '-' || c == '=' || c == '{';
  if (!open_end) return false;
  // A last word that is one capital letter ("so D", "Answer: C") ends a response.
  if (c >= 'A' && c <= 'Z' && (line.size() == 1 || !is_ascii_alpha(line[line.size() - 2]))) return false;
  if (line.size() >= 24) return true;
  std::size_t stars = 0;
  int brackets = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '*' && i + 1 < line.size() && line[i + 1] == '*') {
      ++stars;
      ++i;
    }
    if (line[i] == '(' || line[i] == '[' || line[i] == '{') ++brackets;
    if (line[i] == ')' || line[i] == ']' || line[i] == '}') --brackets;
  }
  return stars % 2 == 1 || brackets > 0;
}

/// Where the first marker of doubt in `after` (the text that follows a stated answer)
/// starts, or npos. Strong markers (`wait`, `hmm`, `hold on`, `on second thought`, `let me
/// reconsider`, `not sure`, `等等`, `待って`, `잠깐`) always count; weak ones (`let me check`,
/// `double-check`, `but`, `however`, `maybe`, `alternatively`) only when `truncated`: a
/// response that went on checking and never finished.
[[nodiscard]] inline std::size_t doubt_marker(std::string_view after, bool truncated) noexcept {
  static constexpr std::string_view strong[] = {
      "wait", "hmm", "hmmm", "hold on", "hang on", "on second thought", "reconsider", "rethink", "re-examine",
      "reexamine", "re-evaluate", "reevaluate", "not sure", "not certain", "unsure", "that's not right",
      "that is not right", "that can't be right", "i made a mistake"};
  static constexpr std::string_view strong_cjk[] = {"\xE7\xAD\x89\xE7\xAD\x89", "\xE7\xAD\x89\xE4\xB8\x80\xE4\xB8\x8B",
                                                    "\xE4\xB8\x8D\xE5\xAF\xB9", "\xE4\xB8\x8D\xE5\xB0\x8D",
                                                    "\xE5\xBE\x85\xE3\x81\xA3\xE3\x81\xA6", "\xEC\x9E\xA0\xEA\xB9\x90"};
  static constexpr std::string_view weak[] = {"let me check", "let me verify", "let me double-check", "let me double check",
                                              "double-check", "recheck", "re-check", "check again", "but", "however",
                                              "maybe", "perhaps", "alternatively", "or is it", "let's check", "let's verify"};
  for (std::size_t i = 0; i < after.size(); ++i) {
    const char c = after[i];
    if (static_cast<unsigned char>(c) >= 0x80) {
      for (std::string_view m : strong_cjk) {
        if (after.substr(i, m.size()) == m) return i;
      }
      continue;
    }
    if (!is_ascii_alpha(c) || (i > 0 && is_ascii_alpha(after[i - 1]))) continue;
    for (std::string_view m : strong) {
      if (ascii_word_at(after, i, m)) return i;
    }
    if (truncated) {
      for (std::string_view m : weak) {
        if (ascii_word_at(after, i, m)) return i;
      }
    }
  }
  return std::string_view::npos;
}

/// The cue words of final answers in Chinese, Japanese and Korean: 答案 (and so 最终答案,
/// 正确答案), 答え, 正解, 解答, 回答, 答, 정답, 답; with `judgement_words` also 判断, 判斷, 结论,
/// 結論, 判定, 판단, 결론. Longer words first, so that 答案 is not read as 答.
inline constexpr std::string_view cjk_answer_cues[] = {
    "\xE7\xAD\x94\xE6\xA1\x88", "\xE7\xAD\x94\xE3\x81\x88", "\xE6\xAD\xA3\xE8\xA7\xA3", "\xE8\xA7\xA3\xE7\xAD\x94",
    "\xE5\x9B\x9E\xE7\xAD\x94", "\xEC\xA0\x95\xEB\x8B\xB5", "\xE7\xAD\x94",             "\xEB\x8B\xB5"};
inline constexpr std::string_view cjk_judgement_cues[] = {"\xE5\x88\xA4\xE6\x96\xAD", "\xE5\x88\xA4\xE6\x96\xB7",
                                                          "\xE7\xBB\x93\xE8\xAE\xBA", "\xE7\xB5\x90\xE8\xAB\x96",
                                                          "\xE5\x88\xA4\xE5\xAE\x9A", "\xED\x8C\x90\xEB\x8B\xA8",
                                                          "\xEA\xB2\xB0\xEB\xA1\xA0"};

/// The copulas and topic particles between a CJK cue and its answer: 应该是 應該是 应为 應為
/// 是 为 為 (zh), は (ja), 은 는 이 가 (ko); and 选择 選擇 选 選 ("choose").
inline constexpr std::string_view cjk_answer_particles[] = {
    "\xE5\xBA\x94\xE8\xAF\xA5\xE6\x98\xAF", "\xE6\x87\x89\xE8\xA9\xB2\xE6\x98\xAF", "\xE5\xBA\x94\xE4\xB8\xBA",
    "\xE6\x87\x89\xE7\x82\xBA",             "\xE6\x98\xAF",                         "\xE4\xB8\xBA",
    "\xE7\x82\xBA",                         "\xE3\x81\xAF",                         "\xEC\x9D\x80",
    "\xEB\x8A\x94",                         "\xEC\x9D\xB4",                         "\xEA\xB0\x80",
    "\xE9\x80\x89\xE6\x8B\xA9",             "\xE9\x81\xB8\xE6\x93\x87",             "\xE9\x80\x89",
    "\xE9\x81\xB8"};

/// Spaces, tabs, markdown emphasis and colons (the full-width colon is folded to ':' first).
[[nodiscard]] constexpr std::size_t skip_cue_decoration(std::string_view s, std::size_t j) noexcept {
  while (j < s.size() && (s[j] == ' ' || s[j] == '\t' || s[j] == '*' || s[j] == '_' || s[j] == ':')) ++j;
  return j;
}

/// A CJK cue word at `i`: the position just after it (and after the colon or emphasis that
/// follows), or npos. The particles after it are not skipped: see skip_cjk_particle.
[[nodiscard]] inline std::size_t cjk_cue_at(std::string_view s, std::size_t i, bool judgement_words) noexcept {
  for (std::string_view cue : cjk_answer_cues) {
    if (s.substr(i, cue.size()) == cue) return skip_cue_decoration(s, i + cue.size());
  }
  if (judgement_words) {
    for (std::string_view cue : cjk_judgement_cues) {
      if (s.substr(i, cue.size()) == cue) return skip_cue_decoration(s, i + cue.size());
    }
  }
  return std::string_view::npos;
}

/// Skips one particle of cjk_answer_particles at `j` (and the decoration after it).
[[nodiscard]] inline std::size_t skip_cjk_particle(std::string_view s, std::size_t j) noexcept {
  for (std::string_view p : cjk_answer_particles) {
    if (s.substr(j, p.size()) == p) return skip_cue_decoration(s, j + p.size());
  }
  return j;
}

/// Words before "answer" that make it someone else's, or an earlier one: "the reference
/// answer is D", "my initial answer was B", "the expected answer".
[[nodiscard]] inline bool quoted_answer(std::string_view s, std::size_t i) {
  std::size_t k = i;
  while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '*' || s[k - 1] == '_')) --k;
  std::size_t begin = k;
  while (begin > 0 && (is_ascii_alpha(s[begin - 1]) || s[begin - 1] == '\'' || s[begin - 1] == '-')) --begin;
  std::string word;
  for (std::size_t p = begin; p < k; ++p) word.push_back(ascii_lower(s[p]));
  if (word.size() > 2 && word.substr(word.size() - 2) == "'s") word.resize(word.size() - 2);
  for (std::string_view q : {"reference", "expected", "given", "provided", "official", "sample", "model", "key", "textbook",
                             "book", "initial", "previous", "earlier", "first", "original", "tentative", "preliminary",
                             "proposed", "student", "user", "their", "your", "his", "her", "standard", "suggested",
                             "gold", "ground-truth", "truth", "old", "wrong", "incorrect", "other"}) {
    if (word == q) return true;
  }
  return false;
}

/// How the sentence that leads to a cue at `i` frames it: tentative ("maybe the correct
/// answer is D", "perhaps the answer is B"), or hypothetical when a conditional introduces
/// the cue itself ("if the correct answer is A, then ...", "whether the answer is C";
/// not "if we add both, the answer is B").
enum class framing : std::uint8_t { plain, tentative, hypothetical };

[[nodiscard]] inline framing framing_before(std::string_view s, std::size_t i) {
  std::size_t begin = i;
  while (begin > 0 && s[begin - 1] != '.' && s[begin - 1] != '\n' && s[begin - 1] != '?' && s[begin - 1] != '!' && i - begin < 80) --begin;
  const std::string_view lead = s.substr(begin, i - begin);
  framing out = framing::plain;
  std::size_t words_since_conditional = 0;
  bool conditional = false;
  for (std::size_t k = 0; k < lead.size(); ++k) {
    if (!is_ascii_alpha(lead[k]) || (k > 0 && is_ascii_alpha(lead[k - 1]))) continue;
    bool is_conditional = false;
    for (std::string_view w : {"if", "whether", "suppose", "supposing", "assuming", "unless"}) {
      is_conditional = is_conditional || ascii_word_at(lead, k, w);
    }
    bool filler = false;
    for (std::string_view w : {"the", "correct", "final", "right", "real", "true", "actual", "my", "our"}) filler = filler || ascii_word_at(lead, k, w);
    if (is_conditional) {
      conditional = true;
      words_since_conditional = 0;
    } else if (!filler) {
      conditional = false;
    } else {
      ++words_since_conditional;
    }
    for (std::string_view w : {"maybe", "perhaps", "possibly", "might", "could"}) {
      if (ascii_word_at(lead, k, w)) out = framing::tentative;
    }
  }
  return conditional && words_since_conditional <= 3 ? framing::hypothetical : out;
}

/// Where a response starts an invented next turn, or npos: a line that opens a new question
/// (`Question:`, `Q:`, `== response ==`, `Support=`) after the response has given an answer
/// (a line with "answer" or a box before it). Few-shot prompts make models go on with
/// questions of their own after answering; lm-eval stops generation at such lines (CoQA's
/// `\nQ:`, MMLU-Pro's `Question:`). A heading that restates the question (`**Question:**`)
/// is not one. With `any_text`, any line before counts as the answer (yes/no answers are
/// one word: "No.\n\nQuestion: ...").
[[nodiscard]] inline std::size_t invented_turn(std::string_view s, bool any_text = false) noexcept {
  bool answered = false;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t end = s.find('\n', i);
    if (end == std::string_view::npos) end = s.size();
    const std::string_view line = trim_ascii(s.substr(i, end - i));
    if (answered) {
      for (std::string_view w : {"Question:", "Q:", "== response", "Support="}) {
        if (line.substr(0, w.size()) == w) return i;
      }
    }
    answered = answered || (any_text && !line.empty());
    for (std::size_t k = 0; k < line.size() && !answered; ++k) {
      answered = ascii_word_at(line, k, "answer") || line.substr(k, 6) == "\\boxed";
    }
    i = end + 1;
  }
  return std::string_view::npos;
}

}  // namespace detail
TRANSFERSCORE_END_NAMESPACE
