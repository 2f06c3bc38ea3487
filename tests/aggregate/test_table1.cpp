// Table 1 of arXiv 2507.00432 (v2): the transfer indices of the three UniReason models,
// recomputed from the study's printed per-benchmark scores with the v2 formula and the
// cohort-pooled population sigma (tests/data/paper/README.md gives the sources).
#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include "../test_paths.hpp"

#include <cmath>
#include <map>
#include <string>

namespace ag = transferscore::aggregate;

namespace {
struct printed {
  double other;
  double non;
};
std::map<std::string, printed> read_table1() {
  std::map<std::string, printed> out;
  const auto rows = ag::parse_csv(test_paths::read_file(test_paths::data("paper/table1_ti.csv")), "table1_ti.csv");
  for (std::size_t r = 1; r < rows.size(); ++r) {
    out[rows[r].fields[0]] = {std::stod(rows[r].fields[1]), std::stod(rows[r].fields[2])};
  }
  return out;
}
ag::transfer_result study(ag::transfer_policy policy) {
  return ag::transfer_from_table(ag::read_score_table(test_paths::data("paper/scores.csv").string()),
                                 ag::read_pairs(test_paths::data("paper/pairs.csv").string()),
                                 ag::read_groups(test_paths::data("paper/groups.json").string()), policy);
}
}  // namespace

TEST_CASE("the cohort sigmas match the reconstruction in the reference notes") {
  const auto r = study({});
  CHECK(r.cohort_sigma[0] == doctest::Approx(16.122).epsilon(1e-4));
  CHECK(r.cohort_sigma[1] == doctest::Approx(18.431).epsilon(1e-4));
  CHECK(r.cohort_sigma[2] == doctest::Approx(20.462).epsilon(1e-4));
  for (const auto& p : r.pairs) {
    if (p.model != "UniReason-Qwen3-14B (RL)") continue;
    CHECK(p.groups[0].index == doctest::Approx(1.2365).epsilon(1e-4));  // DI_math
    CHECK(p.groups[1].index == doctest::Approx(1.0139).epsilon(1e-4));  // DI_other
    CHECK(p.groups[2].index == doctest::Approx(0.6471).epsilon(1e-4));  // DI_non
  }
}

TEST_CASE("v2 with cohort sigma reproduces Table 1 within the rounding of the printed scores") {
  const auto table1 = read_table1();
  REQUIRE(table1.size() == 3);
  // Every printed index lies in the rounding band: the range of the index when each of the
  // table's scores (the pair's own 24, and through the cohort sigma every pair's) moves within
  // its +-0.05 rounding interval. UniReason no-think SFT has a small math index (DI_math =
  // 0.278), so its band is wide (TI_other 164.8 in [159.3, 170.7], TI_non -279.6 in [-288.5,
  // -271.1]) and its printed 165.4 / -278.9 are 0.6 and 0.7 from the recomputed values: the
  // study most likely computed them from unrounded scores. The other two rows also stay within
  // +-0.5 of the recomputed values.
  const std::string wide_band = "UniReason-Qwen3-14B-no-think (SFT)";
  for (auto sigma_std : {ag::std_kind::population, ag::std_kind::sample}) {
    ag::transfer_policy policy;
    policy.formula = ag::ti_formula::v2;
    policy.sigma = ag::sigma_mode::cohort;
    policy.deviation = sigma_std;  // every group's sigma scales alike: TI does not change
    policy.score_rounding = 0.1;   // the scores are printed with one decimal
    const auto r = study(policy);
    std::size_t checked = 0;
    for (const auto& p : r.pairs) {
      auto it = table1.find(p.model);
      if (it == table1.end()) continue;
      CAPTURE(p.model);
      const auto& other = p.groups[1];
      const auto& non = p.groups[2];
      REQUIRE(other.ti_band.available());
      REQUIRE(non.ti_band.available());
      CHECK(other.ti_band.low <= it->second.other);
      CHECK(it->second.other <= other.ti_band.high);
      CHECK(non.ti_band.low <= it->second.non);
      CHECK(it->second.non <= non.ti_band.high);
      if (p.model != wide_band) {
        CHECK(std::fabs(other.ti - it->second.other) <= 0.5);
        CHECK(std::fabs(non.ti - it->second.non) <= 0.5);
      }
      ++checked;
    }
    CHECK(checked == 3);
  }
}

TEST_CASE("per-model sigma, as the formula literally reads, does not reproduce Table 1") {
  ag::transfer_policy policy;
  policy.sigma = ag::sigma_mode::per_model;
  const auto table1 = read_table1();
  std::size_t off = 0;
  for (const auto& p : study(policy).pairs) {
    auto it = table1.find(p.model);
    if (it == table1.end()) continue;
    if (std::fabs(p.groups[1].ti - it->second.other) > 0.5 || std::fabs(p.groups[2].ti - it->second.non) > 0.5) ++off;
  }
  CHECK(off > 0);
}

TEST_CASE("v1 on the study's scores: undefined where a base scored 0") {
  ag::transfer_policy policy;
  policy.formula = ag::ti_formula::v1;
  for (const auto& p : study(policy).pairs) {
    if (p.base == "Qwen2.5-1.5B-Base" || p.base == "Llama3.1-8B") {
      CHECK(std::isnan(p.groups[1].ti));
      CHECK(p.groups[1].undefined.find("R_base = 0 on aime24") != std::string::npos);
    }
    if (p.model == "UniReason-Qwen3-14B-think (SFT)") {
      // The one v1 number the reference notes found quoted (-41.2) is this one.
      CHECK(p.groups[2].ti == doctest::Approx(-41.2).epsilon(0.002));
    }
  }
}
