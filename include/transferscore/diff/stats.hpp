#pragma once
// The numbers of one benchmark's paired judgements: the 2x2 table of right and wrong,
// agreement and Cohen's kappa, each side's accuracy, and the difference A - B with a paired
// bootstrap over items and McNemar's exact test, computed by the aggregate module's paired
// comparison (the same resampled items for both sides).

#include <transferscore/config.hpp>
#include <transferscore/aggregate/bootstrap.hpp>
#include <transferscore/aggregate/estimators.hpp>
#include <transferscore/aggregate/paired.hpp>
#include <transferscore/aggregate/summary.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace diff {

/// Right and wrong on both sides (a non-ok judgement is wrong).
struct cell_counts {
  std::uint64_t both_right = 0;
  std::uint64_t a_only = 0;  ///< A right, B wrong
  std::uint64_t b_only = 0;  ///< B right, A wrong
  std::uint64_t both_wrong = 0;

  void add(bool a, bool b) noexcept {
    if (a && b) ++both_right;
    else if (a) ++a_only;
    else if (b) ++b_only;
    else ++both_wrong;
  }
  [[nodiscard]] std::uint64_t total() const noexcept { return both_right + a_only + b_only + both_wrong; }
  [[nodiscard]] std::uint64_t disagreements() const noexcept { return a_only + b_only; }
  /// The share of records both sides judge alike; NaN for none.
  [[nodiscard]] double agreement() const noexcept {
    const auto n = total();
    return n == 0 ? aggregate::not_a_number : static_cast<double>(both_right + both_wrong) / static_cast<double>(n);
  }
  /// Cohen's kappa: agreement beyond what two independent judges with the same rates of
  /// "right" would reach. NaN when that chance agreement is 1 (a side judges all alike).
  [[nodiscard]] double kappa() const noexcept {
    const auto n = static_cast<double>(total());
    if (n == 0) return aggregate::not_a_number;
    const double pa = static_cast<double>(both_right + a_only) / n, pb = static_cast<double>(both_right + b_only) / n;
    const double chance = pa * pb + (1 - pa) * (1 - pb);
    if (chance >= 1.0) return aggregate::not_a_number;
    return (agreement() - chance) / (1.0 - chance);
  }
};

/// Accumulates one benchmark's pairs by item (all samples of an item move together in
/// the bootstrap, and McNemar's test needs one judgement per item and side).
class paired_items {
 public:
  void add(std::string_view item, bool a_correct, bool b_correct) {
    auto it = items_.find(item);
    if (it == items_.end()) it = items_.emplace(std::string(item), tally{}).first;
    auto& t = it->second;
    t.a += a_correct ? 1 : 0;
    t.b += b_correct ? 1 : 0;
    ++t.samples;
  }
  [[nodiscard]] std::size_t size() const noexcept { return items_.size(); }

  /// Accuracy of A (model) and B (base) per item, their difference A - B with a paired
  /// bootstrap, and McNemar's exact test when every item has one sample.
  [[nodiscard]] aggregate::paired_comparison compare(const aggregate::bootstrap_options& options) const {
    aggregate::item_columns a, b;
    aggregate::metric_column ca{"accuracy", {}, {}}, cb{"accuracy", {}, {}};
    for (const auto& [key, t] : items_) {  // std::map: canonical key order
      a.keys.push_back(key);
      b.keys.push_back(key);
      const double n = t.samples;
      ca.values.num.push_back(t.a / n);
      ca.values.den.push_back(1.0);
      cb.values.num.push_back(t.b / n);
      cb.values.den.push_back(1.0);
      a.outcomes.push_back(t.samples == 1 ? static_cast<std::int8_t>(t.a) : std::int8_t{-1});
      b.outcomes.push_back(t.samples == 1 ? static_cast<std::int8_t>(t.b) : std::int8_t{-1});
    }
    a.columns.push_back(std::move(ca));
    b.columns.push_back(std::move(cb));
    return aggregate::compare(a, b, "accuracy", options, std::numeric_limits<std::uint64_t>::max());
  }

 private:
  struct tally {
    std::uint32_t a = 0, b = 0, samples = 0;
  };
  std::map<std::string, tally, std::less<>> items_;
};

}  // namespace diff
TRANSFERSCORE_END_NAMESPACE
