// Fuzzes every parser of the aggregator with the same bytes: as verdict JSONL, as a state
// file, as CSV score and pairs tables and as a groups file; then summarises, writes every
// report and round-trips the state. Invariants: only transferscore::error is thrown for bad
// input; a state written, read back and written again is byte-identical; JSON reports parse.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <transferscore/transferscore.hpp>

namespace ts = transferscore;
namespace ag = transferscore::aggregate;

namespace {

std::string state_text(const ag::accumulator_set& set) {
  char* buffer = nullptr;
  std::size_t size = 0;
  std::FILE* f = open_memstream(&buffer, &size);
  if (f == nullptr) std::abort();
  ag::write_state(set, f);
  std::fclose(f);
  std::string out(buffer, size);
  std::free(buffer);
  return out;
}

ag::accumulator_set read_state_text(const std::string& text) {
  ag::accumulator_set set;
  std::FILE* f = fmemopen(const_cast<char*>(text.data()), text.size(), "rb");
  if (f == nullptr) return set;
  ag::read_state(f, "state", set);
  std::fclose(f);
  return set;
}

void must_parse(const std::string& json_text) {
  ts::json v;
  if (ts::io::parse_json(json_text, v)) std::abort();
}

void exercise(const ag::accumulator_set& set) {
  ag::aggregate_policy policy;
  policy.k = {1, 2};
  policy.bootstrap.replicates = 5;
  const auto summaries = ag::summarize(set, policy);
  must_parse(ag::report::summaries_json(summaries, policy).dump());
  (void)ag::report::summaries_markdown(summaries, policy);
  (void)ag::report::summaries_csv(summaries, policy);
  // Write, read back, write again: the same bytes.
  const std::string once = state_text(set);
  const std::string twice = state_text(read_state_text(once));
  if (once != twice) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string input(reinterpret_cast<const char*>(data), size);

  try {  // as verdicts
    ag::accumulator_set set;
    std::FILE* f = fmemopen(const_cast<char*>(input.data()), input.size(), "rb");
    if (f == nullptr) return 0;
    try {
      (void)ag::read_verdicts(f, "fuzz", set);
    } catch (const ts::error&) {
    }
    std::fclose(f);
    exercise(set);
  } catch (const ts::error&) {
  }

  try {  // as a state file
    exercise(read_state_text(input));
  } catch (const ts::error&) {
  }

  try {  // as a score table, transferred over consecutive models
    const auto table = ag::parse_score_table(input, "fuzz.csv");
    std::vector<ag::model_pair> pairs;
    for (std::size_t i = 1; i < table.models.size() && i < 8; ++i) pairs.push_back({table.models[i], table.models[i - 1]});
    for (auto formula : {ag::ti_formula::v1, ag::ti_formula::v2}) {
      ag::transfer_policy policy;
      policy.formula = formula;
      const auto r = ag::transfer_from_table(table, pairs, ag::default_groups(), policy);
      must_parse(ag::report::transfer_json(r).dump());
      (void)ag::report::transfer_markdown(r);
      (void)ag::report::transfer_csv(r, true);
      (void)ag::report::transfer_scatter_svg(r);
      if (!r.pairs.empty()) (void)ag::report::gain_bars_svg(r, r.pairs.front());
    }
  } catch (const ts::error&) {
  }

  try {
    (void)ag::parse_pairs(input, "fuzz.csv");
  } catch (const ts::error&) {
  }
  try {
    (void)ag::parse_groups(input, "fuzz.json");
  } catch (const ts::error&) {
  }
  return 0;
}
