#pragma once
// Language identification that reproduces langdetect 1.0.9's detect() with
// DetectorFactory.seed = 0, which is how IFEval's expected results were produced:
// the same text clean-up (langdetect_clean.hpp), the same 1-3-gram extraction, the same
// 7 randomised naive-Bayes trials driven by CPython's Mersenne Twister (python_random.hpp),
// and the same 55 profiles (langdetect_profiles.hpp, generated from Debian's
// python3-langdetect; Apache-2.0, see THIRD_PARTY.md).
//
// Every floating-point operation of a trial is the original's, in the original's order
// per language (the answer depends on when a trial converges, which decides how many
// random draws it takes from the shared generator): only the layout is ours.

#include <transferscore/config.hpp>
#include <transferscore/scorers/instructions/langdetect_clean.hpp>
#include <transferscore/scorers/instructions/langdetect_kernels.hpp>
#include <transferscore/scorers/instructions/langdetect_profiles.hpp>
#include <transferscore/scorers/instructions/python_random.hpp>
#include <transferscore/compat/python_str.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// On x86-64 built without AVX (the default), GCC and Clang also compile the trials for AVX
// and pick them when the processor has it.
#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__) && !defined(__AVX__)
#define TRANSFERSCORE_LANGDETECT_AVX_DISPATCH 1
#else
#define TRANSFERSCORE_LANGDETECT_AVX_DISPATCH 0
#endif

TRANSFERSCORE_BEGIN_NAMESPACE
namespace instructions {

/// langdetect's profiles, decoded once, and the detector.
class language_detector {
 public:
  static constexpr std::size_t language_count = langdetect_data::language_count;
  using probabilities_t = std::array<double, language_count>;

  language_detector() : seeded_(0) {
#if TRANSFERSCORE_LANGDETECT_AVX_DISPATCH
    __builtin_cpu_init();  // in case a detector is built before the run-time's own constructors ran
    avx_ = __builtin_cpu_supports("avx") != 0;
#endif
    load();
  }

  /// langdetect.detect(text): the language code, "unknown" when no language passes the
  /// 0.1 threshold, or nullopt where langdetect raises LangDetectException ("No features
  /// in text": nothing but digits, punctuation, symbols...).
  [[nodiscard]] std::optional<std::string_view> detect(std::u32string_view text) const {
    // The trials stop once the answer is certain: the probabilities are then partial,
    // but their first language above 0.1 is the one the seven trials would give.
    const auto langprob = langprob_of(text, trial_stop::when_decided);
    if (!langprob) return std::nullopt;
    const std::size_t best = best_language(*langprob);
    if (best == language_count) return std::string_view("unknown");
    return std::string_view(langdetect_data::languages[best]);
  }

  /// Detector.langprob after _detect_block(), in profile order (langdetect_data::languages);
  /// nullopt where langdetect raises.
  [[nodiscard]] std::optional<probabilities_t> probabilities(std::u32string_view text) const {
    return langprob_of(text, trial_stop::never);
  }

 private:
  static constexpr std::size_t lanes = langdetect_kernels::lanes;
  static_assert(langdetect_kernels::languages == language_count);
  static constexpr int trial_count = 7, iteration_limit = 1000;

  enum class trial_stop : unsigned char { never, when_decided };

  // The profile n-grams of a text, in order (see extract), as ids (see resolve): storage
  // that is written before it is read, so it is never zero-filled.
  struct gram_list {
    std::unique_ptr<std::uint32_t[]> data;
    std::size_t size = 0;
    [[nodiscard]] std::uint32_t operator[](std::size_t i) const noexcept { return data[i]; }
  };

  [[nodiscard]] std::optional<probabilities_t> langprob_of(std::u32string_view text, trial_stop stop) const {
    std::u32string storage;
    const langdetect_text::cleaned_text cleaned = langdetect_text::clean(text, storage);
    gram_list grams;
    extract(cleaned, grams);
    if (grams.size == 0) return std::nullopt;
    return run_trials(grams, stop);
  }

  /// detect()'s choice: the first language in profile order with the highest probability
  /// above 0.1 (langdetect sorts the languages above 0.1 stably), or language_count.
  [[nodiscard]] static std::size_t best_language(const probabilities_t& langprob) noexcept {
    std::size_t best = language_count;
    for (std::size_t l = 0; l < language_count; ++l) {
      if (langprob[l] > 0.1 && (best == language_count || langprob[l] > langprob[best])) best = l;
    }
    return best;
  }

  /// Whether detect()'s answer is certain after `done` of the seven trials. A trial adds
  /// prob / 7 to each language, with prob in [0, 1] (normalised by a sum that includes
  /// it), so the remaining trials add at most (7 - done) / 7 to any one language: a
  /// language above 0.1 that leads every other by more than that (and a margin far above
  /// the rounding of the sums) stays first. Four trials that agree are usually enough.
  [[nodiscard]] static bool decided(const probabilities_t& langprob, int done) noexcept {
    const std::size_t best = best_language(langprob);
    if (best == language_count) return false;
    const double rest = static_cast<double>(trial_count - done) / trial_count + 1e-9;
    for (std::size_t l = 0; l < language_count; ++l) {
      if (l != best && !(langprob[best] > langprob[l] + rest)) return false;
    }
    return true;
  }

  // The drawn n-grams' probabilities as dense rows of `lanes` doubles (0 for a language
  // the n-gram lacks), built the first time an n-gram is drawn. The original multiplies
  // every language by weight + p, with p = 0.0 for the languages missing from the n-gram;
  // a dense row lets that be one vector loop with no scatter.
  class dense_rows {
   public:
    explicit dense_rows(const language_detector& d) : detector_(d) {
      slots_.assign(std::size_t{1} << bits_, 0);
      rows_.reserve(128 * lanes);  // room for most texts' rows: growing copies them all
    }
    /// The row index of n-gram `g` (built on first use). Indices stay valid as rows are
    /// added; pointers do not, hence `data()` after a block's rows exist.
    [[nodiscard]] std::uint32_t index(std::uint32_t g) {
      std::size_t s = slot_of(g);
      if (slots_[s] != 0) return static_cast<std::uint32_t>(slots_[s]);
      const std::uint32_t row = used_++;
      if (2 * std::size_t{used_} > slots_.size()) {  // keep the table at most half full
        grow();
        s = slot_of(g);
      }
      slots_[s] = (std::uint64_t{g} + 1) << 32 | row;
      // Rows are zeroed 32 at a time: one large fill costs less than many small ones.
      if (std::size_t{used_} * lanes > rows_.size()) rows_.resize(rows_.size() + 32 * lanes, 0.0);
      double* out = rows_.data() + std::size_t{row} * lanes;
      const std::uint32_t entries = detector_.resolve(g);
      const std::uint32_t first = entries >> count_bits, last = first + (entries & count_mask);
      for (std::uint32_t e = first; e < last; ++e) out[detector_.entry_lang_[e]] = detector_.entry_prob_[e];
      return row;
    }
    /// The row index of n-gram `g`, or `absent` when it has none yet.
    [[nodiscard]] std::uint32_t find(std::uint32_t g) const noexcept {
      const std::uint64_t entry = slots_[slot_of(g)];
      return entry != 0 ? static_cast<std::uint32_t>(entry) : absent;
    }
    static constexpr std::uint32_t absent = 0xFFFFFFFFu;
    [[nodiscard]] const double* data(std::uint32_t row) const noexcept { return rows_.data() + std::size_t{row} * lanes; }

   private:
    // Where `g` is, or the empty slot where it goes.
    [[nodiscard]] std::size_t slot_of(std::uint32_t g) const noexcept {
      const std::size_t mask = slots_.size() - 1;
      std::size_t s = (g * 0x9E3779B1u) >> (32 - bits_);
      while (slots_[s] != 0 && (slots_[s] >> 32) != std::uint64_t{g} + 1) s = (s + 1) & mask;
      return s;
    }
    void grow() {
      std::vector<std::uint64_t> old(std::size_t{1} << ++bits_, 0);
      old.swap(slots_);
      for (const std::uint64_t entry : old) {
        if (entry != 0) slots_[slot_of(static_cast<std::uint32_t>((entry >> 32) - 1))] = entry;
      }
    }

    const language_detector& detector_;
    int bits_ = 8;                      // a text's trials draw a few hundred distinct n-grams at most, mostly
    std::vector<std::uint64_t> slots_;  // (gram + 1) << 32 | row; 0 = empty
    std::vector<double> rows_;  // zero-filled ahead of use: rows [used_, size / lanes) are all 0
    std::uint32_t used_ = 0;
  };

  // Makes a trial's draws `distance` draws ahead of it, so that building the row of a new
  // n-gram does not wait for memory: a copy of the generator makes the draws early and
  // prefetches the profile entries of each n-gram that has no row yet. The trial takes
  // the draws from the scout, with the row index when the scout found one (rows are never
  // removed nor renumbered), and moves its own generator past the same outputs without
  // drawing them again. Draws the scout makes beyond the trial's last are never taken, and
  // the trial's generator never sees them (as in the original).
  class draw_scout {
   public:
    static constexpr std::uint32_t distance = 16;  // about three blocks: the latency of memory, with room
    static_assert((distance & (distance - 1)) == 0, "a ring indexed with a mask");
    struct draw {
      std::uint32_t gram;
      std::uint32_t row;      // dense_rows::absent when the n-gram had no row when drawn
      std::uint32_t outputs;  // the generator outputs the draw used
    };
    draw_scout(const language_detector& d, const python_random& rng, const gram_list& grams, int bits, const dense_rows& rows)
        : detector_(d), rng_(rng), grams_(grams), bits_(bits), rows_(rows) {
      for (auto& slot : ring_) slot = look();
    }
    /// The trial's next draw; the one `distance` draws after it is made in its place.
    [[nodiscard]] draw next() noexcept {
      const draw d = ring_[head_];
      ring_[head_] = look();
      head_ = (head_ + 1) & (distance - 1);
      return d;
    }

   private:
    [[nodiscard]] draw look() noexcept {
      draw d;
      d.gram = grams_[rng_.below(grams_.size, bits_, d.outputs)];
      d.row = rows_.find(d.gram);
      if (d.row == dense_rows::absent) detector_.prefetch_entries(detector_.resolve(d.gram));
      return d;
    }

    const language_detector& detector_;
    python_random rng_;
    const gram_list& grams_;
    int bits_;
    const dense_rows& rows_;
    std::array<draw, distance> ring_;
    std::uint32_t head_ = 0;
  };

  void prefetch_entries([[maybe_unused]] std::uint32_t g) const noexcept {
#if defined(__GNUC__) || defined(__clang__)
    const std::uint32_t first = g >> count_bits, n = g & count_mask;
    __builtin_prefetch(entry_lang_.data() + first);
    for (std::uint32_t e = 0; e < n; e += 8) __builtin_prefetch(entry_prob_.data() + first + e);
#endif
  }

  // Detector._detect_block after the n-grams are known: 7 trials of up to 1 001 updates,
  // normalised and checked after the first update and then after every fifth; with
  // trial_stop::when_decided, no more trials once detect()'s answer is certain. V is the
  // vector of doubles the languages are computed in (langdetect_kernels.hpp).
  template <class V>
  [[nodiscard]] TRANSFERSCORE_LANGDETECT_KERNEL probabilities_t trials(const gram_list& grams, trial_stop stop) const {
    const int bits = python_random::bit_length(grams.size);
    dense_rows rows(*this);
    python_random rng = seeded_;  // random.seed(0), made once
    probabilities_t langprob{};
    for (int trial = 0; trial < trial_count; ++trial) {
      alignas(64) std::array<double, lanes> prob;
      prob.fill(1.0 / static_cast<double>(language_count));
      prob[lanes - 1] = 0.0;
      const double alpha = 0.5 + separate_product(rng.gauss(), 0.05);
      const double weight = alpha / 10000;
      draw_scout scout(*this, rng, grams, bits, rows);
      auto draw = [&] {
        const draw_scout::draw d = scout.next();
        rng.discard(d.outputs);  // the state rng.below(grams.size, bits) would leave
        return d.row != dense_rows::absent ? d.row : rows.index(d.gram);
      };
      const double* const first[1] = {rows.data(draw())};
      langdetect_kernels::update<V, 1>(prob.data(), first, weight);
      // The check runs only every fifth iteration, so a block's five draws are certain
      // to happen and are made (in the original's order) before their updates.
      for (int i = 0;; i += 5) {
        if (langdetect_kernels::normalize_converged<V>(prob.data()) || i >= iteration_limit) break;
        std::uint32_t index[5];
        for (auto& x : index) x = draw();
        const double* const block[5] = {rows.data(index[0]), rows.data(index[1]), rows.data(index[2]),
                                        rows.data(index[3]), rows.data(index[4])};
        langdetect_kernels::update<V, 5>(prob.data(), block, weight);
      }
      for (std::size_t l = 0; l < language_count; ++l) langprob[l] += prob[l] / trial_count;
      if (stop == trial_stop::when_decided && decided(langprob, trial + 1)) break;
    }
    return langprob;
  }

#if TRANSFERSCORE_LANGDETECT_AVX_DISPATCH
  // The same trials compiled for AVX (four languages per instruction), chosen at run time.
  // AVX brings no FMA, so nothing is contracted: the results are the same bits.
  [[nodiscard]] __attribute__((target("avx"))) probabilities_t trials_avx(const gram_list& grams, trial_stop stop) const {
    return trials<langdetect_kernels::quad_vector>(grams, stop);
  }
#endif

  [[nodiscard]] probabilities_t run_trials(const gram_list& grams, trial_stop stop) const {
#if TRANSFERSCORE_LANGDETECT_AVX_DISPATCH
    if (avx_) return trials_avx(grams, stop);
#endif
    return trials<langdetect_kernels::native_vector>(grams, stop);
  }

  // alpha + gauss * ALPHA_WIDTH must round the product before the sum (no FMA), as CPython does.
  [[nodiscard]] static double separate_product(double a, double b) {
    volatile double product = a * b;
    return product;
  }

  // An n-gram of the profiles is referred to by where its entries (language, probability)
  // start and how many there are, packed in 32 bits: no table stands between finding an
  // n-gram in the text and reading its probabilities.
  static constexpr int count_bits = 6;
  static constexpr std::uint32_t count_mask = (1u << count_bits) - 1;
  static_assert(langdetect_data::language_count <= count_mask);
  static_assert(langdetect_data::gram_count * langdetect_data::language_count < (std::size_t{1} << (31 - count_bits)));
  static constexpr std::uint32_t no_gram = 0xFFFFFFFFu;

  // The extraction refers to an ASCII 3-gram by its index in triples_ (marked by this
  // bit) and learns only from a bitset that it exists: the table is too large for the
  // cache, and the trials read it only for the few hundred n-grams they draw.
  static constexpr std::uint32_t triple_mark = 0x80000000u;
  [[nodiscard]] bool has_triple(std::size_t index) const noexcept {
    return ((triple_bits_[index >> 6] >> (index & 63)) & 1) != 0;
  }
  /// The n-gram an extracted id stands for (packed entries, see count_bits).
  [[nodiscard]] std::uint32_t resolve(std::uint32_t id) const noexcept {
    return (id & triple_mark) != 0 ? triples_[id & ~triple_mark] : id;
  }

  // N-grams made of ASCII letters and spaces (most of them) are found in direct tables
  // indexed by their characters' codes: 0 for the space, 1-52 for the letters; `none` fills
  // the window before its first character (an n-gram with it does not exist) and `other`
  // stands for any other character (its n-grams are in the hash table).
  static constexpr std::uint8_t none = 53, other = 54;
  static constexpr std::size_t codes = 55;
  [[nodiscard]] static std::uint8_t code_of(char32_t c) noexcept {
    if (c == U' ') return 0;
    if (c >= 'A' && c <= 'Z') return static_cast<std::uint8_t>(1 + (c - 'A'));
    if (c >= 'a' && c <= 'z') return static_cast<std::uint8_t>(27 + (c - 'a'));
    return other;
  }

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
  /// The n-gram of the `n` characters `g` (in the hash table, or a single character).
  [[nodiscard]] std::uint32_t find(const char32_t* g, std::size_t n) const noexcept { return find(key_of(g, n)); }

  void load() {
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
    for (std::size_t part = 0; part < langdetect_data::blob_part_count; ++part) {
      for (const char* p = langdetect_data::blob_base64[part]; *p != 0; ++p) {
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
    slots_.assign(std::size_t{1} << 17, slot{});
    unigram_.assign(std::size_t{1} << 16, no_gram);
    pairs_.assign(codes * codes, no_gram);
    triples_.assign(codes * codes * codes, no_gram);
    std::string key;
    std::u32string cps;
    std::size_t p = 0;
    while (p < blob.size()) {
      const std::size_t shared = blob[p++];
      const std::size_t suffix = blob[p++];
      key.resize(shared);
      key.append(reinterpret_cast<const char*>(blob.data() + p), suffix);
      p += suffix;
      compat::py::decode_utf8(key, cps);
      const std::size_t entries = blob[p++];
      const auto first = static_cast<std::uint32_t>(entry_lang_.size());
      for (std::size_t e = 0; e < entries; ++e) {
        const std::uint8_t lang = blob[p++];
        std::uint64_t count = 0;
        for (int shift = 0;; shift += 7) {
          const unsigned char b = blob[p++];
          count |= static_cast<std::uint64_t>(b & 0x7F) << shift;
          if ((b & 0x80) == 0) break;
        }
        entry_lang_.push_back(lang);
        entry_prob_.push_back(1.0 * static_cast<double>(count) /
                              static_cast<double>(langdetect_data::n_words[lang][cps.size() - 1]));
      }
      const std::uint32_t g = first << count_bits | static_cast<std::uint32_t>(entries);
      const std::uint64_t k = key_of(cps.data(), cps.size());
      if (k < unigram_.size()) {
        if (k != U' ') unigram_[k] = g;  // a single BMP character: direct index (never " ", skipped)
        continue;
      }
      std::uint8_t c[3] = {other, other, other};
      for (std::size_t i = 0; i < cps.size() && i < 3; ++i) c[i] = code_of(cps[i]);
      if (cps.size() == 2 && c[0] != other && c[1] != other) {
        pairs_[c[0] * codes + c[1]] = g;
        continue;
      }
      if (cps.size() == 3 && c[0] != other && c[1] != other && c[2] != other) {
        triples_[(c[0] * codes + c[1]) * codes + c[2]] = g;
        continue;
      }
      const std::size_t mask = slots_.size() - 1;
      std::size_t s = slot_of(k, mask);
      while (slots_[s].key != 0) s = (s + 1) & mask;
      slots_[s] = slot{k, g};
    }
    triple_bits_.assign((triples_.size() + 63) / 64, 0);
    for (std::size_t i = 0; i < triples_.size(); ++i) {
      if (triples_[i] != no_gram) triple_bits_[i >> 6] |= std::uint64_t{1} << (i & 63);
    }
  }

  // Detector._extract_ngrams with NGram.add_char: the profile n-grams of the text, in order.
  // The window always holds three characters (`none` before the first): after a space it
  // restarts as (none, " ", ch), or stays (none, none, " ") for a second space; otherwise
  // it shifts. Written without branches on the text: spaces and capitals are data, and so
  // is whether an n-gram is in the profiles (each candidate is written and kept or
  // overwritten).
  void extract(const langdetect_text::cleaned_text& text, gram_list& out) const {
    out.data = std::make_unique_for_overwrite<std::uint32_t[]>(3 * text.text.size());  // at most three per character
    std::uint32_t* w = out.data.get();
    char32_t w0 = 0, w1 = 0, w2 = U' ';  // 0: no character (`none`)
    std::uint8_t k0 = none, k1 = none, k2 = 0;
    bool last_upper = false, capitalword = false;
    for (const char32_t raw : text.text) {
      if (text.drop_latin && raw >= 'A' && raw <= 'z') continue;
      char32_t ch;
      std::uint8_t k;
      bool upper;
      if (raw < 0x80) {
        const bool letter = (raw >= 'A' && raw <= 'Z') || (raw >= 'a' && raw <= 'z');
        ch = letter ? raw : U' ';
        k = code_of(ch);
        upper = raw >= 'A' && raw <= 'Z';
      } else {
        ch = langdetect_text::normalize(raw);
        k = code_of(ch);
        upper = compat::py::is_upper(ch);
      }
      const bool at_space = k2 == 0;
      const bool second_space = at_space && k == 0;
      w0 = at_space ? 0 : w1;
      k0 = at_space ? none : k1;
      w1 = at_space ? (second_space ? 0 : U' ') : w2;
      k1 = at_space ? (second_space ? none : 0) : k2;
      w2 = ch;
      k2 = k;
      // NGram.capitalword: set by two capitals in a row, cleared by anything else.
      capitalword = upper && !at_space && (capitalword || last_upper);
      last_upper = upper;
      const std::uint32_t keep = capitalword ? 0 : 1;
      std::uint32_t g1, g2, g3;
      if (k0 != other && k1 != other && k2 != other) {  // the tables say no_gram for `none`
        g1 = unigram_[ch];
        g2 = pairs_[k1 * codes + k2];
        const std::uint32_t t = (k0 * codes + k1) * codes + k2;
        g3 = has_triple(t) ? triple_mark | t : no_gram;
      } else {
        const char32_t window[3] = {w0, w1, w2};
        g1 = ch < unigram_.size() ? unigram_[ch] : find(window + 2, 1);
        g2 = k1 == none                 ? no_gram
             : k1 == other || k2 == other ? find(window + 1, 2)
                                          : pairs_[k1 * codes + k2];
        const std::uint32_t t = (k0 * codes + k1) * codes + k2;
        g3 = k0 == none                               ? no_gram
             : k0 == other || k1 == other || k2 == other ? find(window, 3)
             : has_triple(t)                             ? triple_mark | t
                                                         : no_gram;
      }
      *w = g1;
      w += g1 != no_gram ? keep : 0;
      *w = g2;
      w += g2 != no_gram ? keep : 0;
      *w = g3;
      w += g3 != no_gram ? keep : 0;
    }
    out.size = static_cast<std::size_t>(w - out.data.get());
  }

  std::vector<slot> slots_;             // other 2- and 3-grams (and astral 1-grams), open addressing
  std::vector<std::uint32_t> unigram_;  // 1-grams of the BMP, indexed by code point
  std::vector<std::uint32_t> pairs_;    // 2-grams of the space and ASCII letters, indexed by codes
  std::vector<std::uint32_t> triples_;  // 3-grams of the space and ASCII letters, indexed by codes
  std::vector<std::uint64_t> triple_bits_;  // which entries of triples_ are n-grams
  std::vector<std::uint8_t> entry_lang_;
  std::vector<double> entry_prob_;
  python_random seeded_;  // random.seed(0): every detection starts from a copy
#if TRANSFERSCORE_LANGDETECT_AVX_DISPATCH
  bool avx_ = false;
#endif
};

}  // namespace instructions
TRANSFERSCORE_END_NAMESPACE
