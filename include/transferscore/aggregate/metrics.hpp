#pragma once
// What the accumulators see of one scored sample (sample_view), how any sample type is
// turned into one (sample_traits), and the extension point for family metrics: a
// metric_contributor reads a sample (usually its details) and adds named ratio metrics,
// such as IFEval's instruction-level accuracy (instructions followed / instructions given).

#include <transferscore/config.hpp>
#include <transferscore/core/json.hpp>
#include <transferscore/core/status.hpp>
#include <transferscore/core/verdict.hpp>

#include <concepts>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace aggregate {

/// One scored sample as the accumulators need it. Views only: valid during add().
struct sample_view {
  std::string_view item;       ///< the item key; samples of one item share it
  double score = 0.0;          ///< 0/1 for binary scorers, or a partial score
  bool correct = false;        ///< the binary judgement (pass@k, maj@k, McNemar)
  status state = status::ok;   ///< not ok: no answer, budget exceeded, an error, ...
  std::string_view extracted;  ///< the judged answer; samples with equal text are one class for maj@k
  std::string_view scorer;     ///< the scorer family that produced it, when known
  const json* details = nullptr;
  /// false for the verdict of a record that was lost before it had an id (the error verdict
  /// of a line that is not JSON, or of a record without an id): it belongs to no item, so it
  /// is counted by status and enters no estimate (docs/aggregate.md, "Verdicts without an id").
  bool identified = true;
};

/// How to view a sample type. Specialise it for your own type, or give the type the
/// members `id` (string-like or integer) and `score` (any arithmetic type, bool included),
/// and optionally `correct`, `status`/`state`, `extracted`.
template <class T>
struct sample_traits;

namespace detail {
template <class T>
concept has_score_member = requires(const T& s) {
  requires std::is_arithmetic_v<std::remove_cvref_t<decltype(s.score)>>;
};
}  // namespace detail

/// A sample type the accumulators accept.
template <class T>
concept scored_sample = requires(const T& s, std::string& key_buffer) {
  { sample_traits<T>::view(s, key_buffer) } -> std::same_as<sample_view>;
};

/// Verdicts of the pipeline: the item key is the id's JSON text, so 17 and "17" differ.
template <>
struct sample_traits<verdict> {
  [[nodiscard]] static sample_view view(const verdict& v, std::string& key_buffer) {
    key_buffer.clear();
    v.id.dump_to(key_buffer);
    sample_view s;
    s.item = key_buffer;
    s.score = v.result.status == status::ok ? v.result.score : 0.0;
    s.correct = v.result.status == status::ok && v.result.correct;
    s.state = v.result.status;
    s.extracted = v.result.extracted;
    s.scorer = v.scorer;
    s.details = v.result.details.is_null() ? nullptr : &v.result.details;
    s.identified = !v.id.is_null();
    return s;
  }
};

/// Any aggregate with `id` and an arithmetic `score`: the score type is generic (bool,
/// int, float, double all work); `correct` defaults to score > 0.
template <class T>
  requires(detail::has_score_member<T> && requires(const T& s) { s.id; })
struct sample_traits<T> {
  [[nodiscard]] static sample_view view(const T& s, std::string& key_buffer) {
    sample_view out;
    if constexpr (std::is_integral_v<std::remove_cvref_t<decltype(s.id)>>) {
      key_buffer = std::to_string(s.id);
      out.item = key_buffer;
    } else {
      out.item = std::string_view(s.id);
    }
    out.score = static_cast<double>(s.score);
    if constexpr (requires { s.correct; }) {
      out.correct = static_cast<bool>(s.correct);
    } else {
      out.correct = out.score > 0.0;
    }
    if constexpr (requires { s.status; }) out.state = s.status;
    if constexpr (requires { s.state; }) out.state = s.state;
    if constexpr (requires { s.extracted; }) out.extracted = std::string_view(s.extracted);
    return out;
  }
};

/// Where a contributor puts its values: per sample, a metric adds numerator/denominator;
/// the benchmark value is sum(numerators) / sum(denominators) over all samples of all items
/// (a mean when every denominator is 1, a micro average otherwise).
class metric_sink {
 public:
  void add(std::string_view name, double numerator, double denominator = 1.0) {
    values_.push_back({std::string(name), numerator, denominator});
  }
  struct value {
    std::string name;
    double numerator;
    double denominator;
  };
  [[nodiscard]] const std::vector<value>& values() const noexcept { return values_; }
  void clear() noexcept { values_.clear(); }

 private:
  std::vector<value> values_;
};

/// The extension point for family metrics.
template <class C>
concept metric_contributor = requires(const C& c, const sample_view& s, metric_sink& sink) {
  { c.name() } -> std::convertible_to<std::string_view>;
  c.contribute(s, sink);
};

/// IFEval's four numbers from details.instructions = [{id, strict, loose}, ...]:
/// prompt-level (every instruction followed) and instruction-level (followed / given),
/// each strict and loose. A sample without that list (no answer, an error) counts as a
/// prompt that followed nothing when its scorer is `instructions`.
struct instructions_metrics {
  [[nodiscard]] std::string_view name() const noexcept { return "instructions"; }
  void contribute(const sample_view& s, metric_sink& sink) const {
    const json* list = s.details != nullptr ? s.details->find("instructions") : nullptr;
    if (list == nullptr || !list->is_array()) {
      if (s.scorer == "instructions") {
        sink.add("prompt_level_strict", 0.0);
        sink.add("prompt_level_loose", 0.0);
      }
      return;
    }
    double strict = 0.0, loose = 0.0, given = 0.0;
    for (const auto& item : *list->if_array()) {
      ++given;
      if (const json* v = item.find("strict"); v != nullptr && v->as_bool().value_or(false)) ++strict;
      if (const json* v = item.find("loose"); v != nullptr && v->as_bool().value_or(false)) ++loose;
    }
    sink.add("prompt_level_strict", given > 0 && strict == given ? 1.0 : 0.0);
    sink.add("prompt_level_loose", given > 0 && loose == given ? 1.0 : 0.0);
    if (given > 0) {
      sink.add("inst_level_strict", strict, given);
      sink.add("inst_level_loose", loose, given);
    }
  }
};

/// SQuAD-style QA (CoQA): details.em and details.f1 per sample, averaged. A sample of the
/// `qa` family without them (no answer, an error) scores 0 on both.
struct qa_metrics {
  [[nodiscard]] std::string_view name() const noexcept { return "qa"; }
  void contribute(const sample_view& s, metric_sink& sink) const {
    const json* em = s.details != nullptr ? s.details->find("em") : nullptr;
    const json* f1 = s.details != nullptr ? s.details->find("f1") : nullptr;
    if (em != nullptr && f1 != nullptr && em->is_number() && f1->is_number()) {
      sink.add("em", *em->as_double());
      sink.add("f1", *f1->as_double());
    } else if (s.scorer == "qa") {
      sink.add("em", 0.0);
      sink.add("f1", 0.0);
    }
  }
};

/// Log-likelihood multiple choice (loglik_choice: headqa, mc_taco): details.acc and
/// details.acc_norm averaged, as lm-eval reports them, and for MC-TACO lm-eval's `f1`:
/// binary F1 of the "yes" class pooled over all candidates, 2TP / (2TP + FP + FN), which
/// is a ratio of per-sample sums (a true negative adds nothing). A non-ok sample of the
/// family scores 0 on acc only: whether it had choice texts (acc_norm) or a gold (F1) is
/// unknown. An ok verdict written without details counts its `correct` as acc.
/// MC-TACO's official per-question EM/F1 needs candidates grouped by question, which
/// per-sample sums cannot express; details.question carries the key for it.
struct loglik_choice_metrics {
  [[nodiscard]] std::string_view name() const noexcept { return "loglik_choice"; }
  void contribute(const sample_view& s, metric_sink& sink) const {
    if (s.scorer != "loglik_choice") return;
    const json* acc = s.details != nullptr ? s.details->find("acc") : nullptr;
    if (acc == nullptr || !acc->is_number()) {
      sink.add("acc", s.state == status::ok && s.correct ? 1.0 : 0.0);
      return;
    }
    sink.add("acc", *acc->as_double());
    if (const json* norm = s.details->find("acc_norm"); norm != nullptr && norm->is_number()) {
      sink.add("acc_norm", *norm->as_double());
    }
    const json* pred_yes = s.details->find("pred_yes");
    const json* gold_yes = s.details->find("gold_yes");
    if (pred_yes != nullptr && gold_yes != nullptr && pred_yes->is_bool() && gold_yes->is_bool()) {
      const bool p = *pred_yes->as_bool(), g = *gold_yes->as_bool();
      if (p || g) sink.add("f1", p && g ? 2.0 : 0.0, p && g ? 2.0 : 1.0);
    }
  }
};

/// A runtime list of contributors (type-erased), consulted for every sample.
class contributor_set {
 public:
  template <metric_contributor C>
  void add(C contributor) {
    names_.emplace_back(contributor.name());
    calls_.push_back([c = std::move(contributor)](const sample_view& s, metric_sink& sink) { c.contribute(s, sink); });
  }
  void contribute(const sample_view& s, metric_sink& sink) const {
    for (const auto& call : calls_) call(s, sink);
  }
  [[nodiscard]] bool empty() const noexcept { return calls_.empty(); }
  [[nodiscard]] const std::vector<std::string>& names() const noexcept { return names_; }

 private:
  std::vector<std::string> names_;
  std::vector<std::function<void(const sample_view&, metric_sink&)>> calls_;
};

/// The built-in contributors: IFEval's four metrics, QA's EM/F1, loglik_choice's acc/acc_norm/f1.
[[nodiscard]] inline contributor_set default_contributors() {
  contributor_set set;
  set.add(instructions_metrics{});
  set.add(qa_metrics{});
  set.add(loglik_choice_metrics{});
  return set;
}

}  // namespace aggregate
TRANSFERSCORE_END_NAMESPACE
