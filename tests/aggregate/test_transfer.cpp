#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <string>

namespace ts = transferscore;
namespace ag = transferscore::aggregate;

namespace {
// Source group "a" = {a1, a2}, target group "b" = {b1, b2}.
ag::group_config two_groups() { return {"a", {{"a", {"a1", "a2"}}, {"b", {"b1", "b2"}}}}; }

ag::score_table table(std::initializer_list<std::tuple<const char*, const char*, double>> rows) {
  ag::score_table t;
  for (auto [m, b, s] : rows) {
    t.scores[{m, b}] = s;
    if (std::find(t.models.begin(), t.models.end(), m) == t.models.end()) t.models.push_back(m);
  }
  return t;
}

const ag::score_table hand = table({{"ft", "a1", 60}, {"ft", "a2", 40}, {"ft", "b1", 55}, {"ft", "b2", 50},
                                    {"bs", "a1", 50}, {"bs", "a2", 20}, {"bs", "b1", 50}, {"bs", "b2", 50}});
const std::vector<ag::model_pair> one_pair = {{"ft", "bs"}};
}  // namespace

TEST_CASE("v1: the mean relative gain of a group over the source group's") {
  ag::transfer_policy p;
  p.formula = ag::ti_formula::v1;
  const auto r = ag::transfer_from_table(hand, one_pair, two_groups(), p);
  REQUIRE(r.pairs.size() == 1);
  const auto& g = r.pairs[0].groups;
  CHECK(g[0].index == doctest::Approx((10.0 / 50 + 20.0 / 20) / 2));  // dR_a = 0.6
  CHECK(g[1].index == doctest::Approx((5.0 / 50 + 0.0) / 2));         // dR_b = 0.05
  CHECK(g[1].ti == doctest::Approx(0.05 / 0.6 * 100));
  CHECK(std::isnan(g[0].ti));  // the source has no TI of its own
  CHECK_FALSE(r.intervals);
  CHECK(r.intervals_note.find("none") == 0);
}

TEST_CASE("v2 with per-model sigma, by hand") {
  ag::transfer_policy p;
  p.sigma = ag::sigma_mode::per_model;
  const auto r = ag::transfer_from_table(hand, one_pair, two_groups(), p);
  const auto& g = r.pairs[0].groups;
  // a: gains 10, 20 -> population sigma 5 -> z = 2, 4; weights 50, 80 (of 130).
  const double di_a = (50 * std::sqrt(2.0) + 80 * 2.0) / 130;
  // b: gains 5, 0 -> sigma 2.5 -> z = 2, 0; weights 50, 50.
  const double di_b = 0.5 * std::sqrt(2.0);
  CHECK(g[0].sigma == doctest::Approx(5.0));
  CHECK(g[0].index == doctest::Approx(di_a));
  CHECK(g[1].index == doctest::Approx(di_b));
  CHECK(g[1].ti == doctest::Approx(di_b / di_a * 100));
  // The sample standard deviation scales every sigma by sqrt(2): both DI shrink by 2^(1/4).
  p.deviation = ag::std_kind::sample;
  const auto s = ag::transfer_from_table(hand, one_pair, two_groups(), p);
  CHECK(s.pairs[0].groups[0].sigma == doctest::Approx(5.0 * std::sqrt(2.0)));
  CHECK(s.pairs[0].groups[0].index == doctest::Approx(di_a / std::pow(2.0, 0.25)));
}

TEST_CASE("v2 with cohort sigma pools the gains of every pair") {
  auto t = hand;
  for (auto [b, s] : {std::pair{"a1", 70.0}, {"a2", 20.0}, {"b1", 40.0}, {"b2", 50.0}}) t.scores[{"ft2", b}] = s;
  const std::vector<ag::model_pair> pairs = {{"ft", "bs"}, {"ft2", "bs"}};
  ag::transfer_policy p;
  const auto r = ag::transfer_from_table(t, pairs, two_groups(), p);
  // group a gains: 10, 20, 20, 0 -> population sigma sqrt(68.75); group b: 5, 0, -10, 0.
  const std::vector<double> ga = {10, 20, 20, 0}, gb = {5, 0, -10, 0};
  CHECK(r.cohort_sigma[0] == doctest::Approx(ag::standard_deviation(ga, ag::std_kind::population)));
  CHECK(r.cohort_sigma[1] == doctest::Approx(ag::standard_deviation(gb, ag::std_kind::population)));
  CHECK(r.pairs[0].groups[0].sigma == r.cohort_sigma[0]);
  const double sa = r.cohort_sigma[0], sb = r.cohort_sigma[1];
  const double di_a = (50 * std::sqrt(10 / sa) + 80 * std::sqrt(20 / sa)) / 130;
  const double di_b = 0.5 * std::sqrt(5 / sb);
  CHECK(r.pairs[0].groups[1].ti == doctest::Approx(di_b / di_a * 100));
}

TEST_CASE("undefined indices carry their reason and no number") {
  ag::transfer_policy p;
  p.sigma = ag::sigma_mode::per_model;
  auto flat = hand;
  flat.scores[{"ft", "b1"}] = 50;  // gains in b: 0, 0
  auto r = ag::transfer_from_table(flat, one_pair, two_groups(), p);
  CHECK(std::isnan(r.pairs[0].groups[1].ti));
  CHECK(r.pairs[0].groups[1].undefined == "sigma_b = 0 (all gains equal)");

  auto worse = hand;
  worse.scores[{"ft", "a1"}] = 40;
  worse.scores[{"ft", "a2"}] = 15;  // the source group got worse
  r = ag::transfer_from_table(worse, one_pair, two_groups(), p);
  CHECK(std::isnan(r.pairs[0].groups[1].ti));
  CHECK(r.pairs[0].groups[1].undefined.find("source-group gain <= 0 (DI_a = -") == 0);

  auto zero = hand;
  zero.scores[{"bs", "a2"}] = 0;
  p.formula = ag::ti_formula::v1;
  r = ag::transfer_from_table(zero, one_pair, two_groups(), p);
  CHECK(r.pairs[0].groups[0].undefined == "R_base = 0 on a2 (v1 divides by the base score)");
  CHECK(r.pairs[0].groups[1].undefined.find("source group a: R_base = 0") == 0);

  auto missing = hand;
  missing.scores.erase({"ft", "b2"});
  r = ag::transfer_from_table(missing, one_pair, two_groups(), p);
  CHECK(r.pairs[0].groups[1].undefined == "no score for ft on b2");
}

TEST_CASE("groups files keep their order and are checked") {
  const auto g = ag::parse_groups(R"({"source":"s","groups":{"s":["x"],"t2":["z"],"t1":["y"]}})", "g.json");
  REQUIRE(g.groups.size() == 3);
  CHECK(g.groups[1].name == "t2");
  CHECK(g.targets() == std::vector<std::size_t>{1, 2});
  CHECK_THROWS_AS((void)ag::parse_groups(R"({"source":"q","groups":{"s":["x"]}})", "g.json"), ts::config_error);
  CHECK_THROWS_AS((void)ag::parse_groups(R"({"source":"s","groups":{"s":["x"],"t":["x"]}})", "g.json"), ts::config_error);
  CHECK_THROWS_AS((void)ag::parse_groups("{", "g.json"), ts::config_error);
  CHECK(ag::default_groups().source == "math");
  CHECK(ag::default_groups().groups[2].benchmarks[1] == "ifeval");
}

namespace {
// Verdicts whose per-benchmark accuracy is exactly `percent` of `items` items.
void add_benchmark(ag::accumulator_set& set, const std::string& model, const std::string& bench, int items, int correct) {
  for (int i = 0; i < items; ++i) {
    ts::verdict v;
    v.id = ts::json(i);
    v.model = model;
    v.benchmark = bench;
    v.result = ts::score_result::judged(i < correct, i < correct ? "right" : "wrong");
    set.add(v);
  }
}
}  // namespace

TEST_CASE("from verdicts: the same indices as from the score table, with paired intervals") {
  ag::accumulator_set set;
  for (auto [m, b, s] : {std::tuple{"ft", "a1", 60}, {"ft", "a2", 40}, {"ft", "b1", 55}, {"ft", "b2", 50},
                         {"bs", "a1", 50}, {"bs", "a2", 20}, {"bs", "b1", 50}, {"bs", "b2", 50}}) {
    add_benchmark(set, m, b, 100, s);
  }
  ag::transfer_policy p;
  p.sigma = ag::sigma_mode::per_model;
  p.scoring.bootstrap.replicates = 300;
  p.scoring.bootstrap.seed = 3;
  const auto v = ag::transfer_from_verdicts(set, one_pair, two_groups(), p);
  const auto t = ag::transfer_from_table(hand, one_pair, two_groups(), p);
  REQUIRE(v.pairs.size() == 1);
  CHECK(v.input == "verdicts");
  CHECK(v.intervals);
  CHECK(v.pairs[0].groups[1].ti == doctest::Approx(t.pairs[0].groups[1].ti));
  const auto& ti = v.pairs[0].groups[1];
  CHECK(ti.ti_ci.available());
  CHECK(ti.ti_ci.low < ti.ti);
  CHECK(ti.ti_ci.high > ti.ti);
  const auto& a1 = v.pairs[0].gains[0];
  CHECK(a1.model == doctest::Approx(60));
  CHECK(a1.gain == doctest::Approx(10));
  CHECK(a1.shared_items == 100);
  CHECK(a1.gain_ci.low < 10);
  CHECK(a1.gain_ci.high > 10);
  CHECK(a1.mcnemar.applicable);
  CHECK(a1.mcnemar.model_only == 10);  // items 50..59
  CHECK(a1.mcnemar.base_only == 0);
  // The same seed reproduces the interval exactly; the thread count does not matter.
  p.scoring.bootstrap.threads = 3;
  const auto again = ag::transfer_from_verdicts(set, one_pair, two_groups(), p);
  CHECK(again.pairs[0].groups[1].ti_ci.low == ti.ti_ci.low);
  CHECK(again.pairs[0].groups[1].ti_ci.high == ti.ti_ci.high);
}

TEST_CASE("from verdicts: a model without verdicts on a benchmark gives an undefined index") {
  ag::accumulator_set set;
  add_benchmark(set, "ft", "a1", 10, 5);
  add_benchmark(set, "bs", "a1", 10, 3);
  ag::transfer_policy p;
  p.scoring.bootstrap.replicates = 0;
  const auto r = ag::transfer_from_verdicts(set, one_pair, two_groups(), p);
  CHECK(r.pairs[0].groups[0].undefined == "no verdicts of ft on a2");
  CHECK_FALSE(r.intervals);
}

TEST_CASE("from verdicts: any metric can be the score, and an unknown one is undefined") {
  ag::accumulator_set set;
  for (auto [m, b, s] : {std::tuple{"ft", "a1", 60}, {"ft", "a2", 40}, {"ft", "b1", 55}, {"ft", "b2", 50},
                         {"bs", "a1", 50}, {"bs", "a2", 20}, {"bs", "b1", 50}, {"bs", "b2", 50}}) {
    add_benchmark(set, m, b, 20, s / 5);
  }
  ag::transfer_policy p;
  p.scoring.bootstrap.replicates = 0;
  const auto by_score = ag::transfer_from_verdicts(set, one_pair, two_groups(), p);
  p.metric = "pass@1";
  const auto by_pass = ag::transfer_from_verdicts(set, one_pair, two_groups(), p);
  CHECK(by_pass.pairs[0].groups[1].ti == doctest::Approx(by_score.pairs[0].groups[1].ti));
  p.metric = "pass@2";  // one sample per item
  const auto too_few = ag::transfer_from_verdicts(set, one_pair, two_groups(), p);
  CHECK(too_few.pairs[0].groups[0].undefined == "pass@2 of ft on a1: needs 2 samples per item; 20 item(s) have fewer (min 1)");
  p.metric = "f1";
  CHECK(ag::transfer_from_verdicts(set, one_pair, two_groups(), p).pairs[0].groups[1].undefined ==
        "f1 of ft on b1: no such metric");
}
