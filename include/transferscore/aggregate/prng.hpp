#pragma once
// A small, fast, deterministic pseudo-random generator for the bootstrap: splitmix64 to
// expand seeds, xoshiro256** to draw. Both are defined by integer operations only, so a
// seed gives the same stream on every machine and compiler (std::mt19937 would too, but
// std::uniform_int_distribution does not: its algorithm is implementation-defined).

#include <transferscore/config.hpp>

#include <array>
#include <cstdint>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace aggregate {

/// Steele, Lea and Flood's splitmix64 (the reference constants of Vigna's splitmix64.c).
class splitmix64 {
 public:
  explicit constexpr splitmix64(std::uint64_t seed) noexcept : state_(seed) {}
  [[nodiscard]] constexpr std::uint64_t next() noexcept {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

 private:
  std::uint64_t state_;
};

/// Blackman and Vigna's xoshiro256** 1.0.
class xoshiro256 {
 public:
  /// Seeds the 256-bit state from splitmix64(seed), as the authors recommend.
  explicit constexpr xoshiro256(std::uint64_t seed) noexcept {
    splitmix64 sm(seed);
    for (auto& word : s_) word = sm.next();
  }

  /// An independent-looking stream per (seed, stream): replicate r of a bootstrap uses
  /// stream r, so its draws do not depend on how replicates are split across threads.
  [[nodiscard]] static constexpr xoshiro256 for_stream(std::uint64_t seed, std::uint64_t stream) noexcept {
    splitmix64 mix(stream ^ 0x6A09E667F3BCC909ull);
    return xoshiro256(seed ^ mix.next());
  }

  [[nodiscard]] constexpr std::uint64_t next() noexcept {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  /// Uniform in [0, bound) without modulo bias (Lemire's multiply-and-reject). bound > 0.
  [[nodiscard]] constexpr std::uint64_t below(std::uint64_t bound) noexcept {
    __extension__ using u128 = unsigned __int128;
    u128 m = static_cast<u128>(next()) * bound;
    auto low = static_cast<std::uint64_t>(m);
    if (low < bound) {
      const std::uint64_t threshold = (0 - bound) % bound;
      while (low < threshold) {
        m = static_cast<u128>(next()) * bound;
        low = static_cast<std::uint64_t>(m);
      }
    }
    return static_cast<std::uint64_t>(m >> 64);
  }

  /// Uniform in [0, 1) with 53 random bits.
  [[nodiscard]] constexpr double uniform() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  [[nodiscard]] static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept {
    return (x << k) | (x >> (64 - k));
  }
  std::array<std::uint64_t, 4> s_{};
};

}  // namespace aggregate
TRANSFERSCORE_END_NAMESPACE
