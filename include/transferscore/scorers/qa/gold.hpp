#pragma once
// The gold answers of a QA record, in the order given (no de-duplication: the official CoQA
// script keeps every annotator's answer). Accepted shapes, first match wins:
//
//   reference.answers = ["white", "White", "a white one"]         a list of gold strings
//   reference.answers = {"input_text": [...], ...}                  an EleutherAI/coqa doc (what
//     reference.questions = {"input_text": [...]}                   lm-eval logs as `doc`): the
//     reference.additional_answers = {"0": {"input_text": [...]}}   turn scored is the last question
//   reference.answers = "white"                                     one gold
//   reference.answer  = "white" or ["white", "a white one"]         one gold, or lm-eval's `target`
//
// A present but unusable field is a malformed record naming that field (never a fallback to
// another field: a half-read gold would score silently wrong).

#include <transferscore/config.hpp>
#include <transferscore/core/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace qa {

struct gold_error {
  std::string field;
  std::string message;
};

namespace detail {

[[nodiscard]] inline bool read_string_list(const json& list, const std::string& field, std::vector<std::string>& out, gold_error& error) {
  const auto* items = list.if_array();
  if (items == nullptr || items->empty()) {
    error = {field, "expected a non-empty list of gold answer strings"};
    return false;
  }
  for (std::size_t i = 0; i < items->size(); ++i) {
    const auto* s = (*items)[i].if_string();
    if (s == nullptr) {
      error = {field + "[" + std::to_string(i) + "]", "a gold answer must be a string"};
      return false;
    }
    out.push_back(*s);
  }
  return true;
}

/// The answer of turn `index` in a CoQA answers mapping ({"input_text": [...], ...}).
[[nodiscard]] inline bool read_turn_answer(const json& answers, std::size_t index, const std::string& field, std::vector<std::string>& out,
                                           gold_error& error) {
  const json* texts = answers.find("input_text");
  const auto* items = texts != nullptr ? texts->if_array() : nullptr;
  if (items == nullptr || index >= items->size() || (*items)[index].if_string() == nullptr) {
    error = {field + ".input_text", "expected a list of strings holding turn " + std::to_string(index + 1)};
    return false;
  }
  out.push_back(*(*items)[index].if_string());
  return true;
}

/// lm-eval's doc_to_target without its de-duplication: the last turn's answer, then each
/// additional annotator's answer for that turn.
[[nodiscard]] inline bool read_coqa_doc(const json& reference, const json& answers, std::vector<std::string>& out, gold_error& error) {
  std::size_t turns = 0;
  if (const json* q = reference.find("questions"); q != nullptr) {
    const json* texts = q->find("input_text");
    if (texts == nullptr || !texts->is_array()) {
      error = {"reference.questions.input_text", "expected the list of questions"};
      return false;
    }
    turns = texts->size();
  } else {
    turns = answers.find("input_text") != nullptr ? answers.find("input_text")->size() : 0;
  }
  if (turns == 0) {
    error = {"reference.questions.input_text", "no turn to score"};
    return false;
  }
  if (!read_turn_answer(answers, turns - 1, "reference.answers", out, error)) return false;
  const json* additional = reference.find("additional_answers");
  if (additional == nullptr || additional->is_null()) return true;
  const auto* annotators = additional->if_object();
  if (annotators == nullptr) {
    error = {"reference.additional_answers", "expected an object of annotator answer lists"};
    return false;
  }
  for (const auto& [key, value] : *annotators) {
    if (!read_turn_answer(value, turns - 1, "reference.additional_answers." + key, out, error)) return false;
  }
  return true;
}

}  // namespace detail

/// Every gold answer of the record (see the file comment); on failure fills `error`.
[[nodiscard]] inline std::optional<std::vector<std::string>> read_golds(const json& reference, gold_error& error) {
  std::vector<std::string> out;
  if (const json* answers = reference.find("answers"); answers != nullptr) {
    bool ok = false;
    if (const auto* s = answers->if_string()) {
      out.push_back(*s);
      ok = true;
    } else if (answers->is_object()) {
      ok = detail::read_coqa_doc(reference, *answers, out, error);
    } else {
      ok = detail::read_string_list(*answers, "reference.answers", out, error);
    }
    if (!ok) return std::nullopt;
    return out;
  }
  if (const json* answer = reference.find("answer"); answer != nullptr) {
    if (const auto* s = answer->if_string()) {
      out.push_back(*s);
      return out;
    }
    if (!detail::read_string_list(*answer, "reference.answer", out, error)) return std::nullopt;
    return out;
  }
  error = {"reference", "missing reference.answers (gold strings) or reference.answer"};
  return std::nullopt;
}

}  // namespace qa
TRANSFERSCORE_END_NAMESPACE
