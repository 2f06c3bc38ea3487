#pragma once
// What a log-likelihood record holds, read and checked: the per-choice log-probabilities,
// the choice texts (for acc_norm), the gold index and, for MC-TACO, the question key.
// Every reader reports the offending field instead of throwing.
//
// Log-probabilities: extra.choice_logprobs (the lm-eval adapter, or a canonical record's
// top level) or reference.choice_logprobs. Each is a JSON number, a numeric string as
// lm-eval >= 0.4.3 writes it (Python str(float): "-12.5", "-inf"), or null, read as -inf:
// JSON has no infinity, and a writer that cannot write -inf writes null. NaN, +inf and
// anything else are malformed; so is a list whose every value is -inf.

#include <transferscore/config.hpp>
#include <transferscore/core/json.hpp>
#include <transferscore/core/record.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace loglik_choice {

/// Which benchmark's conventions fill the gaps (where the gold and the choice texts live).
enum class task : std::uint8_t { generic, headqa, mc_taco };

struct input_error {
  std::string field;
  std::string message;
};

/// A numeric string as Python's str(float) writes it, the whole string; nothing otherwise.
[[nodiscard]] inline std::optional<double> parse_number_text(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double value = 0.0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || stop != end) return std::nullopt;
  return value;
}

/// The log-probabilities, with null as -inf; on failure fills `error`.
[[nodiscard]] inline std::optional<std::vector<double>> read_logprobs(const record& r, input_error& error) {
  std::string field = "choice_logprobs";
  const json* list = r.extra.find("choice_logprobs");
  if (list == nullptr) {
    list = r.reference.find("choice_logprobs");
    field = "reference.choice_logprobs";
  }
  if (list == nullptr) {
    error = {"choice_logprobs", "missing choice_logprobs (one log-probability per choice)"};
    return std::nullopt;
  }
  const auto* items = list->if_array();
  if (items == nullptr || items->empty()) {
    error = {field, "choice_logprobs must be a non-empty list of numbers"};
    return std::nullopt;
  }
  std::vector<double> out;
  out.reserve(items->size());
  bool any_finite = false;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const json& item = (*items)[i];
    std::optional<double> value;
    if (item.is_null()) {
      value = -std::numeric_limits<double>::infinity();
    } else if (item.is_number()) {
      value = item.as_double();
    } else if (const auto* text = item.if_string()) {
      value = parse_number_text(*text);
    }
    if (!value || std::isnan(*value) || *value == std::numeric_limits<double>::infinity()) {
      error = {field + "[" + std::to_string(i) + "]",
               "a log-probability must be a number, a numeric string or null (-inf); not NaN or +inf"};
      return std::nullopt;
    }
    any_finite = any_finite || std::isfinite(*value);
    out.push_back(*value);
  }
  if (!any_finite) {
    error = {field, "every log-probability is -inf (null): no choice can be ranked"};
    return std::nullopt;
  }
  return out;
}

/// The choice texts: reference.choices; for HeadQA's document, answers[*].atext; for
/// MC-TACO, lm-eval's fixed ["no", "yes"]. An empty list means "not given" (no acc_norm).
[[nodiscard]] inline std::optional<std::vector<std::string>> read_choices(const json& reference, task t,
                                                                          input_error& error) {
  std::vector<std::string> out;
  if (const json* choices = reference.find("choices")) {
    const auto* items = choices->if_array();
    if (items == nullptr) {
      error = {"reference.choices", "reference.choices must be a list of strings"};
      return std::nullopt;
    }
    for (std::size_t i = 0; i < items->size(); ++i) {
      const auto* text = (*items)[i].if_string();
      if (text == nullptr) {
        error = {"reference.choices[" + std::to_string(i) + "]", "a choice text must be a string"};
        return std::nullopt;
      }
      out.push_back(*text);
    }
    return out;
  }
  if (t == task::headqa) {
    if (const auto* answers = reference.find("answers"); answers != nullptr && answers->is_array()) {
      for (std::size_t i = 0; i < answers->size(); ++i) {
        const json* text = (*answers->if_array())[i].find("atext");
        if (text == nullptr || !text->is_string()) {
          error = {"reference.answers[" + std::to_string(i) + "].atext", "a HeadQA answer needs its text (atext)"};
          return std::nullopt;
        }
        out.push_back(*text->if_string());
      }
    }
  } else if (t == task::mc_taco) {
    out = {"no", "yes"};
  }
  return out;
}

namespace detail {

[[nodiscard]] inline bool all_digits(std::string_view s) noexcept {
  if (s.empty()) return false;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

/// One gold value: an integer index; a digit string (lm-eval turns those into the index
/// before anything else, and writes its targets as strings); a choice text (lm-eval's
/// choices.index(gold)); a label letter A, B, C, ... or (A), (B), ... Checked against `count` choices.
[[nodiscard]] inline std::optional<std::size_t> gold_index(const json& value, const std::string& field, std::size_t count,
                                                           const std::vector<std::string>& choices, input_error& error) {
  std::optional<std::int64_t> index;
  if (value.is_integer()) {
    index = value.as_int();
  } else if (const auto* text = value.if_string()) {
    std::int64_t number = 0;
    if (all_digits(*text) && text->size() <= 9 &&
        std::from_chars(text->data(), text->data() + text->size(), number).ec == std::errc()) {
      index = number;
    } else {
      for (std::size_t i = 0; i < choices.size() && !index; ++i) {
        if (choices[i] == *text) index = static_cast<std::int64_t>(i);
      }
      if (!index && text->size() == 1 && (*text)[0] >= 'A' && (*text)[0] <= 'Z') index = (*text)[0] - 'A';
      // "(B)": the target of lm-eval's GPQA log-likelihood tasks, whose choices are "(A)".."(D)".
      if (!index && text->size() == 3 && (*text)[0] == '(' && (*text)[1] >= 'A' && (*text)[1] <= 'Z' && (*text)[2] == ')') {
        index = (*text)[1] - 'A';
      }
    }
    if (!index) {
      error = {field, "the gold \"" + *text + "\" is neither an index, a choice text nor a label letter"};
      return std::nullopt;
    }
  } else {
    error = {field, "the gold must be an integer index, a choice text or a label letter"};
    return std::nullopt;
  }
  if (*index < 0 || static_cast<std::uint64_t>(*index) >= count) {
    error = {field, "the gold index " + std::to_string(*index) + " is out of range for " + std::to_string(count) +
                        " choices"};
    return std::nullopt;
  }
  return static_cast<std::size_t>(*index);
}

}  // namespace detail

/// The gold index among `count` choices. Looked up in order: reference.answer,
/// reference.gold, the record's top-level gold / target (canonical records), and for HeadQA
/// reference.ra (1-based). MC-TACO reads reference.label first: lm-eval's document has an
/// `answer` member, the candidate answer's text, and its target is the label.
[[nodiscard]] inline std::optional<std::size_t> read_gold(const record& r, task t, std::size_t count,
                                                          const std::vector<std::string>& choices, input_error& error) {
  struct source {
    const json* value;
    const char* field;
  };
  std::vector<source> sources;
  if (t == task::mc_taco) sources.push_back({r.reference.find("label"), "reference.label"});
  sources.push_back({r.reference.find("answer"), "reference.answer"});
  sources.push_back({r.reference.find("gold"), "reference.gold"});
  sources.push_back({r.extra.find("gold"), "gold"});
  sources.push_back({r.extra.find("target"), "target"});
  for (const auto& s : sources) {
    if (s.value != nullptr && !s.value->is_null()) return detail::gold_index(*s.value, s.field, count, choices, error);
  }
  if (t == task::headqa) {
    if (const json* ra = r.reference.find("ra"); ra != nullptr && !ra->is_null()) {
      const auto one_based = ra->as_int();
      if (!ra->is_integer() || !one_based || *one_based < 1 || static_cast<std::uint64_t>(*one_based) > count) {
        error = {"reference.ra", "reference.ra must be the 1-based number of the right answer, within the choices"};
        return std::nullopt;
      }
      return static_cast<std::size_t>(*one_based - 1);
    }
  }
  error = {"reference.answer", "missing gold: reference.answer (an index, a choice text or a letter)"};
  return std::nullopt;
}

/// MC-TACO's question key as the official evaluator groups candidates: sentence + " " +
/// question; reference.question_key when given instead; empty when neither is there.
[[nodiscard]] inline std::string question_key(const json& reference) {
  if (const json* key = reference.find("question_key"); key != nullptr && key->is_string()) return *key->if_string();
  const json* sentence = reference.find("sentence");
  const json* question = reference.find("question");
  if (sentence != nullptr && question != nullptr && sentence->is_string() && question->is_string()) {
    return *sentence->if_string() + " " + *question->if_string();
  }
  return {};
}

}  // namespace loglik_choice
TRANSFERSCORE_END_NAMESPACE
