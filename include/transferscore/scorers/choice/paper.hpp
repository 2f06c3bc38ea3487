#pragma once
// Paper mode: the study's two letter graders, bugs included.
//
// evalchemy GPQA-Diamond (get_multiple_choice_answer, from Qwen2.5-Math): upper-case the
// whole output, take the last \b(A|B|C|D)\b; when there is none, the output stripped of
// white space and periods; then strip trailing "." and "/". Correct when equal to the gold.
//
// lm-eval ACPBench mcq_cot_2shot (MultiChoiceRegexFilter, group_select -1): the last match of
//   (((?<=[answer is ])[A-D])|([A-D]\n)|([A-D]\.)|( [A-D] )|(^[A-D]$)|(\[[A-D]\])|([A-D])|
//    (?<=..Final Answer..: )(.*)(?=.)|(?<=..answer..: )(.*)(?=.)|(?<=..Answer..: )(.*)(?=.))
// stripped; when nothing matches, the last "text" or "label" in the lower-cased,
// punctuation-free output (the filter iterates the keys of ACPBench's choices dict) as "(A)"
// or "(B)"; else "[invalid]". Scored by HF exact_match with ignore_case, ignore_punctuation.
// lm-eval mmlu_pro (not in the study; the harness's own task): the first
// `answer is \(?([ABCDEFGHIJ])\)?`, else "[invalid]"; exact_match ignoring case and punctuation.
// RE2 has no look-behind, so the lm-eval patterns are emulated by hand (findall semantics: left to right,
// non-overlapping, alternation order at each position).

#include <transferscore/config.hpp>
#include <transferscore/detail/short_answer.hpp>
#include <transferscore/detail/text.hpp>

#include <cstddef>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace choice {

/// evalchemy's extracted answer for `output`. Python's `\b` is decided on the upper-cased
/// text, so the neighbours of a letter are classed as their upper case is.
[[nodiscard]] inline std::string evalchemy_gpqa_answer(std::string_view output) {
  namespace d = transferscore::detail;
  for (std::size_t i = output.size(); i-- > 0;) {
    const char c = output[i];
    const char u = (c >= 'a' && c <= 'd') ? static_cast<char>(c - 'a' + 'A') : c;
    if (u < 'A' || u > 'D') continue;
    std::size_t length = 0;
    if (i > 0 && d::is_python_word_upper_last(d::decode_at(output, d::code_point_start_before(output, i), length))) continue;
    if (i + 1 < output.size() && d::is_python_word_upper_first(d::decode_at(output, i + 1, length))) continue;
    return std::string(1, u);
  }
  // pred.strip().strip(".") then rstrip(".").rstrip("/"); strip() is Python's (Unicode white space)
  std::string_view s = d::trim_python(output);
  while (!s.empty() && s.front() == '.') s.remove_prefix(1);
  while (!s.empty() && s.back() == '.') s.remove_suffix(1);
  while (!s.empty() && s.back() == '/') s.remove_suffix(1);
  return std::string(s);
}

struct acpbench_prediction {
  std::string text;          ///< what the filter hands to exact_match
  std::string_view path;     ///< "regex", "choice_keys" or "invalid"
  bool empty_match = false;  ///< the last match was empty (lm-eval's filter raises IndexError there)
};

namespace detail {

[[nodiscard]] constexpr bool is_a_to_d(char c) noexcept { return c >= 'A' && c <= 'D'; }
[[nodiscard]] constexpr bool in_answer_is_class(char c) noexcept {
  return c == 'a' || c == 'n' || c == 's' || c == 'w' || c == 'e' || c == 'r' || c == 'i' || c == ' ';
}

/// The match of the primary pattern at `p`: its length, or npos.
[[nodiscard]] inline std::size_t acpbench_match_at(std::string_view s, std::size_t p) {
  const std::size_t n = s.size();
  if (p < n) {
    const char c = s[p];
    if (is_a_to_d(c)) {
      if (p > 0 && in_answer_is_class(s[p - 1])) return 1;
      if (p + 1 < n && (s[p + 1] == '\n' || s[p + 1] == '.')) return 2;
      return 1;  // (^[A-D]$), (\[[A-D]\]) and ([A-D]) all take the letter alone here
    }
    if (c == ' ' && p + 2 < n && is_a_to_d(s[p + 1]) && s[p + 2] == ' ') return 3;
    if (c == '[' && p + 2 < n && is_a_to_d(s[p + 1]) && s[p + 2] == ']') return 3;
  }
  for (std::string_view word : {"Final Answer", "answer", "Answer"}) {
    if (transferscore::detail::dotted_cue_before(s, p, word)) return transferscore::detail::rest_of_line_but_last(s, p);
  }
  return std::string_view::npos;
}

}  // namespace detail

/// The lm-eval filter's prediction for `output`.
[[nodiscard]] inline acpbench_prediction acpbench_mcq_prediction(std::string_view output) {
  acpbench_prediction out;
  std::size_t last_begin = std::string_view::npos;
  std::size_t last_length = 0;
  for (std::size_t p = 0; p <= output.size();) {
    const std::size_t length = detail::acpbench_match_at(output, p);
    if (length == std::string_view::npos) {
      ++p;
      continue;
    }
    last_begin = p;
    last_length = length;
    p += length == 0 ? 1 : length;  // after an empty match, Python moves on one position
  }
  if (last_begin != std::string_view::npos) {
    out.path = "regex";
    out.empty_match = last_length == 0;
    out.text = std::string(transferscore::detail::trim_python(output.substr(last_begin, last_length)));
    return out;
  }
  // Fallback 1: the choices "texts" are the dict's keys.
  std::string normalized;
  normalized.reserve(output.size());
  for (char c : output) {
    if (c == '\n' || transferscore::detail::is_ascii_punct(c)) continue;
    normalized.push_back(transferscore::detail::ascii_lower(c));
  }
  const std::size_t text_at = transferscore::detail::rfind_fast(normalized, "text");
  const std::size_t label_at = transferscore::detail::rfind_fast(normalized, "label");
  if (text_at != std::string::npos || label_at != std::string::npos) {
    const bool label_last = label_at != std::string::npos && (text_at == std::string::npos || label_at > text_at);
    out.path = "choice_keys";
    out.text = label_last ? "(B)" : "(A)";
    return out;
  }
  out.path = "invalid";
  out.text = "[invalid]";
  return out;
}

/// lm-eval's mmlu_pro filter (`custom-extract`): the first match of
/// `answer is \(?([ABCDEFGHIJ])\)?` (case-sensitive), its letter; else "[invalid]".
[[nodiscard]] inline std::string lm_eval_mmlu_pro_prediction(std::string_view output) {
  constexpr std::string_view cue = "answer is ";
  for (std::size_t at = output.find(cue); at != std::string_view::npos; at = output.find(cue, at + 1)) {
    std::size_t j = at + cue.size();
    if (j < output.size() && output[j] == '(') ++j;
    if (j < output.size() && output[j] >= 'A' && output[j] <= 'J') return std::string(1, output[j]);
  }
  return "[invalid]";
}

/// Is the ACPBench prediction correct for `gold_letter`?
[[nodiscard]] inline bool acpbench_exact_match(std::string_view prediction, char gold_letter) {
  return transferscore::detail::hf_exact_match_normalize(prediction) ==
         transferscore::detail::hf_exact_match_normalize(std::string_view(&gold_letter, 1));
}

}  // namespace choice
TRANSFERSCORE_END_NAMESPACE
