// Throughput of `score --scorer exact_match` (the whole pipeline: read, parse, adapt,
// trace policy, score, write verdicts) against minimal simdjson loops that only parse each
// line and read "response", measured in the same run on the same file.
//
//   bench_pipeline --benchmark_counters_tabular=true
//
// The ratio to report is pipeline bytes/s divided by the faster reference's bytes/s, and the
// ratio to parse_many (the reference).
#include "corpus.hpp"

#include <transferscore/transferscore.hpp>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
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

// Calls `parse(padded_line, length)` for every line of the corpus, read with the pipeline's
// own line reader and copied into a padded buffer, as the pipeline does; returns the sum of
// what `parse` returns so the work cannot be optimised away.
template <class Parse>
std::size_t for_each_padded_line(Parse&& parse) {
  std::string padded;
  std::FILE* f = std::fopen(corpus_path().c_str(), "rb");
  ts::io::line_reader reader(f);
  ts::io::line_view line;
  std::size_t total = 0;
  while (reader.next(line)) {
    padded.assign(line.text);
    padded.append(simdjson::SIMDJSON_PADDING, ' ');
    total += parse(padded, line.text.size());
  }
  std::fclose(f);
  return total;
}

// Reference 1: DOM-parse each line (runtime-dispatched SIMD kernel), read "response".
void BM_simdjson_dom_parse_only(benchmark::State& state) {
  simdjson::dom::parser parser;
  for (auto _ : state) {
    benchmark::DoNotOptimize(for_each_padded_line([&](const std::string& padded, std::size_t length) -> std::size_t {
      simdjson::dom::element doc;
      std::string_view response;
      if (parser.parse(padded.data(), length, false).get(doc) || doc["response"].get(response)) return 0;
      return response.size();
    }));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * file_bytes()));
}

// Reference 2: the same with the On-Demand API (its kernel is chosen at compile time).
void BM_simdjson_ondemand_parse_only(benchmark::State& state) {
  simdjson::ondemand::parser parser;
  for (auto _ : state) {
    benchmark::DoNotOptimize(for_each_padded_line([&](const std::string& padded, std::size_t length) -> std::size_t {
      simdjson::ondemand::document doc;
      std::string_view response;
      if (parser.iterate(padded.data(), length, padded.size()).get(doc) || doc["response"].get_string().get(response)) {
        return 0;
      }
      return response.size();
    }));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * file_bytes()));
  state.SetLabel(simdjson::builtin_implementation()->name());
}

// Reference 3: simdjson's own stream parser over the whole file (what the issue names),
// read in windows of 16 MiB cut after their last newline, so that its memory stays flat in
// the file's size as the pipeline's does; reads "response" of every document.
void BM_simdjson_parse_many(benchmark::State& state) {
  constexpr std::size_t window = std::size_t{16} << 20;
  simdjson::dom::parser parser;
  std::string buffer;
  for (auto _ : state) {
    std::FILE* f = std::fopen(corpus_path().c_str(), "rb");
    std::size_t carried = 0, total = 0;
    buffer.resize(window + simdjson::SIMDJSON_PADDING);
    for (;;) {
      const std::size_t got = std::fread(buffer.data() + carried, 1, window - carried, f);
      const std::size_t filled = carried + got;
      if (filled == 0) break;
      std::size_t end = filled;
      if (got != 0) {  // cut after the last newline; the rest goes to the next window
        const std::size_t nl = std::string_view(buffer.data(), filled).rfind('\n');
        if (nl != std::string_view::npos) end = nl + 1;
      }
      simdjson::dom::document_stream docs;
      if (!parser.parse_many(buffer.data(), end, simdjson::dom::DEFAULT_BATCH_SIZE).get(docs)) {
        for (auto doc : docs) {
          std::string_view response;
          if (!doc["response"].get(response)) total += response.size();
        }
      }
      carried = filled - end;
      std::memmove(buffer.data(), buffer.data() + end, carried);
      if (got == 0) break;
    }
    std::fclose(f);
    benchmark::DoNotOptimize(total);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * file_bytes()));
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
BENCHMARK(BM_simdjson_parse_many)->Unit(benchmark::kMillisecond)->MinTime(3)->UseRealTime();
BENCHMARK(BM_pipeline_exact_match)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->MinTime(3)->UseRealTime();
int main(int argc, char** argv) {
  (void)corpus_path();  // write the corpus before anything is timed
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
