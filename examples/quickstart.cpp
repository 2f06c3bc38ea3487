// Quickstart: score one generation with a built-in scorer family, in code.
//
// A record is one model sample with its gold; the registry picks the scorer by family
// (or benchmark) name; the result says whether the answer is right and why.
#include <transferscore/transferscore.hpp>

#include <cstdio>

int main() {
  namespace ts = transferscore;

  ts::record r;
  r.id = "capitals/3";
  r.response = "<think>France... its capital is Paris.</think>  paris ";
  r.reference["answer"] = "Paris";

  // The reasoning-trace policy runs before any scorer: only the text after </think> counts.
  const ts::trace_outcome trace = ts::apply_trace_policy(ts::trace_policy{}, r.response);
  r.response = std::string(trace.answer);

  const auto registry = ts::builtin_registry();
  const ts::any_scorer<> scorer = registry.make("exact_match", ts::scorer_options{});
  const ts::score_result result = scorer.score(r);

  std::printf("%s: correct=%s status=%s extracted=\"%s\"\n", r.id.if_string()->c_str(), result.correct ? "true" : "false",
              std::string(ts::to_string(result.status)).c_str(), result.extracted.c_str());
  return result.correct ? 0 : 1;
}
