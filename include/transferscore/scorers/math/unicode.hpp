#pragma once
// UTF-8 helpers for answers: decoding one code point, and rewriting the Unicode math that
// models write (−, ×, √, π, ∞, ≤, °, ², ½, full-width digits and punctuation, Greek letters)
// into the ASCII/LaTeX spelling the lexer reads, so that `√2` and `\sqrt 2` are one thing.

#include <transferscore/config.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace math {
namespace detail {

/// Decodes the code point at `s[i]`; returns it and sets `len` to its byte length. Invalid
/// bytes decode as themselves with length 1 (U+FFFD semantics are not needed here).
[[nodiscard]] inline std::uint32_t decode_utf8(std::string_view s, std::size_t i, std::size_t& len) noexcept {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    len = 1;
    return c;
  }
  std::size_t n = 0;
  std::uint32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    cp = c & 0x07;
  } else {
    len = 1;
    return c;
  }
  if (i + n > s.size()) {
    len = 1;
    return c;
  }
  for (std::size_t k = 1; k < n; ++k) {
    const auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) {
      len = 1;
      return c;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  len = n;
  return cp;
}

/// Byte length of the code point starting at `s[i]` (1 for invalid bytes).
[[nodiscard]] inline std::size_t utf8_length_at(std::string_view s, std::size_t i) noexcept {
  std::size_t len = 1;
  (void)decode_utf8(s, i, len);
  return len;
}

/// Number of code points (Python's len() of the same text).
[[nodiscard]] inline std::size_t code_point_count(std::string_view s) noexcept {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); i += utf8_length_at(s, i)) ++n;
  return n;
}

/// Byte offset of the `k`-th code point (s.size() when there are fewer).
[[nodiscard]] inline std::size_t code_point_offset(std::string_view s, std::size_t k) noexcept {
  std::size_t i = 0;
  while (k > 0 && i < s.size()) {
    i += utf8_length_at(s, i);
    --k;
  }
  return i;
}

struct symbol_spelling {
  std::uint32_t code_point;
  std::string_view spelling;
};

// Sorted by code point for binary search.
inline constexpr auto unicode_spellings = std::to_array<symbol_spelling>({
    {0x00A0, " "},          {0x00A3, ""},          {0x00A5, ""},          {0x00B0, "^\\circ "},
    {0x00B1, "\\pm "},      {0x00B2, "^{2}"},      {0x00B3, "^{3}"},      {0x00B7, "\\cdot "},
    {0x00B9, "^{1}"},       {0x00BA, "^\\circ "},  {0x00BC, "\\frac{1}{4}"}, {0x00BD, "\\frac{1}{2}"},
    {0x00BE, "\\frac{3}{4}"}, {0x00D7, "\\times "}, {0x00F7, "\\div "},    {0x0391, "\\Alpha "},
    {0x0392, "\\Beta "},    {0x0393, "\\Gamma "},  {0x0394, "\\Delta "},  {0x0395, "\\Epsilon "},
    {0x0396, "\\Zeta "},    {0x0397, "\\Eta "},    {0x0398, "\\Theta "},  {0x0399, "\\Iota "},
    {0x039A, "\\Kappa "},   {0x039B, "\\Lambda "}, {0x039C, "\\Mu "},     {0x039D, "\\Nu "},
    {0x039E, "\\Xi "},      {0x039F, "\\Omicron "}, {0x03A0, "\\Pi "},    {0x03A1, "\\Rho "},
    {0x03A3, "\\Sigma "},   {0x03A4, "\\Tau "},    {0x03A5, "\\Upsilon "}, {0x03A6, "\\Phi "},
    {0x03A7, "\\Chi "},     {0x03A8, "\\Psi "},    {0x03A9, "\\Omega "},  {0x03B1, "\\alpha "},
    {0x03B2, "\\beta "},    {0x03B3, "\\gamma "},  {0x03B4, "\\delta "},  {0x03B5, "\\epsilon "},
    {0x03B6, "\\zeta "},    {0x03B7, "\\eta "},    {0x03B8, "\\theta "},  {0x03B9, "\\iota "},
    {0x03BA, "\\kappa "},   {0x03BB, "\\lambda "}, {0x03BC, "\\mu "},     {0x03BD, "\\nu "},
    {0x03BE, "\\xi "},      {0x03BF, "\\omicron "}, {0x03C0, "\\pi "},    {0x03C1, "\\rho "},
    {0x03C2, "\\varsigma "}, {0x03C3, "\\sigma "}, {0x03C4, "\\tau "},    {0x03C5, "\\upsilon "},
    {0x03C6, "\\phi "},     {0x03C7, "\\chi "},    {0x03C8, "\\psi "},    {0x03C9, "\\omega "},
    {0x2009, "\\,"},        {0x2013, "-"},         {0x2014, "-"},         {0x2018, ""},
    {0x2019, ""},           {0x201C, ""},          {0x201D, ""},          {0x2026, "\\ldots "},
    {0x202F, "\\,"},        {0x2070, "^{0}"},      {0x2074, "^{4}"},      {0x2075, "^{5}"},
    {0x2076, "^{6}"},       {0x2077, "^{7}"},      {0x2078, "^{8}"},      {0x2079, "^{9}"},
    {0x207B, "^{-}"},       {0x20AC, ""},          {0x211D, "\\mathbb{R}"}, {0x2153, "\\frac{1}{3}"},
    {0x2154, "\\frac{2}{3}"}, {0x215B, "\\frac{1}{8}"}, {0x2192, "\\to "}, {0x21D2, "\\Rightarrow "},
    {0x2205, "\\emptyset "}, {0x2208, "\\in "},    {0x2212, "-"},         {0x2213, "\\mp "},
    {0x2215, "/"},          {0x221A, "\\sqrt "},   {0x221B, "\\sqrt[3] "}, {0x221E, "\\infty "},
    {0x2227, "\\text{ and }"}, {0x2228, "\\text{ or }"}, {0x2229, "\\cap "}, {0x222A, "\\cup "},
    {0x2248, "\\approx "},  {0x2260, "\\neq "},    {0x2264, "\\leq "},    {0x2265, "\\geq "},
    {0x2266, "\\leq "},     {0x2267, "\\geq "},    {0x22C5, "\\cdot "},   {0x2308, "\\lceil "},
    {0x2309, "\\rceil "},   {0x230A, "\\lfloor "}, {0x230B, "\\rfloor "}, {0x27E8, "\\langle "},
    {0x27E9, "\\rangle "},  {0x3000, " "},         {0x3001, ","},         {0x3002, "."},
    {0xFF05, "\\%"},        {0xFFE0, ""},          {0xFFE1, ""},          {0xFFE5, ""},
});

[[nodiscard]] constexpr bool spellings_sorted() {
  for (std::size_t i = 1; i < unicode_spellings.size(); ++i) {
    if (!(unicode_spellings[i - 1].code_point < unicode_spellings[i].code_point)) return false;
  }
  return true;
}
static_assert(spellings_sorted(), "unicode_spellings must stay sorted by code point");

[[nodiscard]] inline const std::string_view* find_spelling(std::uint32_t cp) noexcept {
  std::size_t lo = 0, hi = unicode_spellings.size();
  while (lo < hi) {
    const std::size_t mid = (lo + hi) / 2;
    if (unicode_spellings[mid].code_point < cp) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo < unicode_spellings.size() && unicode_spellings[lo].code_point == cp) return &unicode_spellings[lo].spelling;
  return nullptr;
}

/// True when `s` holds a byte >= 0x80 (most answers do not, and skip the rewrite).
[[nodiscard]] inline bool has_non_ascii(std::string_view s) noexcept {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

/// Rewrites Unicode math into ASCII/LaTeX. Full-width ASCII (U+FF01..U+FF5E) becomes ASCII;
/// consecutive superscript digits merge into one exponent; unknown characters stay.
[[nodiscard]] inline std::string spell_unicode(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t len = 1;
    const std::uint32_t cp = decode_utf8(s, i, len);
    if (cp < 0x80) {
      out.push_back(s[i]);
      i += len;
      continue;
    }
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      out.push_back(static_cast<char>(cp - 0xFEE0));
      i += len;
      continue;
    }
    // Superscripts: merge a run (x²³, 10⁻³) into one ^{...}.
    auto superscript = [](std::uint32_t c) -> char {
      switch (c) {
        case 0x00B2: return '2';
        case 0x00B3: return '3';
        case 0x00B9: return '1';
        case 0x2070: return '0';
        case 0x207B: return '-';
        default: return (c >= 0x2074 && c <= 0x2079) ? static_cast<char>('4' + (c - 0x2074)) : '\0';
      }
    };
    if (char d = superscript(cp); d != '\0') {
      std::string digits(1, d);
      i += len;
      while (i < s.size()) {
        std::size_t l2 = 1;
        const char d2 = superscript(decode_utf8(s, i, l2));
        if (d2 == '\0') break;
        digits.push_back(d2);
        i += l2;
      }
      out += "^{";
      out += digits;
      out += "}";
      continue;
    }
    if (const auto* spelled = find_spelling(cp)) {
      out += *spelled;
    } else {
      out.append(s.substr(i, len));
    }
    i += len;
  }
  return out;
}

}  // namespace detail
}  // namespace math
TRANSFERSCORE_END_NAMESPACE
