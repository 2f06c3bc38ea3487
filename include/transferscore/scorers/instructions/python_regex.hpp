#pragma once
// Python `re` patterns on RE2. IFEval inserts user keywords into patterns unescaped, so
// keywords are regular expressions with Python semantics. Two paths:
//  - a keyword that is a plain ASCII literal (every keyword in the official data) is
//    matched directly on code points, with exactly Python's IGNORECASE and Unicode \b;
//  - any other keyword is translated to RE2 syntax (\w \d \s and their negations become
//    the Unicode classes Python uses, \Z becomes \z) and run by RE2 (linear time).
//    Known differences on that path, documented in docs/ifeval.md: `\b`/`\B` written
//    inside a keyword and `$` keep RE2's meaning (ASCII word boundary; end of text only),
//    and patterns RE2 cannot run (look-around, back-references) are reported as
//    malformed instead of crashing the run as the original does.

#include <transferscore/config.hpp>
#include <transferscore/compat/python_str.hpp>

#include <re2/re2.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace instructions::python_regex {

/// True when `pattern` has no regex metacharacter and is ASCII: it matches itself.
[[nodiscard]] inline bool is_plain_ascii_literal(std::string_view pattern) noexcept {
  for (char ch : pattern) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) return false;
    switch (c) {
      case '.': case '^': case '$': case '*': case '+': case '?': case '{': case '}':
      case '[': case ']': case '\\': case '|': case '(': case ')': case '#':
        return false;
      default: break;
    }
  }
  return true;
}

namespace detail {
inline constexpr std::string_view space_members =
    "\\t-\\r\\x{1c}-\\x{20}\\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}";
inline constexpr std::string_view word_members = "\\p{L}\\p{N}_";
}  // namespace detail

/// Rewrites a Python pattern in RE2 syntax (see the header comment for what differs).
[[nodiscard]] inline std::string translate(std::string_view p) {
  std::string out;
  out.reserve(p.size() + 16);
  bool in_class = false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      const char e = p[++i];
      switch (e) {
        case 'w':
          out += in_class ? std::string(detail::word_members) : "[" + std::string(detail::word_members) + "]";
          break;
        case 'W':
          out += in_class ? std::string("\\W") : "[^" + std::string(detail::word_members) + "]";
          break;
        case 'd': out += "\\p{Nd}"; break;
        case 'D': out += "\\P{Nd}"; break;
        case 's':
          out += in_class ? std::string(detail::space_members) : "[" + std::string(detail::space_members) + "]";
          break;
        case 'S':
          out += in_class ? std::string("\\S") : "[^" + std::string(detail::space_members) + "]";
          break;
        case 'Z': out += "\\z"; break;
        default:
          out.push_back('\\');
          out.push_back(e);
      }
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      out.push_back(c);
      continue;
    }
    if (c == '[') {
      in_class = true;
      out.push_back(c);
      if (i + 1 < p.size() && p[i + 1] == '^') out.push_back(p[++i]);
      if (i + 1 < p.size() && p[i + 1] == ']') out.push_back(p[++i]);  // a literal ] first
      continue;
    }
    if (c == '{' && i + 1 < p.size() && p[i + 1] == ',') {
      out += "{0";  // Python's {,n} is {0,n}
      continue;
    }
    out.push_back(c);
  }
  return out;
}

/// A keyword compiled for matching with IGNORECASE (or case-sensitively).
class pattern {
 public:
  pattern() = default;

  /// Compiles `python_pattern`; on failure `error()` says why (and nothing matches).
  explicit pattern(std::string_view python_pattern, bool ignore_case, bool multiline = false)
      : source_(python_pattern), ignore_case_(ignore_case) {
    if (is_plain_ascii_literal(python_pattern)) {
      literal_ = true;
      return;
    }
    RE2::Options options(RE2::Quiet);
    options.set_case_sensitive(!ignore_case);
    options.set_never_capture(true);
    std::string rewritten = translate(python_pattern);
    if (multiline) rewritten = "(?m)" + rewritten;
    re_ = std::make_shared<RE2>(rewritten, options);
    if (!re_->ok()) {
      error_ = re_->error();
      re_.reset();
    }
  }

  [[nodiscard]] bool ok() const noexcept { return error_.empty(); }
  [[nodiscard]] const std::string& error() const noexcept { return error_; }
  [[nodiscard]] bool is_literal() const noexcept { return literal_; }

  /// re.search(pattern, text) is not None.
  [[nodiscard]] bool search(std::string_view utf8, std::u32string_view cps) const {
    if (literal_) return find_literal(cps, 0) != npos;
    if (!re_) return false;
    return RE2::PartialMatch(utf8, *re_);
  }

  /// len(re.findall(pattern, text)): non-overlapping, leftmost matches.
  [[nodiscard]] std::size_t count(std::string_view utf8, std::u32string_view cps) const {
    std::size_t n = 0;
    if (literal_) {
      if (source_.empty()) return cps.size() + 1;
      std::size_t at = 0;
      while ((at = find_literal(cps, at)) != npos) {
        ++n;
        at += source_.size();
      }
      return n;
    }
    if (!re_) return 0;
    std::size_t pos = 0;
    while (pos <= utf8.size()) {
      re2::StringPiece m;
      if (!re_->Match(utf8, pos, utf8.size(), RE2::UNANCHORED, &m, 1)) break;
      ++n;
      const auto start = static_cast<std::size_t>(m.data() - utf8.data());
      pos = start + m.size();
      if (m.empty()) pos = next_char(utf8, pos);
    }
    return n;
  }

  /// re.search(r"\b" + pattern + r"\b", text) is not None, with Python's Unicode \b.
  [[nodiscard]] bool search_bounded(std::string_view utf8, std::u32string_view cps) const {
    if (literal_) {
      std::size_t at = 0;
      while ((at = find_literal(cps, at)) != npos) {
        if (compat::py::word_boundary(cps, at) && compat::py::word_boundary(cps, at + source_.size())) return true;
        ++at;
      }
      return false;
    }
    if (!re_) return false;
    // Try every start at a Unicode boundary; accept the leftmost-first end (what a
    // backtracking engine tries first) or the longest end when it is a boundary.
    std::size_t cp_index = 0;
    for (std::size_t pos = 0; pos <= utf8.size(); pos = next_char(utf8, pos), ++cp_index) {
      if (compat::py::word_boundary(cps, cp_index)) {
        re2::StringPiece m;
        if (re_->Match(utf8, pos, utf8.size(), RE2::ANCHOR_START, &m, 1)) {
          if (compat::py::word_boundary(cps, cp_index + count_chars(utf8.substr(pos, m.size())))) return true;
        }
      }
      if (pos == utf8.size()) break;
    }
    return false;
  }

 private:
  static constexpr std::size_t npos = std::u32string_view::npos;

  [[nodiscard]] static std::size_t next_char(std::string_view s, std::size_t pos) noexcept {
    if (pos >= s.size()) return s.size() + 1;
    ++pos;
    while (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) ++pos;
    return pos;
  }
  [[nodiscard]] static std::size_t count_chars(std::string_view s) noexcept {
    std::size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return n;
  }

  [[nodiscard]] std::size_t find_literal(std::u32string_view text, std::size_t from) const noexcept {
    const std::size_t m = source_.size();
    if (m == 0) return from <= text.size() ? from : npos;
    if (text.size() < m) return npos;
    // A cheap test of the first character skips most positions: an ASCII text character
    // matches a letter only as itself or its other case, anything else only as itself.
    const char32_t first = static_cast<unsigned char>(source_[0]);
    const char32_t first_low = first - 'A' < 26u ? first + 32 : first;
    const bool first_letter = ignore_case_ && first_low - 'a' < 26u;
    for (std::size_t i = from; i + m <= text.size(); ++i) {
      const char32_t head = text[i];
      if (head < 0x80 && (first_letter ? (head | 0x20) != first_low : head != first)) continue;
      bool match = true;
      for (std::size_t k = 0; k < m && match; ++k) {
        const char32_t c = text[i + k];
        const char p = source_[k];
        match = ignore_case_ ? compat::py::ignorecase_equal(c, p) : c == static_cast<unsigned char>(p);
      }
      if (match) return i;
    }
    return npos;
  }

  std::string source_;
  bool ignore_case_ = true;
  bool literal_ = false;
  std::shared_ptr<const RE2> re_;
  std::string error_;
};

}  // namespace instructions::python_regex
TRANSFERSCORE_END_NAMESPACE
