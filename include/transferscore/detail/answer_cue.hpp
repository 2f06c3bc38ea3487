#pragma once
// Answer cue words ("Answer:", "the answer is", "**Final Answer**:", "答案是") and where the
// answer after them starts: shared by the families that read a final answer from free text
// (math, choice, yesno). The cue tables themselves belong to each family.

#include <transferscore/config.hpp>
#include <transferscore/detail/latex_box.hpp>
#include <transferscore/detail/text.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace detail {

struct answer_cue {
  std::string_view text;  // lower case for ASCII cues, exact bytes otherwise
  bool ascii;
  bool needs_colon;       // "Antwort" alone is not a cue; "Antwort:" is
};

[[nodiscard]] inline bool cue_at(std::string_view s, std::size_t i, const answer_cue& c) {
  if (s.size() - i < c.text.size()) return false;
  if (!c.ascii) return s.substr(i, c.text.size()) == c.text;
  for (std::size_t k = 0; k < c.text.size(); ++k) {
    if (ascii_lower(s[i + k]) != c.text[k]) return false;
  }
  return true;
}

/// After a cue word: the position where its answer starts, or nothing when the word is not
/// used as a cue ("answer the question").
[[nodiscard]] inline std::optional<std::size_t> after_cue(std::string_view s, std::size_t i, const answer_cue& c) {
  std::size_t j = i + c.text.size();
  if (c.ascii && c.text != "####" && j < s.size() && is_ascii_alpha(s[j])) return std::nullopt;  // "answers"
  auto skip_decoration = [&] {
    while (j < s.size() && (s[j] == ' ' || s[j] == '\t' || s[j] == '*' || s[j] == '_')) ++j;
  };
  skip_decoration();
  auto colon = [&]() -> bool {
    if (j < s.size() && s[j] == ':') {
      ++j;
      return true;
    }
    if (s.substr(j, 3) == "\xEF\xBC\x9A") {  // full-width colon
      j += 3;
      return true;
    }
    return false;
  };
  if (c.text == "####") return j;
  if (colon()) return j;
  if (c.needs_colon) return std::nullopt;
  if (!c.ascii) {
    // 答案是 / 答案为 / 答えは
    for (std::string_view particle : {std::string_view("\xE6\x98\xAF"), std::string_view("\xE4\xB8\xBA"),
                                      std::string_view("\xE7\x82\xBA"), std::string_view("\xE3\x81\xAF")}) {
      if (s.substr(j, particle.size()) == particle) {
        j += particle.size();
        skip_decoration();
        (void)colon();
        return j;
      }
    }
    return j;
  }
  // answer is / answer would be / answer =
  auto word = [&](std::string_view w) {
    if (s.size() - j < w.size()) return false;
    for (std::size_t k = 0; k < w.size(); ++k) {
      if (ascii_lower(s[j + k]) != w[k]) return false;
    }
    if (j + w.size() < s.size() && is_ascii_alpha(s[j + w.size()])) return false;
    j += w.size();
    skip_decoration();
    return true;
  };
  if (j < s.size() && s[j] == '=') {
    ++j;
    return j;
  }
  if (word("is") || ((word("would") || word("should") || word("will") || word("must")) && word("be"))) {
    (void)colon();
    return j;
  }
  // "Final Answer" on its own line, the answer below.
  if (j < s.size() && (s[j] == '\n' || s[j] == '\r') && i >= 6) {
    std::string before;
    for (std::size_t k = i - 6; k < i; ++k) before.push_back(ascii_lower(s[k]));
    if (before == "final ") return j;
  }
  return std::nullopt;
}

}  // namespace detail
TRANSFERSCORE_END_NAMESPACE
