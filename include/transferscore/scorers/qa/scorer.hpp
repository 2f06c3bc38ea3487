#pragma once
// The `qa` family: free-form short answers scored by SQuAD-style EM and token F1 (coqa).
//
// Modes (the verdict's `mode` names the rule used):
//   reference            the official CoQA metric (evaluate-v1.0.py): every gold as given,
//                        the answer read by extract_answer (reference.hpp)
//   paper:lm-eval-coqa   lm-eval's coqa task with the study fork's </think> edit (paper.hpp):
//                        golds de-duplicated case-insensitively, the first line scored
// Both: leave-one-out average over several golds (metric.hpp). Every record with a usable
// gold is judged (status ok), an empty answer included.
// Verdict: score = F1 (or EM with --set score=em), correct = (EM == 1), extracted = the
// answer compared, details = {em, f1, golds (how many were compared), best_gold}.

#include <transferscore/config.hpp>
#include <transferscore/detail/implementation_only.hpp>
#include <transferscore/core/error.hpp>
#include <transferscore/core/record.hpp>
#include <transferscore/core/registry.hpp>
#include <transferscore/core/verdict.hpp>
#include <transferscore/detail/text.hpp>
#include <transferscore/scorers/qa/gold.hpp>
#include <transferscore/scorers/qa/metric.hpp>
#include <transferscore/scorers/qa/paper.hpp>
#include <transferscore/scorers/qa/reference.hpp>
#include <transferscore/scorers/qa/interface.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace qa {

enum class rule : std::uint8_t { reference, lm_eval_coqa };
enum class score_metric : std::uint8_t { f1, em };

[[nodiscard]] constexpr std::string_view mode_name(rule r) noexcept {
  return r == rule::lm_eval_coqa ? "paper:lm-eval-coqa" : "reference";
}

/// How many bytes of the compared answer (and of the best gold) the verdict keeps.
inline constexpr std::size_t max_extracted_bytes = 512;

class scorer {
 public:
  explicit scorer(rule r = rule::reference, score_metric m = score_metric::f1) : rule_(r), metric_(m) {}

  [[nodiscard]] static scorer from_options(const scorer_options& o) {
    const rule r = o.paper_mode("qa") ? rule::lm_eval_coqa : rule::reference;
    return scorer(r, o.get_choice("qa", "score", {"f1", "em"}) == 1 ? score_metric::em : score_metric::f1);
  }

  [[nodiscard]] std::string_view name() const noexcept { return "qa"; }
  [[nodiscard]] rule active_rule() const noexcept { return rule_; }
  [[nodiscard]] score_metric active_metric() const noexcept { return metric_; }

  [[nodiscard]] score_result score(const record& r) const {
    score_result result = judge(r);
    result.mode = std::string(mode_name(rule_));
    return result;
  }

 private:
  [[nodiscard]] score_result judge(const record& r) const {
    gold_error error;
    auto golds = read_golds(r.reference, error);
    if (!golds) return score_result::malformed(error.field, error.message);
    std::string answer;
    if (rule_ == rule::lm_eval_coqa) {
      *golds = lm_eval_golds(*golds);
      answer = lm_eval_prediction(r.response);
    } else {
      answer = extract_answer(r.response);
    }
    const turn_score t = score_turn(*golds, answer);
    const std::string_view kept = transferscore::detail::utf8_prefix(answer, max_extracted_bytes);
    score_result out = score_result::judged(t.em == 1.0, std::string(kept));
    out.score = metric_ == score_metric::em ? t.em : t.f1;
    out.details["em"] = t.em;
    out.details["f1"] = t.f1;
    out.details["golds"] = static_cast<std::int64_t>(golds->size());
    out.details["best_gold"] = std::string(transferscore::detail::utf8_prefix((*golds)[t.best_gold], max_extracted_bytes));
    if (kept.size() < answer.size()) out.details["extracted_truncated"] = true;
    return out;
  }

  rule rule_;
  score_metric metric_;
};

/// Registers the family under "qa" and maps coqa to it.
TRANSFERSCORE_API void register_family(scorer_registry& registry) {
  registry.add_family("qa", "SQuAD-style EM and token F1 over several golds (CoQA official; paper mode: lm-eval coqa)",
                      [](const scorer_options& options) -> any_scorer<record> { return scorer::from_options(options); });
  registry.add_benchmark("coqa", "qa");
}

}  // namespace qa
TRANSFERSCORE_END_NAMESPACE
