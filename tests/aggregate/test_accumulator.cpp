#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <string>

namespace ts = transferscore;
namespace ag = transferscore::aggregate;

namespace {

struct binary_sample {  // a user's own type: integer id, bool score
  int id;
  bool score;
};

struct partial_sample {  // string id, float score, explicit status
  std::string id;
  float score;
  bool correct;
  ts::status status;
  std::string extracted;
};

ts::verdict make_verdict(ts::json id, double score, bool correct, ts::status st = ts::status::ok, std::string extracted = {}) {
  ts::verdict v;
  v.id = std::move(id);
  v.model = "m";
  v.benchmark = "b";
  v.scorer = "test";
  v.result.score = score;
  v.result.correct = correct;
  v.result.status = st;
  v.result.extracted = std::move(extracted);
  return v;
}

ag::aggregate_policy no_bootstrap() {
  ag::aggregate_policy p;
  p.bootstrap.replicates = 0;
  return p;
}

const ag::named_estimate* find(const std::vector<ag::named_estimate>& v, const std::string& name) {
  for (const auto& e : v) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("any type with an id and an arithmetic score can be accumulated") {
  ag::accumulator_set set;
  set.add("m", "b", binary_sample{1, true});
  set.add("m", "b", binary_sample{1, false});
  set.add("m", "b", binary_sample{2, true});
  set.add("m", "b", binary_sample{2, true});
  static_assert(ag::scored_sample<binary_sample>);
  static_assert(ag::scored_sample<partial_sample>);
  static_assert(ag::scored_sample<ts::verdict>);
  const auto s = ag::summarize(set, no_bootstrap());
  REQUIRE(s.size() == 1);
  CHECK(s[0].items == 2);
  CHECK(s[0].samples == 4);
  CHECK(s[0].score.value == doctest::Approx(0.75));
  CHECK(s[0].uniform_k() == 2u);
  // per-item means 0.5 and 1.0: sample std 0.3536 / sqrt(2)
  CHECK(s[0].score.se == doctest::Approx(0.25));
  CHECK(find(s[0].pass_at_k, "pass@1")->value.value == doctest::Approx(0.75));
}

TEST_CASE("partial scores average per item, then over items (macro) or over samples (micro)") {
  ag::accumulator_set set;
  set.add("m", "b", partial_sample{"a", 0.5f, false, ts::status::ok, "x"});
  set.add("m", "b", partial_sample{"b", 1.0f, true, ts::status::ok, "y"});
  set.add("m", "b", partial_sample{"b", 0.0f, false, ts::status::ok, "z"});
  set.add("m", "b", partial_sample{"b", 0.0f, false, ts::status::ok, "z"});
  auto p = no_bootstrap();
  CHECK(ag::summarize(set, p)[0].score.value == doctest::Approx((0.5 + 1.0 / 3.0) / 2.0));
  p.average = ag::averaging::micro;
  CHECK(ag::summarize(set, p)[0].score.value == doctest::Approx(1.5 / 4.0));
  CHECK_FALSE(ag::summarize(set, p)[0].uniform_k().has_value());
}

TEST_CASE("non-ok verdicts score 0 by default, are counted by status, and can be excluded") {
  ag::accumulator_set set;
  set.add(make_verdict(1, 1.0, true));
  set.add(make_verdict(2, 0.0, false, ts::status::no_answer));
  set.add(make_verdict(3, 0.0, false, ts::status::runtime_error));
  set.add(make_verdict(4, 1.0, true, ts::status::budget_exceeded));  // a non-ok verdict never scores
  auto p = no_bootstrap();
  auto s = ag::summarize(set, p)[0];
  CHECK(s.items == 4);
  CHECK(s.score.value == doctest::Approx(0.25));
  CHECK(s.statuses[static_cast<std::size_t>(ts::status::ok)] == 1);
  CHECK(s.statuses[static_cast<std::size_t>(ts::status::no_answer)] == 1);
  CHECK(s.statuses[static_cast<std::size_t>(ts::status::budget_exceeded)] == 1);
  CHECK(s.errors() == 1);
  p.non_ok = ag::status_policy::exclude;
  s = ag::summarize(set, p)[0];
  CHECK(s.score.value == doctest::Approx(1.0));
  CHECK(s.score.items == 1);
  CHECK(s.errors() == 1);  // still reported
}

TEST_CASE("pass@k and maj@k need k samples on every item") {
  ag::accumulator_set set;
  for (int s = 0; s < 4; ++s) set.add(make_verdict("q1", s == 0 ? 1.0 : 0.0, s == 0, ts::status::ok, s == 0 ? "42" : "41"));
  for (int s = 0; s < 2; ++s) set.add(make_verdict("q2", 1.0, true, ts::status::ok, "7"));
  auto p = no_bootstrap();
  p.k = {1, 2, 4};
  const auto s = ag::summarize(set, p)[0];
  CHECK(find(s.pass_at_k, "pass@2")->value.value == doctest::Approx((0.5 + 1.0) / 2.0));
  CHECK(find(s.pass_at_k, "pass@4")->value.undefined.find("1 item(s) have fewer") != std::string::npos);
  CHECK(std::isnan(find(s.pass_at_k, "pass@4")->value.value));
  // q1: gold x1 vs "41" x3: only the 3 tied subsets of 6 count, 1/2 each -> 0.25; q2 -> 1
  CHECK(find(s.maj_at_k, "maj@2")->value.value == doctest::Approx((0.25 + 1.0) / 2.0));
  CHECK_FALSE(find(s.maj_at_k, "maj@4")->value.defined());
}

TEST_CASE("no answer is one answer class for maj@k under the zero policy") {
  ag::accumulator_set set;
  set.add(make_verdict("q", 1.0, true, ts::status::ok, "5"));
  set.add(make_verdict("q", 0.0, false, ts::status::no_answer));
  set.add(make_verdict("q", 0.0, false, ts::status::unterminated_trace));
  auto p = no_bootstrap();
  p.k = {3};
  // zero: classes gold x1, no-answer x2 -> the plurality is "no answer".
  CHECK(find(ag::summarize(set, p)[0].maj_at_k, "maj@3")->value.value == 0.0);
  p.non_ok = ag::status_policy::exclude;
  p.k = {1};
  CHECK(find(ag::summarize(set, p)[0].maj_at_k, "maj@1")->value.value == 1.0);
}

TEST_CASE("IFEval's four metrics come from details.instructions") {
  ag::accumulator_set set;
  auto with_instructions = [](ts::json id, std::initializer_list<std::pair<bool, bool>> flags) {
    auto v = make_verdict(std::move(id), 0.0, false);
    v.scorer = "instructions";
    ts::json list = ts::json::array();
    int n = 0;
    bool all = true;
    for (auto [strict, loose] : flags) {
      ts::json i;
      i["id"] = "x:" + std::to_string(n++);
      i["strict"] = strict;
      i["loose"] = loose;
      list.push_back(i);
      all = all && strict;
    }
    v.result.details["instructions"] = list;
    v.result.correct = all;
    v.result.score = all ? 1.0 : 0.0;
    return v;
  };
  set.add(with_instructions("p1", {{true, true}, {false, true}}));
  set.add(with_instructions("p2", {{true, true}, {true, true}, {true, true}}));
  auto v = make_verdict("p3", 0.0, false, ts::status::no_answer);
  v.scorer = "instructions";
  set.add(v);
  const auto s = ag::summarize(set, no_bootstrap())[0];
  CHECK(find(s.metrics, "prompt_level_strict")->value.value == doctest::Approx(1.0 / 3.0));
  CHECK(find(s.metrics, "prompt_level_loose")->value.value == doctest::Approx(2.0 / 3.0));
  // instruction level is a ratio over instructions (4/5), not a mean of per-prompt fractions.
  CHECK(find(s.metrics, "inst_level_strict")->value.value == doctest::Approx(0.8));
  CHECK(find(s.metrics, "inst_level_loose")->value.value == doctest::Approx(1.0));
}

TEST_CASE("QA's EM and F1 come from details") {
  ag::accumulator_set set;
  auto qa = [](ts::json id, double em, double f1) {
    auto v = make_verdict(std::move(id), f1, em > 0);
    v.scorer = "qa";
    v.result.details["em"] = em;
    v.result.details["f1"] = f1;
    return v;
  };
  set.add(qa("t1", 1.0, 1.0));
  set.add(qa("t2", 0.0, 0.5));
  const auto s = ag::summarize(set, no_bootstrap())[0];
  CHECK(find(s.metrics, "em")->value.value == doctest::Approx(0.5));
  CHECK(find(s.metrics, "f1")->value.value == doctest::Approx(0.75));
}

namespace {
struct length_metric {  // a family-specific metric from outside the library
  [[nodiscard]] std::string_view name() const { return "answer_length"; }
  void contribute(const ag::sample_view& s, ag::metric_sink& sink) const {
    sink.add("mean_answer_chars", static_cast<double>(s.extracted.size()));
  }
};
}  // namespace

TEST_CASE("a user's metric_contributor plugs in through the same mechanism") {
  static_assert(ag::metric_contributor<length_metric>);
  ag::contributor_set contributors;
  contributors.add(length_metric{});
  ag::accumulator_set set(contributors);
  set.add(make_verdict(1, 1.0, true, ts::status::ok, "abcd"));
  set.add(make_verdict(2, 1.0, true, ts::status::ok, "ab"));
  const auto s = ag::summarize(set, no_bootstrap())[0];
  CHECK(find(s.metrics, "mean_answer_chars")->value.value == doctest::Approx(3.0));
}

TEST_CASE("summaries are ordered by model, then benchmark, and items by key") {
  ag::accumulator_set set;
  set.add("z", "b", binary_sample{1, true});
  set.add("a", "c", binary_sample{1, true});
  set.add("a", "b", binary_sample{1, true});
  const auto s = ag::summarize(set, no_bootstrap());
  REQUIRE(s.size() == 3);
  CHECK(s[0].model == "a");
  CHECK(s[0].benchmark == "b");
  CHECK(s[1].benchmark == "c");
  CHECK(s[2].model == "z");
}
