#pragma once
// `transferscore report`: verdicts in, one self-contained HTML page out (scores, transfer with
// --pairs, and a browser of every verdict).

#include "aggregate_command.hpp"
#include "args.hpp"
#include "transfer_command.hpp"

#include <transferscore/transferscore.hpp>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace cli {

namespace report_io {

/// Lines in the verdict files, to size the default response limit; 0 when one is standard input.
inline std::size_t count_lines(const std::vector<std::string>& paths) {
  std::size_t lines = 0;
  std::vector<char> buffer(1 << 20);
  for (const auto& path : paths) {
    if (path == "-") return 0;
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!f) continue;  // reported by the reader
    for (std::size_t n = 0; (n = std::fread(buffer.data(), 1, buffer.size(), f.get())) > 0;) {
      lines += static_cast<std::size_t>(std::count(buffer.data(), buffer.data() + n, '\n'));
    }
  }
  return lines;
}

}  // namespace report_io

inline int report_command(int argc, char** argv, int first) {
  namespace ag = transferscore::aggregate;
  namespace rp = transferscore::report;
  std::string output, pairs_file, groups_file, title = "transferscore report", max_chars;
  std::vector<std::string> inputs;
  bool quiet = false;
  aggregate_io::policy_options policy_args;
  transfer_io::index_options index_args;
  arg_parser args("transferscore report", "VERDICTS... [--pairs FILE [--groups FILE]] -o report.html",
                  "Write one HTML page that works offline (inline style, script and charts; nothing is fetched):\n"
                  "the scores per model and benchmark with intervals and status counts; with --pairs, the paired\n"
                  "gains, the transfer indices with intervals, the transfer scatter and the gain bars; and a browser\n"
                  "of every verdict (filters, search, and each verdict whole). Verdicts scored with\n"
                  "`transferscore score --keep-response` also show the response, the extracted answer in it, and the\n"
                  "gold. The numbers are those of `aggregate` and `transfer` with the same options.");
  args.positionals(inputs, "VERDICTS...", "verdict JSONL files from `transferscore score`; - reads stdin");
  args.option("output", 'o', output, "FILE", "the page to write (required; - for standard output)");
  args.option("pairs", 'p', pairs_file, "FILE", "CSV model,base: adds the transfer section");
  args.option("groups", 'g', groups_file, "FILE",
              "with --pairs: JSON {\"source\": G, \"groups\": {G: [benchmarks...]}} (default: the study's math/other/non)");
  index_args.add_to(args);
  policy_args.add_to(args);
  args.option("max-response-chars", 0, max_chars, "N",
              "characters kept of a response, gold or details; a longer response keeps its head, the answer and its "
              "tail, with a marker; 0 keeps all (default: 2000, less above 25,000 verdicts: 500 for 100,000)");
  args.option("title", 0, title, "TEXT", "the page's title (default: transferscore report)");
  args.flag("quiet", 'q', quiet, "no summary on standard error");
  if (!args.parse(argc, argv, first)) return 0;
  if (inputs.empty()) throw usage_error("no verdict files (use - for standard input)");
  if (output.empty()) throw usage_error("-o FILE is required: the page to write (- for standard output)");
  if (!groups_file.empty() && pairs_file.empty()) throw usage_error("--groups needs --pairs (the transfer section)");

  rp::html_report page{};
  page.title = title;
  page.policy = policy_args.policy();
  page.sources = inputs;
  page.verdicts = rp::verdict_table(max_chars.empty() ? rp::default_max_response_chars(report_io::count_lines(inputs))
                                                      : parse_count(max_chars, "--max-response-chars"));
  ag::transfer_policy transfer;
  if (!pairs_file.empty()) {
    index_args.apply(transfer);
    transfer.scoring = page.policy;
  }

  ag::accumulator_set set;
  aggregate_io::load_counts counts;
  for (const auto& path : inputs) {
    if (aggregate_io::is_state_file(path)) {
      throw usage_error(path + " is an aggregate state: a report needs the verdict files themselves, to browse them");
    }
    counts.verdicts += page.verdicts.read(path, set).verdicts;
    ++counts.verdict_files;
  }
  if (!quiet) aggregate_io::print_summary("report", counts, set, page.policy);
  page.summaries = ag::summarize(set, page.policy);
  if (!pairs_file.empty()) {
    const auto pairs = ag::read_pairs(pairs_file);
    const auto groups = groups_file.empty() ? ag::default_groups() : ag::read_groups(groups_file);
    page.transfer = ag::transfer_from_verdicts(set, pairs, groups, transfer);
  }
  const std::string html = rp::render_html(page);
  aggregate_io::write_output(output, html);
  if (!quiet) {
    const double size = static_cast<double>(html.size());
    char shown[32];
    if (size >= 1024.0 * 1024.0) std::snprintf(shown, sizeof shown, "%.1f MB", size / (1024.0 * 1024.0));
    else std::snprintf(shown, sizeof shown, "%.0f kB", size / 1024.0);
    std::fprintf(stderr, "transferscore report: wrote %s (%s, %zu bytes): %zu verdicts, %zu with a response", output == "-" ? "<stdout>" : output.c_str(),
                 shown, html.size(), page.verdicts.size(), page.verdicts.responses());
    if (page.verdicts.cut_responses() > 0) {
      std::fprintf(stderr, " (%zu cut to %zu characters)", page.verdicts.cut_responses(), page.verdicts.max_response_chars());
    }
    if (page.transfer) std::fprintf(stderr, "; transfer of %zu pair%s", page.transfer->pairs.size(), page.transfer->pairs.size() == 1 ? "" : "s");
    std::fputs("\n", stderr);
  }
  return 0;
}

}  // namespace cli
