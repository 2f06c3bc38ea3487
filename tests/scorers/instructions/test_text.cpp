// Python str / re semantics on code points (text.hpp, python_regex.hpp, python_json.hpp).

#include <transferscore/transferscore.hpp>

#include "ifeval_support.hpp"

#include <doctest/doctest.h>

#include <string>

namespace ins = transferscore::instructions;
namespace py = transferscore::compat::py;

namespace {
std::u32string u(const char* s) { return py::decode_utf8(s); }
std::string s8(std::u32string_view s) { return py::encode_utf8(s); }
}  // namespace

TEST_CASE("strip and split use Python's Unicode whitespace") {
  CHECK(s8(py::strip(u("\u00a0\u2003 x \u3000\x1c"))) == "x");
  CHECK(s8(py::strip(u("\u200bx\ufeff"))) == "\u200bx\ufeff");  // ZWSP and BOM are not whitespace
  CHECK(py::split_whitespace(u(" a\u2028b\u0085c  ")).size() == 3);
  CHECK(py::is_blank(u(" \t\n\u00a0")));
}

TEST_CASE("lower() is the full mapping with Final_Sigma") {
  CHECK(s8(py::lower(u("CAF\u00c9"))) == "caf\u00e9");
  CHECK(s8(py::lower(u("\u0130"))) == "i\u0307");            // two code points
  CHECK(s8(py::lower(u("\u0130stanbul"))) == "i\u0307stanbul");
  CHECK(s8(py::lower(u("\u039f\u0394\u039f\u03a3"))) == "\u03bf\u03b4\u03bf\u03c2");  // final sigma
  CHECK(s8(py::lower(u("\u03a3"))) == "\u03c3");             // alone: not final
  CHECK(s8(py::lower(u("\u212a"))) == "k");                  // Kelvin sign
}

TEST_CASE("lower_starts_with and lower_ends_with are lower().startswith and lower().endswith") {
  const char* texts[] = {"", "A", "Hello World", "\u0130stanbul", "X\u0130", "\u039f\u0394\u039f\u03a3", "\u03a3 \u03a3A",
                         "caf\u00c9 \"END\"", "\u212aELVIN", "ma\u00df", "\U0001F600 ok"};
  for (const char* text : texts) {
    const std::u32string t = u(text), low = py::lower(t);
    for (std::size_t n = 0; n <= low.size() + 1; ++n) {
      INFO(std::string(text), " n=", n);
      // Built by append: GCC 12 at -O3 flags the operator+ form falsely (-Wstringop-overflow).
      std::u32string head = low.substr(0, std::min(n, low.size()));
      if (n > low.size()) head.push_back(U'x');
      std::u32string tail = n > low.size() ? U"x" : U"";
      tail.append(low, low.size() - std::min(n, low.size()));
      CHECK(py::lower_starts_with(t, head) == py::starts_with(low, head));
      CHECK(py::lower_ends_with(t, tail) == py::ends_with(low, tail));
      std::u32string wrong = head;
      if (!wrong.empty()) wrong.back() = U'#';
      CHECK(py::lower_starts_with(t, wrong) == py::starts_with(low, wrong));
    }
  }
}

TEST_CASE("decode_utf8 replaces each invalid byte and keeps long ASCII runs") {
  // Built by append: GCC 12 with optimisation flags operator+ here falsely (-Warray-bounds).
  std::string input(100, 'a');
  input.append("\xc3\xa9").append(100, 'a');
  std::u32string expected(100, U'a');
  expected.push_back(U'\u00e9');
  expected.append(100, U'a');
  CHECK(py::decode_utf8(input) == expected);
  CHECK(py::decode_utf8("abcdefgh\xffijklmnop\xe2\x82") == U"abcdefgh\ufffdijklmnop\ufffd\ufffd");
  CHECK(py::decode_utf8("\xf0\x9f\x98\x80" "abcdefghi") == U"\U0001F600abcdefghi");
  CHECK(py::decode_utf8("\xed\xa0\x80") == U"\ufffd\ufffd\ufffd");  // a surrogate is not UTF-8
}

TEST_CASE("isupper/islower need a cased character and ignore uncased ones") {
  CHECK(py::isupper(u("HELLO, WORLD 123")));
  CHECK_FALSE(py::isupper(u("123")));
  CHECK_FALSE(py::islower(u("123")));
  CHECK(py::islower(u("stra\u00dfe")));
  CHECK_FALSE(py::isupper(u("\u01c5")));  // titlecase
  CHECK(py::isupper(u("\u041f\u0420\u0418\u0412\u0415\u0422")));
}

TEST_CASE("words are \\w+ runs where combining marks are not word characters") {
  CHECK(py::count_words(u("don't")) == 2);
  CHECK(py::count_words(u("state-of-the-art")) == 4);
  CHECK(py::count_words(u("3.14")) == 2);
  CHECK(py::count_words(u("hello_world")) == 1);
  CHECK(py::count_words(u("\u4f60\u597d\u4e16\u754c")) == 1);
  CHECK(py::count_words(u("\u2014 \U0001F600")) == 0);
  CHECK(py::count_words(u("\u0939\u093f\u0928\u094d\u0926\u0940")) == 3);  // Devanagari vowel signs split
}

TEST_CASE("keywords are Python regexes matched with IGNORECASE") {
  auto search = [](const char* pattern, const char* text) {
    const ins::python_regex::pattern p(pattern, true);
    REQUIRE(p.ok());
    const auto cps = u(text);
    return p.search(text, cps);
  };
  CHECK(search("cat", "Concatenate"));
  CHECK(search("c.t", "a cut"));
  CHECK(search("Argentinian", "ARGENTINIANS"));
  CHECK(search("k", "\u212a"));  // Kelvin sign folds to k
  CHECK(search("caf\u00e9", "CAF\u00c9"));
  CHECK_FALSE(search("dog", "cat"));
  const ins::python_regex::pattern war("war", true);
  CHECK(war.count("warfare, dwarf, war", u("warfare, dwarf, war")) == 3);
  const ins::python_regex::pattern aa("aa", true);
  CHECK(aa.count("aaaa", u("aaaa")) == 2);
  const ins::python_regex::pattern empty("", true);
  CHECK(empty.count("abc", u("abc")) == 4);
  CHECK_FALSE(ins::python_regex::pattern("(", true).ok());
  CHECK(ins::python_regex::translate("\\w+\\s\\d") ==
        "[\\p{L}\\p{N}_]+[\\t-\\r\\x{1c}-\\x{20}\\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}]\\p{Nd}");
}

TEST_CASE("word boundaries are Python's Unicode \\b") {
  auto bounded = [](const char* pattern, const char* text) {
    const ins::python_regex::pattern p(pattern, true);
    return p.search_bounded(text, u(text));
  };
  CHECK_FALSE(bounded("cat", "cats"));
  CHECK(bounded("cat", "cat-like"));
  CHECK(bounded("can", "can't"));
  CHECK(bounded("bc", "300 BC"));
  CHECK_FALSE(bounded("caf", "caf\u00e9"));   // é is a word character
  CHECK(bounded("c.t", "a cut b"));          // regex path
  CHECK_FALSE(bounded("c.t", "acutb"));
}

TEST_CASE("json.loads acceptance") {
  auto ok = [](const char* s) { return ins::python_json::loads_ok(u(s)); };
  CHECK(ok("{\"a\": [1, 2.5e3, true, null, \"x\"]}"));
  CHECK(ok("42"));
  CHECK(ok("\"str\""));
  CHECK(ok("NaN"));
  CHECK(ok("[Infinity, -Infinity]"));
  CHECK(ok("{\"a\":1,\"a\":2}"));
  CHECK(ok(" [1] \n"));
  CHECK(ok("1e999"));
  CHECK_FALSE(ok(""));
  CHECK_FALSE(ok("[1,]"));
  CHECK_FALSE(ok("{'a': 1}"));
  CHECK_FALSE(ok("01"));
  CHECK_FALSE(ok("1."));
  CHECK_FALSE(ok("[1] x"));
  CHECK_FALSE(ok("\"a\tb\""));
  CHECK_FALSE(ok("\ufeff{}"));
  CHECK_FALSE(ok("{\"a\" 1}"));
  CHECK_FALSE(ok("\"\\x\""));
  CHECK(ok("\"\\ud800\""));
  std::string deep(5000, '[');
  deep += std::string(5000, ']');
  CHECK(ok(deep.c_str()));
}
