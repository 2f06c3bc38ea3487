// A custom scorer: any type with `score(const record&) -> score_result` and `name()` is a
// scorer. Register it under a family name, map a benchmark to it, and the whole pipeline
// (JSONL readers, backend adapters, trace policy, threads, ordered verdicts) uses it.
#include <transferscore/transferscore.hpp>

#include <cstdio>
#include <string>

namespace ts = transferscore;

// Scores a "keep it short" benchmark: right when the answer has at most `max_words` words.
struct short_answer {
  std::size_t max_words = 5;

  [[nodiscard]] ts::score_result score(const ts::record& r) const {
    std::size_t words = 0;
    bool in_word = false;
    for (char c : r.response) {
      const bool space = c == ' ' || c == '\n' || c == '\t';
      if (!space && !in_word) ++words;
      in_word = !space;
    }
    if (words == 0) return ts::score_result::no_answer("empty response");
    auto result = ts::score_result::judged(words <= max_words, r.response);
    result.details["words"] = words;
    return result;
  }
  [[nodiscard]] std::string_view name() const { return "short_answer"; }
};

static_assert(ts::scorer<short_answer>, "short_answer must model the scorer concept");

int main() {
  ts::scorer_registry registry;
  registry.add_family("short_answer", "at most N words", [](const ts::scorer_options& options) -> ts::any_scorer<> {
    return short_answer{options.get_size("max_words", 5)};
  });
  registry.add_benchmark("brevity", "short_answer");

  ts::score_pipeline pipeline(registry, ts::pipeline_options{});
  std::string out;
  ts::run_summary summary;
  pipeline.score_line(R"({"id": 1, "benchmark": "brevity", "response": "<think>hmm</think>Blue."})", 1, "inline", out, summary);
  pipeline.score_line(R"({"id": 2, "benchmark": "brevity", "response": "It is blue, like the sky on a clear day."})", 2, "inline",
                      out, summary);
  std::fputs(out.c_str(), stdout);
  std::printf("correct %llu of %llu\n", static_cast<unsigned long long>(summary.correct),
              static_cast<unsigned long long>(summary.records));
  return summary.correct == 1 ? 0 : 1;
}
