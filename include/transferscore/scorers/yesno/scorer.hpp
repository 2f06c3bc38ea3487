#pragma once
// The `yesno` family: a yes/no judgement from free text (halueval, acpbench_bool).
//
// Modes (the verdict's `mode` names the rule used):
//   reference                     extract_judgement (reference.hpp); none -> status no_answer
//   paper:lm-eval-halueval        the study's HaluEval grader (paper.hpp)
//   paper:lm-eval-acpbench-bool   the ACPBench bool_cot_2shot filter and exact_match
// In paper mode every record is judged (status ok, score 0 or 1): what the study counted as
// wrong scores 0 under both of the aggregator's status policies.
// Settings (--set key=value): paper_rule=auto|halueval|acpbench_bool (auto: acpbench_bool
// -> acpbench_bool, anything else -> halueval).

#include <transferscore/config.hpp>
#include <transferscore/core/error.hpp>
#include <transferscore/core/record.hpp>
#include <transferscore/core/registry.hpp>
#include <transferscore/core/verdict.hpp>
#include <transferscore/detail/text.hpp>
#include <transferscore/scorers/yesno/gold.hpp>
#include <transferscore/scorers/yesno/paper.hpp>
#include <transferscore/scorers/yesno/reference.hpp>

#include <cstdint>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace yesno {

enum class rule : std::uint8_t { reference, halueval, acpbench_bool };

[[nodiscard]] constexpr std::string_view mode_name(rule r) noexcept {
  switch (r) {
    case rule::reference: return "reference";
    case rule::halueval: return "paper:lm-eval-halueval";
    case rule::acpbench_bool: return "paper:lm-eval-acpbench-bool";
  }
  return "reference";
}

/// How many bytes of a paper-mode answer (a whole line) the verdict keeps.
inline constexpr std::size_t max_extracted_bytes = 256;

class scorer {
 public:
  explicit scorer(rule r = rule::reference) : rule_(r) {}

  [[nodiscard]] static scorer from_options(const scorer_options& o) {
    if (!o.paper_mode("yesno")) return scorer(rule::reference);
    const rule rules[] = {o.benchmark == "acpbench_bool" ? rule::acpbench_bool : rule::halueval, rule::halueval,
                          rule::acpbench_bool};
    return scorer(rules[o.get_choice("yesno", "paper_rule", {"auto", "halueval", "acpbench_bool"})]);
  }

  [[nodiscard]] std::string_view name() const noexcept { return "yesno"; }
  [[nodiscard]] rule active_rule() const noexcept { return rule_; }

  [[nodiscard]] score_result score(const record& r) const {
    score_result result = judge(r);
    result.mode = std::string(mode_name(rule_));
    return result;
  }

 private:
  [[nodiscard]] score_result judge(const record& r) const {
    gold_error error;
    const auto gold = read_gold(r.reference, error);
    if (!gold) return score_result::malformed(error.field, error.message);
    switch (rule_) {
      case rule::reference: {
        const judgement j = extract_judgement(r.response);
        if (!j.found()) return score_result::no_answer("no yes/no answer found (both words or neither)");
        score_result out = score_result::judged(j.yes == *gold, j.yes ? "yes" : "no");
        out.details["source"] = std::string(to_string(j.source));
        return out;
      }
      case rule::halueval: {
        const halueval_reading h = halueval_judgement(r.response);
        score_result out = score_result::judged(h.answer && *h.answer == *gold,
                                                std::string(transferscore::detail::utf8_prefix(h.line, max_extracted_bytes)));
        if (!h.answer) out.details["undecided"] = true;  // both "Yes" and "No", or neither
        return out;
      }
      case rule::acpbench_bool: {
        const acpbench_bool_prediction p = acpbench_bool_filter(r.response);
        score_result out = score_result::judged(!p.empty_match && acpbench_bool_exact_match(p.text, *gold),
                                                std::string(transferscore::detail::utf8_prefix(p.text, max_extracted_bytes)));
        if (p.empty_match) out.details["empty_match"] = true;
        return out;
      }
    }
    return score_result::failed("yesno: unknown rule");
  }

  rule rule_;
};

/// Registers the family under "yesno" and maps halueval and acpbench_bool to it.
inline void register_family(scorer_registry& registry) {
  registry.add_family("yesno", "yes/no judgement from free text (paper mode: lm-eval HaluEval / ACPBench bool filters)",
                      [](const scorer_options& options) -> any_scorer<record> { return scorer::from_options(options); });
  for (const char* benchmark : {"halueval", "acpbench_bool"}) registry.add_benchmark(benchmark, "yesno");
}

}  // namespace yesno
TRANSFERSCORE_END_NAMESPACE
