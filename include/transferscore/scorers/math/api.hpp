#pragma once
// The plain C++ entry points of the math family ("extract, then compare"):
//
//   math::equivalent(gold, response)          full verdict (a score_result), usable as an RL reward
//   math::extract(response)                   the answer span of a response      (extract.hpp)
//   math::parse(answer)                       an answer as an expression tree     (parser.hpp)
//   math::compare(gold, answer)               two parsed answers                  (here)
//   math::compare_answers(gold, answer)       two answer strings                  (here)
//
// None of them needs simdjson, throws for bad input, uses signals, threads or global state;
// all are safe to call from any number of threads.

#include <transferscore/config.hpp>
#include <transferscore/detail/implementation_only.hpp>
#include <transferscore/core/json.hpp>
#include <transferscore/core/trace.hpp>
#include <transferscore/core/verdict.hpp>
#include <transferscore/detail/text.hpp>
#include <transferscore/scorers/math/compare.hpp>
#include <transferscore/scorers/math/extract.hpp>
#include <transferscore/scorers/math/hendrycks.hpp>
#include <transferscore/scorers/math/interface.hpp>
#include <transferscore/scorers/math/options.hpp>
#include <transferscore/scorers/math/parser.hpp>
#include <transferscore/scorers/math/question.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace math {

namespace detail {

/// The answer with presentation removed, for the fast "identical up to spacing" check.
[[nodiscard]] inline std::string compact(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '$' || c == '~') continue;
    if (c == '\\' && i + 1 < s.size()) {
      const char n = s[i + 1];
      if (n == ',' || n == ';' || n == ':' || n == '!' || n == ' ') {
        ++i;
        continue;
      }
      auto skip_word = [&](std::string_view w) {
        if (s.substr(i + 1, w.size()) == w && (i + 1 + w.size() >= s.size() || !is_letter(s[i + 1 + w.size()]))) {
          i += w.size();
          return true;
        }
        return false;
      };
      if (skip_word("left") || skip_word("right") || skip_word("displaystyle")) continue;
      if (skip_word("dfrac") || skip_word("tfrac")) {
        out += "\\frac";
        continue;
      }
    }
    out.push_back(c);
  }
  while (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

/// Removes LaTeX text wrappers, braces, dollars and emphasis around a letter answer.
[[nodiscard]] inline std::string letter_text(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\\') {
      std::size_t j = i + 1;
      while (j < s.size() && is_letter(s[j])) ++j;
      if (j == i + 1) {
        if (j < s.size() && (s[j] == '(' || s[j] == ')' || s[j] == '[' || s[j] == ']' || s[j] == ',' || s[j] == ' ')) ++j;
        i = j - 1;
        out.push_back(' ');
        continue;
      }
      i = j - 1;
      continue;
    }
    if (c == '{' || c == '}' || c == '$' || c == '*') continue;
    out.push_back(c);
  }
  return out;
}

/// Multiple-choice letters A-J as a bit set: "C", "(C)", "\text{(C)}", "A, C", "A and C", "AC".
/// `lenient` (answers) also reads "C) 12", "D: 3\sqrt2", "(c)", "option C".
[[nodiscard]] inline std::optional<std::uint16_t> choice_letters(std::string_view raw, bool lenient) {
  const std::string text = letter_text(raw);
  std::string_view s = text;
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '.')) s.remove_suffix(1);
  if (s.empty()) return std::nullopt;
  auto letter = [&](char c, bool in_parens) -> int {
    if (c >= 'A' && c <= 'J') return c - 'A';
    if (lenient && in_parens && c >= 'a' && c <= 'j') return c - 'a';
    return -1;
  };
  // A list of letters: (A), C and D, A/B ...
  {
    std::uint16_t bits = 0;
    std::size_t i = 0;
    bool ok = true;
    int count = 0;
    while (i < s.size()) {
      while (i < s.size() && s[i] == ' ') ++i;
      const bool paren = i < s.size() && s[i] == '(';
      if (paren) ++i;
      if (i >= s.size()) {
        ok = false;
        break;
      }
      const int l = letter(s[i], paren);
      if (l < 0) {
        ok = false;
        break;
      }
      ++i;
      if (paren) {
        if (i >= s.size() || s[i] != ')') {
          ok = false;
          break;
        }
        ++i;
      }
      if (((bits >> l) & 1u) != 0) {
        ok = false;  // repeated letter: not a choice list
        break;
      }
      bits = static_cast<std::uint16_t>(bits | (1u << l));
      ++count;
      while (i < s.size() && (s[i] == ' ' || s[i] == ',' || s[i] == ';' || s[i] == '/' || s[i] == '&')) ++i;
      if (s.substr(i, 4) == "and ") i += 4;
      if (i < s.size() && !(s[i] == '(' || letter(s[i], false) >= 0)) {
        ok = false;
        break;
      }
    }
    if (ok && count > 0 && count <= 10) return bits;
  }
  if (!lenient) return std::nullopt;
  // "C) 12", "(C) 12", "C. 12", "D: 3\sqrt2"
  {
    std::size_t i = 0;
    const bool paren = s[0] == '(';
    if (paren) i = 1;
    if (i < s.size()) {
      const int l = letter(s[i], true);
      if (l >= 0 && i + 1 < s.size()) {
        const char after = s[i + 1];
        if ((paren && after == ')') || (!paren && (after == ')' || after == ':' || after == '.'))) {
          const std::size_t next = i + 2;
          if (next >= s.size() || s[next] == ' ') return static_cast<std::uint16_t>(1u << l);
        }
      }
    }
  }
  // "option C", "choice (C)", "answer C"
  for (std::string_view word : {"option ", "Option ", "choice ", "Choice ", "answer ", "Answer "}) {
    if (s.substr(0, word.size()) != word) continue;
    std::string_view rest = s.substr(word.size());
    if (!rest.empty() && rest[0] == '(') rest.remove_prefix(1);
    if (!rest.empty()) {
      const int l = letter(rest[0], true);
      if (l >= 0 && (rest.size() == 1 || !is_letter(rest[1]))) return static_cast<std::uint16_t>(1u << l);
    }
  }
  return std::nullopt;
}

[[nodiscard]] inline std::size_t gold_items(const parsed_answer& gold) {
  if (!gold.ok() || gold.tree.empty()) return 1;
  const node& root = gold.tree.at(gold.tree.root);
  return root.kind == node_kind::list ? root.count : 1;
}

}  // namespace detail

/// Compares two parsed answers, gold first, within `budget`.
[[nodiscard]] inline match compare(const parsed_answer& gold, const parsed_answer& answer, const options& opts, work_budget& budget) {
  if (gold.status == parse_status::over_budget || answer.status == parse_status::over_budget) return match::over_budget;
  if (answer.status == parse_status::empty) return match::different;
  const bool gold_readable = gold.status == parse_status::ok;
  const bool answer_readable = answer.status == parse_status::ok;
  if (!gold_readable || !answer_readable || gold.is_text || answer.is_text) {
    // Words (or unreadable math) compare as normalised text.
    const std::string tg = gold.is_text ? gold.tree.strings.back() : detail::normalize_text_answer(gold.source);
    const std::string ta = answer.is_text ? answer.tree.strings.back() : detail::normalize_text_answer(answer.source);
    if (!tg.empty() && tg == ta) return match::equal;
    const bool empty_g = detail::means_empty_set(tg) ||
                         (gold_readable && !gold.is_text && gold.tree.at(gold.tree.root).kind == node_kind::empty_set);
    const bool empty_a = detail::means_empty_set(ta) ||
                         (answer_readable && !answer.is_text && answer.tree.at(answer.tree.root).kind == node_kind::empty_set);
    return empty_g && empty_a ? match::equal : match::different;
  }
  comparer c(gold.tree, answer.tree, opts, budget);
  const match m = c.run();
  return budget.exhausted() && m != match::equal ? match::over_budget : m;
}

[[nodiscard]] inline match compare(const parsed_answer& gold, const parsed_answer& answer, const options& opts = {}) {
  work_budget budget(opts.budget);
  return compare(gold, answer, opts, budget);
}

namespace detail {

/// Gold answer text (and its parse) against an extracted answer.
[[nodiscard]] inline match decide(std::string_view gold_text, const parsed_answer& gold, std::string_view answer_text,
                                  const options& opts, work_budget& budget) {
  if (gold_text.size() <= opts.budget.max_answer_bytes && answer_text.size() <= opts.budget.max_answer_bytes) {
    const std::string cg = compact(gold_text);
    if (!cg.empty() && cg == compact(answer_text)) return match::equal;
  }
  if (auto letters = choice_letters(gold_text, false)) {
    auto given = choice_letters(answer_text, true);
    return given && *given == *letters ? match::equal : match::different;
  }
  const parsed_answer answer = parse(answer_text, budget);
  return compare(gold, answer, opts, budget);
}

}  // namespace detail

/// A gold answer as it will be compared: the text itself, or, when the gold is a worked
/// solution or carries its own \boxed{} (datasets often give the solution text), the final
/// answer read from it exactly as a response's is read.
struct gold_answer {
  std::string text;
  answer_source source = answer_source::none;  ///< none: the gold as given
};

namespace detail {

/// A gold that reads like a solution: some 40 bytes with five words of prose outside braces
/// ("Let the percentage ... be $x$. ... Solving for $x$ yields $x=1/5$, or 20 percent.").
[[nodiscard]] inline bool reads_like_solution(std::string_view gold) {
  if (gold.size() < 40) return false;
  int prose = 0;
  int depth = 0;
  for (std::size_t i = 0; i < gold.size(); ++i) {
    const char c = gold[i];
    if (c == '{') ++depth;
    if (c == '}' && depth > 0) --depth;
    if (depth == 0 && is_letter(c) && (i == 0 || gold[i - 1] == ' ' || gold[i - 1] == '\n') && prose_word_at(gold, i) &&
        ++prose >= 5) {
      return true;
    }
  }
  return false;
}

}  // namespace detail

/// Reads a gold answer: as given, or (a box in it, or a worked solution) like a response.
[[nodiscard]] inline gold_answer read_gold(std::string_view gold, const options& opts = {}) {
  gold_answer out;
  // A solution is at most a few KiB; a gold longer than four answers' worth is taken as given
  // (and then refused by its length when parsed).
  const bool readable = gold.size() <= 4 * opts.budget.max_answer_bytes;
  const bool boxed = gold.find("\\boxed") != std::string_view::npos || gold.find("\\fbox") != std::string_view::npos;
  if (readable && (boxed || detail::reads_like_solution(gold))) {
    options o = opts;
    o.boxes = box_policy::gold_count;
    o.last_number_fallback = !boxed;
    extraction ex = extract(gold, o, 1, false);
    if (ex.found()) {
      out.text = std::move(ex.answer);
      out.source = ex.source;
      return out;
    }
  }
  out.text = std::string(gold);
  return out;
}

/// Compares two answer strings (no extraction): gold first.
TRANSFERSCORE_API match compare_answers(std::string_view gold, std::string_view answer, const options& opts) {
  work_budget budget(opts.budget);
  const parsed_answer g = parse(gold, budget);
  return detail::decide(gold, g, answer, opts, budget);
}

/// The verdict on a full response: the reasoning-trace policy, extraction, comparison.
/// `score_result::correct` is the reward; `status` says why there is none (no answer,
/// unterminated trace, budget exceeded, unusable gold).
/// `question`, when given, is the item's question: an answer that only restates it is wrong
/// (question.hpp).
TRANSFERSCORE_API score_result equivalent(std::string_view gold_text, std::string_view response, const options& opts,
                                        const trace_policy& trace, std::string_view question) {
  const trace_outcome t = apply_trace_policy(trace, response);
  if (t.unterminated && trace.unterminated == trace_policy::on_unterminated::no_answer) {
    score_result r;
    r.status = status::unterminated_trace;
    r.message = "the reasoning trace was opened and never closed";
    return r;
  }
  work_budget budget(opts.budget);
  if (t.answer.size() > opts.budget.max_response_bytes) return score_result::budget_exceeded("the response is longer than max_response_bytes");
  if (gold_text.size() > opts.budget.max_response_bytes) return score_result::budget_exceeded("the gold is longer than max_response_bytes");
  const gold_answer read = read_gold(gold_text, opts);
  const std::string_view gold = read.text;
  const parsed_answer g = parse(gold, budget);
  if (g.status == parse_status::empty) return score_result::malformed("reference.answer", "the gold answer is empty");
  // A gold over budget can still be matched by an identical answer (decide() looks at the text first).
  const std::size_t items = g.ok() ? detail::gold_items(g) : detail::count_items(gold);
  const extraction ex = extract(t.answer, opts, items);
  if (ex.too_long) {
    score_result r = score_result::budget_exceeded(t.answer.size() > opts.budget.max_response_bytes
                                                       ? "the response is longer than max_response_bytes"
                                                       : "the answer is longer than max_answer_bytes");
    r.extracted = ex.answer;
    return r;
  }
  if (!ex.found()) {
    return score_result::no_answer(ex.unterminated_box ? "the last \\boxed{ is never closed"
                                   : ex.unfinished != nullptr ? std::string(ex.unfinished) + ": no final answer"
                                                              : "no answer found in the response");
  }
  match m = detail::decide(gold, g, ex.answer, opts, budget);
  std::string shown(transferscore::detail::utf8_prefix(ex.answer, 512));
  if (m == match::over_budget) {
    score_result r = score_result::budget_exceeded(budget.exhausted() ? std::string(budget.reason()) : "the answer exceeds the work budget");
    r.extracted = std::move(shown);
    return r;
  }
  bool restated = false;
  if (m == match::equal && !question.empty()) {
    work_budget scratch(opts.budget);
    restated = detail::restates_question(question, ex.answer, parse(ex.answer, scratch), g, opts.budget);
    if (restated) m = match::different;
  }
  score_result r = score_result::judged(m == match::equal, std::move(shown));
  r.details = json::object();
  r.details["source"] = json(to_string(ex.source));
  if (read.source != answer_source::none) {
    r.details["gold_source"] = json(to_string(read.source));
    r.details["gold"] = json(std::string(transferscore::detail::utf8_prefix(read.text, 512)));
  }
  if (restated) r.details["restates_question"] = json(true);
  return r;
}

TRANSFERSCORE_API score_result equivalent(std::string_view gold, std::string_view response, const options& opts) {
  return equivalent(gold, response, opts, trace_policy{});
}

/// The study's verdict (paper mode) on a full response.
[[nodiscard]] inline score_result paper_verdict(std::string_view gold, std::string_view response,
                                                hendrycks::grader grader = hendrycks::grader::evalchemy) {
  const hendrycks::paper_verdict v = hendrycks::grade(gold, response, grader);
  if (!v.correct && !v.box_found) {
    score_result r = score_result::no_answer("no \\boxed answer (the study's grader scores it wrong)");
    return r;
  }
  score_result r = score_result::judged(v.correct, std::string(transferscore::detail::utf8_prefix(v.answer, 512)));
  r.details = json::object();
  r.details["grader"] = json(grader == hendrycks::grader::evalchemy ? "evalchemy" : "lm_eval");
  if (v.grader_error) r.details["grader_error"] = json(true);
  return r;
}

}  // namespace math
TRANSFERSCORE_END_NAMESPACE
