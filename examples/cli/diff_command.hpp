#pragma once
// `transferscore diff`: two sets of judgements of the same records compared record by
// record (docs/diff.md).

#include "aggregate_command.hpp"
#include "args.hpp"

#include <transferscore/transferscore.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

namespace cli {

namespace diff_io {

/// Exit code when the report was written but some input was not compared: a bad line on
/// either side, or no record paired at all.
inline constexpr int incomplete_exit_code = 3;

/// The files an argument names: a file as it is, "-" for standard input, a directory as
/// every *.jsonl under it (recursively, in path order).
inline std::vector<std::string> expand(const std::string& path) {
  namespace fs = std::filesystem;
  if (path == "-") return {path};
  std::error_code ec;
  if (!fs::is_directory(path, ec)) {
    if (!fs::exists(path, ec)) throw transferscore::io_error("cannot open " + path + ": no such file or directory");
    return {path};
  }
  std::vector<std::string> files;
  for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == ".jsonl") files.push_back(it->path().string());
  }
  if (ec) throw transferscore::io_error("cannot read directory " + path + ": " + ec.message());
  std::sort(files.begin(), files.end());
  if (files.empty()) throw transferscore::io_error(path + ": a directory without .jsonl files");
  return files;
}

/// "a,b" -> {"a", "b"}.
inline std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

inline void read_side(transferscore::diff::side& s, const std::vector<std::string>& arguments, char which) {
  transferscore::diff::side_reader reader(s);
  for (const auto& argument : arguments) {
    for (const auto& file : expand(argument)) reader.read_file(file);
  }
  if (auto ambiguous = transferscore::diff::filter_ambiguity(s); !ambiguous.empty()) {
    throw usage_error(ambiguous + ": each record appears once per filter; choose one with --filter (or --filter-" +
                      std::string(1, which) + ")");
  }
}

inline void print_summary(const transferscore::diff::diff_result& r) {
  namespace tsd = transferscore::diff;
  const tsd::cell_counts t = r.totals();
  std::fprintf(stderr, "transferscore diff: %llu paired record%s in %zu (model, benchmark); agreement %s%%, %llu disagreement%s\n",
               static_cast<unsigned long long>(t.total()), t.total() == 1 ? "" : "s", r.benchmarks.size(),
               transferscore::aggregate::report::fixed(t.agreement() * 100, 2, "n/a").c_str(),
               static_cast<unsigned long long>(t.disagreements()), t.disagreements() == 1 ? "" : "s");
  const auto dup_a = static_cast<std::size_t>(r.duplicates('a')), dup_b = static_cast<std::size_t>(r.duplicates('b'));
  for (const auto* s : {&r.a, &r.b}) {
    const bool a = s == &r.a;
    std::fprintf(stderr, "  %s (%s): %llu line%s in %zu file%s, %zu judgement%s, %zu only in %s, %zu duplicate key%s, %zu bad line%s",
                 a ? "A" : "B", s->label.c_str(), static_cast<unsigned long long>(s->lines), s->lines == 1 ? "" : "s",
                 s->files.size(), s->files.size() == 1 ? "" : "s", s->entries.size(), s->entries.size() == 1 ? "" : "s",
                 a ? r.matched.only_a.size() : r.matched.only_b.size(), a ? "A" : "B", a ? dup_a : dup_b,
                 (a ? dup_a : dup_b) == 1 ? "" : "s", s->bad_lines.size(), s->bad_lines.size() == 1 ? "" : "s");
    if (!s->unidentified.empty()) {
      std::fprintf(stderr, ", %zu without an id (records lost before they had one; never paired)", s->unidentified.size());
    }
    if (s->filtered_out > 0) {
      std::fprintf(stderr, ", %llu of other filters", static_cast<unsigned long long>(s->filtered_out));
    }
    std::fputs("\n", stderr);
    std::size_t shown = 0;
    for (const auto& l : s->bad_lines) {
      if (shown++ == 20) {
        std::fprintf(stderr, "    ... and %zu more bad lines (all in the report)\n", s->bad_lines.size() - 20);
        break;
      }
      std::fprintf(stderr, "    %s:%llu: %s%s%s\n", s->files[l.file].c_str(), static_cast<unsigned long long>(l.line),
                   l.field.c_str(), l.field.empty() ? "" : ": ", l.message.c_str());
    }
  }
}

}  // namespace diff_io

inline int diff_command(int argc, char** argv, int first) {
  namespace tsd = transferscore::diff;
  std::vector<std::string> positional, a_files, b_files, gold_files;
  std::string metric, metric_a, metric_b, filter, filter_a, filter_b, key = "model,benchmark,id,sample";
  std::string label_a, label_b, format = "md", output, disagreements, examples = "3", patterns = "10", width;
  std::string bootstrap = "1000", seed = "0", confidence = "0.95", threads = "1";
  bool quiet = false;
  arg_parser args("transferscore diff", "[options] A B | --a FILE... --b FILE... [options]",
                  "Compare two sets of judgements of the same records: two modes, two versions of this tool, or another\n"
                  "tool's verdicts such as the metric fields of lm-evaluation-harness sample logs (samples_<task>_*.jsonl).\n"
                  "Each side is a file, a directory (every *.jsonl under it) or several files, holding verdict lines\n"
                  "and/or lm-eval sample lines. Records are paired by (model, benchmark, id, sample). Per benchmark: the\n"
                  "2x2 table of right and wrong, agreement, each side's accuracy, the difference A - B with a paired\n"
                  "bootstrap interval and McNemar's exact test, and the disagreements grouped into patterns (answer\n"
                  "shapes, extraction sources, statuses) with examples. Exit code 3: the report is written, but some\n"
                  "input was not compared (bad lines, or no record paired).");
  args.positionals(positional, "A B", "the two sides (or use --a and --b)");
  args.option("a", 'a', a_files, "FILE", "a file or directory of side A (repeatable)");
  args.option("b", 'b', b_files, "FILE", "a file or directory of side B (repeatable)");
  args.option("metric", 'm', metric, "NAMES",
              "lm-eval: the metric member to read (exact_match, math_verify, acc; a comma list is tried in order); "
              "verdicts: a member of details to read instead of correct (prompt_loose)");
  args.option("metric-a", 0, metric_a, "NAMES", "--metric for side A only");
  args.option("metric-b", 0, metric_b, "NAMES", "--metric for side B only");
  args.option("filter", 0, filter, "NAMES",
              "lm-eval: keep the lines of these filters (a comma list: strict-match, flexible-extract, none)");
  args.option("filter-a", 0, filter_a, "NAMES", "--filter for side A only");
  args.option("filter-b", 0, filter_b, "NAMES", "--filter for side B only");
  args.option("key", 'k', key, "FIELDS", "what pairs records: a subset of model,benchmark,id,sample with id (default: all four)");
  args.option("gold", 'g', gold_files, "FILE",
              "the records that were scored (or a dataset): gold answers for the examples (repeatable)");
  args.option("label-a", 0, label_a, "NAME", "name of side A in the report (default: its first file)");
  args.option("label-b", 0, label_b, "NAME", "name of side B in the report (default: its first file)");
  args.option("format", 'f', format, "FORMAT", "md (default), json or csv (one row per benchmark)");
  args.option("output", 'o', output, "FILE", "write the report here instead of standard output");
  args.option("disagreements", 'd', disagreements, "FILE", "also write every disagreeing record here (CSV, untruncated)");
  args.option("examples", 0, examples, "N", "examples kept per pattern (default: 3)");
  args.option("patterns", 0, patterns, "N", "md: patterns shown per benchmark (default: 10; the JSON has all)");
  args.option("width", 0, width, "BYTES", "examples are cut to this length (default: md 60, json 120)");
  args.option("bootstrap", 0, bootstrap, "N", "bootstrap replicates; 0 switches intervals off (default: 1000)");
  args.option("seed", 0, seed, "S", "seed of the bootstrap (default: 0)");
  args.option("confidence", 0, confidence, "C", "confidence of the intervals (default: 0.95)");
  args.option("threads", 'j', threads, "N", "bootstrap threads; results do not depend on it (default: 1)");
  args.flag("quiet", 'q', quiet, "no summary on standard error");
  if (!args.parse(argc, argv, first)) return 0;

  if (!positional.empty()) {
    if (!a_files.empty() || !b_files.empty()) throw usage_error("give the sides either as A B or with --a and --b, not both");
    if (positional.size() != 2) throw usage_error("expected two sides A B, got " + std::to_string(positional.size()));
    a_files = {positional[0]};
    b_files = {positional[1]};
  }
  if (a_files.empty() || b_files.empty()) throw usage_error("both sides are needed: A B, or --a FILE... --b FILE...");
  const std::size_t chosen_format = choose("--format", format, {"md", "json", "csv"});

  tsd::diff_options options;
  options.key = tsd::key_fields::parse(key);
  options.examples = parse_count(examples, "--examples");
  aggregate_io::policy_options policy_args;
  policy_args.bootstrap = bootstrap;
  policy_args.seed = seed;
  policy_args.confidence = confidence;
  policy_args.threads = threads;
  options.bootstrap = policy_args.policy().bootstrap;
  tsd::report::markdown_options md;
  md.patterns = parse_count(patterns, "--patterns");
  if (!width.empty()) md.width = parse_count(width, "--width");
  const std::size_t json_width = width.empty() ? tsd::report::default_example_width : md.width;

  tsd::side a, b;
  a.label = label_a.empty() ? a_files.front() : label_a;
  b.label = label_b.empty() ? b_files.front() : label_b;
  a.options.metrics = diff_io::split_list(metric_a.empty() ? metric : metric_a);
  b.options.metrics = diff_io::split_list(metric_b.empty() ? metric : metric_b);
  a.options.filters = diff_io::split_list(filter_a.empty() ? filter : filter_a);
  b.options.filters = diff_io::split_list(filter_b.empty() ? filter : filter_b);
  diff_io::read_side(a, a_files, 'a');
  diff_io::read_side(b, b_files, 'b');
  tsd::gold_index golds;
  for (const auto& g : gold_files) golds.read_file(g);
  const tsd::gold_index* gold = gold_files.empty() ? nullptr : &golds;

  const tsd::diff_result result = tsd::compare(std::move(a), std::move(b), options, gold);
  std::string text;
  if (chosen_format == 0) text = tsd::report::diff_markdown(result, gold, md);
  else if (chosen_format == 1) text = tsd::report::diff_json(result, gold, json_width).dump() + "\n";
  else text = tsd::report::diff_csv(result);
  aggregate_io::write_output(output, text);
  if (!disagreements.empty()) aggregate_io::write_output(disagreements, tsd::report::disagreements_csv(result, gold));
  if (!quiet) diff_io::print_summary(result);

  const bool bad = !result.a.bad_lines.empty() || !result.b.bad_lines.empty();
  const bool none = result.totals().total() == 0;
  if (none) {
    std::fprintf(stderr, "transferscore diff: warning: no record of A has a partner in B under --key %s "
                         "(do the model or benchmark names differ? try --key benchmark,id,sample or --key id,sample)\n",
                 options.key.text().c_str());
  }
  return bad || none ? diff_io::incomplete_exit_code : 0;
}

}  // namespace cli
