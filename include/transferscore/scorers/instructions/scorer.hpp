#pragma once
// The `instructions` scorer family (benchmark `ifeval`): IFEval's 25 verifiable
// instructions, strict and loose, as the original implementation judges them.
//
// Gold: reference.instruction_id_list (ids), reference.kwargs (one object per id; null
// members ignored), reference.prompt (optional; used by combination:repeat_prompt when
// prompt_to_repeat is absent, in reference mode).
//
// Verdict: correct = every instruction followed (strict); details.instructions lists
// {id, strict, loose} in instruction order, plus prompt_strict and prompt_loose.
//
// Settings:
//   score=prompt_strict (default) | prompt_loose | instruction_strict | instruction_loose
//          what `score` holds: 0/1 for the prompt level, the fraction followed otherwise
//   punkt_dir=DIR   NLTK punkt_tab/english parameters (the CLI's --punkt-dir); else the
//                   environment variable TRANSFERSCORE_PUNKT_DIR; else our fallback
//                   splitter, and every verdict's mode says "<mode>+fallback-sentences".

#include <transferscore/config.hpp>
#include <transferscore/detail/implementation_only.hpp>
#include <transferscore/core/error.hpp>
#include <transferscore/core/record.hpp>
#include <transferscore/core/registry.hpp>
#include <transferscore/core/verdict.hpp>
#include <transferscore/scorers/instructions/langdetect.hpp>
#include <transferscore/scorers/instructions/loose.hpp>
#include <transferscore/scorers/instructions/parse.hpp>
#include <transferscore/scorers/instructions/punkt.hpp>
#include <transferscore/scorers/instructions/interface.hpp>

#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace instructions {

enum class score_level : unsigned char { prompt_strict, prompt_loose, instruction_strict, instruction_loose };

/// Where the Punkt parameters come from: the setting, else the environment; empty = none.
[[nodiscard]] inline std::string punkt_dir_from(const scorer_options& options) {
  if (options.has("punkt_dir")) return std::string(options.get("punkt_dir"));
  if (const char* env = std::getenv("TRANSFERSCORE_PUNKT_DIR"); env != nullptr) return env;
  return {};
}

class scorer {
 public:
  /// `punkt`: the English Punkt parameters, or nullptr for the fallback splitter.
  explicit scorer(std::shared_ptr<const punkt_parameters> punkt, std::string mode = "reference",
                  score_level level = score_level::prompt_strict)
      : fallback_(punkt == nullptr),
        punkt_(punkt ? std::move(punkt) : std::make_shared<const punkt_parameters>(punkt_parameters::fallback())),
        detector_(std::make_shared<const language_detector>()),
        mode_(std::move(mode)),
        level_(level) {}

  /// Reads the settings; throws config_error for a bad mode or score level, or an unreadable punkt_dir.
  [[nodiscard]] static scorer from_options(const scorer_options& options) {
    (void)options.paper_mode("instructions");  // reference or paper; anything else is an error
    constexpr score_level levels[] = {score_level::prompt_strict, score_level::prompt_loose, score_level::instruction_strict,
                                      score_level::instruction_loose};
    const score_level level = levels[options.get_choice(
        "instructions", "score", {"prompt_strict", "prompt_loose", "instruction_strict", "instruction_loose"})];
    std::shared_ptr<const punkt_parameters> punkt;
    const std::string dir = punkt_dir_from(options);
    if (!dir.empty()) {
      std::string error;
      auto params = punkt_parameters::load(dir, &error);
      if (!params) TRANSFERSCORE_THROW(config_error("punkt_dir: " + error));
      punkt = std::make_shared<const punkt_parameters>(std::move(*params));
    }
    return scorer(std::move(punkt), options.mode, level);
  }

  [[nodiscard]] std::string_view name() const noexcept { return "instructions"; }
  /// True when no Punkt parameters were given and the fallback splitter is in use.
  [[nodiscard]] bool uses_fallback_sentences() const noexcept { return fallback_; }

  [[nodiscard]] score_result score(const record& r) const {
    score_result result = judge(r);
    if (fallback_) result.mode = mode_ + "+fallback-sentences";
    return result;
  }

  /// Parses the gold of `r` into instructions (or says which field is wrong).
  [[nodiscard]] std::optional<parse_error> parse(const record& r, std::vector<instruction>& out) const {
    if (!r.reference.is_object()) return parse_error{"reference", "reference must be an object"};
    const json* ids = r.reference.find("instruction_id_list");
    if (ids == nullptr || !ids->is_array()) {
      return parse_error{"reference.instruction_id_list", "missing list reference.instruction_id_list"};
    }
    if (ids->size() == 0) return parse_error{"reference.instruction_id_list", "the instruction list is empty"};
    const json* kwargs = r.reference.find("kwargs");
    if (kwargs == nullptr || !kwargs->is_array()) return parse_error{"reference.kwargs", "missing list reference.kwargs"};
    if (kwargs->size() != ids->size()) {
      return parse_error{"reference.kwargs", "reference.kwargs has " + std::to_string(kwargs->size()) +
                                                 " entries for " + std::to_string(ids->size()) + " instructions"};
    }
    parse_context context;
    if (const json* p = r.reference.find("prompt"); p != nullptr) context.prompt = p->if_string();
    context.prompt_fallback = mode_ != "paper";
    out.resize(ids->size());
    for (std::size_t i = 0; i < ids->size(); ++i) {
      const json& k = (*kwargs->if_array())[i];
      if (auto e = parse_instruction((*ids->if_array())[i], k.is_null() ? nullptr : &k, i, context, out[i])) return e;
    }
    return std::nullopt;
  }

 private:
  [[nodiscard]] score_result judge(const record& r) const {
    std::vector<instruction> list;
    if (auto e = parse(r, list)) return score_result::malformed(std::move(e->field), std::move(e->message));

    const std::u32string response = compat::py::decode_utf8(r.response);
    const punkt_tokenizer punkt(*punkt_);
    const check_env env{punkt, *detector_};
    const auto outcomes = evaluate(list, response, env);

    bool all_strict = true, all_loose = true;
    std::size_t n_strict = 0, n_loose = 0;
    json items = json::array();
    for (std::size_t i = 0; i < list.size(); ++i) {
      json item = json::object();
      item["id"] = std::move(list[i].id);  // the instructions are not needed after this
      item["strict"] = outcomes[i].strict;
      item["loose"] = outcomes[i].loose;
      items.push_back(std::move(item));
      all_strict = all_strict && outcomes[i].strict;
      all_loose = all_loose && outcomes[i].loose;
      n_strict += outcomes[i].strict ? 1 : 0;
      n_loose += outcomes[i].loose ? 1 : 0;
    }
    score_result result = score_result::judged(all_strict);
    const double n = static_cast<double>(list.size());
    switch (level_) {
      case score_level::prompt_strict: result.score = all_strict ? 1.0 : 0.0; break;
      case score_level::prompt_loose: result.score = all_loose ? 1.0 : 0.0; break;
      case score_level::instruction_strict: result.score = static_cast<double>(n_strict) / n; break;
      case score_level::instruction_loose: result.score = static_cast<double>(n_loose) / n; break;
    }
    result.details = json::object();
    result.details["instructions"] = std::move(items);
    result.details["prompt_strict"] = all_strict;
    result.details["prompt_loose"] = all_loose;
    if (compat::py::is_blank(response)) {
      // The original fails every instruction on a blank response; say why.
      result.status = status::no_answer;
      result.message = "the response is empty or whitespace: every instruction counts as not followed";
    }
    return result;
  }

  bool fallback_;
  std::shared_ptr<const punkt_parameters> punkt_;
  std::shared_ptr<const language_detector> detector_;
  std::string mode_;
  score_level level_;
};

/// Registers the family "instructions" and maps the benchmark "ifeval" to it.
TRANSFERSCORE_API void register_family(scorer_registry& registry) {
  registry.add_family("instructions", "IFEval verifiable instructions (25 ids), strict and loose, as the original judges them",
                      [](const scorer_options& options) -> any_scorer<record> { return scorer::from_options(options); });
  registry.add_benchmark("ifeval", "instructions");
}

}  // namespace instructions
TRANSFERSCORE_END_NAMESPACE
