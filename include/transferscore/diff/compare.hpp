#pragma once
// Compares two sides: pairs their judgements, and per (model, benchmark) gives the 2x2
// table, agreement, each side's accuracy and the paired difference, and the disagreements
// grouped into patterns. The result owns both sides, so reports can quote any line.

#include <transferscore/config.hpp>
#include <transferscore/aggregate/bootstrap.hpp>
#include <transferscore/aggregate/paired.hpp>
#include <transferscore/core/status.hpp>
#include <transferscore/diff/gold.hpp>
#include <transferscore/diff/matching.hpp>
#include <transferscore/diff/patterns.hpp>
#include <transferscore/diff/reader.hpp>
#include <transferscore/diff/stats.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace diff {

struct diff_options {
  key_fields key;
  aggregate::bootstrap_options bootstrap;
  std::size_t examples = 3;  ///< examples kept per pattern
};

using status_counts = std::array<std::uint64_t, status_count>;

/// One (model, benchmark): the model and benchmark are A's (B's for records only B has).
struct benchmark_diff {
  std::string model;
  std::string benchmark;
  cell_counts counts;                   ///< over the paired records
  std::uint64_t items = 0;              ///< distinct ids among the paired records
  aggregate::paired_comparison paired;  ///< model = A, base = B, difference = A - B (accuracy)
  double mean_score_a = aggregate::not_a_number, mean_score_b = aggregate::not_a_number;
  status_counts statuses_a{}, statuses_b{};  ///< over the paired records
  std::uint64_t only_a = 0, only_b = 0, duplicates_a = 0, duplicates_b = 0;
  /// Verdicts without an id (records lost before they had one), never paired.
  std::uint64_t unidentified_a = 0, unidentified_b = 0;
  std::vector<pattern> patterns;
};

struct diff_result {
  side a, b;
  diff_options options;
  match_result matched;
  std::vector<benchmark_diff> benchmarks;  ///< by model, then benchmark

  [[nodiscard]] cell_counts totals() const noexcept {
    cell_counts t;
    for (const auto& g : benchmarks) {
      t.both_right += g.counts.both_right;
      t.a_only += g.counts.a_only;
      t.b_only += g.counts.b_only;
      t.both_wrong += g.counts.both_wrong;
    }
    return t;
  }

  /// Judgements of side 'a' or 'b' kept out of the pairs as duplicate keys.
  [[nodiscard]] std::uint64_t duplicates(char which) const noexcept {
    std::uint64_t n = 0;
    for (const auto& d : matched.duplicates) n += d.side == which ? 1 : 0;
    return n;
  }
};

/// The gold of a pair: what either line carries, else the gold files'; nullptr when none.
[[nodiscard]] inline const std::string* gold_of(const entry& a, const entry& b, const gold_index* golds) {
  if (a.has_gold) return &a.gold;
  if (b.has_gold) return &b.gold;
  if (golds == nullptr) return nullptr;
  if (const std::string* g = golds->find(a.benchmark, a.id)) return g;
  return golds->find(b.benchmark, b.id);
}

[[nodiscard]] inline diff_result compare(side a, side b, const diff_options& options, const gold_index* golds = nullptr) {
  diff_result out;
  out.a = std::move(a);
  out.b = std::move(b);
  out.options = options;
  out.matched = match(out.a, out.b, options.key);

  struct group {
    benchmark_diff result;
    paired_items items;
    pattern_set patterns = pattern_set(3);
    double score_a = 0.0, score_b = 0.0;
  };
  std::map<std::pair<std::string, std::string>, group> groups;
  group* last = nullptr;  // judgements come in runs of one benchmark; std::map nodes never move
  auto at = [&](const auto& e) -> group& {  // an entry or a lost_record
    if (last != nullptr && last->result.benchmark == e.benchmark && last->result.model == e.model) return *last;
    auto it = groups.find({e.model, e.benchmark});
    if (it == groups.end()) {
      it = groups.emplace(std::pair{e.model, e.benchmark}, group{}).first;
      it->second.result.model = e.model;
      it->second.result.benchmark = e.benchmark;
      it->second.patterns = pattern_set(options.examples);
    }
    last = &it->second;
    return *last;
  };

  for (const auto& [ia, ib] : out.matched.pairs) {
    const entry& ea = out.a.entries[ia];
    const entry& eb = out.b.entries[ib];
    group& g = at(ea);
    g.result.counts.add(ea.correct, eb.correct);
    ++g.result.statuses_a[static_cast<std::size_t>(ea.state)];
    ++g.result.statuses_b[static_cast<std::size_t>(eb.state)];
    g.score_a += ea.score;
    g.score_b += eb.score;
    g.items.add(ea.id, ea.correct, eb.correct);  // the group fixes A's model: the id names the item
    if (ea.correct != eb.correct) {
      const std::string* gold = gold_of(ea, eb, golds);
      g.patterns.add(ea, eb, ia, ib, gold != nullptr ? classify(*gold) : shape::missing);
    }
  }
  for (auto i : out.matched.only_a) ++at(out.a.entries[i]).result.only_a;
  for (auto j : out.matched.only_b) ++at(out.b.entries[j]).result.only_b;
  for (const auto& d : out.matched.duplicates) {
    if (d.side == 'a') ++at(out.a.entries[d.index]).result.duplicates_a;
    else ++at(out.b.entries[d.index]).result.duplicates_b;
  }
  for (const auto& lost : out.a.unidentified) ++at(lost).result.unidentified_a;
  for (const auto& lost : out.b.unidentified) ++at(lost).result.unidentified_b;

  for (auto& [key, g] : groups) {
    benchmark_diff& r = g.result;
    const auto n = r.counts.total();
    r.items = g.items.size();
    if (n > 0) {
      r.mean_score_a = g.score_a / static_cast<double>(n);
      r.mean_score_b = g.score_b / static_cast<double>(n);
    }
    r.paired = g.items.compare(options.bootstrap);
    r.patterns = g.patterns.take();
    out.benchmarks.push_back(std::move(r));
  }
  return out;
}

}  // namespace diff
TRANSFERSCORE_END_NAMESPACE
