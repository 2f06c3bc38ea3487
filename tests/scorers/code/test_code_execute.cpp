// --execute end to end: every fixture of tests/data/code/cases.jsonl is run in the sandbox
// runner under both graders' execution semantics, and the verdicts and per-test outcomes
// must be the ones the Python transcription of each grader gives (tools/code_graders.py).
// One scorer (one runner) is shared by two threads, as the pipeline shares it.
#include <transferscore/transferscore.hpp>

#include "../../test_paths.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace ts = transferscore;
using test_paths::text;

namespace {

ts::code::scorer make(const std::string& mode, const std::string& compare = "auto") {
  ts::scorer_options o;
  o.mode = mode;
  o.benchmark = "livecodebench";
  o.settings["compare"] = compare;
  o.settings["execute"] = "true";
  o.settings["sandbox"] = "best-effort";  // the containment suite checks the layers; here, the semantics
  return ts::code::scorer::from_options(o);
}

struct scored {
  ts::json row;
  ts::score_result result;
};

/// Scores every fixture that has an expectation under `key`, on two threads.
std::vector<scored> score_all(const ts::code::scorer& s, const char* key) {
  std::vector<scored> out;
  for (auto& row : test_paths::read_jsonl(test_paths::data("code/cases.jsonl"))) {
    if (row.find("expect")->find(key) != nullptr) out.push_back({row, {}});
  }
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < out.size(); i = next++) {
      ts::record r;
      r.id = *out[i].row.find("id");
      r.response = text(out[i].row, "response");
      r.reference = *out[i].row.find("reference");
      r.extra["execution"] = ts::json::object();
      r.extra["execution"]["passed"] = ts::json::array({false, false, false});  // ignored under --execute
      out[i].result = s.score(r);
    }
  };
  std::thread other(work);
  work();
  other.join();
  return out;
}

void check_all(const ts::code::scorer& s, const char* key) {
  int n = 0;
  for (const auto& item : score_all(s, key)) {
    const ts::json& row = item.row;  // not a structured binding: clang 14 cannot capture one in INFO
    const ts::score_result& result = item.result;
    const ts::json& expect = *row.find("expect")->find(key);
    INFO(text(row, "id") << " (" << text(row, "habit") << "): " << result.details.dump() << " " << result.message);
    CHECK(ts::to_string(result.status) == text(expect, "status"));
    CHECK(result.correct == *expect.find("correct")->as_bool());
    ++n;
    if (expect.find("extracted")->is_null()) continue;
    CHECK(test_paths::text(result.details, "results_from") == "sandbox");
    CHECK(result.details.find("execution_ignored") != nullptr);
    CHECK(result.details.find("sandbox")->find("python") != nullptr);
    const ts::json* tests = result.details.find("tests");
    REQUIRE(tests != nullptr);
    const auto& want = *expect.find("outcomes")->if_array();
    REQUIRE(tests->size() == want.size());
    for (std::size_t k = 0; k < want.size(); ++k) CHECK(text((*tests->if_array())[k], "outcome") == *want[k].if_string());
  }
  CHECK(n > 0);
}

}  // namespace

TEST_CASE("--execute, reference mode: LiveCodeBench's execution semantics and verdicts") { check_all(make("reference"), "reference"); }

TEST_CASE("--execute, paper mode: the study's execution semantics and verdicts") { check_all(make("paper"), "paper"); }

TEST_CASE("--execute with compare=tolerance") { check_all(make("reference", "tolerance"), "tolerance"); }

TEST_CASE("--execute: the runner is made once and its interpreter is recorded") {
  const auto s = make("reference");
  REQUIRE(s.program_runner() != nullptr);
  CHECK_FALSE(s.program_runner()->info().python_version.empty());
  const auto copy = s;  // copies share the runner
  CHECK(copy.program_runner() == s.program_runner());
}
