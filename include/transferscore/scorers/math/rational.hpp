#pragma once
// Exact rationals over bigint, always in lowest terms with a positive denominator, so
// that equal values have equal representations.

#include <transferscore/config.hpp>
#include <transferscore/scorers/math/bigint.hpp>
#include <transferscore/scorers/math/options.hpp>

#include <cmath>
#include <cstdint>
#include <climits>
#include <string>
#include <string_view>
#include <utility>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace math {

namespace detail {

#if defined(__SIZEOF_INT128__)
#define TRANSFERSCORE_MATH_INT128 1
__extension__ using i128 = __int128;
__extension__ using u128 = unsigned __int128;

[[nodiscard]] inline u128 gcd128(u128 a, u128 b) noexcept {
  while (b != 0) {
    const u128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

[[nodiscard]] inline bigint bigint_from_i128(i128 v) {
  const bool negative = v < 0;
  const u128 m = negative ? static_cast<u128>(-(v + 1)) + 1 : static_cast<u128>(v);
  bigint out = bigint::from_u64(static_cast<std::uint64_t>(m >> 64));
  work_budget unlimited{limits{}};
  bigint shifted;
  (void)mul(out, bigint::from_u64(std::uint64_t{1} << 32), shifted, unlimited);
  (void)mul(shifted, bigint::from_u64(std::uint64_t{1} << 32), shifted, unlimited);
  (void)add(shifted, bigint::from_u64(static_cast<std::uint64_t>(m)), out, unlimited);
  if (negative) out.negate();
  return out;
}
#endif

}  // namespace detail

class rational {
 public:
  rational() : den_(bigint::from_u64(1)) {}
  [[nodiscard]] static rational from_i64(std::int64_t v) {
    rational r;
    r.num_ = bigint::from_i64(v);
    return r;
  }
  [[nodiscard]] static rational from_integer(bigint v) {
    rational r;
    r.num_ = std::move(v);
    return r;
  }
  /// n/d in lowest terms; false when d is zero or the budget runs out.
  [[nodiscard]] static bool make(bigint n, bigint d, rational& out, work_budget& budget) {
    if (d.is_zero()) return false;
    if (d.negative()) {
      n.negate();
      d.negate();
    }
    if (!d.is_one()) {
      bigint g;
      if (!gcd(n, d, g, budget)) return false;
      if (!g.is_one() && !g.is_zero()) {
        bigint r;
        if (!divmod(n, g, n, r, budget) || !divmod(d, g, d, r, budget)) return false;
      }
    }
    out.num_ = std::move(n);
    out.den_ = std::move(d);
    return true;
  }

  /// Reads decimal text: digits with an optional '.', then an optional exponent (e-notation),
  /// for example "3.250", ".5", "6.02e23", "1e-7". No sign.
  [[nodiscard]] static bool from_decimal(std::string_view text, std::int64_t exponent10, rational& out, work_budget& budget) {
    std::string digits;
    digits.reserve(text.size());
    std::int64_t scale = 0;
    bool after_point = false;
    for (char c : text) {
      if (c == '.') {
        after_point = true;
      } else if (c >= '0' && c <= '9') {
        digits.push_back(c);
        if (after_point) ++scale;
      }
    }
    if (digits.empty()) digits = "0";
    bigint n;
    if (!bigint::from_decimal(digits, n, budget)) return false;
    const std::int64_t e = exponent10 - scale;
    const std::uint64_t magnitude = e < 0 ? static_cast<std::uint64_t>(-e) : static_cast<std::uint64_t>(e);
    if (magnitude > budget.caps().max_digits) return budget.fail("a number's exponent is beyond max_digits");
    bigint p;
    if (!pow(bigint::from_u64(10), magnitude, p, budget)) return false;
    if (e >= 0) {
      if (!mul(n, p, n, budget)) return false;
      out = from_integer(std::move(n));
      return true;
    }
    return make(std::move(n), std::move(p), out, budget);
  }

#if defined(TRANSFERSCORE_MATH_INT128)
  /// Both terms as 64-bit integers, when they fit (the fast path of the arithmetic).
  [[nodiscard]] bool small(std::int64_t& n, std::int64_t& d) const noexcept {
    auto a = num_.to_i64();
    auto b = den_.to_i64();
    if (!a || !b) return false;
    n = *a;
    d = *b;
    return true;
  }
  /// n/d in lowest terms from 128-bit terms (d != 0).
  [[nodiscard]] static rational from_i128(detail::i128 n, detail::i128 d) {
    if (d < 0) {
      n = -n;
      d = -d;
    }
    const detail::u128 an = n < 0 ? static_cast<detail::u128>(-n) : static_cast<detail::u128>(n);
    const detail::u128 g = detail::gcd128(an, static_cast<detail::u128>(d));
    if (g > 1) {
      n /= static_cast<detail::i128>(g);
      d /= static_cast<detail::i128>(g);
    }
    rational r;
    constexpr detail::i128 lo = INT64_MIN, hi = INT64_MAX;
    r.num_ = (n >= lo && n <= hi) ? bigint::from_i64(static_cast<std::int64_t>(n)) : detail::bigint_from_i128(n);
    r.den_ = d <= hi ? bigint::from_i64(static_cast<std::int64_t>(d)) : detail::bigint_from_i128(d);
    return r;
  }
#endif

  [[nodiscard]] const bigint& num() const noexcept { return num_; }
  [[nodiscard]] const bigint& den() const noexcept { return den_; }
  [[nodiscard]] bool is_zero() const noexcept { return num_.is_zero(); }
  [[nodiscard]] bool is_integer() const noexcept { return den_.is_one(); }
  [[nodiscard]] int sign() const noexcept { return num_.sign(); }

  /// True when the decimal expansion ends (the denominator has no prime but 2 and 5).
  [[nodiscard]] bool terminates() const {
    bigint d = den_;
    while (!d.is_zero() && !d.is_one()) {
      bigint t = d;
      if (t.divide_small(2) == 0) {
        d = std::move(t);
        continue;
      }
      t = d;
      if (t.divide_small(5) == 0) {
        d = std::move(t);
        continue;
      }
      return false;
    }
    return true;
  }

  /// The value as a double; 0 or +-inf when out of range (see scaled() to tell).
  [[nodiscard]] double to_double() const noexcept {
    auto [m, e] = scaled();
    if (m == 0.0) return 0.0;
    if (e > 2000) return m > 0 ? HUGE_VAL : -HUGE_VAL;
    if (e < -2000) return 0.0;
    return std::ldexp(m, static_cast<int>(e));
  }
  /// mantissa * 2^exponent, mantissa in [0.5, 1) in magnitude: never overflows.
  [[nodiscard]] std::pair<double, std::int64_t> scaled() const noexcept {
    auto [nm, ne] = num_.to_scaled_double();
    if (nm == 0.0) return {0.0, 0};
    auto [dm, de] = den_.to_scaled_double();
    int e = 0;
    const double m = std::frexp(nm / dm, &e);
    return {m, ne - de + e};
  }

  [[nodiscard]] std::string to_string() const {
    if (is_integer()) return num_.to_string();
    return num_.to_string() + "/" + den_.to_string();
  }

  void negate() noexcept { num_.negate(); }
  [[nodiscard]] rational negated() const {
    rational r = *this;
    r.negate();
    return r;
  }

  friend bool operator==(const rational& a, const rational& b) noexcept { return a.num_ == b.num_ && a.den_ == b.den_; }

  friend bool compare(const rational& a, const rational& b, int& result, work_budget& budget) {
#if defined(TRANSFERSCORE_MATH_INT128)
    std::int64_t an, ad, bn, bd;
    if (a.small(an, ad) && b.small(bn, bd)) {
      const detail::i128 l = static_cast<detail::i128>(an) * bd, r = static_cast<detail::i128>(bn) * ad;
      result = l < r ? -1 : (l > r ? 1 : 0);
      return budget.charge(1);
    }
#endif
    if (a.den_ == b.den_) {
      result = compare(a.num_, b.num_);
      return true;
    }
    bigint l, r;
    if (!mul(a.num_, b.den_, l, budget) || !mul(b.num_, a.den_, r, budget)) return false;
    result = compare(l, r);
    return true;
  }

  friend bool add(const rational& a, const rational& b, rational& out, work_budget& budget) {
#if defined(TRANSFERSCORE_MATH_INT128)
    std::int64_t an, ad, bn, bd;
    if (a.small(an, ad) && b.small(bn, bd)) {
      out = from_i128(static_cast<detail::i128>(an) * bd + static_cast<detail::i128>(bn) * ad, static_cast<detail::i128>(ad) * bd);
      return budget.charge(1);
    }
#endif
    if (a.is_integer() && b.is_integer()) {
      bigint n;
      if (!add(a.num_, b.num_, n, budget)) return false;
      out = from_integer(std::move(n));
      return true;
    }
    if (a.den_ == b.den_) {
      bigint n;
      if (!add(a.num_, b.num_, n, budget)) return false;
      bigint d = a.den_;
      return make(std::move(n), std::move(d), out, budget);
    }
    bigint x, y, n, d;
    if (!mul(a.num_, b.den_, x, budget) || !mul(b.num_, a.den_, y, budget) || !add(x, y, n, budget) ||
        !mul(a.den_, b.den_, d, budget)) {
      return false;
    }
    return make(std::move(n), std::move(d), out, budget);
  }
  friend bool sub(const rational& a, const rational& b, rational& out, work_budget& budget) {
    return add(a, b.negated(), out, budget);
  }
  friend bool mul(const rational& a, const rational& b, rational& out, work_budget& budget) {
#if defined(TRANSFERSCORE_MATH_INT128)
    std::int64_t an, ad, bn, bd;
    if (a.small(an, ad) && b.small(bn, bd)) {
      out = from_i128(static_cast<detail::i128>(an) * bn, static_cast<detail::i128>(ad) * bd);
      return budget.charge(1);
    }
#endif
    if (a.is_integer() && b.is_integer()) {
      bigint n;
      if (!mul(a.num_, b.num_, n, budget)) return false;
      out = from_integer(std::move(n));
      return true;
    }
    bigint n, d;
    if (!mul(a.num_, b.num_, n, budget) || !mul(a.den_, b.den_, d, budget)) return false;
    return make(std::move(n), std::move(d), out, budget);
  }
  /// False for division by zero (budget untouched) or when the budget runs out.
  friend bool div(const rational& a, const rational& b, rational& out, work_budget& budget) {
    if (b.is_zero()) return false;
#if defined(TRANSFERSCORE_MATH_INT128)
    std::int64_t an, ad, bn, bd;
    if (a.small(an, ad) && b.small(bn, bd)) {
      out = from_i128(static_cast<detail::i128>(an) * bd, static_cast<detail::i128>(ad) * bn);
      return budget.charge(1);
    }
#endif
    bigint n, d;
    if (!mul(a.num_, b.den_, n, budget) || !mul(a.den_, b.num_, d, budget)) return false;
    return make(std::move(n), std::move(d), out, budget);
  }
  /// a^e for any integer e; false for 0^negative or when the budget runs out.
  friend bool pow(const rational& a, std::int64_t e, rational& out, work_budget& budget) {
    const std::uint64_t magnitude = e < 0 ? static_cast<std::uint64_t>(-(e + 1)) + 1 : static_cast<std::uint64_t>(e);
    if (e < 0 && a.is_zero()) return false;
    bigint n, d;
    if (!pow(a.num_, magnitude, n, budget) || !pow(a.den_, magnitude, d, budget)) return false;
    if (e < 0) std::swap(n, d);
    if (d.negative()) {
      n.negate();
      d.negate();
    }
    out.num_ = std::move(n);  // already in lowest terms: powers of coprime numbers are coprime
    out.den_ = std::move(d);
    return true;
  }

 private:
  bigint num_;
  bigint den_;
};

}  // namespace math
TRANSFERSCORE_END_NAMESPACE
