// A gold is read at least as leniently as a response: a gold that is a worked solution or holds
// its own \boxed{} gives its final answer the way a response does, and the verdict says so.
#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include <string>

namespace ts = transferscore;
namespace m = transferscore::math;

TEST_CASE("a plain gold is used as given") {
  for (const char* gold : {"\\frac{1}{2}", "(3, 250)", "3,\\!250", "\\text{Evelyn}", "x \\in [-2, 7]", "no solution"}) {
    INFO(gold);
    const m::gold_answer g = m::read_gold(gold);
    CHECK(g.source == m::answer_source::none);
    CHECK(g.text == gold);
  }
}

TEST_CASE("a gold with boxes is read like a response: last box, boxes joined by connectives") {
  CHECK(m::read_gold("$\\boxed{1}\\boxed{2}$").text == "1, 2");
  CHECK(m::read_gold("\\boxed{1} papers and \\boxed{2} bins").text == "1, 2");
  CHECK(m::read_gold("\\boxed{1} no no no no no \\boxed{2}").text == "2");
  CHECK(m::read_gold(" So the answer is: \\[ \\boxed{11111111100} \\]").text == "11111111100");
  const m::gold_answer g = m::read_gold("Solving for $x$ yields $x=1/5$, or $\\boxed{20}$ percent.");
  CHECK(g.text == "20");
  CHECK(g.source == m::answer_source::boxed);
}

TEST_CASE("a worked solution without a box gives its final statement") {
  const m::gold_answer cue = m::read_gold(
      "Factoring gives $(x-3)(x+2)=0$ and both roots check out in the original equation. Final Answer: The final answer "
      "is $-2, 3$. I hope it is correct.");
  CHECK(cue.text == "-2, 3");
  CHECK(cue.source == m::answer_source::cue);
  const m::gold_answer math = m::read_gold(
      "The quadratic is less than or equal to zero between its roots, so the solution set is $x \\in [-2,7]$.");
  CHECK(math.text == "x \\in [-2,7]");
  CHECK(math.source == m::answer_source::math);
}

TEST_CASE("the verdict says how the gold was read") {
  const auto v = m::equivalent("Thus the count is $\\boxed{3,\\!250}$.", "There are $\\boxed{3250}$ handshakes.");
  CHECK(v.correct);
  REQUIRE(v.details.find("gold_source") != nullptr);
  CHECK(*v.details.find("gold_source")->if_string() == "boxed");
  CHECK(*v.details.find("gold")->if_string() == "3,\\!250");
  const auto plain = m::equivalent("3250", "There are $\\boxed{3250}$ handshakes.");
  CHECK(plain.details.find("gold_source") == nullptr);
}

TEST_CASE("a gold's label before its value: the value is the answer") {
  for (const auto& [gold, answer] : {std::pair{"S_{MBCN}:S=7:32", "7:32"}, std::pair{"|AB|=1", "1"},
                                     std::pair{"\\frac{NO}{BO}=\\frac{1}{\\sqrt{6}}", "\\frac{1}{\\sqrt6}"},
                                     std::pair{"V_1:V_2 = 11:21", "11:21"}, std::pair{"BC^2 = 19", "19"}}) {
    INFO(gold << " vs " << answer);
    CHECK(m::compare_answers(gold, answer) == m::match::equal);
  }
  // A relation that is not a label stays a relation.
  CHECK(m::compare_answers("x + y = 3", "3") == m::match::different);
  CHECK(m::compare_answers("2x = 6", "6") == m::match::different);
}

TEST_CASE("the scorer reads solution golds from reference.answer and reference.answers") {
  const auto s = m::scorer::from_options({});
  ts::record r;
  r.benchmark = "math500";
  r.response = "So $\\boxed{20\\%}$ of the people are children.";
  r.reference["answer"] = ts::json("Solving for $x$ yields $x=1/5$, or $\\boxed{20}$ percent.");
  const auto v = s.score(r);
  CHECK(v.correct);
  REQUIRE(v.details.find("gold_source") != nullptr);
  r.reference = ts::json::object();
  r.reference["answers"] = ts::json::array({"\\boxed{21}", "so it is \\boxed{20}"});
  CHECK(s.score(r).correct);
}
