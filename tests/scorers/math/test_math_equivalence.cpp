// Equivalence of two answers (no extraction), table-driven from tests/data/math/equivalence.jsonl,
// plus the switches that change the policy.
#include <transferscore/transferscore.hpp>

#include "../../test_paths.hpp"

#include <doctest/doctest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace ts = transferscore;
namespace m = transferscore::math;

namespace {

using test_paths::text;
std::vector<ts::json> load(const std::string& name) { return test_paths::read_jsonl(test_paths::data(name)); }


m::match compare(const std::string& gold, const std::string& answer, const m::options& o = {}) {
  return m::compare_answers(gold, answer, o);
}

}  // namespace

TEST_CASE("every equivalence fixture holds, in every category") {
  const auto rows = load("math/equivalence.jsonl");
  REQUIRE(rows.size() >= 300);
  std::map<std::string, int> per_category;
  int negatives = 0;
  for (const auto& row : rows) {
    const std::string gold = text(row, "gold"), answer = text(row, "answer");
    const bool expected = *row.find("equal")->as_bool();
    INFO(text(row, "id") << " [" << text(row, "category") << "] gold: " << gold << "  answer: " << answer << "  "
                         << text(row, "note"));
    const m::match got = compare(gold, answer);
    CHECK(got != m::match::over_budget);
    CHECK((got == m::match::equal) == expected);
    ++per_category[text(row, "category")];
    if (!expected) ++negatives;
  }
  CHECK(per_category.size() >= 20);
  CHECK(negatives * 4 >= static_cast<int>(rows.size()));  // a healthy share of tricky negatives
}

TEST_CASE("percent: both readings by default, one reading on request") {
  m::options o;
  CHECK(compare("25\\%", "25", o) == m::match::equal);
  CHECK(compare("25\\%", "0.25", o) == m::match::equal);
  o.percent = m::percent_policy::fraction;
  CHECK(compare("25\\%", "25", o) == m::match::different);
  CHECK(compare("25\\%", "0.25", o) == m::match::equal);
  o.percent = m::percent_policy::strip;
  CHECK(compare("25\\%", "25", o) == m::match::equal);
  CHECK(compare("25\\%", "0.25", o) == m::match::different);
}

TEST_CASE("relations and intervals: symmetric by default, Math-Verify's asymmetry on request") {
  m::options o;
  CHECK(compare("x < 3", "(-\\infty, 3)", o) == m::match::equal);
  CHECK(compare("(-\\infty, 3)", "x < 3", o) == m::match::equal);
  o.relation_set_symmetric = false;
  CHECK(compare("x < 3", "(-\\infty, 3)", o) == m::match::equal);
  CHECK(compare("(-\\infty, 3)", "x < 3", o) == m::match::different);
}

TEST_CASE("variables are case-sensitive unless case folding is asked for") {
  m::options o;
  CHECK(compare("2R", "2r", o) == m::match::different);
  o.case_fold_variables = true;
  CHECK(compare("2R", "2r", o) == m::match::equal);
  CHECK(compare("x + Y", "y + X", o) == m::match::equal);
}

TEST_CASE("the relative tolerance is a setting, and zero means exact") {
  m::options o;
  CHECK(compare("\\frac{2}{3}", "0.666667", o) == m::match::equal);
  o.relative_tolerance = 0.0;
  CHECK(compare("\\frac{2}{3}", "0.666667", o) == m::match::different);
  CHECK(compare("\\sqrt{2}", "1.414214", o) == m::match::different);
  CHECK(compare("2\\sqrt{2}", "\\sqrt{8}", o) == m::match::equal);  // exact values need no tolerance
  o.relative_tolerance = 1e-3;
  CHECK(compare("\\frac{2}{3}", "0.6667", o) == m::match::equal);
  CHECK(compare("2\\pi", "6.28", o) == m::match::equal);
}

TEST_CASE("the boundary of the tolerance is decided exactly") {
  // 1/3 vs 0.333333: |diff| / (1/3) is exactly 1e-6.
  CHECK(compare("\\frac{1}{3}", "0.333333", {}) == m::match::equal);
  CHECK(compare("\\frac{1}{3}", "0.3333329", {}) == m::match::different);
}

TEST_CASE("parse and compare are usable on their own") {
  const m::parsed_answer gold = m::parse("\\frac{1}{2}");
  const m::parsed_answer answer = m::parse("0.5");
  REQUIRE(gold.ok());
  REQUIRE(answer.ok());
  CHECK(m::compare(gold, answer) == m::match::equal);
  CHECK(m::compare(gold, m::parse("2")) == m::match::different);
  CHECK(m::compare(gold, m::parse("")) == m::match::different);
}
