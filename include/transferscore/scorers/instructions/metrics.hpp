#pragma once
// IFEval's four accuracies, accumulated from verdicts: prompt-level and instruction-level,
// strict and loose (instruction level is micro-averaged over every instruction, duplicates
// included). Mergeable across shards and threads.
//
// A verdict without `details.instructions` (malformed record, unterminated reasoning
// trace, ...) counts as a prompt that followed nothing; its instructions are unknown,
// so it adds to the prompt denominators only and is counted in `prompts_without_details`.

#include <transferscore/config.hpp>
#include <transferscore/core/json.hpp>
#include <transferscore/core/verdict.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <string>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace instructions {

struct metrics {
  std::uint64_t prompts = 0;
  std::uint64_t prompts_strict = 0;  ///< prompts whose every instruction was followed, strict
  std::uint64_t prompts_loose = 0;
  std::uint64_t instructions = 0;
  std::uint64_t instructions_strict = 0;
  std::uint64_t instructions_loose = 0;
  std::uint64_t prompts_without_details = 0;

  /// Per instruction id (and per category, the id's prefix before ':'), as the original's
  /// report prints them.
  struct tally {
    std::uint64_t n = 0, strict = 0, loose = 0;
  };
  std::map<std::string, tally, std::less<>> by_id;

  /// Adds one verdict's `details` (an object with `instructions`: [{id, strict, loose}]).
  void add(const json& details) {
    ++prompts;
    const json* list = details.find("instructions");
    if (list == nullptr || !list->is_array()) {
      ++prompts_without_details;
      return;
    }
    bool all_strict = true, all_loose = true;
    for (const auto& item : *list->if_array()) {
      const bool s = item.find("strict") != nullptr && item.find("strict")->as_bool().value_or(false);
      const bool l = item.find("loose") != nullptr && item.find("loose")->as_bool().value_or(false);
      ++instructions;
      instructions_strict += s ? 1 : 0;
      instructions_loose += l ? 1 : 0;
      if (const json* id = item.find("id"); id != nullptr && id->is_string()) {
        tally& t = by_id[*id->if_string()];
        ++t.n;
        t.strict += s ? 1 : 0;
        t.loose += l ? 1 : 0;
      }
      all_strict = all_strict && s;
      all_loose = all_loose && l;
    }
    prompts_strict += all_strict ? 1 : 0;
    prompts_loose += all_loose ? 1 : 0;
  }
  void add(const verdict& v) { add(v.result.details); }

  void merge(const metrics& o) {
    prompts += o.prompts;
    prompts_strict += o.prompts_strict;
    prompts_loose += o.prompts_loose;
    instructions += o.instructions;
    instructions_strict += o.instructions_strict;
    instructions_loose += o.instructions_loose;
    prompts_without_details += o.prompts_without_details;
    for (const auto& [id, t] : o.by_id) {
      tally& mine = by_id[id];
      mine.n += t.n;
      mine.strict += t.strict;
      mine.loose += t.loose;
    }
  }

  [[nodiscard]] static double ratio(std::uint64_t a, std::uint64_t b) { return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b); }
  [[nodiscard]] double prompt_level_strict_acc() const { return ratio(prompts_strict, prompts); }
  [[nodiscard]] double prompt_level_loose_acc() const { return ratio(prompts_loose, prompts); }
  [[nodiscard]] double inst_level_strict_acc() const { return ratio(instructions_strict, instructions); }
  [[nodiscard]] double inst_level_loose_acc() const { return ratio(instructions_loose, instructions); }

  [[nodiscard]] static json tally_json(const tally& t) {
    json j = json::object();
    j["n"] = static_cast<std::int64_t>(t.n);
    j["strict_acc"] = ratio(t.strict, t.n);
    j["loose_acc"] = ratio(t.loose, t.n);
    return j;
  }

  /// The four accuracies under the names the original and lm-eval print, the counts, and
  /// the per-category and per-instruction accuracies.
  [[nodiscard]] json to_json() const {
    json out = json::object();
    out["prompt_level_strict_acc"] = prompt_level_strict_acc();
    out["inst_level_strict_acc"] = inst_level_strict_acc();
    out["prompt_level_loose_acc"] = prompt_level_loose_acc();
    out["inst_level_loose_acc"] = inst_level_loose_acc();
    out["prompts"] = static_cast<std::int64_t>(prompts);
    out["instructions"] = static_cast<std::int64_t>(instructions);
    out["prompts_without_details"] = static_cast<std::int64_t>(prompts_without_details);
    std::map<std::string, tally, std::less<>> categories;
    json ids = json::object();
    for (const auto& [id, t] : by_id) {
      ids[id] = tally_json(t);
      tally& c = categories[id.substr(0, id.find(':'))];
      c.n += t.n;
      c.strict += t.strict;
      c.loose += t.loose;
    }
    json cats = json::object();
    for (const auto& [name, t] : categories) cats[name] = tally_json(t);
    out["by_category"] = std::move(cats);
    out["by_instruction"] = std::move(ids);
    return out;
  }
};

}  // namespace instructions
TRANSFERSCORE_END_NAMESPACE
