#pragma once
// Evaluation of a scalar expression tree, two ways:
//
//  * exact: Gaussian rationals (a + bi with a, b rational). Sums, products, quotients,
//    integer powers, perfect roots, factorials, binomials, floor/ceil, gcd/lcm stay exact.
//  * approximate: complex doubles carrying a running bound on their absolute rounding error,
//    so that "equal up to rounding" is decided by that bound rather than by a guessed
//    absolute tolerance (cos(pi/2) is zero within its bound; e^-50 is not zero).
//
// Free variables take the values of a binding (see sample points in compare.hpp). Every
// node visited costs one step of the work budget.

#include <transferscore/config.hpp>
#include <transferscore/scorers/math/expr.hpp>
#include <transferscore/scorers/math/options.hpp>
#include <transferscore/scorers/math/rational.hpp>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace math {

struct exact_value {
  rational re;
  rational im;
  [[nodiscard]] bool is_real() const noexcept { return im.is_zero(); }
};

struct approx_value {
  std::complex<double> v;
  double err = 0.0;         ///< bound on |computed - true|
  bool left_reals = false;  ///< a real input went through a branch cut (sqrt(-1), ln(-2), asin(3))
};

enum class eval_status : std::uint8_t {
  ok,
  inexact,       ///< (exact only) the value is not a Gaussian rational: evaluate approximately
  undefined,     ///< division by zero, log 0, 0^-1 ...
  not_scalar,    ///< a tuple, set, text ... is not a number
  out_of_range,  ///< (approximate only) overflow or underflow of a double
  over_budget,
};

/// Values of the free variables at one sample point.
struct binding {
  std::vector<std::string> names;  ///< sorted
  std::vector<exact_value> exact;
  std::vector<approx_value> approx;

  [[nodiscard]] std::optional<std::size_t> find(std::string_view name) const noexcept {
    auto it = std::lower_bound(names.begin(), names.end(), name);
    if (it == names.end() || *it != name) return std::nullopt;
    return static_cast<std::size_t>(it - names.begin());
  }
};

/// Choices the comparison makes before evaluating.
struct eval_choices {
  bool percent_as_fraction = false;  ///< p% evaluates to p/100 (else p)
  bool case_fold = false;            ///< variable names compare in lower case
  std::uint32_t pm_signs = 0;        ///< bit k set: the k-th \pm node (in pm_nodes) takes minus
  const std::vector<std::uint32_t>* pm_nodes = nullptr;
  const binding* vars = nullptr;
};

namespace detail {

[[nodiscard]] inline std::string folded_name(std::string_view name, bool fold) {
  std::string out(name);
  if (fold) {
    for (auto& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

inline constexpr double eps = std::numeric_limits<double>::epsilon();

// log10(k!) by Stirling's series (error below 1e-3 at k = 1, below 1e-12 from k = 10 on).
// std::lgamma would do, but glibc's writes the global signgam: a data race between threads.
[[nodiscard]] inline double log10_factorial(std::uint64_t k) noexcept {
  if (k < 2) return 0.0;
  const double x = static_cast<double>(k);
  const double ln = x * std::log(x) - x + 0.5 * std::log(2.0 * 3.141592653589793 * x) + 1.0 / (12.0 * x) -
                    1.0 / (360.0 * x * x * x);
  return ln / 2.302585092994046;
}

}  // namespace detail

class evaluator {
 public:
  evaluator(const expr& e, const eval_choices& choices, work_budget& budget) : e_(e), c_(choices), budget_(budget) {}

  // ------------------------------------------------------------------ exact

  [[nodiscard]] eval_status exact(std::uint32_t id, exact_value& out) {
    if (!budget_.charge(1)) return eval_status::over_budget;
    const node& n = e_.at(id);
    switch (n.kind) {
      case node_kind::number:
        out.re = e_.number(id);
        out.im = rational{};
        return eval_status::ok;
      case node_kind::symbol: {
        auto k = variable(id);
        if (!k) return eval_status::not_scalar;
        out = c_.vars->exact[*k];
        return eval_status::ok;
      }
      case node_kind::constant:
        if (static_cast<constant_id>(n.sub) == constant_id::i) {
          out.re = rational{};
          out.im = rational::from_i64(1);
          return eval_status::ok;
        }
        return static_cast<constant_id>(n.sub) == constant_id::infinity ? eval_status::undefined : eval_status::inexact;
      case node_kind::add: {
        exact_value sum;
        for (auto child : e_.children(id)) {
          exact_value v;
          if (auto s = exact(child, v); s != eval_status::ok) return s;
          if (!add(sum.re, v.re, sum.re, budget_) || !add(sum.im, v.im, sum.im, budget_)) return eval_status::over_budget;
        }
        out = std::move(sum);
        return eval_status::ok;
      }
      case node_kind::mul: {
        exact_value prod;
        prod.re = rational::from_i64(1);
        for (auto child : e_.children(id)) {
          exact_value v;
          if (auto s = exact(child, v); s != eval_status::ok) return s;
          if (!multiply(prod, v, prod)) return eval_status::over_budget;
        }
        out = std::move(prod);
        return eval_status::ok;
      }
      case node_kind::div: {
        exact_value a, b;
        if (auto s = exact(e_.child(id, 0), a); s != eval_status::ok) return s;
        if (auto s = exact(e_.child(id, 1), b); s != eval_status::ok) return s;
        return divide(a, b, out);
      }
      case node_kind::neg: {
        if (auto s = exact(e_.child(id, 0), out); s != eval_status::ok) return s;
        out.re.negate();
        out.im.negate();
        return eval_status::ok;
      }
      case node_kind::pow: return exact_power(e_.child(id, 0), e_.child(id, 1), out);
      case node_kind::root: {
        exact_value index;
        if (auto s = exact(e_.child(id, 1), index); s != eval_status::ok) return s == eval_status::inexact ? eval_status::inexact : s;
        if (!index.is_real() || !index.re.is_integer() || index.re.sign() <= 0) return eval_status::inexact;
        auto k = index.re.num().to_i64();
        if (!k || *k > 64) return eval_status::inexact;
        exact_value base;
        if (auto s = exact(e_.child(id, 0), base); s != eval_status::ok) return s;
        return exact_root(base, *k, out);
      }
      case node_kind::func: return exact_function(id, out);
      case node_kind::factorial: {
        exact_value v;
        if (auto s = exact(e_.child(id, 0), v); s != eval_status::ok) return s;
        if (!v.is_real() || !v.re.is_integer()) return eval_status::inexact;
        if (v.re.sign() < 0) return eval_status::undefined;
        auto k = v.re.num().to_i64();
        if (!k || static_cast<std::uint64_t>(*k) > budget_.caps().max_exponent) {
          budget_.fail("a factorial argument is larger than max_exponent");
          return eval_status::over_budget;
        }
        // Refuse a result above the digit cap before computing it.
        if (detail::log10_factorial(static_cast<std::uint64_t>(*k)) > static_cast<double>(budget_.caps().max_digits)) {
          budget_.fail("a factorial has more digits than max_digits");
          return eval_status::over_budget;
        }
        bigint f = bigint::from_u64(1);
        for (std::int64_t i = 2; i <= *k; ++i) {
          if (!multiply_small(f, static_cast<std::uint32_t>(i), budget_)) return eval_status::over_budget;
        }
        out.re = rational::from_integer(std::move(f));
        out.im = rational{};
        return eval_status::ok;
      }
      case node_kind::percent: {
        if (auto s = exact(e_.child(id, 0), out); s != eval_status::ok) return s;
        if (c_.percent_as_fraction) {
          const rational hundred = rational::from_i64(100);
          if (!div(out.re, hundred, out.re, budget_) || !div(out.im, hundred, out.im, budget_)) return eval_status::over_budget;
        }
        return eval_status::ok;
      }
      case node_kind::degree: return exact(e_.child(id, 0), out);
      case node_kind::plus_minus: {
        const bool minus = pm_minus(id);
        if (n.count == 1) {
          if (auto s = exact(e_.child(id, 0), out); s != eval_status::ok) return s;
          if (minus) {
            out.re.negate();
            out.im.negate();
          }
          return eval_status::ok;
        }
        exact_value a, b;
        if (auto s = exact(e_.child(id, 0), a); s != eval_status::ok) return s;
        if (auto s = exact(e_.child(id, 1), b); s != eval_status::ok) return s;
        if (minus) {
          b.re.negate();
          b.im.negate();
        }
        if (!add(a.re, b.re, out.re, budget_) || !add(a.im, b.im, out.im, budget_)) return eval_status::over_budget;
        return eval_status::ok;
      }
      case node_kind::base_numeral: {
        bigint v;
        for (char ch : e_.name(id)) {
          const auto digit = static_cast<std::uint32_t>(ch >= '0' && ch <= '9' ? ch - '0' : ch - 'A' + 10);
          if (!multiply_small(v, n.sub, budget_) || !add(v, bigint::from_u64(digit), v, budget_)) return eval_status::over_budget;
        }
        out.re = rational::from_integer(std::move(v));
        out.im = rational{};
        return eval_status::ok;
      }
      case node_kind::ratio: {
        if (n.count != 2) return eval_status::not_scalar;
        exact_value a, b;
        if (auto s = exact(e_.child(id, 0), a); s != eval_status::ok) return s;
        if (auto s = exact(e_.child(id, 1), b); s != eval_status::ok) return s;
        return divide(a, b, out);
      }
      default: return eval_status::not_scalar;
    }
  }

  // ------------------------------------------------------------ approximate

  [[nodiscard]] eval_status approx(std::uint32_t id, approx_value& out, bool in_trig = false) {
    if (!budget_.charge(1)) return eval_status::over_budget;
    const node& n = e_.at(id);
    using cd = std::complex<double>;
    switch (n.kind) {
      case node_kind::number: {
        const auto [m, ex] = e_.number(id).scaled();
        if (m != 0.0 && (ex > 1000 || ex < -1000)) return eval_status::out_of_range;
        const double v = m == 0.0 ? 0.0 : std::ldexp(m, static_cast<int>(ex));
        out = approx_value{cd(v, 0.0), std::fabs(v) * detail::eps, false};
        return eval_status::ok;
      }
      case node_kind::symbol: {
        auto k = variable(id);
        if (!k) return eval_status::not_scalar;
        out = c_.vars->approx[*k];
        return eval_status::ok;
      }
      case node_kind::constant:
        switch (static_cast<constant_id>(n.sub)) {
          case constant_id::pi: out = approx_value{cd(3.14159265358979323846, 0.0), 4 * detail::eps, false}; break;
          case constant_id::e: out = approx_value{cd(2.71828182845904523536, 0.0), 3 * detail::eps, false}; break;
          case constant_id::i: out = approx_value{cd(0.0, 1.0), 0.0, false}; break;
          case constant_id::infinity: return eval_status::undefined;
        }
        return eval_status::ok;
      case node_kind::add: {
        approx_value sum{cd(0, 0), 0.0, false};
        for (auto child : e_.children(id)) {
          approx_value v;
          if (auto s = approx(child, v); s != eval_status::ok) return s;
          sum.v += v.v;
          sum.err += v.err + std::abs(sum.v) * detail::eps;
          sum.left_reals = sum.left_reals || v.left_reals;
        }
        out = sum;
        return finite(out);
      }
      case node_kind::mul: {
        approx_value prod{cd(1, 0), 0.0, false};
        for (auto child : e_.children(id)) {
          approx_value v;
          if (auto s = approx(child, v); s != eval_status::ok) return s;
          if (auto s = product(prod, v, prod); s != eval_status::ok) return s;
        }
        out = prod;
        return eval_status::ok;
      }
      case node_kind::div: {
        approx_value a, b;
        if (auto s = approx(e_.child(id, 0), a); s != eval_status::ok) return s;
        if (auto s = approx(e_.child(id, 1), b); s != eval_status::ok) return s;
        return quotient(a, b, out);
      }
      case node_kind::neg: {
        if (auto s = approx(e_.child(id, 0), out, in_trig); s != eval_status::ok) return s;
        out.v = -out.v;
        return eval_status::ok;
      }
      case node_kind::pow: return approx_power(e_.child(id, 0), e_.child(id, 1), out);
      case node_kind::root: {
        exact_value index;
        const eval_status si = exact(e_.child(id, 1), index);
        if (si == eval_status::over_budget) return si;
        approx_value base;
        if (auto s = approx(e_.child(id, 0), base); s != eval_status::ok) return s;
        if (si == eval_status::ok && index.is_real() && index.re.is_integer() && index.re.sign() > 0) {
          auto k = index.re.num().to_i64();
          if (k && *k <= 1000000) return real_root(base, static_cast<double>(*k), out);
        }
        approx_value idx;
        if (auto s = approx(e_.child(id, 1), idx); s != eval_status::ok) return s;
        approx_value inv;
        if (auto s = quotient(approx_value{cd(1, 0), 0.0, false}, idx, inv); s != eval_status::ok) return s;
        return general_power(base, inv, out);
      }
      case node_kind::func: return approx_function(id, out);
      case node_kind::factorial: {
        approx_value v;
        if (auto s = approx(e_.child(id, 0), v); s != eval_status::ok) return s;
        if (v.v.imag() != 0.0) return eval_status::undefined;
        const double x = v.v.real();
        if (x < 0 && x == std::floor(x)) return eval_status::undefined;
        if (x > 170) return eval_status::out_of_range;
        const double g = std::tgamma(x + 1.0);
        out = approx_value{cd(g, 0), std::fabs(g) * (1e-13 + (x + 2.0) * v.err), v.left_reals};
        return finite(out);
      }
      case node_kind::percent: {
        if (auto s = approx(e_.child(id, 0), out); s != eval_status::ok) return s;
        if (c_.percent_as_fraction) {
          out.v /= 100.0;
          out.err = out.err / 100.0 + std::abs(out.v) * detail::eps;
        }
        return eval_status::ok;
      }
      case node_kind::degree: {
        if (auto s = approx(e_.child(id, 0), out); s != eval_status::ok) return s;
        if (in_trig) {
          const double k = 3.14159265358979323846 / 180.0;
          out.v *= k;
          out.err = out.err * k + std::abs(out.v) * 4 * detail::eps;
        }
        return eval_status::ok;
      }
      case node_kind::plus_minus: {
        const double sign = pm_minus(id) ? -1.0 : 1.0;
        if (n.count == 1) {
          if (auto s = approx(e_.child(id, 0), out); s != eval_status::ok) return s;
          out.v *= sign;
          return eval_status::ok;
        }
        approx_value a, b;
        if (auto s = approx(e_.child(id, 0), a); s != eval_status::ok) return s;
        if (auto s = approx(e_.child(id, 1), b); s != eval_status::ok) return s;
        out.v = a.v + sign * b.v;
        out.err = a.err + b.err + std::abs(out.v) * detail::eps;
        out.left_reals = a.left_reals || b.left_reals;
        return finite(out);
      }
      case node_kind::base_numeral:
      case node_kind::ratio: {
        exact_value v;
        if (auto s = exact(id, v); s != eval_status::ok) return s == eval_status::inexact ? ratio_approx(id, out) : s;
        return from_exact(v, out);
      }
      default: return eval_status::not_scalar;
    }
  }

  /// The approximate value of an exact one.
  [[nodiscard]] static eval_status from_exact(const exact_value& v, approx_value& out) {
    auto part = [](const rational& q, double& d) {
      const auto [m, ex] = q.scaled();
      if (m != 0.0 && (ex > 1000 || ex < -1000)) return false;
      d = m == 0.0 ? 0.0 : std::ldexp(m, static_cast<int>(ex));
      return true;
    };
    double re = 0, im = 0;
    if (!part(v.re, re) || !part(v.im, im)) return eval_status::out_of_range;
    out.v = std::complex<double>(re, im);
    out.err = std::abs(out.v) * 2 * detail::eps;
    out.left_reals = false;
    return eval_status::ok;
  }

 private:
  const expr& e_;
  eval_choices c_;  // by value: callers pass temporaries
  work_budget& budget_;

  [[nodiscard]] std::optional<std::size_t> variable(std::uint32_t id) const {
    if (c_.vars == nullptr) return std::nullopt;
    if (!c_.case_fold) return c_.vars->find(e_.name(id));
    return c_.vars->find(detail::folded_name(e_.name(id), true));
  }

  [[nodiscard]] bool pm_minus(std::uint32_t id) const noexcept {
    if (c_.pm_nodes == nullptr) return false;
    const auto& nodes = *c_.pm_nodes;
    for (std::size_t k = 0; k < nodes.size() && k < 32; ++k) {
      if (nodes[k] == id) {
        const bool minus = ((c_.pm_signs >> k) & 1u) != 0;
        return e_.at(id).sub != 0 ? !minus : minus;
      }
    }
    return e_.at(id).sub != 0;
  }

  bool multiply(const exact_value& a, const exact_value& b, exact_value& out) {
    if (a.is_real() && b.is_real()) {
      if (!mul(a.re, b.re, out.re, budget_)) return false;
      out.im = rational{};
      return true;
    }
    rational ac, bd, ad, bc;
    if (!mul(a.re, b.re, ac, budget_) || !mul(a.im, b.im, bd, budget_) || !mul(a.re, b.im, ad, budget_) ||
        !mul(a.im, b.re, bc, budget_)) {
      return false;
    }
    return sub(ac, bd, out.re, budget_) && add(ad, bc, out.im, budget_);
  }

  eval_status divide(const exact_value& a, const exact_value& b, exact_value& out) {
    if (b.re.is_zero() && b.im.is_zero()) return eval_status::undefined;
    if (b.is_real()) {
      if (!div(a.re, b.re, out.re, budget_) || !div(a.im, b.re, out.im, budget_)) return eval_status::over_budget;
      return eval_status::ok;
    }
    // a / b = a * conj(b) / |b|^2
    exact_value conj{b.re, b.im.negated()};
    exact_value num;
    rational r2, i2, norm;
    if (!multiply(a, conj, num) || !mul(b.re, b.re, r2, budget_) || !mul(b.im, b.im, i2, budget_) ||
        !add(r2, i2, norm, budget_) || !div(num.re, norm, out.re, budget_) || !div(num.im, norm, out.im, budget_)) {
      return eval_status::over_budget;
    }
    return eval_status::ok;
  }

  eval_status integer_power(const exact_value& base, std::int64_t k, exact_value& out) {
    if (base.is_real()) {
      if (k < 0 && base.re.is_zero()) return eval_status::undefined;
      if (!pow(base.re, k, out.re, budget_)) return budget_.exhausted() ? eval_status::over_budget : eval_status::undefined;
      out.im = rational{};
      return eval_status::ok;
    }
    const std::uint64_t magnitude = k < 0 ? static_cast<std::uint64_t>(-(k + 1)) + 1 : static_cast<std::uint64_t>(k);
    if (magnitude > budget_.caps().max_exponent) {
      budget_.fail("an exponent is larger than max_exponent");
      return eval_status::over_budget;
    }
    exact_value result;
    result.re = rational::from_i64(1);
    exact_value square = base;
    std::uint64_t e = magnitude;
    while (e != 0) {
      if ((e & 1u) != 0 && !multiply(result, square, result)) return eval_status::over_budget;
      e >>= 1;
      if (e != 0 && !multiply(square, square, square)) return eval_status::over_budget;
    }
    if (k < 0) {
      exact_value one;
      one.re = rational::from_i64(1);
      return divide(one, result, out);
    }
    out = std::move(result);
    return eval_status::ok;
  }

  /// Exact k-th root of a non-negative integer, when it is one.
  bool integer_root(const bigint& n, std::int64_t k, bigint& out) {
    if (n.is_zero() || n.is_one()) {
      out = n;
      return true;
    }
    auto small = n.magnitude_u64();
    if (small) {
      const double guess = std::pow(static_cast<double>(*small), 1.0 / static_cast<double>(k));
      const auto g = static_cast<std::uint64_t>(std::llround(guess));
      for (std::uint64_t cand = g > 0 ? g - 1 : 0; cand <= g + 1; ++cand) {
        bigint p;
        if (!pow(bigint::from_u64(cand), static_cast<std::uint64_t>(k), p, budget_)) return false;
        if (p == n) {
          out = bigint::from_u64(cand);
          return true;
        }
      }
      return false;
    }
    if (k != 2) return false;
    // Newton's method for the integer square root.
    const std::size_t bits = n.bit_length();
    bigint x;
    if (!pow(bigint::from_u64(2), (bits + 1) / 2 + 1, x, budget_)) return false;
    for (int iter = 0; iter < 4096; ++iter) {
      bigint q, r, s;
      if (!divmod(n, x, q, r, budget_) || !add(x, q, s, budget_)) return false;
      s.divide_small(2);
      if (compare(s, x) >= 0) break;
      x = std::move(s);
    }
    bigint sq;
    if (!mul(x, x, sq, budget_)) return false;
    if (sq == n) {
      out = std::move(x);
      return true;
    }
    return false;
  }

  eval_status exact_root(const exact_value& base, std::int64_t k, exact_value& out) {
    if (!base.is_real()) return eval_status::inexact;
    if (k == 1) {
      out = base;
      return eval_status::ok;
    }
    const bool negative = base.re.sign() < 0;
    if (negative && k % 2 == 0 && k != 2) return eval_status::inexact;
    const rational magnitude = negative ? base.re.negated() : base.re;
    bigint n, d;
    if (!integer_root(magnitude.num(), k, n) || !integer_root(magnitude.den(), k, d)) {
      return budget_.exhausted() ? eval_status::over_budget : eval_status::inexact;
    }
    rational r;
    if (!rational::make(std::move(n), std::move(d), r, budget_)) return eval_status::over_budget;
    if (negative && k == 2) {  // sqrt(-4) = 2i
      out.re = rational{};
      out.im = std::move(r);
      return eval_status::ok;
    }
    if (negative) r.negate();  // odd roots of negatives are real
    out.re = std::move(r);
    out.im = rational{};
    return eval_status::ok;
  }

  eval_status exact_power(std::uint32_t base_id, std::uint32_t exp_id, exact_value& out) {
    exact_value ex;
    if (auto s = exact(exp_id, ex); s != eval_status::ok) return s;
    if (!ex.is_real()) return eval_status::inexact;
    exact_value base;
    if (auto s = exact(base_id, base); s != eval_status::ok) return s;
    if (ex.re.is_integer()) {
      auto k = ex.re.num().to_i64();
      if (!k || static_cast<std::uint64_t>(*k < 0 ? -(*k + 1) : *k) >= budget_.caps().max_exponent) {
        if (base.is_real() && (base.re.is_zero() || base.re == rational::from_i64(1))) {
          out = base;
          return eval_status::ok;
        }
        if (base.is_real() && base.re == rational::from_i64(-1)) {  // (-1)^n by parity
          out = base;
          if (!ex.re.num().is_odd()) out.re = rational::from_i64(1);
          return eval_status::ok;
        }
        budget_.fail("an exponent is larger than max_exponent");
        return eval_status::over_budget;
      }
      return integer_power(base, *k, out);
    }
    // p/q: the q-th root, when exact, to the p-th power.
    auto q = ex.re.den().to_i64();
    auto p = ex.re.num().to_i64();
    if (!q || !p || *q > 64) return eval_status::inexact;
    exact_value root;
    if (auto s = exact_root(base, *q, root); s != eval_status::ok) return s;
    if (!root.is_real() && *q == 2 && base.re.sign() < 0) return eval_status::inexact;  // (-4)^{1/2}: leave to the principal branch
    return integer_power(root, *p, out);
  }

  eval_status exact_function(std::uint32_t id, exact_value& out) {
    const node& n = e_.at(id);
    const auto f = static_cast<function_id>(n.sub);
    std::vector<exact_value> args(n.count);
    for (std::uint32_t k = 0; k < n.count; ++k) {
      if (auto s = exact(e_.child(id, k), args[k]); s != eval_status::ok) return s;
    }
    auto all_real = [&] {
      return std::all_of(args.begin(), args.end(), [](const exact_value& v) { return v.is_real(); });
    };
    switch (f) {
      case function_id::abs:
        if (args.size() != 1) return eval_status::undefined;
        if (args[0].is_real()) {
          out.re = args[0].re.sign() < 0 ? args[0].re.negated() : args[0].re;
          out.im = rational{};
          return eval_status::ok;
        }
        return eval_status::inexact;
      case function_id::floor:
      case function_id::ceil: {
        if (args.size() != 1 || !args[0].is_real()) return eval_status::undefined;
        bigint q, r;
        if (!divmod(args[0].re.num(), args[0].re.den(), q, r, budget_)) return eval_status::over_budget;
        // divmod truncates toward zero
        if (!r.is_zero()) {
          if (f == function_id::floor && args[0].re.sign() < 0 && !sub(q, bigint::from_u64(1), q, budget_)) return eval_status::over_budget;
          if (f == function_id::ceil && args[0].re.sign() > 0 && !add(q, bigint::from_u64(1), q, budget_)) return eval_status::over_budget;
        }
        out.re = rational::from_integer(std::move(q));
        out.im = rational{};
        return eval_status::ok;
      }
      case function_id::max:
      case function_id::min: {
        if (args.empty() || !all_real()) return eval_status::undefined;
        std::size_t best = 0;
        for (std::size_t k = 1; k < args.size(); ++k) {
          int c = 0;
          if (!compare(args[k].re, args[best].re, c, budget_)) return eval_status::over_budget;
          if ((f == function_id::max && c > 0) || (f == function_id::min && c < 0)) best = k;
        }
        out = args[best];
        return eval_status::ok;
      }
      case function_id::gcd:
      case function_id::lcm: {
        if (args.size() < 2 || !all_real()) return eval_status::undefined;
        for (const auto& a : args) {
          if (!a.re.is_integer()) return eval_status::undefined;
        }
        bigint acc = args[0].re.num().abs();
        for (std::size_t k = 1; k < args.size(); ++k) {
          const bigint& b = args[k].re.num();
          bigint g;
          if (!gcd(acc, b, g, budget_)) return eval_status::over_budget;
          if (f == function_id::gcd) {
            acc = std::move(g);
          } else {
            if (g.is_zero()) {
              acc = bigint{};
              continue;
            }
            bigint prod, q, r;
            if (!mul(acc, b.abs(), prod, budget_) || !divmod(prod, g, q, r, budget_)) return eval_status::over_budget;
            acc = std::move(q);
          }
        }
        out.re = rational::from_integer(std::move(acc));
        out.im = rational{};
        return eval_status::ok;
      }
      case function_id::binom: {
        // C(n, k) = n (n-1) ... (n-k+1) / k! for any n, when k is a whole number.
        if (args.size() != 2 || !all_real() || !args[1].re.is_integer()) return eval_status::inexact;
        auto k = args[1].re.num().to_i64();
        if (!k) return eval_status::inexact;
        if (*k < 0) {
          out.re = rational{};
          out.im = rational{};
          return eval_status::ok;
        }
        if (static_cast<std::uint64_t>(*k) > budget_.caps().max_exponent) {
          budget_.fail("a binomial argument is larger than max_exponent");
          return eval_status::over_budget;
        }
        // n (n-1) ... (n-k+1) / k!
        rational acc = rational::from_i64(1);
        for (std::int64_t i = 0; i < *k; ++i) {
          rational term;
          if (!sub(args[0].re, rational::from_i64(i), term, budget_) ||
              !mul(acc, term, acc, budget_) || !div(acc, rational::from_i64(i + 1), acc, budget_)) {
            return eval_status::over_budget;
          }
        }
        out.re = std::move(acc);
        out.im = rational{};
        return eval_status::ok;
      }
      case function_id::mod: {
        // a mod m = a - m floor(a / m): the remainder has the sign of m (0 <= r < m for m > 0).
        if (args.size() != 2 || !all_real() || args[1].re.is_zero()) return eval_status::undefined;
        rational q;
        if (!div(args[0].re, args[1].re, q, budget_)) return eval_status::over_budget;
        bigint whole, rest;
        if (!divmod(q.num(), q.den(), whole, rest, budget_)) return eval_status::over_budget;
        if (!rest.is_zero() && q.sign() < 0 && !sub(whole, bigint::from_u64(1), whole, budget_)) return eval_status::over_budget;
        rational times;
        if (!mul(args[1].re, rational::from_integer(std::move(whole)), times, budget_) || !sub(args[0].re, times, out.re, budget_)) {
          return eval_status::over_budget;
        }
        out.im = rational{};
        return eval_status::ok;
      }
      case function_id::exp:
        if (args.size() == 1 && args[0].re.is_zero() && args[0].im.is_zero()) {
          out.re = rational::from_i64(1);
          out.im = rational{};
          return eval_status::ok;
        }
        return eval_status::inexact;
      case function_id::ln:
      case function_id::log:
      case function_id::lg:
        if (args.size() == 1 && args[0].is_real() && args[0].re == rational::from_i64(1)) {
          out = exact_value{};
          return eval_status::ok;
        }
        if (args.size() >= 1 && args[0].re.is_zero() && args[0].im.is_zero()) return eval_status::undefined;
        return eval_status::inexact;
      default: return eval_status::inexact;
    }
  }

  // -------------------------------------------------------- approximate ops

  static eval_status finite(approx_value& v) {
    if (!std::isfinite(v.v.real()) || !std::isfinite(v.v.imag()) || !std::isfinite(v.err)) return eval_status::out_of_range;
    return eval_status::ok;
  }

  static eval_status product(const approx_value& a, const approx_value& b, approx_value& out) {
    const double ma = std::abs(a.v), mb = std::abs(b.v);
    approx_value r;
    r.v = a.v * b.v;
    r.err = ma * b.err + mb * a.err + a.err * b.err + std::abs(r.v) * 3 * detail::eps;
    r.left_reals = a.left_reals || b.left_reals;
    if (r.v == std::complex<double>(0, 0) && ma != 0 && mb != 0) return eval_status::out_of_range;  // underflow
    out = r;
    return finite(out);
  }

  static eval_status quotient(const approx_value& a, const approx_value& b, approx_value& out) {
    const double mb = std::abs(b.v);
    if (mb == 0.0 || mb <= b.err) return eval_status::undefined;
    approx_value r;
    r.v = a.v / b.v;
    r.err = (a.err + std::abs(r.v) * b.err) / (mb - b.err) + std::abs(r.v) * 4 * detail::eps;
    r.left_reals = a.left_reals || b.left_reals;
    if (r.v == std::complex<double>(0, 0) && std::abs(a.v) != 0) return eval_status::out_of_range;
    out = r;
    return finite(out);
  }

  /// base^(1/k) with real odd roots of negative reals.
  static eval_status real_root(const approx_value& base, double k, approx_value& out) {
    const std::complex<double> z = base.v;
    const double mz = std::abs(z);
    if (mz == 0.0) {
      out = approx_value{0.0, std::pow(base.err, 1.0 / k), base.left_reals};
      return eval_status::ok;
    }
    approx_value r;
    r.left_reals = base.left_reals;
    if (z.imag() == 0.0 && z.real() < 0.0 && std::fmod(k, 2.0) == 1.0) {
      r.v = -std::pow(-z.real(), 1.0 / k);
    } else {
      r.v = std::pow(z, 1.0 / k);
      if (z.imag() == 0.0 && z.real() < 0.0) r.left_reals = true;
    }
    // d(z^(1/k)) = z^(1/k) / (k z) dz
    r.err = std::abs(r.v) * (base.err / (k * std::max(mz - base.err, mz * 1e-3)) + 4 * detail::eps);
    out = r;
    return finite(out);
  }

  static eval_status general_power(const approx_value& base, const approx_value& ex, approx_value& out) {
    const double mz = std::abs(base.v);
    if (mz == 0.0) {
      if (ex.v.real() > 0) {
        out = approx_value{0.0, base.err, base.left_reals || ex.left_reals};
        return eval_status::ok;
      }
      return eval_status::undefined;
    }
    const std::complex<double> lz = std::log(base.v);
    approx_value r;
    r.v = std::exp(ex.v * lz);
    r.err = std::abs(r.v) * (std::abs(ex.v) * base.err / std::max(mz - base.err, mz * 1e-3) + std::abs(lz) * ex.err +
                             8 * detail::eps * (1.0 + std::abs(ex.v * lz)));
    r.left_reals = base.left_reals || ex.left_reals ||
                   (base.v.imag() == 0.0 && base.v.real() < 0.0 && ex.v.imag() == 0.0);
    if (r.v == std::complex<double>(0, 0)) return eval_status::out_of_range;
    out = r;
    return finite(out);
  }

  eval_status approx_power(std::uint32_t base_id, std::uint32_t exp_id, approx_value& out) {
    // An integer exponent is applied by repeated multiplication (no branch cut).
    exact_value ex;
    const eval_status se = exact(exp_id, ex);
    if (se == eval_status::over_budget) return se;
    approx_value base;
    // e^x
    const node& bn = e_.at(base_id);
    if (bn.kind == node_kind::constant && static_cast<constant_id>(bn.sub) == constant_id::e) {
      approx_value x;
      if (auto s = approx(exp_id, x); s != eval_status::ok) return s;
      return exponential(x, out);
    }
    if (auto s = approx(base_id, base); s != eval_status::ok) return s;
    if (se == eval_status::ok && ex.is_real()) {
      if (ex.re.is_integer()) {
        auto k = ex.re.num().to_i64();
        if (k && *k >= -100000 && *k <= 100000) {
          approx_value result{1.0, 0.0, base.left_reals};
          approx_value square = base;
          std::uint64_t e = static_cast<std::uint64_t>(*k < 0 ? -*k : *k);
          while (e != 0) {
            if ((e & 1u) != 0) {
              if (auto s = product(result, square, result); s != eval_status::ok) return s;
            }
            e >>= 1;
            if (e != 0) {
              if (auto s = product(square, square, square); s != eval_status::ok) return s;
            }
          }
          if (*k < 0) return quotient(approx_value{1.0, 0.0, false}, result, out);
          out = result;
          return eval_status::ok;
        }
        return eval_status::out_of_range;
      }
      auto q = ex.re.den().to_i64();
      auto p = ex.re.num().to_i64();
      if (q && p && *q <= 1000000 && *p >= -1000000 && *p <= 1000000 && base.v.imag() == 0.0 && base.v.real() < 0.0 &&
          *q % 2 == 1) {
        approx_value root;
        if (auto s = real_root(base, static_cast<double>(*q), root); s != eval_status::ok) return s;
        return general_power_integer(root, *p, out);
      }
    }
    approx_value x;
    if (auto s = approx(exp_id, x); s != eval_status::ok) return s;
    return general_power(base, x, out);
  }

  static eval_status general_power_integer(const approx_value& base, std::int64_t k, approx_value& out) {
    approx_value result{1.0, 0.0, base.left_reals};
    for (std::int64_t i = 0; i < (k < 0 ? -k : k); ++i) {
      if (auto s = product(result, base, result); s != eval_status::ok) return s;
    }
    if (k < 0) return quotient(approx_value{1.0, 0.0, false}, result, out);
    out = result;
    return eval_status::ok;
  }

  static eval_status exponential(const approx_value& x, approx_value& out) {
    approx_value r;
    r.v = std::exp(x.v);
    r.err = std::abs(r.v) * (x.err + 4 * detail::eps * (1.0 + std::abs(x.v)));
    r.left_reals = x.left_reals;
    if (r.v == std::complex<double>(0, 0)) return eval_status::out_of_range;
    out = r;
    return finite(out);
  }

  eval_status approx_function(std::uint32_t id, approx_value& out) {
    const node& n = e_.at(id);
    const auto f = static_cast<function_id>(n.sub);
    using cd = std::complex<double>;
    if (f == function_id::gcd || f == function_id::lcm || f == function_id::binom || f == function_id::floor ||
        f == function_id::ceil || f == function_id::max || f == function_id::min || f == function_id::mod) {
      exact_value v;
      const eval_status s = exact(id, v);
      if (s == eval_status::ok) return from_exact(v, out);
      if (s != eval_status::inexact) return s;
      if (f == function_id::floor || f == function_id::ceil) {
        approx_value a;
        if (auto s2 = approx(e_.child(id, 0), a); s2 != eval_status::ok) return s2;
        if (a.v.imag() != 0.0) return eval_status::undefined;
        const double r = f == function_id::floor ? std::floor(a.v.real()) : std::ceil(a.v.real());
        // Near an integer the rounding error decides the side: refuse to guess.
        if (std::fabs(a.v.real() - std::round(a.v.real())) <= a.err) return eval_status::undefined;
        out = approx_value{cd(r, 0), 0.0, a.left_reals};
        return eval_status::ok;
      }
      if (f == function_id::max || f == function_id::min) {
        approx_value best;
        for (std::uint32_t k = 0; k < n.count; ++k) {
          approx_value a;
          if (auto s2 = approx(e_.child(id, k), a); s2 != eval_status::ok) return s2;
          if (a.v.imag() != 0.0) return eval_status::undefined;
          if (k == 0 || (f == function_id::max ? a.v.real() > best.v.real() : a.v.real() < best.v.real())) best = a;
        }
        out = best;
        return eval_status::ok;
      }
      return eval_status::undefined;
    }
    if (n.count == 0) return eval_status::undefined;
    approx_value a;
    if (auto s = approx(e_.child(id, 0), a, is_trigonometric(f)); s != eval_status::ok) return s;
    const cd z = a.v;
    const bool real_in = z.imag() == 0.0;
    approx_value r;
    r.left_reals = a.left_reals;
    double deriv = 1.0;
    switch (f) {
      case function_id::sin: r.v = std::sin(z); deriv = std::abs(std::cos(z)); break;
      case function_id::cos: r.v = std::cos(z); deriv = std::abs(std::sin(z)); break;
      case function_id::tan:
        r.v = std::tan(z);
        deriv = std::abs(1.0 + r.v * r.v);
        if (std::fabs(std::cos(z.real())) < 1e-12 && real_in) return eval_status::undefined;
        break;
      case function_id::cot:
      case function_id::sec:
      case function_id::csc: {
        const cd base = f == function_id::cot ? std::tan(z) : f == function_id::sec ? std::cos(z) : std::sin(z);
        const double db = f == function_id::cot ? std::abs(1.0 + base * base) : f == function_id::sec ? std::abs(std::sin(z)) : std::abs(std::cos(z));
        const double mb = std::abs(base);
        const double berr = db * a.err + 4 * detail::eps * (1 + mb);
        if (mb <= berr) return eval_status::undefined;
        r.v = 1.0 / base;
        r.err = berr / (mb * (mb - berr)) + std::abs(r.v) * 4 * detail::eps;
        out = r;
        return finite(out);
      }
      case function_id::asin:
      case function_id::acos:
        r.v = f == function_id::asin ? std::asin(z) : std::acos(z);
        deriv = 1.0 / std::max(std::sqrt(std::abs(1.0 - z * z)), 1e-8);
        if (real_in && std::fabs(z.real()) > 1.0) r.left_reals = true;
        break;
      case function_id::atan: r.v = std::atan(z); deriv = 1.0 / std::max(std::abs(1.0 + z * z), 1e-8); break;
      case function_id::acot:
        if (std::abs(z) == 0.0) {
          r.v = cd(3.14159265358979323846 / 2, 0);
        } else {
          r.v = std::atan(1.0 / z);
        }
        deriv = 1.0 / std::max(std::abs(1.0 + z * z), 1e-8);
        break;
      case function_id::asec:
      case function_id::acsc: {
        if (std::abs(z) <= a.err) return eval_status::undefined;
        const cd inv = 1.0 / z;
        r.v = f == function_id::asec ? std::acos(inv) : std::asin(inv);
        deriv = 1.0 / std::max(std::abs(z) * std::sqrt(std::abs(z * z - 1.0)), 1e-8);
        if (real_in && std::fabs(z.real()) < 1.0) r.left_reals = true;
        break;
      }
      case function_id::sinh: r.v = std::sinh(z); deriv = std::abs(std::cosh(z)); break;
      case function_id::cosh: r.v = std::cosh(z); deriv = std::abs(std::sinh(z)); break;
      case function_id::tanh: r.v = std::tanh(z); deriv = std::abs(1.0 - r.v * r.v); break;
      case function_id::coth: {
        const cd t = std::tanh(z);
        if (std::abs(t) <= a.err + detail::eps) return eval_status::undefined;
        r.v = 1.0 / t;
        deriv = std::abs(1.0 - r.v * r.v);
        break;
      }
      case function_id::ln:
      case function_id::log:
      case function_id::lg: {
        if (std::abs(z) <= a.err) return eval_status::undefined;
        r.v = std::log(z);
        deriv = 1.0 / (std::abs(z) - a.err);
        if (real_in && z.real() < 0) r.left_reals = true;
        double divisor_err = 0.0;
        cd divisor(1.0, 0.0);
        if (f == function_id::lg) {
          divisor = cd(std::log(10.0), 0.0);
          divisor_err = 2 * detail::eps;
        } else if (n.count >= 2) {  // log base b
          approx_value b;
          if (auto s = approx(e_.child(id, 1), b); s != eval_status::ok) return s;
          if (std::abs(b.v) <= b.err) return eval_status::undefined;
          divisor = std::log(b.v);
          divisor_err = b.err / (std::abs(b.v) - b.err) + 2 * detail::eps;
          if (b.v.imag() == 0.0 && b.v.real() < 0) r.left_reals = true;
        }
        r.err = deriv * a.err + 4 * detail::eps * (1.0 + std::abs(r.v));
        approx_value num = r;
        return quotient(num, approx_value{divisor, divisor_err, false}, out);
      }
      case function_id::exp: return exponential(a, out);
      case function_id::abs:
        r.v = cd(std::abs(z), 0.0);
        r.err = a.err + std::abs(z) * 2 * detail::eps;
        out = r;
        return finite(out);
      default: return eval_status::undefined;
    }
    r.err = deriv * a.err + 4 * detail::eps * (1.0 + std::abs(r.v));
    out = r;
    return finite(out);
  }

  eval_status ratio_approx(std::uint32_t id, approx_value& out) {
    if (e_.at(id).count != 2) return eval_status::not_scalar;
    approx_value a, b;
    if (auto s = approx(e_.child(id, 0), a); s != eval_status::ok) return s;
    if (auto s = approx(e_.child(id, 1), b); s != eval_status::ok) return s;
    return quotient(a, b, out);
  }
};

}  // namespace math
TRANSFERSCORE_END_NAMESPACE
