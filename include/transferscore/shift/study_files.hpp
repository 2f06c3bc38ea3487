#pragma once
// The study's own intermediate files, as its calculate_logits_and_ranks_token_level.py writes
// them (<model>_<dataset>_token_losses.json):
//   {"model": "ReasoningTransferability/UniReason-Qwen3-14B-RL", "dataset": "finetuned_model_response/UniReason-RL_ifeval.jsonl",
//    "results": [{"avg_loss", "perplexity", "token_losses": [{"loss", "token", "rank"}, ...]} | null, ...],
//    "average_perplexity": ...}
// and what its calculate_KL.py does with them:
//   - the tested model is the file's "model", with the study's two names mapped
//     (UniReason-Qwen3-14B-RL -> UniReason-RL, UniReason-Qwen3-14B-think-SFT -> UniReason-SFT),
//     else the part after the last '/';
//   - the generation model is the dataset file name up to its first '_', the task the rest
//     without ".jsonl";
//   - per (generation model, task), results of every file are listed per tested model in file
//     order, a null result or one without "avg_loss" left out (so later results move up);
//   - the generation model's own list is paired by position with each other model's list,
//     up to the shorter; each pair of token lists is truncated to the shorter; a pair with no
//     token is skipped.
// The files were written after the study's slice, so its off-by-one is already in them.
// Each file is one JSON document and is read whole (the study's are a few MB).

#include <transferscore/config.hpp>
#include <transferscore/aggregate/score_table.hpp>
#include <transferscore/core/error.hpp>
#include <transferscore/io/json_parse.hpp>
#include <transferscore/shift/dom_access.hpp>
#include <transferscore/shift/scored_tokens.hpp>
#include <transferscore/shift/token_set.hpp>
#include <transferscore/shift/token_stats.hpp>

#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace shift {

/// The study's short name of a model: its two hard-coded names, else the part after the last '/'.
[[nodiscard]] inline std::string study_model_name(std::string_view model) {
  if (model == "ReasoningTransferability/UniReason-Qwen3-14B-RL") return "UniReason-RL";
  if (model == "ReasoningTransferability/UniReason-Qwen3-14B-think-SFT") return "UniReason-SFT";
  const auto slash = model.rfind('/');
  return std::string(slash == std::string_view::npos ? model : model.substr(slash + 1));
}

/// The generation model and task of a dataset path, as calculate_KL.py splits its file name.
[[nodiscard]] inline std::pair<std::string, std::string> study_generation_and_task(std::string_view dataset) {
  const auto slash = dataset.rfind('/');
  std::string name(slash == std::string_view::npos ? dataset : dataset.substr(slash + 1));
  const auto underscore = name.find('_');
  std::string generation = name.substr(0, underscore);
  std::string task = underscore == std::string::npos ? std::string() : name.substr(underscore + 1);
  for (std::size_t at; (at = task.find(".jsonl")) != std::string::npos;) task.erase(at, 6);  // Python's str.replace: every one
  return {std::move(generation), std::move(task)};
}

/// The files calculate_KL.py would read: in a directory, every *.json whose name contains
/// "token_losses"; files given by name are taken as they are. Sorted by path (the study's
/// script took os.listdir's order, which only matters when two files hold the same model
/// and task).
[[nodiscard]] inline std::vector<std::string> study_file_list(const std::vector<std::string>& inputs) {
  std::vector<std::string> files;
  for (const auto& input : inputs) {
    std::error_code ec;
    if (std::filesystem::is_directory(input, ec)) {
      std::vector<std::string> found;
      for (const auto& entry : std::filesystem::directory_iterator(input)) {
        const std::string name = entry.path().filename().string();
        if (name.size() >= 5 && name.compare(name.size() - 5, 5, ".json") == 0 && name.find("token_losses") != std::string::npos) {
          found.push_back(entry.path().string());
        }
      }
      std::sort(found.begin(), found.end());
      if (found.empty()) TRANSFERSCORE_THROW(io_error(input + ": no *token_losses*.json file"));
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(input);
    }
  }
  return files;
}

/// One result list of one tested model for one (generation model, task).
struct study_results {
  std::string tested_model;
  std::vector<scored_tokens> results;  ///< valid results in order; logprob = -loss
};

struct study_task {
  std::string generation_model;
  std::string task;
  std::vector<study_results> models;  ///< in order of first appearance
};

namespace detail {

inline study_results& study_list(std::vector<study_task>& tasks, const std::string& generation, const std::string& task,
                                 const std::string& tested) {
  auto t = std::find_if(tasks.begin(), tasks.end(), [&](const study_task& x) { return x.generation_model == generation && x.task == task; });
  if (t == tasks.end()) t = tasks.insert(tasks.end(), study_task{generation, task, {}});
  auto m = std::find_if(t->models.begin(), t->models.end(), [&](const study_results& x) { return x.tested_model == tested; });
  if (m == t->models.end()) m = t->models.insert(t->models.end(), study_results{tested, {}});
  return *m;
}

}  // namespace detail

/// Reads one study file into `tasks`. Throws located_error naming the file and the JSON path.
inline void read_study_file(const std::string& path, std::vector<study_task>& tasks) {
  const std::string text = aggregate::read_text_file(path);
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto ec = parser.parse(text).get(root)) TRANSFERSCORE_THROW(located_error(path, 0, "", "invalid JSON: " + io::detail::describe(ec)));
  const detail::where w{path, 0};
  if (!root.is_object()) w.fail("", "expected the object calculate_logits_and_ranks_token_level.py writes");
  auto need = [&](std::string_view key) {
    auto v = detail::member(root, key);
    if (!v) w.fail(key, "missing");
    return *v;
  };
  const std::string tested = study_model_name(detail::as_string(need("model"), w, "model"));
  const auto [generation, task] = study_generation_and_task(detail::as_string(need("dataset"), w, "dataset"));
  study_results& list = detail::study_list(tasks, generation, task, tested);
  std::size_t i = 0;
  for (simdjson::dom::element result : detail::as_array(need("results"), w, "results")) {
    const std::string name = detail::indexed("results", i++);
    if (detail::is_null(result) || !detail::member(result, "avg_loss")) continue;  // skipped as the study's script skips them
    const auto losses = detail::member(result, "token_losses");
    if (!losses) w.fail(name + ".token_losses", "missing");
    scored_tokens s;
    s.key = std::to_string(i - 1);
    s.model = tested;
    s.benchmark = task;
    std::size_t t = 0;
    for (simdjson::dom::element entry : detail::as_array(*losses, w, name + ".token_losses")) {
      simdjson::dom::element v;
      double loss = 0.0;
      if (entry.at_key("loss").get(v) || v.get_double().get(loss)) {
        w.fail(detail::indexed(name + ".token_losses", t, "loss"), "expected a number");
      }
      std::int64_t rank = 0;
      if (!entry.at_key("rank").get(v) && !detail::is_null(v) && (v.get_int64().get(rank) || rank < 1)) {
        w.fail(detail::indexed(name + ".token_losses", t, "rank"), "expected an integer >= 1");
      }
      std::string_view token;
      if (!entry.at_key("token").get(v) && !detail::is_null(v) && v.get_string().get(token)) {
        w.fail(detail::indexed(name + ".token_losses", t, "token"), "expected a string");
      }
      s.push(-loss, rank, -1);
      s.push_text(token);
      ++t;
    }
    list.results.push_back(std::move(s));
  }
}

struct study_pairing_note {
  std::string generation_model, task, message;
};

/// calculate_KL.py on the files: for every generation model (or only `target`), each other
/// tested model is the base of a pair. Adds the responses to `set`; returns what could not be
/// paired, as the study's script warns about it.
inline std::vector<study_pairing_note> compare_study_files(const std::vector<std::string>& inputs, const std::string& target,
                                                           const compare_options& options, token_shift_set& set) {
  std::vector<study_task> tasks;
  for (const auto& file : study_file_list(inputs)) read_study_file(file, tasks);
  compare_options paper = options;
  paper.mode = shift_mode::paper;
  paper.skip_first = false;
  std::vector<study_pairing_note> notes;
  compare_scratch scratch;
  bool any_target = target.empty();
  for (auto& task : tasks) {
    if (!target.empty() && task.generation_model != target) continue;
    any_target = true;
    auto own = std::find_if(task.models.begin(), task.models.end(),
                            [&](const study_results& m) { return m.tested_model == task.generation_model; });
    if (own == task.models.end() || own->results.empty()) {
      notes.push_back({task.generation_model, task.task, "no results of the generation model itself: nothing to compare"});
      continue;
    }
    for (auto& other : task.models) {
      if (other.tested_model == task.generation_model) continue;
      const std::size_t n = std::min(own->results.size(), other.results.size());
      if (n == 0) {
        notes.push_back({task.generation_model, task.task, "no results of " + other.tested_model});
        continue;
      }
      token_shift_accumulator& acc = set.at(task.generation_model, other.tested_model, task.task);
      for (std::size_t i = 0; i < n; ++i) {
        scored_tokens tuned = own->results[i], base = other.results[i];  // copies: one list pairs with several
        (void)compare_response(tuned, base, paper, acc, scratch);
      }
      if (own->results.size() != other.results.size()) {
        notes.push_back({task.generation_model, task.task,
                         "paired the first " + std::to_string(n) + " results of " + task.generation_model + " (" +
                             std::to_string(own->results.size()) + ") and " + other.tested_model + " (" +
                             std::to_string(other.results.size()) + ")"});
      }
    }
  }
  if (!any_target) TRANSFERSCORE_THROW(config_error("no study file was generated by '" + target + "'"));
  return notes;
}

}  // namespace shift
TRANSFERSCORE_END_NAMESPACE
