#pragma once
// lm-evaluation-harness task names, mapped onto registry benchmarks. lm-eval names a task
// family by a prefix and its variants by suffixes (`gpqa_diamond_cot_zeroshot`,
// `mmlu_pro_biology`, `leaderboard_math_algebra_hard`): a task matches an entry when its name
// is the entry's name or starts with it followed by `_`, and the longest match wins
// (`hendrycks_math_500` before `hendrycks_math`; `mmlu_prox_*` is not `mmlu_pro`).
// Log-likelihood variants of a generative benchmark (the Open LLM Leaderboard's
// `leaderboard_gpqa_*` and `leaderboard_mmlu_pro`, lm-eval's `gpqa_*_zeroshot`) score other
// evidence than generated text, so they map onto their own `*_loglik` benchmark (family
// loglik_choice). docs/choice.md and the README list this table.

#include <transferscore/config.hpp>

#include <cstddef>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace io {

struct lm_eval_task {
  std::string_view task;            ///< the task name, or the prefix of its family
  std::string_view benchmark;       ///< for generated text
  std::string_view loglik_benchmark;  ///< for log-likelihood samples (empty: the same)
};

inline constexpr lm_eval_task lm_eval_tasks[] = {
    // MATH-500: the study's fork, lm-eval's two prompts, other spellings
    {"hendrycks_math_500", "math500", ""},
    {"hendrycks_math500", "math500", ""},
    {"minerva_math500", "math500", ""},
    {"math500", "math500", ""},
    {"math_500", "math500", ""},
    // MATH test set (5,000 items in 7 subjects) and its level-5 subset (Open LLM Leaderboard)
    {"hendrycks_math", "hendrycks_math", ""},
    {"minerva_math", "hendrycks_math", ""},
    {"leaderboard_math", "math_hard", ""},
    // competitions ("AIME" is the study's fork's AIME 2024 task; lm-eval's "aime" spans all years)
    {"AIME", "aime24", ""},
    {"aime24", "aime24", ""},
    {"aime25", "aime25", ""},
    {"olympiad", "olympiadbench", ""},
    {"olympiadbench", "olympiadbench", ""},
    // GPQA: generative variants (cot_zeroshot, cot_n_shot, generative_n_shot) and log-likelihood ones
    {"gpqa_diamond", "gpqa_diamond", "gpqa_diamond_loglik"},
    {"gpqa_main", "gpqa_main", "gpqa_main_loglik"},
    {"gpqa_extended", "gpqa_extended", "gpqa_extended_loglik"},
    {"leaderboard_gpqa_diamond", "gpqa_diamond", "gpqa_diamond_loglik"},
    {"leaderboard_gpqa_main", "gpqa_main", "gpqa_main_loglik"},
    {"leaderboard_gpqa_extended", "gpqa_extended", "gpqa_extended_loglik"},
    // MMLU-Pro: lm-eval's generative CoT task per subject, the leaderboard's log-likelihood one
    {"mmlu_pro", "mmlu_pro", "mmlu_pro_loglik"},
    {"leaderboard_mmlu_pro", "mmlu_pro", "mmlu_pro_loglik"},
    // IFEval
    {"ifeval", "ifeval", ""},
    {"leaderboard_ifeval", "ifeval", ""},
    // the study's other lm-eval tasks
    {"halueval", "halueval", ""},
    {"coqa", "coqa", ""},
    {"headqa", "headqa", ""},
    {"head_qa", "headqa", ""},
    {"mc_taco", "mc_taco", ""},
    {"livecodebench", "livecodebench", ""},
};

/// ACPBench tasks are named per planning task: `acp_<task>_mcq[_cot_2shot]` (multiple choice)
/// and `acp_<task>_bool[_cot_2shot]` (yes/no); the generative `acp_<task>_gen` has no benchmark here.
[[nodiscard]] inline std::string_view acpbench_benchmark(std::string_view task) noexcept {
  if (task.substr(0, 4) != "acp_") return {};
  if (task.find("_bool") != std::string_view::npos) return "acpbench_bool";
  if (task.find("_mcq") != std::string_view::npos) return "acpbench";
  return {};
}

/// The registry benchmark of an lm-eval task name (`loglik`: the samples hold
/// log-likelihoods), or the task name itself when the table does not know it (the pipeline
/// then reports an unknown benchmark, naming it).
[[nodiscard]] inline std::string benchmark_from_lm_eval_task(std::string_view task, bool loglik = false) {
  if (const std::string_view acp = acpbench_benchmark(task); !acp.empty()) return std::string(acp);
  const lm_eval_task* best = nullptr;
  for (const auto& e : lm_eval_tasks) {
    const bool matches = task == e.task || (task.size() > e.task.size() && task.substr(0, e.task.size()) == e.task && task[e.task.size()] == '_');
    if (matches && (best == nullptr || e.task.size() > best->task.size())) best = &e;
  }
  if (best == nullptr) return std::string(task);
  return std::string(loglik && !best->loglik_benchmark.empty() ? best->loglik_benchmark : best->benchmark);
}

}  // namespace io
TRANSFERSCORE_END_NAMESPACE
