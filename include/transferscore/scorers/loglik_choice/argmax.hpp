#pragma once
// lm-eval's two predictions from per-choice log-likelihoods (api/task.py, multiple_choice):
// pred = np.argmax(lls) and pred_norm = np.argmax(lls / completion_len), where
// completion_len is Python's len() of each choice text: code points, not bytes or tokens,
// and without the target delimiter (" ") that the request's continuation carries.

#include <transferscore/config.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace loglik_choice {

/// Python's len() of a str decoded from UTF-8: every byte that does not continue a
/// multi-byte sequence starts one code point ("é" is 1, "水" is 1, "😀" is 1).
[[nodiscard]] constexpr std::size_t code_points(std::string_view utf8) noexcept {
  std::size_t n = 0;
  for (const char c : utf8) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;
  }
  return n;
}

/// np.argmax: the index of the first maximum. The values hold no NaN (the inputs reject
/// it), so `>` is a total order here and -inf loses to every finite value.
[[nodiscard]] constexpr std::size_t first_argmax(std::span<const double> values) noexcept {
  std::size_t best = 0;
  for (std::size_t i = 1; i < values.size(); ++i) {
    if (values[i] > values[best]) best = i;
  }
  return best;
}

/// np.argmax(lls / completion_len), or nothing when a choice text is empty (numpy would
/// divide by zero and rank a NaN or an infinity first).
[[nodiscard]] inline std::optional<std::size_t> normalized_argmax(std::span<const double> logprobs,
                                                                  std::span<const std::string> choices) {
  if (choices.size() != logprobs.size() || logprobs.empty()) return std::nullopt;
  std::vector<double> per_char(logprobs.size());
  for (std::size_t i = 0; i < logprobs.size(); ++i) {
    const std::size_t length = code_points(choices[i]);
    if (length == 0) return std::nullopt;
    per_char[i] = logprobs[i] / static_cast<double>(length);
  }
  return first_argmax(per_char);
}

}  // namespace loglik_choice
TRANSFERSCORE_END_NAMESPACE
