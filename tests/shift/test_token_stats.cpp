#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include "shift_fixtures.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace sh = transferscore::shift;
namespace ag = transferscore::aggregate;

namespace {
// A canonical line: logprobs and ranks given, a prompt of `prompt` positions (null first logprob).
std::string line(const std::string& id, const std::string& bench, const std::vector<double>& lps, const std::vector<int>& ranks,
                 std::size_t prompt = 0) {
  std::string out = "{\"id\":\"" + id + "\",\"benchmark\":\"" + bench + "\",\"prompt_length\":" + std::to_string(prompt) + ",\"logprobs\":[";
  for (std::size_t i = 0; i < lps.size(); ++i) {
    out += i ? "," : "";
    out += i == 0 && prompt > 0 ? std::string("null") : transferscore::aggregate::report::exact(lps[i]);
  }
  out += "],\"ranks\":[";
  for (std::size_t i = 0; i < ranks.size(); ++i) out += (i ? "," : "") + std::to_string(ranks[i]);
  out += "],\"tokens\":[";
  for (std::size_t i = 0; i < lps.size(); ++i) out += std::string(i ? "," : "") + "\"t" + std::to_string(i % 3) + "\"";
  return out + "]}\n";
}

sh::token_shift_result run(const std::string& tuned, const std::string& base, sh::shift_mode mode = sh::shift_mode::reference,
                           std::size_t replicates = 0, std::size_t threads = 1) {
  sh::token_pair_options options;
  options.compare.mode = mode;
  sh::token_shift_set set;
  sh::token_pair_input input{test_paths::write_temp("shift_stats_tuned.jsonl", tuned), test_paths::write_temp("shift_stats_base.jsonl", base),
                             "ft", "base", ""};
  (void)sh::read_token_pair(input, options, set);
  sh::token_summary_options summary;
  summary.bootstrap.replicates = replicates;
  summary.bootstrap.seed = 7;
  summary.bootstrap.threads = threads;
  return sh::summarize_tokens(set, ag::default_groups(), summary, options.compare);
}
}  // namespace

TEST_CASE("a fine-tune equal to its base gives 0 on every figure") {
  const std::string dump = line("a", "math500", {0.0, -0.2, -1.5, -3.0}, {1, 1, 2, 9}, 1) + line("b", "math500", {-0.1, -0.7, -0.01}, {1, 3, 1}) +
                           line("c", "ifeval", {-2.0, -0.4}, {4, 1});
  for (auto mode : {sh::shift_mode::reference, sh::shift_mode::paper}) {
    const auto r = run(dump, dump, mode, 200);
    for (const auto& b : r.pairs[0].benchmarks) {
      for (auto f : {sh::token_figure::kl_estimate, sh::token_figure::log_ratio, sh::token_figure::rank_shift,
                     sh::token_figure::abs_rank_shift, sh::token_figure::rank_changed, sh::token_figure::shifted_per_response}) {
        CHECK(b.figure(f).value == 0.0);
        CHECK(b.figure(f).ci.low == 0.0);
        CHECK(b.figure(f).ci.high == 0.0);
      }
      CHECK(std::isnan(b.figure(sh::token_figure::lumped_kl).value));  // no alternatives listed
      CHECK(b.top_shifted.empty());
    }
    for (const auto& g : r.pairs[0].groups) CHECK(g.figure(sh::token_figure::kl_estimate).value == 0.0);
  }
}

TEST_CASE("a known shift gives the known value") {
  // The fine-tune gives every token e^1 times the base's probability (within the smoothing) and
  // ranks it 2 places higher.
  std::string tuned, base;
  for (int i = 0; i < 6; ++i) {
    const std::string id = "r" + std::to_string(i);
    tuned += line(id, "gpqa_diamond", {-0.5, -1.0, -2.0, -0.25}, {1, 1, 2, 3});
    base += line(id, "gpqa_diamond", {-1.5, -2.0, -3.0, -1.25}, {3, 3, 4, 5});
  }
  const auto r = run(tuned, base, sh::shift_mode::reference, 100);
  const auto& b = r.pairs[0].benchmarks[0];
  CHECK(b.group == "other");
  CHECK(b.figure(sh::token_figure::log_ratio).value == doctest::Approx(1.0).epsilon(1e-9));
  CHECK(b.figure(sh::token_figure::kl_estimate).value == doctest::Approx(1.0).epsilon(1e-9));
  CHECK(b.figure(sh::token_figure::rank_shift).value == 2.0);
  CHECK(b.figure(sh::token_figure::abs_rank_shift).value == 2.0);
  CHECK(b.figure(sh::token_figure::rank_changed).value == 1.0);
  CHECK(b.figure(sh::token_figure::shifted_per_response).value == 2.0);  // ranks 1, 1 under the fine-tune, 3, 3 under the base
  REQUIRE(b.top_shifted.size() == 2);
  CHECK(b.top_shifted[0] == std::pair<std::string, std::uint64_t>{"t0", 6});
  CHECK(b.top_shifted[1] == std::pair<std::string, std::uint64_t>{"t1", 6});
  // Every response is the same: the interval is the point.
  CHECK(b.figure(sh::token_figure::rank_shift).ci.low == 2.0);
  CHECK(b.figure(sh::token_figure::rank_shift).ci.high == 2.0);
  // The reverse direction has the opposite sign, and the same study figure.
  const auto back = run(base, tuned);
  CHECK(back.pairs[0].benchmarks[0].figure(sh::token_figure::log_ratio).value == doctest::Approx(-1.0).epsilon(1e-9));
  CHECK(back.pairs[0].benchmarks[0].figure(sh::token_figure::kl_estimate).value == doctest::Approx(1.0).epsilon(1e-9));
  CHECK(back.pairs[0].benchmarks[0].figure(sh::token_figure::rank_shift).value == -2.0);
}

TEST_CASE("paper mode skips the first response token and truncates to the shorter list") {
  const std::string tuned = line("a", "math500", {0.0, -9.0, -1.0, -1.0, -1.0}, {1, 7, 1, 1, 1}, 1);
  const std::string base = line("a", "math500", {0.0, -1.0, -2.0, -2.0}, {1, 1, 2, 2}, 1);
  // Reference mode refuses sides of different lengths.
  CHECK_THROWS_WITH_AS(run(tuned, base), doctest::Contains("shift_stats_tuned.jsonl:1: response \"a\" of math500: the fine-tuned side has 4 response tokens and the base side 3"),
                       transferscore::io_error);
  const auto r = run(tuned, base, sh::shift_mode::paper);
  const auto& b = r.pairs[0].benchmarks[0];
  // Positions after the prompt: tuned -9, -1, -1, -1; base -1, -2, -2. The first is skipped,
  // then two pairs remain: log ratios 1 and 1.
  CHECK(b.tokens == 2);
  CHECK(b.skipped_first == 2);
  CHECK(b.truncated == 1);
  CHECK(b.prompt_tokens == 2);
  CHECK(b.figure(sh::token_figure::log_ratio).value == doctest::Approx(1.0).epsilon(1e-9));
}

TEST_CASE("N responses in are N counted, empty ones included") {
  const std::string tuned = line("a", "math500", {-1.0, -1.0}, {1, 1}) + line("b", "math500", {0.0, -1.0}, {1, 1}, 2) + line("c", "math500", {-0.5}, {1});
  const std::string base = line("a", "math500", {-2.0, -2.0}, {2, 2}) + line("b", "math500", {0.0, -3.0}, {1, 1}, 2) + line("c", "math500", {-0.5}, {1});
  const auto r = run(tuned, base);
  const auto& b = r.pairs[0].benchmarks[0];
  CHECK(b.responses == 3);
  CHECK(b.used == 2);  // "b" is all prompt
  CHECK(b.figure(sh::token_figure::log_ratio).value == doctest::Approx(0.5).epsilon(1e-9));
  // Paper mode drops the first response token: "c" becomes empty too.
  const auto p = run(tuned, base, sh::shift_mode::paper);
  CHECK(p.pairs[0].benchmarks[0].responses == 3);
  CHECK(p.pairs[0].benchmarks[0].used == 1);
}

TEST_CASE("lumped top-k KL: exact on the coarse-graining, a lower bound of the full KL") {
  // Full distributions over 4 tokens; each side lists its top 2.
  const double p[4] = {0.5, 0.3, 0.15, 0.05}, q[4] = {0.2, 0.4, 0.1, 0.3};
  double full = 0.0;
  for (int i = 0; i < 4; ++i) full += p[i] * std::log(p[i] / q[i]);
  // Tuned lists tokens 0, 1; base lists 1, 3; the scored token is 0 (known on both sides).
  std::vector<sh::known_token> tp = {{0, "", std::log(p[0])}, {1, "", std::log(p[1])}};
  std::vector<sh::known_token> tq = {{0, "", std::log(q[0])}, {1, "", std::log(q[1])}, {3, "", std::log(q[3])}};
  const auto v = sh::lumped_kl(tp, tq);
  CHECK(v.cells == 2);
  const double expected = p[0] * std::log(p[0] / q[0]) + p[1] * std::log(p[1] / q[1]) + 0.2 * std::log(0.2 / 0.4);
  CHECK(v.kl == doctest::Approx(expected).epsilon(1e-14));
  CHECK(v.kl <= full);
  // Everything listed on both sides: the full KL.
  std::vector<sh::known_token> all_p, all_q;
  for (int i = 0; i < 4; ++i) {
    all_p.push_back({i, "", std::log(p[i])});
    all_q.push_back({i, "", std::log(q[i])});
  }
  CHECK(sh::lumped_kl(all_p, all_q).kl == doctest::Approx(full).epsilon(1e-12));
  // Tokens matched by text when there are no ids.
  CHECK(sh::lumped_kl({{-1, "a", std::log(0.5)}}, {{-1, "a", std::log(0.25)}}).cells == 1);
  CHECK(sh::lumped_kl({{-1, "a", std::log(0.5)}}, {{-1, "b", std::log(0.25)}}).cells == 0);
  // The base's listed mass is all its mass while the fine-tune keeps some elsewhere: floored.
  const auto floored = sh::lumped_kl({{0, "", std::log(0.5)}}, {{0, "", 0.0}});
  CHECK(floored.floored);
  CHECK(floored.kl == doctest::Approx(0.5 * std::log(0.5) + 0.5 * std::log(0.5 / sh::study_epsilon)).epsilon(1e-12));
}

TEST_CASE("bootstrap intervals: seeded, thread-independent, around the estimate") {
  std::string tuned, base;
  for (int i = 0; i < 40; ++i) {
    const std::string id = std::to_string(i);
    const double x = -0.05 * (i % 7);
    tuned += line(id, i % 2 ? "math500" : "coqa", {x, -0.3, -0.1 * (i % 5)}, {1, 1 + i % 3, 1});
    base += line(id, i % 2 ? "math500" : "coqa", {x - 0.1 * (i % 4), -0.5, -0.4}, {1 + i % 2, 2, 1 + i % 4});
  }
  const auto one = run(tuned, base, sh::shift_mode::reference, 500, 1);
  const auto two = run(tuned, base, sh::shift_mode::reference, 500, 2);
  for (std::size_t k = 0; k < 2; ++k) {
    const auto& a = one.pairs[0].benchmarks[k];
    const auto& b = two.pairs[0].benchmarks[k];
    for (std::size_t f = 0; f < sh::token_figure_count; ++f) {
      if (std::isnan(a.figures[f].value)) continue;
      CHECK(a.figures[f].ci.low == b.figures[f].ci.low);
      CHECK(a.figures[f].ci.high == b.figures[f].ci.high);
      CHECK(a.figures[f].ci.low <= a.figures[f].value);
      CHECK(a.figures[f].value <= a.figures[f].ci.high);
    }
  }
  // Groups: math (math500) and non (coqa), each the mean of its one benchmark.
  REQUIRE(one.pairs[0].groups.size() == 2);
  CHECK(one.pairs[0].groups[0].group == "math");
  CHECK(one.pairs[0].groups[0].figure(sh::token_figure::log_ratio).value ==
        one.pairs[0].benchmarks[1].figure(sh::token_figure::log_ratio).value);
}
