#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include "shift_fixtures.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace sh = transferscore::shift;
namespace ag = transferscore::aggregate;
using shift_fixtures::close;
using shift_fixtures::number;

namespace {
sh::token_shift_result run(const std::string& shape, sh::shift_mode mode, ag::averaging average) {
  sh::token_pair_options options;
  options.compare.mode = mode;
  options.compare.bin_width = 8;
  options.read.first_entry = mode == sh::shift_mode::paper;
  sh::token_shift_set set;
  sh::token_pair_input input{shift_fixtures::path("tokens/" + shape + ".tuned.jsonl"), shift_fixtures::path("tokens/" + shape + ".base.jsonl"),
                             "", "", ""};
  const auto counts = sh::read_token_pair(input, options, set);
  CHECK(counts.responses == 10);
  CHECK(counts.tuned_lines == 10);
  sh::token_summary_options summary;
  summary.average = average;
  summary.bootstrap.replicates = 0;
  summary.top_tokens = 5;
  return sh::summarize_tokens(set, ag::default_groups(), summary, options.compare);
}

void check_figure(const sh::estimate& got, const transferscore::json& want, const char* name) {
  CAPTURE(name);
  if (want.is_null()) {
    CHECK(std::isnan(got.value));
    return;
  }
  CHECK_MESSAGE(close(got.value, number(want)), got.value << " vs " << number(want));
}
}  // namespace

TEST_CASE("every shape gives the figures computed from the definitions, in both modes and both averagings") {
  const auto expected = shift_fixtures::read_json("tokens/expected.json");
  for (const auto& [shape, per_bench] : *expected.find("shapes")->if_object()) {
    for (const auto& [mode_name, mode] : {std::pair{"default", sh::shift_mode::reference}, std::pair{"paper", sh::shift_mode::paper}}) {
      for (const auto& [average_name, average] : {std::pair{"macro", ag::averaging::macro}, std::pair{"micro", ag::averaging::micro}}) {
        // Structured bindings cannot be captured (clang 14): copies.
        const std::string shape_label = shape, mode_label = mode_name, average_label = average_name;
        CAPTURE(shape_label);
        CAPTURE(mode_label);
        CAPTURE(average_label);
        const auto r = run(shape, mode, average);
        REQUIRE(r.pairs.size() == 1);
        const auto& pair = r.pairs[0];
        CHECK(pair.model == (shape.rfind("openai_chat", 0) == 0 || shape == "openai_batch" || shape == "canonical" || shape == "openai_completion"
                                 ? "toy-rl"
                                 : shape + ".tuned"));
        REQUIRE(pair.benchmarks.size() == 2);
        for (const auto& b : pair.benchmarks) {
          CAPTURE(b.benchmark);
          const auto& want = *per_bench.find(b.benchmark)->find(mode_name);
          CHECK(b.responses == static_cast<std::size_t>(*want.find("responses")->as_int()));
          CHECK(b.used == static_cast<std::size_t>(*want.find("used")->as_int()));
          CHECK(b.tokens == static_cast<std::uint64_t>(*want.find("tokens")->as_int()));
          CHECK(b.ranked == static_cast<std::uint64_t>(*want.find("ranked")->as_int()));
          const auto& figures = *want.find(average_name);
          for (std::size_t f = 0; f < sh::token_figure_count; ++f) {
            check_figure(b.figures[f], *figures.find(sh::token_figure_names[f]), std::string(sh::token_figure_names[f]).c_str());
          }
          const auto& curve = *want.find("curve")->if_array();
          REQUIRE(b.curve.size() == curve.size());
          for (std::size_t k = 0; k < curve.size(); ++k) {
            CHECK(b.curve[k].from == static_cast<std::size_t>(*curve[k].find("from")->as_int()));
            CHECK(b.curve[k].tokens == static_cast<std::uint64_t>(*curve[k].find("tokens")->as_int()));
            check_figure({b.curve[k].log_ratio, {}}, *curve[k].find("log_ratio"), "curve log_ratio");
            check_figure({b.curve[k].rank_shift, {}}, *curve[k].find("rank_shift"), "curve rank_shift");
            check_figure({b.curve[k].lumped_kl, {}}, *curve[k].find("lumped_kl"), "curve lumped_kl");
          }
          const auto& top = *want.find("top_shifted")->if_array();
          REQUIRE(b.top_shifted.size() == top.size());
          for (std::size_t k = 0; k < top.size(); ++k) {
            CHECK(b.top_shifted[k].first == *(*top[k].if_array())[0].if_string());
            CHECK(b.top_shifted[k].second == static_cast<std::uint64_t>(*(*top[k].if_array())[1].as_int()));
          }
        }
        CHECK(pair.benchmarks[0].group == "math");
        CHECK(pair.benchmarks[1].group == "non");
      }
    }
  }
}

TEST_CASE("vLLM maps: the scored token by its id, or, in paper mode, the first entry whatever its rank") {
  // With the early-V1 order (top-k first), the first entry is the top-1 token: paper mode then
  // reads rank 1 everywhere, and no rank ever shifts.
  const auto paper = run("vllm_topk_first", sh::shift_mode::paper, ag::averaging::macro);
  for (const auto& b : paper.pairs[0].benchmarks) {
    CHECK(b.figure(sh::token_figure::rank_shift).value == 0.0);
    CHECK(b.figure(sh::token_figure::rank_changed).value == 0.0);
    CHECK(b.shifted_total == 0);
  }
  // Without paper mode, prompt_token_ids pick the scored token: the same log ratios as the usual order.
  const auto by_id = run("vllm_topk_first", sh::shift_mode::reference, ag::averaging::macro);
  const auto usual = run("vllm_prompt", sh::shift_mode::reference, ag::averaging::macro);
  CHECK(by_id.pairs[0].benchmarks[0].figure(sh::token_figure::log_ratio).value ==
        usual.pairs[0].benchmarks[0].figure(sh::token_figure::log_ratio).value);
}
