// Throughput of `score --scorer exact_match` (the whole pipeline: read, parse, adapt,
// trace policy, score, write verdicts) against minimal simdjson loops that only parse each
// line and read "response", measured in the same run on the same file.
//
//   bench_pipeline --benchmark_counters_tabular=true
//
// The ratio to report is pipeline bytes/s divided by the faster reference's bytes/s.
#include "corpus.hpp"

#include <transferscore/transferscore.hpp>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <string>

namespace {

namespace ts = transferscore;

const std::string& corpus_path() {
  static const std::string path = [] {
    auto p = (std::filesystem::temp_directory_path() / "transferscore_bench_pipeline.jsonl").string();
    bench_corpus::write_file(p, std::uint64_t{256} << 20);  // 256 MiB, ~85k records of ~3 KB
    return p;
  }();
  return path;
}

std::uint64_t file_bytes() { return std::filesystem::file_size(corpus_path()); }

// Reference 1: split lines with the same reader, DOM-parse each line (runtime-dispatched
// SIMD kernel), read "response".
void BM_simdjson_dom_parse_only(benchmark::State& state) {
  simdjson::dom::parser parser;
  std::string padded;
  for (auto _ : state) {
    std::FILE* f = std::fopen(corpus_path().c_str(), "rb");
    ts::io::line_reader reader(f);
    ts::io::line_view line;
    std::size_t total = 0;
    while (reader.next(line)) {
      padded.assign(line.text);
      padded.append(simdjson::SIMDJSON_PADDING, ' ');
      simdjson::dom::element doc;
      if (parser.parse(padded.data(), line.text.size(), false).get(doc)) continue;
      std::string_view response;
      if (doc["response"].get(response) == simdjson::SUCCESS) total += response.size();
    }
    std::fclose(f);
    benchmark::DoNotOptimize(total);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * file_bytes()));
}

// Reference 2: the same with the On-Demand API (its kernel is chosen at compile time).
void BM_simdjson_ondemand_parse_only(benchmark::State& state) {
  simdjson::ondemand::parser parser;
  std::string padded;
  for (auto _ : state) {
    std::FILE* f = std::fopen(corpus_path().c_str(), "rb");
    ts::io::line_reader reader(f);
    ts::io::line_view line;
    std::size_t total = 0;
    while (reader.next(line)) {
      padded.assign(line.text);
      padded.append(simdjson::SIMDJSON_PADDING, ' ');
      simdjson::ondemand::document doc;
      if (parser.iterate(padded.data(), line.text.size(), padded.size()).get(doc)) continue;
      std::string_view response;
      if (doc["response"].get_string().get(response) == simdjson::SUCCESS) total += response.size();
    }
    std::fclose(f);
    benchmark::DoNotOptimize(total);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * file_bytes()));
  state.SetLabel(simdjson::builtin_implementation()->name());
}

void BM_pipeline_exact_match(benchmark::State& state) {
  auto registry = ts::builtin_registry();
  ts::pipeline_options options;
  options.scorer = "exact_match";
  options.threads = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    std::FILE* out = std::fopen("/dev/null", "wb");
    ts::score_pipeline pipeline(registry, options);
    auto summary = pipeline.run({corpus_path()}, out);
    std::fclose(out);
    benchmark::DoNotOptimize(summary.records);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * file_bytes()));
}

}  // namespace

BENCHMARK(BM_simdjson_dom_parse_only)->Unit(benchmark::kMillisecond)->MinTime(3)->UseRealTime();
BENCHMARK(BM_simdjson_ondemand_parse_only)->Unit(benchmark::kMillisecond)->MinTime(3)->UseRealTime();
BENCHMARK(BM_pipeline_exact_match)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->MinTime(3)->UseRealTime();
BENCHMARK_MAIN();
