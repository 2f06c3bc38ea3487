#pragma once
// `transferscore report`: verdicts in, one self-contained HTML page out (scores, transfer with
// --pairs, the disagreements of two graders with --diff A B, and a browser of every verdict).

#include "aggregate_command.hpp"
#include "args.hpp"
#include "diff_command.hpp"
#include "transfer_command.hpp"

#include <transferscore/transferscore.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
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

/// Takes every `--diff A B` out of argv[first..argc) (the parser reads one value an option):
/// the two sides into `sides`, the other arguments into the returned list.
inline std::vector<char*> take_diff(int argc, char** argv, int first, std::vector<std::string>& sides) {
  std::vector<char*> rest(argv, argv + first);
  for (int i = first; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") {
      rest.insert(rest.end(), argv + i, argv + argc);
      break;
    }
    if (arg.substr(0, 7) == "--diff=") throw usage_error("--diff takes two files: --diff A B");
    if (arg != "--diff") {
      rest.push_back(argv[i]);
      continue;
    }
    if (i + 2 >= argc) throw usage_error("--diff takes two files: --diff A B");
    if (!sides.empty()) throw usage_error("--diff is given twice; one comparison a page");
    sides = {argv[i + 1], argv[i + 2]};
    i += 2;
  }
  return rest;
}

/// Per file of a diff side: the report input naming the same file (the name the page's
/// verdicts hold it under), or "" when no report input is that file.
inline std::vector<std::string> page_names(const transferscore::diff::side& side, const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const auto& file : side.files) {
    std::string name;
    for (const auto& input : inputs) {
      std::error_code ec;
      if (input != "-" && file != "-" && (input == file || fs::equivalent(input, file, ec))) {
        name = input;
        break;
      }
    }
    out.push_back(name);
  }
  return out;
}

}  // namespace report_io

inline int report_command(int argc, char** argv, int first) {
  namespace ag = transferscore::aggregate;
  namespace rp = transferscore::report;
  std::string output, pairs_file, groups_file, title = "transferscore report", max_chars;
  std::string diff_shown, diff_key = "model,benchmark,id,sample", diff_metric, diff_filter, diff_items = "20", diff_patterns = "50";
  std::vector<std::string> inputs, diff_sides, diff_golds;
  bool quiet = false;
  aggregate_io::policy_options policy_args;
  transfer_io::index_options index_args;
  arg_parser args("transferscore report", "VERDICTS... [--pairs FILE [--groups FILE]] [--diff A B] -o report.html",
                  "Write one HTML page that works offline (inline style, script and charts; nothing is fetched):\n"
                  "the scores per model and benchmark with intervals and status counts; with --pairs, the paired\n"
                  "gains, the transfer indices with intervals, the transfer scatter and the gain bars; with --diff A B,\n"
                  "the disagreements of two graders as `transferscore diff A B` finds them (totals, the table per\n"
                  "benchmark, the patterns with their records side by side); and a browser of every verdict\n"
                  "(filters, search, and each verdict whole). Verdicts scored with\n"
                  "`transferscore score --keep-response` also show the response, the extracted answer in it, and the\n"
                  "gold. The numbers are those of `aggregate` and `transfer` with the same options.");
  args.positionals(inputs, "VERDICTS...", "verdict JSONL files from `transferscore score`; - reads stdin");
  args.option("output", 'o', output, "FILE", "the page to write (required; - for standard output)");
  args.option("pairs", 'p', pairs_file, "FILE", "CSV model,base: adds the transfer section");
  args.option("groups", 'g', groups_file, "FILE",
              "with --pairs: JSON {\"source\": G, \"groups\": {G: [benchmarks...]}} (default: the study's math/other/non)");
  args.option("diff", 0, diff_shown, "A B",
              "two sides to compare as `transferscore diff A B` does (verdict files, lm-eval sample logs, or directories of "
              "them): adds the disagreements section; records the page holds open in its verdict browser");
  args.option("diff-key", 0, diff_key, "FIELDS", "with --diff: what pairs records, as diff --key (default: model,benchmark,id,sample)");
  args.option("diff-metric", 0, diff_metric, "NAMES", "with --diff: the metric to read, as diff --metric");
  args.option("diff-filter", 0, diff_filter, "NAMES", "with --diff: the lm-eval filters to keep, as diff --filter");
  args.option("diff-gold", 0, diff_golds, "FILE", "with --diff: gold answers for the records, as diff --gold (repeatable)");
  args.option("diff-patterns", 0, diff_patterns, "N", "with --diff: patterns listed per benchmark (default: 50; the rest counted)");
  args.option("diff-items", 0, diff_items, "N", "with --diff: records listed per pattern (default: 20; the rest counted)");
  index_args.add_to(args);
  policy_args.add_to(args);
  args.option("max-response-chars", 0, max_chars, "N",
              "characters kept of a response, gold or details; a longer response keeps its head, the answer and its "
              "tail, with a marker; 0 keeps all (default: 2000, less above 25,000 verdicts: 500 for 100,000)");
  args.option("title", 0, title, "TEXT", "the page's title (default: transferscore report)");
  args.flag("quiet", 'q', quiet, "no summary on standard error");
  std::vector<char*> rest = report_io::take_diff(argc, argv, first, diff_sides);
  if (!args.parse(static_cast<int>(rest.size()), rest.data(), first)) return 0;
  if (inputs.empty()) throw usage_error("no verdict files (use - for standard input)");
  if (output.empty()) throw usage_error("-o FILE is required: the page to write (- for standard output)");
  if (!groups_file.empty() && pairs_file.empty()) throw usage_error("--groups needs --pairs (the transfer section)");
  if (diff_sides.empty() && (diff_key != "model,benchmark,id,sample" || !diff_metric.empty() || !diff_filter.empty() ||
                             !diff_golds.empty())) {
    throw usage_error("--diff-key, --diff-metric, --diff-filter and --diff-gold need --diff A B");
  }

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

  // The comparison first: a missing or unreadable side stops the run before the verdicts are read.
  transferscore::diff::gold_index diff_gold_index;
  if (!diff_sides.empty()) {
    namespace tsd = transferscore::diff;
    tsd::diff_options options;
    options.key = tsd::key_fields::parse(diff_key);
    options.bootstrap = page.policy.bootstrap;
    rp::html_diff view;
    view.items = parse_count(diff_items, "--diff-items");
    view.patterns = parse_count(diff_patterns, "--diff-patterns");
    options.examples = view.items;
    tsd::side a, b;
    a.label = diff_sides[0];
    b.label = diff_sides[1];
    a.options.metrics = b.options.metrics = diff_io::split_list(diff_metric);
    a.options.filters = b.options.filters = diff_io::split_list(diff_filter);
    diff_io::read_side(a, {diff_sides[0]}, 'a');
    diff_io::read_side(b, {diff_sides[1]}, 'b');
    for (const auto& g : diff_golds) diff_gold_index.read_file(g);
    view.golds = diff_golds.empty() ? nullptr : &diff_gold_index;
    view.result = tsd::compare(std::move(a), std::move(b), options, view.golds);
    view.page_files[0] = report_io::page_names(view.result.a, inputs);
    view.page_files[1] = report_io::page_names(view.result.b, inputs);
    if (!quiet) diff_io::print_summary(view.result);
    page.diff = std::move(view);
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
    if (page.diff) {
      const auto t = page.diff->result.totals();
      std::fprintf(stderr, "; diff of %llu paired record%s, %llu disagreement%s", static_cast<unsigned long long>(t.total()),
                   t.total() == 1 ? "" : "s", static_cast<unsigned long long>(t.disagreements()), t.disagreements() == 1 ? "" : "s");
    }
    std::fputs("\n", stderr);
  }
  return 0;
}

}  // namespace cli
