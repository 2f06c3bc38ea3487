// Responses cut off by a token limit or caught in a repetition loop state no final answer
// (docs/math.md, "Cut-off and looping responses"): the rule, and the verdicts it gives.
#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include <string>

namespace ts = transferscore;
namespace m = transferscore::math;

namespace {

bool unfinished(const std::string& text) { return m::detail::unfinished_ending(text) != nullptr; }

std::string repeated(const std::string& unit, int times) {
  std::string out;
  for (int k = 0; k < times; ++k) out += unit;
  return out;
}

}  // namespace

TEST_CASE("a repetition loop at the end is unfinished; a short repeat is not") {
  CHECK(unfinished("a_7 = 11. " + repeated("sw ", 40)));
  CHECK(unfinished("Let me check. " + repeated("Wait, that is not right. Let me recompute the sum again. ", 4)));
  CHECK(unfinished(repeated("!", 120)));
  CHECK_FALSE(unfinished("The answer is 5. The answer is 5. The answer is 5."));  // three short copies: < 96 bytes
  CHECK_FALSE(unfinished("so the sum is 1 + 1 + 1 = 3."));
}

TEST_CASE("an ending inside an unclosed formula or bracket is unfinished") {
  CHECK(unfinished("Completing the square gives (y - 1/2"));
  CHECK(unfinished("Let me try \\(k ="));
  CHECK(unfinished("We have\n\\[\nx = \\frac{3}{4"));
  CHECK(unfinished("\\begin{align*}\nx &= 2 \\\\"));
  CHECK_FALSE(unfinished("The interval is $[0, 1)$."));
  CHECK_FALSE(unfinished("Two cases:\n1) x > 0\n2) x < 0"));  // closing brackets alone are list markers
}

TEST_CASE("an ending in an operator, a separator, a connective, a list marker or a heading is unfinished") {
  for (const char* text : {"so x =", "the sum is 3 +", "the values are 1, 2,", "Therefore the answer is:",
                           "**Therefore, the value of f(1/5) is:**", "and so x = -", "I recall the answer is 1/2, but let me check the",
                           "We compute the partial derivatives:\n\n1.", "So far so good.\n\n## Step 29", "we get 5 and"}) {
    INFO(text);
    CHECK(unfinished(text));
  }
  for (const char* text : {"So the answer is 5.", "Thus $x = -1$", "The answer is **108**", "#### 72", "x = 3 - 2",
                           "I think that's it", "The final answer is 7!"}) {
    INFO(text);
    CHECK_FALSE(unfinished(text));
  }
}

TEST_CASE("a cut-off response has no answer, unless it boxed one or stated its final answer") {
  const auto cut = m::equivalent("\\frac{1}{2}", "I recall that the correct answer is 1/2, but let me verify this with the");
  CHECK(cut.status == ts::status::no_answer);
  CHECK(cut.message.find("cut off") != std::string::npos);
  const auto loop = m::equivalent("11", "So a_7 = 11. " + repeated("sw ", 50));
  CHECK(loop.status == ts::status::no_answer);
  CHECK(loop.message.find("loop") != std::string::npos);
  CHECK(m::equivalent("5", "Therefore $\\boxed{5}$. Now let us double-check this by").correct);
  CHECK(m::equivalent("28", "Final Answer: The final answer is $28$. I hope it is correct. " +
                                repeated("Note: the solution above is incorrect. ", 8)).correct);
}
