// Rounding bands (transfer_policy::score_rounding): the range of every index of a score table
// when each published score moves anywhere within its rounding interval.
#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include "../test_paths.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <tuple>
#include <vector>

namespace ts = transferscore;
namespace ag = transferscore::aggregate;

namespace {
ag::score_table table(std::initializer_list<std::tuple<const char*, const char*, double>> rows) {
  ag::score_table t;
  for (auto [m, b, s] : rows) {
    t.scores[{m, b}] = s;
    if (std::find(t.models.begin(), t.models.end(), m) == t.models.end()) t.models.push_back(m);
  }
  return t;
}

// One benchmark per group: source "a" = {a1}, target "b" = {b1}.
ag::group_config one_each() { return {"a", {{"a", {"a1"}}, {"b", {"b1"}}}}; }
const std::vector<ag::model_pair> one_pair = {{"ft", "bs"}};

ag::transfer_policy v1(double step) {
  ag::transfer_policy p;
  p.formula = ag::ti_formula::v1;
  p.score_rounding = step;
  return p;
}

ag::transfer_result study(double step) {
  ag::transfer_policy p;
  p.score_rounding = step;
  return ag::transfer_from_table(ag::read_score_table(test_paths::data("paper/scores.csv").string()),
                                 ag::read_pairs(test_paths::data("paper/pairs.csv").string()),
                                 ag::read_groups(test_paths::data("paper/groups.json").string()), p);
}
}  // namespace

TEST_CASE("v1 with one benchmark per group: the band worked out by hand") {
  // dR_a = 60/50 - 1 = 0.2, dR_b = 55/50 - 1 = 0.1, TI_b = 50. With step 1 every score is
  // known to +-0.5: dR_a in [59.5/50.5 - 1, 60.5/49.5 - 1] = [9/50.5, 11/49.5], dR_b in
  // [4/50.5, 6/49.5]; TI_b is lowest for the smallest dR_b over the largest dR_a.
  const auto t = table({{"ft", "a1", 60}, {"ft", "b1", 55}, {"bs", "a1", 50}, {"bs", "b1", 50}});
  const auto r = ag::transfer_from_table(t, one_pair, one_each(), v1(1.0));
  REQUIRE(r.rounding_bands);
  const auto& g = r.pairs[0].groups;
  CHECK(g[1].ti == doctest::Approx(50.0));
  CHECK(g[0].index_band.low == doctest::Approx(9 / 50.5));
  CHECK(g[0].index_band.high == doctest::Approx(11 / 49.5));
  CHECK(g[1].index_band.low == doctest::Approx(4 / 50.5));
  CHECK(g[1].index_band.high == doctest::Approx(6 / 49.5));
  CHECK(g[1].ti_band.low == doctest::Approx((4 / 50.5) / (11 / 49.5) * 100));  // 35.64
  CHECK(g[1].ti_band.high == doctest::Approx((6 / 49.5) / (9 / 50.5) * 100));  // 68.01
  CHECK(g[1].ti_band.undefined.empty());
  CHECK_FALSE(g[0].ti_band.available());  // the source group has no TI
  // Per benchmark: the gain moves by up to the whole step, the relative gain as the ratio does.
  const auto& b1 = r.pairs[0].gains[1];
  CHECK(b1.gain_band.low == doctest::Approx(4.0));
  CHECK(b1.gain_band.high == doctest::Approx(6.0));
  CHECK(b1.relative_band.low == doctest::Approx(4 / 50.5));
  CHECK(b1.relative_band.high == doctest::Approx(6 / 49.5));
}

TEST_CASE("the band is off by default and changes no value") {
  const auto t = table({{"ft", "a1", 60}, {"ft", "b1", 55}, {"bs", "a1", 50}, {"bs", "b1", 50}});
  const auto off = ag::transfer_from_table(t, one_pair, one_each(), v1(0.0));
  const auto on = ag::transfer_from_table(t, one_pair, one_each(), v1(0.1));
  CHECK_FALSE(off.rounding_bands);
  CHECK_FALSE(off.pairs[0].groups[1].ti_band.available());
  CHECK(on.pairs[0].groups[1].ti == off.pairs[0].groups[1].ti);
  CHECK(ag::report::transfer_csv(off) == "model,base,ti_b\nft,bs,50\n");
  CHECK(ag::report::transfer_json(off).dump().find("\"score_rounding\":null") != std::string::npos);
}

TEST_CASE("v2 with cohort sigma and a shared base: the band is the range over every corner of the box") {
  // Two pairs share the base; 12 distinct scores, so 4096 corners. No DI can reach 0 and no
  // gain can cross its group's cohort mean within the box, so each DI is monotone in every
  // score over it, and the extremes of a function monotone in each input are at corners.
  const auto t = table({{"f1", "a1", 62}, {"f1", "a2", 45}, {"f1", "b1", 62}, {"f1", "b2", 46},
                        {"f2", "a1", 72}, {"f2", "a2", 30}, {"f2", "b1", 44}, {"f2", "b2", 62},
                        {"bs", "a1", 50}, {"bs", "a2", 20}, {"bs", "b1", 50}, {"bs", "b2", 50}});
  const std::vector<ag::model_pair> pairs = {{"f1", "bs"}, {"f2", "bs"}};
  const ag::group_config groups = {"a", {{"a", {"a1", "a2"}}, {"b", {"b1", "b2"}}}};
  ag::transfer_policy p;  // v2, cohort sigma
  p.score_rounding = 2.0;
  const auto r = ag::transfer_from_table(t, pairs, groups, p);
  std::vector<std::pair<std::string, std::string>> keys;
  for (const auto& [key, value] : t.scores) keys.push_back(key);
  REQUIRE(keys.size() == 12);
  p.score_rounding = 0;
  double lo[2] = {1e300, 1e300}, hi[2] = {-1e300, -1e300};
  for (unsigned corner = 0; corner < (1u << keys.size()); ++corner) {
    auto moved = t;
    for (std::size_t i = 0; i < keys.size(); ++i) moved.scores[keys[i]] += (corner >> i & 1u) != 0 ? 1.0 : -1.0;
    const auto c = ag::transfer_from_table(moved, pairs, groups, p);
    for (std::size_t q = 0; q < 2; ++q) {
      lo[q] = std::min(lo[q], c.pairs[q].groups[1].ti);
      hi[q] = std::max(hi[q], c.pairs[q].groups[1].ti);
    }
  }
  for (std::size_t q = 0; q < 2; ++q) {
    CAPTURE(q);
    const auto& gi = r.pairs[q].groups[1];
    CHECK(gi.ti_band.low == doctest::Approx(lo[q]).epsilon(1e-9));
    CHECK(gi.ti_band.high == doctest::Approx(hi[q]).epsilon(1e-9));
    CHECK(gi.ti_band.low < gi.ti);
    CHECK(gi.ti < gi.ti_band.high);
  }
}

TEST_CASE("every band of Table 1 contains its point and shrinks to it with the step") {
  double previous_width = 1e300;
  for (double step : {0.1, 0.01, 1e-4, 1e-7}) {
    CAPTURE(step);
    const auto r = study(step);
    double widest = 0;
    std::size_t bands = 0;
    for (const auto& p : r.pairs) {
      for (const auto& g : p.groups) {
        if (std::isnan(g.index)) continue;
        REQUIRE(g.index_band.available());
        CHECK(g.index_band.low <= g.index);
        CHECK(g.index <= g.index_band.high);
        if (std::isnan(g.ti)) continue;
        REQUIRE(g.ti_band.available());
        CHECK(g.ti_band.low <= g.ti);
        CHECK(g.ti <= g.ti_band.high);
        widest = std::max(widest, (g.ti_band.high - g.ti_band.low) / std::max(1.0, std::fabs(g.ti)));
        ++bands;
      }
    }
    CHECK(bands == 36);  // 18 pairs x 2 target groups
    CHECK(widest < previous_width);
    previous_width = widest;
  }
  // Not linear in the step: Llama3.1-8B-SimpleRL and its base both print 0.0 on AIME, a gain
  // of 0 where the signed square root is steep, so its DI_math band shrinks as sqrt(step).
  CHECK(previous_width < 1e-3);
}

TEST_CASE("a source index whose band reaches 0 leaves TI without a band, with the reason") {
  // dR_a = 50.2/50 - 1 = 0.004, but within +-0.5 the fine-tuned model can score below its base.
  const auto t = table({{"ft", "a1", 50.2}, {"ft", "b1", 55}, {"bs", "a1", 50}, {"bs", "b1", 50}});
  const auto r = ag::transfer_from_table(t, one_pair, one_each(), v1(1.0));
  const auto& g = r.pairs[0].groups;
  CHECK(g[1].ti == doctest::Approx(0.1 / 0.004 * 100));
  CHECK(g[0].index_band.low < 0);
  CHECK_FALSE(g[1].ti_band.available());
  CHECK(g[1].ti_band.undefined.find("dR_a can reach") == 0);
  CHECK(g[1].ti_band.undefined.find("TI is unbounded") != std::string::npos);
  CHECK(ag::report::transfer_json(r).dump().find("\"rounding_band\":{\"relative_gain\":[") != std::string::npos);
  CHECK(ag::report::transfer_markdown(r).find("no rounding band: dR_a can reach") != std::string::npos);
  // A score printed as 0.3 with step 1 can be 0: a relative gain over it has no band.
  const auto low = table({{"ft", "a1", 60}, {"ft", "b1", 2}, {"bs", "a1", 50}, {"bs", "b1", 0.3}});
  const auto s = ag::transfer_from_table(low, one_pair, one_each(), v1(1.0));
  CHECK(s.pairs[0].gains[1].relative_band.undefined == "the base score can reach 0 within the rounding box");
  CHECK_FALSE(s.pairs[0].groups[1].index_band.available());
  CHECK_FALSE(s.pairs[0].groups[1].ti_band.available());
  CHECK_FALSE(s.pairs[0].groups[1].ti_band.undefined.empty());
}

TEST_CASE("verdict input and bad steps are rejected") {
  ag::accumulator_set set;
  ag::transfer_policy p;
  p.score_rounding = 0.1;
  CHECK_THROWS_AS((void)ag::transfer_from_verdicts(set, one_pair, one_each(), p), ts::config_error);
  const auto t = table({{"ft", "a1", 60}, {"ft", "b1", 55}, {"bs", "a1", 50}, {"bs", "b1", 50}});
  for (double bad : {-0.1, std::nan(""), HUGE_VAL}) {
    p.score_rounding = bad;
    CHECK_THROWS_AS((void)ag::transfer_from_table(t, one_pair, one_each(), p), ts::config_error);
  }
}

TEST_CASE("every report labels the band as a rounding band, not an interval") {
  const auto t = table({{"ft", "a1", 60}, {"ft", "b1", 55}, {"bs", "a1", 50}, {"bs", "b1", 50}});
  const auto r = ag::transfer_from_table(t, one_pair, one_each(), v1(1.0));
  const std::string json = ag::report::transfer_json(r).dump();
  CHECK(json.find("\"score_rounding\":1") != std::string::npos);
  CHECK(json.find("\"rounding_band\":{\"available\":true,\"step\":1,\"half_width\":0.5,\"method\":\"rounding band: every score") !=
        std::string::npos);
  CHECK(json.find("\"intervals\":{\"available\":false") != std::string::npos);
  CHECK(json.find("\"rounding_band\":{\"relative_gain\":[0.178") != std::string::npos);
  CHECK(json.find("\"ti\":[35.64") != std::string::npos);
  const std::string md = ag::report::transfer_markdown(r);
  CHECK(md.find("| +50.0 [35.6, 68.0] |") != std::string::npos);
  CHECK(md.find("Brackets after a TI give its rounding band") != std::string::npos);
  CHECK(md.find("not a confidence interval") != std::string::npos);
  const std::string csv = ag::report::transfer_csv(r);
  CHECK(csv.rfind("model,base,ti_b,ti_b_rounding_low,ti_b_rounding_high\nft,bs,50,35.64", 0) == 0);
  const std::string scatter = ag::report::transfer_scatter_svg(r);
  CHECK(scatter.find("whiskers: rounding band") != std::string::npos);
  CHECK(scatter.find("rounding band (scores ±0.5)") != std::string::npos);
  CHECK(scatter.find("% interval") == std::string::npos);
  const std::string bars = ag::report::gain_bars_svg(r, r.pairs[0]);
  CHECK(bars.find("TI_b = +50.0% [35.6, 68.0]") != std::string::npos);
  CHECK(bars.find("rounding bands, every score within ±0.5 (not confidence intervals)") != std::string::npos);
}
