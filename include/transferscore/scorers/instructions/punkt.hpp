#pragma once
// Sentence splitting as NLTK's PunktSentenceTokenizer (NLTK 3.8 algorithm, Kiss & Strunk
// 2006) does it with given parameters. IFEval counts sentences with the pretrained English
// parameters; those have no clear licence, so they are never shipped: they are read at
// run time from a directory in NLTK's punkt_tab layout (abbrev_types.txt,
// collocations.tab, sent_starters.txt, ortho_context.tab).
//
// Without them, `punkt_parameters::fallback()` gives our own small parameter set (a
// hand-written list of common English abbreviations, nothing else) with the same
// algorithm; scorers record that in the verdict's mode.

#include <transferscore/config.hpp>
#include <transferscore/compat/python_str.hpp>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace instructions {

namespace punkt_detail {
/// A collocation looked up as its two types, without building "first\tsecond".
struct type_pair {
  std::u32string_view first, second;
};
/// FNV-1a over code points; transparent, so that lookups need no std::u32string.
struct u32_hash {
  using is_transparent = void;
  [[nodiscard]] static std::uint64_t step(std::uint64_t h, std::u32string_view s) noexcept {
    for (char32_t c : s) h = (h ^ c) * 1099511628211ull;
    return h;
  }
  static constexpr std::uint64_t basis = 1469598103934665603ull;
  [[nodiscard]] std::size_t operator()(std::u32string_view s) const noexcept { return static_cast<std::size_t>(step(basis, s)); }
  [[nodiscard]] std::size_t operator()(const type_pair& p) const noexcept {
    return static_cast<std::size_t>(step(step(step(basis, p.first), U"\t"), p.second));  // as "first\tsecond"
  }
};
struct u32_equal {
  using is_transparent = void;
  [[nodiscard]] bool operator()(std::u32string_view a, std::u32string_view b) const noexcept { return a == b; }
  [[nodiscard]] bool operator()(std::u32string_view a, const type_pair& b) const noexcept {
    return a.size() == b.first.size() + 1 + b.second.size() && a.substr(0, b.first.size()) == b.first &&
           a[b.first.size()] == U'\t' && a.substr(b.first.size() + 1) == b.second;
  }
  [[nodiscard]] bool operator()(const type_pair& a, std::u32string_view b) const noexcept { return (*this)(b, a); }
};
template <class T>
using u32_map = std::unordered_map<std::u32string, T, u32_hash, u32_equal>;
using u32_set = std::unordered_set<std::u32string, u32_hash, u32_equal>;
inline constexpr int ortho_beg_uc = 1 << 1, ortho_mid_uc = 1 << 2, ortho_unk_uc = 1 << 3, ortho_beg_lc = 1 << 4,
                     ortho_mid_lc = 1 << 5, ortho_unk_lc = 1 << 6;
inline constexpr int ortho_uc = ortho_beg_uc + ortho_mid_uc + ortho_unk_uc;
inline constexpr int ortho_lc = ortho_beg_lc + ortho_mid_lc + ortho_unk_lc;
}  // namespace punkt_detail

/// The learned Punkt parameters.
struct punkt_parameters {
  punkt_detail::u32_set abbrev_types;
  punkt_detail::u32_set collocations;  ///< "first\tsecond"
  punkt_detail::u32_set sent_starters;
  punkt_detail::u32_map<int> ortho_context;

  /// Reads NLTK's punkt_tab/<language> directory; nullopt (with `error` set) when a file
  /// is missing or unreadable.
  [[nodiscard]] static std::optional<punkt_parameters> load(const std::string& dir, std::string* error = nullptr) {
    punkt_parameters p;
    auto read = [&](const char* name, std::string& text) -> bool {
      std::ifstream in(dir + "/" + name, std::ios::binary);
      if (!in) {
        if (error != nullptr) *error = "cannot read " + dir + "/" + name;
        return false;
      }
      std::ostringstream s;
      s << in.rdbuf();
      text = s.str();
      return true;
    };
    auto lines = [](const std::string& text) {
      std::vector<std::u32string> out;
      std::size_t start = 0;
      while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string_view line(text.data() + start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!line.empty()) out.push_back(compat::py::decode_utf8(line));
        start = end + 1;
      }
      return out;
    };
    std::string text;
    if (!read("abbrev_types.txt", text)) return std::nullopt;
    for (auto& l : lines(text)) p.abbrev_types.insert(std::move(l));
    if (!read("collocations.tab", text)) return std::nullopt;
    for (auto& l : lines(text)) p.collocations.insert(std::move(l));
    if (!read("sent_starters.txt", text)) return std::nullopt;
    for (auto& l : lines(text)) p.sent_starters.insert(std::move(l));
    if (!read("ortho_context.tab", text)) return std::nullopt;
    for (auto& l : lines(text)) {
      const auto tab = l.rfind(U'\t');
      if (tab == std::u32string::npos) continue;
      int value = 0;
      for (std::size_t i = tab + 1; i < l.size(); ++i) {
        if (l[i] >= '0' && l[i] <= '9') value = value * 10 + static_cast<int>(l[i] - '0');
      }
      p.ortho_context[l.substr(0, tab)] = value;
    }
    if (p.ortho_context.empty()) {
      if (error != nullptr) *error = dir + "/ortho_context.tab holds no entries";
      return std::nullopt;
    }
    return p;
  }

  /// Our own documented stand-in: common English abbreviations, no other statistics.
  [[nodiscard]] static punkt_parameters fallback() {
    punkt_parameters p;
    for (const char* a : {"mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "u.s", "u.k",
                          "inc", "ltd", "co", "corp", "no", "fig", "approx", "dept", "est", "gen", "gov", "jan",
                          "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ave",
                          "a.m", "p.m", "cf", "al", "vol", "ed", "rev", "col", "lt", "sgt", "capt"}) {
      p.abbrev_types.insert(compat::py::ascii(a));
    }
    return p;
  }
};

/// Splits text into sentences exactly as PunktSentenceTokenizer.tokenize (realigned).
class punkt_tokenizer {
 public:
  explicit punkt_tokenizer(const punkt_parameters& params) : params_(params) {}

  struct span {
    std::size_t start;
    std::size_t stop;
  };

  /// The sentence spans (code point offsets) of `text`.
  [[nodiscard]] std::vector<span> sentences(std::u32string_view text) const {
    std::vector<span> slices;
    slices_from_text(text, slices);
    return realign(text, slices);
  }
  [[nodiscard]] std::size_t count(std::u32string_view text) const { return sentences(text).size(); }

 private:
  struct token {
    std::u32string_view tok;
    std::u32string_view type;  ///< into scratch::types, or "##number##"
    bool period_final = false;
    bool parastart = false;
    bool linestart = false;
    bool sentbreak = false;
    bool abbr = false;
    bool ellipsis = false;
  };

  static constexpr char32_t none = static_cast<char32_t>(-1);

  [[nodiscard]] static bool is_sent_end(char32_t c) noexcept { return c == '.' || c == '?' || c == '!'; }
  // _re_non_word_chars: (?:[)\";}\]\*:@\'\({\[?!])
  [[nodiscard]] static bool is_non_word(char32_t c) noexcept {
    switch (c) {
      case ')': case '"': case ';': case '}': case ']': case '*': case ':': case '@': case '\'': case '(':
      case '{': case '[': case '?': case '!':
        return true;
      default: return false;
    }
  }
  // _re_word_start excludes: ( " ` { [ : ; & # * @ ) } ] - ,
  [[nodiscard]] static bool is_word_start(char32_t c) noexcept {
    switch (c) {
      case '(': case '"': case '`': case '{': case '[': case ':': case ';': case '&': case '#': case '*': case '@':
      case ')': case '}': case ']': case '-': case ',':
        return false;
      default: return !compat::py::is_space(c);
    }
  }
  // _re_multi_char_punct at s[i]: (?:\-{2,}|\.{2,}|(?:\.\s){2,}\.); returns the length or 0.
  [[nodiscard]] static std::size_t multi_char(std::u32string_view s, std::size_t i) noexcept {
    if (i >= s.size()) return 0;
    if (s[i] == '-') {
      std::size_t j = i;
      while (j < s.size() && s[j] == '-') ++j;
      return j - i >= 2 ? j - i : 0;
    }
    if (s[i] != '.') return 0;
    std::size_t j = i;
    while (j < s.size() && s[j] == '.') ++j;
    if (j - i >= 2) return j - i;
    // (?:\.\s){2,}\. : greedy repetitions, then back off until a '.' follows.
    std::size_t reps = 0;
    j = i;
    while (j + 1 < s.size() && s[j] == '.' && compat::py::is_space(s[j + 1])) {
      j += 2;
      ++reps;
    }
    while (reps >= 2) {
      const std::size_t end = i + 2 * reps;
      if (end < s.size() && s[end] == '.') return 2 * reps + 1;
      --reps;
    }
    return 0;
  }

  // PunktLanguageVars.word_tokenize: findall of the word-tokenizer regex on one line.
  static void word_tokenize(std::u32string_view line, std::vector<std::u32string_view>& out) {
    std::size_t i = 0;
    const std::size_t n = line.size();
    while (i < n) {
      if (compat::py::is_space(line[i])) {
        ++i;
        continue;
      }
      if (const std::size_t m = multi_char(line, i)) {
        out.push_back(line.substr(i, m));
        i += m;
        continue;
      }
      if (is_word_start(line[i])) {
        std::size_t j = i + 1;
        for (;; ++j) {
          if (j >= n || compat::py::is_space(line[j]) || is_non_word(line[j]) || multi_char(line, j) != 0) break;
          if (line[j] == ',' && (j + 1 >= n || compat::py::is_space(line[j + 1]) || is_non_word(line[j + 1]) ||
                                 multi_char(line, j + 1) != 0)) {
            break;
          }
        }
        out.push_back(line.substr(i, j - i));
        i = j;
        continue;
      }
      out.push_back(line.substr(i, 1));
      ++i;
    }
  }

  // _RE_NUMERIC: ^-?[\.,]?\d[\d,\.-]*\.?$
  [[nodiscard]] static bool is_numeric(std::u32string_view t) noexcept {
    std::size_t i = 0;
    if (i < t.size() && t[i] == '-') ++i;
    if (i < t.size() && (t[i] == '.' || t[i] == ',')) ++i;
    if (i >= t.size() || !compat::py::is_decimal(t[i])) return false;
    for (++i; i < t.size(); ++i) {
      const char32_t c = t[i];
      if (!(compat::py::is_decimal(c) || c == ',' || c == '.' || c == '-')) return false;
    }
    return true;
  }

  // What the sentence-break tests of one text reuse from candidate to candidate, so that
  // they allocate nothing once warm.
  struct scratch {
    std::u32string context;
    std::vector<std::u32string_view> words;
    std::vector<token> tokens;
    std::u32string types;    ///< the tokens' lower-cased text
    std::u32string lowered;  ///< first_pass
  };

  static constexpr std::u32string_view number_type = U"##number##";

  // PunktBaseClass._tokenize_words, with each token's type (its lower-cased text, or
  // ##number##) in work.types.
  static void tokenize_words(std::u32string_view text, scratch& work) {
    work.tokens.clear();
    work.types.clear();
    work.types.reserve(2 * text.size());  // lower() at most doubles a character: views stay valid
    bool parastart = false;
    std::size_t start = 0;
    for (;;) {
      std::size_t end = text.find(U'\n', start);
      const bool last = end == std::u32string_view::npos;
      if (last) end = text.size();
      const std::u32string_view line = text.substr(start, end - start);
      if (!compat::py::is_blank(line)) {
        work.words.clear();
        word_tokenize(line, work.words);
        for (std::size_t k = 0; k < work.words.size(); ++k) {
          token t;
          t.tok = work.words[k];
          const std::size_t at = work.types.size();
          compat::py::append_lower(work.types, t.tok);
          t.type = std::u32string_view(work.types).substr(at);
          if (is_numeric(t.type)) t.type = number_type;
          t.period_final = !t.tok.empty() && t.tok.back() == '.';
          if (k == 0) {
            t.parastart = parastart;
            t.linestart = true;
          }
          work.tokens.push_back(t);
        }
        if (!work.words.empty()) parastart = false;
      } else {
        parastart = true;
      }
      if (last) break;
      start = end + 1;
    }
  }

  [[nodiscard]] static bool is_ellipsis(std::u32string_view tok) noexcept {
    if (tok.size() < 2) return false;
    for (char32_t c : tok) {
      if (c != '.') return false;
    }
    return true;
  }
  // _RE_INITIAL: [^\W\d]\.$
  [[nodiscard]] static bool is_initial(std::u32string_view tok) noexcept {
    return tok.size() == 2 && tok[1] == '.' && compat::py::is_word(tok[0]) && !compat::py::is_decimal(tok[0]);
  }
  [[nodiscard]] static std::u32string_view type_no_period(const token& t) noexcept {
    if (t.type.size() > 1 && t.type.back() == '.') return t.type.substr(0, t.type.size() - 1);
    return t.type;
  }
  [[nodiscard]] static std::u32string_view type_no_sentperiod(const token& t) noexcept {
    return t.sentbreak ? type_no_period(t) : t.type;
  }
  [[nodiscard]] static bool first_upper(const token& t) noexcept { return !t.tok.empty() && compat::py::is_upper(t.tok[0]); }
  [[nodiscard]] static bool first_lower(const token& t) noexcept { return !t.tok.empty() && compat::py::is_lower(t.tok[0]); }

  [[nodiscard]] bool has_abbrev(std::u32string_view s) const { return params_.abbrev_types.find(s) != params_.abbrev_types.end(); }

  void first_pass(token& t, std::u32string& low) const {
    const auto tok = t.tok;
    if (tok.size() == 1 && is_sent_end(tok[0])) {
      t.sentbreak = true;
    } else if (is_ellipsis(tok)) {
      t.ellipsis = true;
    } else if (t.period_final && !compat::py::ends_with(tok, U"..")) {
      low.clear();
      compat::py::append_lower(low, tok.substr(0, tok.size() - 1));
      const auto dash = low.rfind(U'-');
      const std::u32string_view last_part = dash == std::u32string::npos ? std::u32string_view(low)
                                                                         : std::u32string_view(low).substr(dash + 1);
      if (has_abbrev(low) || has_abbrev(last_part)) {
        t.abbr = true;
      } else {
        t.sentbreak = true;
      }
    }
  }

  [[nodiscard]] int ortho_context(std::u32string_view type) const {
    auto it = params_.ortho_context.find(type);
    return it == params_.ortho_context.end() ? 0 : it->second;
  }

  enum class tri : unsigned char { no, yes, unknown };

  [[nodiscard]] tri ortho_heuristic(const token& t) const {
    if (t.tok.size() == 1) {
      switch (t.tok[0]) {
        case ';': case ':': case ',': case '.': case '!': case '?': return tri::no;
        default: break;
      }
    }
    const int context = ortho_context(type_no_sentperiod(t));
    using namespace punkt_detail;
    if (first_upper(t) && (context & ortho_lc) && !(context & ortho_mid_uc)) return tri::yes;
    if (first_lower(t) && ((context & ortho_uc) || !(context & ortho_beg_lc))) return tri::no;
    return tri::unknown;
  }

  void second_pass(token& t1, const token& t2) const {
    if (!t1.period_final) return;
    const std::u32string_view typ = type_no_period(t1);
    const std::u32string_view next_typ = type_no_sentperiod(t2);
    const bool tok_is_initial = is_initial(t1.tok);

    if (params_.collocations.find(punkt_detail::type_pair{typ, next_typ}) != params_.collocations.end()) {
      t1.sentbreak = false;
      t1.abbr = true;
      return;
    }
    if ((t1.abbr || t1.ellipsis) && !tok_is_initial) {
      if (ortho_heuristic(t2) == tri::yes) {
        t1.sentbreak = true;
        return;
      }
      if (first_upper(t2) && params_.sent_starters.find(next_typ) != params_.sent_starters.end()) {
        t1.sentbreak = true;
        return;
      }
    }
    if (tok_is_initial || typ == number_type) {
      const tri starter = ortho_heuristic(t2);
      if (starter == tri::no) {
        t1.sentbreak = false;
        t1.abbr = true;
        return;
      }
      if (starter == tri::unknown && tok_is_initial && first_upper(t2) &&
          !(ortho_context(next_typ) & punkt_detail::ortho_lc)) {
        t1.sentbreak = false;
        t1.abbr = true;
        return;
      }
    }
  }

  // text_contains_sentbreak: some token other than the last is a sentence break.
  [[nodiscard]] bool contains_sentbreak(std::u32string_view context, scratch& work) const {
    tokenize_words(context, work);
    std::vector<token>& tokens = work.tokens;
    for (auto& t : tokens) first_pass(t, work.lowered);
    for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
      second_pass(tokens[i], tokens[i + 1]);
      if (tokens[i].sentbreak) return true;
    }
    return false;
  }

  [[nodiscard]] static bool is_ascii_whitespace(char32_t c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C;
  }

  struct end_match {
    std::size_t pos;         // the sentence-end character
    std::size_t after_end;   // end of the after_tok group
    std::size_t next_tok;    // start of next_tok, or npos
  };

  // period_context_re().finditer(text)
  static void end_candidates(std::u32string_view text, std::vector<end_match>& out) {
    const std::size_t n = text.size();
    for (std::size_t i = 0; i < n; ++i) {
      // Most characters are not sentence ends: test eight at a time (without branches,
      // which the compiler vectorises) and skip them together.
      while (i + 8 <= n) {
        bool any = false;
        for (std::size_t k = 0; k < 8; ++k) any |= is_sent_end(text[i + k]);
        if (any) break;
        i += 8;
      }
      if (i >= n) break;
      if (!is_sent_end(text[i])) continue;
      if (i + 1 < n && is_non_word(text[i + 1])) {
        out.push_back({i, i + 2, std::u32string_view::npos});
        continue;
      }
      std::size_t j = i + 1;
      while (j < n && compat::py::is_space(text[j])) ++j;
      if (j == i + 1 || j >= n) continue;
      std::size_t k = j;
      while (k < n && !compat::py::is_space(text[k])) ++k;
      out.push_back({i, k, j});
    }
  }

  void slices_from_text(std::u32string_view text, std::vector<span>& slices) const {
    std::vector<end_match> matches;
    end_candidates(text, matches);
    std::size_t last_break = 0;
    // _match_potential_end_contexts
    span previous_slice{0, 0};
    const end_match* previous = nullptr;
    scratch work;
    auto consider = [&](const end_match& m, span word) {
      work.context.assign(text.substr(word.start, word.stop - word.start));
      work.context.append(text.substr(m.pos, m.after_end - m.pos));
      if (contains_sentbreak(work.context, work)) {
        slices.push_back({last_break, m.pos + 1});
        last_break = m.next_tok != std::u32string_view::npos ? m.next_tok : m.pos + 1;
      }
    };
    for (const auto& m : matches) {
      const std::u32string_view before = text.substr(previous_slice.stop, m.pos - previous_slice.stop);
      std::size_t index_after_last_space = 0;
      for (std::size_t k = before.size(); k-- > 0;) {
        if (is_ascii_whitespace(before[k])) {
          index_after_last_space = k;
          break;
        }
      }
      if (index_after_last_space != 0) {
        index_after_last_space += previous_slice.stop + 1;
      } else {
        index_after_last_space = previous_slice.start;
      }
      const span prev_word{index_after_last_space, m.pos};
      if (previous != nullptr && previous_slice.stop <= prev_word.start) consider(*previous, previous_slice);
      previous = &m;
      previous_slice = prev_word;
    }
    if (previous != nullptr) consider(*previous, previous_slice);
    slices.push_back({last_break, compat::py::rstrip(text).size()});
  }

  // re_boundary_realignment.match(text[s2]): ["\')\]}]+?(?:\s+|(?=--)|$) (MULTILINE)
  [[nodiscard]] static std::optional<std::pair<std::size_t, std::size_t>> realignment(std::u32string_view s) {
    auto closing = [](char32_t c) { return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}'; };
    for (std::size_t k = 1; k <= s.size() && closing(s[k - 1]); ++k) {
      std::size_t j = k;
      while (j < s.size() && compat::py::is_space(s[j])) ++j;
      if (j > k) return std::make_pair(k, j);
      if (k + 1 < s.size() && s[k] == '-' && s[k + 1] == '-') return std::make_pair(k, k);
      if (k == s.size() || s[k] == '\n') return std::make_pair(k, k);
    }
    return std::nullopt;
  }

  [[nodiscard]] static std::vector<span> realign(std::u32string_view text, const std::vector<span>& slices) {
    std::vector<span> out;
    std::size_t realign_by = 0;
    auto text_of = [&](span s) {
      if (s.start >= s.stop || s.start >= text.size()) return std::u32string_view{};
      return text.substr(s.start, std::min(s.stop, text.size()) - s.start);
    };
    for (std::size_t i = 0; i < slices.size(); ++i) {
      span s1{slices[i].start + realign_by, slices[i].stop};
      if (i + 1 == slices.size()) {
        if (!text_of(s1).empty()) out.push_back(s1);
        continue;
      }
      const span s2 = slices[i + 1];
      if (auto m = realignment(text_of(s2))) {
        out.push_back({s1.start, s2.start + m->first});
        realign_by = m->second;
      } else {
        realign_by = 0;
        if (!text_of(s1).empty()) out.push_back(s1);
      }
    }
    return out;
  }

  const punkt_parameters& params_;
};

}  // namespace instructions
TRANSFERSCORE_END_NAMESPACE
