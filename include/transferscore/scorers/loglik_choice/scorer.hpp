#pragma once
// The `loglik_choice` family: multiple choice scored from per-choice log-likelihoods, as
// lm-eval scores its multiple_choice tasks (headqa, mc_taco). No generated text is read.
//
// Modes (the verdict's `mode` names the rule used). The study ran lm-eval's own rule,
// which is also the reference rule per record, so both modes compute the same verdict:
//   reference                      acc = argmax (first maximum) == gold; acc_norm likewise
//                                  with each log-likelihood divided by its choice's length
//   paper:lm-eval-headqa           the same (lm-eval headqa_en / headqa_es)
//   paper:lm-eval-mc_taco          the same (lm-eval mc_taco: acc, and F1 pooled over candidates)
//   paper:lm-eval-multiple-choice  the same, for any other benchmark
// Settings (--set key=value): score=acc|acc_norm (what `score` and `correct` report; the
// details always carry both when the choice texts are known), task=auto|headqa|mc_taco|generic
// (auto: from the benchmark name).
//
// details: acc, pred, gold and, when the choice texts are known (headqa and generic),
// acc_norm and pred_norm; for mc_taco pred_yes and gold_yes (the positive class of F1) and
// question (the key that groups a question's candidates, when the document has it).

#include <transferscore/config.hpp>
#include <transferscore/detail/implementation_only.hpp>
#include <transferscore/core/error.hpp>
#include <transferscore/core/record.hpp>
#include <transferscore/core/registry.hpp>
#include <transferscore/core/verdict.hpp>
#include <transferscore/scorers/loglik_choice/argmax.hpp>
#include <transferscore/scorers/loglik_choice/inputs.hpp>
#include <transferscore/scorers/loglik_choice/interface.hpp>

#include <cstdint>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace loglik_choice {

enum class metric : std::uint8_t { acc, acc_norm };

[[nodiscard]] constexpr task task_of_benchmark(std::string_view benchmark) noexcept {
  if (benchmark == "headqa") return task::headqa;
  if (benchmark == "mc_taco") return task::mc_taco;
  return task::generic;
}

[[nodiscard]] constexpr std::string_view paper_mode_name(task t) noexcept {
  switch (t) {
    case task::headqa: return "paper:lm-eval-headqa";
    case task::mc_taco: return "paper:lm-eval-mc_taco";
    case task::generic: break;
  }
  return "paper:lm-eval-multiple-choice";
}

class scorer {
 public:
  explicit scorer(task t = task::generic, metric m = metric::acc, bool paper = false)
      : task_(t), metric_(m), paper_(paper) {}

  [[nodiscard]] static scorer from_options(const scorer_options& o) {
    const bool paper = o.paper_mode("loglik_choice");
    const task tasks[] = {task_of_benchmark(o.benchmark), task::headqa, task::mc_taco, task::generic};
    const task chosen = tasks[o.get_choice("loglik_choice", "task", {"auto", "headqa", "mc_taco", "generic"})];
    const metric m = o.get_choice("loglik_choice", "score", {"acc", "acc_norm"}) == 0 ? metric::acc : metric::acc_norm;
    if (m == metric::acc_norm && chosen == task::mc_taco) {
      TRANSFERSCORE_THROW(config_error("loglik_choice: mc_taco has no acc_norm (lm-eval reports acc and f1)"));
    }
    return scorer(chosen, m, paper);
  }

  [[nodiscard]] std::string_view name() const noexcept { return "loglik_choice"; }
  [[nodiscard]] task active_task() const noexcept { return task_; }
  [[nodiscard]] std::string_view mode_name() const noexcept { return paper_ ? paper_mode_name(task_) : "reference"; }

  [[nodiscard]] score_result score(const record& r) const {
    score_result result = judge(r);
    result.mode = std::string(mode_name());
    return result;
  }

 private:
  [[nodiscard]] score_result judge(const record& r) const {
    input_error error;
    const auto logprobs = read_logprobs(r, error);
    if (!logprobs) return score_result::malformed(error.field, error.message);
    const auto choices = read_choices(r.reference, task_, error);
    if (!choices) return score_result::malformed(error.field, error.message);
    if (!choices->empty() && choices->size() != logprobs->size()) {
      return score_result::malformed("reference.choices", std::to_string(choices->size()) + " choice texts for " +
                                                              std::to_string(logprobs->size()) + " log-probabilities");
    }
    const auto gold = read_gold(r, task_, logprobs->size(), *choices, error);
    if (!gold) return score_result::malformed(error.field, error.message);

    const std::size_t pred = first_argmax(*logprobs);
    // A plain index and a flag rather than an optional: GCC 12 at -O2 warns falsely
    // (-Wmaybe-uninitialized) on the optional's payload once the json constructor is inlined.
    std::size_t pred_norm = 0;
    bool has_norm = false;
    if (task_ != task::mc_taco) {
      if (const auto n = normalized_argmax(*logprobs, *choices)) {
        pred_norm = *n;
        has_norm = true;
      }
    }
    if (metric_ == metric::acc_norm && !has_norm) {
      return score_result::malformed("reference.choices", "acc_norm needs every choice's text, none of them empty");
    }
    const std::size_t judged = metric_ == metric::acc_norm ? pred_norm : pred;
    score_result out = score_result::judged(judged == *gold, std::to_string(judged));
    out.details = json::object();
    out.details["acc"] = pred == *gold ? 1 : 0;
    out.details["pred"] = pred;
    if (has_norm) {
      out.details["acc_norm"] = pred_norm == *gold ? 1 : 0;
      out.details["pred_norm"] = pred_norm;
    }
    out.details["gold"] = *gold;
    if (task_ == task::mc_taco) {
      out.details["pred_yes"] = pred == 1;
      out.details["gold_yes"] = *gold == 1;
      if (auto key = question_key(r.reference); !key.empty()) out.details["question"] = std::move(key);
    }
    return out;
  }

  task task_;
  metric metric_;
  bool paper_;
};

/// Registers the family under "loglik_choice" and maps headqa and mc_taco to it, and the
/// log-likelihood variants of GPQA and MMLU-Pro (the Open LLM Leaderboard's tasks).
TRANSFERSCORE_API void register_family(scorer_registry& registry) {
  registry.add_family("loglik_choice", "multiple choice from per-choice log-likelihoods: lm-eval acc / acc_norm (headqa, mc_taco)",
                      [](const scorer_options& options) -> any_scorer<record> { return scorer::from_options(options); });
  for (const char* benchmark : {"headqa", "mc_taco", "gpqa_diamond_loglik", "gpqa_main_loglik", "gpqa_extended_loglik", "mmlu_pro_loglik"}) {
    registry.add_benchmark(benchmark, "loglik_choice");
  }
}

}  // namespace loglik_choice
TRANSFERSCORE_END_NAMESPACE
