#pragma once
// `transferscore merge`: combine accumulator states of shards exactly, into one state or a report.

#include "aggregate_command.hpp"
#include "args.hpp"

#include <transferscore/transferscore.hpp>

#include <string>
#include <vector>

namespace cli {

inline int merge_command(int argc, char** argv, int first) {
  namespace ag = transferscore::aggregate;
  std::string format = "state", output;
  std::vector<std::string> inputs;
  bool quiet = false;
  aggregate_io::policy_options policy_args;
  arg_parser args("transferscore merge", "[options] STATE...",
                  "Combine the states that `transferscore aggregate -s` wrote for shards (scored on different machines)\n"
                  "into one. The result equals aggregating all verdicts at once: counts exactly, and the state file\n"
                  "byte for byte. Verdict files may be mixed in; they are accumulated.");
  args.positionals(inputs, "STATE...", "state files (or verdict JSONL)");
  args.option("format", 'f', format, "FORMAT", "state (default: the merged state), json, md or csv (a report)");
  args.option("output", 'o', output, "FILE", "write here instead of standard output");
  policy_args.add_to(args);
  args.flag("quiet", 'q', quiet, "no summary on standard error");
  if (!args.parse(argc, argv, first)) return 0;
  if (inputs.empty()) throw usage_error("no state files");
  const auto policy = policy_args.policy();
  ag::accumulator_set set;
  const auto counts = aggregate_io::load_inputs(inputs, set);
  if (format == "state") {
    ag::write_state(set, output.empty() ? std::string("-") : output);
  } else {
    aggregate_io::write_output(output, aggregate_io::summaries_report(set, policy, format));
  }
  if (!quiet) aggregate_io::print_summary("merge", counts, set, policy);
  return 0;
}

}  // namespace cli
