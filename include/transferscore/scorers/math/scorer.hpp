#pragma once
// The `math` scorer family: math500, aime24, aime25, olympiadbench.
//
// Gold: reference.answer (a string; a number is read as its text; a list means all of its
// items, as one list answer), or reference.answers (alternatives: any may match). A gold that
// is a worked solution or holds a \boxed{} is read like a response (details.gold_source).
// Question (optional): reference.question / reference.problem, or a top-level question /
// problem field; with it, an answer that only restates the question is wrong.
//
// Modes:
//   reference  docs/math.md: extraction, then equivalence (the default)
//   paper      the study's grader (hendrycks.hpp): evalchemy for math500/aime24/aime25,
//              lm_eval (the OlympiadBench task) for olympiadbench
//
// Settings (--set key=value), reference mode:
//   boxes=gold_count|last|all        which boxes are the answer (default gold_count)
//   last_number=true|false           fall back to the last number (default true)
//   percent=both|fraction|strip      meaning of p% (default both: p and p/100)
//   relation_set=symmetric|gold_relation   inequality vs interval (default symmetric)
//   case_fold_variables=false|true   x and X the same variable (default false)
//   relative_tolerance=1e-6          for decimals standing for non-terminating values
//   sample_points=8                  points for expressions with variables
//   max_response_bytes, max_answer_bytes, max_fallback_bytes, max_depth, max_digits,
//   max_exponent, max_steps, max_items   work budgets (see options.hpp)
// paper mode:
//   paper_grader=auto|evalchemy|lm_eval

#include <transferscore/config.hpp>
#include <transferscore/detail/implementation_only.hpp>
#include <transferscore/core/error.hpp>
#include <transferscore/core/record.hpp>
#include <transferscore/core/registry.hpp>
#include <transferscore/core/verdict.hpp>
#include <transferscore/scorers/math/api.hpp>
#include <transferscore/scorers/math/interface.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace math {

namespace detail {

/// Python's repr() of a float, so that a numeric gold reads as the study's str(gold) did.
[[nodiscard]] inline std::string python_float_text(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buffer[64];
  auto [ptr, ec] = std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::scientific);
  if (ec != std::errc{}) return "nan";
  std::string sci(buffer, ptr);  // d.ddde+XX
  const auto e_pos = sci.find('e');
  int exponent = std::stoi(sci.substr(e_pos + 1));
  std::string mantissa = sci.substr(0, e_pos);
  const bool negative = mantissa[0] == '-';
  if (negative) mantissa.erase(0, 1);
  std::string digits;
  for (char c : mantissa) {
    if (c != '.') digits.push_back(c);
  }
  std::string out = negative ? "-" : "";
  if (exponent >= -5 + 1 && exponent < 16) {
    if (exponent >= 0) {
      if (digits.size() <= static_cast<std::size_t>(exponent) + 1) {
        out += digits + std::string(static_cast<std::size_t>(exponent) + 1 - digits.size(), '0') + ".0";
      } else {
        out += digits.substr(0, static_cast<std::size_t>(exponent) + 1) + "." + digits.substr(static_cast<std::size_t>(exponent) + 1);
      }
    } else {
      out += "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
    }
    return out;
  }
  out += digits.substr(0, 1);
  if (digits.size() > 1) out += "." + digits.substr(1);
  char exp_text[16];
  std::snprintf(exp_text, sizeof exp_text, "e%c%02d", exponent < 0 ? '-' : '+', exponent < 0 ? -exponent : exponent);
  out += exp_text;
  return out;
}

[[nodiscard]] inline bool gold_text(const json& value, std::string& out) {
  if (const auto* s = value.if_string()) {
    out = *s;
    return true;
  }
  if (value.is_integer()) {
    out = std::to_string(*value.as_int());
    return true;
  }
  if (value.is_number()) {
    out = python_float_text(*value.as_double());
    return true;
  }
  return false;
}

/// The item's question, when the record carries it: reference.question or reference.problem,
/// else a top-level question or problem field. Empty when there is none.
[[nodiscard]] inline std::string_view question_of(const record& r) {
  for (const json* holder : {&r.reference, &r.extra}) {
    if (!holder->is_object()) continue;
    for (const char* key : {"question", "problem"}) {
      if (const auto* q = holder->find(key)) {
        if (const auto* text = q->if_string()) return *text;
      }
    }
  }
  return {};
}

}  // namespace detail

class scorer {
 public:
  scorer() = default;
  scorer(options opts, bool paper, hendrycks::grader grader) : opts_(opts), paper_(paper), grader_(grader) {}

  /// Builds a scorer from registry options; throws config_error for a bad setting.
  [[nodiscard]] static scorer from_options(const scorer_options& o) {
    options opts;
    constexpr box_policy box_policies[] = {box_policy::gold_count, box_policy::last, box_policy::all};
    opts.boxes = box_policies[o.get_choice("math", "boxes", {"gold_count", "last", "all"})];
    opts.last_number_fallback = o.get_bool("last_number", true);
    constexpr percent_policy percent_policies[] = {percent_policy::both, percent_policy::fraction, percent_policy::strip};
    opts.percent = percent_policies[o.get_choice("math", "percent", {"both", "fraction", "strip"})];
    opts.relation_set_symmetric = o.get_choice("math", "relation_set", {"symmetric", "gold_relation"}) == 0;
    opts.case_fold_variables = o.get_bool("case_fold_variables", false);
    if (o.has("relative_tolerance")) {
      const std::string text(o.get("relative_tolerance"));
      double tol = -1.0;
      auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), tol);
      if (ec != std::errc{} || ptr != text.data() + text.size() || !(tol >= 0.0 && tol < 1.0)) {
        TRANSFERSCORE_THROW(config_error("math: relative_tolerance must be a number in [0, 1), not '" + text + "'"));
      }
      opts.relative_tolerance = tol;
    }
    opts.sample_points = static_cast<unsigned>(o.get_size("sample_points", opts.sample_points));
    if (opts.sample_points == 0 || opts.sample_points > 64) {
      TRANSFERSCORE_THROW(config_error("math: sample_points must be between 1 and 64"));
    }
    auto& b = opts.budget;
    b.max_response_bytes = o.get_size("max_response_bytes", b.max_response_bytes);
    b.max_answer_bytes = o.get_size("max_answer_bytes", b.max_answer_bytes);
    b.max_fallback_bytes = o.get_size("max_fallback_bytes", b.max_fallback_bytes);
    b.max_depth = o.get_size("max_depth", b.max_depth);
    b.max_digits = o.get_size("max_digits", b.max_digits);
    b.max_exponent = o.get_size("max_exponent", b.max_exponent);
    b.max_steps = o.get_size("max_steps", b.max_steps);
    b.max_items = o.get_size("max_items", b.max_items);
    if (b.max_depth == 0 || b.max_depth > 5000) TRANSFERSCORE_THROW(config_error("math: max_depth must be between 1 and 5000"));

    const bool paper = o.paper_mode("math");
    const hendrycks::grader by_benchmark =
        o.benchmark == "olympiadbench" ? hendrycks::grader::lm_eval : hendrycks::grader::evalchemy;
    const hendrycks::grader graders[] = {by_benchmark, hendrycks::grader::evalchemy, hendrycks::grader::lm_eval};
    return scorer(opts, paper, graders[o.get_choice("math", "paper_grader", {"auto", "evalchemy", "lm_eval"})]);
  }

  [[nodiscard]] std::string_view name() const noexcept { return "math"; }
  [[nodiscard]] const options& settings() const noexcept { return opts_; }
  [[nodiscard]] bool paper() const noexcept { return paper_; }

  [[nodiscard]] score_result score(const record& r) const {
    std::vector<std::string> golds;
    std::string field = "reference.answer";
    if (const auto* answers = r.reference.find("answers")) {
      field = "reference.answers";
      const auto* list = answers->if_array();
      if (list == nullptr || list->empty()) return score_result::malformed(field, "answers must be a non-empty list");
      for (const auto& a : *list) {
        std::string text;
        if (!detail::gold_text(a, text)) return score_result::malformed(field, "every answer must be a string or a number");
        golds.push_back(std::move(text));
      }
    } else if (const auto* answer = r.reference.find("answer")) {
      std::string text;
      if (const auto* items = answer->if_array()) {
        // A list gold (OlympiadBench's final_answer): the study takes the first item; the
        // reference mode takes all of them as one list answer.
        if (items->empty()) return score_result::malformed(field, "answer must not be an empty list");
        for (std::size_t k = 0; k < items->size(); ++k) {
          std::string item;
          if (!detail::gold_text((*items)[k], item)) return score_result::malformed(field, "every answer item must be a string or a number");
          if (paper_) {
            text = std::move(item);
            break;
          }
          if (k > 0) text += ", ";
          text += item;
        }
      } else if (!detail::gold_text(*answer, text)) {
        return score_result::malformed(field, "answer must be a string, a number or a list");
      }
      golds.push_back(std::move(text));
    } else {
      return score_result::malformed("reference", "missing reference.answer");
    }

    if (paper_) return paper_verdict(golds.front(), r.response, grader_);

    // The pipeline has applied the trace policy already.
    trace_policy none;
    none.strip = trace_policy::mode::none;
    const std::string_view question = detail::question_of(r);
    score_result best;
    for (std::size_t k = 0; k < golds.size(); ++k) {
      score_result one = equivalent(golds[k], r.response, opts_, none, question);
      if (one.status == status::malformed_record) one.field = field;
      if (k == 0 || one.correct || (best.status != status::ok && one.status == status::ok)) best = std::move(one);
      if (best.correct) break;
    }
    return best;
  }

 private:
  options opts_;
  bool paper_ = false;
  hendrycks::grader grader_ = hendrycks::grader::evalchemy;
};

/// Registers the family "math" and the benchmarks it scores.
TRANSFERSCORE_API void register_family(scorer_registry& registry) {
  registry.add_family("math",
                      "final answer vs gold: boxed/cue extraction, exact and numeric equivalence (paper mode: Hendrycks is_equiv)",
                      [](const scorer_options& options) -> any_scorer<record> { return scorer::from_options(options); });
  for (const char* benchmark : {"math500", "aime24", "aime25", "olympiadbench"}) registry.add_benchmark(benchmark, "math");
}

}  // namespace math
TRANSFERSCORE_END_NAMESPACE
