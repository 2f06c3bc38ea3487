#pragma once
// The expression tree an answer parses into: a flat arena of nodes (no pointer chasing, one
// allocation per vector), children listed contiguously in `kids`, numbers and names kept
// beside it. A tree is immutable once parsed; comparisons read two trees side by side.

#include <transferscore/config.hpp>
#include <transferscore/scorers/math/rational.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace math {

enum class node_kind : std::uint8_t {
  number,        ///< numbers[payload]; flag `decimal_literal` when written with a point
  symbol,        ///< a variable, strings[payload] ("x", "x_1", "theta", "f'")
  constant,      ///< sub: constant_id
  add,           ///< n-ary sum
  mul,           ///< n-ary product
  div,           ///< numerator, denominator
  neg,           ///< unary minus
  pow,           ///< base, exponent
  root,          ///< radicand, index (\sqrt is index 2)
  func,          ///< sub: function_id; the argument(s); log with a base has it second
  factorial,     ///< n!
  percent,       ///< p% (its meaning is chosen at comparison time)
  degree,        ///< x^\circ (dropped, except inside a trigonometric function)
  plus_minus,    ///< 1 child: (+-)a; 2 children: a (+-) b. sub 1 means \mp
  tuple,         ///< sub: bracket_kind; ordered
  set,           ///< \{ ... \}; unordered
  interval,      ///< lower, upper; sub bit 1: lower closed, bit 2: upper closed
  set_union,     ///< n-ary union of intervals or sets
  set_intersection,
  matrix,        ///< payload = columns; children row-major
  relation,      ///< operands; their relations are relops[payload ...]
  list,          ///< bare list "1, 2" or "x = 1 or x = 2"; unordered
  text,          ///< strings[payload]: a word answer, normalised
  empty_set,
  base_numeral,  ///< strings[payload] = digits, sub = base
  ratio,         ///< a : b (: c ...)
  ellipsis,      ///< \ldots inside a list
};

enum class constant_id : std::uint8_t { pi, e, i, infinity };

enum class bracket_kind : std::uint8_t { paren, square, angle };

enum class relop : std::uint8_t { eq, ne, lt, le, gt, ge, in, approx };

enum class function_id : std::uint8_t {
  sin, cos, tan, cot, sec, csc,
  asin, acos, atan, acot, asec, acsc,
  sinh, cosh, tanh, coth,
  ln, log, lg, exp, abs, floor, ceil,
  gcd, lcm, max, min, binom,
  mod,  ///< a mod b: the remainder in [0, b) (for b > 0)
};

[[nodiscard]] constexpr bool is_trigonometric(function_id f) noexcept {
  return f <= function_id::csc;
}

inline constexpr std::uint8_t decimal_literal = 1;  ///< node flag: the number was written with a point

struct node {
  node_kind kind = node_kind::number;
  std::uint8_t sub = 0;
  std::uint8_t flags = 0;
  std::uint32_t first = 0;    ///< index of the first child in expr::kids
  std::uint32_t count = 0;    ///< number of children
  std::uint32_t payload = 0;  ///< numbers/strings/relops index, or matrix columns
};

/// One parsed answer.
struct expr {
  static constexpr std::uint32_t none = 0xFFFFFFFFu;

  std::vector<node> nodes;
  std::vector<std::uint32_t> kids;
  std::vector<rational> numbers;
  std::vector<std::string> strings;
  std::vector<relop> relops;
  std::uint32_t root = none;

  [[nodiscard]] bool empty() const noexcept { return root == none; }
  [[nodiscard]] const node& at(std::uint32_t id) const noexcept { return nodes[id]; }
  [[nodiscard]] std::span<const std::uint32_t> children(std::uint32_t id) const noexcept {
    const node& n = nodes[id];
    return {kids.data() + n.first, n.count};
  }
  [[nodiscard]] std::uint32_t child(std::uint32_t id, std::size_t k) const noexcept { return kids[nodes[id].first + k]; }
  [[nodiscard]] const rational& number(std::uint32_t id) const noexcept { return numbers[nodes[id].payload]; }
  [[nodiscard]] std::string_view name(std::uint32_t id) const noexcept { return strings[nodes[id].payload]; }
  [[nodiscard]] relop op(std::uint32_t id, std::size_t k) const noexcept { return relops[nodes[id].payload + k]; }

  std::uint32_t leaf(node_kind kind, std::uint8_t sub = 0, std::uint32_t payload = 0, std::uint8_t flags = 0) {
    nodes.push_back(node{kind, sub, flags, 0, 0, payload});
    return static_cast<std::uint32_t>(nodes.size() - 1);
  }
  std::uint32_t branch(node_kind kind, std::span<const std::uint32_t> children, std::uint8_t sub = 0, std::uint32_t payload = 0) {
    node n{kind, sub, 0, static_cast<std::uint32_t>(kids.size()), static_cast<std::uint32_t>(children.size()), payload};
    kids.insert(kids.end(), children.begin(), children.end());
    nodes.push_back(n);
    return static_cast<std::uint32_t>(nodes.size() - 1);
  }
  std::uint32_t branch(node_kind kind, std::initializer_list<std::uint32_t> children, std::uint8_t sub = 0, std::uint32_t payload = 0) {
    return branch(kind, std::span<const std::uint32_t>(children.begin(), children.size()), sub, payload);
  }
  std::uint32_t number_leaf(rational value, std::uint8_t flags = 0) {
    numbers.push_back(std::move(value));
    return leaf(node_kind::number, 0, static_cast<std::uint32_t>(numbers.size() - 1), flags);
  }
  std::uint32_t named_leaf(node_kind kind, std::string name, std::uint8_t sub = 0) {
    strings.push_back(std::move(name));
    return leaf(kind, sub, static_cast<std::uint32_t>(strings.size() - 1));
  }

  /// A readable rendering for messages and tests (not LaTeX, not stable across versions).
  [[nodiscard]] std::string describe(std::uint32_t id) const;
  [[nodiscard]] std::string describe() const { return empty() ? std::string("<empty>") : describe(root); }
};

namespace detail {

inline constexpr std::string_view function_names[] = {
    "sin", "cos", "tan", "cot", "sec", "csc", "asin", "acos", "atan", "acot", "asec", "acsc", "sinh", "cosh",
    "tanh", "coth", "ln", "log", "lg", "exp", "abs", "floor", "ceil", "gcd", "lcm", "max", "min", "binom", "mod"};

inline constexpr std::string_view relop_names[] = {"=", "!=", "<", "<=", ">", ">=", "in", "~="};

}  // namespace detail

inline std::string expr::describe(std::uint32_t id) const {
  const node& n = nodes[id];
  auto join = [&](std::string_view open, std::string_view sep, std::string_view close) {
    std::string out(open);
    for (std::uint32_t k = 0; k < n.count; ++k) {
      if (k > 0) out += sep;
      out += describe(kids[n.first + k]);
    }
    out += close;
    return out;
  };
  switch (n.kind) {
    case node_kind::number: return numbers[n.payload].to_string() + ((n.flags & decimal_literal) != 0 ? "~" : "");
    case node_kind::symbol: return strings[n.payload];
    case node_kind::constant: {
      constexpr std::string_view names[] = {"pi", "e", "i", "oo"};
      return std::string(names[n.sub]);
    }
    case node_kind::add: return join("(", " + ", ")");
    case node_kind::mul: return join("(", " * ", ")");
    case node_kind::div: return join("(", " / ", ")");
    case node_kind::neg: return "-" + describe(kids[n.first]);
    case node_kind::pow: return join("(", " ^ ", ")");
    case node_kind::root: return join("root(", ", ", ")");
    case node_kind::func: return join(std::string(detail::function_names[n.sub]) + "(", ", ", ")");
    case node_kind::factorial: return join("fact(", ", ", ")");
    case node_kind::percent: return join("percent(", ", ", ")");
    case node_kind::degree: return join("deg(", ", ", ")");
    case node_kind::plus_minus: return join(n.sub != 0 ? "mp(" : "pm(", ", ", ")");
    case node_kind::tuple: return join(n.sub == 1 ? "[" : n.sub == 2 ? "<" : "(", ", ", n.sub == 1 ? "]" : n.sub == 2 ? ">" : ")");
    case node_kind::set: return join("{", ", ", "}");
    case node_kind::interval:
      return std::string((n.sub & 1) != 0 ? "[" : "(") + describe(kids[n.first]) + ", " + describe(kids[n.first + 1]) +
             ((n.sub & 2) != 0 ? "]" : ")");
    case node_kind::set_union: return join("union(", ", ", ")");
    case node_kind::set_intersection: return join("intersect(", ", ", ")");
    case node_kind::matrix: return join("matrix" + std::to_string(n.count / (n.payload == 0 ? 1 : n.payload)) + "x" + std::to_string(n.payload) + "(", ", ", ")");
    case node_kind::relation: {
      std::string out = describe(kids[n.first]);
      for (std::uint32_t k = 1; k < n.count; ++k) {
        out += " ";
        out += detail::relop_names[static_cast<std::size_t>(relops[n.payload + k - 1])];
        out += " ";
        out += describe(kids[n.first + k]);
      }
      return out;
    }
    case node_kind::list: return join("list(", ", ", ")");
    case node_kind::text: return "text(" + strings[n.payload] + ")";
    case node_kind::empty_set: return "{}";
    case node_kind::base_numeral: return strings[n.payload] + "_" + std::to_string(n.sub);
    case node_kind::ratio: return join("ratio(", ", ", ")");
    case node_kind::ellipsis: return "...";
  }
  return "?";
}

}  // namespace math
TRANSFERSCORE_END_NAMESPACE
