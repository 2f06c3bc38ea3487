#pragma once
// The gold of a yes/no record: reference.answer ("yes"/"no" in any case, or a JSON bool),
// or HaluEval's reference.hallucination ("yes"/"no").

#include <transferscore/config.hpp>
#include <transferscore/core/json.hpp>
#include <transferscore/detail/text.hpp>

#include <optional>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace yesno {

struct gold_error {
  std::string field;
  std::string message;
};

/// "yes" / "No " / "YES" -> true / false; anything else -> nothing.
[[nodiscard]] inline std::optional<bool> word_value(std::string_view s) {
  s = detail::trim_ascii(s);
  std::string lower;
  for (char c : s) lower.push_back(detail::ascii_lower(c));
  if (lower == "yes") return true;
  if (lower == "no") return false;
  return std::nullopt;
}

/// Reads the gold (true = yes); on failure fills `error` and returns nothing.
[[nodiscard]] inline std::optional<bool> read_gold(const json& reference, gold_error& error) {
  const char* field = "reference.answer";
  const json* value = reference.find("answer");
  if (value == nullptr) {
    field = "reference.hallucination";
    value = reference.find("hallucination");
  }
  if (value == nullptr) {
    error = {"reference", "missing reference.answer (yes or no) or reference.hallucination"};
    return std::nullopt;
  }
  if (const auto b = value->is_bool() ? value->as_bool() : std::nullopt) return b;
  if (const auto* s = value->if_string()) {
    if (auto v = word_value(*s)) return v;
  }
  error = {field, "the gold must be \"yes\" or \"no\" (any case) or a JSON bool"};
  return std::nullopt;
}

}  // namespace yesno
TRANSFERSCORE_END_NAMESPACE
