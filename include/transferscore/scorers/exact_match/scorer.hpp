#pragma once
// exact_match: the response equals one of the gold answers after normalisation.
// The simplest family, and the one that proves the pipeline: it needs no extraction.
//
// Gold: reference.answer (string or number) or reference.answers (a list; any may match).
// Settings (--set key=value):
//   ignore_case=true          fold ASCII letters to lower case
//   ignore_punctuation=false  drop ASCII punctuation
//   collapse_whitespace=true  trim, and turn every whitespace run into one space

#include <transferscore/config.hpp>
#include <transferscore/detail/implementation_only.hpp>
#include <transferscore/core/record.hpp>
#include <transferscore/core/registry.hpp>
#include <transferscore/core/verdict.hpp>
#include <transferscore/detail/text.hpp>
#include <transferscore/scorers/exact_match/interface.hpp>

#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace exact_match {

struct normalization {
  bool ignore_case = true;
  bool ignore_punctuation = false;
  bool collapse_whitespace = true;
};

/// Applies `n` to `text`.
[[nodiscard]] inline std::string normalize(std::string_view text, const normalization& n) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (n.ignore_punctuation && detail::is_ascii_punct(c)) continue;
    if (n.collapse_whitespace && detail::is_ascii_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out.push_back(' ');
      pending_space = false;
    }
    out.push_back(n.ignore_case ? detail::ascii_lower(c) : c);
  }
  return out;
}

/// How long an extracted span may be in the verdict; longer responses are cut there
/// (the comparison always uses the whole response).
inline constexpr std::size_t max_extracted_bytes = 512;

class scorer {
 public:
  explicit scorer(normalization n = {}) : norm_(n) {}

  [[nodiscard]] static scorer from_options(const scorer_options& options) {
    normalization n;
    n.ignore_case = options.get_bool("ignore_case", n.ignore_case);
    n.ignore_punctuation = options.get_bool("ignore_punctuation", n.ignore_punctuation);
    n.collapse_whitespace = options.get_bool("collapse_whitespace", n.collapse_whitespace);
    return scorer(n);
  }

  [[nodiscard]] std::string_view name() const noexcept { return "exact_match"; }

  [[nodiscard]] score_result score(const record& r) const {
    std::vector<std::string_view> golds;
    std::vector<std::string> numbers;  // numeric golds as text, kept alive for the views
    auto take = [&](const json& value) -> bool {
      if (const auto* s = value.if_string()) {
        golds.push_back(*s);
        return true;
      }
      if (value.is_number()) {
        numbers.push_back(value.dump());
        return true;
      }
      return false;
    };
    if (const auto* answers = r.reference.find("answers")) {
      const auto* list = answers->if_array();
      if (list == nullptr || list->empty()) return score_result::malformed("reference.answers", "answers must be a non-empty list");
      for (const auto& a : *list) {
        if (!take(a)) return score_result::malformed("reference.answers", "every answer must be a string or a number");
      }
    } else if (const auto* answer = r.reference.find("answer")) {
      if (!take(*answer)) return score_result::malformed("reference.answer", "answer must be a string or a number");
    } else {
      return score_result::malformed("reference", "missing reference.answer (or reference.answers)");
    }
    for (const auto& n : numbers) golds.push_back(n);

    const std::string_view response = detail::trim_ascii(r.response);
    if (response.empty()) return score_result::no_answer("the response is empty");
    const std::string got = normalize(response, norm_);
    bool match = false;
    for (auto gold : golds) match = match || normalize(gold, norm_) == got;
    score_result result = score_result::judged(match, std::string(detail::utf8_prefix(response, max_extracted_bytes)));
    if (response.size() > max_extracted_bytes) result.details["extracted_truncated"] = true;
    return result;
  }

 private:
  normalization norm_;
};

/// Registers the family under "exact_match".
TRANSFERSCORE_API void register_family(scorer_registry& registry) {
  registry.add_family("exact_match", "string equality after normalisation (case, whitespace, punctuation)",
                      [](const scorer_options& options) -> any_scorer<record> { return scorer::from_options(options); });
}

}  // namespace exact_match
TRANSFERSCORE_END_NAMESPACE
