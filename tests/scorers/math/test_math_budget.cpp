// Bounded work instead of timeouts: hostile answers are decided (status and correctness are
// asserted here, not timing; bench/math.cpp measures time).
#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include <string>

namespace ts = transferscore;
namespace m = transferscore::math;

TEST_CASE("power towers and huge exponents exceed the budget instead of hanging") {
  for (const std::string answer : {"10^{10^{10}}", "2^{2^{2^{2^{2^{2}}}}}", "9^{9^{9^{9}}}", "2003^{2002^{2001}}", "(10^{100})!",
                                   "10^{100000000}", "100000!"}) {
    INFO(answer);
    const auto r = m::equivalent("5", "\\boxed{" + answer + "}");
    CHECK(r.status == ts::status::budget_exceeded);
    CHECK_FALSE(r.correct);
    CHECK_FALSE(r.message.empty());
    CHECK(r.extracted == answer);
  }
}

TEST_CASE("identical hostile answers are still recognised as identical") {
  const auto r = m::equivalent("10^{10^{10}}", "\\boxed{10^{10^{10}}}");
  CHECK(r.status == ts::status::ok);
  CHECK(r.correct);
}

TEST_CASE("a power of one or minus one needs no big arithmetic") {
  CHECK(m::equivalent("1", "\\boxed{1^{10^{100}}}").correct);
  CHECK(m::equivalent("1", "\\boxed{(-1)^{10^{100}}}").correct);
  CHECK(m::equivalent("-1", "\\boxed{(-1)^{10^{100}+1}}").correct);
}

TEST_CASE("thousands of nested braces and brackets exceed the depth budget") {
  for (const std::string open : {"{", "(", "\\sqrt{", "\\frac{1}{", "-"}) {
    std::string answer;
    for (int i = 0; i < 5000; ++i) answer += open;
    answer += "1";
    for (int i = 0; i < 5000; ++i) {
      if (open == "{" || open == "\\sqrt{" || open == "\\frac{1}{") answer += "}";
      if (open == "(") answer += ")";
    }
    INFO(open);
    const auto r = m::equivalent("1", "\\boxed{" + answer + "}");
    CHECK(r.status == ts::status::budget_exceeded);
    CHECK_FALSE(r.correct);
  }
}

TEST_CASE("a one-megabyte answer is refused by its length") {
  std::string answer(1 << 20, '1');
  const auto r = m::equivalent("1", "\\boxed{" + answer + "}");
  CHECK(r.status == ts::status::budget_exceeded);
  CHECK_FALSE(r.correct);
  std::string sum = "1";
  for (int i = 0; i < 300000; ++i) sum += "+1";
  CHECK(m::equivalent("300001", "\\boxed{" + sum + "}").status == ts::status::budget_exceeded);
}

TEST_CASE("a one-megabyte response with a normal answer at the end is fine") {
  std::string response;
  while (response.size() < (1u << 20)) response += "We consider the case n = 17 and compute 3 + 4 = 7. ";
  response += "Therefore the answer is $\\boxed{42}$.";
  const auto r = m::equivalent("42", response);
  CHECK(r.status == ts::status::ok);
  CHECK(r.correct);
}

TEST_CASE("long digit strings and huge factorials respect the digit budget") {
  CHECK(m::equivalent("1", "\\boxed{" + std::string(30000, '9') + "}").status == ts::status::budget_exceeded);
  CHECK(m::equivalent("1", "\\boxed{1e100000}").status == ts::status::budget_exceeded);
  CHECK(m::equivalent("1", "\\boxed{10000!}").status == ts::status::budget_exceeded);
  CHECK(m::equivalent("1", "\\boxed{1000!}").status == ts::status::budget_exceeded);  // 2568 digits > max_digits
  CHECK_FALSE(m::equivalent("1", "\\boxed{400!}").correct);  // 869 digits: within budget, decided exactly
  CHECK(m::equivalent("400!", "\\boxed{400 \\cdot 399!}").correct);
  CHECK_FALSE(m::equivalent("400!", "\\boxed{401 \\cdot 399!}").correct);
}

TEST_CASE("a factorial is refused by its digit count before it is computed") {
  // The guard compares log10(k!) with max_digits before any multiplication. Just under the
  // cap a factorial passes the guard (and may then meet the arithmetic's own limb cap, whose
  // message differs); just over it the guard refuses.
  const auto guard_refused = [](const ts::score_result& r) {
    return r.status == ts::status::budget_exceeded && r.message.find("a factorial has more digits") != std::string::npos;
  };
  CHECK_FALSE(guard_refused(m::equivalent("1", "\\boxed{807!}")));  // log10(807!) = 1997.2
  CHECK(guard_refused(m::equivalent("1", "\\boxed{808!}")));        // log10(808!) = 2000.1
  m::options o;
  o.budget.max_digits = 10;
  CHECK(m::equivalent("479001600", "\\boxed{12!}", o).correct);
  CHECK_FALSE(guard_refused(m::equivalent("1", "\\boxed{13!}", o)));  // log10(13!) = 9.79
  CHECK(guard_refused(m::equivalent("1", "\\boxed{14!}", o)));        // log10(14!) = 10.94
  CHECK(m::equivalent("1", "\\boxed{0!}", o).correct);
  CHECK(m::equivalent("1", "\\boxed{1!}", o).correct);
  CHECK(m::equivalent("2", "\\boxed{2!}", o).correct);
}

TEST_CASE("every budget is a setting") {
  m::options o;
  o.budget.max_answer_bytes = 4;
  CHECK(m::equivalent("12345", "\\boxed{12345}").correct);
  CHECK(m::equivalent("12345", "\\boxed{012345}", o).status == ts::status::budget_exceeded);
  CHECK(m::equivalent("12345", "The answer is 12345", o).status == ts::status::budget_exceeded);
  o = {};
  o.budget.max_depth = 3;
  CHECK(m::equivalent("1", "\\boxed{((1))}", o).status == ts::status::budget_exceeded);
  o = {};
  o.budget.max_digits = 10;
  CHECK(m::equivalent("1", "\\boxed{12345678901234}", o).status == ts::status::budget_exceeded);
  o = {};
  o.budget.max_exponent = 10;
  CHECK(m::equivalent("1", "\\boxed{2^{20}}", o).status == ts::status::budget_exceeded);
  o = {};
  o.budget.max_steps = 5;
  CHECK(m::equivalent("x^2+2x+1", "\\boxed{(x+1)^2}", o).status == ts::status::budget_exceeded);
  o = {};
  o.budget.max_items = 3;
  CHECK(m::equivalent("1, 2, 3, 4", "\\boxed{1, 2, 3, 4}", o).status == ts::status::ok);  // identical text needs no parse
  CHECK(m::equivalent("1, 2, 3, 4", "\\boxed{4, 3, 2, 1}", o).status == ts::status::budget_exceeded);
  o = {};
  o.budget.max_response_bytes = 10;
  CHECK(m::equivalent("1", "a long response with \\boxed{1}", o).status == ts::status::budget_exceeded);
}

TEST_CASE("budget exhaustion never turns into a correct verdict") {
  m::options o;
  for (std::uint64_t steps = 1; steps < 400; steps += 7) {
    o.budget.max_steps = steps;
    const auto r = m::equivalent("\\frac{1}{2}", "\\boxed{x^2 - x^2 + \\frac{2}{4}}", o);
    INFO(steps);
    CHECK((r.status == ts::status::ok || r.status == ts::status::budget_exceeded));
    if (r.status == ts::status::budget_exceeded) CHECK_FALSE(r.correct);
  }
}
