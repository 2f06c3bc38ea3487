#pragma once
// Disagreements grouped into patterns. Two judgements disagree when one side counts the
// record right and the other wrong. Their pattern is what the two graders saw: which side
// was right, the status pair (ok/no_answer, ...), the extraction sources (details.source,
// or the lm-eval filter), the shape of the gold and the shapes of the two extracted
// answers. A grader's mistakes come in classes, and the classes show up as large patterns.

#include <transferscore/config.hpp>
#include <transferscore/core/status.hpp>
#include <transferscore/diff/reader.hpp>
#include <transferscore/diff/shapes.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace diff {

struct pattern {
  char right = 'a';  ///< the side that counts the records right
  status status_a = status::ok, status_b = status::ok;
  std::string source_a, source_b;
  shape gold = shape::missing;
  shape extracted_a = shape::empty, extracted_b = shape::empty;
  std::uint64_t count = 0;
  /// The first few records of the pattern, as (A index, B index) into the sides' entries.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> examples;
};

/// Collects the disagreements of one benchmark into patterns, keeping `examples` per pattern.
class pattern_set {
 public:
  explicit pattern_set(std::size_t examples = 3) : examples_(examples) {}

  void add(const entry& a, const entry& b, std::uint32_t ia, std::uint32_t ib, shape gold) {
    pattern p;
    p.right = a.correct ? 'a' : 'b';
    p.status_a = a.state;
    p.status_b = b.state;
    p.source_a = a.source;
    p.source_b = b.source;
    p.gold = gold;
    p.extracted_a = a.extracted_shape;
    p.extracted_b = b.extracted_shape;
    std::string key;
    key.push_back(p.right);
    key.push_back(static_cast<char>('0' + static_cast<int>(p.status_a)));
    key.push_back(static_cast<char>('0' + static_cast<int>(p.status_b)));
    key.push_back(static_cast<char>('A' + static_cast<int>(p.gold)));
    key.push_back(static_cast<char>('A' + static_cast<int>(p.extracted_a)));
    key.push_back(static_cast<char>('A' + static_cast<int>(p.extracted_b)));
    key.append(p.source_a).push_back('\x1f');
    key.append(p.source_b);
    auto [it, inserted] = index_.emplace(std::move(key), patterns_.size());
    if (inserted) patterns_.push_back(std::move(p));
    pattern& target = patterns_[it->second];
    ++target.count;
    if (target.examples.size() < examples_) target.examples.emplace_back(ia, ib);
  }

  /// The patterns, largest first; equal counts keep the order in which they were first seen.
  [[nodiscard]] std::vector<pattern> take() {
    std::stable_sort(patterns_.begin(), patterns_.end(), [](const pattern& x, const pattern& y) { return x.count > y.count; });
    index_.clear();
    return std::move(patterns_);
  }

 private:
  std::size_t examples_;
  std::vector<pattern> patterns_;
  std::unordered_map<std::string, std::size_t> index_;
};

}  // namespace diff
TRANSFERSCORE_END_NAMESPACE
