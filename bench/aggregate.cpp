// The aggregator at several sizes, to show linear growth and the absolute cost:
//
//   BM_simdjson_parse_only/N   reference: split N verdict lines and DOM-parse each (nothing else)
//   BM_aggregate_verdicts/N    read N verdict lines into accumulators and summarise them
//                              (score, pass@1/4, maj@4; no bootstrap), as `aggregate --bootstrap 0`
//   BM_accumulate_views/N      the accumulators alone, fed prepared samples (no JSON)
//   BM_resample_only/I/B       reference: the bootstrap's draws alone (B resamples of I items)
//   BM_paired_bootstrap/I/B    paired comparison of two models on I shared items with B
//                              replicates (difference, relative gain, both scores, McNemar)
//
//   bench_aggregate --benchmark_counters_tabular=true
//
// Ratios to report: aggregate / parse-only time at the same N, and paired bootstrap /
// resample-only time at the same I and B.
#include <transferscore/transferscore.hpp>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace {

namespace ts = transferscore;
namespace ag = transferscore::aggregate;

const char* const benchmarks[] = {"math500", "aime24",       "aime25",   "olympiadbench", "gpqa_diamond", "livecodebench",
                                  "acpbench", "headqa",       "coqa",     "ifeval",        "halueval",     "mc_taco"};

// N verdict lines like `transferscore score` writes: 2 models x 12 benchmarks, 4 samples per
// item, about 230 bytes each, 3% no_answer.
const std::string& verdict_file(std::int64_t n) {
  static std::map<std::int64_t, std::string> paths;
  auto it = paths.find(n);
  if (it != paths.end()) return it->second;
  const auto path = (std::filesystem::temp_directory_path() / ("transferscore_bench_verdicts_" + std::to_string(n) + ".jsonl")).string();
  std::FILE* f = std::fopen(path.c_str(), "wb");
  ag::xoshiro256 rng(1);
  std::string line;
  for (std::int64_t i = 0; i < n; ++i) {
    ts::verdict v;
    const std::int64_t item = i / 4;
    v.model = (item / 12) % 2 == 0 ? "qwen3-14b-base" : "qwen3-14b-rl";
    v.benchmark = benchmarks[item % 12];
    v.id = ts::json(v.benchmark + "/" + std::to_string(item / 24));
    v.sample = i % 4;
    v.scorer = "math";
    v.mode = "reference";
    v.trace = "last-close";
    if (rng.below(100) < 3) {
      v.result = ts::score_result::no_answer("no final answer found");
      v.source = "generations.jsonl";
      v.line = static_cast<std::uint64_t>(i + 1);
    } else {
      const bool correct = rng.below(100) < 55;
      v.result = ts::score_result::judged(correct, correct ? "\\frac{1}{2}" : std::to_string(rng.below(5)));
      v.result.details["matched"] = correct ? "symbolic" : "none";
    }
    line.clear();
    v.dump_to(line);
    line.push_back('\n');
    std::fwrite(line.data(), 1, line.size(), f);
  }
  std::fclose(f);
  return paths.emplace(n, path).first->second;
}

void BM_simdjson_parse_only(benchmark::State& state) {
  const auto& path = verdict_file(state.range(0));
  simdjson::dom::parser parser;
  std::string padded;
  for (auto _ : state) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    ts::io::line_reader reader(f);
    ts::io::line_view line;
    std::size_t ok = 0;
    while (reader.next(line)) {
      padded.assign(line.text);
      padded.append(simdjson::SIMDJSON_PADDING, ' ');
      simdjson::dom::element doc;
      if (!parser.parse(padded.data(), line.text.size(), false).get(doc)) ++ok;
    }
    std::fclose(f);
    benchmark::DoNotOptimize(ok);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetComplexityN(state.range(0));
}

void BM_aggregate_verdicts(benchmark::State& state) {
  const auto& path = verdict_file(state.range(0));
  ag::aggregate_policy policy;
  policy.k = {1, 4};
  policy.bootstrap.replicates = 0;
  for (auto _ : state) {
    ag::accumulator_set set;
    (void)ag::read_verdicts(path, set);
    auto summaries = ag::summarize(set, policy);
    benchmark::DoNotOptimize(summaries);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetComplexityN(state.range(0));
}

void BM_accumulate_views(benchmark::State& state) {
  const std::int64_t n = state.range(0);
  std::vector<std::string> keys;
  for (std::int64_t i = 0; i < n / 4; ++i) keys.push_back("\"item/" + std::to_string(i) + "\"");
  for (auto _ : state) {
    ag::accumulator_set set;
    ag::xoshiro256 rng(3);
    for (std::int64_t i = 0; i < n; ++i) {
      ag::sample_view v;
      v.item = keys[static_cast<std::size_t>(i / 4)];
      v.correct = rng.below(2) == 0;
      v.score = v.correct ? 1.0 : 0.0;
      v.extracted = v.correct ? "a" : "b";
      set.add_view("m", benchmarks[(i / 4) % 12], v);
    }
    benchmark::DoNotOptimize(set);
  }
  state.SetItemsProcessed(state.iterations() * n);
  state.SetComplexityN(n);
}

ag::item_columns columns(std::int64_t items, std::uint64_t seed, int percent) {
  ag::benchmark_accumulator acc;
  ag::metric_sink sink;
  ag::xoshiro256 rng(seed);
  std::string key;
  for (std::int64_t i = 0; i < items; ++i) {
    key = std::to_string(i);
    ag::sample_view v;
    v.item = key;
    v.correct = rng.below(100) < static_cast<std::uint64_t>(percent);
    v.score = v.correct ? 1.0 : 0.0;
    acc.add(v, nullptr, sink);
  }
  return ag::build_columns(acc, {});
}

void BM_resample_only(benchmark::State& state) {
  ag::bootstrap_options o;
  o.replicates = static_cast<std::size_t>(state.range(1));
  std::vector<std::uint32_t> counts(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    ag::for_each_replicate(o, [&](std::size_t, ag::xoshiro256& rng, std::size_t) {
      ag::resample_counts(rng, counts);
      benchmark::DoNotOptimize(counts.data());
    });
  }
  state.SetItemsProcessed(state.iterations() * state.range(0) * state.range(1));
  state.SetComplexityN(state.range(0) * state.range(1));
}

void BM_paired_bootstrap(benchmark::State& state) {
  const auto model = columns(state.range(0), 1, 60), base = columns(state.range(0), 2, 50);
  ag::bootstrap_options o;
  o.replicates = static_cast<std::size_t>(state.range(1));
  for (auto _ : state) {
    auto r = ag::compare(model, base, "score", o);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0) * state.range(1));
  state.SetComplexityN(state.range(0) * state.range(1));
}

}  // namespace

BENCHMARK(BM_simdjson_parse_only)->RangeMultiplier(2)->Range(125000, 1000000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
BENCHMARK(BM_aggregate_verdicts)->RangeMultiplier(2)->Range(125000, 1000000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
BENCHMARK(BM_accumulate_views)->RangeMultiplier(2)->Range(125000, 1000000)->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
BENCHMARK(BM_resample_only)
    ->Args({12500, 1000})->Args({25000, 1000})->Args({50000, 1000})->Args({100000, 1000})->Args({100000, 10000})
    ->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);
BENCHMARK(BM_paired_bootstrap)
    ->Args({12500, 1000})->Args({25000, 1000})->Args({50000, 1000})->Args({100000, 1000})->Args({100000, 10000})
    ->Unit(benchmark::kMillisecond)->Complexity(benchmark::oN);

BENCHMARK_MAIN();
