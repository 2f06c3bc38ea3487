#pragma once
// Shared helpers for the IFEval tests: where the Punkt parameters are, scorers and records.

#include <transferscore/transferscore.hpp>

#include "../../test_paths.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ifeval_test {

/// The English Punkt parameters: $TRANSFERSCORE_PUNKT_DIR, else the shared copy; empty
/// when neither exists (the tests that need them then skip with a message).
inline std::string punkt_dir() {
  if (const char* env = std::getenv("TRANSFERSCORE_PUNKT_DIR"); env != nullptr && *env != 0) {
    if (std::filesystem::exists(std::filesystem::path(env) / "ortho_context.tab")) return env;
  }
  const auto shared = test_paths::shared("ifeval/punkt_tab/english");
  if (std::filesystem::exists(shared / "ortho_context.tab")) return shared.string();
  return {};
}

/// The English Punkt parameters for a test that cannot run without them: nothing (and a
/// message saying the test is skipped) when they are absent; a failed test when they are
/// present but do not load.
inline std::optional<transferscore::instructions::punkt_parameters> english_punkt_or_skip() {
  const std::string dir = punkt_dir();
  if (dir.empty()) {
    MESSAGE("skipped: no Punkt parameters (set TRANSFERSCORE_PUNKT_DIR or provide ../shared/data/ifeval/punkt_tab/english)");
    return std::nullopt;
  }
  auto params = transferscore::instructions::punkt_parameters::load(dir);
  REQUIRE(params.has_value());
  return params;
}

/// Fixture lines; a line that does not parse fails the test (shared with every other test).
using test_paths::read_jsonl;

/// A scorer with the given Punkt directory (empty = fallback) and settings.
inline transferscore::instructions::scorer make_scorer(const std::string& punkt, std::string mode = "reference",
                                                      std::string score = "prompt_strict") {
  transferscore::scorer_options options;
  options.mode = std::move(mode);
  options.settings["score"] = std::move(score);
  options.settings["punkt_dir"] = punkt;  // empty: no parameters (not even from the environment)
  if (punkt.empty()) options.settings.erase("punkt_dir");
  if (punkt.empty()) return transferscore::instructions::scorer(nullptr, options.mode);
  return transferscore::instructions::scorer::from_options(options);
}

inline transferscore::record make_record(const std::string& response, transferscore::json reference) {
  transferscore::record r;
  r.id = "x";
  r.benchmark = "ifeval";
  r.response = response;
  r.reference = std::move(reference);
  return r;
}

}  // namespace ifeval_test
