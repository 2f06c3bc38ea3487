#pragma once
// Answers that only restate the question. "Simplify $\tan 100^\circ + 4 \sin 100^\circ$."
// answered with $\frac{\sin 100^\circ (1 + 4\cos 100^\circ)}{\cos 100^\circ}$ has the gold's
// value (-\sqrt3) but does none of the work the question asks for. When the question text is
// at hand (reference.question, or a record's question/problem field), such an answer is wrong
// (docs/math.md, "Answers that restate the question"). An answer restates the question when
//
//   1. it is, up to presentation, one of the question's own formulas (or the right side of
//      one), and the gold is written differently; or
//   2. it still applies a function, root, binomial or factorial of the question to the same
//      constant argument (\sin 100^\circ, \sqrt{50}, \binom{10}{4}), and the gold does not.
//
// Answers with variables are never flagged: as functions, any form of them is an answer.

#include <transferscore/config.hpp>
#include <transferscore/scorers/math/compare.hpp>
#include <transferscore/scorers/math/evaluate.hpp>
#include <transferscore/scorers/math/extract.hpp>
#include <transferscore/scorers/math/parser.hpp>

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace math {
namespace detail {

/// One application of a function to constants: its kind and its value.
struct application {
  node_kind kind;
  std::uint8_t sub;
  double value;
};

inline void collect_applications(const expr& e, std::uint32_t id, work_budget& budget, std::vector<application>& out) {
  const node& n = e.at(id);
  const bool applies = (n.kind == node_kind::func && static_cast<function_id>(n.sub) != function_id::abs) ||
                       n.kind == node_kind::root || n.kind == node_kind::factorial;
  if (applies && !any_node(e, id, [](const node& m, std::uint32_t) { return m.kind == node_kind::symbol; })) {
    eval_choices choices;
    evaluator ev(e, choices, budget);
    approx_value v;
    if (ev.approx(id, v) == eval_status::ok && v.v.imag() == 0.0 && std::isfinite(v.v.real())) {
      out.push_back(application{n.kind, n.sub, v.v.real()});
    }
  }
  for (auto c : e.children(id)) collect_applications(e, c, budget, out);
}

[[nodiscard]] inline bool contains_application(const std::vector<application>& list, const application& a) {
  for (const auto& b : list) {
    if (b.kind == a.kind && b.sub == a.sub && std::fabs(b.value - a.value) <= 1e-9 * std::max(1.0, std::fabs(a.value))) {
      return true;
    }
  }
  return false;
}

/// The math spans of a question ($...$, \(...\), \[...\], $$...$$), as written.
[[nodiscard]] inline std::vector<std::string_view> question_formulas(std::string_view question) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < question.size() && out.size() < 64; ++i) {
    const char c = question[i];
    if (c != '$' && !(c == '\\' && i + 1 < question.size() && (question[i + 1] == '(' || question[i + 1] == '['))) continue;
    if (c == '$' && escaped_at(question, i)) continue;
    if (auto span = math_span_at(question, i)) {
      out.push_back(question.substr(span->first, span->second - span->first));
      i = span->second + (question[i] == '$' && question.substr(i, 2) != "$$" ? 0 : 1);
    }
  }
  return out;
}

/// The answer with presentation removed, for comparing spellings (see api.hpp's compact).
[[nodiscard]] inline std::string formula_key(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '$' || c == '{' || c == '}') continue;
    if (c == '\\' && i + 1 < s.size() && (s[i + 1] == ',' || s[i + 1] == ';' || s[i + 1] == '!' || s[i + 1] == ' ')) {
      ++i;
      continue;
    }
    if (c == '\\') {
      const std::size_t e = letters_end(s, i + 1);
      const std::string_view name = s.substr(i + 1, e - i - 1);
      if (name == "left" || name == "right" || name == "displaystyle") {
        i = e - 1;
        continue;
      }
      if (name == "dfrac" || name == "tfrac") {
        out += "\\frac";
        i = e - 1;
        continue;
      }
    }
    out.push_back(c);
  }
  while (!out.empty() && (out.back() == '.' || out.back() == ',')) out.pop_back();
  return out;
}

/// True when `answer` (judged equal to `gold`) only restates `question`.
[[nodiscard]] inline bool restates_question(std::string_view question, std::string_view answer_text, const parsed_answer& answer,
                                            const parsed_answer& gold, const limits& caps) {
  if (question.empty() || !answer.ok() || answer.is_text || answer.tree.empty()) return false;
  const expr& a = answer.tree;
  if (any_node(a, a.root, [](const node& n, std::uint32_t) { return n.kind == node_kind::symbol; })) return false;
  const node& root = a.at(a.root);
  if (root.kind == node_kind::number || root.kind == node_kind::constant) return false;
  if (root.kind == node_kind::neg && a.at(a.child(a.root, 0)).kind == node_kind::number) return false;
  work_budget budget(caps);
  const std::vector<std::string_view> formulas = question_formulas(question);
  // 1. The answer is one of the question's formulas, or the right side of one.
  const std::string key = formula_key(answer_text);
  if (key.size() >= 3 && key != formula_key(gold.source)) {
    for (std::string_view f : formulas) {
      const std::string fk = formula_key(f);
      if (fk == key) return true;
      const std::size_t eq = fk.rfind('=');
      if (eq != std::string::npos && fk.substr(eq + 1) == key) return true;
    }
  }
  // 2. The answer still applies one of the question's functions to the same argument.
  std::vector<application> in_answer;
  collect_applications(a, a.root, budget, in_answer);
  if (in_answer.empty()) return false;
  std::vector<application> in_gold;
  if (gold.ok() && !gold.is_text && !gold.tree.empty()) collect_applications(gold.tree, gold.tree.root, budget, in_gold);
  std::vector<application> in_question;
  for (std::string_view f : formulas) {
    const parsed_answer q = parse(f, budget);
    if (q.ok() && !q.is_text && !q.tree.empty()) collect_applications(q.tree, q.tree.root, budget, in_question);
    if (budget.exhausted()) return false;
  }
  for (const auto& app : in_answer) {
    if (contains_application(in_question, app) && !contains_application(in_gold, app)) return true;
  }
  return false;
}

}  // namespace detail
}  // namespace math
TRANSFERSCORE_END_NAMESPACE
