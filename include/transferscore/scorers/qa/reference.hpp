#pragma once
// Reference mode: the answer a CoQA generation gives. CoQA answers are short free-form spans
// on one line ("white", "in the barn", "unknown"); a generation continues the prompt's
// "A:" and may run on into an invented next turn. The answer is read as:
//
//   0. the text after the last "</think>", if any (the pipeline's trace policy normally did
//      that already; this covers `--trace none`);
//   1. the text, stripped of white space (Python's str.strip);
//   2. an echoed question ("Q: Where did she go?\nA: to the park") is skipped: when the text
//      starts with "Q:", reading starts at its first line that starts with "A:";
//   3. cut at "\nQ:" (the invented next turn: lm-eval's stop sequence);
//   4. the first non-blank line;
//   5. a leading answer cue is dropped: "A:", "Answer:", "Final answer:", "The answer is"
//      (any case, markdown emphasis around it allowed: "**Answer:** white");
//   6. a whole-answer \boxed{...} / \text{...} is unwrapped;
//   7. surrounding white space, quotes (" ' ` and curly/angle quotes) and * are stripped.
// Punctuation inside is left to the metric's normalisation. An empty result is still an
// answer (the official script scores an empty prediction: 0, or 1 against an empty gold).

#include <transferscore/config.hpp>
#include <transferscore/detail/short_answer.hpp>
#include <transferscore/compat/python_str.hpp>

#include <cstddef>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace qa {

namespace detail {

[[nodiscard]] inline bool starts_with_ci(std::u32string_view s, std::u32string_view ascii_lower_prefix) noexcept {
  if (s.size() < ascii_lower_prefix.size()) return false;
  for (std::size_t i = 0; i < ascii_lower_prefix.size(); ++i) {
    const char32_t c = s[i] >= U'A' && s[i] <= U'Z' ? s[i] + 32 : s[i];
    if (c != ascii_lower_prefix[i]) return false;
  }
  return true;
}

[[nodiscard]] inline bool is_wrapper(char32_t c) noexcept {
  switch (c) {
    case U'"': case U'\'': case U'`': case U'*': case U'\u201C': case U'\u201D': case U'\u2018': case U'\u2019':
    case U'\u00AB': case U'\u00BB': case U'\u201E':
      return true;
    default:
      return compat::py::is_space(c);
  }
}

[[nodiscard]] inline std::u32string_view strip_wrappers(std::u32string_view s) noexcept {
  while (!s.empty() && is_wrapper(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_wrapper(s.back())) s.remove_suffix(1);
  return s;
}

/// Step 5: the text after a leading answer cue, or `s` unchanged.
[[nodiscard]] inline std::u32string_view drop_cue(std::u32string_view s) noexcept {
  std::u32string_view t = s;
  while (!t.empty() && (t.front() == U'*' || t.front() == U'#' || t.front() == U'>' || t.front() == U'_' || compat::py::is_space(t.front()))) {
    t.remove_prefix(1);
  }
  struct cue {
    std::u32string_view words;
    bool colon_required;
  };
  for (const cue c : {cue{U"final answer", true}, cue{U"answer", true}, cue{U"the answer is", false}, cue{U"a", true}}) {
    if (!starts_with_ci(t, c.words)) continue;
    std::u32string_view rest = t.substr(c.words.size());
    while (!rest.empty() && (rest.front() == U'*' || rest.front() == U'_')) rest.remove_prefix(1);
    const bool colon = !rest.empty() && rest.front() == U':';
    if (colon) rest.remove_prefix(1);
    if (!colon && (c.colon_required || (!rest.empty() && compat::py::is_word(rest.front())))) continue;
    return rest;
  }
  return s;
}

/// Step 6: the content of a \boxed{...} (or \text{...}) that is the whole answer.
[[nodiscard]] inline std::string unwrap_latex(std::string_view s) {
  s = transferscore::detail::trim_ascii(s);
  while (s.size() >= 2 && s.front() == '$' && s.back() == '$') s = transferscore::detail::trim_ascii(s.substr(1, s.size() - 2));
  constexpr std::string_view boxed = "\\boxed{";
  if (s.size() > boxed.size() && s.substr(0, boxed.size()) == boxed && s.back() == '}') s = s.substr(boxed.size(), s.size() - boxed.size() - 1);
  return std::string(transferscore::detail::unwrap_box(s));
}

}  // namespace detail

/// The answer a CoQA generation gives (see the file comment).
[[nodiscard]] inline std::string extract_answer(std::string_view response) {
  namespace py = compat::py;
  const std::u32string decoded = py::decode_utf8(response);
  std::u32string_view text = decoded;
  constexpr std::u32string_view think_end = U"</think>";
  if (const auto last = text.rfind(think_end); last != std::u32string_view::npos) text.remove_prefix(last + think_end.size());
  text = py::strip(text);
  if (text.substr(0, 2) == U"Q:") {
    for (std::size_t at = text.find(U'\n'); at != std::u32string_view::npos; at = text.find(U'\n', at + 1)) {
      if (py::lstrip(text.substr(at + 1)).substr(0, 2) == U"A:") {
        text = py::lstrip(text.substr(at + 1));
        break;
      }
    }
  }
  if (const auto stop = text.find(U"\nQ:"); stop != std::u32string_view::npos) text = text.substr(0, stop);
  std::u32string_view line;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = text.find(U'\n', start);
    if (end == std::u32string_view::npos) end = text.size();
    line = py::strip(text.substr(start, end - start));
    if (!line.empty()) break;
    start = end + 1;
  }
  line = detail::strip_wrappers(detail::drop_cue(line));
  const std::string unwrapped = detail::unwrap_latex(py::encode_utf8(line));
  return py::encode_utf8(detail::strip_wrappers(py::decode_utf8(unwrapped)));
}

}  // namespace qa
TRANSFERSCORE_END_NAMESPACE
