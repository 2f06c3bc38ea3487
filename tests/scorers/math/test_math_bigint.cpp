// Exact arithmetic: bigint and rational, against values computed independently.
#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include <string>

namespace m = transferscore::math;

namespace {

m::bigint big(const std::string& digits) {
  m::work_budget b{m::limits{}};
  m::bigint out;
  const bool negative = !digits.empty() && digits[0] == '-';
  REQUIRE(m::bigint::from_decimal(negative ? digits.substr(1) : digits, out, b));
  if (negative) out.negate();
  return out;
}

m::rational q(std::int64_t n, std::int64_t d) {
  m::work_budget b{m::limits{}};
  m::rational r;
  REQUIRE(m::rational::make(m::bigint::from_i64(n), m::bigint::from_i64(d), r, b));
  return r;
}

}  // namespace

TEST_CASE("decimal text round-trips at any size") {
  for (const std::string s : {"0", "1", "4294967295", "4294967296", "18446744073709551616", "-123456789012345678901234567890",
                              "1000000000000000000000000000000000000000000000000000000001"}) {
    CHECK(big(s).to_string() == s);
  }
  CHECK(big("000123").to_string() == "123");
}

TEST_CASE("add, subtract, multiply, divide agree with known values") {
  m::work_budget b{m::limits{}};
  m::bigint r, q2, rem;
  REQUIRE(m::add(big("99999999999999999999"), big("1"), r, b));
  CHECK(r.to_string() == "100000000000000000000");
  REQUIRE(m::sub(big("100000000000000000000"), big("100000000000000000001"), r, b));
  CHECK(r.to_string() == "-1");
  REQUIRE(m::mul(big("123456789012345678901234567890"), big("987654321098765432109876543210"), r, b));
  CHECK(r.to_string() == "121932631137021795226185032733622923332237463801111263526900");
  REQUIRE(m::divmod(big("121932631137021795226185032733622923332237463801111263526901"), big("987654321098765432109876543210"), q2, rem, b));
  CHECK(q2.to_string() == "123456789012345678901234567890");
  CHECK(rem.to_string() == "1");
  REQUIRE(m::divmod(big("-7"), big("2"), q2, rem, b));  // truncating
  CHECK(q2.to_string() == "-3");
  CHECK(rem.to_string() == "-1");
  // Knuth's add-back step: a divisor whose estimated quotient digit is one too large.
  REQUIRE(m::divmod(big("79228162514264337589248983040"), big("18446744073709551617"), q2, rem, b));
  CHECK(q2.to_string() == "4294967295");
  CHECK(rem.to_string() == "18446744065119617025");
}

TEST_CASE("powers and gcd") {
  m::work_budget b{m::limits{}};
  m::bigint r;
  REQUIRE(m::pow(m::bigint::from_u64(2), 100, r, b));
  CHECK(r.to_string() == "1267650600228229401496703205376");
  REQUIRE(m::pow(m::bigint::from_i64(-3), 3, r, b));
  CHECK(r.to_string() == "-27");
  REQUIRE(m::gcd(big("1267650600228229401496703205376"), big("1000000000000000000000"), r, b));
  CHECK(r.to_string() == "2097152");  // 2^21
  REQUIRE(m::gcd(big("-12"), big("18"), r, b));
  CHECK(r.to_string() == "6");
}

TEST_CASE("rationals stay in lowest terms with a positive denominator") {
  m::work_budget b{m::limits{}};
  CHECK(q(2, 4).to_string() == "1/2");
  CHECK(q(3, -6).to_string() == "-1/2");
  CHECK(q(0, 5).to_string() == "0");
  m::rational r;
  REQUIRE(add(q(1, 3), q(1, 6), r, b));
  CHECK(r.to_string() == "1/2");
  REQUIRE(sub(q(1, 3), q(1, 3), r, b));
  CHECK(r.is_zero());
  REQUIRE(mul(q(2, 3), q(9, 4), r, b));
  CHECK(r.to_string() == "3/2");
  REQUIRE(div(q(1, 2), q(1, 4), r, b));
  CHECK(r.to_string() == "2");
  CHECK_FALSE(div(q(1, 2), q(0, 1), r, b));
  REQUIRE(pow(q(2, 3), -3, r, b));
  CHECK(r.to_string() == "27/8");
  CHECK(q(1, 8).terminates());
  CHECK(q(3, 40).terminates());
  CHECK_FALSE(q(1, 3).terminates());
  CHECK_FALSE(q(1, 14).terminates());
  int c = 0;
  REQUIRE(compare(q(1, 3), q(333333, 1000000), c, b));
  CHECK(c > 0);
}

TEST_CASE("decimal text and e-notation are exact") {
  m::work_budget b{m::limits{}};
  m::rational r;
  REQUIRE(m::rational::from_decimal("3.250", 0, r, b));
  CHECK(r.to_string() == "13/4");
  REQUIRE(m::rational::from_decimal("6.02", 23, r, b));
  CHECK(r.to_string() == "602000000000000000000000");
  REQUIRE(m::rational::from_decimal("1", -7, r, b));
  CHECK(r.to_string() == "1/10000000");
}

TEST_CASE("huge values convert to doubles without overflow") {
  m::work_budget b{m::limits{}};
  m::bigint r;
  REQUIRE(m::pow(m::bigint::from_u64(10), 400, r, b));
  const auto [mant, exp2] = r.to_scaled_double();
  CHECK(mant >= 0.5);
  CHECK(mant < 1.0);
  CHECK(exp2 == 1329);  // 10^400 ~ 2^1328.77
  m::rational tiny;
  REQUIRE(m::rational::make(m::bigint::from_u64(1), r, tiny, b));
  CHECK(tiny.to_double() == 0.0);
  CHECK(tiny.scaled().second == -1328);
}

TEST_CASE("arithmetic refuses to exceed the digit and step budgets") {
  m::limits caps;
  caps.max_digits = 50;
  m::work_budget b{caps};
  m::bigint r;
  CHECK_FALSE(m::pow(m::bigint::from_u64(10), 60, r, b));
  CHECK(b.exhausted());
  m::limits steps;
  steps.max_steps = 10;
  m::work_budget s{steps};
  CHECK_FALSE(m::pow(m::bigint::from_u64(3), 5000, r, s));
  CHECK(s.exhausted());
  CHECK_FALSE(s.reason().empty());
}
