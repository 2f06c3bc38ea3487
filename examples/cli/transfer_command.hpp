#pragma once
// `transferscore transfer`: relative gains and Transferability Indices (v1, v2) per group, from
// a table of published scores or from verdicts (then with paired item-bootstrap intervals).

#include "aggregate_command.hpp"
#include "args.hpp"

#include <transferscore/transferscore.hpp>

#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

namespace cli {

namespace transfer_io {

/// The options of the Transferability Index that `transfer` and `report` share.
struct index_options {
  std::string formula = "v2", sigma = "cohort", deviation = "population", metric = "score";

  void add_to(arg_parser& args) {
    args.option("formula", 0, formula, "v1|v2", "v1 mean relative gain, v2 domain index (default: v2)");
    args.option("sigma", 0, sigma, "MODE", "v2: cohort (default: pooled over all pairs, as the study) or per-model");
    args.option("std", 0, deviation, "KIND", "v2: population (default) or sample standard deviation");
    args.option("metric", 'm', metric, "NAME", "verdicts: score (default), pass@K, maj@K or a family metric");
  }

  /// Sets formula, sigma, deviation and metric of `policy`; a bad value is a usage error.
  void apply(transferscore::aggregate::transfer_policy& policy) const {
    namespace ag = transferscore::aggregate;
    policy.formula = choose("--formula", formula, {"v1", "v2"}) == 0 ? ag::ti_formula::v1 : ag::ti_formula::v2;
    policy.sigma = choose("--sigma", sigma, {"per-model", "cohort"}) == 0 ? ag::sigma_mode::per_model : ag::sigma_mode::cohort;
    policy.deviation = choose("--std", deviation, {"population", "sample"}) == 0 ? ag::std_kind::population : ag::std_kind::sample;
    policy.metric = metric;
  }
};

}  // namespace transfer_io

inline int transfer_command(int argc, char** argv, int first) {
  namespace ag = transferscore::aggregate;
  std::string scores, pairs_file, groups_file;
  std::string format = "json", output, chart = "scatter", model, x_group, y_group, score_rounding;
  std::vector<std::string> inputs;
  bool csv_intervals = false, quiet = false;
  aggregate_io::policy_options policy_args;
  transfer_io::index_options index_args;
  arg_parser args("transferscore transfer", "--pairs FILE (--scores FILE | VERDICTS...) [options]",
                  "Measure how the gains of fine-tuned models over their bases transfer from the source group of\n"
                  "benchmarks to the others: relative gains and the Transferability Index, v1 (mean relative gain\n"
                  "ratio) or v2 (domain index). Undefined indices are reported with the reason, never as a number.\n"
                  "From verdicts (or states), every score, gain and index gets a paired item-bootstrap interval;\n"
                  "from a score table (published numbers) there are no intervals, and the output says so; with\n"
                  "--score-rounding, every index gets a rounding band instead: its range when each published score\n"
                  "moves within its rounding (not a confidence interval).");
  args.positionals(inputs, "VERDICTS...", "verdict JSONL or state files (instead of --scores)");
  args.option("scores", 0, scores, "FILE", "CSV model,benchmark,score (percent)");
  args.option("pairs", 'p', pairs_file, "FILE", "CSV model,base: the base of every fine-tuned model");
  args.option("groups", 'g', groups_file, "FILE",
              "JSON {\"source\": G, \"groups\": {G: [benchmarks...]}} (default: the study's math/other/non)");
  index_args.add_to(args);
  args.option("score-rounding", 0, score_rounding, "STEP",
              "--scores only: the scores are rounded to STEP (0.1: one decimal, each known to +-0.05); adds a rounding "
              "band to every gain and index (default: 0, off)");
  policy_args.add_to(args);
  args.option("format", 'f', format, "FORMAT", "json (default), md, csv or svg");
  args.option("output", 'o', output, "FILE", "write here instead of standard output");
  args.option("chart", 0, chart, "KIND", "svg: scatter (default: TI of two groups, one point per model) or gains");
  args.option("model", 0, model, "NAME", "svg gains: the model to chart (default: the first pair)");
  args.option("x", 0, x_group, "GROUP", "svg scatter: group on the x axis (default: the first non-source group)");
  args.option("y", 0, y_group, "GROUP", "svg scatter: group on the y axis (default: the second non-source group)");
  args.flag("csv-intervals", 0, csv_intervals, "csv: add ti_<group>_low and ti_<group>_high columns");
  args.flag("quiet", 'q', quiet, "no summary on standard error");
  if (!args.parse(argc, argv, first)) return 0;

  if (pairs_file.empty()) throw usage_error("--pairs FILE is required");
  if (scores.empty() == inputs.empty()) throw usage_error("give either --scores FILE or verdict/state files");
  (void)choose("--format", format, {"json", "md", "csv", "svg"});
  (void)choose("--chart", chart, {"scatter", "gains"});
  ag::transfer_policy policy;
  index_args.apply(policy);
  if (!score_rounding.empty()) {
    try {
      std::size_t pos = 0;
      policy.score_rounding = std::stod(score_rounding, &pos);
      if (pos != score_rounding.size()) throw std::invalid_argument("trailing");
    } catch (const std::exception&) {
      throw usage_error("--score-rounding needs a number, not '" + score_rounding + "'");
    }
    if (!(policy.score_rounding >= 0) || !std::isfinite(policy.score_rounding)) {
      throw usage_error("--score-rounding must be a finite step >= 0 (0.1 for scores printed with one decimal)");
    }
    if (policy.score_rounding > 0 && scores.empty()) {
      throw usage_error("--score-rounding applies to --scores tables of published (rounded) scores; verdicts carry their items "
                        "and get bootstrap intervals instead (--bootstrap)");
    }
  }
  policy.scoring = policy_args.policy();

  const auto pairs = ag::read_pairs(pairs_file);
  const auto groups = groups_file.empty() ? ag::default_groups() : ag::read_groups(groups_file);
  ag::transfer_result result;
  if (!scores.empty()) {
    result = ag::transfer_from_table(ag::read_score_table(scores), pairs, groups, policy);
  } else {
    ag::accumulator_set set;
    const auto counts = aggregate_io::load_inputs(inputs, set);
    if (!quiet) aggregate_io::print_summary("transfer", counts, set, policy.scoring);
    result = ag::transfer_from_verdicts(set, pairs, groups, policy);
  }

  std::string text;
  if (format == "json") {
    text = ag::report::transfer_json(result).dump() + "\n";
  } else if (format == "md") {
    text = ag::report::transfer_markdown(result);
  } else if (format == "csv") {
    text = ag::report::transfer_csv(result, csv_intervals);
  } else if (chart == "scatter") {
    text = ag::report::transfer_scatter_svg(result, x_group, y_group);
  } else {
    const ag::pair_transfer* chosen = result.pairs.empty() ? nullptr : &result.pairs.front();
    if (!model.empty()) {
      chosen = nullptr;
      for (const auto& p : result.pairs) {
        if (p.model == model) chosen = &p;
      }
      if (chosen == nullptr) throw usage_error("--model '" + model + "' is not in the pairs file");
    }
    if (chosen == nullptr) throw usage_error("the pairs file lists no model");
    text = ag::report::gain_bars_svg(result, *chosen);
  }
  aggregate_io::write_output(output, text);
  if (!quiet) {
    std::size_t undefined = 0;
    for (const auto& p : result.pairs) {
      for (auto g : result.groups.targets()) undefined += p.groups[g].undefined.empty() ? 0 : 1;
    }
    const std::string rounding =
        result.rounding_bands ? "; rounding bands: scores +-" + ag::report::exact(policy.score_rounding / 2) : std::string();
    std::fprintf(stderr, "transferscore transfer: %zu pair%s, TI %s%s; %zu undefined ind%s (reasons in the json/md output); intervals: %s%s\n",
                 result.pairs.size(), result.pairs.size() == 1 ? "" : "s", std::string(ag::to_string(policy.formula)).c_str(),
                 policy.formula == ag::ti_formula::v2 ? (", sigma " + std::string(ag::to_string(policy.sigma))).c_str() : "",
                 undefined, undefined == 1 ? "ex" : "ices", result.intervals ? "paired item bootstrap" : "none", rounding.c_str());
  }
  return 0;
}

}  // namespace cli
