// transferscore: the command-line tool.
//
//   transferscore score [options] FILE...        verdicts, one per record
//   transferscore <command> --help               details of each command

#include "args.hpp"
#include "aggregate_command.hpp"
#include "diff_command.hpp"
#include "merge_command.hpp"
#include "report_command.hpp"
#include "score_command.hpp"
#include "shift_command.hpp"
#include "transfer_command.hpp"

#include <transferscore/transferscore.hpp>

#include <cstdio>
#include <exception>
#include <string_view>

namespace {

struct command {
  std::string_view name;
  std::string_view summary;
  int (*run)(int argc, char** argv, int first);
};

// Every subcommand, in the order --help lists them.
constexpr command commands[] = {
    {"score", "score generations: JSONL in, one verdict per record out", cli::score_command},
    {"aggregate", "scores per (model, benchmark) with SE and bootstrap intervals, from verdicts", cli::aggregate_command},
    {"merge", "combine aggregate states of shards exactly", cli::merge_command},
    {"transfer", "relative gains and Transferability Index (v1/v2) per benchmark group", cli::transfer_command},
    {"report", "one self-contained HTML page: scores, transfer and a browser of every verdict", cli::report_command},
    {"diff", "compare two sets of verdicts (or lm-eval sample logs) record by record", cli::diff_command},
    {"shift", "token-distribution and latent shift of fine-tuned models from their bases", cli::shift_command},
};

void print_usage(std::FILE* to) {
  std::fprintf(to, "usage: transferscore <command> [options]\n\n"
                   "Score LLM benchmark outputs and measure how gains transfer across domains.\n\ncommands:\n");
  for (const auto& c : commands) std::fprintf(to, "  %-12.*s %.*s\n", static_cast<int>(c.name.size()), c.name.data(),
                                              static_cast<int>(c.summary.size()), c.summary.data());
  std::fprintf(to, "\nRun 'transferscore <command> --help' for the options of a command.\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    print_usage(stderr);
    return 2;
  }
  const std::string_view name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    print_usage(stdout);
    return 0;
  }
  if (name == "--version") {
    std::printf("transferscore %s\n", TRANSFERSCORE_VERSION_STRING);
    return 0;
  }
  for (const auto& c : commands) {
    if (c.name != name) continue;
    try {
      return c.run(argc, argv, 2);
    } catch (const cli::usage_error& e) {
      std::fprintf(stderr, "transferscore %s: %s\nRun 'transferscore %s --help' for usage.\n", argv[1], e.what(), argv[1]);
      return 2;
    } catch (const transferscore::config_error& e) {
      std::fprintf(stderr, "transferscore %s: %s\n", argv[1], e.what());
      return 2;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "transferscore %s: %s\n", argv[1], e.what());
      return 1;
    }
  }
  std::fprintf(stderr, "transferscore: unknown command '%s'\n\n", argv[1]);
  print_usage(stderr);
  return 2;
}
