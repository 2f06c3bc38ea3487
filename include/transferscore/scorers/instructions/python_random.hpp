#pragma once
// CPython's random.Random, as far as langdetect uses it: MT19937 seeded by init_by_array,
// random(), choice()'s _randbelow (getrandbits with rejection) and gauss(). Reproduced
// exactly because the draws decide langdetect's answer.

#include <transferscore/config.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>

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
    return temper(mt_[index_++]);
  }
  /// The output `ahead` calls of genrand_uint32() from now, without making them; false
  /// when that needs the next twist of the state. For prefetching what future draws use.
  [[nodiscard]] bool peek_uint32(std::size_t ahead, std::uint32_t& out) const noexcept {
    if (index_ + ahead >= n) return false;
    out = temper(mt_[index_ + ahead]);
    return true;
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
  /// below(size, k), also saying how many outputs of genrand_uint32() it used (its
  /// rejections): discard() can then bring a copy of the generator to the same state.
  [[nodiscard]] std::size_t below(std::size_t size, int k, std::uint32_t& outputs) {
    for (outputs = 1;; ++outputs) {
      const std::size_t r = genrand_uint32() >> (32 - k);
      if (r < size) return r;
    }
  }
  /// Skips `count` outputs of genrand_uint32(): the state they would leave, without
  /// tempering them.
  void discard(std::uint32_t count) noexcept {
    for (; count > 0; --count) {
      if (index_ >= n) twist();
      ++index_;
    }
  }
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
  [[nodiscard]] static std::uint32_t temper(std::uint32_t y) noexcept {
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
  }
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

}  // namespace instructions
TRANSFERSCORE_END_NAMESPACE
