#pragma once
// Paper mode: lm-eval's `coqa` task as the study's fork ran it (snapshot 2025-07-05).
//
// Generation: greedy, stop sequence "\nQ:" (the model's invented next turn never reaches the
// grader). A response holding "\nQ:" was generated without that stop: it is cut there first.
// Prediction (the fork's process_results):
//     pred = results[0].strip()
//     if "</think>" in pred:                       # the fork's edit
//         pred = re.sub(r".*?</think>(\n)*", "", pred, flags=re.DOTALL).strip()
//     pred = pred.split("\n")[0]
// re.sub applies the lazy pattern repeatedly, so it deletes everything through the LAST
// "</think>" plus the line breaks after it. Only the first line is scored: a response that
// starts by echoing "Q: ..." scores that echo.
// Golds (doc_to_target): the last turn's answer, then each additional annotator's answer
// unless its str.lower() equals one already kept (case-insensitive de-duplication, which the
// official script does not do). EM/F1: metric.hpp.

#include <transferscore/config.hpp>
#include <transferscore/compat/python_str.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace qa {

/// The generation's stop sequence in lm-eval's coqa task.
inline constexpr std::string_view lm_eval_stop_sequence = "\nQ:";

/// The answer lm-eval's coqa task (with the fork's edit) compares, from the raw generation.
[[nodiscard]] inline std::string lm_eval_prediction(std::string_view generation) {
  namespace py = compat::py;
  if (const auto stop = generation.find(lm_eval_stop_sequence); stop != std::string_view::npos) generation = generation.substr(0, stop);
  const std::u32string decoded = py::decode_utf8(generation);
  std::u32string_view pred = py::strip(decoded);
  constexpr std::u32string_view think_end = U"</think>";
  if (const auto last = pred.rfind(think_end); last != std::u32string_view::npos) {
    pred.remove_prefix(last + think_end.size());
    while (!pred.empty() && pred.front() == U'\n') pred.remove_prefix(1);
    pred = py::strip(pred);
  }
  if (const auto line_end = pred.find(U'\n'); line_end != std::u32string_view::npos) pred = pred.substr(0, line_end);
  return py::encode_utf8(pred);
}

/// doc_to_target's gold list: `golds` de-duplicated case-insensitively (str.lower), first kept.
[[nodiscard]] inline std::vector<std::string> lm_eval_golds(const std::vector<std::string>& golds) {
  namespace py = compat::py;
  std::vector<std::string> out;
  std::vector<std::u32string> lowered;
  for (const auto& gold : golds) {
    std::u32string key = py::lower(py::decode_utf8(gold));
    if (!out.empty() && std::find(lowered.begin(), lowered.end(), key) != lowered.end()) continue;
    out.push_back(gold);
    lowered.push_back(std::move(key));
  }
  return out;
}

}  // namespace qa
TRANSFERSCORE_END_NAMESPACE
