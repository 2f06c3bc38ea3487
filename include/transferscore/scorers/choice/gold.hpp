#pragma once
// The gold of a multiple-choice record: reference.answer is a letter ("B", "(B)") or a 0-based
// index; the valid letters come from reference.labels, else from the number of options
// (reference.choices as a list or {"text": [...]}, MMLU-Pro's reference.options, lm-eval
// GPQA's choice1..choice4, or reference.num_choices), else the benchmark's default (A-D;
// A-J for MMLU-Pro).

#include <transferscore/config.hpp>
#include <transferscore/core/json.hpp>
#include <transferscore/detail/text.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace choice {

struct gold {
  char letter = 0;                 ///< upper case
  std::vector<char> labels;        ///< the valid letters, in option order
  std::vector<std::string> texts;  ///< option texts, when the record gives them

  [[nodiscard]] bool valid(char c) const noexcept {
    for (char l : labels) {
      if (l == c) return true;
    }
    return false;
  }
  /// The label of the option whose text is `i`-th.
  [[nodiscard]] char label(std::size_t i) const noexcept { return i < labels.size() ? labels[i] : '\0'; }
};

struct gold_error {
  std::string field;
  std::string message;
};

/// "B", "(B)", " b " -> 'B'; anything else -> nothing.
[[nodiscard]] inline std::optional<char> letter_of(std::string_view s) {
  s = detail::trim_ascii(s);
  if (s.size() == 3 && ((s.front() == '(' && s.back() == ')') || (s.front() == '[' && s.back() == ']'))) s = s.substr(1, 1);
  if (s.size() != 1) return std::nullopt;
  const char c = s[0];
  if (c >= 'a' && c <= 'z') return static_cast<char>(c - 'a' + 'A');
  if (c >= 'A' && c <= 'Z') return c;
  return std::nullopt;
}

/// Reads the gold of `reference`; on failure fills `error` and returns nothing. A record
/// that gives no option count has `default_options` options.
[[nodiscard]] inline std::optional<gold> read_gold(const json& reference, gold_error& error, std::size_t default_options = 4) {
  gold g;
  const json* choices = reference.find("choices");
  const char* texts_field = "reference.choices";
  const json* texts = choices;
  if (choices != nullptr && choices->if_object() != nullptr) texts = choices->find("text");  // ACPBench's {"text", "label"}
  if (texts == nullptr && (texts = reference.find("options")) != nullptr) texts_field = "reference.options";  // MMLU-Pro
  if (texts != nullptr) {
    const auto* list = texts->if_array();
    if (list == nullptr) {
      error = {texts_field, "choices must be a list of option texts (or an object with a text list)"};
      return std::nullopt;
    }
    for (const auto& t : *list) {
      const auto* s = t.if_string();
      if (s == nullptr) {
        error = {texts_field, "every option text must be a string"};
        return std::nullopt;
      }
      g.texts.push_back(*s);
    }
  } else {
    // lm-eval's GPQA documents: choice1 ... choice4, in the shuffled order of the prompt.
    for (int i = 1; i <= 26; ++i) {
      const json* t = reference.find("choice" + std::to_string(i));
      if (t == nullptr || !t->is_string()) break;
      g.texts.push_back(*t->if_string());
    }
  }
  const json* labels = reference.find("labels");
  if (labels == nullptr && choices != nullptr && choices->if_object() != nullptr) labels = choices->find("label");
  if (labels != nullptr) {
    const auto* list = labels->if_array();
    if (list == nullptr || list->empty()) {
      error = {"reference.labels", "labels must be a non-empty list of letters"};
      return std::nullopt;
    }
    for (const auto& l : *list) {
      const auto* s = l.if_string();
      const auto c = s == nullptr ? std::nullopt : letter_of(*s);
      if (!c) {
        error = {"reference.labels", "every label must be one letter"};
        return std::nullopt;
      }
      g.labels.push_back(*c);
    }
  } else {
    std::size_t n = g.texts.empty() ? default_options : g.texts.size();
    if (const auto* num = reference.find("num_choices")) {
      const auto k = num->as_int();
      if (!k || *k < 1 || *k > 26) {
        error = {"reference.num_choices", "num_choices must be an integer from 1 to 26"};
        return std::nullopt;
      }
      n = static_cast<std::size_t>(*k);
    }
    for (std::size_t i = 0; i < n && i < 26; ++i) g.labels.push_back(static_cast<char>('A' + i));
  }
  const json* answer = reference.find("answer");
  if (answer == nullptr) {
    error = {"reference", "missing reference.answer (the gold letter)"};
    return std::nullopt;
  }
  if (const auto* s = answer->if_string()) {
    const auto c = letter_of(*s);
    if (!c) {
      error = {"reference.answer", "answer must be a letter such as \"B\" or \"(B)\", or a 0-based option index"};
      return std::nullopt;
    }
    g.letter = *c;
  } else if (const auto k = answer->as_int()) {
    if (*k < 0 || static_cast<std::size_t>(*k) >= g.labels.size()) {
      error = {"reference.answer", "the answer index is outside the options"};
      return std::nullopt;
    }
    g.letter = g.labels[static_cast<std::size_t>(*k)];
  } else {
    error = {"reference.answer", "answer must be a letter such as \"B\" or \"(B)\", or a 0-based option index"};
    return std::nullopt;
  }
  if (!g.valid(g.letter)) {
    error = {"reference.answer", std::string("the gold letter ") + g.letter + " is not one of the valid options"};
    return std::nullopt;
  }
  return g;
}

}  // namespace choice
TRANSFERSCORE_END_NAMESPACE
