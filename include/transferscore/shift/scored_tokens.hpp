#pragma once
// What the token-shift statistics read: one model's view of one response, position by
// position (the log-probability of the token there, its rank, and the alternatives the
// backend listed), whatever shape the backend wrote it in. Readers fill it; the vectors
// keep their capacity from response to response, so steady-state reading allocates nothing.

#include <transferscore/config.hpp>
#include <transferscore/core/error.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace shift {

/// A token the backend listed at a position besides (or including) the scored one: its
/// identity (an id, or a text when the backend gives no ids) and its log-probability.
struct alternative {
  std::int64_t id = -1;         ///< -1: unknown (match by text)
  std::uint32_t text_begin = 0;  ///< into scored_tokens::alternative_texts
  std::uint32_t text_size = 0;
  double logprob = 0.0;
};

/// One model's log-probabilities of the tokens of one response.
struct scored_tokens {
  std::string key;        ///< what matches the two sides: the id's JSON text, and "#sample" for samples > 0
  std::string model;      ///< may be empty (then the command line names it)
  std::string benchmark;  ///< may be empty (then the command line names it)
  std::int64_t sample = 0;
  std::uint64_t line = 0;

  std::vector<double> logprob;         ///< log P(token at t | everything before)
  std::vector<std::int64_t> rank;      ///< 1 = the model's first choice; 0 = not known
  std::vector<std::int64_t> token_id;  ///< -1 = not known
  std::string texts;                   ///< token texts, concatenated
  std::vector<std::uint32_t> text_end;  ///< end of token t's text in `texts` (empty when no texts)

  /// Alternatives of position t are alternatives[alternative_end[t-1] .. alternative_end[t]).
  std::vector<alternative> alternatives;
  std::vector<std::uint32_t> alternative_end;  ///< empty when the shape lists no alternatives
  std::string alternative_texts;

  std::size_t prompt_tokens = 0;  ///< positions cut off as the prompt

  void clear() {
    key.clear();
    model.clear();
    benchmark.clear();
    sample = 0;
    line = 0;
    logprob.clear();
    rank.clear();
    token_id.clear();
    texts.clear();
    text_end.clear();
    alternatives.clear();
    alternative_end.clear();
    alternative_texts.clear();
    prompt_tokens = 0;
  }

  [[nodiscard]] std::size_t size() const noexcept { return logprob.size(); }
  [[nodiscard]] bool has_texts() const noexcept { return !text_end.empty(); }
  [[nodiscard]] bool has_alternatives() const noexcept { return !alternative_end.empty(); }

  [[nodiscard]] std::string_view text(std::size_t t) const noexcept {
    if (text_end.empty()) return {};
    const std::uint32_t begin = t == 0 ? 0 : text_end[t - 1];
    return std::string_view(texts).substr(begin, text_end[t] - begin);
  }
  [[nodiscard]] std::string_view alternative_text(const alternative& a) const noexcept {
    return std::string_view(alternative_texts).substr(a.text_begin, a.text_size);
  }
  [[nodiscard]] std::size_t alternatives_begin(std::size_t t) const noexcept { return t == 0 ? 0 : alternative_end[t - 1]; }

  /// Appends one position; `text` is ignored unless the response carries texts.
  void push(double lp, std::int64_t r, std::int64_t id) {
    logprob.push_back(lp);
    rank.push_back(r);
    token_id.push_back(id);
  }
  void push_text(std::string_view text) {
    texts.append(text);
    text_end.push_back(static_cast<std::uint32_t>(texts.size()));
  }
  void push_alternative(std::int64_t id, std::string_view text, double lp) {
    alternative a;
    a.id = id;
    a.text_begin = static_cast<std::uint32_t>(alternative_texts.size());
    a.text_size = static_cast<std::uint32_t>(text.size());
    a.logprob = lp;
    alternative_texts.append(text);
    alternatives.push_back(a);
  }
  /// Closes the alternatives of the position just pushed.
  void end_alternatives() { alternative_end.push_back(static_cast<std::uint32_t>(alternatives.size())); }

  /// Drops the first `n` positions (the prompt, or the study's skipped first response token).
  void drop_front(std::size_t n) {
    if (n == 0) return;
    if (n > size()) n = size();
    logprob.erase(logprob.begin(), logprob.begin() + static_cast<std::ptrdiff_t>(n));
    rank.erase(rank.begin(), rank.begin() + static_cast<std::ptrdiff_t>(n));
    token_id.erase(token_id.begin(), token_id.begin() + static_cast<std::ptrdiff_t>(n));
    if (!text_end.empty()) {
      const std::uint32_t cut = text_end[n - 1];
      texts.erase(0, cut);
      text_end.erase(text_end.begin(), text_end.begin() + static_cast<std::ptrdiff_t>(n));
      for (auto& e : text_end) e -= cut;
    }
    if (!alternative_end.empty()) {
      const std::uint32_t cut = alternative_end[n - 1];
      alternatives.erase(alternatives.begin(), alternatives.begin() + cut);
      alternative_end.erase(alternative_end.begin(), alternative_end.begin() + static_cast<std::ptrdiff_t>(n));
      for (auto& e : alternative_end) e -= cut;
    }
  }
};

}  // namespace shift
TRANSFERSCORE_END_NAMESPACE
