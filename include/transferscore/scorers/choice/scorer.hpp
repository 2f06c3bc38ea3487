#pragma once
// The `choice` family: a letter answer from free text (gpqa_diamond, acpbench).
//
// Modes (the verdict's `mode` names the rule used):
//   reference                   extract_letter (reference.hpp); no letter -> status no_answer
//   paper:evalchemy-gpqa        the study's GPQA-Diamond grader (paper.hpp)
//   paper:lm-eval-acpbench-mcq  the study's ACPBench mcq_cot_2shot filter and exact_match
// In paper mode every record the study graded is judged (status ok, score 0 or 1), so the
// mean equals the study's accuracy whatever the aggregator's status policy.
// Settings (--set key=value): paper_rule=auto|evalchemy_gpqa|acpbench_mcq (auto: acpbench
// -> acpbench_mcq, anything else -> evalchemy_gpqa).

#include <transferscore/config.hpp>
#include <transferscore/core/error.hpp>
#include <transferscore/core/record.hpp>
#include <transferscore/core/registry.hpp>
#include <transferscore/core/verdict.hpp>
#include <transferscore/detail/text.hpp>
#include <transferscore/scorers/choice/gold.hpp>
#include <transferscore/scorers/choice/paper.hpp>
#include <transferscore/scorers/choice/reference.hpp>

#include <cstdint>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace choice {

enum class rule : std::uint8_t { reference, evalchemy_gpqa, acpbench_mcq };

[[nodiscard]] constexpr std::string_view mode_name(rule r) noexcept {
  switch (r) {
    case rule::reference: return "reference";
    case rule::evalchemy_gpqa: return "paper:evalchemy-gpqa";
    case rule::acpbench_mcq: return "paper:lm-eval-acpbench-mcq";
  }
  return "reference";
}

/// How many bytes of a paper-mode fallback answer (the whole output) the verdict keeps.
inline constexpr std::size_t max_extracted_bytes = 256;

class scorer {
 public:
  explicit scorer(rule r = rule::reference) : rule_(r) {}

  [[nodiscard]] static scorer from_options(const scorer_options& o) {
    if (!o.paper_mode("choice")) return scorer(rule::reference);
    const rule rules[] = {o.benchmark == "acpbench" ? rule::acpbench_mcq : rule::evalchemy_gpqa, rule::evalchemy_gpqa,
                          rule::acpbench_mcq};
    return scorer(rules[o.get_choice("choice", "paper_rule", {"auto", "evalchemy_gpqa", "acpbench_mcq"})]);
  }

  [[nodiscard]] std::string_view name() const noexcept { return "choice"; }
  [[nodiscard]] rule active_rule() const noexcept { return rule_; }

  [[nodiscard]] score_result score(const record& r) const {
    score_result result = judge(r);
    result.mode = std::string(mode_name(rule_));
    return result;
  }

 private:
  [[nodiscard]] score_result judge(const record& r) const {
    gold_error error;
    const auto g = read_gold(r.reference, error);
    if (!g) return score_result::malformed(error.field, error.message);
    const std::string_view response = r.response;
    switch (rule_) {
      case rule::reference: {
        const letter_extraction ex = extract_letter(response, *g);
        if (!ex.found()) return score_result::no_answer("no answer letter found");
        score_result out = score_result::judged(ex.letter == g->letter, std::string(1, ex.letter));
        out.details["source"] = std::string(to_string(ex.source));
        if (!g->valid(ex.letter)) out.details["out_of_range"] = true;
        return out;
      }
      case rule::evalchemy_gpqa: {
        const std::string answer = evalchemy_gpqa_answer(response);
        const bool correct = answer.size() == 1 && answer[0] == g->letter;
        score_result out = score_result::judged(correct, std::string(transferscore::detail::utf8_prefix(answer, max_extracted_bytes)));
        if (answer.size() > max_extracted_bytes) out.details["extracted_truncated"] = true;
        return out;
      }
      case rule::acpbench_mcq: {
        const acpbench_prediction p = acpbench_mcq_prediction(response);
        score_result out = score_result::judged(!p.empty_match && acpbench_exact_match(p.text, g->letter),
                                                std::string(transferscore::detail::utf8_prefix(p.text, max_extracted_bytes)));
        out.details["path"] = std::string(p.path);
        if (p.empty_match) out.details["empty_match"] = true;
        return out;
      }
    }
    return score_result::failed("choice: unknown rule");
  }

  rule rule_;
};

/// Registers the family under "choice" and maps gpqa_diamond and acpbench to it.
inline void register_family(scorer_registry& registry) {
  registry.add_family("choice", "letter answer from free text (paper mode: evalchemy GPQA / lm-eval ACPBench mcq filters)",
                      [](const scorer_options& options) -> any_scorer<record> { return scorer::from_options(options); });
  for (const char* benchmark : {"gpqa_diamond", "acpbench"}) registry.add_benchmark(benchmark, "choice");
}

}  // namespace choice
TRANSFERSCORE_END_NAMESPACE
