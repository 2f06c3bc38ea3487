#pragma once
// Maps scorer family names and benchmark names to scorers. The registry is filled
// explicitly by the application (see builtin.hpp); nothing registers itself, because
// header-only self-registration runs once per shared object in unspecified order.

#include <transferscore/config.hpp>
#include <transferscore/core/error.hpp>
#include <transferscore/core/scorer.hpp>
#include <transferscore/core/trace.hpp>
#include <transferscore/detail/choices.hpp>

#include <algorithm>
#include <charconv>
#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE

/// How a scorer should behave: the mode, the benchmark it is made for (some families
/// differ per benchmark), and family-specific settings given as key=value strings
/// (from the CLI's --set, or from code).
struct scorer_options {
  std::string mode = "reference";
  std::string benchmark;
  std::map<std::string, std::string, std::less<>> settings;

  [[nodiscard]] std::string_view get(std::string_view key, std::string_view fallback = {}) const {
    auto it = settings.find(key);
    return it == settings.end() ? fallback : std::string_view(it->second);
  }
  [[nodiscard]] bool has(std::string_view key) const { return settings.find(key) != settings.end(); }

  /// A boolean setting: true/false/1/0/yes/no; anything else is a configuration error.
  [[nodiscard]] bool get_bool(std::string_view key, bool fallback) const {
    auto it = settings.find(key);
    if (it == settings.end()) return fallback;
    const std::string& v = it->second;
    if (v == "true" || v == "1" || v == "yes" || v == "on") return true;
    if (v == "false" || v == "0" || v == "no" || v == "off") return false;
    TRANSFERSCORE_THROW(config_error("setting " + std::string(key) + " must be true or false, not '" + v + "'"));
  }
  /// Which of `choices` the setting `key` names, as an index (the first choice when the
  /// setting is absent); anything else is a configuration error of `family` listing them.
  [[nodiscard]] std::size_t get_choice(std::string_view family, std::string_view key,
                                       std::initializer_list<std::string_view> choices) const {
    return pick(family, key, get(key, *choices.begin()), choices);
  }
  /// True in paper mode, false in reference mode; any other mode is a configuration error.
  [[nodiscard]] bool paper_mode(std::string_view family) const { return pick(family, "mode", mode, {"reference", "paper"}) == 1; }
  /// A non-negative integer setting; anything else is a configuration error.
  [[nodiscard]] std::size_t get_size(std::string_view key, std::size_t fallback) const {
    auto it = settings.find(key);
    if (it == settings.end()) return fallback;
    const std::string& v = it->second;
    std::size_t out = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (ec != std::errc{} || ptr != v.data() + v.size()) {
      TRANSFERSCORE_THROW(config_error("setting " + std::string(key) + " must be a non-negative integer, not '" + v + "'"));
    }
    return out;
  }

 private:
  [[nodiscard]] static std::size_t pick(std::string_view family, std::string_view what, std::string_view value,
                                        std::initializer_list<std::string_view> choices) {
    const std::size_t i = detail::index_of(value, choices);
    if (i == choices.size()) {
      std::string message(family);
      message.append(": ");
      message.append(detail::not_a_choice(what, value, choices));
      TRANSFERSCORE_THROW(config_error(message));
    }
    return i;
  }
};

template <class Sample = record>
class basic_scorer_registry {
 public:
  using factory = std::function<any_scorer<Sample>(const scorer_options&)>;

  /// How many records a batch should hold at most, for a family configured by the
  /// options (0: no preference).
  using batch_hint_fn = std::function<std::size_t(const scorer_options&)>;

  struct family_info {
    std::string name;
    std::string description;
    factory make;
    batch_hint_fn batch_lines;  ///< empty: no preference
  };

  /// Registers a scorer family under `name`; registering a name twice replaces it.
  basic_scorer_registry& add_family(std::string name, std::string description, factory make) {
    for (auto& f : families_) {
      if (f.name == name) {
        f = family_info{std::move(name), std::move(description), std::move(make), {}};
        return *this;
      }
    }
    families_.push_back(family_info{std::move(name), std::move(description), std::move(make), {}});
    return *this;
  }

  /// Says how many records of `family` a batch should hold at most. A family whose records
  /// each take long (running programs) asks for one per batch, so that --threads N keeps N
  /// of them busy even on a short file; cheap families keep the pipeline's large batches.
  basic_scorer_registry& set_batch_hint(std::string_view family, batch_hint_fn hint) {
    for (auto& f : families_) {
      if (f.name == family) f.batch_lines = std::move(hint);
    }
    return *this;
  }

  /// The batch-size hint of `family` under `options`; 0 when it has none.
  [[nodiscard]] std::size_t batch_hint(std::string_view family, const scorer_options& options) const {
    const family_info* f = find_family(family);
    return f != nullptr && f->batch_lines ? f->batch_lines(options) : 0;
  }

  /// Says which family scores `benchmark` (a registry name such as "math500").
  basic_scorer_registry& add_benchmark(std::string benchmark, std::string family) {
    benchmarks_[std::move(benchmark)] = std::move(family);
    return *this;
  }

  /// Says how the study's own pipeline handled reasoning traces for `benchmark`: paper mode
  /// applies this policy (and records it in the verdict) unless the user chose one.
  basic_scorer_registry& set_paper_trace(std::string benchmark, trace_policy policy) {
    paper_traces_[std::move(benchmark)] = std::move(policy);
    return *this;
  }

  /// The paper-mode trace policy of `benchmark`, or nullptr when none was set.
  [[nodiscard]] const trace_policy* paper_trace(std::string_view benchmark) const {
    auto it = paper_traces_.find(benchmark);
    return it == paper_traces_.end() ? nullptr : &it->second;
  }
  [[nodiscard]] const std::map<std::string, trace_policy, std::less<>>& paper_traces() const noexcept { return paper_traces_; }

  [[nodiscard]] bool has_family(std::string_view name) const { return find_family(name) != nullptr; }

  [[nodiscard]] std::optional<std::string_view> family_of(std::string_view benchmark) const {
    auto it = benchmarks_.find(benchmark);
    if (it == benchmarks_.end()) return std::nullopt;
    return std::string_view(it->second);
  }

  /// Builds a scorer of `family`; throws config_error for an unknown family or for
  /// options the family rejects.
  [[nodiscard]] any_scorer<Sample> make(std::string_view family, const scorer_options& options) const {
    const family_info* f = find_family(family);
    if (f == nullptr) {
      std::string known;
      for (const auto& g : families_) known += (known.empty() ? "" : ", ") + g.name;
      TRANSFERSCORE_THROW(config_error("unknown scorer family '" + std::string(family) + "' (known: " + known + ")"));
    }
    return f->make(options);
  }

  [[nodiscard]] const std::vector<family_info>& families() const noexcept { return families_; }
  [[nodiscard]] const std::map<std::string, std::string, std::less<>>& benchmarks() const noexcept {
    return benchmarks_;
  }

 private:
  [[nodiscard]] const family_info* find_family(std::string_view name) const {
    auto it = std::find_if(families_.begin(), families_.end(), [&](const family_info& f) { return f.name == name; });
    return it == families_.end() ? nullptr : &*it;
  }

  std::vector<family_info> families_;
  std::map<std::string, std::string, std::less<>> benchmarks_;
  std::map<std::string, trace_policy, std::less<>> paper_traces_;
};

using scorer_registry = basic_scorer_registry<record>;

TRANSFERSCORE_END_NAMESPACE
