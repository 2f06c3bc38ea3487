#pragma once
// Per (model, benchmark) accumulators of compact per-item statistics. They keep what every
// estimator needs and nothing else: per item the sample count, ok count, correct count and
// score sum, the wrong answers by class (for maj@k), and contributed metric sums. No JSON and
// no text but the item keys, so millions of verdicts fit in memory. Policies (how non-ok
// statuses count, macro or micro averaging, which k) apply only when a summary is made,
// so accumulators merge exactly whatever the policy will be.

#include <transferscore/config.hpp>
#include <transferscore/aggregate/item_table.hpp>
#include <transferscore/aggregate/metrics.hpp>
#include <transferscore/core/error.hpp>
#include <transferscore/core/status.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <numeric>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace aggregate {

/// Counts of one item. Non-ok samples count in `samples` only; they never score.
struct item_stats {
  std::uint32_t samples = 0;  ///< every verdict of the item, whatever its status
  std::uint32_t ok = 0;       ///< verdicts with status ok
  std::uint32_t correct = 0;  ///< ok and correct
  double score_sum = 0.0;     ///< sum of the scores of the ok verdicts

  void merge(const item_stats& o) noexcept {
    samples += o.samples;
    ok += o.ok;
    correct += o.correct;
    score_sum += o.score_sum;
  }
};

/// A class of equal wrong answers of one item (maj@k). Key 0 is "no answer" (every non-ok
/// verdict); other keys are stable hashes of the extracted text.
struct answer_class {
  std::uint32_t item = 0;
  std::uint32_t count = 0;
  std::uint64_t key = 0;
};

/// Sums of one contributed metric for one item, kept apart for ok and non-ok samples so the
/// status policy can still choose later.
struct metric_sums {
  double ok_num = 0.0, ok_den = 0.0, other_num = 0.0, other_den = 0.0;
  void merge(const metric_sums& o) noexcept {
    ok_num += o.ok_num;
    ok_den += o.ok_den;
    other_num += o.other_num;
    other_den += o.other_den;
  }
};

[[nodiscard]] inline std::uint64_t answer_key(std::string_view extracted) noexcept {
  const std::uint64_t h = stable_hash(extracted);
  return h == 0 ? 1 : h;
}

class benchmark_accumulator {
 public:
  using status_counts = std::array<std::uint64_t, status_count>;

  /// Adds one sample. `contributors` may be null; `sink` is scratch space for them. A sample
  /// without an id (sample_view::identified false) is counted by status only.
  void add(const sample_view& s, const contributor_set* contributors, metric_sink& sink) {
    if (!s.identified) {
      ++statuses_[static_cast<std::size_t>(s.state)];
      return;
    }
    const std::uint32_t i = index_of(s.item);
    item_stats& st = stats_[i];
    ++st.samples;
    ++statuses_[static_cast<std::size_t>(s.state)];
    const bool ok = s.state == status::ok;
    if (ok) {
      ++st.ok;
      st.score_sum += s.score;
      if (s.correct) ++st.correct;
    }
    if (track_answers_ && !(ok && s.correct)) add_answer(i, ok ? answer_key(s.extracted) : 0, 1);
    if (contributors != nullptr && !contributors->empty()) {
      sink.clear();
      contributors->contribute(s, sink);
      for (const auto& v : sink.values()) {
        metric_sums& m = metric_at(i, metric_slot(v.name));
        (ok ? m.ok_num : m.other_num) += v.numerator;
        (ok ? m.ok_den : m.other_den) += v.denominator;
      }
    }
  }

  /// Adds the statistics of one whole item (used when reading state and merging).
  std::uint32_t add_item(std::string_view key, const item_stats& st) {
    const std::uint32_t i = index_of(key);
    stats_[i].merge(st);
    return i;
  }
  void add_answer(std::uint32_t item, std::uint64_t key, std::uint32_t count) {
    answers_.push_back({item, count, key});
    sorted_ = false;
    if (answers_.size() > 2 * compacted_ + 4096) compact_answers();
  }
  void add_metric(std::uint32_t item, std::string_view name, const metric_sums& sums) {
    metric_at(item, metric_slot(name)).merge(sums);
  }
  void add_statuses(const status_counts& counts) noexcept {
    for (std::size_t k = 0; k < status_count; ++k) statuses_[k] += counts[k];
  }

  /// Combines another accumulator (a shard) into this one; exact for counts, and for score
  /// sums whenever the scores are dyadic (0/1, halves, ...), as binary scores are.
  void merge(const benchmark_accumulator& other) {
    if (&other == this) return;
    other.compact_answers();
    std::vector<std::uint32_t> remap(other.size());
    for (std::uint32_t j = 0; j < other.size(); ++j) remap[j] = add_item(other.item_key(j), other.stats_[j]);
    for (const auto& a : other.answers_) add_answer(remap[a.item], a.key, a.count);
    for (std::size_t m = 0; m < other.metric_names_.size(); ++m) {
      const std::size_t slot = metric_slot(other.metric_names_[m]);
      for (std::uint32_t j = 0; j < other.size(); ++j) metric_at(remap[j], slot).merge(other.metric_at(j, m));
    }
    add_statuses(other.statuses_);
    track_answers_ = track_answers_ && other.track_answers_;
  }

  [[nodiscard]] std::uint32_t size() const noexcept { return static_cast<std::uint32_t>(stats_.size()); }
  [[nodiscard]] std::string_view item_key(std::uint32_t i) const noexcept { return keys_.key(i); }
  [[nodiscard]] const item_stats& stats(std::uint32_t i) const noexcept { return stats_[i]; }
  [[nodiscard]] const status_counts& statuses() const noexcept { return statuses_; }
  /// Verdicts without an id: counted by status and in no item. Every other verdict is one
  /// sample of an item, so they are what the status counts hold beyond the samples (a state
  /// file keeps both, and so keeps them).
  [[nodiscard]] std::uint64_t unidentified() const noexcept {
    std::uint64_t counted = 0, samples = 0;
    for (auto c : statuses_) counted += c;
    for (const auto& st : stats_) samples += st.samples;
    return counted - samples;
  }
  [[nodiscard]] const std::vector<std::string>& metric_names() const noexcept { return metric_names_; }
  [[nodiscard]] const metric_sums& metric(std::uint32_t item, std::size_t slot) const noexcept {
    return metric_at(item, slot);
  }
  /// The wrong-answer classes, sorted by (item, key), equal classes combined.
  [[nodiscard]] const std::vector<answer_class>& answers() const {
    compact_answers();
    return answers_;
  }
  /// Whether answers were tracked for every sample (maj@k needs them).
  [[nodiscard]] bool tracks_answers() const noexcept { return track_answers_; }
  void set_track_answers(bool on) noexcept { track_answers_ = on; }

  /// Item indices sorted by key: the canonical order of summaries, bootstraps and state
  /// files, so that a result never depends on the order verdicts arrived in.
  [[nodiscard]] std::vector<std::uint32_t> canonical_order() const {
    std::vector<std::uint32_t> order(size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [this](std::uint32_t a, std::uint32_t b) { return item_key(a) < item_key(b); });
    return order;
  }

  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    return keys_.memory_bytes() + stats_.capacity() * sizeof(item_stats) + answers_.capacity() * sizeof(answer_class) +
           metrics_.capacity() * sizeof(metric_sums);
  }

 private:
  std::uint32_t index_of(std::string_view key) {
    const std::uint32_t i = keys_.find_or_add(key);
    if (i == stats_.size()) {
      stats_.emplace_back();
      metrics_.resize(metrics_.size() + metric_names_.size());
    }
    return i;
  }

  std::size_t metric_slot(std::string_view name) {
    for (std::size_t m = 0; m < metric_names_.size(); ++m) {
      if (metric_names_[m] == name) return m;
    }
    // A new metric: widen every item's row by one slot (rare: once per metric name).
    const std::size_t old_width = metric_names_.size();
    metric_names_.emplace_back(name);
    std::vector<metric_sums> wider(stats_.size() * (old_width + 1));
    for (std::size_t i = 0; i < stats_.size(); ++i) {
      std::copy_n(metrics_.begin() + static_cast<std::ptrdiff_t>(i * old_width), old_width,
                  wider.begin() + static_cast<std::ptrdiff_t>(i * (old_width + 1)));
    }
    metrics_.swap(wider);
    return old_width;
  }

  [[nodiscard]] metric_sums& metric_at(std::uint32_t item, std::size_t slot) noexcept {
    return metrics_[static_cast<std::size_t>(item) * metric_names_.size() + slot];
  }
  [[nodiscard]] const metric_sums& metric_at(std::uint32_t item, std::size_t slot) const noexcept {
    return metrics_[static_cast<std::size_t>(item) * metric_names_.size() + slot];
  }

  // Sorting on demand keeps add() at one push_back; `answers_` is logically const.
  void compact_answers() const {
    if (sorted_) return;
    auto& a = answers_;
    std::sort(a.begin(), a.end(), [](const answer_class& x, const answer_class& y) {
      return x.item != y.item ? x.item < y.item : x.key < y.key;
    });
    std::size_t out = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (out > 0 && a[out - 1].item == a[i].item && a[out - 1].key == a[i].key) {
        a[out - 1].count += a[i].count;
      } else {
        a[out++] = a[i];
      }
    }
    a.resize(out);
    compacted_ = out;
    sorted_ = true;
  }

  item_table keys_;
  std::vector<item_stats> stats_;
  status_counts statuses_{};
  std::vector<std::string> metric_names_;
  std::vector<metric_sums> metrics_;  // row per item, one slot per metric name
  mutable std::vector<answer_class> answers_;
  mutable std::size_t compacted_ = 0;
  mutable bool sorted_ = true;
  bool track_answers_ = true;
};

/// Identifies one accumulator.
struct benchmark_key {
  std::string model;
  std::string benchmark;
  friend auto operator<=>(const benchmark_key&, const benchmark_key&) = default;
};

/// Every (model, benchmark) of a run, ordered by model then benchmark.
class accumulator_set {
 public:
  using map_type = std::map<benchmark_key, benchmark_accumulator, std::less<>>;

  explicit accumulator_set(contributor_set contributors = default_contributors())
      : contributors_(std::move(contributors)) {}
  // The lookup cache points into the map, so a copy must not share it.
  accumulator_set(const accumulator_set& o)
      : contributors_(o.contributors_), entries_(o.entries_), track_answers_(o.track_answers_) {}
  accumulator_set& operator=(const accumulator_set& o) {
    if (this != &o) {
      contributors_ = o.contributors_;
      entries_ = o.entries_;
      track_answers_ = o.track_answers_;
      last_ = nullptr;
    }
    return *this;
  }
  accumulator_set(accumulator_set&&) noexcept = default;
  accumulator_set& operator=(accumulator_set&&) noexcept = default;
  ~accumulator_set() = default;

  /// Adds one sample of any scored_sample type.
  template <scored_sample S>
  void add(std::string_view model, std::string_view benchmark, const S& sample) {
    const sample_view v = sample_traits<S>::view(sample, key_buffer_);
    at(model, benchmark).add(v, &contributors_, sink_);
  }
  /// Adds a pipeline verdict under its own model and benchmark.
  void add(const verdict& v) { add(v.model, v.benchmark, v); }
  /// Adds a prepared view.
  void add_view(std::string_view model, std::string_view benchmark, const sample_view& v) {
    at(model, benchmark).add(v, &contributors_, sink_);
  }

  benchmark_accumulator& at(std::string_view model, std::string_view benchmark) {
    if (last_ != nullptr && last_key_.model == model && last_key_.benchmark == benchmark) return *last_;
    last_key_ = {std::string(model), std::string(benchmark)};
    auto it = entries_.find(last_key_);
    if (it == entries_.end()) {
      it = entries_.emplace(last_key_, benchmark_accumulator{}).first;
      it->second.set_track_answers(track_answers_);
    }
    last_ = &it->second;
    return *last_;
  }
  [[nodiscard]] const benchmark_accumulator* find(std::string_view model, std::string_view benchmark) const {
    auto it = entries_.find(benchmark_key{std::string(model), std::string(benchmark)});
    return it == entries_.end() ? nullptr : &it->second;
  }

  void merge(const accumulator_set& other) {
    if (&other == this) return;
    for (const auto& [key, acc] : other.entries_) at(key.model, key.benchmark).merge(acc);
  }

  /// Whether to keep wrong answers by class for maj@k (on by default; off saves memory).
  void set_track_answers(bool on) noexcept { track_answers_ = on; }
  [[nodiscard]] const map_type& entries() const noexcept { return entries_; }
  [[nodiscard]] bool empty() const noexcept { return entries_.empty(); }

 private:
  contributor_set contributors_;
  map_type entries_;
  benchmark_key last_key_;
  benchmark_accumulator* last_ = nullptr;  // std::map nodes never move
  std::string key_buffer_;
  metric_sink sink_;
  bool track_answers_ = true;
};

}  // namespace aggregate
TRANSFERSCORE_END_NAMESPACE
