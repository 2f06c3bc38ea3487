#pragma once
// The `choice` family: a letter answer from free text (gpqa_diamond, acpbench, mmlu_pro).
//
// Modes (the verdict's `mode` names the rule used):
//   reference                   extract_letter (reference.hpp); no letter -> status no_answer
//   paper:evalchemy-gpqa        the study's GPQA-Diamond grader (paper.hpp)
//   paper:lm-eval-acpbench-mcq  the study's ACPBench mcq_cot_2shot filter and exact_match
//   paper:lm-eval-mmlu-pro      lm-eval's mmlu_pro task (not in the study: the harness's rule)
// In paper mode every record the study graded is judged (status ok, score 0 or 1), so the
// mean equals the study's accuracy whatever the aggregator's status policy.
// Settings (--set key=value): paper_rule=auto|evalchemy_gpqa|acpbench_mcq|mmlu_pro (auto:
// acpbench -> acpbench_mcq, mmlu_pro -> mmlu_pro, anything else -> evalchemy_gpqa);
// trace_fallback=box|none (reference mode: when nothing follows the reasoning trace, read
// the trace's last box; see docs/choice.md).

#include <transferscore/config.hpp>
#include <transferscore/detail/implementation_only.hpp>
#include <transferscore/core/error.hpp>
#include <transferscore/core/record.hpp>
#include <transferscore/core/registry.hpp>
#include <transferscore/core/verdict.hpp>
#include <transferscore/detail/text.hpp>
#include <transferscore/scorers/choice/gold.hpp>
#include <transferscore/scorers/choice/paper.hpp>
#include <transferscore/scorers/choice/reference.hpp>
#include <transferscore/scorers/choice/interface.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace choice {

enum class rule : std::uint8_t { reference, evalchemy_gpqa, acpbench_mcq, lm_eval_mmlu_pro };

[[nodiscard]] constexpr std::string_view mode_name(rule r) noexcept {
  switch (r) {
    case rule::reference: return "reference";
    case rule::evalchemy_gpqa: return "paper:evalchemy-gpqa";
    case rule::acpbench_mcq: return "paper:lm-eval-acpbench-mcq";
    case rule::lm_eval_mmlu_pro: return "paper:lm-eval-mmlu-pro";
  }
  return "reference";
}

/// How many bytes of a paper-mode fallback answer (the whole output) the verdict keeps.
inline constexpr std::size_t max_extracted_bytes = 256;

/// The number of options a benchmark has when a record does not say (MMLU-Pro has ten).
[[nodiscard]] inline std::size_t default_option_count(std::string_view benchmark) noexcept {
  return benchmark.substr(0, 8) == "mmlu_pro" ? 10 : 4;
}

class scorer {
 public:
  explicit scorer(rule r = rule::reference, std::size_t default_options = 4, bool trace_fallback = true)
      : rule_(r), default_options_(default_options), trace_fallback_(trace_fallback) {}

  [[nodiscard]] static scorer from_options(const scorer_options& o) {
    const std::size_t options = default_option_count(o.benchmark);
    const bool fallback = o.get_choice("choice", "trace_fallback", {"box", "none"}) == 0;
    if (!o.paper_mode("choice")) return scorer(rule::reference, options, fallback);
    const rule automatic = o.benchmark == "acpbench"           ? rule::acpbench_mcq
                           : o.benchmark.substr(0, 8) == "mmlu_pro" ? rule::lm_eval_mmlu_pro
                                                                : rule::evalchemy_gpqa;
    const rule rules[] = {automatic, rule::evalchemy_gpqa, rule::acpbench_mcq, rule::lm_eval_mmlu_pro};
    return scorer(rules[o.get_choice("choice", "paper_rule", {"auto", "evalchemy_gpqa", "acpbench_mcq", "mmlu_pro"})], options,
                  fallback);
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
    const auto g = read_gold(r.reference, error, default_options_);
    if (!g) return score_result::malformed(error.field, error.message);
    const std::string_view response = r.response;
    switch (rule_) {
      case rule::reference: return reference_verdict(r, *g);
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
      case rule::lm_eval_mmlu_pro: {
        const std::string p = lm_eval_mmlu_pro_prediction(response);
        return score_result::judged(acpbench_exact_match(p, g->letter), p);
      }
    }
    return score_result::failed("choice: unknown rule");
  }

  [[nodiscard]] score_result reference_verdict(const record& r, const gold& g) const {
    const json* finish = r.extra.find("finish_reason");
    const bool cut_off = finish != nullptr && finish->is_string() && *finish->if_string() == "length";
    letter_extraction ex = extract_letter(r.response, g, cut_off);
    bool from_trace = false;
    if (!ex.found() && ex.why == no_letter::nothing && trace_fallback_) {
      // Nothing after the reasoning trace states an answer (it is empty, or cut off before
      // one): the trace's own last box is the answer the model reached.
      if (const json* trace = r.extra.find("reasoning_trace"); trace != nullptr && trace->is_string()) {
        const letter_extraction in_trace = extract_letter(*trace->if_string(), g, cut_off);
        if (in_trace.found() && in_trace.source == letter_source::boxed) {
          ex = in_trace;
          from_trace = true;
        }
      }
    }
    if (!ex.found()) {
      score_result out = score_result::no_answer(std::string(to_string(ex.why)));
      if (ex.why != no_letter::nothing) out.details["reason"] = std::string(reason_name(ex.why));
      return out;
    }
    score_result out = score_result::judged(ex.letter == g.letter, std::string(1, ex.letter));
    out.details["source"] = std::string(to_string(ex.source));
    if (from_trace) out.details["read_from"] = "reasoning_trace";
    if (!g.valid(ex.letter)) out.details["out_of_range"] = true;
    return out;
  }

  [[nodiscard]] static constexpr std::string_view reason_name(no_letter w) noexcept {
    switch (w) {
      case no_letter::two_letters: return "two_letters";
      case no_letter::doubted: return "doubted";
      case no_letter::loop: return "loop";
      case no_letter::nothing: break;
    }
    return "nothing";
  }

  rule rule_;
  std::size_t default_options_;
  bool trace_fallback_;
};

/// Registers the family under "choice" and maps its benchmarks to it: the study's
/// gpqa_diamond and acpbench, GPQA's other subsets, and MMLU-Pro (ten options, A-J).
TRANSFERSCORE_API void register_family(scorer_registry& registry) {
  registry.add_family("choice", "letter answer from free text (paper mode: evalchemy GPQA / lm-eval ACPBench mcq filters)",
                      [](const scorer_options& options) -> any_scorer<record> { return scorer::from_options(options); });
  for (const char* benchmark : {"gpqa_diamond", "acpbench", "gpqa_main", "gpqa_extended", "mmlu_pro"}) {
    registry.add_benchmark(benchmark, "choice");
  }
}

}  // namespace choice
TRANSFERSCORE_END_NAMESPACE
