// Fuzzes answer extraction and the whole reference verdict on arbitrary responses, the same
// bytes read as a gold (a solution gold is read like a response) and as the item's question,
// the cut-off rule, and the study's grader (paper mode) on the same bytes.
// Invariants: nothing crashes, hangs or throws; a correct verdict has status ok and a
// non-empty extracted answer; a found answer is never longer than the response (plus the
// separators of joined boxes); the paper grader's answer comes from a box.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <transferscore/transferscore.hpp>

namespace ts = transferscore;
namespace m = transferscore::math;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  m::options opts;
  opts.budget.max_steps = 200000;

  for (std::size_t items : {std::size_t{1}, std::size_t{3}}) {
    const m::extraction ex = m::extract(input, opts, items);
    if (ex.found()) {
      if (ex.answer.size() > input.size() + 2 * ex.boxes) std::abort();
    } else if (!ex.answer.empty()) {
      std::abort();
    }
  }
  for (const char* gold : {"1", "\\frac{1}{2}", "(1, 2)", "x^2+1", "\\text{odd}", "C"}) {
    const ts::score_result r = m::equivalent(gold, input, opts);
    if (r.correct && (r.status != ts::status::ok || r.score != 1.0)) std::abort();
    if (!r.correct && r.score != 0.0) std::abort();
  }
  // The input as a gold read like a response, and as the question of the item.
  const m::gold_answer g = m::read_gold(input, opts);
  if (g.source == m::answer_source::none && g.text != input) std::abort();
  for (const char* response : {"\\boxed{1}", "The answer is $\\frac{1}{2}$.", "so x = 3"}) {
    const ts::score_result r = m::equivalent(input, response, opts, ts::trace_policy{}, input);
    if (r.correct && (r.status != ts::status::ok || r.score != 1.0)) std::abort();
  }
  const ts::score_result q = m::equivalent("1", input, opts, ts::trace_policy{}, input);
  if (q.correct && q.status != ts::status::ok) std::abort();
  (void)m::detail::unfinished_ending(input);
  for (auto grader : {m::hendrycks::grader::evalchemy, m::hendrycks::grader::lm_eval}) {
    const auto v = m::hendrycks::grade("1", input, grader);
    if (!v.box_found && (v.correct || !v.answer.empty())) std::abort();
  }
  return 0;
}
