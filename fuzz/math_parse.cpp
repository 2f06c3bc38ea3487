// Fuzzes the parser, the evaluator and the comparison. Input layout:
//   line 1: a gold answer; the rest: a second answer.
// Invariants: nothing crashes, hangs or throws; an answer parses the same way twice and
// equals itself; a budget problem is never an "equal"; Hendrycks' is_equiv is symmetric and
// strip_string never crashes.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <transferscore/transferscore.hpp>

namespace m = transferscore::math;
namespace h = transferscore::math::hendrycks;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto nl = input.find('\n');
  const std::string_view gold = input.substr(0, nl);
  const std::string_view answer = nl == std::string_view::npos ? std::string_view{} : input.substr(nl + 1);
  m::options opts;
  opts.budget.max_steps = 200000;
  opts.budget.max_answer_bytes = 2048;

  const m::parsed_answer g = m::parse(gold, opts);
  const m::parsed_answer g2 = m::parse(gold, opts);
  if (g.status != g2.status || g.is_text != g2.is_text) std::abort();
  if (g.ok()) {
    if (g.tree.describe() != g2.tree.describe()) std::abort();
    if (m::compare(g, g2, opts) == m::match::different) std::abort();
  }
  const m::parsed_answer a = m::parse(answer, opts);
  (void)m::compare(g, a, opts);
  (void)m::compare(a, g, opts);
  (void)m::compare_answers(gold, answer, opts);
  m::options tight = opts;
  tight.budget.max_steps = 50;
  const m::parsed_answer gt = m::parse(gold, tight);
  const m::parsed_answer at = m::parse(answer, tight);
  if (gt.status == m::parse_status::over_budget || at.status == m::parse_status::over_budget) {
    if (m::compare(gt, at, tight) == m::match::equal) std::abort();
  }

  (void)h::strip_string(gold);
  if (h::is_equiv(gold, answer) != h::is_equiv(answer, gold)) std::abort();
  if (h::is_equiv_olympiad(gold, answer) != h::is_equiv_olympiad(answer, gold)) std::abort();
  return 0;
}
