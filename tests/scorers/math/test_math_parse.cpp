// The LaTeX/plain-text parser, table-driven from tests/data/math/parse.jsonl: each answer
// with the tree it reads as (expr::describe), or the status when it is not math.
#include <transferscore/transferscore.hpp>

#include "../../test_paths.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

namespace ts = transferscore;
namespace m = transferscore::math;

namespace {

using test_paths::text;
std::vector<ts::json> load(const std::string& name) { return test_paths::read_jsonl(test_paths::data(name)); }


std::string_view status_name(m::parse_status s) {
  switch (s) {
    case m::parse_status::ok: return "ok";
    case m::parse_status::empty: return "empty";
    case m::parse_status::syntax_error: return "syntax_error";
    case m::parse_status::over_budget: return "over_budget";
  }
  return "?";
}

}  // namespace

TEST_CASE("every parse fixture reads as its tree") {
  const auto rows = load("math/parse.jsonl");
  REQUIRE(rows.size() >= 100);
  for (const auto& row : rows) {
    const std::string input = text(row, "input");
    INFO("[" << input << "]");
    const m::parsed_answer p = m::parse(input);
    CHECK(status_name(p.status) == text(row, "status"));
    if (p.ok()) CHECK(p.tree.describe() == text(row, "tree"));
    CHECK(p.is_text == (row.find("text") != nullptr));
  }
}

TEST_CASE("numbers keep exact values: big integers, decimals, e-notation, repeating decimals") {
  const auto big = m::parse("123456789012345678901234567890");
  REQUIRE(big.ok());
  CHECK(big.tree.number(big.tree.root).to_string() == "123456789012345678901234567890");
  const auto dec = m::parse("0.125");
  CHECK(dec.tree.number(dec.tree.root).to_string() == "1/8");
  CHECK((dec.tree.at(dec.tree.root).flags & m::decimal_literal) != 0);
  const auto sci = m::parse("2.5e-3");
  CHECK(sci.tree.number(sci.tree.root).to_string() == "1/400");
  const auto rep = m::parse("0.\\overline{142857}");
  CHECK(rep.tree.number(rep.tree.root).to_string() == "1/7");
}

TEST_CASE("thousands separators are folded only where they cannot separate items") {
  CHECK(m::parse("1,000").tree.describe() == "1000");
  CHECK(m::parse("1, 000").tree.describe() == "list(1, 0)");
  CHECK(m::parse("1,00").tree.describe() == "list(1, 0)");
  CHECK(m::parse("0,500").tree.describe() == "list(0, 500)");  // a leading zero is no thousands group
  CHECK(m::parse("(1,500)").tree.describe() == "(1, 500)");    // inside brackets a comma separates
  CHECK(m::parse("(10\\,000, 2)").tree.describe() == "(10000, 2)");
  CHECK(m::parse("[10{,}000, 20{,}000]").tree.describe() == "[10000, 20000]");
}

TEST_CASE("a word answer is text, a product of letters is math") {
  CHECK(m::parse("no").is_text);
  CHECK(m::parse("odd").is_text);
  CHECK(m::parse("\\text{East}").is_text);
  CHECK_FALSE(m::parse("xy").is_text);
  CHECK_FALSE(m::parse("abc + 1").is_text);
  CHECK(m::parse("答案").is_text);
}
