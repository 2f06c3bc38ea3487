#pragma once
// Recursive-descent parser from tokens to an expression tree.
//
//   answer   := item (sep item)*                 sep: , ; or and \\      -> list when > 1
//   item     := setexpr (relop setexpr)* | setexpr (: setexpr)+         -> relation / ratio
//   setexpr  := additive ((\cup | U | \cap) additive)*
//   additive := signed ((+ | - | \pm | \mp) signed)*
//   signed   := (- | + | \pm | \mp) signed | product
//   product  := power ((* | / | implicit) power)*
//   power    := postfix (^ exponent)?            exponent: {group}, -atom, atom (^ exponent)?
//   postfix  := primary (! | % | ^\circ | ')*
//   primary  := number | symbol | constant | (…) […] (…] […) \{…\} {…} | \frac | \sqrt | f(x)
//             | |x| | \lfloor x \rfloor | matrix environment | \emptyset | \mathbb{R}
//
// TeX's one-token arguments are honoured (\frac12 is 1/2, \sqrt3 is sqrt 3). Mixed numbers
// (3\frac12, 3 1/2) are sums. Answers made of words are not parsed: they are text answers.

#include <transferscore/config.hpp>
#include <transferscore/scorers/math/expr.hpp>
#include <transferscore/scorers/math/lexer.hpp>
#include <transferscore/scorers/math/options.hpp>
#include <transferscore/scorers/math/rational.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace math {

enum class parse_status : std::uint8_t {
  ok,            ///< a tree (maybe a text answer)
  empty,         ///< nothing to parse
  syntax_error,  ///< not readable as math; compare as text
  over_budget,   ///< a cap of the budget was hit
};

struct parsed_answer {
  expr tree;
  parse_status status = parse_status::empty;
  bool is_text = false;         ///< a word answer ("Evelyn", "no solution"); tree.root is a text node
  std::string source;           ///< the answer as given
  std::string_view problem;     ///< why parsing stopped (syntax or budget), a string literal

  [[nodiscard]] bool ok() const noexcept { return status == parse_status::ok; }
};

namespace detail {

/// A word answer, normalised: wrappers (\text, \textbf, \mathrm, braces, $, **) and
/// punctuation removed, ASCII lower-cased, whitespace collapsed.
[[nodiscard]] inline std::string normalize_text_answer(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  auto put = [&](char c) {
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\\') {
      std::size_t j = i + 1;
      while (j < s.size() && is_letter(s[j])) ++j;
      if (j == i + 1 && j < s.size()) {
        ++j;  // \, \{ \$ ...
        pending_space = true;
      }
      std::string_view name = s.substr(i + 1, j - i - 1);
      if (name == "emptyset" || name == "varnothing") {
        for (char ch : std::string_view("emptyset")) put(ch);
      }
      i = j - 1;
      continue;
    }
    if (static_cast<unsigned char>(c) >= 0x80 || is_digit(c) || is_letter(c)) {
      put(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
      continue;
    }
    if (c == '-' || c == '+' || c == '/' || c == '=' || c == '<' || c == '>' || c == '^') {
      put(c);
      continue;
    }
    pending_space = true;  // spaces, braces, punctuation, $ and * separate words
  }
  return out;
}

class parser {
 public:
  parser(token_stream& ts, expr& out, work_budget& budget)
      : toks_(ts.tokens), text_(ts.text), out_(out), budget_(budget) {
    token sentinel;
    sentinel.kind = token_kind::end;
    toks_.push_back(sentinel);
  }

  parse_status run() {
    // A leading "=" or ":" (from "x =" cut off by extraction) carries nothing.
    while (peek().kind == token_kind::rel && static_cast<relop>(peek().sub) == relop::eq) ++pos_;
    while (peek().kind == token_kind::colon) ++pos_;
    if (peek().kind == token_kind::end) return parse_status::empty;
    std::vector<std::uint32_t> items;
    std::uint8_t sep = 0;
    if (!sequence(items, sep, stop_top)) return status();
    while (peek().kind == token_kind::period || peek().kind == token_kind::comma || peek().kind == token_kind::semicolon) ++pos_;
    if (peek().kind != token_kind::end) return syntax("unexpected token");
    if (items.empty()) return parse_status::empty;
    out_.root = items.size() == 1 ? items[0] : out_.branch(node_kind::list, items, sep);
    return parse_status::ok;
  }

  [[nodiscard]] std::string_view problem() const noexcept { return problem_ == nullptr ? std::string_view{} : problem_; }

 private:
  using tk = token_kind;
  static constexpr std::uint32_t bad = expr::none;

  enum stop_set : std::uint8_t { stop_top, stop_bracket, stop_brace, stop_set_brace, stop_abs, stop_matrix };

  std::vector<token>& toks_;
  const std::string& text_;
  expr& out_;
  work_budget& budget_;
  std::size_t pos_ = 0;
  std::size_t depth_ = 0;
  std::size_t abs_depth_ = 0;
  const char* problem_ = nullptr;
  bool over_budget_ = false;

  [[nodiscard]] const token& peek(std::size_t k = 0) const noexcept {
    const std::size_t i = pos_ + k;
    return i < toks_.size() ? toks_[i] : toks_.back();
  }
  [[nodiscard]] std::string_view text(const token& t) const noexcept { return std::string_view(text_).substr(t.text, t.length); }
  bool accept(tk kind) {
    if (peek().kind != kind) return false;
    ++pos_;
    return true;
  }

  parse_status status() const noexcept { return over_budget_ ? parse_status::over_budget : parse_status::syntax_error; }
  parse_status syntax(const char* why) {
    if (problem_ == nullptr) problem_ = why;
    return parse_status::syntax_error;
  }
  std::uint32_t error(const char* why) {
    if (problem_ == nullptr) problem_ = why;
    return bad;
  }
  std::uint32_t over(const char* why) {
    over_budget_ = true;
    problem_ = why;
    return bad;
  }

  struct depth_guard {
    parser& p;
    bool ok;
    explicit depth_guard(parser& q) : p(q), ok(++q.depth_ <= q.budget_.caps().max_depth) {}
    ~depth_guard() { --p.depth_; }
  };

  [[nodiscard]] bool is_stop(const token& t, stop_set stop, bool after_item) const noexcept {
    switch (t.kind) {
      case tk::end: return true;
      case tk::rparen: case tk::rangle: return stop == stop_bracket || stop == stop_top;
      case tk::rbrack: return after_item && (stop == stop_bracket || stop == stop_top);  // ]0, 1[ opens with ]
      case tk::lbrack: return stop == stop_bracket && after_item;  // [0, 1[ : French open bracket
      case tk::rbrace: return stop == stop_brace || stop == stop_top;
      case tk::rset: return stop == stop_set_brace || stop == stop_top;
      case tk::bar: return stop == stop_abs;
      case tk::rfloor: case tk::rceil: return true;
      case tk::end_matrix: case tk::amp: return true;
      case tk::row_sep: return stop == stop_matrix;
      default: return false;
    }
  }

  /// Items separated by , ; or and (\\ outside matrices) until a stop token (not consumed).
  bool sequence(std::vector<std::uint32_t>& items, std::uint8_t& sep, stop_set stop) {
    while (true) {
      if (is_stop(peek(), stop, !items.empty())) return true;
      const std::uint32_t item = relation();
      if (item == bad) return false;
      items.push_back(item);
      if (items.size() > budget_.caps().max_items) {
        over("a list has more items than max_items");
        return false;
      }
      const tk k = peek().kind;
      if (k == tk::comma || k == tk::semicolon || (k == tk::row_sep && stop != stop_matrix)) {
        ++pos_;
      } else if (k == tk::kw_or) {
        sep = 1;
        ++pos_;
      } else if (k == tk::kw_and) {
        sep = 2;
        ++pos_;
      } else {
        return true;
      }
      // A trailing separator before the end: "1, 2,"
      while (peek().kind == tk::comma || peek().kind == tk::kw_and || peek().kind == tk::kw_or) ++pos_;
      if (stop == stop_top && peek().kind == tk::period && peek(1).kind == tk::end) return true;
    }
  }

  std::uint32_t relation() {
    depth_guard guard(*this);
    if (!guard.ok) return over("nesting deeper than max_depth");
    std::uint32_t first = ratio();
    if (first == bad) return bad;
    if (peek().kind != tk::rel) return first;
    std::vector<std::uint32_t> operands{first};
    const auto op_start = static_cast<std::uint32_t>(out_.relops.size());
    while (peek().kind == tk::rel) {
      out_.relops.push_back(static_cast<relop>(peek().sub));
      ++pos_;
      // "x = " followed by nothing: an unfinished relation is not an answer.
      const std::uint32_t operand = ratio();
      if (operand == bad) return bad;
      operands.push_back(operand);
    }
    return out_.branch(node_kind::relation, operands, 0, op_start);
  }

  /// a : b (: c ...), or a set expression. A ratio may stand on either side of a relation
  /// (V_1 : V_2 = 11 : 21).
  std::uint32_t ratio() {
    std::uint32_t first = set_expression();
    if (first == bad) return bad;
    if (peek().kind != tk::colon || peek(1).kind == tk::end) return first;
    std::vector<std::uint32_t> parts{first};
    while (accept(tk::colon)) {
      const std::uint32_t part = set_expression();
      if (part == bad) return bad;
      parts.push_back(part);
      if (parts.size() > budget_.caps().max_items) return over("a ratio has more terms than max_items");
    }
    return out_.branch(node_kind::ratio, parts);
  }

  std::uint32_t set_expression() {
    std::uint32_t first = additive();
    if (first == bad) return bad;
    while (true) {
      node_kind kind;
      const token& t = peek();
      if (t.kind == tk::cup || (t.kind == tk::ident && text(t) == "U" && is_opener(peek(1).kind))) {
        kind = node_kind::set_union;
      } else if (t.kind == tk::cap) {
        kind = node_kind::set_intersection;
      } else {
        return first;
      }
      std::vector<std::uint32_t> parts{first};
      while (true) {
        const token& u = peek();
        const bool more = kind == node_kind::set_union
                              ? (u.kind == tk::cup || (u.kind == tk::ident && text(u) == "U" && is_opener(peek(1).kind)))
                              : u.kind == tk::cap;
        if (!more) break;
        ++pos_;
        const std::uint32_t part = additive();
        if (part == bad) return bad;
        parts.push_back(part);
      }
      first = out_.branch(kind, parts);
    }
  }

  [[nodiscard]] static bool is_opener(tk k) noexcept {
    return k == tk::lparen || k == tk::lbrack || k == tk::rbrack || k == tk::lset || k == tk::emptyset || k == tk::reals;
  }

  std::uint32_t additive() {
    depth_guard guard(*this);
    if (!guard.ok) return over("nesting deeper than max_depth");
    std::vector<std::uint32_t> terms;
    std::uint32_t first = signed_term();
    if (first == bad) return bad;
    terms.push_back(first);
    while (true) {
      const tk k = peek().kind;
      if (k == tk::plus || k == tk::minus) {
        ++pos_;
        std::uint32_t term = signed_term();
        if (term == bad) return bad;
        if (k == tk::minus) term = out_.branch(node_kind::neg, {term});
        terms.push_back(term);
      } else if (k == tk::pm || k == tk::mp) {
        ++pos_;
        const std::uint32_t term = signed_term();
        if (term == bad) return bad;
        const std::uint32_t left = terms.size() == 1 ? terms[0] : out_.branch(node_kind::add, terms);
        terms.assign(1, out_.branch(node_kind::plus_minus, {left, term}, k == tk::mp ? 1 : 0));
      } else {
        break;
      }
      if (terms.size() > budget_.caps().max_items) return over("a sum has more terms than max_items");
    }
    return terms.size() == 1 ? terms[0] : out_.branch(node_kind::add, terms);
  }

  std::uint32_t signed_term() {
    depth_guard guard(*this);
    if (!guard.ok) return over("nesting deeper than max_depth");
    const tk k = peek().kind;
    if (k == tk::minus) {
      ++pos_;
      const std::uint32_t t = signed_term();
      return t == bad ? bad : out_.branch(node_kind::neg, {t});
    }
    if (k == tk::plus) {
      ++pos_;
      return signed_term();
    }
    if (k == tk::pm || k == tk::mp) {
      ++pos_;
      const std::uint32_t t = signed_term();
      return t == bad ? bad : out_.branch(node_kind::plus_minus, {t}, k == tk::mp ? 1 : 0);
    }
    return product();
  }

  [[nodiscard]] bool starts_implicit_factor(const token& t, const token& previous) const noexcept {
    switch (t.kind) {
      case tk::number: return previous.kind != tk::number;
      case tk::ident: case tk::constant: case tk::lparen: case tk::lbrace: case tk::frac: case tk::sqrt:
      case tk::binom: case tk::func: case tk::lfloor: case tk::lceil: case tk::word: case tk::overline:
        return true;
      case tk::bar: return abs_depth_ == 0;
      default: return false;
    }
  }

  std::uint32_t product() {
    std::vector<std::uint32_t> factors;
    std::uint32_t first = power();
    if (first == bad) return bad;
    factors.push_back(first);
    while (true) {
      const tk k = peek().kind;
      if (k == tk::star) {
        ++pos_;
        const std::uint32_t f = signed_power();
        if (f == bad) return bad;
        factors.push_back(f);
      } else if (k == tk::slash || k == tk::mod) {
        ++pos_;
        const std::uint32_t d = signed_power();
        if (d == bad) return bad;
        const std::uint32_t left = factors.size() == 1 ? factors[0] : out_.branch(node_kind::mul, factors);
        factors.assign(1, k == tk::slash ? out_.branch(node_kind::div, {left, d})
                                         : out_.branch(node_kind::func, {left, d}, static_cast<std::uint8_t>(function_id::mod)));
      } else if (pos_ > 0 && starts_implicit_factor(peek(), toks_[pos_ - 1])) {
        // "U" before an interval is a union, not a factor.
        if (peek().kind == tk::ident && text(peek()) == "U" && is_opener(peek(1).kind)) break;
        const std::uint32_t f = power();
        if (f == bad) return bad;
        factors.push_back(f);
      } else {
        break;
      }
      if (factors.size() > budget_.caps().max_items) return over("a product has more factors than max_items");
    }
    return factors.size() == 1 ? factors[0] : out_.branch(node_kind::mul, factors);
  }

  std::uint32_t signed_power() {
    depth_guard guard(*this);
    if (!guard.ok) return over("nesting deeper than max_depth");
    if (accept(tk::minus)) {
      const std::uint32_t p = signed_power();
      return p == bad ? bad : out_.branch(node_kind::neg, {p});
    }
    if (accept(tk::plus)) return signed_power();
    return power();
  }

  std::uint32_t power() {
    depth_guard guard(*this);
    if (!guard.ok) return over("nesting deeper than max_depth");
    std::uint32_t base = postfix();
    if (base == bad) return bad;
    if (accept(tk::caret)) {
      const std::uint32_t e = exponent();
      if (e == bad) return bad;
      base = out_.branch(node_kind::pow, {base, e});
      base = postfix_operators(base);
    }
    return base;
  }

  std::uint32_t exponent() {
    depth_guard guard(*this);
    if (!guard.ok) return over("nesting deeper than max_depth");
    std::uint32_t e;
    if (peek().kind == tk::lbrace) {
      e = group(tk::lbrace, tk::rbrace, stop_brace);
    } else if (accept(tk::minus)) {
      const std::uint32_t a = exponent_atom();
      e = a == bad ? bad : out_.branch(node_kind::neg, {a});
    } else if (accept(tk::plus)) {
      e = exponent_atom();
    } else {
      e = exponent_atom();
    }
    if (e == bad) return bad;
    if (accept(tk::caret)) {  // 2^3^2 is 2^(3^2)
      const std::uint32_t next = exponent();
      if (next == bad) return bad;
      e = out_.branch(node_kind::pow, {e, next});
    }
    return e;
  }

  std::uint32_t exponent_atom() {
    const std::uint32_t a = primary();
    if (a == bad) return bad;
    if (peek().kind == tk::bang) return postfix_operators(a);
    return a;
  }

  std::uint32_t postfix() {
    const std::uint32_t p = primary();
    if (p == bad) return bad;
    return postfix_operators(p);
  }

  std::uint32_t postfix_operators(std::uint32_t p) {
    while (true) {
      const tk k = peek().kind;
      if (k == tk::bang) {
        ++pos_;
        p = out_.branch(node_kind::factorial, {p});
      } else if (k == tk::percent) {
        ++pos_;
        p = out_.branch(node_kind::percent, {p});
      } else if (k == tk::degree) {
        ++pos_;
        p = out_.branch(node_kind::degree, {p});
      } else if (k == tk::prime) {
        ++pos_;
        if (out_.at(p).kind == node_kind::symbol) {
          p = out_.named_leaf(node_kind::symbol, std::string(out_.name(p)) + "'");
        }
      } else {
        return p;
      }
    }
  }

  /// Makes a number node from a number token.
  std::uint32_t number_node(const token& t) {
    std::string_view digits = text(t);
    rational value;
    const auto r = digits.find('r');
    if (r != std::string_view::npos) {
      // a.b(c) repeating: value = a.b + 0.0c/(1 - 10^-len(c)) = (abc - ab) / (10^(m+n) - 10^m)
      std::string_view fixed = digits.substr(0, r);
      std::string_view rep = digits.substr(r + 1);
      const auto point = fixed.find('.');
      const std::size_t m = point == std::string_view::npos ? 0 : fixed.size() - point - 1;
      std::string all(fixed);
      all.erase(std::remove(all.begin(), all.end(), '.'), all.end());
      std::string longer = all + std::string(rep);
      bigint a, b;
      if (!bigint::from_decimal(longer, a, budget_) || !bigint::from_decimal(all.empty() ? "0" : all, b, budget_)) {
        return over(budget_.exhausted() ? "a number has more digits than max_digits" : "bad number");
      }
      bigint num, p1, p2, den;
      if (!sub(a, b, num, budget_) || !math::pow(bigint::from_u64(10), m + rep.size(), p1, budget_) ||
          !math::pow(bigint::from_u64(10), m, p2, budget_) || !sub(p1, p2, den, budget_) ||
          !rational::make(std::move(num), std::move(den), value, budget_)) {
        return over("a number has more digits than max_digits");
      }
    } else if (!rational::from_decimal(digits, t.exp10, value, budget_)) {
      return over("a number has more digits than max_digits");
    }
    return out_.number_leaf(std::move(value), t.decimal ? decimal_literal : 0);
  }

  [[nodiscard]] static bool is_integer_literal(const token& t) noexcept {
    return t.kind == tk::number && !t.decimal && t.exp10 == 0;
  }

  std::uint32_t primary() {
    depth_guard guard(*this);
    if (!guard.ok) return over("nesting deeper than max_depth");
    const token t = peek();
    switch (t.kind) {
      case tk::number: return number_primary();
      case tk::ident: return symbol_primary();
      case tk::word: return word_primary();
      case tk::constant:
        ++pos_;
        return out_.leaf(node_kind::constant, t.sub);
      case tk::lparen: case tk::lbrack: case tk::langle: return bracketed();
      case tk::rbrack: return bracketed();  // ]0, 1[
      case tk::lset: return braced_set();
      case tk::lbrace: return plain_braces();
      case tk::frac: return fraction();
      case tk::binom: {
        ++pos_;
        const std::uint32_t n = macro_argument();
        if (n == bad) return bad;
        const std::uint32_t k = macro_argument();
        if (k == bad) return bad;
        return out_.branch(node_kind::func, {n, k}, static_cast<std::uint8_t>(function_id::binom));
      }
      case tk::sqrt: return square_root();
      case tk::func: return function();
      case tk::bar: {
        ++pos_;
        ++abs_depth_;
        const std::uint32_t inner = set_expression();
        --abs_depth_;
        if (inner == bad) return bad;
        if (!accept(tk::bar)) return error("unclosed |");
        return out_.branch(node_kind::func, {inner}, static_cast<std::uint8_t>(function_id::abs));
      }
      case tk::lfloor: case tk::lceil: {
        ++pos_;
        const std::uint32_t inner = set_expression();
        if (inner == bad) return bad;
        if (!accept(t.kind == tk::lfloor ? tk::rfloor : tk::rceil)) return error("unclosed floor or ceiling");
        return out_.branch(node_kind::func, {inner},
                           static_cast<std::uint8_t>(t.kind == tk::lfloor ? function_id::floor : function_id::ceil));
      }
      case tk::begin_matrix: return matrix();
      case tk::emptyset:
        ++pos_;
        return out_.leaf(node_kind::empty_set);
      case tk::reals: {
        ++pos_;
        const std::uint32_t inf = out_.leaf(node_kind::constant, static_cast<std::uint8_t>(constant_id::infinity));
        const std::uint32_t ninf = out_.branch(node_kind::neg, {inf});
        return out_.branch(node_kind::interval, {ninf, inf}, 0);
      }
      case tk::ellipsis:
        ++pos_;
        return out_.leaf(node_kind::ellipsis);
      case tk::overline: {
        ++pos_;
        return macro_argument();
      }
      default: return error("unexpected token");
    }
  }

  std::uint32_t number_primary() {
    const token t = peek();
    ++pos_;
    // Base-n numeral with letter digits: 3A_{16}, 1F_16.
    if (is_integer_literal(t) && (peek().kind == tk::ident || peek().kind == tk::word) && !peek().space_before &&
        peek(1).kind == tk::underscore) {
      const std::size_t save = pos_;
      std::string digits(text(t));
      digits += text(peek());
      pos_ += 2;
      std::string_view base_text;
      if (peek().kind == tk::number) {
        base_text = text(peek());
        ++pos_;
      } else if (peek().kind == tk::lbrace && peek(1).kind == tk::number && peek(2).kind == tk::rbrace) {
        base_text = text(peek(1));
        pos_ += 3;
      }
      if (!base_text.empty() && base_text.size() <= 2 && base_text.find('.') == std::string_view::npos &&
          std::stoi(std::string(base_text)) > 10) {
        const std::uint32_t b = base_numeral(std::move(digits), std::stoi(std::string(base_text)));
        if (b != bad) return b;
        problem_ = nullptr;
      }
      pos_ = save;
    }
    // Base-n numeral: 1011_2, 1011_{2}.
    if (is_integer_literal(t) && peek().kind == tk::underscore) {
      const std::size_t save = pos_;
      ++pos_;
      std::string_view base_text;
      if (peek().kind == tk::number) {
        base_text = text(peek());
        ++pos_;
      } else if (peek().kind == tk::lbrace && peek(1).kind == tk::number && peek(2).kind == tk::rbrace) {
        base_text = text(peek(1));
        pos_ += 3;
      }
      if (!base_text.empty() && base_text.size() <= 2 && base_text.find('.') == std::string_view::npos) {
        const int base = std::stoi(std::string(base_text));
        return base_numeral(std::string(text(t)), base);
      }
      pos_ = save;
    }
    // Mixed numbers: 3\frac{1}{2}, 3 1/2.
    if (is_integer_literal(t)) {
      if (peek().kind == tk::frac && integer_fraction_ahead()) {
        const std::uint32_t whole = number_node(t);
        if (whole == bad) return bad;
        const std::uint32_t f = fraction();
        if (f == bad) return bad;
        return out_.branch(node_kind::add, {whole, f});
      } else if (peek().kind == tk::number && peek().space_before && is_integer_literal(peek()) &&
                 peek(1).kind == tk::slash && is_integer_literal(peek(2)) && peek(3).kind != tk::caret) {
        const std::uint32_t whole = number_node(t);
        const std::uint32_t n = number_node(peek());
        const std::uint32_t d = number_node(peek(2));
        if (whole == bad || n == bad || d == bad) return bad;
        pos_ += 3;
        return out_.branch(node_kind::add, {whole, out_.branch(node_kind::div, {n, d})});
      }
    }
    return number_node(t);
  }

  /// \frac{1}{2}, \frac12, \frac1{2}, \frac{1}2 with non-negative integer literals.
  [[nodiscard]] bool integer_fraction_ahead() const noexcept {
    std::size_t k = 1;  // peek(0) is \frac
    int args = 0;
    while (args < 2) {
      const token& t = peek(k);
      if (t.kind == tk::lbrace && is_integer_literal(peek(k + 1)) && peek(k + 2).kind == tk::rbrace) {
        k += 3;
        ++args;
      } else if (is_integer_literal(t) && args == 0 && t.length == 2) {
        return true;  // \frac12
      } else if (is_integer_literal(t) && t.length == 1) {
        k += 1;
        ++args;
      } else {
        return false;
      }
    }
    return true;
  }

  [[nodiscard]] bool is_plain_integer(std::uint32_t id) const noexcept {
    const node& n = out_.at(id);
    return n.kind == node_kind::number && (n.flags & decimal_literal) == 0 && out_.number(id).is_integer() &&
           out_.number(id).sign() >= 0;
  }

  std::uint32_t base_numeral(std::string digits, int base) {
    if (base < 2 || base > 36) return error("bad base");
    for (char c : digits) {
      const int v = is_digit(c) ? c - '0' : (c >= 'a' && c <= 'z') ? c - 'a' + 10 : (c >= 'A' && c <= 'Z') ? c - 'A' + 10 : 99;
      if (v >= base) return error("digit out of range for the base");
    }
    if (digits.size() > budget_.caps().max_digits) return over("a number has more digits than max_digits");
    for (auto& c : digits) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    const std::size_t first_nonzero = digits.find_first_not_of('0');
    digits = first_nonzero == std::string::npos ? "0" : digits.substr(first_nonzero);
    return out_.named_leaf(node_kind::base_numeral, std::move(digits), static_cast<std::uint8_t>(base));
  }

  /// The text of a subscript: x_1, x_{12}, a_{n+1}.
  std::string subscript_text() {
    std::string s;
    if (peek().kind == tk::lbrace) {
      ++pos_;
      std::size_t depth = 1;
      while (peek().kind != tk::end) {
        const token& t = peek();
        if (t.kind == tk::lbrace) ++depth;
        if (t.kind == tk::rbrace && --depth == 0) {
          ++pos_;
          break;
        }
        switch (t.kind) {
          case tk::number: case tk::ident: case tk::word: s += text(t); break;
          case tk::plus: s += '+'; break;
          case tk::minus: s += '-'; break;
          case tk::comma: s += ','; break;
          default: s += '?'; break;
        }
        ++pos_;
        if (s.size() > 64) break;
      }
      return s;
    }
    const token& t = peek();
    if (t.kind == tk::number || t.kind == tk::ident) {
      ++pos_;
      return std::string(text(t));
    }
    return s;
  }

  std::uint32_t symbol_primary() {
    const token t = peek();
    ++pos_;
    std::string name(text(t));
    if (peek().kind == tk::underscore) {
      ++pos_;
      // Letters-and-digits numerals in bases above 10: A3_{16}.
      name += "_";
      name += subscript_text();
    } else if (name == "e") {
      return out_.leaf(node_kind::constant, static_cast<std::uint8_t>(constant_id::e));
    } else if (name == "i") {
      return out_.leaf(node_kind::constant, static_cast<std::uint8_t>(constant_id::i));
    }
    return out_.named_leaf(node_kind::symbol, std::move(name));
  }

  /// A word inside math ("xy", "abc") is a product of single-letter symbols.
  std::uint32_t word_primary() {
    const token t = peek();
    ++pos_;
    std::string_view w = text(t);
    std::vector<std::uint32_t> factors;
    for (std::size_t i = 0; i < w.size(); i += utf8_length_at(w, i)) {
      const std::size_t len = utf8_length_at(w, i);
      std::string_view letter = w.substr(i, len);
      if (letter == "e") {
        factors.push_back(out_.leaf(node_kind::constant, static_cast<std::uint8_t>(constant_id::e)));
      } else if (letter == "i") {
        factors.push_back(out_.leaf(node_kind::constant, static_cast<std::uint8_t>(constant_id::i)));
      } else {
        factors.push_back(out_.named_leaf(node_kind::symbol, std::string(letter)));
      }
      if (factors.size() > budget_.caps().max_items) return over("a product has more factors than max_items");
    }
    return factors.size() == 1 ? factors[0] : out_.branch(node_kind::mul, factors);
  }

  /// (…), […], (…], […), ]…[, <…>: grouping, tuple or interval.
  std::uint32_t bracketed() {
    const token open = peek();
    ++pos_;
    std::vector<std::uint32_t> items;
    std::uint8_t sep = 0;
    if (!sequence(items, sep, stop_bracket)) return bad;
    const token close = peek();
    const bool closes = close.kind == tk::rparen || close.kind == tk::rbrack || close.kind == tk::rangle ||
                        (close.kind == tk::lbrack && !items.empty());
    if (!closes) return error("unclosed bracket");
    ++pos_;
    if (items.empty()) return error("empty brackets");
    if (open.kind == tk::langle || close.kind == tk::rangle) {
      return out_.branch(node_kind::tuple, items, static_cast<std::uint8_t>(bracket_kind::angle));
    }
    const bool open_square = open.kind == tk::lbrack;
    const bool close_square = close.kind == tk::rbrack;
    const bool open_paren = open.kind == tk::lparen;
    const bool close_paren = close.kind == tk::rparen;
    if (items.size() == 1 && ((open_paren && close_paren) || (open_square && close_square))) {
      std::uint32_t inner = items[0];
      // (1011)_2
      if (open_paren && peek().kind == tk::underscore && is_plain_integer(inner)) {
        const std::size_t save = pos_;
        ++pos_;
        const std::string base_text = subscript_text();
        if (!base_text.empty() && base_text.size() <= 2 && base_text.find_first_not_of("0123456789") == std::string::npos) {
          return base_numeral(out_.number(inner).to_string(), std::stoi(base_text));
        }
        pos_ = save;
      }
      return inner;
    }
    if (items.size() == 2 && !((open_paren && close_paren) || (open_square && close_square))) {
      // (a, b], [a, b), ]a, b[, [a, b[
      std::uint8_t closed = 0;
      if (open_square) closed |= 1;
      if (close_square) closed |= 2;
      return out_.branch(node_kind::interval, items, closed);
    }
    if (open_paren && close_paren) return out_.branch(node_kind::tuple, items, static_cast<std::uint8_t>(bracket_kind::paren));
    if (open_square && close_square) return out_.branch(node_kind::tuple, items, static_cast<std::uint8_t>(bracket_kind::square));
    return error("mismatched brackets");
  }

  std::uint32_t braced_set() {
    ++pos_;
    std::vector<std::uint32_t> items;
    std::uint8_t sep = 0;
    if (!sequence(items, sep, stop_set_brace)) return bad;
    if (!accept(tk::rset)) return error("unclosed \\{");
    if (items.empty()) return out_.leaf(node_kind::empty_set);
    return out_.branch(node_kind::set, items);
  }

  /// {…}: a TeX group; in plain text {1, 2} is a set.
  std::uint32_t plain_braces() {
    ++pos_;
    std::vector<std::uint32_t> items;
    std::uint8_t sep = 0;
    if (!sequence(items, sep, stop_brace)) return bad;
    if (!accept(tk::rbrace)) return error("unclosed {");
    if (items.empty()) return out_.leaf(node_kind::empty_set);
    if (items.size() == 1) return items[0];
    return out_.branch(node_kind::set, items);
  }

  std::uint32_t group(tk open, tk close, stop_set stop) {
    if (!accept(open)) return error("expected a group");
    std::vector<std::uint32_t> items;
    std::uint8_t sep = 0;
    if (!sequence(items, sep, stop)) return bad;
    if (!accept(close)) return error("unclosed group");
    if (items.empty()) return error("empty group");
    return items.size() == 1 ? items[0] : out_.branch(node_kind::list, items, sep);
  }

  /// One TeX argument: {group}, or a single digit/letter/command.
  std::uint32_t macro_argument() {
    const token& t = peek();
    if (t.kind == tk::lbrace) return group(tk::lbrace, tk::rbrace, stop_brace);
    if (t.kind == tk::number && !t.decimal && t.length > 1 && text(t).find('r') == std::string_view::npos) {
      // \frac12: the first digit is the argument, the rest stays.
      token one = t;
      one.length = 1;
      one.exp10 = 0;
      token& rest = toks_[pos_];
      rest.text += 1;
      rest.length -= 1;
      rest.space_before = false;
      return number_node(one);
    }
    if (t.kind == tk::number) {
      ++pos_;
      return number_node(t);
    }
    if (t.kind == tk::ident) {
      ++pos_;
      std::string name(text(t));
      if (name == "e") return out_.leaf(node_kind::constant, static_cast<std::uint8_t>(constant_id::e));
      if (name == "i") return out_.leaf(node_kind::constant, static_cast<std::uint8_t>(constant_id::i));
      return out_.named_leaf(node_kind::symbol, std::move(name));
    }
    if (t.kind == tk::word) {
      // \frac ab: TeX takes the first letter.
      token& w = toks_[pos_];
      std::string letter(text(w).substr(0, 1));
      w.text += 1;
      w.length -= 1;
      if (w.length == 0) ++pos_;
      return out_.named_leaf(node_kind::symbol, std::move(letter));
    }
    if (t.kind == tk::minus) {
      ++pos_;
      const std::uint32_t a = macro_argument();
      return a == bad ? bad : out_.branch(node_kind::neg, {a});
    }
    return primary();
  }

  std::uint32_t fraction() {
    ++pos_;
    const std::uint32_t n = macro_argument();
    if (n == bad) return bad;
    const std::uint32_t d = macro_argument();
    if (d == bad) return bad;
    return out_.branch(node_kind::div, {n, d});
  }

  std::uint32_t square_root() {
    ++pos_;
    std::uint32_t index = bad;
    if (peek().kind == tk::lbrack) {
      ++pos_;
      index = set_expression();
      if (index == bad) return bad;
      if (!accept(tk::rbrack)) return error("unclosed root index");
    }
    std::uint32_t arg;
    const token& t = peek();
    if (t.kind == tk::number && t.space_before) {
      // "√12" and "sqrt 12" mean the whole number.
      ++pos_;
      arg = number_node(t);
    } else if (t.kind == tk::lparen) {
      arg = bracketed();
    } else {
      arg = macro_argument();
    }
    if (arg == bad) return bad;
    if (index == bad) index = out_.number_leaf(rational::from_i64(2));
    return out_.branch(node_kind::root, {arg, index});
  }

  std::uint32_t function() {
    const token t = peek();
    ++pos_;
    auto id = static_cast<function_id>(t.sub);
    std::uint32_t power_of = bad;
    if (accept(tk::caret)) {
      const std::uint32_t e = exponent();
      if (e == bad) return bad;
      const node& en = out_.at(e);
      const bool minus_one = en.kind == node_kind::neg && out_.at(out_.child(e, 0)).kind == node_kind::number &&
                             out_.number(out_.child(e, 0)) == rational::from_i64(1);
      if (minus_one && is_trigonometric(id)) {
        id = static_cast<function_id>(static_cast<std::uint8_t>(id) + 6);  // sin^{-1} = arcsin
      } else {
        power_of = e;
      }
    }
    std::uint32_t base = bad;
    if ((id == function_id::log) && accept(tk::underscore)) {
      if (peek().kind == tk::lbrace) {
        base = group(tk::lbrace, tk::rbrace, stop_brace);
      } else {
        base = macro_argument();
      }
      if (base == bad) return bad;
    }
    std::vector<std::uint32_t> args;
    if (peek().kind == tk::lparen) {
      ++pos_;
      std::uint8_t sep = 0;
      if (!sequence(args, sep, stop_bracket)) return bad;
      if (!accept(tk::rparen)) return error("unclosed function argument");
      if (args.empty()) return error("empty function argument");
    } else if (peek().kind == tk::lbrace) {
      const std::uint32_t a = group(tk::lbrace, tk::rbrace, stop_brace);
      if (a == bad) return bad;
      args.push_back(a);
    } else {
      // \sin 2x, \log 8, \cos \frac{\pi}{3}: factors up to the next operator or function.
      std::vector<std::uint32_t> factors;
      const std::uint32_t f = signed_power();
      if (f == bad) return bad;
      factors.push_back(f);
      while (peek().kind == tk::number || peek().kind == tk::ident || peek().kind == tk::constant) {
        if (peek().kind == tk::number && toks_[pos_ - 1].kind == tk::number) break;
        const std::uint32_t g = power();
        if (g == bad) return bad;
        factors.push_back(g);
      }
      args.push_back(factors.size() == 1 ? factors[0] : out_.branch(node_kind::mul, factors));
    }
    if (base != bad) args.push_back(base);
    std::uint32_t result = out_.branch(node_kind::func, args, static_cast<std::uint8_t>(id));
    if (power_of != bad) result = out_.branch(node_kind::pow, {result, power_of});
    return result;
  }

  std::uint32_t matrix() {
    const token open = peek();
    ++pos_;
    std::vector<std::uint32_t> cells;
    std::size_t cols = 0, in_row = 0;
    while (true) {
      if (accept(tk::end_matrix)) break;
      if (peek().kind == tk::end) return error("unclosed matrix");
      const std::uint32_t cell = set_expression();
      if (cell == bad) return bad;
      cells.push_back(cell);
      ++in_row;
      if (cells.size() > budget_.caps().max_items) return over("a matrix has more entries than max_items");
      if (accept(tk::amp)) continue;
      if (accept(tk::row_sep) || peek().kind == tk::end_matrix) {
        if (cols == 0) cols = in_row;
        if (in_row != cols) return error("ragged matrix");
        in_row = 0;
        continue;
      }
      return error("unexpected token in a matrix");
    }
    if (cells.empty() || cols == 0) return error("empty matrix");
    return out_.branch(node_kind::matrix, cells, open.sub, static_cast<std::uint32_t>(cols));
  }
};

/// Short English words that are answers, not products of variables.
inline constexpr std::string_view short_words[] = {
    "no", "on", "of", "is", "it", "in", "at", "an", "as", "to", "be", "we", "he", "me", "my", "by", "do", "go",
    "so", "up", "us", "if", "ok", "yes", "odd", "all", "any", "one", "not", "off", "low", "red", "top", "new", "old",
    "the", "are", "was", "has", "had", "for", "but", "nor", "own", "our", "its", "can", "may", "you", "few", "out",
    "now", "too", "who", "how", "why", "got", "get", "did", "see"};

[[nodiscard]] inline bool is_short_word(std::string_view w) {
  const std::string lower = ascii_lowercase(w);
  for (auto x : short_words) {
    if (x == lower) return true;
  }
  return false;
}

/// Decides whether tokens are a word answer. Words of four letters or more, short English
/// words, and non-Latin words make text; other short letter runs are products of variables
/// ("xy"). In a math answer, long words trailing a quantity are units ("5 apples").
[[nodiscard]] inline bool is_word_answer(token_stream& ts) {
  bool words = false;
  bool math = false;
  for (const auto& t : ts.tokens) {
    switch (t.kind) {
      case token_kind::word: words = true; break;
      case token_kind::number: case token_kind::plus: case token_kind::star: case token_kind::slash:
      case token_kind::caret: case token_kind::rel: case token_kind::frac: case token_kind::sqrt: case token_kind::func:
      case token_kind::constant: case token_kind::begin_matrix: case token_kind::pm: case token_kind::lset:
        math = true;
        break;
      default: break;
    }
  }
  if (!words) return false;
  if (math) {
    // A quantity followed by words: "5 apples", "28 different pizzas", "3 boxes contain
    // neither pens nor pencils". The words say what was counted; the quantity is the answer.
    // Short letter runs are products of variables ("2xy"), unless they are English words.
    std::size_t start = ts.tokens.size();
    while (start > 0) {
      const token& t = ts.tokens[start - 1];
      const bool in_prose = t.kind == token_kind::ident && t.length == 1 && start < ts.tokens.size() &&
                            ts.tokens[start].kind == token_kind::word;  // "a", "I" between words
      const bool english = t.kind == token_kind::word && (t.length >= 4 || is_short_word(ts.text_of(t)));
      if (!english && !in_prose) break;
      --start;
    }
    if (start > 0 && start < ts.tokens.size()) {
      switch (ts.tokens[start - 1].kind) {
        case token_kind::number: case token_kind::percent: case token_kind::rparen: case token_kind::degree:
        case token_kind::constant: case token_kind::rbrace:
          ts.tokens.resize(start);
          break;
        default: break;
      }
    }
    // A label before the value: "\text{Total battalions} = 5 \times 45 = 225". Words only
    // before the last relation and math after it: the words name the quantity.
    std::size_t last_rel = ts.tokens.size();
    for (std::size_t k = 0; k < ts.tokens.size(); ++k) {
      if (ts.tokens[k].kind == token_kind::rel) last_rel = k;
    }
    if (last_rel < ts.tokens.size()) {
      bool words_after = false, math_after = false;
      for (std::size_t k = last_rel + 1; k < ts.tokens.size(); ++k) {
        const token_kind kind = ts.tokens[k].kind;
        if (kind == token_kind::word) words_after = true;
        if (kind == token_kind::number || kind == token_kind::frac || kind == token_kind::sqrt || kind == token_kind::constant) {
          math_after = true;
        }
      }
      if (!words_after && math_after) return false;
    }
  }
  for (const auto& t : ts.tokens) {
    if (t.kind != token_kind::word) continue;
    const std::string_view w = ts.text_of(t);
    if (w.size() >= 4 || (!math && is_short_word(w))) return true;
    for (char c : w) {
      if (static_cast<unsigned char>(c) >= 0x80) return true;
    }
  }
  return false;
}

}  // namespace detail

/// Parses one answer (LaTeX or plain text) with the given work budget.
[[nodiscard]] inline parsed_answer parse(std::string_view answer, work_budget& budget) {
  parsed_answer out;
  out.source = std::string(answer);
  if (answer.size() > budget.caps().max_answer_bytes) {
    out.status = parse_status::over_budget;
    out.problem = "the answer is longer than max_answer_bytes";
    return out;
  }
  token_stream ts = tokenize(answer, budget.caps());
  if (!ts.ok) {
    out.status = parse_status::over_budget;
    out.problem = ts.problem;
    return out;
  }
  if (detail::is_word_answer(ts)) {
    out.is_text = true;
    out.tree.root = out.tree.named_leaf(node_kind::text, detail::normalize_text_answer(answer));
    out.status = out.tree.strings.back().empty() ? parse_status::empty : parse_status::ok;
    return out;
  }
  detail::parser p(ts, out.tree, budget);
  out.status = p.run();
  out.problem = p.problem();
  if (out.status != parse_status::ok) out.tree.root = expr::none;
  if (budget.exhausted() && out.status != parse_status::ok) {
    out.status = parse_status::over_budget;
    out.problem = budget.reason();
  }
  return out;
}

/// Parses with a fresh budget from `opts`.
[[nodiscard]] inline parsed_answer parse(std::string_view answer, const options& opts = {}) {
  work_budget budget(opts.budget);
  return parse(answer, budget);
}

}  // namespace math
TRANSFERSCORE_END_NAMESPACE
