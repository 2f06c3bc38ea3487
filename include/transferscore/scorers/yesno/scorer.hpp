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
// -> acpbench_bool, anything else -> halueval); halueval_words=auto|true|false (reference
// mode: read HaluEval's judgement words; auto: for benchmark halueval and for records whose
// gold is reference.hallucination); trace_fallback=box|none (reference mode: when nothing
// follows the reasoning trace, read the trace's last box; see docs/choice.md).

#include <transferscore/config.hpp>
#include <transferscore/detail/implementation_only.hpp>
#include <transferscore/core/error.hpp>
#include <transferscore/core/record.hpp>
#include <transferscore/core/registry.hpp>
#include <transferscore/core/verdict.hpp>
#include <transferscore/detail/text.hpp>
#include <transferscore/scorers/yesno/gold.hpp>
#include <transferscore/scorers/yesno/paper.hpp>
#include <transferscore/scorers/yesno/reference.hpp>
#include <transferscore/scorers/yesno/interface.hpp>

#include <cstddef>
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
  /// HaluEval's judgement words in reference mode: by benchmark and gold, always, or never.
  enum class judgement_words : std::uint8_t { automatic, always, never };

  explicit scorer(rule r = rule::reference, judgement_words words = judgement_words::automatic, bool halueval_benchmark = false,
                  bool trace_fallback = true)
      : rule_(r), words_(words), halueval_benchmark_(halueval_benchmark), trace_fallback_(trace_fallback) {}

  [[nodiscard]] static scorer from_options(const scorer_options& o) {
    const auto words = static_cast<judgement_words>(o.get_choice("yesno", "halueval_words", {"auto", "true", "false"}));
    const bool fallback = o.get_choice("yesno", "trace_fallback", {"box", "none"}) == 0;
    const bool halueval = o.benchmark == "halueval";
    if (!o.paper_mode("yesno")) return scorer(rule::reference, words, halueval, fallback);
    const rule rules[] = {o.benchmark == "acpbench_bool" ? rule::acpbench_bool : rule::halueval, rule::halueval,
                          rule::acpbench_bool};
    return scorer(rules[o.get_choice("yesno", "paper_rule", {"auto", "halueval", "acpbench_bool"})], words, halueval, fallback);
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
      case rule::reference: return reference_verdict(r, *gold);
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

  [[nodiscard]] score_result reference_verdict(const record& r, bool gold) const {
    const bool halueval = words_ == judgement_words::always ||
                          (words_ == judgement_words::automatic && (halueval_benchmark_ || r.reference.find("hallucination") != nullptr));
    const json* finish = r.extra.find("finish_reason");
    const bool cut_off = finish != nullptr && finish->is_string() && *finish->if_string() == "length";
    judgement j = extract_judgement(r.response, halueval, cut_off);
    bool from_trace = false;
    if (!j.found() && !j.doubted && trace_fallback_) {
      // Nothing after the reasoning trace states an answer (it is empty, or cut off before
      // one): the trace's own last box is the answer the model reached.
      if (const json* trace = r.extra.find("reasoning_trace"); trace != nullptr && trace->is_string()) {
        const judgement in_trace = extract_judgement(*trace->if_string(), halueval, cut_off);
        if (in_trace.found() && in_trace.source == answer_source::boxed) {
          j = in_trace;
          from_trace = true;
        }
      }
    }
    if (!j.found()) {
      if (j.doubted) {
        score_result out = score_result::no_answer("the last stated answer is doubted by the text after it");
        out.details["reason"] = "doubted";
        return out;
      }
      return score_result::no_answer("no yes/no answer found (both words or neither)");
    }
    score_result out = score_result::judged(j.yes == gold, j.yes ? "yes" : "no");
    out.details["source"] = std::string(to_string(j.source));
    if (from_trace) out.details["read_from"] = "reasoning_trace";
    return out;
  }

  rule rule_;
  judgement_words words_;
  bool halueval_benchmark_;
  bool trace_fallback_;
};

/// Registers the family under "yesno" and maps halueval and acpbench_bool to it.
TRANSFERSCORE_API void register_family(scorer_registry& registry) {
  registry.add_family("yesno", "yes/no judgement from free text (paper mode: lm-eval HaluEval / ACPBench bool filters)",
                      [](const scorer_options& options) -> any_scorer<record> { return scorer::from_options(options); });
  for (const char* benchmark : {"halueval", "acpbench_bool"}) registry.add_benchmark(benchmark, "yesno");
}

}  // namespace yesno
TRANSFERSCORE_END_NAMESPACE
