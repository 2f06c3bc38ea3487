#pragma once
// language:*, change_case:*, startend:*, punctuation:* and combination:repeat_prompt.

#include <transferscore/config.hpp>
#include <transferscore/scorers/instructions/instruction.hpp>

#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace instructions::checks {

/// language:response_language — detect(text) == language; a detection error passes.
[[nodiscard]] inline bool response_language(const instruction& in, response_text& t, const check_env& env) {
  const auto lang = t.language(env.detector);
  return !lang || *lang == in.language;
}

/// change_case:capital_word_frequency — word_tokenize tokens with isupper() against N.
[[nodiscard]] inline bool capital_word_frequency(const instruction& in, response_text& t, const check_env& env) {
  sentence_memo local;
  sentence_memo& memo = env.memo != nullptr ? *env.memo : local;
  return compare(static_cast<std::int64_t>(t.capital_words(env.punkt, memo)), in.rel, in.number);
}

/// change_case:english_capital — isupper() and detected as English (errors pass).
[[nodiscard]] inline bool english_capital(response_text& t, const check_env& env) {
  if (!compat::py::isupper(t.cps())) return false;
  const auto lang = t.language(env.detector);
  return !lang || *lang == "en";
}

/// change_case:english_lowercase — islower() and detected as English (errors pass).
[[nodiscard]] inline bool english_lowercase(response_text& t, const check_env& env) {
  if (!compat::py::islower(t.cps())) return false;
  const auto lang = t.language(env.detector);
  return !lang || *lang == "en";
}

/// combination:repeat_prompt — text.strip().lower() starts with the prompt (stripped, lowered).
[[nodiscard]] inline bool repeat_prompt(const instruction& in, response_text& t) {
  return compat::py::lower_starts_with(compat::py::strip(t.cps()), in.text);
}

/// startend:end_checker — text.strip().strip('"').lower() ends with the phrase.
[[nodiscard]] inline bool end_checker(const instruction& in, response_text& t) {
  return compat::py::lower_ends_with(compat::py::strip_char(compat::py::strip(t.cps()), U'"'), in.text);
}

/// startend:quotation — the stripped text starts and ends with '"' (length > 1).
[[nodiscard]] inline bool quotation(response_text& t) {
  const std::u32string_view s = compat::py::strip(t.cps());
  return s.size() > 1 && s.front() == '"' && s.back() == '"';
}

/// punctuation:no_comma — no U+002C.
[[nodiscard]] inline bool no_comma(response_text& t) { return t.cps().find(U',') == std::u32string::npos; }

}  // namespace instructions::checks
TRANSFERSCORE_END_NAMESPACE
