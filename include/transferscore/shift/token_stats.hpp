#pragma once
// Token-shift statistics of one response scored by a fine-tuned model and by its base, and
// their accumulation per (model, base, benchmark): a few numbers per response (what the
// bootstrap resamples), position-wise bins, and the tokens the fine-tune ranks first where
// the base does not. Nothing per token is kept.
//
// Per position t of the response (y_t sampled from the fine-tuned model):
//   log ratio      log(exp(lp_ft) + eps) - log(exp(lp_base) + eps)      (the study's KL term)
//   rank shift     rank_base - rank_ft (positive: the base ranked y_t lower), and its absolute value
//   rank changed   rank_base != rank_ft
//   shifted token  rank_ft == 1 and rank_base > 1 (the study's word clouds and Table 8)
//   lumped KL      kl_estimators.hpp, where both sides list alternatives
// Ranks count where both sides know them.

#include <transferscore/config.hpp>
#include <transferscore/shift/id_counter.hpp>
#include <transferscore/shift/kl_estimators.hpp>
#include <transferscore/shift/scored_tokens.hpp>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace shift {

enum class shift_mode : unsigned char {
  reference,  ///< every response token; both sides must score the same tokens
  paper       ///< the study's code: first response token skipped, first map entry, lists truncated to the shorter
};

[[nodiscard]] constexpr std::string_view to_string(shift_mode m) noexcept { return m == shift_mode::paper ? "paper" : "default"; }

/// Sums over the positions of one response.
struct response_summary {
  std::uint32_t tokens = 0;  ///< positions compared
  double log_ratio = 0.0;
  std::uint32_t ranked = 0;  ///< positions where both ranks are known
  double rank_shift = 0.0;
  double abs_rank_shift = 0.0;
  std::uint32_t changed = 0;
  std::uint32_t shifted = 0;
  std::uint32_t kl_positions = 0;  ///< positions where both sides list alternatives
  double lumped_kl = 0.0;
};

/// Sums over the positions [from, from + width) of every response.
struct position_bin {
  std::uint64_t tokens = 0;
  double log_ratio = 0.0;
  std::uint64_t ranked = 0;
  double rank_shift = 0.0;
  double abs_rank_shift = 0.0;
  std::uint64_t changed = 0;
  std::uint64_t shifted = 0;
  std::uint64_t kl_positions = 0;
  double lumped_kl = 0.0;
};

struct text_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

/// Everything read for one (model, base, benchmark).
struct token_shift_accumulator {
  std::string model, base, benchmark;
  std::vector<response_summary> responses;  ///< every response read, in order (empty ones too)
  std::uint64_t prompt_tokens = 0;          ///< positions cut off as prompt (both sides)
  std::uint64_t skipped_first = 0;          ///< paper: first response positions skipped
  std::uint64_t truncated = 0;              ///< paper: positions beyond the shorter list
  std::uint64_t floored = 0;                ///< lumped KL positions whose base "other" mass was floored
  std::size_t min_listed = 0;               ///< fewest alternatives listed at a KL position (0: none)
  std::vector<position_bin> bins;
  std::unordered_map<std::string, std::uint64_t, text_hash, std::equal_to<>> shifted_tokens;
  id_counter shifted_ids;  ///< shapes without token texts: "#<id>" in reports

  [[nodiscard]] std::size_t used() const noexcept {
    std::size_t n = 0;
    for (const auto& r : responses) n += r.tokens > 0 ? 1 : 0;
    return n;
  }
  [[nodiscard]] std::uint64_t tokens() const noexcept {
    std::uint64_t n = 0;
    for (const auto& r : responses) n += r.tokens;
    return n;
  }
};

struct compare_options {
  shift_mode mode = shift_mode::reference;
  /// Paper mode on dumps: drop the first response position of both sides, as the study's
  /// slice did. Off for the study's own intermediate files, which were written that way.
  bool skip_first = true;
  std::size_t bin_width = 64;
  double epsilon = study_epsilon;
};

/// Why two sides of a response cannot be compared (reference mode).
struct mismatch {
  std::string message;  ///< empty when they can
};

/// Scratch buffers reused from response to response.
struct compare_scratch {
  std::vector<known_token> tuned, base;
};

/// Compares the two sides of one response and adds it to `acc`. `tuned` and `base` are
/// consumed (paper mode drops their first position). Returns a mismatch message in reference
/// mode when the sides do not score the same tokens (then nothing is added).
inline mismatch compare_response(scored_tokens& tuned, scored_tokens& base, const compare_options& options,
                                 token_shift_accumulator& acc, compare_scratch& scratch) {
  acc.prompt_tokens += tuned.prompt_tokens + base.prompt_tokens;
  if (options.mode == shift_mode::paper && options.skip_first) {
    // The study sliced prompt_logprobs from prompt_length + 1: the first response token is
    // never scored (for tokenizers that add no BOS token, as Qwen's).
    acc.skipped_first += (tuned.size() > 0 ? 1 : 0) + (base.size() > 0 ? 1 : 0);
    tuned.drop_front(1);
    base.drop_front(1);
  }
  std::size_t n = tuned.size();
  if (options.mode == shift_mode::paper) {
    n = std::min(tuned.size(), base.size());
    acc.truncated += tuned.size() + base.size() - 2 * n;
  } else {
    if (tuned.size() != base.size()) {
      return {"the fine-tuned side has " + std::to_string(tuned.size()) + " response tokens and the base side " +
              std::to_string(base.size()) + ": both must score the same tokens (--mode paper truncates to the shorter, as the study did)"};
    }
    for (std::size_t t = 0; t < n; ++t) {
      const bool ids = tuned.token_id[t] >= 0 && base.token_id[t] >= 0;
      const bool differ = ids ? tuned.token_id[t] != base.token_id[t]
                              : (tuned.has_texts() && base.has_texts() && tuned.text(t) != base.text(t));
      if (differ) {
        auto name = [&](const scored_tokens& s) {
          std::string out = s.token_id[t] >= 0 ? std::to_string(s.token_id[t]) : std::string();
          if (s.has_texts()) out += (out.empty() ? "" : " ") + std::string("\"") + std::string(s.text(t)) + "\"";
          return out;
        };
        return {"response position " + std::to_string(t) + " is token " + name(tuned) + " on the fine-tuned side but " + name(base) +
                " on the base side: both must score the same tokens (--mode paper pairs positions as the study did)"};
      }
    }
  }
  response_summary r;
  const bool both_listed = tuned.has_alternatives() && base.has_alternatives();
  const std::size_t width = options.bin_width == 0 ? 1 : options.bin_width;
  if (n > 0 && acc.bins.size() < (n - 1) / width + 1) acc.bins.resize((n - 1) / width + 1);
  std::size_t bin_index = 0, in_bin = 0;
  for (std::size_t t = 0; t < n; ++t) {
    if (in_bin == width) {  // t / width, without a division per token
      ++bin_index;
      in_bin = 0;
    }
    ++in_bin;
    position_bin& bin = acc.bins[bin_index];
    const double lr = smoothed_log_ratio(tuned.logprob[t], base.logprob[t], options.epsilon);
    r.log_ratio += lr;
    ++bin.tokens;
    bin.log_ratio += lr;
    const std::int64_t ra = tuned.rank[t], rb = base.rank[t];
    if (ra > 0 && rb > 0) {
      const double d = static_cast<double>(rb - ra);
      ++r.ranked;
      r.rank_shift += d;
      r.abs_rank_shift += std::fabs(d);
      ++bin.ranked;
      bin.rank_shift += d;
      bin.abs_rank_shift += std::fabs(d);
      if (ra != rb) {
        ++r.changed;
        ++bin.changed;
      }
      if (ra == 1 && rb > 1) {
        ++r.shifted;
        ++bin.shifted;
        if (tuned.has_texts()) {
          const std::string_view text = tuned.text(t);
          auto it = acc.shifted_tokens.find(text);
          if (it == acc.shifted_tokens.end()) it = acc.shifted_tokens.emplace(std::string(text), 0).first;
          ++it->second;
        } else {
          acc.shifted_ids.add(tuned.token_id[t]);
        }
      }
    }
    if (both_listed) {
      const std::size_t tuned_listed = tuned.alternative_end[t] - tuned.alternatives_begin(t);
      const std::size_t base_listed = base.alternative_end[t] - base.alternatives_begin(t);
      if (tuned_listed > 0 && base_listed > 0) {
        known_tokens(tuned, t, scratch.tuned);
        known_tokens(base, t, scratch.base);
        const lumped_kl_value kl = lumped_kl(scratch.tuned, scratch.base, options.epsilon);
        ++r.kl_positions;
        r.lumped_kl += kl.kl;
        ++bin.kl_positions;
        bin.lumped_kl += kl.kl;
        acc.floored += kl.floored ? 1 : 0;
        const std::size_t fewest = std::min(tuned_listed, base_listed);
        acc.min_listed = acc.min_listed == 0 ? fewest : std::min(acc.min_listed, fewest);
      }
    }
  }
  r.tokens = static_cast<std::uint32_t>(n);
  acc.responses.push_back(r);
  return {};
}

}  // namespace shift
TRANSFERSCORE_END_NAMESPACE
