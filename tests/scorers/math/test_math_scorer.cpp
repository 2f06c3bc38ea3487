// The math family as a scorer: realistic full responses, the registry, records, the study's
// sample data in examples/data, and thread safety.
#include <transferscore/transferscore.hpp>

#include "../../test_paths.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace ts = transferscore;
namespace m = transferscore::math;

static_assert(ts::scorer<m::scorer>);

namespace {

using test_paths::text;
std::vector<ts::json> load(const std::filesystem::path& path) { return test_paths::read_jsonl(path); }


ts::record record_of(std::string gold, std::string response) {
  ts::record r;
  r.benchmark = "math500";
  r.response = std::move(response);
  r.reference["answer"] = ts::json(std::move(gold));
  return r;
}

}  // namespace

TEST_CASE("realistic responses get the expected verdict through math::equivalent") {
  const auto rows = load(test_paths::data("math/responses.jsonl"));
  REQUIRE(rows.size() >= 50);
  for (const auto& row : rows) {
    INFO(text(row, "id") << " [" << text(row, "category") << "] gold: " << text(row, "gold") << "  " << text(row, "note")
                         << "\n" << text(row, "response"));
    // Optional columns: the item's question, how the gold was read, the restatement flag.
    const std::string question = row.find("question") != nullptr ? text(row, "question") : std::string();
    const ts::score_result r = m::equivalent(text(row, "gold"), text(row, "response"), {}, ts::trace_policy{}, question);
    CHECK(std::string(ts::to_string(r.status)) == text(row, "status"));
    CHECK(r.correct == *row.find("correct")->as_bool());
    CHECK(r.score == (r.correct ? 1.0 : 0.0));
    const ts::json* gold_source = r.details.is_null() ? nullptr : r.details.find("gold_source");
    if (row.find("gold_source") != nullptr) {
      REQUIRE(gold_source != nullptr);
      CHECK(*gold_source->if_string() == text(row, "gold_source"));
    } else {
      CHECK(gold_source == nullptr);
    }
    const bool restated = !r.details.is_null() && r.details.find("restates_question") != nullptr;
    CHECK(restated == (row.find("restates_question") != nullptr));
  }
}

TEST_CASE("the question is taken from reference.question, reference.problem or a top-level question/problem") {
  const auto s = m::scorer::from_options({});
  const std::string restating = "Factoring, $\\boxed{\\sin^2 18^\\circ (\\sin 18^\\circ + 1)}$.";
  const std::string question = "Compute $\\sin^3 18^\\circ + \\sin^2 18^\\circ.$";
  ts::record r = record_of("\\frac{1}{8}", restating);
  CHECK(s.score(r).correct);  // no question at hand: the value is right
  for (const char* key : {"question", "problem"}) {
    INFO(key);
    ts::record in_reference = r;
    in_reference.reference[key] = ts::json(question);
    const auto verdict = s.score(in_reference);
    CHECK_FALSE(verdict.correct);
    REQUIRE(verdict.details.find("restates_question") != nullptr);
    ts::record top_level = r;
    top_level.extra = ts::json::object();
    top_level.extra[key] = ts::json(question);
    CHECK_FALSE(s.score(top_level).correct);
  }
  ts::record answered = record_of("\\frac{1}{8}", "So the value is $\\boxed{\\frac{1}{8}}$.");
  answered.reference["question"] = ts::json(question);
  CHECK(s.score(answered).correct);
}

TEST_CASE("the registry maps the study's math benchmarks to the family") {
  const auto registry = ts::builtin_registry();
  CHECK(registry.has_family("math"));
  for (const char* b : {"math500", "aime24", "aime25", "olympiadbench"}) CHECK(registry.family_of(b) == std::optional<std::string_view>("math"));
  ts::scorer_options o;
  o.benchmark = "math500";
  const auto s = registry.make("math", o);
  CHECK(s.name() == "math");
  const auto r = s.score(record_of("\\frac{1}{2}", "so $\\boxed{0.5}$"));
  CHECK(r.correct);
  CHECK(r.extracted == "0.5");
  REQUIRE(r.details.find("source") != nullptr);
  CHECK(*r.details.find("source")->if_string() == "boxed");
}

TEST_CASE("bad settings are configuration errors") {
  ts::scorer_options o;
  o.settings["percent"] = "sometimes";
  CHECK_THROWS_AS((void)m::scorer::from_options(o), ts::config_error);
  o.settings = {{"boxes", "first"}};
  CHECK_THROWS_AS((void)m::scorer::from_options(o), ts::config_error);
  o.settings = {{"relative_tolerance", "-1"}};
  CHECK_THROWS_AS((void)m::scorer::from_options(o), ts::config_error);
  o.settings = {{"max_steps", "lots"}};
  CHECK_THROWS_AS((void)m::scorer::from_options(o), ts::config_error);
  o.settings = {{"paper_grader", "sympy"}};
  CHECK_THROWS_AS((void)m::scorer::from_options(o), ts::config_error);
  o.settings = {{"percent", "fraction"}, {"case_fold_variables", "true"}, {"relative_tolerance", "1e-4"}, {"boxes", "last"}};
  const auto s = m::scorer::from_options(o);
  CHECK(s.settings().percent == m::percent_policy::fraction);
  CHECK(s.settings().case_fold_variables);
  CHECK(s.settings().relative_tolerance == doctest::Approx(1e-4));
  CHECK(s.settings().boxes == m::box_policy::last);
}

TEST_CASE("gold shapes: string, number, list, alternatives; missing gold is a malformed record") {
  const auto s = m::scorer::from_options({});
  ts::record r = record_of("x", "\\boxed{204}");
  r.reference = ts::json::object();
  r.reference["answer"] = ts::json(204);
  CHECK(s.score(r).correct);
  r.reference["answer"] = ts::json(204.0);
  CHECK(s.score(r).correct);
  r.reference["answer"] = ts::json::array({"2", "3"});
  r.response = "\\boxed{3, 2}";
  CHECK(s.score(r).correct);
  r.reference = ts::json::object();
  r.reference["answers"] = ts::json::array({"\\frac{1}{2}", "0.5"});
  r.response = "\\boxed{1/2}";
  CHECK(s.score(r).correct);
  r.reference = ts::json::object();
  const auto missing = s.score(r);
  CHECK(missing.status == ts::status::malformed_record);
  CHECK(missing.field == "reference");
  r.reference["answer"] = ts::json(true);
  CHECK(s.score(r).status == ts::status::malformed_record);
  r.reference["answer"] = ts::json("");
  CHECK(s.score(r).status == ts::status::malformed_record);
}

TEST_CASE("the study's sample data gets its designed verdicts in both modes") {
  const auto registry = ts::builtin_registry();
  struct expectation {
    const char* model;
    int reference;
    int paper;
  };
  for (const expectation e : {expectation{"qwen3-14b-base", 12, 9}, expectation{"qwen3-14b-rl", 21, 20}}) {
    const auto path = test_paths::source(std::string("examples/data/generations/math500.") + e.model + ".jsonl");
    const auto rows = load(path);
    REQUIRE(rows.size() == 26);
    for (const char* mode : {"reference", "paper"}) {
      ts::scorer_options o;
      o.mode = mode;
      o.benchmark = "math500";
      const auto s = registry.make("math", o);
      int correct = 0;
      for (const auto& row : rows) {
        ts::record r;
        r.response = text(row, "response");
        r.reference = *row.find("reference");
        const ts::trace_outcome t = ts::apply_trace_policy(ts::trace_policy{}, r.response);
        if (t.unterminated) continue;
        r.response = std::string(t.answer);
        correct += s.score(r).correct ? 1 : 0;
      }
      INFO(e.model << " " << mode);
      CHECK(correct == (std::string(mode) == "paper" ? e.paper : e.reference));
    }
  }
}

TEST_CASE("one scorer is shared by many threads with the same verdicts") {
  const auto rows = load(test_paths::data("math/responses.jsonl"));
  const auto s = m::scorer::from_options({});
  std::vector<ts::record> records;
  for (const auto& row : rows) {
    ts::record r = record_of(text(row, "gold"), text(row, "response"));
    const ts::trace_outcome t = ts::apply_trace_policy(ts::trace_policy{}, r.response);
    r.response = std::string(t.answer);
    records.push_back(std::move(r));
  }
  std::vector<int> first(records.size());
  for (std::size_t k = 0; k < records.size(); ++k) first[k] = s.score(records[k]).correct ? 1 : 0;
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round) {
        for (std::size_t k = 0; k < records.size(); ++k) {
          if ((s.score(records[k]).correct ? 1 : 0) != first[k]) ++mismatches[static_cast<std::size_t>(t)];
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int c : mismatches) CHECK(c == 0);
}
