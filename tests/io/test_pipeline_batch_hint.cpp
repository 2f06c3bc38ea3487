// A family whose records each take long asks for small batches (registry batch hints), so
// that --threads N scores N records at once even when the whole file would fit in one
// batch; the code family asks for one record per batch when it runs programs.
#include <transferscore/transferscore.hpp>

#include "../test_paths.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

namespace ts = transferscore;

namespace {

/// A scorer that waits (up to a bound) for a second record to be in flight, and records
/// the largest number of records it saw in flight at once.
struct rendezvous {
  std::atomic<int> active{0};
  std::atomic<int> peak{0};
};

struct waiting_scorer {
  rendezvous* meeting;
  [[nodiscard]] std::string_view name() const noexcept { return "waiting"; }
  [[nodiscard]] ts::score_result score(const ts::record&) const {
    const int now = ++meeting->active;
    for (int seen = meeting->peak.load(); now > seen && !meeting->peak.compare_exchange_weak(seen, now);) {
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(800);
    while (meeting->peak.load() < 2 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    --meeting->active;
    return ts::score_result::judged(true, "x");
  }
};

int peak_in_flight(bool with_hint) {
  rendezvous meeting;
  ts::scorer_registry registry;
  registry.add_family("waiting", "waits for company", [&](const ts::scorer_options&) -> ts::any_scorer<ts::record> {
    return waiting_scorer{&meeting};
  });
  if (with_hint) registry.set_batch_hint("waiting", [](const ts::scorer_options&) -> std::size_t { return 1; });
  registry.add_benchmark("slow", "waiting");
  const std::string input = test_paths::write_temp("batch_hint_two_records.jsonl",
                                                   R"({"id": 1, "benchmark": "slow", "response": "a"})"
                                                   "\n"
                                                   R"({"id": 2, "benchmark": "slow", "response": "b"})"
                                                   "\n");
  ts::pipeline_options options;
  options.threads = 2;
  ts::score_pipeline pipeline(registry, options);
  std::FILE* sink = std::tmpfile();
  REQUIRE(sink != nullptr);
  const auto summary = pipeline.run({input}, sink);
  std::fclose(sink);
  CHECK(summary.records == 2);
  return meeting.peak.load();
}

}  // namespace

TEST_CASE("with a one-record batch hint, two threads score two records at once") {
  CHECK(peak_in_flight(true) == 2);
}

TEST_CASE("without a hint, a short file is one batch, scored by one thread") {
  CHECK(peak_in_flight(false) == 1);
}

TEST_CASE("the code family asks for one record per batch only when it runs programs") {
  const auto registry = ts::builtin_registry();
  ts::scorer_options options;
  CHECK(registry.batch_hint("code", options) == 0);
  options.settings["execute"] = "true";
  CHECK(registry.batch_hint("code", options) == 1);
  CHECK(registry.batch_hint("math", options) == 0);
  CHECK(registry.batch_hint("no-such-family", options) == 0);
}
