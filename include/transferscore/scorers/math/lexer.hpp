#pragma once
// Splits an answer (LaTeX or plain text) into tokens. Presentation disappears here: math
// delimiters, \left/\right, spacing commands, \displaystyle, dollar signs and known units
// produce no tokens; \text{...} and friends either vanish (units), become words (text
// answers), or are lexed as math. Numbers come out canonical: thousands separators
// (3,250  10{,}000  10\,000  10 000) are folded into the digits, but only where they cannot
// be a list separator (a comma at bracket depth 0 followed by exactly three digits).

#include <transferscore/config.hpp>
#include <transferscore/scorers/math/expr.hpp>
#include <transferscore/scorers/math/options.hpp>
#include <transferscore/scorers/math/unicode.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace math {

enum class token_kind : std::uint8_t {
  end,
  number,     ///< text: canonical digits "1234.5", or with a repeating tail "0.1r6"; exp10: e-notation
  ident,      ///< a letter or a named symbol (\alpha -> "alpha"); text: the name
  word,       ///< a run of letters that is no known function, constant or unit; text: the word
  plus, minus, star, slash, caret, underscore, bang, percent, degree, prime,
  lparen, rparen, lbrack, rbrack, lbrace, rbrace, lset, rset, langle, rangle,
  bar, lfloor, rfloor, lceil, rceil,
  comma, semicolon, colon, period,
  rel,  ///< sub: relop
  pm, mp, cup, cap, setminus,
  frac, binom, sqrt,
  func,      ///< sub: function_id
  constant,  ///< sub: constant_id
  emptyset, reals,
  begin_matrix,  ///< sub: bracket_kind of the environment (paren, square; 2 for plain/array)
  end_matrix, amp, row_sep,
  kw_or, kw_and, ellipsis, overline,
  mod,          ///< a \bmod b, a \mod b, a mod b
  unsupported,  ///< something the parser cannot read (\int, an arrow, '?'); the answer becomes text
};

struct token {
  token_kind kind = token_kind::end;
  std::uint8_t sub = 0;
  bool space_before = false;
  bool decimal = false;  ///< number written with a decimal point
  std::uint32_t text = 0;
  std::uint32_t length = 0;
  std::int32_t exp10 = 0;
};

struct token_stream {
  std::vector<token> tokens;
  std::string text;  ///< token texts live here (numbers are canonicalised)
  bool ok = true;
  const char* problem = nullptr;  ///< budget reason when !ok

  [[nodiscard]] std::string_view text_of(const token& t) const noexcept { return std::string_view(text).substr(t.text, t.length); }
};

namespace detail {

struct command_entry {
  std::string_view name;
  token_kind kind;
  std::uint8_t sub;
  std::uint8_t action;  // see command_action
};

enum command_action : std::uint8_t {
  emit = 0,         // emit kind/sub
  skip = 1,         // nothing
  skip_arg = 2,     // drop the command and its {argument}
  text_arg = 3,     // \text-like: the argument is words, units or math
  math_arg = 4,     // \mathbf-like: the argument is lexed as math
  skip_dot = 5,     // \left / \right: also drop a following '.'
  env_begin = 6,
  env_end = 7,
  greek = 8,        // ident named after the command
  mathbb = 9,
  mathrm_arg = 10,  // like text_arg, but \mathrm{e} and \mathrm{i} are the constants
  operatorname = 11,
  color_arg = 12,   // \textcolor{red}{x}: drop the first argument
};

using tk = token_kind;

// Sorted by name (std::string_view ordering) for binary search.
inline constexpr auto latex_commands = std::to_array<command_entry>({
    {"!", tk::end, 0, skip},
    {"#", tk::end, 0, skip},
    {"$", tk::end, 0, skip},
    {"%", tk::percent, 0, emit},
    {"&", tk::amp, 0, emit},
    {"(", tk::end, 0, skip},
    {")", tk::end, 0, skip},
    {",", tk::end, 0, skip},
    {":", tk::end, 0, skip},
    {";", tk::end, 0, skip},
    {">", tk::end, 0, skip},
    {"Alpha", tk::ident, 0, greek},
    {"Beta", tk::ident, 0, greek},
    {"Big", tk::end, 0, skip},
    {"Bigg", tk::end, 0, skip},
    {"Biggl", tk::end, 0, skip},
    {"Biggr", tk::end, 0, skip},
    {"Bigl", tk::end, 0, skip},
    {"Bigr", tk::end, 0, skip},
    {"Chi", tk::ident, 0, greek},
    {"Delta", tk::ident, 0, greek},
    {"Epsilon", tk::ident, 0, greek},
    {"Eta", tk::ident, 0, greek},
    {"Gamma", tk::ident, 0, greek},
    {"Iota", tk::ident, 0, greek},
    {"Kappa", tk::ident, 0, greek},
    {"Lambda", tk::ident, 0, greek},
    {"Mu", tk::ident, 0, greek},
    {"Nu", tk::ident, 0, greek},
    {"Omega", tk::ident, 0, greek},
    {"Omicron", tk::ident, 0, greek},
    {"Phi", tk::ident, 0, greek},
    {"Pi", tk::ident, 0, greek},
    {"Psi", tk::ident, 0, greek},
    {"R", tk::reals, 0, emit},
    {"Rho", tk::ident, 0, greek},
    {"Sigma", tk::ident, 0, greek},
    {"Tau", tk::ident, 0, greek},
    {"Theta", tk::ident, 0, greek},
    {"Upsilon", tk::ident, 0, greek},
    {"Vert", tk::bar, 0, emit},
    {"Xi", tk::ident, 0, greek},
    {"Zeta", tk::ident, 0, greek},
    {"[", tk::end, 0, skip},
    {"]", tk::end, 0, skip},
    {"_", tk::end, 0, skip},
    {"alpha", tk::ident, 0, greek},
    {"approx", tk::rel, static_cast<std::uint8_t>(relop::approx), emit},
    {"arccos", tk::func, static_cast<std::uint8_t>(function_id::acos), emit},
    {"arccot", tk::func, static_cast<std::uint8_t>(function_id::acot), emit},
    {"arccsc", tk::func, static_cast<std::uint8_t>(function_id::acsc), emit},
    {"arcsec", tk::func, static_cast<std::uint8_t>(function_id::asec), emit},
    {"arcsin", tk::func, static_cast<std::uint8_t>(function_id::asin), emit},
    {"arctan", tk::func, static_cast<std::uint8_t>(function_id::atan), emit},
    {"ast", tk::star, 0, emit},
    {"backslash", tk::setminus, 0, emit},
    {"bar", tk::end, 0, math_arg},
    {"begin", tk::begin_matrix, 0, env_begin},
    {"beta", tk::ident, 0, greek},
    {"big", tk::end, 0, skip},
    {"bigg", tk::end, 0, skip},
    {"biggl", tk::end, 0, skip},
    {"biggr", tk::end, 0, skip},
    {"bigl", tk::end, 0, skip},
    {"bigr", tk::end, 0, skip},
    {"binom", tk::binom, 0, emit},
    {"bm", tk::end, 0, math_arg},
    {"bmod", tk::mod, 0, emit},
    {"boldsymbol", tk::end, 0, math_arg},
    {"boxed", tk::end, 0, math_arg},
    {"cap", tk::cap, 0, emit},
    {"cdot", tk::star, 0, emit},
    {"cdotp", tk::star, 0, emit},
    {"cdots", tk::ellipsis, 0, emit},
    {"cfrac", tk::frac, 0, emit},
    {"chi", tk::ident, 0, greek},
    {"circ", tk::degree, 0, emit},
    {"colon", tk::colon, 0, emit},
    {"color", tk::end, 0, skip_arg},
    {"cos", tk::func, static_cast<std::uint8_t>(function_id::cos), emit},
    {"cosh", tk::func, static_cast<std::uint8_t>(function_id::cosh), emit},
    {"cot", tk::func, static_cast<std::uint8_t>(function_id::cot), emit},
    {"coth", tk::func, static_cast<std::uint8_t>(function_id::coth), emit},
    {"csc", tk::func, static_cast<std::uint8_t>(function_id::csc), emit},
    {"cup", tk::cup, 0, emit},
    {"dbinom", tk::binom, 0, emit},
    {"ddots", tk::ellipsis, 0, emit},
    {"degree", tk::degree, 0, emit},
    {"delta", tk::ident, 0, greek},
    {"dfrac", tk::frac, 0, emit},
    {"displaystyle", tk::end, 0, skip},
    {"div", tk::slash, 0, emit},
    {"dots", tk::ellipsis, 0, emit},
    {"dotsb", tk::ellipsis, 0, emit},
    {"dotsc", tk::ellipsis, 0, emit},
    {"ell", tk::ident, 0, greek},
    {"emph", tk::end, 0, text_arg},
    {"emptyset", tk::emptyset, 0, emit},
    {"end", tk::end_matrix, 0, env_end},
    {"epsilon", tk::ident, 0, greek},
    {"equiv", tk::rel, static_cast<std::uint8_t>(relop::eq), emit},
    {"eta", tk::ident, 0, greek},
    {"exp", tk::func, static_cast<std::uint8_t>(function_id::exp), emit},
    {"fbox", tk::end, 0, math_arg},
    {"frac", tk::frac, 0, emit},
    {"gamma", tk::ident, 0, greek},
    {"gcd", tk::func, static_cast<std::uint8_t>(function_id::gcd), emit},
    {"ge", tk::rel, static_cast<std::uint8_t>(relop::ge), emit},
    {"geq", tk::rel, static_cast<std::uint8_t>(relop::ge), emit},
    {"geqq", tk::rel, static_cast<std::uint8_t>(relop::ge), emit},
    {"geqslant", tk::rel, static_cast<std::uint8_t>(relop::ge), emit},
    {"gt", tk::rel, static_cast<std::uint8_t>(relop::gt), emit},
    {"hat", tk::end, 0, math_arg},
    {"hline", tk::end, 0, skip},
    {"hspace", tk::end, 0, skip_arg},
    {"in", tk::rel, static_cast<std::uint8_t>(relop::in), emit},
    {"infty", tk::constant, static_cast<std::uint8_t>(constant_id::infinity), emit},
    {"iota", tk::ident, 0, greek},
    {"kappa", tk::ident, 0, greek},
    {"lambda", tk::ident, 0, greek},
    {"langle", tk::langle, 0, emit},
    {"lbrace", tk::lset, 0, emit},
    {"lceil", tk::lceil, 0, emit},
    {"ldots", tk::ellipsis, 0, emit},
    {"le", tk::rel, static_cast<std::uint8_t>(relop::le), emit},
    {"left", tk::end, 0, skip_dot},
    {"leq", tk::rel, static_cast<std::uint8_t>(relop::le), emit},
    {"leqq", tk::rel, static_cast<std::uint8_t>(relop::le), emit},
    {"leqslant", tk::rel, static_cast<std::uint8_t>(relop::le), emit},
    {"lfloor", tk::lfloor, 0, emit},
    {"lg", tk::func, static_cast<std::uint8_t>(function_id::lg), emit},
    {"ln", tk::func, static_cast<std::uint8_t>(function_id::ln), emit},
    {"log", tk::func, static_cast<std::uint8_t>(function_id::log), emit},
    {"lt", tk::rel, static_cast<std::uint8_t>(relop::lt), emit},
    {"lvert", tk::bar, 0, emit},
    {"mathbb", tk::end, 0, mathbb},
    {"mathbf", tk::end, 0, math_arg},
    {"mathit", tk::end, 0, math_arg},
    {"mathrm", tk::end, 0, mathrm_arg},
    {"max", tk::func, static_cast<std::uint8_t>(function_id::max), emit},
    {"mbox", tk::end, 0, text_arg},
    {"mid", tk::bar, 0, emit},
    {"min", tk::func, static_cast<std::uint8_t>(function_id::min), emit},
    {"mod", tk::mod, 0, emit},
    {"mp", tk::mp, 0, emit},
    {"ne", tk::rel, static_cast<std::uint8_t>(relop::ne), emit},
    {"neq", tk::rel, static_cast<std::uint8_t>(relop::ne), emit},
    {"operatorname", tk::end, 0, operatorname},
    {"overline", tk::overline, 0, emit},
    {"phi", tk::ident, 0, greek},
    {"pi", tk::constant, static_cast<std::uint8_t>(constant_id::pi), emit},
    {"pm", tk::pm, 0, emit},
    {"qquad", tk::end, 0, skip},
    {"quad", tk::end, 0, skip},
    {"rangle", tk::rangle, 0, emit},
    {"rbrace", tk::rset, 0, emit},
    {"rceil", tk::rceil, 0, emit},
    {"rfloor", tk::rfloor, 0, emit},
    {"right", tk::end, 0, skip_dot},
    {"rvert", tk::bar, 0, emit},
    {"sec", tk::func, static_cast<std::uint8_t>(function_id::sec), emit},
    {"setminus", tk::setminus, 0, emit},
    {"sin", tk::func, static_cast<std::uint8_t>(function_id::sin), emit},
    {"sinh", tk::func, static_cast<std::uint8_t>(function_id::sinh), emit},
    {"sqrt", tk::sqrt, 0, emit},
    {"tan", tk::func, static_cast<std::uint8_t>(function_id::tan), emit},
    {"tanh", tk::func, static_cast<std::uint8_t>(function_id::tanh), emit},
    {"tbinom", tk::binom, 0, emit},
    {"text", tk::end, 0, text_arg},
    {"textbf", tk::end, 0, text_arg},
    {"textcolor", tk::end, 0, color_arg},
    {"textit", tk::end, 0, text_arg},
    {"textrm", tk::end, 0, text_arg},
    {"textstyle", tk::end, 0, skip},
    {"tfrac", tk::frac, 0, emit},
    {"theta", tk::ident, 0, greek},
    {"times", tk::star, 0, emit},
    {"varnothing", tk::emptyset, 0, emit},
    {"vert", tk::bar, 0, emit},
});

inline constexpr auto extra_greek = std::to_array<std::string_view>({
    "mu", "nu", "omega", "omicron", "psi", "rho", "sigma", "tau", "upsilon", "varepsilon",
    "varphi", "varpi", "varrho", "varsigma", "vartheta", "xi", "zeta", "lim", "sum", "prod"});

[[nodiscard]] constexpr bool commands_sorted() {
  for (std::size_t i = 1; i < latex_commands.size(); ++i) {
    if (!(latex_commands[i - 1].name < latex_commands[i].name)) return false;
  }
  return true;
}
static_assert(commands_sorted(), "latex_commands must stay sorted by name");

[[nodiscard]] inline const command_entry* find_command(std::string_view name) noexcept {
  auto it = std::lower_bound(latex_commands.begin(), latex_commands.end(), name,
                             [](const command_entry& e, std::string_view n) { return e.name < n; });
  if (it != latex_commands.end() && it->name == name) return &*it;
  return nullptr;
}

struct word_entry {
  std::string_view word;
  token_kind kind;
  std::uint8_t sub;
};

// Plain-text words with a meaning (lower case; sorted).
inline constexpr auto plain_words = std::to_array<word_entry>({
    {"abs", tk::func, static_cast<std::uint8_t>(function_id::abs)},
    {"acos", tk::func, static_cast<std::uint8_t>(function_id::acos)},
    {"and", tk::kw_and, 0},
    {"arccos", tk::func, static_cast<std::uint8_t>(function_id::acos)},
    {"arcsin", tk::func, static_cast<std::uint8_t>(function_id::asin)},
    {"arctan", tk::func, static_cast<std::uint8_t>(function_id::atan)},
    {"asin", tk::func, static_cast<std::uint8_t>(function_id::asin)},
    {"atan", tk::func, static_cast<std::uint8_t>(function_id::atan)},
    {"ceil", tk::func, static_cast<std::uint8_t>(function_id::ceil)},
    {"cos", tk::func, static_cast<std::uint8_t>(function_id::cos)},
    {"cosh", tk::func, static_cast<std::uint8_t>(function_id::cosh)},
    {"cot", tk::func, static_cast<std::uint8_t>(function_id::cot)},
    {"csc", tk::func, static_cast<std::uint8_t>(function_id::csc)},
    {"degree", tk::degree, 0},
    {"degrees", tk::degree, 0},
    {"exp", tk::func, static_cast<std::uint8_t>(function_id::exp)},
    {"floor", tk::func, static_cast<std::uint8_t>(function_id::floor)},
    {"gcd", tk::func, static_cast<std::uint8_t>(function_id::gcd)},
    {"inf", tk::constant, static_cast<std::uint8_t>(constant_id::infinity)},
    {"infinity", tk::constant, static_cast<std::uint8_t>(constant_id::infinity)},
    {"infty", tk::constant, static_cast<std::uint8_t>(constant_id::infinity)},
    {"lcm", tk::func, static_cast<std::uint8_t>(function_id::lcm)},
    {"lg", tk::func, static_cast<std::uint8_t>(function_id::lg)},
    {"ln", tk::func, static_cast<std::uint8_t>(function_id::ln)},
    {"log", tk::func, static_cast<std::uint8_t>(function_id::log)},
    {"max", tk::func, static_cast<std::uint8_t>(function_id::max)},
    {"min", tk::func, static_cast<std::uint8_t>(function_id::min)},
    {"mod", tk::mod, 0},
    {"or", tk::kw_or, 0},
    {"pct", tk::percent, 0},
    {"percent", tk::percent, 0},
    {"pi", tk::constant, static_cast<std::uint8_t>(constant_id::pi)},
    {"sec", tk::func, static_cast<std::uint8_t>(function_id::sec)},
    {"sin", tk::func, static_cast<std::uint8_t>(function_id::sin)},
    {"sinh", tk::func, static_cast<std::uint8_t>(function_id::sinh)},
    {"sqrt", tk::sqrt, 0},
    {"tan", tk::func, static_cast<std::uint8_t>(function_id::tan)},
    {"tanh", tk::func, static_cast<std::uint8_t>(function_id::tanh)},
    {"union", tk::cup, 0},
});

[[nodiscard]] constexpr bool words_sorted() {
  for (std::size_t i = 1; i < plain_words.size(); ++i) {
    if (!(plain_words[i - 1].word < plain_words[i].word)) return false;
  }
  return true;
}
static_assert(words_sorted(), "plain_words must stay sorted");

// Units and currency words that are dropped after a quantity (lower case; sorted).
inline constexpr auto unit_words = std::to_array<std::string_view>({
    "cent", "centimeter", "centimeters", "centimetre", "centimetres", "cents", "cm", "cubic", "cups", "day", "days",
    "dollar", "dollars", "euro", "euros", "feet", "foot", "ft", "g", "gallon", "gallons", "gram", "grams", "h", "hour",
    "hours", "hr", "hrs", "inch", "inches", "kg", "kilogram", "kilograms", "kilometer", "kilometers", "km", "kmh",
    "l", "lb", "lbs", "liter", "liters", "litre", "litres", "m", "meter", "meters", "metre", "metres", "mi", "mile",
    "miles", "min", "mins", "minute", "minutes", "ml", "mm", "month", "months", "mph", "ounce", "ounces", "oz", "per",
    "pound", "pounds", "radian", "radians", "rad", "s", "sec", "second", "seconds", "sq", "square", "squared", "ton",
    "tons", "unit", "units", "usd", "week", "weeks", "yard", "yards", "yd", "year", "years", "yuan"});

[[nodiscard]] inline bool is_unit_word(std::string_view lower, bool single_letters) noexcept {
  if (lower.size() == 1 && !single_letters) return false;
  for (auto u : unit_words) {
    if (u == lower) return true;
  }
  return false;
}

inline constexpr auto small_number_words = std::to_array<std::string_view>({
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"});
inline constexpr auto tens_words = std::to_array<std::string_view>({"twenty", "thirty", "forty", "fifty",
                                                            "sixty", "seventy", "eighty", "ninety"});

/// The value of one number word ("seven" 7, "forty" 40, "hundred" 100 ...), or -1.
[[nodiscard]] inline std::int64_t number_word_value(std::string_view lower) noexcept {
  for (std::size_t i = 0; i < small_number_words.size(); ++i) {
    if (small_number_words[i] == lower) return static_cast<std::int64_t>(i);
  }
  for (std::size_t i = 0; i < tens_words.size(); ++i) {
    if (tens_words[i] == lower) return static_cast<std::int64_t>(20 + 10 * i);
  }
  if (lower == "hundred") return 100;
  if (lower == "thousand") return 1000;
  if (lower == "million") return 1000000;
  if (lower == "billion") return 1000000000;
  return -1;
}

[[nodiscard]] constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
[[nodiscard]] constexpr bool is_letter(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
[[nodiscard]] constexpr bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

[[nodiscard]] inline std::string ascii_lowercase(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

class lexer {
 public:
  lexer(token_stream& out, const limits& caps) : out_(out), caps_(caps) {}

  void run(std::string_view s) { lex(s, 0, false); }

 private:
  void push(token_kind kind, std::uint8_t sub = 0) {
    token t;
    t.kind = kind;
    t.sub = sub;
    t.space_before = space_;
    space_ = false;
    out_.tokens.push_back(t);
    track_depth(kind);
  }
  void push_text(token_kind kind, std::string_view text) {
    token t;
    t.kind = kind;
    t.space_before = space_;
    space_ = false;
    t.text = static_cast<std::uint32_t>(out_.text.size());
    t.length = static_cast<std::uint32_t>(text.size());
    out_.text.append(text);
    out_.tokens.push_back(t);
  }
  void track_depth(token_kind kind) {
    switch (kind) {
      case tk::lparen: case tk::lbrack: case tk::lset: case tk::langle: ++depth_; break;
      case tk::rparen: case tk::rbrack: case tk::rset: case tk::rangle:
        if (depth_ > 0) --depth_;
        break;
      default: break;
    }
  }
  bool fail(const char* why) {
    out_.ok = false;
    if (out_.problem == nullptr) out_.problem = why;
    return false;
  }

  /// The balanced {...} group starting at s[i] == '{'; returns its content and moves i past it.
  /// Without a brace, the next single character (or command) is the argument, as in TeX.
  static std::string_view argument(std::string_view s, std::size_t& i) {
    while (i < s.size() && is_space(s[i])) ++i;
    if (i >= s.size()) return {};
    if (s[i] != '{') {
      const std::size_t start = i;
      if (s[i] == '\\' && i + 1 < s.size() && is_letter(s[i + 1])) {
        ++i;
        while (i < s.size() && is_letter(s[i])) ++i;
      } else {
        i += utf8_length_at(s, i);
      }
      return s.substr(start, i - start);
    }
    std::size_t depth = 0;
    const std::size_t start = i + 1;
    for (; i < s.size(); ++i) {
      if (s[i] == '\\' && i + 1 < s.size()) {
        ++i;
        continue;
      }
      if (s[i] == '{') ++depth;
      if (s[i] == '}' && --depth == 0) {
        ++i;
        return s.substr(start, i - 1 - start);
      }
    }
    return s.substr(start);  // unbalanced: take the rest
  }

  bool lex(std::string_view s, std::size_t nesting, bool in_text) {
    if (nesting > caps_.max_depth) return fail("nesting deeper than max_depth");
    std::size_t i = 0;
    while (i < s.size()) {
      if (out_.tokens.size() > caps_.max_answer_bytes * 2 + 16) return fail("too many tokens");
      const char c = s[i];
      if (is_space(c) || c == '~') {
        space_ = true;
        ++i;
        continue;
      }
      if (is_digit(c) || (c == '.' && i + 1 < s.size() && is_digit(s[i + 1]))) {
        i = lex_number(s, i);
        continue;
      }
      if (is_letter(c)) {
        std::size_t j = i;
        while (j < s.size() && is_letter(s[j])) ++j;
        i = lex_word(s, i, j, in_text);
        continue;
      }
      if (static_cast<unsigned char>(c) >= 0x80) {
        // Other scripts are words (a Chinese or Russian text answer).
        std::size_t j = i;
        while (j < s.size() && static_cast<unsigned char>(s[j]) >= 0x80) j += utf8_length_at(s, j);
        push_text(tk::word, s.substr(i, j - i));
        i = j;
        continue;
      }
      if (c == '\\') {
        i = lex_command(s, i, nesting, in_text);
        if (!out_.ok) return false;
        continue;
      }
      i = lex_punctuation(s, i);
    }
    return out_.ok;
  }

  std::size_t lex_punctuation(std::string_view s, std::size_t i) {
    const char c = s[i];
    const char n = i + 1 < s.size() ? s[i + 1] : '\0';
    switch (c) {
      case '+':
        if (n == '-') {
          push(tk::pm);
          return i + 2;
        }
        push(tk::plus);
        return i + 1;
      case '-':
        if (n == '+') {
          push(tk::mp);
          return i + 2;
        }
        push(tk::minus);
        return i + 1;
      case '*':
        if (n == '*') return i + 2;  // markdown bold
        push(tk::star);
        return i + 1;
      case '/': push(tk::slash); return i + 1;
      case '^': {
        // ^\circ and ^{\circ} are degrees; ^{\prime} a prime.
        std::size_t j = i + 1;
        while (j < s.size() && is_space(s[j])) ++j;
        std::string_view rest = s.substr(j);
        for (std::string_view deg : {std::string_view("\\circ"), std::string_view("{\\circ}"), std::string_view("{ \\circ }"),
                                     std::string_view("{\\circ }"), std::string_view("{ \\circ}")}) {
          if (rest.substr(0, deg.size()) == deg && (deg.back() == '}' || rest.size() == deg.size() || !is_letter(rest[deg.size()]))) {
            push(tk::degree);
            return j + deg.size();
          }
        }
        for (std::string_view pr : {std::string_view("\\prime"), std::string_view("{\\prime}")}) {
          if (rest.substr(0, pr.size()) == pr) {
            push(tk::prime);
            return j + pr.size();
          }
        }
        push(tk::caret);
        return i + 1;
      }
      case '_': push(tk::underscore); return i + 1;
      case '!':
        if (n == '=') {
          push(tk::rel, static_cast<std::uint8_t>(relop::ne));
          return i + 2;
        }
        push(tk::bang);
        return i + 1;
      case '%': push(tk::percent); return i + 1;
      case '\'': push(tk::prime); return i + 1;
      case '(': push(tk::lparen); return i + 1;
      case ')': push(tk::rparen); return i + 1;
      case '[': push(tk::lbrack); return i + 1;
      case ']': push(tk::rbrack); return i + 1;
      case '{':
        if (s.substr(i, 3) == "{,}") {  // a lone {,} outside a number: a comma
          push(tk::comma);
          return i + 3;
        }
        push(tk::lbrace);
        return i + 1;
      case '}': push(tk::rbrace); return i + 1;
      case '|': push(tk::bar); return i + 1;
      case ',': push(tk::comma); return i + 1;
      case ';': push(tk::semicolon); return i + 1;
      case ':':
        if (n == '=') {
          push(tk::rel, static_cast<std::uint8_t>(relop::eq));
          return i + 2;
        }
        push(tk::colon);
        return i + 1;
      case '.':
        if (s.substr(i, 3) == "...") {
          push(tk::ellipsis);
          return i + 3;
        }
        push(tk::period);
        return i + 1;
      case '=':
        if (n == '=') {
          push(tk::rel, static_cast<std::uint8_t>(relop::eq));
          return i + 2;
        }
        if (n == '>') {
          push(tk::unsupported);
          return i + 2;
        }
        push(tk::rel, static_cast<std::uint8_t>(relop::eq));
        return i + 1;
      case '<':
        if (n == '=') {
          push(tk::rel, static_cast<std::uint8_t>(relop::le));
          return i + 2;
        }
        push(tk::rel, static_cast<std::uint8_t>(relop::lt));
        return i + 1;
      case '>':
        if (n == '=') {
          push(tk::rel, static_cast<std::uint8_t>(relop::ge));
          return i + 2;
        }
        push(tk::rel, static_cast<std::uint8_t>(relop::gt));
        return i + 1;
      case '&': push(tk::amp); return i + 1;
      case '$': return i + 1;  // math delimiters and currency alike
      case '"': case '`': return i + 1;
      default: push(tk::unsupported); return i + 1;
    }
  }

  /// Bytes of an ordinal suffix at s[j] after an integer: 12th, 1st, 12^{th}, 12^{\text{th}},
  /// 12^\text{nd}, 12^{\mathrm{rd}}, 12^{\rm th}. An ordinal means its number ("12^{th} grade" is 12).
  [[nodiscard]] static std::size_t ordinal_suffix(std::string_view s, std::size_t j) noexcept {
    auto suffix_at = [&](std::size_t k) -> std::size_t {
      if (k + 2 > s.size()) return 0;
      const std::string_view two = s.substr(k, 2);
      if (two != "th" && two != "st" && two != "nd" && two != "rd") return 0;
      return 2;
    };
    if (const std::size_t n = suffix_at(j); n != 0 && (j + 2 == s.size() || !is_letter(s[j + 2]))) return n;
    if (j >= s.size() || s[j] != '^') return 0;
    std::size_t k = j + 1;
    const bool braced = k < s.size() && s[k] == '{';
    if (braced) ++k;
    while (k < s.size() && s[k] == ' ') ++k;
    std::size_t close_wrapper = 0;
    for (std::string_view wrapper : {std::string_view("\\text{"), std::string_view("\\mathrm{"), std::string_view("\\textrm{"),
                                     std::string_view("\\textit{"), std::string_view("\\rm "), std::string_view("\\mbox{")}) {
      if (s.substr(k, wrapper.size()) == wrapper) {
        k += wrapper.size();
        close_wrapper = wrapper.back() == '{' ? 1 : 0;
        break;
      }
    }
    if (!braced && close_wrapper == 0) return 0;  // 12^th is not written; 12^t is a power
    const std::size_t n = suffix_at(k);
    if (n == 0) return 0;
    k += n;
    if (close_wrapper != 0) {
      if (k >= s.size() || s[k] != '}') return 0;
      ++k;
    }
    while (k < s.size() && s[k] == ' ') ++k;
    if (braced) {
      if (k >= s.size() || s[k] != '}') return 0;
      ++k;
    }
    return k - j;
  }

  /// Digits (with thousands separators), a decimal part, a repeating tail, e-notation.
  std::size_t lex_number(std::string_view s, std::size_t i) {
    std::string digits;
    const bool starts_with_point = s[i] == '.';
    std::size_t j = i;
    while (j < s.size() && is_digit(s[j])) digits.push_back(s[j++]);
    if (!starts_with_point) {
      const std::size_t first_group = digits.size();
      const bool may_group = first_group <= 3 && !(first_group > 1 && digits[0] == '0') && digits != "0";
      auto three_digits_at = [&](std::size_t k) {
        return k + 3 <= s.size() && is_digit(s[k]) && is_digit(s[k + 1]) && is_digit(s[k + 2]) &&
               (k + 3 == s.size() || !is_digit(s[k + 3]));
      };
      while (j < s.size()) {
        std::size_t sep = 0;
        if (s.substr(j, 3) == "{,}") {
          sep = 3;
        } else if (s.substr(j, 3) == ",\\!") {
          // MATH's own grouping markup, 3,\!250 (also with a space after \!): never a list separator.
          sep = 3;
          while (j + sep < s.size() && s[j + sep] == ' ') ++sep;
        } else if (s.substr(j, 2) == "\\," || s.substr(j, 2) == "\\;" || s.substr(j, 2) == "\\:" || s.substr(j, 2) == "\\ " ||
                   s.substr(j, 2) == "\\!") {
          sep = 2;
        } else if (may_group && depth_ == 0 && (s[j] == ',' || s[j] == ' ' || s[j] == '~')) {
          sep = 1;
        } else if (s.substr(j, 7) == "\\thinsp") {
          sep = 0;
        }
        if (sep == 0 || !three_digits_at(j + sep)) break;
        digits.append(s.substr(j + sep, 3));
        j += sep + 3;
      }
    }
    bool decimal = false;
    std::string repeating;
    if (j < s.size() && s[j] == '.' && (j + 1 < s.size() && (is_digit(s[j + 1]) || s.substr(j + 1, 9) == "\\overline"))) {
      decimal = true;
      digits.push_back('.');
      ++j;
      while (j < s.size() && is_digit(s[j])) digits.push_back(s[j++]);
      // 0.1\overline{6}: a repeating tail.
      if (s.substr(j, 9) == "\\overline") {
        std::size_t k = j + 9;
        std::string_view arg = argument(s, k);
        std::string tail;
        bool all_digits = !arg.empty();
        for (char d : arg) {
          if (is_digit(d)) {
            tail.push_back(d);
          } else if (!is_space(d)) {
            all_digits = false;
          }
        }
        if (all_digits && !tail.empty()) {
          repeating = tail;
          j = k;
        }
      }
    }
    std::int32_t exp10 = 0;
    // e-notation: 6.02e23, 1e-7, 2.5E+3 (no spaces inside).
    if (j + 1 < s.size() && (s[j] == 'e' || s[j] == 'E')) {
      std::size_t k = j + 1;
      bool negative = false;
      if (k < s.size() && (s[k] == '+' || s[k] == '-')) {
        negative = s[k] == '-';
        ++k;
      }
      if (k < s.size() && is_digit(s[k])) {
        std::int64_t e = 0;
        while (k < s.size() && is_digit(s[k])) {
          if (e < 100000000) e = e * 10 + (s[k] - '0');
          ++k;
        }
        if (k >= s.size() || !is_letter(s[k])) {
          exp10 = static_cast<std::int32_t>(negative ? -e : e);
          j = k;
        }
      }
    }
    if (!repeating.empty()) {
      digits.push_back('r');
      digits += repeating;
    }
    if (!decimal && exp10 == 0) j += ordinal_suffix(s, j);
    push_text(tk::number, digits);
    out_.tokens.back().decimal = decimal;
    out_.tokens.back().exp10 = exp10;
    return j;
  }

  /// A run of letters s[i, j): a letter, a number word, a function, a unit, or a word.
  /// Returns where lexing continues (number words and unit powers reach past j).
  std::size_t lex_word(std::string_view s, std::size_t i, std::size_t j, bool in_text) {
    std::string_view w = s.substr(i, j - i);
    if (w.size() == 1) {
      push_text(tk::ident, w);
      return j;
    }
    const std::string lower = ascii_lowercase(w);
    if (const std::int64_t first = number_word_value(lower); first >= 0) {
      // "twenty-one", "one hundred and five", "three thousand two hundred".
      std::size_t k = j;
      std::int64_t total = 0;
      std::int64_t current = 0;
      auto absorb = [&](std::int64_t v) {
        if (v == 100) {
          current = (current == 0 ? 1 : current) * 100;
        } else if (v >= 1000) {
          total += (current == 0 ? 1 : current) * v;
          current = 0;
        } else {
          current += v;
        }
      };
      absorb(first);
      while (true) {
        std::size_t m = k;
        while (m < s.size() && (s[m] == ' ' || s[m] == '-')) ++m;
        if (m == k) break;
        std::size_t e = m;
        while (e < s.size() && is_letter(s[e])) ++e;
        if (e == m) break;
        std::string next = ascii_lowercase(s.substr(m, e - m));
        if (next == "and") {
          std::size_t m2 = e;
          while (m2 < s.size() && s[m2] == ' ') ++m2;
          std::size_t e2 = m2;
          while (e2 < s.size() && is_letter(s[e2])) ++e2;
          if (e2 == m2 || number_word_value(ascii_lowercase(s.substr(m2, e2 - m2))) < 0) break;
          e = e2;
          next = ascii_lowercase(s.substr(m2, e2 - m2));
        }
        const std::int64_t v = number_word_value(next);
        if (v < 0) break;
        absorb(v);
        k = e;
      }
      push_text(tk::number, std::to_string(total + current));
      return k;
    }
    if (follows_quantity() && is_unit_word(lower, in_text)) {
      std::size_t k = j;
      while (k < s.size() && s[k] == ' ') ++k;
      if (k >= s.size() || s[k] != '(') return skip_unit_power_at(s, j);  // "5 min", not "min(a, b)"
    }
    if (const auto* entry = find_word(lower)) {
      push(entry->kind, entry->sub);
      return j;
    }
    push_text(tk::word, w);
    return j;
  }

  [[nodiscard]] static const word_entry* find_word(std::string_view lower) noexcept {
    auto it = std::lower_bound(plain_words.begin(), plain_words.end(), lower,
                               [](const word_entry& e, std::string_view n) { return e.word < n; });
    if (it != plain_words.end() && it->word == lower) return &*it;
    return nullptr;
  }

  /// A unit follows a quantity: a number, a symbol, a closing bracket, a percent or another unit.
  [[nodiscard]] bool follows_quantity() const noexcept {
    if (out_.tokens.empty()) return false;
    switch (out_.tokens.back().kind) {
      case tk::number: case tk::ident: case tk::rparen: case tk::rbrack: case tk::rbrace: case tk::constant:
      case tk::degree: case tk::percent: case tk::bang:
        return true;
      default: return false;
    }
  }

  /// After a dropped unit, a power of it (cm^2, \text{ m}^{3}) goes too.
  std::size_t skip_unit_power_at(std::string_view s, std::size_t j) const {
    std::size_t k = j;
    while (k < s.size() && s[k] == ' ') ++k;
    if (k < s.size() && s[k] == '^') {
      ++k;
      if (k < s.size() && is_digit(s[k])) return k + 1;
      if (s.substr(k, 3).size() == 3 && s[k] == '{' && is_digit(s[k + 1]) && s[k + 2] == '}') return k + 3;
    }
    return j;
  }

  std::size_t lex_command(std::string_view s, std::size_t i, std::size_t nesting, bool in_text) {
    std::size_t j = i + 1;
    if (j >= s.size()) return j;
    std::string_view name;
    if (is_letter(s[j])) {
      while (j < s.size() && is_letter(s[j])) ++j;
      name = s.substr(i + 1, j - i - 1);
    } else {
      const char c = s[j];
      if (c == '\\' && j + 1 < s.size() && is_letter(s[j + 1])) {
        // \\frac, \\left: a doubly escaped command (a gold copied through one escaping too
        // many), never a line break followed by the letters of a command name.
        std::size_t e = j + 1;
        while (e < s.size() && is_letter(s[e])) ++e;
        if (e - j - 1 >= 2 && find_command(s.substr(j + 1, e - j - 1)) != nullptr) return lex_command(s, j, nesting, in_text);
      }
      if (c == '\\') {
        push(tk::row_sep);
        ++j;
        // \\[2pt] spacing
        if (j < s.size() && s[j] == '[') {
          std::size_t k = j + 1;
          while (k < s.size() && (is_digit(s[k]) || s[k] == '.' || is_letter(s[k]))) ++k;
          if (k < s.size() && s[k] == ']' && k > j + 1 && is_letter(s[k - 1])) j = k + 1;
        }
        return j;
      }
      if (c == '{') {
        push(tk::lset);
        return j + 1;
      }
      if (c == '}') {
        push(tk::rset);
        return j + 1;
      }
      if (c == '|') {
        push(tk::bar);
        return j + 1;
      }
      if (c == '(' || c == ')' || c == '[' || c == ']') return j + 1;  // math delimiters
      if (c == ' ') {
        space_ = true;
        return j + 1;
      }
      name = s.substr(j, 1);
      j += 1;
    }
    const command_entry* cmd = find_command(name);
    if (cmd == nullptr) {
      for (auto g : extra_greek) {
        if (g == name) {
          push_text(tk::ident, name);
          return j;
        }
      }
      if (name == "Rightarrow" || name == "implies" || name == "to" || name == "rightarrow" || name == "iff" ||
          name == "Leftrightarrow" || name == "int" || name == "infin") {
        if (name == "infin") {
          push(tk::constant, static_cast<std::uint8_t>(constant_id::infinity));
          return j;
        }
        push(tk::unsupported);
        return j;
      }
      if (name == "sfrac") {
        push(tk::frac);
        return j;
      }
      if (name == "dagger" || name == "not" || name == "nonumber" || name == "notag" || name == "limits" ||
          name == "nolimits" || name == "scriptstyle" || name == "mathstrut" || name == "strut" || name == "relax" ||
          name == "enspace" || name == "thinspace" || name == "medspace" || name == "thickspace" || name == "negthinspace") {
        return j;
      }
      if (name == "phantom" || name == "hphantom" || name == "vphantom" || name == "vspace" || name == "label" ||
          name == "pmod" || name == "tag") {
        (void)argument(s, j);
        return j;
      }
      if (name == "textsf" || name == "texttt" || name == "textup" || name == "textnormal" || name == "textsc" ||
          name == "hbox") {
        std::string_view arg = argument(s, j);
        if (lex_text_argument(arg, nesting, false)) j = skip_unit_power_at(s, j);
        return j;
      }
      if (name == "mathsf" || name == "mathcal" || name == "mathfrak" || name == "mathscr" || name == "vec" ||
          name == "tilde" || name == "widehat" || name == "widetilde" || name == "overrightarrow" ||
          name == "underline" || name == "dot") {
        std::string_view arg = argument(s, j);
        lex(arg, nesting + 1, in_text);
        return j;
      }
      if (name == "euro" || name == "pounds" || name == "yen" || name == "cent") return j;
      if (name == "lbrack") {
        push(tk::lbrack);
        return j;
      }
      if (name == "rbrack") {
        push(tk::rbrack);
        return j;
      }
      if (name == "rangle" || name == "rVert" || name == "lVert") {
        push(tk::bar);
        return j;
      }
      // An unknown command names a symbol (\heartsuit); structural comparison still works.
      push_text(tk::ident, name);
      return j;
    }
    switch (cmd->action) {
      case emit: {
        // "\!" and friends are in the table as skips; everything here emits.
        push(cmd->kind, cmd->sub);
        return j;
      }
      case skip:
        space_ = true;
        return j;
      case skip_dot: {
        while (j < s.size() && is_space(s[j])) ++j;
        if (j < s.size() && s[j] == '.') ++j;
        return j;
      }
      case skip_arg: {
        (void)argument(s, j);
        return j;
      }
      case color_arg: {
        (void)argument(s, j);
        std::string_view arg = argument(s, j);
        lex(arg, nesting + 1, in_text);
        return j;
      }
      case greek: push_text(tk::ident, name); return j;
      case mathbb: {
        std::string_view arg = argument(s, j);
        if (arg == "R") {
          push(tk::reals);
        } else {
          push_text(tk::ident, std::string("mathbb_") + std::string(arg));
        }
        return j;
      }
      case math_arg: {
        std::string_view arg = argument(s, j);
        // \boxed{...} and \mathbf{...} are transparent, but keep the group so \boxed{1,2} stays one item.
        const bool group = name == "boxed" || name == "fbox";
        if (group) push(tk::lbrace);
        lex(arg, nesting + 1, in_text);
        if (group) push(tk::rbrace);
        return j;
      }
      case text_arg:
      case mathrm_arg: {
        std::string_view arg = argument(s, j);
        if (lex_text_argument(arg, nesting, cmd->action == mathrm_arg)) j = skip_unit_power_at(s, j);
        return j;
      }
      case operatorname: {
        std::string_view arg = argument(s, j);
        const std::string lower = ascii_lowercase(arg);
        if (const auto* w = find_word(lower); w != nullptr && w->kind == tk::func) {
          push(tk::func, w->sub);
        } else if (const command_entry* c2 = find_command(arg); c2 != nullptr && c2->kind == tk::func) {
          push(tk::func, c2->sub);
        } else {
          push_text(tk::word, arg);
        }
        return j;
      }
      case env_begin:
      case env_end: {
        std::string_view env = argument(s, j);
        std::uint8_t kind = 2;
        if (env == "pmatrix" || env == "vmatrix" || env == "Vmatrix" || env == "smallmatrix") kind = 0;
        if (env == "bmatrix" || env == "Bmatrix") kind = 1;
        const bool matrix_env = env.find("matrix") != std::string_view::npos || env == "array";
        if (!matrix_env) {
          if (env == "aligned" || env == "align" || env == "align*" || env == "gathered" || env == "center" ||
              env == "equation" || env == "equation*" || env == "displaymath") {
            return j;  // a wrapper: its content is lexed as it comes
          }
          push(tk::unsupported);
          return j;
        }
        if (cmd->action == env_begin) {
          if (env == "array") (void)argument(s, j);  // column spec {cc}
          push(tk::begin_matrix, kind);
        } else {
          push(tk::end_matrix, kind);
        }
        return j;
      }
      default: return j;
    }
  }

  /// \text{...}: units vanish, "or"/"and" separate, words stay words, anything else is math.
  /// Returns true when the argument was a dropped unit.
  bool lex_text_argument(std::string_view arg, std::size_t nesting, bool mathrm) {
    std::string_view trimmed = arg;
    while (!trimmed.empty() && is_space(trimmed.front())) trimmed.remove_prefix(1);
    while (!trimmed.empty() && is_space(trimmed.back())) trimmed.remove_suffix(1);
    if (trimmed.empty()) {
      space_ = true;
      return false;
    }
    if (mathrm && (trimmed == "e" || trimmed == "i")) {
      push(tk::constant, static_cast<std::uint8_t>(trimmed == "e" ? constant_id::e : constant_id::i));
      return false;
    }
    if (mathrm && trimmed.size() == 1 && is_letter(trimmed[0]) && !follows_quantity()) {
      push_text(tk::ident, trimmed);
      return false;
    }
    // A unit phrase after a quantity: "cm", "square units", "km/h", "m^2", "cm}^2".
    if (follows_quantity() && is_unit_phrase(trimmed)) {
      space_ = true;
      return true;
    }
    space_ = true;
    lex(arg, nesting + 1, true);
    return false;
  }

  [[nodiscard]] static bool is_unit_phrase(std::string_view t) {
    bool any = false;
    std::size_t i = 0;
    while (i < t.size()) {
      const char c = t[i];
      if (is_space(c) || c == '/' || c == '^' || c == '.' || is_digit(c) || c == '{' || c == '}' || c == '-') {
        ++i;
        continue;
      }
      if (!is_letter(c)) return false;
      std::size_t j = i;
      while (j < t.size() && is_letter(t[j])) ++j;
      if (!is_unit_word(ascii_lowercase(t.substr(i, j - i)), true)) return false;
      any = true;
      i = j;
    }
    return any;
  }

 private:
  token_stream& out_;
  const limits& caps_;
  std::size_t depth_ = 0;
  bool space_ = false;
};

}  // namespace detail

/// Tokenises `answer` (Unicode is rewritten first).
[[nodiscard]] inline token_stream tokenize(std::string_view answer, const limits& caps) {
  token_stream out;
  out.tokens.reserve(answer.size() / 2 + 4);
  if (answer.size() > caps.max_answer_bytes) {
    out.ok = false;
    out.problem = "the answer is longer than max_answer_bytes";
    return out;
  }
  detail::lexer lx(out, caps);
  if (detail::has_non_ascii(answer)) {
    const std::string spelled = detail::spell_unicode(answer);
    lx.run(spelled);
  } else {
    lx.run(answer);
  }
  return out;
}

}  // namespace math
TRANSFERSCORE_END_NAMESPACE
