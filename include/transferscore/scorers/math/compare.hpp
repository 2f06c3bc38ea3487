#pragma once
// Equivalence of two parsed answers, without a computer algebra system.
//
// Structure first (tuples ordered, sets and solution lists unordered, intervals by
// endpoints and brackets, matrices by shape and entries, equations by solution set up to a
// non-zero factor, inequalities as intervals), then numbers: exact Gaussian-rational
// arithmetic where the values are rational, and floating evaluation with error bounds where
// they are not. Expressions with free variables are compared at deterministic
// pseudo-random points (identity testing): exactly at rational points when both sides are
// rational functions, approximately otherwise. The policy is docs/math.md.

#include <transferscore/config.hpp>
#include <transferscore/scorers/math/evaluate.hpp>
#include <transferscore/scorers/math/expr.hpp>
#include <transferscore/scorers/math/results.hpp>
#include <transferscore/scorers/math/options.hpp>
#include <transferscore/scorers/math/parser.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace math {

namespace detail {

// ------------------------------------------------------------- tree queries

template <class Pred>
[[nodiscard]] bool any_node(const expr& e, std::uint32_t id, Pred&& pred) {
  if (pred(e.at(id), id)) return true;
  for (auto c : e.children(id)) {
    if (any_node(e, c, pred)) return true;
  }
  return false;
}

inline void collect_plus_minus(const expr& e, std::uint32_t id, std::vector<std::uint32_t>& out) {
  if (e.at(id).kind == node_kind::plus_minus) out.push_back(id);
  for (auto c : e.children(id)) collect_plus_minus(e, c, out);
}

inline void collect_symbols(const expr& e, std::uint32_t id, bool fold, std::vector<std::string>& out) {
  if (e.at(id).kind == node_kind::symbol) {
    std::string name = folded_name(e.name(id), fold);
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
  }
  for (auto c : e.children(id)) collect_symbols(e, c, fold, out);
}

[[nodiscard]] inline bool has_decimal(const expr& e, std::uint32_t id) {
  return any_node(e, id, [](const node& n, std::uint32_t) { return n.kind == node_kind::number && (n.flags & decimal_literal) != 0; });
}

/// Floors, ceilings, remainders, factorials, gcd/lcm: functions that jump (or are only
/// defined) at whole numbers.
[[nodiscard]] inline bool has_step_function(const expr& e, std::uint32_t id) {
  return any_node(e, id, [](const node& n, std::uint32_t) {
    if (n.kind == node_kind::factorial) return true;
    if (n.kind != node_kind::func) return false;
    switch (static_cast<function_id>(n.sub)) {
      case function_id::floor: case function_id::ceil: case function_id::mod: case function_id::gcd: case function_id::lcm:
        return true;
      default: return false;
    }
  });
}

/// Whole-number sample points for answers with step functions.
inline constexpr unsigned integer_points = 20;

[[nodiscard]] inline bool has_imaginary(const expr& e, std::uint32_t id) {
  return any_node(e, id, [](const node& n, std::uint32_t) {
    return n.kind == node_kind::constant && static_cast<constant_id>(n.sub) == constant_id::i;
  });
}

[[nodiscard]] inline bool same_structure(const expr& a, std::uint32_t x, const expr& b, std::uint32_t y) {
  const node& n = a.at(x);
  const node& m = b.at(y);
  if (n.kind != m.kind || n.count != m.count || n.sub != m.sub) return false;
  switch (n.kind) {
    case node_kind::number:
      if (!(a.number(x) == b.number(y))) return false;
      break;
    case node_kind::symbol: case node_kind::text: case node_kind::base_numeral:
      if (a.name(x) != b.name(y)) return false;
      break;
    case node_kind::matrix:
      if (n.payload != m.payload) return false;
      break;
    case node_kind::relation:
      for (std::uint32_t k = 0; k + 1 < n.count; ++k) {
        if (a.op(x, k) != b.op(y, k)) return false;
      }
      break;
    default: break;
  }
  for (std::uint32_t k = 0; k < n.count; ++k) {
    if (!same_structure(a, a.child(x, k), b, b.child(y, k))) return false;
  }
  return true;
}

/// +1 for oo and +oo, -1 for -oo; nothing for anything else.
[[nodiscard]] inline std::optional<int> infinity_sign(const expr& e, std::uint32_t id) {
  const node& n = e.at(id);
  if (n.kind == node_kind::constant && static_cast<constant_id>(n.sub) == constant_id::infinity) return 1;
  if (n.kind == node_kind::neg) {
    auto s = infinity_sign(e, e.child(id, 0));
    if (s) return -*s;
  }
  if (n.kind == node_kind::add && n.count == 1) return infinity_sign(e, e.child(id, 0));
  return std::nullopt;
}

// ------------------------------------------------------------- sample points

[[nodiscard]] inline std::uint64_t splitmix64(std::uint64_t x) noexcept {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

[[nodiscard]] inline std::uint64_t fnv1a(std::string_view s) noexcept {
  std::uint64_t h = 0xCBF29CE484222325ull;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001B3ull;
  }
  return h;
}

/// A deterministic rational n/d (d prime in 7..23, n not a multiple of d, |n/d| < 9):
/// no integers, no special angles, the same on every machine.
[[nodiscard]] inline rational sample_rational(std::uint64_t bits, bool positive) {
  constexpr std::int64_t dens[] = {7, 11, 13, 17, 19, 23};
  const std::int64_t d = dens[bits % 6];
  std::int64_t n = 1 + static_cast<std::int64_t>((bits >> 8) % static_cast<std::uint64_t>(8 * d));
  if (n % d == 0) n += 1;
  if (!positive && ((bits >> 40) & 1u) != 0) n = -n;
  rational r;
  work_budget unlimited{limits{}};
  (void)rational::make(bigint::from_i64(n), bigint::from_i64(d), r, unlimited);
  return r;
}

[[nodiscard]] inline exact_value sample_value(std::string_view name, unsigned point, bool complex) {
  const std::uint64_t h = splitmix64(fnv1a(name) ^ (0x5851F42D4C957F2Dull * (point + 1)));
  exact_value v;
  v.re = sample_rational(h, point < 2);
  if (complex) v.im = sample_rational(splitmix64(h), false);
  return v;
}

// ------------------------------------------------------------- text answers

inline constexpr std::string_view empty_set_words[] = {
    "emptyset", "empty set", "the empty set", "no solution", "no solutions", "no real solution",
    "no real solutions", "none", "no such", "there is no solution", "no real roots", "no roots"};

[[nodiscard]] inline bool means_empty_set(std::string_view normalized) {
  for (auto w : empty_set_words) {
    if (w == normalized) return true;
  }
  return false;
}

}  // namespace detail

/// Compares the trees of two parsed answers (gold first: the comparison is not symmetric
/// where docs/math.md says so).
class comparer {
 public:
  comparer(const expr& gold, const expr& pred, const options& opts, work_budget& budget)
      : g_(gold), p_(pred), opt_(opts), budget_(budget) {
    // The relative tolerance as an exact rational (1e-6 is exactly 1/1000000 here).
    char buffer[64];
    auto [ptr, ec] = std::to_chars(buffer, buffer + sizeof buffer, opts.relative_tolerance);
    std::string_view text(buffer, ec == std::errc{} ? static_cast<std::size_t>(ptr - buffer) : 0);
    std::int64_t exponent = 0;
    if (auto e = text.find_first_of("eE"); e != std::string_view::npos) {
      std::int64_t v = 0;
      std::from_chars(text.data() + e + 1 + (text[e + 1] == '+' ? 1 : 0), text.data() + text.size(), v);
      exponent = v;
      text = text.substr(0, e);
    }
    work_budget scratch{limits{}};
    if (text.empty() || text.front() == '-' || !rational::from_decimal(text, exponent, tolerance_, scratch)) {
      tolerance_ = rational{};
    }
  }

  /// Root against root, trying the readings of a percent sign the policy allows.
  [[nodiscard]] match run() {
    if (g_.empty() || p_.empty()) return match::different;
    const bool percent = detail::any_node(g_, g_.root, [](const node& n, std::uint32_t) { return n.kind == node_kind::percent; }) ||
                         detail::any_node(p_, p_.root, [](const node& n, std::uint32_t) { return n.kind == node_kind::percent; });
    bool modes[2] = {false, true};
    std::size_t first = 0, last = 1;
    if (!percent || opt_.percent == percent_policy::strip) last = 0;
    if (percent && opt_.percent == percent_policy::fraction) first = 1;
    for (std::size_t m = first; m <= last; ++m) {
      fraction_ = modes[m];
      const match r = same(elem{&g_, g_.root, 0, false}, elem{&p_, p_.root, 0, false});
      if (r != match::different) return r;
    }
    return match::different;
  }

 private:
  struct elem {
    const expr* e;
    std::uint32_t id;
    std::uint32_t signs;  ///< choices for the \pm nodes below, when fixed
    bool fixed;           ///< the \pm nodes below have been expanded
    [[nodiscard]] const node& n() const { return e->at(id); }
    [[nodiscard]] node_kind kind() const { return e->at(id).kind; }
    [[nodiscard]] elem child(std::size_t k) const { return elem{e, e->child(id, k), signs, fixed}; }
    [[nodiscard]] std::uint32_t count() const { return e->at(id).count; }
  };

  struct interval_part {
    std::optional<elem> lo, hi;  // nothing = infinite
    bool lo_closed = false, hi_closed = false;
  };
  struct interval_set {
    std::vector<interval_part> parts;
    bool from_relation = false;
    std::string variable;
  };

  const expr& g_;
  const expr& p_;
  const options& opt_;
  work_budget& budget_;
  rational tolerance_;
  bool fraction_ = false;
  std::vector<std::uint32_t> pm_scratch_g_, pm_scratch_p_;

  [[nodiscard]] bool is_gold(const elem& x) const noexcept { return x.e == &g_; }

  static match both(match a, match b) {
    if (a == match::over_budget || b == match::over_budget) return match::over_budget;
    return a == match::equal && b == match::equal ? match::equal : match::different;
  }

  // ------------------------------------------------------------ dispatch

  match same(elem a, elem b) {
    if (!budget_.charge(1)) return match::over_budget;
    if (a.signs == b.signs && a.fixed == b.fixed && detail::same_structure(*a.e, a.id, *b.e, b.id)) return match::equal;
    a = strip(a);
    b = strip(b);
    const node_kind ka = a.kind(), kb = b.kind();

    if (ka == node_kind::relation && kb == node_kind::relation) return relations(a, b);
    if (ka == node_kind::relation || kb == node_kind::relation) {
      if (auto m = approximation(a, b)) return *m;
      if (auto ia = intervals(a); ia && interval_like(b)) return interval_sets(a, b);
      if (auto ib = intervals(b); ib && interval_like(a)) return interval_sets(a, b);
      if (ka == node_kind::relation) {
        if (auto v = assignment_value(a)) return same(*v, b);
        return match::different;
      }
      if (auto v = assignment_value(b)) return same(a, *v);
      return match::different;
    }
    if (named(a) || named(b)) return named_coordinates(a, b);
    if (interval_like(a) || interval_like(b)) {
      if ((ka == node_kind::tuple && kb == node_kind::tuple)) return tuples(a, b);
      return interval_sets(a, b);
    }
    if (ka == node_kind::text || kb == node_kind::text) return text(a, b);
    if (ka == node_kind::empty_set || kb == node_kind::empty_set) {
      auto empty = [](const elem& x) {
        return x.kind() == node_kind::empty_set || (x.kind() == node_kind::text && detail::means_empty_set(x.e->name(x.id)));
      };
      return empty(a) && empty(b) ? match::equal : match::different;
    }
    if (ka == node_kind::matrix || kb == node_kind::matrix) return matrices(a, b);
    if (ka == node_kind::tuple || kb == node_kind::tuple) return tuples(a, b);
    if (ka == node_kind::list || ka == node_kind::set || kb == node_kind::list || kb == node_kind::set) {
      std::vector<elem> ea, eb;
      elements(a, ea);
      elements(b, eb);
      return unordered(ea, eb);
    }
    if (ka == node_kind::base_numeral || kb == node_kind::base_numeral) return base_numerals(a, b);
    if (ka == node_kind::ratio && kb == node_kind::ratio && (a.count() > 2 || b.count() > 2)) return ratios(a, b);
    if (ka == node_kind::ellipsis || kb == node_kind::ellipsis) return match::different;
    return scalar(a, b);
  }

  /// Presentation wrappers with no value of their own: a degree sign outside trigonometry.
  elem strip(elem x) const {
    while (x.kind() == node_kind::degree) x = x.child(0);
    return x;
  }

  // ------------------------------------------------------------ relations

  [[nodiscard]] static bool all_ops(const elem& r, relop op) {
    for (std::uint32_t k = 0; k + 1 < r.count(); ++k) {
      if (r.e->op(r.id, k) != op) return false;
    }
    return true;
  }

  /// Something a value is assigned to: x, x_1, f(x), (x, y).
  [[nodiscard]] static bool assignable(const elem& x) {
    switch (x.kind()) {
      case node_kind::symbol: return true;
      case node_kind::mul:
        return x.count() == 2 && x.child(0).kind() == node_kind::symbol &&
               (x.child(1).kind() == node_kind::symbol || x.child(1).kind() == node_kind::tuple);
      case node_kind::tuple:
        for (std::uint32_t k = 0; k < x.count(); ++k) {
          if (x.child(k).kind() != node_kind::symbol) return false;
        }
        return true;
      default: return false;
    }
  }

  /// The value a relation states: x = 3 gives 3, x \in S gives S, x \approx 3.14 gives 3.14;
  /// a prediction's chain a = b = 101 gives 101.
  std::optional<elem> assignment_value(const elem& r) const {
    if (r.kind() != node_kind::relation || r.count() < 2) return std::nullopt;
    const elem last = r.child(r.count() - 1);
    if (r.count() == 2 && r.e->op(r.id, 0) == relop::in) return last;
    bool eq_like = true;
    for (std::uint32_t k = 0; k + 1 < r.count(); ++k) {
      const relop op = r.e->op(r.id, k);
      if (op != relop::eq && op != relop::approx) eq_like = false;
    }
    if (!eq_like) return std::nullopt;
    if (assignable(r.child(0)) || label(r.child(0))) return last;
    if (!is_gold(r) || r.count() > 2) return last;  // a prediction's working: 2 + 3 = 5
    return std::nullopt;
  }

  /// A name for a quantity, made of letters only: AB, |AB|, \frac{NO}{BO}, S_{MBCN} : S,
  /// BC^2. A gold "label = value" states the value (x + y = 3 is not a label: it has a sum).
  [[nodiscard]] static bool label(const elem& x) {
    switch (x.kind()) {
      case node_kind::symbol: return true;
      case node_kind::mul: case node_kind::div: case node_kind::ratio:
        for (std::uint32_t k = 0; k < x.count(); ++k) {
          if (!label(x.child(k))) return false;
        }
        return x.count() > 0;
      case node_kind::pow:
        return label(x.child(0)) && x.child(1).kind() == node_kind::number;
      case node_kind::func:
        return static_cast<function_id>(x.n().sub) == function_id::abs && x.count() == 1 && label(x.child(0));
      default: return false;
    }
  }

  /// A prediction "exact \approx decimal" (2\sqrt3 \approx 3.46, A = 6\pi \approx 18.85): the
  /// operand before the first \approx is the answer; the approximation counts only when the
  /// gold is itself a decimal (it asked for the rounded value) or nothing exact was written.
  std::optional<match> approximation(const elem& gold, const elem& r) {
    if (r.kind() != node_kind::relation || is_gold(r) || gold.kind() == node_kind::relation) return std::nullopt;
    std::uint32_t first_approx = r.count();
    for (std::uint32_t k = 0; k + 1 < r.count(); ++k) {
      const relop op = r.e->op(r.id, k);
      if (op == relop::approx && first_approx == r.count()) first_approx = k;
      if (op != relop::eq && op != relop::approx) return std::nullopt;
    }
    if (first_approx == r.count()) return std::nullopt;
    const elem exact = r.child(first_approx);
    const elem rounded = r.child(r.count() - 1);
    if (first_approx == 0 && (assignable(exact) || label(exact))) return same(gold, rounded);  // x \approx 600
    const match m = same(gold, exact);
    if (m != match::different) return m;
    if (detail::has_decimal(*gold.e, gold.id)) return same(gold, rounded);
    return match::different;
  }

  match relations(elem a, elem b) {
    if (intervals(a) && intervals(b)) return interval_sets(a, b);
    const bool eq_a = all_ops(a, relop::eq), eq_b = all_ops(b, relop::eq);
    if (eq_a && eq_b) {
      // x = 1 + 2 = 3 states x = 3: compare first and last operands.
      return equations(a.child(0), a.child(a.count() - 1), b.child(0), b.child(b.count() - 1));
    }
    if (a.count() == 2 && b.count() == 2) {
      const relop oa = a.e->op(a.id, 0), ob = b.e->op(b.id, 0);
      if (oa == relop::in && ob == relop::in) return both(same(a.child(0), b.child(0)), same(a.child(1), b.child(1)));
      if (oa == relop::approx || ob == relop::approx) {
        auto va = assignment_value(a), vb = assignment_value(b);
        if (va && vb) return same(*va, *vb);
      }
      return inequalities(a, b);
    }
    if (a.count() == b.count()) {
      for (std::uint32_t k = 0; k + 1 < a.count(); ++k) {
        if (a.e->op(a.id, k) != b.e->op(b.id, k)) return match::different;
      }
      for (std::uint32_t k = 0; k < a.count(); ++k) {
        const match m = same(a.child(k), b.child(k));
        if (m != match::equal) return m;
      }
      return match::equal;
    }
    return match::different;
  }

  match equations(elem la, elem ra, elem lb, elem rb) {
    // With variables, proportionality covers the same sides (factor 1) and swapped sides (-1).
    std::vector<std::string> names;
    for (const elem* x : {&la, &ra, &lb, &rb}) detail::collect_symbols(*x->e, x->id, opt_.case_fold_variables, names);
    if (!names.empty()) return proportional(la, ra, lb, rb, false);
    const match direct = both(same(la, lb), same(ra, rb));
    if (direct != match::different) return direct;
    return both(same(la, rb), same(ra, lb));
  }

  /// a: l1 op r1 and b: l2 op r2 for one of < <= > >= != (not convertible to intervals).
  match inequalities(elem a, elem b) {
    auto normal = [](const elem& r, elem& low, elem& high, relop& op) {
      op = r.e->op(r.id, 0);
      low = r.child(0);
      high = r.child(1);
      if (op == relop::gt || op == relop::ge) {
        std::swap(low, high);
        op = op == relop::gt ? relop::lt : relop::le;
      }
      return op == relop::lt || op == relop::le || op == relop::ne || op == relop::eq;
    };
    elem la = a, ha = a, lb = b, hb = b;
    relop oa{}, ob{};
    if (!normal(a, la, ha, oa) || !normal(b, lb, hb, ob) || oa != ob) return match::different;
    const match direct = both(same(la, lb), same(ha, hb));
    if (direct != match::different) return direct;
    if (oa == relop::ne || oa == relop::eq) {
      const match swapped = both(same(la, hb), same(ha, lb));
      if (swapped != match::different) return swapped;
    }
    // high - low > 0 scaled by a positive factor.
    return proportional(ha, la, hb, lb, oa != relop::ne && oa != relop::eq);
  }

  /// l1 - r1 = c (l2 - r2) for one non-zero constant c (positive when `positive`), tested at
  /// sample points of the variables.
  match proportional(elem l1, elem r1, elem l2, elem r2, bool positive) {
    std::vector<std::string> names;
    for (const elem* x : {&l1, &r1, &l2, &r2}) detail::collect_symbols(*x->e, x->id, opt_.case_fold_variables, names);
    if (names.empty()) return match::different;
    std::sort(names.begin(), names.end());
    std::optional<std::complex<double>> ratio;
    std::optional<exact_value> exact_ratio;
    int informative = 0;
    const unsigned points = std::max(4u, opt_.sample_points);
    for (unsigned k = 0; k < points; ++k) {
      const binding& vars = bind(names, k, false);
      exact_value d1, d2;
      const eval_status s1 = difference_exact(l1, r1, vars, d1);
      const eval_status s2 = difference_exact(l2, r2, vars, d2);
      if (s1 == eval_status::over_budget || s2 == eval_status::over_budget) return match::over_budget;
      if (s1 == eval_status::not_scalar || s2 == eval_status::not_scalar) return match::different;
      if (s1 == eval_status::ok && s2 == eval_status::ok) {
        const bool z1 = d1.re.is_zero() && d1.im.is_zero(), z2 = d2.re.is_zero() && d2.im.is_zero();
        if (z1 && z2) continue;
        if (z1 != z2) return match::different;
        exact_value q;
        if (!exact_divide(d1, d2, q)) return match::over_budget;
        if (exact_ratio) {
          if (!(q.re == exact_ratio->re && q.im == exact_ratio->im)) return match::different;
        } else {
          if (positive && (!q.is_real() || q.re.sign() <= 0)) return match::different;
          exact_ratio = q;
        }
        ++informative;
        continue;
      }
      approx_value a1, a2;
      const eval_status t1 = difference_approx(l1, r1, vars, a1);
      const eval_status t2 = difference_approx(l2, r2, vars, a2);
      if (t1 == eval_status::over_budget || t2 == eval_status::over_budget) return match::over_budget;
      if (t1 != eval_status::ok || t2 != eval_status::ok || a1.left_reals || a2.left_reals) continue;
      const bool z1 = std::abs(a1.v) <= 8 * a1.err, z2 = std::abs(a2.v) <= 8 * a2.err;
      if (z1 && z2) continue;
      if (z1 != z2) return match::different;
      const std::complex<double> q = a1.v / a2.v;
      const double qerr = (a1.err + std::abs(q) * a2.err) / std::abs(a2.v);
      if (ratio) {
        if (std::abs(q - *ratio) > 16 * qerr + 1e-10 * std::abs(q)) return match::different;
      } else {
        if (positive && (std::fabs(q.imag()) > 16 * qerr || q.real() <= 0)) return match::different;
        ratio = q;
      }
      ++informative;
    }
    return informative >= 2 ? match::equal : match::different;
  }

  bool exact_divide(const exact_value& a, const exact_value& b, exact_value& out) {
    // a / b with b != 0
    if (b.is_real()) return div(a.re, b.re, out.re, budget_) && div(a.im, b.re, out.im, budget_);
    rational r2, i2, norm, ac, bd, bc, ad, re, im;
    return mul(b.re, b.re, r2, budget_) && mul(b.im, b.im, i2, budget_) && add(r2, i2, norm, budget_) &&
           mul(a.re, b.re, ac, budget_) && mul(a.im, b.im, bd, budget_) && mul(a.im, b.re, bc, budget_) &&
           mul(a.re, b.im, ad, budget_) && add(ac, bd, re, budget_) && sub(bc, ad, im, budget_) &&
           div(re, norm, out.re, budget_) && div(im, norm, out.im, budget_);
  }

  eval_status difference_exact(const elem& l, const elem& r, const binding& vars, exact_value& out) {
    exact_value a, b;
    std::vector<std::uint32_t> pl, pr;
    evaluator el(*l.e, choices(l, &pl, &vars), budget_);
    evaluator er(*r.e, choices(r, &pr, &vars), budget_);
    if (auto s = el.exact(l.id, a); s != eval_status::ok) return s;
    if (auto s = er.exact(r.id, b); s != eval_status::ok) return s;
    if (!sub(a.re, b.re, out.re, budget_) || !sub(a.im, b.im, out.im, budget_)) return eval_status::over_budget;
    return eval_status::ok;
  }

  eval_status difference_approx(const elem& l, const elem& r, const binding& vars, approx_value& out) {
    approx_value a, b;
    std::vector<std::uint32_t> pl, pr;
    evaluator el(*l.e, choices(l, &pl, &vars), budget_);
    evaluator er(*r.e, choices(r, &pr, &vars), budget_);
    if (auto s = el.approx(l.id, a); s != eval_status::ok) return s;
    if (auto s = er.approx(r.id, b); s != eval_status::ok) return s;
    out.v = a.v - b.v;
    out.err = a.err + b.err + std::abs(out.v) * detail::eps;
    out.left_reals = a.left_reals || b.left_reals;
    return eval_status::ok;
  }

  // ------------------------------------------------------------ intervals

  [[nodiscard]] bool interval_like(const elem& x) const {
    switch (x.kind()) {
      case node_kind::interval: case node_kind::set_union: return true;
      case node_kind::relation: return intervals(x).has_value();
      case node_kind::list: {
        // x < 1 or x > 2
        if (x.count() == 0) return false;
        for (std::uint32_t k = 0; k < x.count(); ++k) {
          const elem c = x.child(k);
          if (c.kind() != node_kind::relation || !intervals(c)) return false;
        }
        return true;
      }
      default: return false;
    }
  }

  /// The single variable of a relation side, if it is one.
  [[nodiscard]] static std::optional<std::string> variable_of(const elem& x) {
    if (x.kind() == node_kind::symbol) return std::string(x.e->name(x.id));
    // f(x), xy: one quantity named by letters (0 < f(x) < 1 is the interval (0, 1) of f(x)).
    if (x.kind() == node_kind::mul && x.count() >= 2) {
      std::string name;
      for (std::uint32_t k = 0; k < x.count(); ++k) {
        if (x.child(k).kind() != node_kind::symbol) return std::nullopt;
        name += x.e->name(x.child(k).id);
        name += '*';
      }
      return name;
    }
    return std::nullopt;
  }

  [[nodiscard]] std::optional<elem> finite_end(const elem& x) const {
    if (detail::infinity_sign(*x.e, x.id)) return std::nullopt;
    return x;
  }

  /// The union of intervals an answer denotes, when it denotes one.
  std::optional<interval_set> intervals(const elem& x) const {
    interval_set out;
    switch (x.kind()) {
      case node_kind::interval: case node_kind::tuple: {
        if (x.count() != 2) return std::nullopt;
        if (x.kind() == node_kind::tuple && x.n().sub == static_cast<std::uint8_t>(bracket_kind::angle)) return std::nullopt;
        interval_part part;
        const elem lo = x.child(0), hi = x.child(1);
        const auto ls = detail::infinity_sign(*lo.e, lo.id), hs = detail::infinity_sign(*hi.e, hi.id);
        if ((ls && *ls > 0) || (hs && *hs < 0)) return std::nullopt;
        if (!ls) part.lo = lo;
        if (!hs) part.hi = hi;
        if (x.kind() == node_kind::interval) {
          part.lo_closed = (x.n().sub & 1) != 0;
          part.hi_closed = (x.n().sub & 2) != 0;
        } else {
          part.lo_closed = part.hi_closed = x.n().sub == static_cast<std::uint8_t>(bracket_kind::square);
        }
        out.parts.push_back(part);
        return out;
      }
      case node_kind::empty_set: return out;
      case node_kind::set_union:
      case node_kind::list: {
        if (x.kind() == node_kind::list && x.n().sub == 2) return std::nullopt;  // "and" is an intersection
        for (std::uint32_t k = 0; k < x.count(); ++k) {
          auto part = intervals(x.child(k));
          if (!part) return std::nullopt;
          if (part->from_relation) {
            if (out.from_relation && out.variable != part->variable) return std::nullopt;
            out.from_relation = true;
            out.variable = part->variable;
          }
          out.parts.insert(out.parts.end(), part->parts.begin(), part->parts.end());
        }
        if (x.kind() == node_kind::list && !out.from_relation) return std::nullopt;
        return out;
      }
      case node_kind::relation: return relation_intervals(x);
      default: return std::nullopt;
    }
  }

  std::optional<interval_set> relation_intervals(const elem& r) const {
    interval_set out;
    out.from_relation = true;
    auto is_lower = [](relop op) { return op == relop::lt || op == relop::le; };
    auto is_upper = [](relop op) { return op == relop::gt || op == relop::ge; };
    if (r.count() == 2) {
      const relop op = r.e->op(r.id, 0);
      const elem l = r.child(0), rr = r.child(1);
      if (op == relop::in) {
        auto var = variable_of(l);
        if (!var) return std::nullopt;
        auto set = intervals(rr);
        if (!set || set->from_relation) return std::nullopt;
        set->from_relation = true;
        set->variable = opt_.case_fold_variables ? folded_name(*var, true) : *var;
        return set;
      }
      if (op == relop::eq || op == relop::approx) return std::nullopt;
      auto lv = variable_of(l), rv = variable_of(rr);
      if (lv && rv) return std::nullopt;  // x < y: two variables, no interval
      if (!lv && !rv) return std::nullopt;
      const bool var_left = lv.has_value();
      out.variable = var_left ? *lv : *rv;
      const elem bound = var_left ? rr : l;
      // Read "a < x" as "x > a".
      relop o = op;
      if (!var_left) {
        if (op == relop::lt) o = relop::gt;
        else if (op == relop::le) o = relop::ge;
        else if (op == relop::gt) o = relop::lt;
        else if (op == relop::ge) o = relop::le;
      }
      if (o == relop::ne) {
        out.parts.push_back(interval_part{std::nullopt, bound, false, false});
        out.parts.push_back(interval_part{bound, std::nullopt, false, false});
      } else if (is_lower(o)) {
        out.parts.push_back(interval_part{std::nullopt, bound, false, o == relop::le});
      } else if (is_upper(o)) {
        out.parts.push_back(interval_part{bound, std::nullopt, o == relop::ge, false});
      } else {
        return std::nullopt;
      }
      // Bounds may not mention the variable, and infinite bounds are open ends.
      for (auto& part : out.parts) {
        for (auto* end : {&part.lo, &part.hi}) {
          if (*end && mentions(**end, out.variable)) return std::nullopt;
          if (*end && detail::infinity_sign(*(*end)->e, (*end)->id)) *end = std::nullopt;
        }
      }
      if (opt_.case_fold_variables) out.variable = folded_name(out.variable, true);
      return out;
    }
    if (r.count() == 3) {
      const relop o1 = r.e->op(r.id, 0), o2 = r.e->op(r.id, 1);
      auto var = variable_of(r.child(1));
      if (!var) return std::nullopt;
      out.variable = opt_.case_fold_variables ? folded_name(*var, true) : *var;
      elem lo = r.child(0), hi = r.child(2);
      bool lo_closed = false, hi_closed = false;
      if (is_lower(o1) && is_lower(o2)) {
        lo_closed = o1 == relop::le;
        hi_closed = o2 == relop::le;
      } else if (is_upper(o1) && is_upper(o2)) {
        std::swap(lo, hi);
        hi_closed = o1 == relop::ge;
        lo_closed = o2 == relop::ge;
      } else {
        return std::nullopt;
      }
      if (mentions(lo, *var) || mentions(hi, *var)) return std::nullopt;
      interval_part part{finite_end(lo), finite_end(hi), lo_closed, hi_closed};
      out.parts.push_back(part);
      return out;
    }
    return std::nullopt;
  }

  [[nodiscard]] static std::string folded_name(std::string_view name, bool fold) { return detail::folded_name(name, fold); }

  [[nodiscard]] bool mentions(const elem& x, std::string_view variable) const {
    const bool fold = opt_.case_fold_variables;
    return detail::any_node(*x.e, x.id, [&](const node& n, std::uint32_t id) {
      return n.kind == node_kind::symbol && folded_name(x.e->name(id), fold) == folded_name(variable, fold);
    });
  }

  match interval_sets(elem a, elem b) {
    auto ia = intervals(a);
    auto ib = intervals(b);
    if (!ia || !ib) return match::different;
    // Math-Verify's asymmetry on request: only a relation gold accepts an interval answer.
    if (!opt_.relation_set_symmetric && ib->from_relation && !ia->from_relation) return match::different;
    if (ia->from_relation && ib->from_relation && ia->variable != ib->variable) return match::different;
    if (ia->parts.size() != ib->parts.size()) return match::different;
    std::vector<bool> used(ib->parts.size(), false);
    for (const auto& pa : ia->parts) {
      bool found = false;
      for (std::size_t j = 0; j < ib->parts.size() && !found; ++j) {
        if (used[j]) continue;
        const match m = same_interval(pa, ib->parts[j]);
        if (m == match::over_budget) return m;
        if (m == match::equal) {
          used[j] = true;
          found = true;
        }
      }
      if (!found) return match::different;
    }
    return match::equal;
  }

  match same_interval(const interval_part& a, const interval_part& b) {
    if (a.lo.has_value() != b.lo.has_value() || a.hi.has_value() != b.hi.has_value()) return match::different;
    // Brackets count at finite ends only ([0, oo] is a slip, not a different set).
    if (a.lo && a.lo_closed != b.lo_closed) return match::different;
    if (a.hi && a.hi_closed != b.hi_closed) return match::different;
    match m = match::equal;
    if (a.lo) m = same(*a.lo, *b.lo);
    if (m != match::equal) return m;
    if (a.hi) m = same(*a.hi, *b.hi);
    return m;
  }

  // ------------------------------------------------------------ collections

  /// x = 2, y = -1 (distinct names): named coordinates.
  [[nodiscard]] bool named(const elem& x) const {
    if (x.kind() != node_kind::list || x.count() < 2) return false;
    std::vector<std::string> names;
    for (std::uint32_t k = 0; k < x.count(); ++k) {
      const elem c = x.child(k);
      if (c.kind() != node_kind::relation || c.count() != 2 || c.e->op(c.id, 0) != relop::eq) return false;
      if (c.child(0).kind() != node_kind::symbol) return false;
      std::string name = folded_name(c.e->name(c.child(0).id), opt_.case_fold_variables);
      if (std::find(names.begin(), names.end(), name) != names.end()) return false;
      names.push_back(std::move(name));
    }
    return true;
  }

  match named_coordinates(elem a, elem b) {
    const bool na = named(a), nb = named(b);
    if (na && nb) {
      if (a.count() != b.count()) return match::different;
      for (std::uint32_t i = 0; i < a.count(); ++i) {
        const elem ra = a.child(i);
        const std::string name = folded_name(a.e->name(ra.child(0).id), opt_.case_fold_variables);
        bool found = false;
        for (std::uint32_t j = 0; j < b.count() && !found; ++j) {
          const elem rb = b.child(j);
          if (folded_name(b.e->name(rb.child(0).id), opt_.case_fold_variables) != name) continue;
          found = true;
          const match m = same(ra.child(1), rb.child(1));
          if (m != match::equal) return m;
        }
        if (!found) return match::different;
      }
      return match::equal;
    }
    // Against a tuple (or a bare list): the values in the order written.
    const elem& nm = na ? a : b;
    const elem& other = na ? b : a;
    if (other.kind() != node_kind::tuple && other.kind() != node_kind::list) return match::different;
    if (other.count() != nm.count()) return match::different;
    for (std::uint32_t k = 0; k < nm.count(); ++k) {
      const elem value = nm.child(k).child(1);
      const match m = na ? same(value, other.child(k)) : same(other.child(k), value);
      if (m != match::equal) return m;
    }
    return match::equal;
  }

  /// Entries of a matrix with one row or one column (a vector), in order.
  [[nodiscard]] static bool vector_entries(const elem& x, std::vector<elem>& out) {
    if (x.kind() == node_kind::matrix) {
      const std::uint32_t cols = x.n().payload;
      const std::uint32_t rows = cols == 0 ? 0 : x.count() / cols;
      if (cols != 1 && rows != 1) return false;
    } else if (x.kind() != node_kind::tuple && x.kind() != node_kind::list) {
      return false;
    }
    for (std::uint32_t k = 0; k < x.count(); ++k) out.push_back(x.child(k));
    return true;
  }

  match ordered(const std::vector<elem>& a, const std::vector<elem>& b) {
    if (a.size() != b.size()) return match::different;
    for (std::size_t k = 0; k < a.size(); ++k) {
      const match m = same(a[k], b[k]);
      if (m != match::equal) return m;
    }
    return match::equal;
  }

  match matrices(elem a, elem b) {
    if (a.kind() == node_kind::matrix && b.kind() == node_kind::matrix) {
      if (a.n().payload != b.n().payload || a.count() != b.count()) return match::different;
      std::vector<elem> ea, eb;
      for (std::uint32_t k = 0; k < a.count(); ++k) ea.push_back(a.child(k));
      for (std::uint32_t k = 0; k < b.count(); ++k) eb.push_back(b.child(k));
      return ordered(ea, eb);
    }
    std::vector<elem> ea, eb;
    if (!vector_entries(a, ea) || !vector_entries(b, eb)) return match::different;
    return ordered(ea, eb);
  }

  match tuples(elem a, elem b) {
    const node_kind ka = a.kind(), kb = b.kind();
    if (ka == node_kind::tuple && kb == node_kind::tuple) {
      if (a.count() != b.count()) return match::different;
      const auto ba = static_cast<bracket_kind>(a.n().sub), bb = static_cast<bracket_kind>(b.n().sub);
      // Two entries in ( ) and [ ] are different intervals; otherwise brackets are notation.
      if (a.count() == 2 && ba != bb && ba != bracket_kind::angle && bb != bracket_kind::angle) return match::different;
      std::vector<elem> ea, eb;
      (void)vector_entries(a, ea);
      (void)vector_entries(b, eb);
      return ordered(ea, eb);
    }
    if (ka == node_kind::tuple && kb == node_kind::list) {
      // The gold is a tuple and the answer left out the parentheses: order still counts.
      std::vector<elem> ea, eb;
      (void)vector_entries(a, ea);
      (void)vector_entries(b, eb);
      return ordered(ea, eb);
    }
    if (ka == node_kind::list && kb == node_kind::tuple) {
      // A solution list answered in parentheses: order is free, as the gold says.
      std::vector<elem> ea, eb;
      elements(a, ea);
      for (std::uint32_t k = 0; k < b.count(); ++k) eb.push_back(b.child(k));
      return unordered(ea, eb);
    }
    if (ka == node_kind::tuple && (kb == node_kind::interval || kb == node_kind::set_union)) return interval_sets(a, b);
    if (kb == node_kind::tuple && (ka == node_kind::interval || ka == node_kind::set_union)) return interval_sets(a, b);
    return match::different;
  }

  /// The members of a list or set (assignments give their values; \pm gives both signs).
  void elements(const elem& x, std::vector<elem>& out) {
    if (x.kind() == node_kind::list || x.kind() == node_kind::set) {
      for (std::uint32_t k = 0; k < x.count(); ++k) {
        elem c = x.child(k);
        if (c.kind() == node_kind::relation) {
          if (auto v = assignment_value(c)) c = *v;
        }
        expand(c, out);
      }
      return;
    }
    if (x.kind() == node_kind::relation) {
      if (auto v = assignment_value(x)) {
        expand(*v, out);
        return;
      }
    }
    expand(x, out);
  }

  /// One element per sign choice of the \pm nodes in x (at most 2^5).
  void expand(const elem& x, std::vector<elem>& out) {
    if (x.fixed) {
      out.push_back(x);
      return;
    }
    std::vector<std::uint32_t> pms;
    detail::collect_plus_minus(*x.e, x.id, pms);
    if (pms.empty() || pms.size() > 5) {
      out.push_back(elem{x.e, x.id, 0, true});
      return;
    }
    for (std::uint32_t s = 0; s < (1u << pms.size()); ++s) out.push_back(elem{x.e, x.id, s, true});
  }

  match unordered(const std::vector<elem>& a, const std::vector<elem>& b) {
    if (a.empty() || b.empty()) return a.empty() && b.empty() ? match::equal : match::different;
    if (a.size() * b.size() > budget_.caps().max_items * 8) {
      budget_.fail("too many pairs of list items to compare");
      return match::over_budget;
    }
    std::vector<std::uint8_t> memo(a.size() * b.size(), 2);  // 2 = unknown
    auto cell = [&](std::size_t i, std::size_t j) -> match {
      std::uint8_t& m = memo[i * b.size() + j];
      if (m == 2) {
        const match r = same(a[i], b[j]);
        if (r == match::over_budget) return r;
        m = r == match::equal ? 1 : 0;
      }
      return m == 1 ? match::equal : match::different;
    };
    // Every item of one side must equal some item of the other, in both directions.
    auto covered = [&](std::size_t rows, std::size_t cols, bool transposed) -> match {
      for (std::size_t r = 0; r < rows; ++r) {
        bool found = false;
        for (std::size_t c = 0; c < cols && !found; ++c) {
          const match m = transposed ? cell(c, r) : cell(r, c);
          if (m == match::over_budget) return m;
          found = m == match::equal;
        }
        if (!found) return match::different;
      }
      return match::equal;
    };
    const match forward = covered(a.size(), b.size(), false);
    return forward == match::equal ? covered(b.size(), a.size(), true) : forward;
  }

  match ratios(elem a, elem b) {
    if (a.count() != b.count()) return match::different;
    // a1 : a2 : a3 = b1 : b2 : b3 when the terms are proportional.
    std::vector<elem> ea, eb;
    for (std::uint32_t k = 0; k < a.count(); ++k) ea.push_back(a.child(k));
    for (std::uint32_t k = 0; k < b.count(); ++k) eb.push_back(b.child(k));
    const match direct = ordered(ea, eb);
    if (direct != match::different) return direct;
    return proportional_lists(ea, eb);
  }

  /// Two equal-length lists of constants proportional to each other (ratios 1:2:3 = 2:4:6).
  match proportional_lists(const std::vector<elem>& a, const std::vector<elem>& b) {
    std::optional<exact_value> factor;
    for (std::size_t k = 0; k < a.size(); ++k) {
      exact_value va, vb;
      std::vector<std::uint32_t> pa, pb;
      evaluator ea(*a[k].e, choices(a[k], &pa, nullptr), budget_);
      evaluator eb(*b[k].e, choices(b[k], &pb, nullptr), budget_);
      const eval_status sa = ea.exact(a[k].id, va), sb = eb.exact(b[k].id, vb);
      if (sa == eval_status::over_budget || sb == eval_status::over_budget) return match::over_budget;
      if (sa != eval_status::ok || sb != eval_status::ok || vb.re.is_zero()) return match::different;
      exact_value q;
      if (!exact_divide(va, vb, q)) return match::over_budget;
      if (factor && !(factor->re == q.re && factor->im == q.im)) return match::different;
      factor = q;
    }
    return match::equal;
  }

  // ------------------------------------------------------------ leaves

  match text(elem a, elem b) {
    if (a.kind() != node_kind::text || b.kind() != node_kind::text) {
      const elem& t = a.kind() == node_kind::text ? a : b;
      const elem& o = a.kind() == node_kind::text ? b : a;
      if (o.kind() == node_kind::empty_set && detail::means_empty_set(t.e->name(t.id))) return match::equal;
      return match::different;
    }
    const std::string_view x = a.e->name(a.id), y = b.e->name(b.id);
    if (x == y) return match::equal;
    if (detail::means_empty_set(x) && detail::means_empty_set(y)) return match::equal;
    return match::different;
  }

  /// A base-n numeral equals the same digits (1011_2 = 1011, not 11).
  match base_numerals(elem a, elem b) {
    auto digits = [&](const elem& x, std::string& out, int& base) -> bool {
      if (x.kind() == node_kind::base_numeral) {
        out = std::string(x.e->name(x.id));
        base = x.n().sub;
        return true;
      }
      if (x.kind() == node_kind::number && (x.n().flags & decimal_literal) == 0 && x.e->number(x.id).is_integer() &&
          x.e->number(x.id).sign() >= 0) {
        out = x.e->number(x.id).to_string();
        base = 0;
        return true;
      }
      return false;
    };
    std::string da, db;
    int ba = 0, bb = 0;
    if (!digits(a, da, ba) || !digits(b, db, bb)) return match::different;
    if (ba != 0 && bb != 0 && ba != bb) return match::different;
    return da == db ? match::equal : match::different;
  }

  // ------------------------------------------------------------ scalars

  eval_choices choices(const elem& x, std::vector<std::uint32_t>* pm_nodes, const binding* vars) const {
    eval_choices c;
    c.percent_as_fraction = fraction_;
    c.case_fold = opt_.case_fold_variables;
    c.vars = vars;
    if (pm_nodes != nullptr) {
      pm_nodes->clear();
      detail::collect_plus_minus(*x.e, x.id, *pm_nodes);
      c.pm_nodes = pm_nodes;
      c.pm_signs = x.signs;
    }
    return c;
  }

  /// The values of `names` (sorted) at sample point `point`; remembered for the names last
  /// asked for, because one comparison asks for the same points again and again.
  const binding& bind(const std::vector<std::string>& names, unsigned point, bool complex) {
    if (names != bound_names_) {
      bound_names_ = names;
      bindings_.clear();
    }
    const std::size_t slot = point * 2 + (complex ? 1 : 0);
    if (bindings_.size() <= slot) bindings_.resize(slot + 1);
    binding& b = bindings_[slot];
    if (b.names.empty() && !names.empty()) {
      b.names = names;
      for (const auto& name : names) {
        exact_value v = detail::sample_value(name, point, complex);
        approx_value a;
        (void)evaluator::from_exact(v, a);
        b.exact.push_back(std::move(v));
        b.approx.push_back(a);
      }
    }
    return b;
  }

  std::vector<std::string> bound_names_;
  std::vector<binding> bindings_;
  std::vector<std::string> integer_names_;
  std::vector<binding> integer_bindings_;

  /// The k-th whole-number point: the i-th variable takes ((k + 3i) mod n) - 4, so that one
  /// variable runs through -4 .. n-5 and several variables take different values.
  const binding& bind_integers(const std::vector<std::string>& names, unsigned k) {
    if (names != integer_names_) {
      integer_names_ = names;
      integer_bindings_.clear();
    }
    if (integer_bindings_.size() <= k) integer_bindings_.resize(k + 1);
    binding& b = integer_bindings_[k];
    if (b.names.empty() && !names.empty()) {
      b.names = names;
      for (std::size_t i = 0; i < names.size(); ++i) {
        exact_value v;
        v.re = rational::from_i64(static_cast<std::int64_t>((k + 3 * i) % detail::integer_points) - 4);
        approx_value x;
        (void)evaluator::from_exact(v, x);
        b.exact.push_back(std::move(v));
        b.approx.push_back(x);
      }
    }
    return b;
  }

  match scalar(elem a, elem b) {
    // \pm on either side: the set of values on both.
    if (!a.fixed || !b.fixed) {
      std::vector<elem> ea, eb;
      expand(a, ea);
      expand(b, eb);
      if (ea.size() > 1 || eb.size() > 1) return unordered(ea, eb);
      a = ea[0];
      b = eb[0];
    }
    const auto ia = detail::infinity_sign(*a.e, a.id), ib = detail::infinity_sign(*b.e, b.id);
    if (ia || ib) return ia && ib && *ia == *ib ? match::equal : match::different;
    if (a.kind() == node_kind::ratio && a.count() > 2) return match::different;
    if (b.kind() == node_kind::ratio && b.count() > 2) return match::different;
    std::vector<std::string> names;
    detail::collect_symbols(*a.e, a.id, opt_.case_fold_variables, names);
    detail::collect_symbols(*b.e, b.id, opt_.case_fold_variables, names);
    const bool gold_decimal = detail::has_decimal(*a.e, a.id);
    const bool pred_decimal = detail::has_decimal(*b.e, b.id);
    if (names.empty()) {
      const point_result r = at_point(a, b, nullptr, gold_decimal, pred_decimal, false);
      return r == point_result::agree ? match::equal : r == point_result::over ? match::over_budget : match::different;
    }
    std::sort(names.begin(), names.end());
    const bool explicit_i = detail::has_imaginary(*a.e, a.id) || detail::has_imaginary(*b.e, b.id);
    unsigned agree = 0;
    const unsigned points = std::max(1u, opt_.sample_points);
    for (unsigned k = 0; k < points; ++k) {
      const binding& vars = bind(names, k, false);
      const point_result r = at_point(a, b, &vars, gold_decimal, pred_decimal, !explicit_i);
      if (r == point_result::over) return match::over_budget;
      if (r == point_result::differ) return match::different;
      if (r == point_result::agree) ++agree;
    }
    if (detail::has_step_function(*a.e, a.id) || detail::has_step_function(*b.e, b.id)) {
      // Floors, ceilings and remainders jump at integers, where the rational points above never
      // land: \lfloor\sqrt{n-1}\rfloor and \lfloor\sqrt n\rfloor agree at most of them. Compare at
      // whole numbers too (these answers are usually about whole numbers anyway).
      for (unsigned k = 0; k < detail::integer_points; ++k) {
        const binding& vars = bind_integers(names, k);
        const point_result r = at_point(a, b, &vars, gold_decimal, pred_decimal, !explicit_i);
        if (r == point_result::over) return match::over_budget;
        if (r == point_result::differ) return match::different;
        if (r == point_result::agree) ++agree;
      }
    }
    if (agree >= std::min(3u, points)) return match::equal;
    // Too few real points in both domains: try complex ones (principal branches).
    unsigned complex_agree = 0;
    for (unsigned k = 0; k < 4; ++k) {
      const binding& vars = bind(names, points + k, true);
      const point_result r = at_point(a, b, &vars, gold_decimal, pred_decimal, false);
      if (r == point_result::over) return match::over_budget;
      if (r == point_result::differ) return match::different;
      if (r == point_result::agree) ++complex_agree;
    }
    return agree + complex_agree >= 2 ? match::equal : match::different;
  }

  enum class point_result : std::uint8_t { agree, differ, skip, over };

  point_result at_point(const elem& a, const elem& b, const binding* vars, bool gold_decimal, bool pred_decimal,
                        bool skip_branch_cuts) {
    std::vector<std::uint32_t> pa, pb;
    const eval_choices ca = choices(a, &pa, vars);
    const eval_choices cb = choices(b, &pb, vars);
    evaluator ea(*a.e, ca, budget_);
    evaluator eb(*b.e, cb, budget_);
    exact_value va, vb;
    const eval_status sa = ea.exact(a.id, va);
    if (sa == eval_status::over_budget) return point_result::over;
    if (sa == eval_status::not_scalar) return point_result::differ;
    const eval_status sb = eb.exact(b.id, vb);
    if (sb == eval_status::over_budget) return point_result::over;
    if (sb == eval_status::not_scalar) return point_result::differ;
    if (sa == eval_status::undefined || sb == eval_status::undefined) {
      return vars != nullptr ? point_result::skip : point_result::differ;
    }
    if (sa == eval_status::ok && sb == eval_status::ok) {
      const match m = exact_rule(va, vb, gold_decimal, pred_decimal);
      if (m == match::over_budget) return point_result::over;
      return m == match::equal ? point_result::agree : point_result::differ;
    }
    approx_value xa, xb;
    const eval_status ta = sa == eval_status::ok ? evaluator::from_exact(va, xa) : ea.approx(a.id, xa);
    if (ta == eval_status::over_budget) return point_result::over;
    const eval_status tb = sb == eval_status::ok ? evaluator::from_exact(vb, xb) : eb.approx(b.id, xb);
    if (tb == eval_status::over_budget) return point_result::over;
    if (ta == eval_status::not_scalar || tb == eval_status::not_scalar) return point_result::differ;
    if (ta != eval_status::ok || tb != eval_status::ok) return vars != nullptr ? point_result::skip : point_result::differ;
    if (skip_branch_cuts && (xa.left_reals || xb.left_reals)) return point_result::skip;
    const bool gold_terminates = sa == eval_status::ok && va.re.terminates() && va.im.terminates();
    return approx_rule(xa, xb, gold_decimal, pred_decimal && !gold_terminates) ? point_result::agree : point_result::differ;
  }

  /// Exact values: equal, or within the relative tolerance when a decimal stands for a value
  /// it cannot write exactly (a decimal gold, or a decimal answer for a non-terminating gold).
  match exact_rule(const exact_value& g, const exact_value& p, bool gold_decimal, bool pred_decimal) {
    if (g.re == p.re && g.im == p.im) return match::equal;
    const bool both_integers = g.is_real() && p.is_real() && g.re.is_integer() && p.re.is_integer();
    if (both_integers && !gold_decimal && !pred_decimal) return match::different;
    const bool tolerant = gold_decimal || (pred_decimal && !(g.re.terminates() && g.im.terminates()));
    if (!tolerant || tolerance_.is_zero()) return match::different;
    if (!g.is_real() || !p.is_real()) {
      approx_value xa, xb;
      if (evaluator::from_exact(g, xa) != eval_status::ok || evaluator::from_exact(p, xb) != eval_status::ok) return match::different;
      return approx_rule(xa, xb, true, true) ? match::equal : match::different;
    }
    // |g - p| <= tol * max(|g|, |p|), exactly.
    rational diff, bound;
    if (!sub(g.re, p.re, diff, budget_)) return match::over_budget;
    if (diff.sign() < 0) diff.negate();
    const rational ag = g.re.sign() < 0 ? g.re.negated() : g.re;
    const rational ap = p.re.sign() < 0 ? p.re.negated() : p.re;
    int c = 0;
    if (!compare(ag, ap, c, budget_)) return match::over_budget;
    if (!mul(c >= 0 ? ag : ap, tolerance_, bound, budget_)) return match::over_budget;
    if (!compare(diff, bound, c, budget_)) return match::over_budget;
    return c <= 0 ? match::equal : match::different;
  }

  /// Floating values: equal within their rounding-error bounds, or within the relative
  /// tolerance when `tolerant`.
  [[nodiscard]] bool approx_rule(const approx_value& g, const approx_value& p, bool gold_decimal, bool pred_decimal) const {
    const double diff = std::abs(g.v - p.v);
    const double scale = std::max(std::abs(g.v), std::abs(p.v));
    const double rounding = 8.0 * (g.err + p.err) + 1e-13 * scale;
    if (diff <= rounding) return true;
    if (gold_decimal || pred_decimal) return diff <= opt_.relative_tolerance * scale + rounding;
    return false;
  }
};

}  // namespace math
TRANSFERSCORE_END_NAMESPACE
