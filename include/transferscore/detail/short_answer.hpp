#pragma once
// Text helpers for the short-answer families (choice, yesno): lines, Python's notion of a
// word character (for emulating \b), the tail of a LaTeX box's wrappers, and the pieces of
// lm-evaluation-harness regexes that RE2 cannot express (look-behind, `(.*)(?=.)`).

#include <transferscore/config.hpp>
#include <transferscore/detail/text.hpp>

#include <cstddef>
#include <cstdint>
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

/// Python's \w for one code point, approximately: ASCII letters, digits and '_', and every
/// non-ASCII code point except the common punctuation, symbol and space blocks.
[[nodiscard]] constexpr bool is_python_word(std::uint32_t cp) noexcept {
  if (cp < 0x80) return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_';
  if (cp <= 0xBF || cp == 0xD7 || cp == 0xF7) return cp == 0xAA || cp == 0xB2 || cp == 0xB3 || cp == 0xB5 || cp == 0xB9 || cp == 0xBA ||
                                                     (cp >= 0xBC && cp <= 0xBE);
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, arrows, operators, shapes
  if (cp >= 0x2E00 && cp <= 0x2E7F) return false;
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
  if ((cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
      (cp >= 0xFF5B && cp <= 0xFF65)) {
    return false;
  }
  if (cp >= 0x1F000 && cp <= 0x1FAFF) return false;  // emoji
  return true;
}

/// Is the code point ending just before `end` a Python word character (false at the start)?
[[nodiscard]] constexpr bool python_word_before(std::string_view s, std::size_t end) noexcept {
  if (end == 0) return false;
  std::size_t length = 0;
  return is_python_word(decode_at(s, code_point_start_before(s, end), length));
}

/// Is the code point starting at `i` a Python word character (false at the end)?
[[nodiscard]] constexpr bool python_word_at(std::string_view s, std::size_t i) noexcept {
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

}  // namespace detail
TRANSFERSCORE_END_NAMESPACE
