#pragma once
// The accumulators of every (model, base, benchmark), in order of first appearance.

#include <transferscore/config.hpp>
#include <transferscore/shift/token_stats.hpp>

#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace shift {

class token_shift_set {
 public:
  /// The accumulator of (model, base, benchmark), created on first use. The reference is
  /// valid until the next call.
  token_shift_accumulator& at(std::string_view model, std::string_view base, std::string_view benchmark) {
    if (last_ < entries_.size()) {
      const auto& e = entries_[last_];
      if (e.model == model && e.base == base && e.benchmark == benchmark) return entries_[last_];
    }
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      const auto& e = entries_[i];
      if (e.model == model && e.base == base && e.benchmark == benchmark) {
        last_ = i;
        return entries_[i];
      }
    }
    token_shift_accumulator acc;
    acc.model = std::string(model);
    acc.base = std::string(base);
    acc.benchmark = std::string(benchmark);
    entries_.push_back(std::move(acc));
    last_ = entries_.size() - 1;
    return entries_.back();
  }

  [[nodiscard]] const std::vector<token_shift_accumulator>& entries() const noexcept { return entries_; }
  [[nodiscard]] bool empty() const noexcept { return entries_.empty(); }

 private:
  std::vector<token_shift_accumulator> entries_;
  std::size_t last_ = 0;
};

}  // namespace shift
TRANSFERSCORE_END_NAMESPACE
