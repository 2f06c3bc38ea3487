// Fuzzes the short-answer families choice, yesno and qa: a fuzzed response is scored against
// fixed golds in every mode (reference and each paper rule), also as a reasoning trace with
// nothing after it and as a cut-off generation.
// Invariants: nothing crashes, hangs or throws; every verdict is ok or no_answer; paper mode
// always judges (status ok); a correct verdict scores 1 and names an answer; a reference
// letter is A-Z and a reference judgement is "yes" or "no"; a qa verdict is always judged,
// with 0 <= EM <= F1 <= 1, score = F1 and correct = (EM == 1).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <transferscore/transferscore.hpp>

namespace ts = transferscore;

namespace {

void check(const ts::score_result& r, bool paper) {
  if (r.status != ts::status::ok && (paper || r.status != ts::status::no_answer)) std::abort();
  if (r.correct && (r.score != 1.0 || r.extracted.empty())) std::abort();
  if (!r.correct && r.score != 0.0) std::abort();
  if (r.mode.empty()) std::abort();
}

void check_qa(const ts::score_result& r) {
  if (r.status != ts::status::ok || r.mode.empty()) std::abort();
  const ts::json* em = r.details.find("em");
  const ts::json* f1 = r.details.find("f1");
  if (em == nullptr || f1 == nullptr || !em->is_number() || !f1->is_number()) std::abort();
  const double e = *em->as_double(), f = *f1->as_double();
  if (!(e >= 0.0 && e <= f && f <= 1.0) || r.score != f || r.correct != (e == 1.0)) std::abort();
  if (r.extracted.size() > ts::qa::max_extracted_bytes) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ts::record r;
  r.response.assign(reinterpret_cast<const char*>(data), size);

  const ts::choice::scorer choice_scorers[] = {ts::choice::scorer(ts::choice::rule::reference),
                                               ts::choice::scorer(ts::choice::rule::evalchemy_gpqa),
                                               ts::choice::scorer(ts::choice::rule::acpbench_mcq),
                                               ts::choice::scorer(ts::choice::rule::lm_eval_mmlu_pro, 10)};
  for (const char* gold : {"A", "C"}) {
    r.reference = ts::json::object();
    r.reference["answer"] = gold;
    for (const auto& s : choice_scorers) {
      const auto result = s.score(r);
      check(result, s.active_rule() != ts::choice::rule::reference);
      if (s.active_rule() == ts::choice::rule::reference && result.status == ts::status::ok &&
          (result.extracted.size() != 1 || result.extracted[0] < 'A' || result.extracted[0] > 'Z')) {
        std::abort();
      }
    }
  }
  // option texts take part in the reference extraction
  r.reference = ts::json::object();
  r.reference["answer"] = "B";
  ts::json::array_t texts;
  for (const char* t : {"yes", "no", "4-methylpentan-2-one", "10^-4 eV"}) texts.emplace_back(t);
  r.reference["choices"] = texts;
  check(choice_scorers[0].score(r), false);

  // The pipeline's hand-over: an empty answer with the trace beside it, a cut-off generation.
  {
    ts::record traced;
    traced.reference = r.reference;
    traced.extra["reasoning_trace"] = r.response;
    traced.extra["finish_reason"] = "length";
    check(choice_scorers[0].score(traced), false);
    r.extra["finish_reason"] = "length";
    check(choice_scorers[0].score(r), false);
    r.extra = ts::json();
  }

  const ts::yesno::scorer yesno_scorers[] = {ts::yesno::scorer(ts::yesno::rule::reference),
                                             ts::yesno::scorer(ts::yesno::rule::halueval),
                                             ts::yesno::scorer(ts::yesno::rule::acpbench_bool)};
  for (const char* field : {"answer", "hallucination"}) {  // "hallucination": HaluEval's judgement words count
  for (const char* gold : {"yes", "no"}) {
    r.reference = ts::json::object();
    r.reference[field] = gold;
    for (const auto& s : yesno_scorers) {
      const auto result = s.score(r);
      check(result, s.active_rule() != ts::yesno::rule::reference);
      if (s.active_rule() == ts::yesno::rule::reference && result.status == ts::status::ok && result.extracted != "yes" &&
          result.extracted != "no") {
        std::abort();
      }
    }
  }
  }

  const ts::qa::scorer qa_scorers[] = {ts::qa::scorer(ts::qa::rule::reference), ts::qa::scorer(ts::qa::rule::lm_eval_coqa)};
  r.reference = ts::json::object();
  r.reference["answers"] = ts::json::array({"white", "White", "in the barn", "unknown"});
  for (const auto& s : qa_scorers) check_qa(s.score(r));
  r.reference = ts::json::object();
  r.reference["answer"] = "the red ball";
  for (const auto& s : qa_scorers) check_qa(s.score(r));
  return 0;
}
