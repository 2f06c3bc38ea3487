// IFEval scoring throughput: the 541 official prompts with the official GPT-4 responses,
// strict and loose (the scorer always computes both), one thread, in prompts per second.
//
//   bench_ifeval [--benchmark_counters_tabular=true]
//
// Punkt parameters: $TRANSFERSCORE_PUNKT_DIR, else ../shared/data/ifeval/punkt_tab/english
// (the fallback splitter otherwise, which the output says). The reference figure is the
// original Python implementation on the same data: bench/ifeval_reference.py measures it
// (see bench/README.md).
#include <transferscore/transferscore.hpp>

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace {

namespace ts = transferscore;
namespace ins = transferscore::instructions;

std::vector<ts::json> read_jsonl(const std::string& path) {
  std::vector<ts::json> out;
  std::ifstream in(path, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    ts::json v;
    if (!line.empty() && !ts::io::parse_json(line, v)) out.push_back(std::move(v));
  }
  return out;
}

const std::vector<ts::record>& official_records() {
  static const std::vector<ts::record> records = [] {
    const std::string dir = TRANSFERSCORE_IFEVAL_DATA;
    std::map<std::string, ts::json> inputs;
    for (auto& v : read_jsonl(dir + "/input_data.jsonl")) inputs.emplace(*v.find("prompt")->if_string(), std::move(v));
    std::vector<ts::record> out;
    for (const auto& v : read_jsonl(dir + "/input_response_data_gpt4_20231107_145030.jsonl")) {
      ts::record r;
      r.id = 1;
      r.response = *v.find("response")->if_string();
      r.reference = inputs.at(*v.find("prompt")->if_string());
      out.push_back(std::move(r));
    }
    return out;
  }();
  return records;
}

std::string punkt_dir() {
  if (const char* env = std::getenv("TRANSFERSCORE_PUNKT_DIR"); env != nullptr && *env != 0) return env;
  const std::string shared = TRANSFERSCORE_PUNKT_SHARED;
  return std::filesystem::exists(shared + "/ortho_context.tab") ? shared : std::string();
}

const ins::scorer& shared_scorer() {
  static const ins::scorer scorer = [] {
    ts::scorer_options options;
    if (const auto dir = punkt_dir(); !dir.empty()) options.settings["punkt_dir"] = dir;
    return ins::scorer::from_options(options);
  }();
  return scorer;
}

// One pass over the corpus: the whole verdict per prompt (parse the gold, strict and loose
// checks, details). Not inlined, so that callgrind can count it alone:
//   valgrind --tool=callgrind --toggle-collect='*score_corpus_once*' bench_ifeval --benchmark_filter=one_pass
[[gnu::noinline]] std::size_t score_corpus_once(const std::vector<ts::record>& records, const ins::scorer& scorer) {
  std::size_t correct = 0;
  for (const auto& r : records) {
    const ts::score_result result = scorer.score(r);
    correct += result.correct ? 1 : 0;
  }
  return correct;
}

void BM_ifeval_strict_and_loose(benchmark::State& state) {
  const auto& records = official_records();
  const auto& scorer = shared_scorer();
  std::size_t correct = 0;
  for (auto _ : state) correct += score_corpus_once(records, scorer);
  benchmark::DoNotOptimize(correct);
  state.counters["prompts_per_s"] = benchmark::Counter(static_cast<double>(state.iterations() * records.size()),
                                                       benchmark::Counter::kIsRate);
  state.SetLabel(scorer.uses_fallback_sentences() ? "fallback sentences (no Punkt parameters)" : "Punkt English");
}
BENCHMARK(BM_ifeval_strict_and_loose)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// Exactly one pass (the corpus and the scorer are built before it), for instruction counts
// under callgrind.
void BM_ifeval_one_pass(benchmark::State& state) {
  const auto& records = official_records();
  const auto& scorer = shared_scorer();
  std::size_t correct = 0;
  for (auto _ : state) correct += score_corpus_once(records, scorer);
  benchmark::DoNotOptimize(correct);
}
BENCHMARK(BM_ifeval_one_pass)->Unit(benchmark::kMillisecond)->Iterations(1);

// One-time cost of building a scorer (decoding the language profiles, loading Punkt).
void BM_ifeval_scorer_setup(benchmark::State& state) {
  ts::scorer_options options;
  if (const auto dir = punkt_dir(); !dir.empty()) options.settings["punkt_dir"] = dir;
  for (auto _ : state) benchmark::DoNotOptimize(ins::scorer::from_options(options));
}
BENCHMARK(BM_ifeval_scorer_setup)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
