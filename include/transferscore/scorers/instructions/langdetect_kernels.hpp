#pragma once
// The arithmetic of langdetect's trials on all languages at once: _update_lang_prob and
// _normalize_prob. Each language's probability goes through exactly the original's
// operations in the original's order (IEEE double, no FMA); only independent languages
// are computed side by side, in vectors of V (double, or 2 or 4 doubles with GCC and
// Clang vector extensions).

#include <transferscore/config.hpp>

#include <cstddef>
#include <cstring>
#include <type_traits>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace instructions::langdetect_kernels {

/// The probabilities of a trial: 55 languages and one lane that stays 0, so that whole
/// vectors of 2, 4 or 8 doubles cover them with no remainder.
inline constexpr std::size_t languages = 55, lanes = 56;

#if defined(__GNUC__) || defined(__clang__)
// Kernels are inlined into each caller, so that a caller compiled for AVX gets them in AVX.
#define TRANSFERSCORE_LANGDETECT_KERNEL [[gnu::always_inline]] inline
typedef double pair_vector __attribute__((vector_size(16)));  // SSE2 on x86-64, NEON on ARM
typedef double quad_vector __attribute__((vector_size(32)));  // AVX; only where AVX is on
#if defined(__AVX__)
using native_vector = quad_vector;  // the build already allows AVX
#else
using native_vector = pair_vector;
#endif
#else
#define TRANSFERSCORE_LANGDETECT_KERNEL inline
using native_vector = double;  // no vector extensions: one language at a time
#endif

template <class V>
inline constexpr std::size_t width = sizeof(V) / sizeof(double);

/// _update_lang_prob for K consecutive draws: prob[l] *= weight + p[l], one draw after the
/// other, for each language (p = 0.0 where the n-gram lacks the language).
template <class V, int K>
TRANSFERSCORE_LANGDETECT_KERNEL void update(double* prob, const double* const (&rows)[K], double weight) noexcept {
  static_assert(lanes % width<V> == 0);
  for (std::size_t l = 0; l < lanes; l += width<V>) {
    V p, r;
    std::memcpy(&p, prob + l, sizeof p);  // vectors never cross a function boundary (ABI)
    for (int d = 0; d < K; ++d) {
      std::memcpy(&r, rows[d] + l, sizeof r);
      p *= weight + r;
    }
    std::memcpy(prob + l, &p, sizeof p);
  }
}

/// _normalize_prob, and whether its maximum passes CONV_THRESHOLD. The sum is Python's
/// sum() of floats: left to right. "max > threshold" is "some > threshold", which needs no
/// ordered reduction.
template <class V>
[[nodiscard]] TRANSFERSCORE_LANGDETECT_KERNEL bool normalize_converged(double* prob) noexcept {
  double sum = 0.0;
  for (std::size_t l = 0; l < languages; ++l) sum += prob[l];
  decltype(V{} > 0.0) above{};
  for (std::size_t l = 0; l < lanes; l += width<V>) {
    V p;
    std::memcpy(&p, prob + l, sizeof p);
    p = p / sum;  // the zero lane stays 0
    std::memcpy(prob + l, &p, sizeof p);
    above |= p > 0.99999;
  }
  if constexpr (std::is_same_v<decltype(above), bool>) {
    return above;
  } else {
    for (std::size_t k = 0; k < width<V>; ++k) {
      if (above[k] != 0) return true;
    }
    return false;
  }
}

}  // namespace instructions::langdetect_kernels
TRANSFERSCORE_END_NAMESPACE
