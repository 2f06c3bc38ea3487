// Throughput of `shift tokens` (read both dumps, match by id, compare, summarise) against a
// minimal simdjson loop that only parses each line of the same two files and reads its token
// array, measured in the same run; and the time of `shift latent` at the study's size
// (41 layers x 100 samples x 5120 features, float16 and float32), against only reading the
// features.
//
//   bench_shift --benchmark_counters_tabular=true
//   bench_shift --make-corpus DIR MB     writes DIR/tuned.jsonl and DIR/base.jsonl (canonical,
//                                        about MB megabytes each) for peak-RSS runs of the CLI
//
// Corpora: responses of 1,500 tokens (the study's responses average 1,275-1,650), two sides of
// each, log-probabilities printed as Python prints a float32 widened to double (17 digits).
//   canonical: logprobs, ranks, token_ids;
//   vllm:      prompt_logprobs with the scored token and the top-1 (the study's prompt_logprobs=1),
//              prompt_token_ids, a 60-token prompt cut by prompt_length.
#include "corpus.hpp"

#include <transferscore/transferscore.hpp>

#include <benchmark/benchmark.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

namespace sh = transferscore::shift;
namespace ag = transferscore::aggregate;

constexpr std::size_t tokens_per_response = 1500;
constexpr std::size_t prompt_tokens = 60;

double uniform(std::uint64_t& state) { return static_cast<double>(bench_corpus::next(state) >> 11) * 0x1.0p-53; }

// A log-probability as vLLM's float32 widened to a double and printed by Python (shortest repr).
void append_logprob(std::string& out, double lp) {
  char buffer[32];
  auto [p, ec] = std::to_chars(buffer, buffer + sizeof buffer, static_cast<double>(static_cast<float>(lp)));
  (void)ec;
  out.append(buffer, p);
}

struct position {
  double tuned, base;
  int tuned_rank, base_rank, token, top;
};

std::vector<position> response(std::uint64_t& state, std::size_t n) {
  std::vector<position> out(n);
  for (auto& p : out) {
    const double u = uniform(state);
    p.tuned = u < 0.7 ? -uniform(state) * 0.05 : -uniform(state) * 4;
    p.base = p.tuned - (uniform(state) - 0.3) * 0.8;
    if (p.base > 0) p.base = -uniform(state) * 0.01;
    p.tuned_rank = p.tuned > -0.7 ? 1 : 1 + static_cast<int>(bench_corpus::next(state) % 6);
    p.base_rank = p.base > -0.7 ? 1 : 1 + static_cast<int>(bench_corpus::next(state) % 9);
    p.token = static_cast<int>(bench_corpus::next(state) % 151000);
    p.top = static_cast<int>(bench_corpus::next(state) % 151000);
  }
  return out;
}

std::string canonical_line(const std::string& id, const std::vector<position>& r, bool tuned) {
  std::string line = "{\"id\": \"" + id + "\", \"benchmark\": \"math500\", \"model\": \"" + (tuned ? "rl" : "base") + "\", \"logprobs\": [";
  for (std::size_t t = 0; t < r.size(); ++t) {
    if (t) line += ", ";
    append_logprob(line, tuned ? r[t].tuned : r[t].base);
  }
  line += "], \"ranks\": [";
  for (std::size_t t = 0; t < r.size(); ++t) line += (t ? ", " : "") + std::to_string(tuned ? r[t].tuned_rank : r[t].base_rank);
  line += "], \"token_ids\": [";
  for (std::size_t t = 0; t < r.size(); ++t) line += (t ? ", " : "") + std::to_string(r[t].token);
  return line + "]}\n";
}

std::string vllm_line(const std::string& id, const std::vector<position>& r, bool tuned) {
  std::string line = "{\"id\": \"" + id + "\", \"benchmark\": \"math500\", \"model\": \"" + (tuned ? "rl" : "base") +
                     "\", \"prompt_length\": " + std::to_string(prompt_tokens) + ", \"prompt_token_ids\": [";
  for (std::size_t t = 0; t < r.size(); ++t) line += (t ? ", " : "") + std::to_string(r[t].token);
  line += "], \"prompt_logprobs\": [null";
  for (std::size_t t = 1; t < r.size(); ++t) {
    const double lp = tuned ? r[t].tuned : r[t].base;
    const int rank = tuned ? r[t].tuned_rank : r[t].base_rank;
    line += ", {\"" + std::to_string(r[t].token) + "\": {\"logprob\": ";
    append_logprob(line, lp);
    line += ", \"rank\": " + std::to_string(rank) + ", \"decoded_token\": \" word\"}";
    if (rank != 1) {
      line += ", \"" + std::to_string(r[t].top) + "\": {\"logprob\": ";
      append_logprob(line, -0.05);
      line += ", \"rank\": 1, \"decoded_token\": \" the\"}";
    }
    line += "}";
  }
  return line + "], \"outputs\": [{\"index\": 0, \"text\": \"\", \"token_ids\": [], \"logprobs\": null}]}\n";
}

// Writes tuned and base dumps of about `megabytes` each; returns the number of responses.
std::size_t write_pair(const std::string& tuned_path, const std::string& base_path, std::uint64_t megabytes, bool vllm) {
  std::ofstream tuned(tuned_path, std::ios::binary), base(base_path, std::ios::binary);
  std::uint64_t state = 42, written = 0;
  std::size_t n = 0;
  while (written < (megabytes << 20)) {
    const auto r = response(state, vllm ? tokens_per_response + prompt_tokens : tokens_per_response);
    const std::string id = "item/" + std::to_string(n++);
    const std::string a = vllm ? vllm_line(id, r, true) : canonical_line(id, r, true);
    const std::string b = vllm ? vllm_line(id, r, false) : canonical_line(id, r, false);
    tuned << a;
    base << b;
    written += a.size();
  }
  return n;
}

struct corpus {
  std::string tuned, base;
  std::size_t responses = 0;
  std::uint64_t bytes = 0;
};

const corpus& corpus_of(bool vllm) {
  static corpus c[2];
  corpus& k = c[vllm ? 1 : 0];
  if (k.responses == 0) {
    const auto dir = std::filesystem::temp_directory_path();
    k.tuned = (dir / (vllm ? "transferscore_bench_shift_vllm_tuned.jsonl" : "transferscore_bench_shift_tuned.jsonl")).string();
    k.base = (dir / (vllm ? "transferscore_bench_shift_vllm_base.jsonl" : "transferscore_bench_shift_base.jsonl")).string();
    k.responses = write_pair(k.tuned, k.base, vllm ? 160 : 64, vllm);
    k.bytes = std::filesystem::file_size(k.tuned) + std::filesystem::file_size(k.base);
  }
  return k;
}

void set_counters(benchmark::State& state, const corpus& c) {
  const double positions = static_cast<double>(c.responses) * tokens_per_response;
  state.counters["tokens/s"] = benchmark::Counter(positions * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * c.bytes));
}

// Reference: split the lines of both files with the same reader, DOM-parse each, read the size
// of its token array.
void BM_simdjson_parse_only(benchmark::State& state) {
  const corpus& c = corpus_of(state.range(0) == 1);
  const char* key = state.range(0) == 1 ? "prompt_logprobs" : "logprobs";
  simdjson::dom::parser parser;
  for (auto _ : state) {
    std::size_t total = 0;
    for (const auto* path : {&c.tuned, &c.base}) {
      std::FILE* f = std::fopen(path->c_str(), "rb");
      transferscore::io::line_reader reader(f);
      transferscore::io::line_view line;
      while (reader.next(line)) {
        simdjson::dom::element doc;
        simdjson::dom::array tokens;
        if (parser.parse(line.text.data(), line.text.size(), false).get(doc) || doc[key].get_array().get(tokens)) continue;
        total += tokens.size();
      }
      std::fclose(f);
    }
    benchmark::DoNotOptimize(total);
  }
  set_counters(state, c);
  state.SetLabel(state.range(0) == 1 ? "vllm" : "canonical");
}

void BM_shift_tokens(benchmark::State& state) {
  const corpus& c = corpus_of(state.range(0) == 1);
  sh::token_pair_options options;
  sh::token_summary_options summary;
  summary.bootstrap.replicates = static_cast<std::size_t>(state.range(1));
  for (auto _ : state) {
    sh::token_shift_set set;
    const auto counts = sh::read_token_pair({c.tuned, c.base, "", "", ""}, options, set);
    const auto result = sh::summarize_tokens(set, ag::default_groups(), summary, options.compare);
    benchmark::DoNotOptimize(counts.responses);
    benchmark::DoNotOptimize(result.pairs.size());
  }
  set_counters(state, c);
  state.SetLabel(state.range(0) == 1 ? "vllm" : "canonical");
}

// The study's size: 41 layers x 100 samples x 5120 features, one fine-tune against its base.
void write_npy(const std::string& path, bool half, std::uint64_t seed, double drift) {
  const std::size_t L = 41, n = 100, d = 5120;
  std::string header = std::string("{'descr': '<f") + (half ? "2" : "4") + "', 'fortran_order': False, 'shape': (41, 100, 5120), }";
  while ((10 + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::ofstream out(path, std::ios::binary);
  out.write("\x93NUMPY\x01\x00", 8);
  const char len[2] = {static_cast<char>(header.size() & 0xFF), static_cast<char>(header.size() >> 8)};
  out.write(len, 2);
  out << header;
  std::uint64_t state = seed;
  std::vector<float> row(d);
  std::vector<std::uint16_t> half_row(d);
  for (std::size_t l = 0; l < L; ++l) {
    for (std::size_t i = 0; i < n; ++i) {
      const double a = uniform(state) * 4 - 2, b = uniform(state) * 2 - 1;
      for (std::size_t j = 0; j < d; ++j) {
        const double v = a * std::sin(0.001 * static_cast<double>(j * (l + 1))) + b * std::cos(0.003 * static_cast<double>(j)) +
                         0.1 * (uniform(state) - 0.5) + drift * static_cast<double>(l) / 41.0;
        row[j] = static_cast<float>(v);
      }
      if (!half) {
        out.write(reinterpret_cast<const char*>(row.data()), static_cast<std::streamsize>(d * sizeof(float)));
        continue;
      }
      for (std::size_t j = 0; j < d; ++j) {  // round to nearest float16 (values are normal and small)
        std::uint32_t bits;
        std::memcpy(&bits, &row[j], 4);
        const std::uint32_t sign = (bits >> 16) & 0x8000;
        const int exponent = static_cast<int>((bits >> 23) & 0xFF) - 127 + 15;
        std::uint32_t mantissa = bits & 0x7FFFFF;
        if (exponent <= 0) {
          half_row[j] = static_cast<std::uint16_t>(sign);
          continue;
        }
        std::uint32_t h = sign | (static_cast<std::uint32_t>(exponent) << 10) | (mantissa >> 13);
        if ((mantissa & 0x1FFF) > 0x1000 || ((mantissa & 0x1FFF) == 0x1000 && (h & 1))) ++h;
        half_row[j] = static_cast<std::uint16_t>(h);
      }
      out.write(reinterpret_cast<const char*>(half_row.data()), static_cast<std::streamsize>(d * 2));
    }
  }
}

const std::vector<sh::feature_file>& study_features(bool half) {
  static std::vector<sh::feature_file> files[2];
  auto& f = files[half ? 1 : 0];
  if (f.empty()) {
    const auto dir = std::filesystem::temp_directory_path();
    const std::string base = (dir / (half ? "transferscore_bench_latent_base_f16.npy" : "transferscore_bench_latent_base_f32.npy")).string();
    const std::string tuned = (dir / (half ? "transferscore_bench_latent_tuned_f16.npy" : "transferscore_bench_latent_tuned_f32.npy")).string();
    write_npy(base, half, 1, 0.0);
    write_npy(tuned, half, 2, 0.3);
    f = {{"base", "math500", base, -1}, {"tuned", "math500", tuned, -1}};
  }
  return f;
}

// Reference: read every layer of both files into doubles, nothing else.
void BM_latent_read_only(benchmark::State& state) {
  const auto& files = study_features(state.range(0) == 1);
  std::vector<double> x;
  for (auto _ : state) {
    double sum = 0;
    for (const auto& f : files) {
      sh::npy_file npy(f.path);
      for (std::size_t l = 0; l < 41; ++l) {
        npy.read_matrix(l, x);
        sum += x[0];
      }
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetLabel(state.range(0) == 1 ? "float16" : "float32");
}

void BM_shift_latent(benchmark::State& state) {
  const auto& files = study_features(state.range(0) == 1);
  for (auto _ : state) {
    const auto r = sh::latent_shift(files, {{"tuned", "base"}}, ag::default_groups(), {});
    benchmark::DoNotOptimize(r.pairs[0].benchmarks[0].distance);
  }
  state.SetLabel(state.range(0) == 1 ? "float16" : "float32");
}

}  // namespace

BENCHMARK(BM_simdjson_parse_only)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->MinTime(3)->UseRealTime();
BENCHMARK(BM_shift_tokens)->Args({0, 0})->Args({1, 0})->Args({0, 1000})->Unit(benchmark::kMillisecond)->MinTime(3)->UseRealTime();
BENCHMARK(BM_latent_read_only)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->MinTime(2)->UseRealTime();
BENCHMARK(BM_shift_latent)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->MinTime(2)->UseRealTime();

int main(int argc, char** argv) {
  if (argc == 4 && std::string(argv[1]) == "--make-corpus") {
    const std::string dir = argv[2];
    const auto n = write_pair(dir + "/tuned.jsonl", dir + "/base.jsonl", std::stoull(argv[3]), false);
    std::printf("%zu responses of %zu tokens in %s/tuned.jsonl and %s/base.jsonl\n", n, tokens_per_response, dir.c_str(), dir.c_str());
    return 0;
  }
  (void)corpus_of(false);  // write the corpora before anything is timed
  (void)corpus_of(true);
  (void)study_features(false);
  (void)study_features(true);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
