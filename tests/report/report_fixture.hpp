#pragma once
// A report page's data as the CLI's `report` builds it from verdict lines: the verdict table
// and the summaries, every line read as from one named file. Shared by the report tests.

#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace report_fixture {

inline transferscore::report::html_report report_of(const std::vector<std::string>& lines, const std::string& file,
                                                     std::size_t max_chars = 2000) {
  namespace ag = transferscore::aggregate;
  transferscore::report::html_report r;
  r.verdicts = transferscore::report::verdict_table(max_chars);
  ag::accumulator_set set;
  std::uint64_t n = 0;
  for (const auto& line : lines) {
    transferscore::json v;
    const auto err = transferscore::io::parse_json(line, v);
    REQUIRE_MESSAGE(!err, "not JSON: " << err.message << " in " << line.substr(0, 200));
    std::string key;
    std::string_view model, benchmark;
    const auto sample = ag::view_verdict(v, file, ++n, key, model, benchmark);
    set.add_view(model, benchmark, sample);
    r.verdicts.add(v, file, n);
  }
  r.sources = {file};
  r.policy.bootstrap.replicates = 50;
  r.summaries = ag::summarize(set, r.policy);
  return r;
}

}  // namespace report_fixture
