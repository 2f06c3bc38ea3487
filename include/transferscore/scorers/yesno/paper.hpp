#pragma once
// Paper mode: the study's two yes/no graders, bugs included.
//
// lm-eval HaluEval (the fork's utils.compute_metrics): the first line of the stripped output;
// a CASE-SENSITIVE substring test for "Yes" and "No" (so "Not", "None", "Nobody", "Now"
// count as No, "Yesterday" as Yes, and lower-case "yes" as neither); both or neither is wrong.
//
// lm-eval ACPBench bool_cot_2shot: the FIRST match of
//   ((?<=The answer is )(.*)(?=.)|(?<=the answer is )(.*)(?=.)|(?<=The answer: )(.*)(?=.)|
//    (?<=The final answer: )(.*)(?=.)|(?<=..Final Answer..: )(.*)(?=.)|(?<=..answer..: )(.*)(?=.)|
//    (?<=..Answer..: )(.*)(?=.)|\b(Yes|No|yes|no)\b)
// stripped, else "[invalid]"; HF exact_match with ignore_case and ignore_punctuation against
// "yes"/"no". `(.*)(?=.)` drops the last character of the line: "**Final Answer**: Yes" at a
// line end extracts "Ye" (wrong), "...: Yes." extracts "Yes"; and the first standalone yes/no
// word anywhere wins ("There is no way. **Final Answer**: Yes." extracts "no").
// RE2 has no look-behind: emulated by hand.

#include <transferscore/config.hpp>
#include <transferscore/detail/short_answer.hpp>
#include <transferscore/detail/text.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace yesno {

struct halueval_reading {
  std::string_view line;       ///< the first line of the stripped output
  std::optional<bool> answer;  ///< nothing when it holds both "Yes" and "No" or neither
};

[[nodiscard]] inline halueval_reading halueval_judgement(std::string_view output) {
  halueval_reading out;
  out.line = transferscore::detail::first_line(transferscore::detail::trim_python(output));
  const bool yes = out.line.find("Yes") != std::string_view::npos;
  const bool no = out.line.find("No") != std::string_view::npos;
  if (yes != no) out.answer = yes;
  return out;
}

struct acpbench_bool_prediction {
  std::string text;          ///< what the filter hands to exact_match
  bool empty_match = false;  ///< the first match was empty (lm-eval's filter raises IndexError there)
};

namespace detail {

/// The match of the bool pattern at `p`: its length, or npos.
[[nodiscard]] inline std::size_t acpbench_bool_match_at(std::string_view s, std::size_t p) {
  auto plain_before = [&](std::string_view cue) { return p >= cue.size() && s.substr(p - cue.size(), cue.size()) == cue; };
  bool cue = plain_before("The answer is ") || plain_before("the answer is ") || plain_before("The answer: ") ||
             plain_before("The final answer: ");
  for (std::string_view word : {"Final Answer", "answer", "Answer"}) cue = cue || transferscore::detail::dotted_cue_before(s, p, word);
  if (cue) {
    const std::size_t length = transferscore::detail::rest_of_line_but_last(s, p);
    if (length != std::string_view::npos) return length;
  }
  if (p >= s.size() || transferscore::detail::python_word_before(s, p)) return std::string_view::npos;
  for (std::string_view w : {"Yes", "No", "yes", "no"}) {
    if (s.substr(p, w.size()) == w && !transferscore::detail::python_word_at(s, p + w.size())) return w.size();
  }
  return std::string_view::npos;
}

}  // namespace detail

[[nodiscard]] inline acpbench_bool_prediction acpbench_bool_filter(std::string_view output) {
  acpbench_bool_prediction out;
  for (std::size_t p = 0; p <= output.size(); ++p) {
    const std::size_t length = detail::acpbench_bool_match_at(output, p);
    if (length == std::string_view::npos) continue;
    out.text = std::string(transferscore::detail::trim_python(output.substr(p, length)));
    out.empty_match = length == 0;
    return out;
  }
  out.text = "[invalid]";
  return out;
}

/// Is the ACPBench bool prediction correct for the gold (true = yes)?
[[nodiscard]] inline bool acpbench_bool_exact_match(std::string_view prediction, bool gold_yes) {
  return transferscore::detail::hf_exact_match_normalize(prediction) == (gold_yes ? "yes" : "no");
}

}  // namespace yesno
TRANSFERSCORE_END_NAMESPACE
