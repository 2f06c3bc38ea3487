// Finding the answer in a full response, table-driven from tests/data/math/extraction.jsonl.
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
}  // namespace

TEST_CASE("every extraction fixture finds the expected answer by the expected route") {
  const auto rows = load("math/extraction.jsonl");
  REQUIRE(rows.size() >= 50);
  for (const auto& row : rows) {
    const std::string response = text(row, "response");
    std::size_t items = 1;
    if (const auto* k = row.find("gold_items")) items = static_cast<std::size_t>(*k->as_int());
    INFO(text(row, "id") << ": " << response << "  " << text(row, "note"));
    const m::extraction got = m::extract(response, {}, items);
    CHECK(std::string(m::to_string(got.source)) == text(row, "source"));
    if (row.find("answer")->is_null()) {
      CHECK_FALSE(got.found());
    } else {
      CHECK(got.answer == text(row, "answer"));
    }
  }
}

TEST_CASE("box policy: last, gold_count, all") {
  const std::string response = "First part: \\boxed{2}. Then much later, after a long derivation, the second part is \\boxed{5}";
  m::options o;
  o.boxes = m::box_policy::last;
  CHECK(m::extract(response, o, 2).answer == "5");
  o.boxes = m::box_policy::gold_count;
  CHECK(m::extract(response, o, 1).answer == "5");
  CHECK(m::extract(response, o, 2).answer == "2, 5");
  CHECK(m::extract(response, o, 3).answer == "5");  // fewer boxes than the gold has items
  o.boxes = m::box_policy::all;
  CHECK(m::extract(response, o, 1).answer == "2, 5");
  o.boxes = m::box_policy::last;
  CHECK(m::extract("$x = \\boxed{-1}$ or $x = \\boxed{3}$", o).answer == "3");  // no hedge grouping
}

TEST_CASE("the last-number fallback can be switched off") {
  m::options o;
  CHECK(m::extract("so we get 12 apples", o).answer == "12");
  o.last_number_fallback = false;
  CHECK_FALSE(m::extract("so we get 12 apples", o).found());
  CHECK(m::extract("so the answer is 12", o).answer == "12");  // cues still work
}

TEST_CASE("an unterminated last box is reported, and is no answer") {
  const m::extraction got = m::extract("so \\boxed{5} ... actually \\boxed{6");
  CHECK_FALSE(got.found());
  CHECK(got.unterminated_box);
}

TEST_CASE("extraction reads from the end: a cue early in a long response does not hide a later box") {
  std::string response = "The answer is 3.\n";
  for (int i = 0; i < 2000; ++i) response += "We keep reasoning about the problem. ";
  response += "\\boxed{4}";
  CHECK(m::extract(response).answer == "4");
}

TEST_CASE("the fast backward search finds what string_view::rfind finds") {
  const std::string hay = "a\\boxed{1} b \\boxed{2} <think>x</think> y </think>z \\fbox{3}";
  const std::vector<std::string> needles{"\\boxed", "</think>", "\\fbox", "z", "a", "zz", "", "\\boxed{2} <", hay, hay + "!"};
  for (const auto& needle : needles) {
    INFO(needle);
    CHECK(ts::detail::rfind_fast(hay, needle) == std::string_view(hay).rfind(needle));
  }
  std::string big(1 << 20, 'x');
  big.replace(1000, 8, "</think>");
  CHECK(ts::detail::rfind_fast(big, "</think>") == 1000);
  CHECK(ts::detail::rfind_fast(big, "<think>") == std::string_view::npos);
}
