#pragma once
// langdetect 1.0.9's text preparation: Detector.append and cleaning_text (URL and e-mail
// removal, Vietnamese normalisation, the 10 000-character limit, Latin removal when another
// script dominates) and NGram.normalize for one character.

#include <transferscore/config.hpp>
#include <transferscore/scorers/instructions/langdetect_profiles.hpp>

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace instructions::langdetect_text {

[[nodiscard]] inline bool in_block(char32_t c, langdetect_data::block_range b) noexcept { return c >= b.first && c <= b.last; }

[[nodiscard]] inline char32_t normalize(char32_t ch) noexcept {
  if (ch <= 0x7F) {
    return (ch < 'A' || (ch > 'Z' && ch < 'a') || ch > 'z') ? U' ' : ch;
  }
  if (in_block(ch, langdetect_data::latin_1_supplement)) {
    for (const char32_t* e = langdetect_data::latin1_excluded; *e != 0; ++e) {
      if (*e == ch) return U' ';
    }
    return ch;
  }
  if (in_block(ch, langdetect_data::latin_extended_b)) {
    if (ch == 0x219) return 0x15F;
    if (ch == 0x21B) return 0x163;
    return ch;
  }
  if (in_block(ch, langdetect_data::general_punctuation)) return U' ';
  if (in_block(ch, langdetect_data::arabic)) return ch == 0x6CC ? 0x64A : ch;
  if (in_block(ch, langdetect_data::latin_extended_additional)) return ch >= 0x1EA0 ? 0x1EC3 : ch;
  if (in_block(ch, langdetect_data::hiragana)) return 0x3042;
  if (in_block(ch, langdetect_data::katakana)) return 0x30A2;
  if (in_block(ch, langdetect_data::bopomofo) || in_block(ch, langdetect_data::bopomofo_extended)) return 0x3105;
  if (in_block(ch, langdetect_data::cjk_unified_ideographs)) {
    const auto* it = std::lower_bound(std::begin(langdetect_data::cjk_map), std::end(langdetect_data::cjk_map), ch,
                                      [](const langdetect_data::cjk_pair& p, char32_t v) { return p.from < v; });
    return (it != std::end(langdetect_data::cjk_map) && it->from == ch) ? it->to : ch;
  }
  if (in_block(ch, langdetect_data::hangul_syllables)) return 0xAC00;
  return ch;
}

[[nodiscard]] inline bool url_char(char32_t c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' ||
         c == '.' || c == '?' || c == '&' || c == '~' || c == ';' || c == '+' || c == '=' || c == '/' || c == '#';
}
[[nodiscard]] inline bool mail_char(char32_t c) noexcept {  // [-_.0-9A-Za-z]
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' || c == '.';
}

// Detector.URL_RE.sub(' ', text): https?://[-_.?&~;+=/#0-9A-Za-z]{1,2076}
[[nodiscard]] inline std::u32string remove_urls(std::u32string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == 'h' && s.substr(i, 4) == U"http") {
      std::size_t j = i + 4;
      if (j < s.size() && s[j] == 's') ++j;
      if (s.substr(j, 3) == U"://") {
        std::size_t k = j + 3, taken = 0;
        while (k < s.size() && taken < 2076 && url_char(s[k])) {
          ++k;
          ++taken;
        }
        if (taken >= 1) {
          out.push_back(U' ');
          i = k;
          continue;
        }
      }
    }
    out.push_back(s[i++]);
  }
  return out;
}

// Detector.MAIL_RE.sub(' ', text):
// [-_.0-9A-Za-z]{1,64}@[-_0-9A-Za-z]{1,255}[-_.0-9A-Za-z]{1,255}
[[nodiscard]] inline std::u32string remove_mails(std::u32string_view s) {
  auto domain_end = [&s](std::size_t at) -> std::size_t {  // 0 when the domain part fails
    auto plain = [](char32_t c) { return c != '.' && mail_char(c); };
    std::size_t r1 = 0;
    while (at + 1 + r1 < s.size() && r1 < 255 && plain(s[at + 1 + r1])) ++r1;
    for (std::size_t k1 = r1; k1 >= 1; --k1) {
      std::size_t k2 = 0;
      while (at + 1 + k1 + k2 < s.size() && k2 < 255 && mail_char(s[at + 1 + k1 + k2])) ++k2;
      if (k2 >= 1) return at + 1 + k1 + k2;
    }
    return 0;
  };
  std::u32string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    // The leftmost start p: a run of at most 64 mail characters ending right before '@'.
    if (mail_char(s[i])) {
      std::size_t run_end = i;
      while (run_end < s.size() && mail_char(s[run_end])) ++run_end;
      if (run_end < s.size() && s[run_end] == '@') {
        const std::size_t start = std::max(i, run_end > 64 ? run_end - 64 : 0);
        if (const std::size_t end = domain_end(run_end)) {
          out.append(s.substr(i, start - i));
          out.push_back(U' ');
          i = end;
          continue;
        }
      }
      out.append(s.substr(i, run_end - i));
      i = run_end;
      continue;
    }
    out.push_back(s[i++]);
  }
  return out;
}

// NGram.normalize_vi: a base letter followed by a combining mark becomes one letter.
[[nodiscard]] inline std::u32string normalize_vi(std::u32string_view s) {
  std::u32string out;
  out.reserve(s.size());
  const std::u32string_view alphabet(langdetect_data::to_normalize_vi), marks(langdetect_data::dmark_class);
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i + 1 < s.size() && s[i + 1] >= 0x300 && s[i + 1] <= 0x323) {
      const auto a = alphabet.find(s[i]);
      const auto d = marks.find(s[i + 1]);
      if (a != std::u32string_view::npos && d != std::u32string_view::npos) {
        out.push_back(langdetect_data::normalized_vi[d][a]);
        ++i;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

/// What Detector.append and cleaning_text leave of a text, as the n-gram extraction needs it.
struct cleaned_text {
  std::u32string_view text;  ///< into the given text, or into `storage` when a substitution changed it
  bool drop_latin = false;   ///< skip the characters 'A'..'z' (cleaning_text removes them)
};

/// Detector.append + cleaning_text: URL and e-mail removal, Vietnamese normalisation, the
/// first 10 000 characters, and whether Latin letters are removed. append also collapses
/// runs of spaces; that is left out because the n-gram extraction treats a run of spaces
/// as one space (NGram.add_char ignores a space after a space).
[[nodiscard]] inline cleaned_text clean(std::u32string_view text, std::u32string& storage) {
  cleaned_text out{text};
  bool has_url = false, has_at = false, has_mark = false;
  for (char32_t c : text) {
    has_url |= c == ':';
    has_at |= c == '@';
    has_mark |= c >= 0x300 && c <= 0x323;
  }
  if (has_url) out.text = storage = remove_urls(out.text);
  if (has_at) out.text = storage = remove_mails(out.text);
  if (has_mark) out.text = storage = normalize_vi(out.text);
  out.text = out.text.substr(0, 10000);
  // langdetect means to leave Latin Extended Additional out of the non-Latin count, but
  // compares unicode_block()'s block number with a block name, which never matches: every
  // character from U+0300 on counts. Spaces count for neither, so collapsing them first
  // changes nothing.
  std::size_t latin = 0, non_latin = 0;
  for (char32_t ch : out.text) {
    latin += ch >= 'A' && ch <= 'z' ? 1 : 0;
    non_latin += ch >= 0x300 ? 1 : 0;
  }
  out.drop_latin = latin * 2 < non_latin;
  return out;
}

}  // namespace instructions::langdetect_text
TRANSFERSCORE_END_NAMESPACE
