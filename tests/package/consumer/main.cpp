// The program every packaging test builds: it must compile against the library however it
// was obtained, and score a record end to end.
#include <transferscore/transferscore.hpp>

#include <cstdio>
#include <string>

int main() {
  namespace ts = transferscore;
  static_assert(ts::scorer<ts::exact_match::scorer>);
  const auto registry = ts::builtin_registry();
  ts::pipeline_options options;
  options.scorer = "exact_match";
  ts::score_pipeline pipeline(registry, options);
  std::string out;
  ts::run_summary summary;
  pipeline.score_line(R"({"id": 1, "response": "<think>hmm</think> Paris", "reference": {"answer": "paris"}})", 1, "inline", out,
                      summary);
  std::printf("transferscore %s: %s", TRANSFERSCORE_VERSION_STRING, out.c_str());
  return summary.correct == 1 ? 0 : 1;
}
