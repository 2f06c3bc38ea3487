#pragma once
// keywords:* checks. Keywords are Python regular expressions matched with IGNORECASE
// (python_regex.hpp); the letter count runs over the code points of text.lower().

#include <transferscore/config.hpp>
#include <transferscore/scorers/instructions/instruction.hpp>

#include <cstddef>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace instructions::checks {

/// keywords:existence — every keyword is found (re.search, no word boundary).
[[nodiscard]] inline bool keywords_existence(const instruction& in, response_text& t) {
  for (const auto& p : in.patterns) {
    if (!p.search(utf8_for(p, t), t.cps())) return false;
  }
  return true;
}

/// keywords:frequency — len(re.findall(keyword, text)) against N.
[[nodiscard]] inline bool keywords_frequency(const instruction& in, response_text& t) {
  const auto n = static_cast<std::int64_t>(in.patterns.front().count(utf8_for(in.patterns.front(), t), t.cps()));
  return compare(n, in.rel, in.number);
}

/// keywords:forbidden_words — no word matches \b word \b.
[[nodiscard]] inline bool keywords_forbidden_words(const instruction& in, response_text& t) {
  for (const auto& p : in.patterns) {
    if (p.search_bounded(utf8_for(p, t), t.cps())) return false;
  }
  return true;
}

/// keywords:letter_frequency — occurrences of the (lower-cased) letter in text.lower().
[[nodiscard]] inline bool keywords_letter_frequency(const instruction& in, response_text& t) {
  const std::u32string& low = t.lowered();
  std::int64_t n = 0;
  if (in.text.size() == 1) {
    for (char32_t c : low) n += c == in.text[0] ? 1 : 0;
  }
  return compare(n, in.rel, in.number);
}

}  // namespace instructions::checks
TRANSFERSCORE_END_NAMESPACE
