#pragma once
// `transferscore aggregate`: verdict JSONL (or saved states) in, per (model, benchmark)
// scores with n, standard error and bootstrap interval out; optionally the mergeable state.

#include "args.hpp"

#include <transferscore/transferscore.hpp>

#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace cli {

namespace aggregate_io {

namespace ag = transferscore::aggregate;

/// Writes `text` to `path` ("" or "-" = standard output).
inline void write_output(const std::string& path, const std::string& text) {
  if (path.empty() || path == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return;
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "wb"), &std::fclose);
  if (!f) throw transferscore::io_error("cannot write " + path + ": " + transferscore::detail::errno_message(errno));
  if (std::fwrite(text.data(), 1, text.size(), f.get()) != text.size() || std::fclose(f.release()) != 0) {
    throw transferscore::io_error("cannot finish writing " + path);
  }
}

/// Whether a file starts with an aggregate-state header (else it holds verdicts).
inline bool is_state_file(const std::string& path) {
  if (path == "-") return false;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) throw transferscore::io_error("cannot open " + path + ": " + transferscore::detail::errno_message(errno));
  char buffer[512] = {};
  if (std::fgets(buffer, sizeof buffer, f.get()) == nullptr) return false;
  return ag::is_state_header(buffer);
}

struct load_counts {
  std::uint64_t verdicts = 0;
  std::size_t verdict_files = 0, state_files = 0;
};

/// Reads every input into `set`: verdict files are accumulated, state files merged.
inline load_counts load_inputs(const std::vector<std::string>& inputs, ag::accumulator_set& set) {
  load_counts counts;
  for (const auto& path : inputs) {
    if (is_state_file(path)) {
      ag::read_state(path, set);
      ++counts.state_files;
    } else {
      counts.verdicts += ag::read_verdicts(path, set).verdicts;
      ++counts.verdict_files;
    }
  }
  return counts;
}

inline std::vector<std::uint32_t> parse_k_list(const std::string& text) {
  std::vector<std::uint32_t> ks;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string part = text.substr(start, comma - start);
    const std::size_t k = parse_count(part, "--k");
    if (k == 0 || k > 1000000) throw usage_error("--k values must be between 1 and 1000000, not '" + part + "'");
    ks.push_back(static_cast<std::uint32_t>(k));
    start = comma + 1;
  }
  return ks;
}

/// The options every aggregating command shares.
struct policy_options {
  std::string bootstrap = "1000", seed = "0", k = "1", confidence = "0.95", non_ok = "zero", average = "macro", threads = "1";

  void add_to(arg_parser& args) {
    args.option("bootstrap", 0, bootstrap, "N", "bootstrap replicates for intervals; 0 switches them off (default: 1000)");
    args.option("seed", 0, seed, "S", "seed of the bootstrap; the same seed gives the same intervals everywhere (default: 0)");
    args.option("k", 'k', k, "LIST", "comma-separated k for pass@k and maj@k (default: 1)");
    args.option("confidence", 0, confidence, "C", "confidence of the intervals (default: 0.95)");
    args.option("non-ok", 0, non_ok, "POLICY",
                "zero (default: non-ok verdicts score 0 and are reported by status) or exclude (left out of every estimate)");
    args.option("average", 0, average, "HOW", "macro (default: every item weighs the same) or micro (every sample)");
    args.option("threads", 'j', threads, "N", "bootstrap threads; results do not depend on it (default: 1)");
  }

  [[nodiscard]] ag::aggregate_policy policy() const {
    ag::aggregate_policy p;
    p.k = parse_k_list(k);
    p.bootstrap.replicates = parse_count(bootstrap, "--bootstrap");
    p.bootstrap.seed = parse_count(seed, "--seed");
    p.bootstrap.threads = std::max<std::size_t>(1, parse_count(threads, "--threads"));
    try {
      std::size_t pos = 0;
      p.bootstrap.confidence = std::stod(confidence, &pos);
      if (pos != confidence.size()) throw std::invalid_argument("trailing");
    } catch (const std::exception&) {
      throw usage_error("--confidence needs a number, not '" + confidence + "'");
    }
    if (!(p.bootstrap.confidence > 0 && p.bootstrap.confidence < 1)) throw usage_error("--confidence must be between 0 and 1");
    p.non_ok = choose("--non-ok", non_ok, {"zero", "exclude"}) == 0 ? ag::status_policy::zero : ag::status_policy::exclude;
    p.average = choose("--average", average, {"macro", "micro"}) == 0 ? ag::averaging::macro : ag::averaging::micro;
    return p;
  }
};

/// The report of summaries in one of the formats.
inline std::string summaries_report(const ag::accumulator_set& set, const ag::aggregate_policy& policy, const std::string& format) {
  const std::size_t chosen = choose("--format", format, {"json", "md", "csv"});
  const auto summaries = ag::summarize(set, policy);
  if (chosen == 0) return ag::report::summaries_json(summaries, policy).dump() + "\n";
  if (chosen == 1) return ag::report::summaries_markdown(summaries, policy);
  return ag::report::summaries_csv(summaries, policy);
}

/// One line per input kind and status on stderr, so nothing non-ok goes unnoticed.
inline void print_summary(const char* command, const load_counts& counts, const ag::accumulator_set& set,
                          const ag::aggregate_policy& policy) {
  std::array<std::uint64_t, transferscore::status_count> statuses{};
  std::uint64_t unidentified = 0;
  for (const auto& [key, acc] : set.entries()) {
    for (std::size_t s = 0; s < statuses.size(); ++s) statuses[s] += acc.statuses()[s];
    unidentified += acc.unidentified();
  }
  std::fprintf(stderr, "transferscore %s: %llu verdicts from %zu file%s", command,
               static_cast<unsigned long long>(counts.verdicts), counts.verdict_files, counts.verdict_files == 1 ? "" : "s");
  if (counts.state_files > 0) std::fprintf(stderr, " and %zu state file%s", counts.state_files, counts.state_files == 1 ? "" : "s");
  std::fprintf(stderr, ", %zu (model, benchmark)\n  statuses:", set.entries().size());
  for (std::size_t s = 0; s < statuses.size(); ++s) {
    if (statuses[s] > 0 || s == 0) std::fprintf(stderr, " %s %llu", std::string(transferscore::status_names[s]).c_str(),
                                                static_cast<unsigned long long>(statuses[s]));
  }
  const std::uint64_t non_ok = [&] {
    std::uint64_t n = 0;
    for (std::size_t s = 1; s < statuses.size(); ++s) n += statuses[s];
    return n;
  }();
  if (non_ok > 0) {
    std::fprintf(stderr, "\n  %llu non-ok verdict%s %s (--non-ok %s)", static_cast<unsigned long long>(non_ok), non_ok == 1 ? "" : "s",
                 policy.non_ok == ag::status_policy::zero ? "count as score 0" : "are excluded",
                 std::string(ag::to_string(policy.non_ok)).c_str());
  }
  if (unidentified > 0) {
    std::fprintf(stderr, "\n  %llu of them %s no id (records lost before they had one, such as lines that were not JSON): "
                         "counted by status, in no estimate",
                 static_cast<unsigned long long>(unidentified), unidentified == 1 ? "has" : "have");
  }
  std::fputs("\n", stderr);
}

}  // namespace aggregate_io

inline int aggregate_command(int argc, char** argv, int first) {
  namespace ag = transferscore::aggregate;
  std::string format = "json", output, save_state;
  std::vector<std::string> inputs;
  bool quiet = false, no_answers = false;
  aggregate_io::policy_options policy_args;
  arg_parser args("transferscore aggregate", "[options] VERDICTS...",
                  "Aggregate verdicts per (model, benchmark): items, samples per item, mean score with standard error\n"
                  "and a seeded bootstrap interval over items, avg@k, unbiased pass@k and maj@k, status counts, and the\n"
                  "metrics scorer families contribute (IFEval's four, QA's EM and F1). Saved states (-s) may be given\n"
                  "as inputs too: they are merged exactly.");
  args.positionals(inputs, "VERDICTS...", "verdict JSONL files from `transferscore score` (or state files); - reads stdin");
  args.option("format", 'f', format, "FORMAT", "json (default), md or csv");
  args.option("output", 'o', output, "FILE", "write the report here instead of standard output");
  args.option("save-state", 's', save_state, "FILE", "also write the mergeable accumulator state (JSON lines) here");
  policy_args.add_to(args);
  args.flag("no-answers", 0, no_answers, "do not keep wrong answers by class (saves memory; no maj@k)");
  args.flag("quiet", 'q', quiet, "no summary on standard error");
  if (!args.parse(argc, argv, first)) return 0;
  if (inputs.empty()) throw usage_error("no input files (use - for standard input)");
  const auto policy = policy_args.policy();
  (void)choose("--format", format, {"json", "md", "csv"});  // before any input is read

  ag::accumulator_set set;
  set.set_track_answers(!no_answers);
  const auto counts = aggregate_io::load_inputs(inputs, set);
  if (!save_state.empty()) ag::write_state(set, save_state);
  aggregate_io::write_output(output, aggregate_io::summaries_report(set, policy, format));
  if (!quiet) aggregate_io::print_summary("aggregate", counts, set, policy);
  return 0;
}

}  // namespace cli
