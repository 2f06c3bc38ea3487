#pragma once
// Language identification that reproduces langdetect 1.0.9's detect() with
// DetectorFactory.seed = 0, which is how IFEval's expected results were produced:
// the same text clean-up (URLs, e-mail addresses, Vietnamese diacritics, Latin removal
// when another script dominates), the same character normalisation and 1-3-gram
// extraction, the same 7 randomised naive-Bayes trials driven by CPython's Mersenne
// Twister (seed(0), choice, gauss), and the same 55 profiles (langdetect_profiles.hpp,
// generated from Debian's python3-langdetect; Apache-2.0, see THIRD_PARTY.md).

#include <transferscore/config.hpp>
#include <transferscore/scorers/instructions/langdetect_profiles.hpp>
#include <transferscore/scorers/instructions/text.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace instructions {

/// CPython's random.Random: MT19937 with init_by_array seeding, random(), choice's
/// _randbelow and gauss() (with its cached second value).
class python_random {
 public:
  explicit python_random(std::uint32_t seed) { seed_int(seed); }

  void seed_int(std::uint32_t value) {
    init_genrand(19650218u);
    const std::uint32_t key[1] = {value};
    std::size_t i = 1, j = 0;
    for (std::size_t k = n; k > 0; --k) {  // key length 1 < n
      mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1664525u)) + key[j] + static_cast<std::uint32_t>(j);
      ++i;
      j = 0;
      if (i >= n) {
        mt_[0] = mt_[n - 1];
        i = 1;
      }
    }
    for (std::size_t k = n - 1; k > 0; --k) {
      mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1566083941u)) - static_cast<std::uint32_t>(i);
      ++i;
      if (i >= n) {
        mt_[0] = mt_[n - 1];
        i = 1;
      }
    }
    mt_[0] = 0x80000000u;
    has_gauss_next_ = false;
  }

  [[nodiscard]] std::uint32_t genrand_uint32() {
    if (index_ >= n) twist();
    std::uint32_t y = mt_[index_++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
  }
  [[nodiscard]] double random() {
    const std::uint32_t a = genrand_uint32() >> 5, b = genrand_uint32() >> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
  }
  /// size.bit_length(), for below().
  [[nodiscard]] static int bit_length(std::size_t size) noexcept {
    int k = 0;
    for (std::size_t v = size; v != 0; v >>= 1) ++k;
    return k;
  }
  /// random.choice(range(size)): _randbelow via getrandbits(k), k = size.bit_length().
  [[nodiscard]] std::size_t below(std::size_t size, int k) {
    for (;;) {
      const std::size_t r = genrand_uint32() >> (32 - k);
      if (r < size) return r;
    }
  }
  [[nodiscard]] std::size_t below(std::size_t size) { return below(size, bit_length(size)); }
  [[nodiscard]] double gauss() {
    if (has_gauss_next_) {
      has_gauss_next_ = false;
      return gauss_next_;
    }
    const double x2pi = random() * (2.0 * 3.14159265358979323846);
    const double g2rad = std::sqrt(-2.0 * std::log(1.0 - random()));
    gauss_next_ = std::sin(x2pi) * g2rad;
    has_gauss_next_ = true;
    return std::cos(x2pi) * g2rad;
  }

 private:
  static constexpr std::size_t n = 624, m = 397;
  void init_genrand(std::uint32_t s) {
    mt_[0] = s;
    for (std::size_t i = 1; i < n; ++i) {
      mt_[i] = 1812433253u * (mt_[i - 1] ^ (mt_[i - 1] >> 30)) + static_cast<std::uint32_t>(i);
    }
    index_ = n;
  }
  void twist() {
    static constexpr std::uint32_t mag01[2] = {0u, 0x9908b0dfu};
    std::size_t kk = 0;
    for (; kk < n - m; ++kk) {
      const std::uint32_t y = (mt_[kk] & 0x80000000u) | (mt_[kk + 1] & 0x7fffffffu);
      mt_[kk] = mt_[kk + m] ^ (y >> 1) ^ mag01[y & 1u];
    }
    for (; kk < n - 1; ++kk) {
      const std::uint32_t y = (mt_[kk] & 0x80000000u) | (mt_[kk + 1] & 0x7fffffffu);
      mt_[kk] = mt_[kk + m - n] ^ (y >> 1) ^ mag01[y & 1u];
    }
    const std::uint32_t y = (mt_[n - 1] & 0x80000000u) | (mt_[0] & 0x7fffffffu);
    mt_[n - 1] = mt_[m - 1] ^ (y >> 1) ^ mag01[y & 1u];
    index_ = 0;
  }
  std::array<std::uint32_t, n> mt_{};
  std::size_t index_ = n;
  double gauss_next_ = 0.0;
  bool has_gauss_next_ = false;
};

/// langdetect's profiles, decoded once, and the detector.
class language_detector {
 public:
  language_detector() { load(); }

  /// langdetect.detect(text): the language code, "unknown" when no language passes the
  /// 0.1 threshold, or nullopt where langdetect raises LangDetectException ("No features
  /// in text": nothing but digits, punctuation, symbols...).
  [[nodiscard]] std::optional<std::string_view> detect(std::u32string_view text) const {
    std::u32string cleaned = prepare(text);
    std::vector<std::uint32_t> grams;
    extract(cleaned, grams);
    if (grams.empty()) return std::nullopt;

    constexpr std::size_t langs = langdetect_data::language_count;
    std::array<double, langs> langprob{};
    python_random rng(0);
    const std::size_t count = grams.size();
    const int bits = python_random::bit_length(count);
    for (int trial = 0; trial < 7; ++trial) {
      std::array<double, langs> prob;
      prob.fill(1.0 / static_cast<double>(langs));
      const double alpha = 0.5 + separate_product(rng.gauss(), 0.05);
      const double weight = alpha / 10000;
      // prob[l] *= weight + p[l], where p[l] is 0 for the languages the n-gram lacks:
      // multiply all by weight, then redo the few listed ones from their saved values
      // (the same products, without storing a factor table the vector loop must reload).
      auto update = [&](std::uint32_t first, std::uint32_t last) {
        std::array<double, langs> saved;
        for (std::uint32_t e = first; e < last; ++e) saved[e - first] = prob[entry_lang_[e]];
        for (std::size_t l = 0; l < langs; ++l) prob[l] *= weight;
        for (std::uint32_t e = first; e < last; ++e) prob[entry_lang_[e]] = saved[e - first] * (weight + entry_prob_[e]);
      };
      auto normalize_converged = [&](std::size_t i) {
        double sum = 0.0;  // left to right, as Python's sum() of floats (3.11)
        for (double p : prob) sum += p;
        for (double& p : prob) p = p / sum;
        // The maximum of positive numbers does not depend on the order: four lanes.
        double m[4] = {0.0, 0.0, 0.0, 0.0};
        std::size_t l = 0;
        for (; l + 4 <= langs; l += 4) {
          for (std::size_t k = 0; k < 4; ++k) m[k] = m[k] < prob[l + k] ? prob[l + k] : m[k];
        }
        for (; l < langs; ++l) m[0] = m[0] < prob[l] ? prob[l] : m[0];
        const double maxp = std::max(std::max(m[0], m[1]), std::max(m[2], m[3]));
        return maxp > 0.99999 || i >= 1000;
      };
      // Iteration 0, then blocks of five: the check runs only every fifth iteration, so
      // a block's five draws are certain to happen and can be made (and their profile
      // entries fetched from memory) together, in the same order as the original.
      {
        const std::uint32_t g = grams[rng.below(count, bits)];
        update(gram_offset_[g], gram_offset_[g + 1]);
      }
      for (std::size_t i = 0; !normalize_converged(i); i += 5) {
        std::uint32_t first[5], last[5];
        for (int k = 0; k < 5; ++k) {
          const std::uint32_t g = grams[rng.below(count, bits)];
          first[k] = gram_offset_[g];
          last[k] = gram_offset_[g + 1];
#if defined(__GNUC__) || defined(__clang__)
          __builtin_prefetch(entry_lang_.data() + first[k]);
          __builtin_prefetch(entry_prob_.data() + first[k]);
#endif
        }
        for (int k = 0; k < 5; ++k) update(first[k], last[k]);
      }
      for (std::size_t l = 0; l < langs; ++l) langprob[l] += prob[l] / 7;
    }
    std::size_t best = langs;
    for (std::size_t l = 0; l < langs; ++l) {
      if (langprob[l] > 0.1 && (best == langs || langprob[l] > langprob[best])) best = l;
    }
    if (best == langs) return std::string_view("unknown");
    return std::string_view(langdetect_data::languages[best]);
  }

 private:
  // alpha + gauss * ALPHA_WIDTH must round the product before the sum (no FMA), as CPython does.
  [[nodiscard]] static double separate_product(double a, double b) {
    volatile double product = a * b;
    return product;
  }

  static constexpr std::uint32_t no_gram = 0xFFFFFFFFu;

  [[nodiscard]] static std::uint64_t key_of(const char32_t* g, std::size_t len) noexcept {
    std::uint64_t k = 0;
    for (std::size_t i = 0; i < len; ++i) k = (k << 21) | g[i];
    return k;
  }
  [[nodiscard]] static std::size_t slot_of(std::uint64_t key, std::size_t mask) noexcept {
    std::uint64_t h = key * 0x9E3779B97F4A7C15ull;  // every key bit must reach the low bits
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 32;
    return static_cast<std::size_t>(h) & mask;
  }
  struct slot {
    std::uint64_t key = 0;
    std::uint32_t value = no_gram;
  };
  [[nodiscard]] std::uint32_t find(std::uint64_t key) const noexcept {
    if (key < unigram_.size()) return unigram_[key];
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t s = slot_of(key, mask);; s = (s + 1) & mask) {
      if (slots_[s].key == key) return slots_[s].value;
      if (slots_[s].key == 0) return no_gram;
    }
  }

  void load() {
    using namespace langdetect_data;
    // base64 decode
    std::vector<unsigned char> blob;
    blob.reserve(std::size_t{1} << 20);
    std::uint32_t acc = 0;
    int bits = 0;
    auto sextet = [](char c) -> int {
      if (c >= 'A' && c <= 'Z') return c - 'A';
      if (c >= 'a' && c <= 'z') return c - 'a' + 26;
      if (c >= '0' && c <= '9') return c - '0' + 52;
      if (c == '+') return 62;
      if (c == '/') return 63;
      return -1;  // '=' padding
    };
    for (std::size_t part = 0; part < blob_part_count; ++part) {
      for (const char* p = blob_base64[part]; *p != 0; ++p) {
        const int v = sextet(*p);
        if (v < 0) continue;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
          bits -= 8;
          blob.push_back(static_cast<unsigned char>((acc >> bits) & 0xFF));
        }
      }
    }
    slots_.assign(std::size_t{1} << 18, slot{});
    unigram_.assign(std::size_t{1} << 16, no_gram);
    gram_offset_.reserve(gram_count + 1);
    std::string key;
    std::u32string cps;
    std::size_t p = 0;
    std::uint32_t index = 0;
    while (p < blob.size()) {
      const std::size_t shared = blob[p++];
      const std::size_t suffix = blob[p++];
      key.resize(shared);
      key.append(reinterpret_cast<const char*>(blob.data() + p), suffix);
      p += suffix;
      py::decode_utf8(key, cps);
      const std::size_t entries = blob[p++];
      gram_offset_.push_back(static_cast<std::uint32_t>(entry_lang_.size()));
      for (std::size_t e = 0; e < entries; ++e) {
        const std::uint8_t lang = blob[p++];
        std::uint64_t count = 0;
        for (int shift = 0;; shift += 7) {
          const unsigned char b = blob[p++];
          count |= static_cast<std::uint64_t>(b & 0x7F) << shift;
          if ((b & 0x80) == 0) break;
        }
        entry_lang_.push_back(lang);
        entry_prob_.push_back(1.0 * static_cast<double>(count) / static_cast<double>(n_words[lang][cps.size() - 1]));
      }
      const std::uint64_t k = key_of(cps.data(), cps.size());
      if (k < unigram_.size()) {
        unigram_[k] = index++;  // a single BMP character: direct index
        continue;
      }
      const std::size_t mask = slots_.size() - 1;
      std::size_t s = slot_of(k, mask);
      while (slots_[s].key != 0) s = (s + 1) & mask;
      slots_[s] = slot{k, index++};
    }
    gram_offset_.push_back(static_cast<std::uint32_t>(entry_lang_.size()));
  }

  [[nodiscard]] static bool in_block(char32_t c, langdetect_data::block_range b) noexcept { return c >= b.first && c <= b.last; }

  [[nodiscard]] static char32_t normalize(char32_t ch) noexcept {
    using namespace langdetect_data;
    if (ch <= 0x7F) {
      return (ch < 'A' || (ch > 'Z' && ch < 'a') || ch > 'z') ? U' ' : ch;
    }
    if (in_block(ch, latin_1_supplement)) {
      for (const char32_t* e = latin1_excluded; *e != 0; ++e) {
        if (*e == ch) return U' ';
      }
      return ch;
    }
    if (in_block(ch, latin_extended_b)) {
      if (ch == 0x219) return 0x15F;
      if (ch == 0x21B) return 0x163;
      return ch;
    }
    if (in_block(ch, general_punctuation)) return U' ';
    if (in_block(ch, arabic)) return ch == 0x6CC ? 0x64A : ch;
    if (in_block(ch, latin_extended_additional)) return ch >= 0x1EA0 ? 0x1EC3 : ch;
    if (in_block(ch, hiragana)) return 0x3042;
    if (in_block(ch, katakana)) return 0x30A2;
    if (in_block(ch, bopomofo) || in_block(ch, bopomofo_extended)) return 0x3105;
    if (in_block(ch, cjk_unified_ideographs)) {
      const auto* it = std::lower_bound(std::begin(cjk_map), std::end(cjk_map), ch,
                                        [](const cjk_pair& p, char32_t v) { return p.from < v; });
      return (it != std::end(cjk_map) && it->from == ch) ? it->to : ch;
    }
    if (in_block(ch, hangul_syllables)) return 0xAC00;
    return ch;
  }

  [[nodiscard]] static bool url_char(char32_t c) noexcept {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' ||
           c == '.' || c == '?' || c == '&' || c == '~' || c == ';' || c == '+' || c == '=' || c == '/' || c == '#';
  }
  [[nodiscard]] static bool mail_char(char32_t c) noexcept {  // [-_.0-9A-Za-z]
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' || c == '.';
  }

  // Detector.URL_RE.sub(' ', text): https?://[-_.?&~;+=/#0-9A-Za-z]{1,2076}
  [[nodiscard]] static std::u32string remove_urls(std::u32string_view s) {
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
  [[nodiscard]] static std::u32string remove_mails(std::u32string_view s) {
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
  [[nodiscard]] static std::u32string normalize_vi(std::u32string_view s) {
    using namespace langdetect_data;
    std::u32string out;
    out.reserve(s.size());
    const std::u32string_view alphabet(to_normalize_vi), marks(dmark_class);
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (i + 1 < s.size() && s[i + 1] >= 0x300 && s[i + 1] <= 0x323) {
        const auto a = alphabet.find(s[i]);
        const auto d = marks.find(s[i + 1]);
        if (a != std::u32string_view::npos && d != std::u32string_view::npos) {
          out.push_back(normalized_vi[d][a]);
          ++i;
          continue;
        }
      }
      out.push_back(s[i]);
    }
    return out;
  }

  // Detector.append + cleaning_text.
  [[nodiscard]] static std::u32string prepare(std::u32string_view text) {
    bool has_url = false, has_at = false, has_mark = false;
    for (char32_t c : text) {
      has_url = has_url || c == ':';
      has_at = has_at || c == '@';
      has_mark = has_mark || (c >= 0x300 && c <= 0x323);
    }
    std::u32string vi(text);
    if (has_url) vi = remove_urls(vi);
    if (has_at) vi = remove_mails(vi);
    if (has_mark) vi = normalize_vi(vi);
    std::u32string t;
    t.reserve(std::min<std::size_t>(vi.size(), 10000));
    char32_t pre = 0;
    for (std::size_t i = 0; i < std::min<std::size_t>(vi.size(), 10000); ++i) {
      const char32_t ch = vi[i];
      if (ch != U' ' || pre != U' ') t.push_back(ch);
      pre = ch;
    }
    std::size_t latin = 0, non_latin = 0;
    for (char32_t ch : t) {
      if (ch >= 'A' && ch <= 'z') {
        ++latin;
      } else if (ch >= 0x300 && !in_block(ch, langdetect_data::latin_extended_additional)) {
        ++non_latin;
      }
    }
    if (latin * 2 < non_latin) {
      std::u32string without;
      without.reserve(t.size());
      for (char32_t ch : t) {
        if (ch < 'A' || ch > 'z') without.push_back(ch);
      }
      t.swap(without);
    }
    return t;
  }

  // Detector._extract_ngrams with NGram.add_char: the profile n-grams of the text, in order.
  void extract(std::u32string_view text, std::vector<std::uint32_t>& out) const {
    char32_t grams[4] = {U' ', 0, 0, 0};
    std::size_t len = 1;
    bool capitalword = false;
    for (char32_t raw : text) {
      const char32_t ch = normalize(raw);
      const char32_t last_char = grams[len - 1];
      bool skip_append = false;
      if (last_char == U' ') {
        grams[0] = U' ';
        len = 1;
        capitalword = false;
        if (ch == U' ') skip_append = true;
      } else if (len >= 3) {
        grams[0] = grams[1];
        grams[1] = grams[2];
        len = 2;
      }
      if (!skip_append) {
        grams[len++] = ch;
        if (py::is_upper(ch)) {
          if (py::is_upper(last_char)) capitalword = true;
        } else {
          capitalword = false;
        }
      }
      if (capitalword) continue;
      for (std::size_t n = 1; n <= 3; ++n) {
        if (len < n) break;
        const char32_t* w = grams + (len - n);
        if (n == 1 && w[0] == U' ') continue;
        const std::uint32_t g = find(key_of(w, n));
        if (g != no_gram) out.push_back(g);
      }
    }
  }

  std::vector<slot> slots_;             // 2- and 3-grams (and astral 1-grams), open addressing
  std::vector<std::uint32_t> unigram_;  // 1-grams of the BMP, indexed by code point
  std::vector<std::uint32_t> gram_offset_;
  std::vector<std::uint8_t> entry_lang_;
  std::vector<double> entry_prob_;
};

}  // namespace instructions
TRANSFERSCORE_END_NAMESPACE
