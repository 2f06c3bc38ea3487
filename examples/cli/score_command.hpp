#pragma once
// `transferscore score`: JSONL generations in, one verdict per record out.

#include "args.hpp"
#include "trace_options.hpp"

#include <transferscore/transferscore.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

namespace cli {

namespace detail {

inline void print_progress(const transferscore::progress_info& p, std::chrono::steady_clock::time_point start) {
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double rate = seconds > 0 ? static_cast<double>(p.records) / seconds : 0.0;
  if (p.bytes_total > 0) {
    const double fraction = std::min(1.0, static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total));
    constexpr int width = 30;
    const int filled = static_cast<int>(fraction * width);
    std::fprintf(stderr, "\r[%.*s%*s] %5.1f%%  %llu records  %.0f/s ", filled, "==============================",
                 width - filled, "", fraction * 100.0, static_cast<unsigned long long>(p.records), rate);
  } else {
    std::fprintf(stderr, "\r%llu records  %.0f/s ", static_cast<unsigned long long>(p.records), rate);
  }
  std::fflush(stderr);
}

inline void print_summary(const transferscore::run_summary& s, double seconds, std::size_t files) {
  namespace ts = transferscore;
  std::fprintf(stderr, "transferscore: %llu verdicts from %llu lines in %zu file%s, %.2f s\n",
               static_cast<unsigned long long>(s.records), static_cast<unsigned long long>(s.lines), files,
               files == 1 ? "" : "s", seconds);
  const auto ok = s.count(ts::status::ok);
  std::fprintf(stderr, "  ok %llu (correct %llu", static_cast<unsigned long long>(ok), static_cast<unsigned long long>(s.correct));
  if (s.records > 0) std::fprintf(stderr, ", %.1f%% of all verdicts", 100.0 * static_cast<double>(s.correct) / static_cast<double>(s.records));
  std::fputs(")", stderr);
  for (std::size_t i = 1; i < ts::status_count; ++i) {
    if (s.by_status[i] > 0) {
      std::fprintf(stderr, ", %s %llu", std::string(ts::status_names[i]).c_str(), static_cast<unsigned long long>(s.by_status[i]));
    }
  }
  std::fputs("\n", stderr);
}

}  // namespace detail

/// The exit code of a run in which some input file yielded nothing that could be scored
/// (1 is a run that could not be done, 2 a usage error).
inline constexpr int exit_nothing_scored = 3;

inline int score_command(int argc, char** argv, int first) {
  namespace ts = transferscore;
  std::string scorer, benchmark, mode = "reference", format = "auto", dataset, join_key = "id", id_field = "id";
  std::string threads = "1", output;
  trace_options traces;
  std::string max_line = std::to_string(ts::io::line_reader::default_max_line_bytes), punkt_dir;
  std::vector<std::string> settings, inputs;
  bool no_progress = false, quiet = false, keep_response = false, execute = false;

  arg_parser args("transferscore score", "[options] FILE...",
                  "Score model generations. Reads JSONL (canonical records or what a backend wrote) and writes one\n"
                  "verdict per record, in input order. A bad line becomes an error verdict naming its line and field.");
  args.positionals(inputs, "FILE...", "input JSONL files; - reads standard input");
  args.option("scorer", 's', scorer, "FAMILY", "score every record with this family (default: by benchmark)");
  args.option("benchmark", 'b', benchmark, "NAME", "treat every record as this benchmark");
  args.option("mode", 'm', mode, "MODE", "reference (default) or paper: the study's own grader, quirks included");
  args.option("format", 'f', format, "FORMAT",
              "auto (default), canonical, openai, openai-batch, vllm, sglang, lm-eval");
  args.option("dataset", 'd', dataset, "FILE", "take the gold from this JSONL, joined by id");
  args.option("join-key", 0, join_key, "FIELD", "member that joins generations with --dataset (default: id)");
  args.option("dataset-id", 0, id_field, "FIELD", "member of --dataset rows that names the item (default: id)");
  args.option("threads", 'j', threads, "N", "score with N threads; output order is kept (default: 1)");
  args.option("output", 'o', output, "FILE", "write verdicts here instead of standard output");
  args.option("set", 0, settings, "KEY=VALUE", "a scorer setting, for example ignore_case=false (repeatable)");
  args.option("trace", 0, traces.trace, "POLICY",
              "reasoning traces: last-close (score after the last </think>; the default in reference mode), none, or "
              "lm-eval (lm-eval IFEval's removal); paper mode: the study's own, per benchmark");
  args.option("unterminated", 0, traces.unterminated, "WHAT",
              "an opened, unclosed trace: no-answer (default) or score (score the whole response)");
  args.option("think-open", 0, traces.think_open, "TAG", "opening tag of a reasoning trace (default: <think>)");
  args.option("think-close", 0, traces.think_close, "TAG", "closing tag of a reasoning trace (default: </think>)");
  args.option("punkt-dir", 0, punkt_dir, "DIR",
              "NLTK punkt_tab/english parameters for IFEval sentence splitting (or $TRANSFERSCORE_PUNKT_DIR)");
  args.option("max-line-bytes", 0, max_line, "N", "lines longer than this become error verdicts (default: 1 GiB)");
  args.flag("keep-response", 0, keep_response,
            "also write the response (trace included) and the gold into every verdict, for `transferscore report`");
  args.flag("execute", 0, execute, "run generated programs in the sandbox (code family; same as --set execute=true)");
  args.flag("no-progress", 0, no_progress, "no progress bar, even on a terminal");
  args.flag("quiet", 'q', quiet, "no progress bar and no summary");
  if (!args.parse(argc, argv, first)) return 0;
  if (inputs.empty()) throw usage_error("no input files (use - for standard input)");

  ts::pipeline_options options;
  options.scorer = scorer;
  options.benchmark = benchmark;
  (void)choose("--mode", mode, {"reference", "paper"});
  options.scoring.mode = mode;
  auto fmt = ts::io::input_format_from_string(format);
  if (!fmt) throw usage_error("unknown --format '" + format + "'");
  options.format = *fmt;
  options.threads = parse_count(threads, "--threads");
  if (options.threads == 0) throw usage_error("--threads must be at least 1");
  options.max_line_bytes = parse_count(max_line, "--max-line-bytes");
  options.keep_response = keep_response;
  for (const auto& kv : settings) {
    auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) throw usage_error("--set needs KEY=VALUE, not '" + kv + "'");
    options.scoring.settings[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  if (!punkt_dir.empty()) options.scoring.settings["punkt_dir"] = punkt_dir;
  if (execute) options.scoring.settings["execute"] = "true";
  apply_trace_options(traces, options);

  std::unique_ptr<ts::io::dataset_index> index;
  if (!dataset.empty()) {
    index = std::make_unique<ts::io::dataset_index>(ts::io::dataset_index::load(dataset, join_key, id_field));
    options.dataset = index.get();
  }

  const auto start = std::chrono::steady_clock::now();
  const bool show_progress = !quiet && !no_progress && ::isatty(::fileno(stderr)) != 0;
  if (show_progress) {
    options.on_progress = [start](const ts::progress_info& p) { detail::print_progress(p, start); };
  }

  std::FILE* out = stdout;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> closer(nullptr, &std::fclose);
  if (!output.empty() && output != "-") {
    out = std::fopen(output.c_str(), "wb");
    if (out == nullptr) throw ts::io_error("cannot write " + output);
    closer.reset(out);
  }
  static char buffer[1 << 20];
  std::setvbuf(out, buffer, _IOFBF, sizeof buffer);

  const auto registry = ts::builtin_registry();
  ts::score_pipeline pipeline(registry, options);
  const ts::run_summary summary = pipeline.run(inputs, out);
  if (closer && std::fclose(closer.release()) != 0) throw ts::io_error("cannot finish writing " + output);
  if (show_progress) std::fputs("\n", stderr);
  if (!quiet) {
    detail::print_summary(summary, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), inputs.size());
    if (index && index->unused_count() > 0) {
      std::fprintf(stderr, "  %zu of %zu dataset items had no generation\n", index->unused_count(), index->size());
    }
  }
  // Printed even with --quiet: it changes the exit code.
  for (const auto& file : summary.unscorable_files) {
    std::fprintf(stderr,
                 "transferscore score: WARNING: nothing in %s could be scored (every record is malformed or the file is "
                 "empty); see the verdicts' error messages\n",
                 file.c_str());
  }
  return summary.unscorable_files.empty() ? 0 : exit_nothing_scored;
}

}  // namespace cli
