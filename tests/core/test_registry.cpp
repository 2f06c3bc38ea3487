#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

namespace ts = transferscore;

namespace {
// A user's own scorer: a plain struct, no base class, no registration.
struct length_at_most {
  std::size_t limit;
  [[nodiscard]] ts::score_result score(const ts::record& r) const { return ts::score_result::judged(r.response.size() <= limit); }
  [[nodiscard]] std::string_view name() const { return "length_at_most"; }
};
}  // namespace

static_assert(ts::scorer<length_at_most>);
static_assert(ts::scorer<ts::exact_match::scorer>);
static_assert(ts::scorer<ts::any_scorer<>>);
static_assert(!ts::scorer<int>);

TEST_CASE("a user's scorer plugs into the registry and is found by benchmark name") {
  ts::scorer_registry registry;
  registry.add_family("length", "response length limit", [](const ts::scorer_options& o) -> ts::any_scorer<> {
    return length_at_most{o.get_size("limit", 5)};
  });
  registry.add_benchmark("tweets", "length");
  REQUIRE(registry.family_of("tweets") == std::string_view("length"));
  CHECK_FALSE(registry.family_of("math500").has_value());

  ts::scorer_options options;
  options.settings["limit"] = "3";
  auto s = registry.make("length", options);
  ts::record r;
  r.response = "abc";
  CHECK(s.score(r).correct);
  r.response = "abcd";
  CHECK_FALSE(s.score(r).correct);
  CHECK(s.name() == "length_at_most");
}

TEST_CASE("unknown families and bad settings are configuration errors naming the problem") {
  auto registry = ts::builtin_registry();
  CHECK_THROWS_WITH_AS((void)registry.make("nope", {}), doctest::Contains("unknown scorer family 'nope'"), ts::config_error);
  ts::scorer_options options;
  options.settings["ignore_case"] = "maybe";
  CHECK_THROWS_AS((void)registry.make("exact_match", options), ts::config_error);
}

TEST_CASE("make_scorer turns a lambda into a scorer") {
  auto s = ts::make_scorer<ts::record>("nonempty", [](const ts::record& r) { return ts::score_result::judged(!r.response.empty()); });
  static_assert(ts::scorer<decltype(s)>);
  ts::any_scorer<> erased = s;
  ts::record r;
  r.response = "x";
  CHECK(erased.score(r).correct);
  CHECK(erased.name() == "nonempty");
}

TEST_CASE("statuses have stable names for the output") {
  CHECK(ts::to_string(ts::status::ok) == "ok");
  CHECK(ts::to_string(ts::status::unterminated_trace) == "unterminated_trace");
  CHECK(ts::status_from_string("budget_exceeded") == ts::status::budget_exceeded);
  CHECK_FALSE(ts::status_from_string("wrong").has_value());
}

TEST_CASE("a setting that names one of a few words: its index, the first by default, else an error listing them") {
  ts::scorer_options o;
  CHECK(o.get_choice("qa", "score", {"f1", "em"}) == 0);
  o.settings["score"] = "em";
  CHECK(o.get_choice("qa", "score", {"f1", "em"}) == 1);
  o.settings["score"] = "EM";  // words are exact: a typo must not fall back to the default
  CHECK_THROWS_WITH_AS((void)o.get_choice("qa", "score", {"f1", "em"}), "qa: score must be f1 or em, not 'EM'",
                       ts::config_error);
  o.settings["task"] = "x";
  CHECK_THROWS_WITH_AS((void)o.get_choice("loglik_choice", "task", {"auto", "headqa", "mc_taco"}),
                       "loglik_choice: task must be auto, headqa or mc_taco, not 'x'", ts::config_error);
}

TEST_CASE("the mode is reference or paper, and every family says so the same way") {
  ts::scorer_options o;
  CHECK_FALSE(o.paper_mode("math"));
  o.mode = "paper";
  CHECK(o.paper_mode("math"));
  o.mode = "strict";
  CHECK_THROWS_WITH_AS((void)o.paper_mode("math"), "math: mode must be reference or paper, not 'strict'", ts::config_error);
  const auto registry = ts::builtin_registry();
  for (const auto& family : registry.families()) {
    if (family.name == "exact_match") continue;  // one rule: it has no paper mode
    INFO(family.name);
    CHECK_THROWS_AS((void)registry.make(family.name, o), ts::config_error);
  }
}

TEST_CASE("the registry says how the study handled reasoning traces, per benchmark") {
  ts::scorer_registry registry;
  CHECK(registry.paper_trace("gpqa_diamond") == nullptr);
  registry.set_paper_trace("gpqa_diamond", ts::trace_policy::none());
  REQUIRE(registry.paper_trace("gpqa_diamond") != nullptr);
  CHECK(registry.paper_trace("gpqa_diamond")->describe() == "none");

  // Every benchmark of the study has one in the built-in registry, and each names a family.
  const auto builtin = ts::builtin_registry();
  for (const char* benchmark : {"math500", "aime24", "aime25", "olympiadbench", "gpqa_diamond", "livecodebench", "acpbench",
                                "acpbench_bool", "headqa", "coqa", "ifeval", "halueval", "mc_taco"}) {
    INFO(benchmark);
    REQUIRE(builtin.paper_trace(benchmark) != nullptr);
  }
  CHECK(builtin.paper_trace("ifeval")->describe() == "lm-eval");
  CHECK(builtin.paper_trace("halueval")->describe() == "none");
  CHECK(builtin.paper_trace("mmlu_pro") == nullptr);  // not in the study: the user's policy applies
  for (const auto& t : ts::study_paper_traces) {
    INFO(t.benchmark);
    CHECK((builtin.family_of(t.benchmark).has_value() || t.benchmark == "livecodebench"));
  }
}

TEST_CASE("benchmarks beyond the study that lm-eval names have a family") {
  const auto registry = ts::builtin_registry();
  for (const auto& [benchmark, family] : std::initializer_list<std::pair<const char*, const char*>>{
           {"mmlu_pro", "choice"},
           {"gpqa_main", "choice"},
           {"gpqa_extended", "choice"},
           {"gpqa_diamond_loglik", "loglik_choice"},
           {"mmlu_pro_loglik", "loglik_choice"},
           {"hendrycks_math", "math"},
           {"math_hard", "math"}}) {
    INFO(benchmark);
    REQUIRE(registry.family_of(benchmark).has_value());
    CHECK(*registry.family_of(benchmark) == family);
  }
}
