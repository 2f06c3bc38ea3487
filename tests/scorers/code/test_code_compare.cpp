// The code family's building blocks, table-driven from fixtures computed by running the
// graders' Python semantics (tools/code_graders.py, tools/gen_code_cases.py): Python's
// Decimal(token), the comparison rules (official, the study's, tolerance) on stdout and on
// functional return values, and both extraction rules.
#include <transferscore/transferscore.hpp>

#include "../../test_paths.hpp"

#include <doctest/doctest.h>

#include <string>

namespace ts = transferscore;
namespace code = transferscore::code;
using test_paths::text;

namespace {

std::string verdict_name(ts::code::py_equality e) {
  switch (e) {
    case code::py_equality::equal: return "equal";
    case code::py_equality::different: return "different";
    case code::py_equality::invalid_operation: return "invalid";
  }
  return "?";
}

std::string kind_name(code::py_decimal::kind k) {
  switch (k) {
    case code::py_decimal::kind::finite: return "finite";
    case code::py_decimal::kind::infinity: return "infinity";
    case code::py_decimal::kind::quiet_nan: return "quiet_nan";
    case code::py_decimal::kind::signaling_nan: return "signaling_nan";
  }
  return "?";
}

}  // namespace

TEST_CASE("Decimal(token) accepts exactly what CPython accepts, with the same value") {
  int checked = 0;
  for (const auto& row : test_paths::read_jsonl(test_paths::data("code/decimal.jsonl"))) {
    const std::string token = text(row, "token");
    INFO("token [" << token << "]");
    const auto d = code::parse_python_decimal(ts::compat::py::decode_utf8(token));
    const bool valid = *row.find("valid")->as_bool();
    REQUIRE(d.has_value() == valid);
    ++checked;
    if (!valid) continue;
    CHECK(kind_name(d->type) == text(row, "kind"));
    CHECK(d->negative == *row.find("negative")->as_bool());
    if (d->type == code::py_decimal::kind::finite) {
      CHECK(d->digits == text(row, "digits"));
      CHECK(std::to_string(d->digits.empty() ? 0 : d->exponent) == text(row, "exponent"));
    }
  }
  CHECK(checked >= 60);
}

TEST_CASE("stdout and functional comparisons agree with the graders' Python") {
  const code::float_tolerance tolerance;
  int stdin_rows = 0, functional_rows = 0;
  for (const auto& row : test_paths::read_jsonl(test_paths::data("code/compare.jsonl"))) {
    const std::string got = text(row, "got"), expected = text(row, "expected");
    INFO(text(row, "kind") << ": got [" << got << "] expected [" << expected << "]");
    if (text(row, "kind") == "stdin") {
      ++stdin_rows;
      CHECK(verdict_name(code::lcb_stdout_equal(got, expected).result) == text(row, "lcb"));
      CHECK(verdict_name(code::study_stdout_equal(got, expected).result) == text(row, "exact"));
      CHECK(verdict_name(code::tolerance_stdout_equal(got, expected, tolerance).result) == text(row, "tolerance"));
      continue;
    }
    ++functional_rows;
    code::value_error error;
    const auto value = code::read_python_value(got, error, true);
    REQUIRE(value.has_value());
    const auto lcb_expected = code::read_python_value(expected, error);
    if (text(row, "lcb") == "malformed") {
      CHECK_FALSE(lcb_expected.has_value());
    } else {
      REQUIRE(lcb_expected.has_value());
      CHECK(verdict_name(code::functional_equal(*value, *lcb_expected, code::functional_rule::lcb).result) == text(row, "lcb"));
      CHECK(verdict_name(code::functional_equal(*value, *lcb_expected, code::functional_rule::tolerance, tolerance).result) ==
            text(row, "tolerance"));
    }
    // the study: json.loads(expected.strip()), else the stripped text as a string
    code::problem p;
    p.kind = code::test_kind::functional;
    p.tests.push_back(code::test_case{"", expected, code::test_kind::functional, false});
    code::test_judge judge(p, {0}, code::compare_rule::study);
    std::size_t bad = 0;
    std::string why;
    REQUIRE(judge.prepare(bad, why));
    code::raw_result raw;
    raw.completed = true;
    raw.output = got;
    judge.add_result(0, raw);
    CHECK((judge.outcome(0) == code::test_outcome::passed) == (text(row, "exact") == "equal"));
  }
  CHECK(stdin_rows >= 70);
  CHECK(functional_rows >= 30);
}

TEST_CASE("both extraction rules agree with the originals") {
  for (const auto& row : test_paths::read_jsonl(test_paths::data("code/extract.jsonl"))) {
    const std::string response = text(row, "response");
    INFO("response [" << response << "]");
    const auto lcb = code::lcb_extract_code(response);
    const auto study = code::study_extract_code(response);
    CHECK(lcb.has_value() == !row.find("lcb")->is_null());
    if (lcb && !row.find("lcb")->is_null()) CHECK(*lcb == text(row, "lcb"));
    CHECK(study.has_value() == !row.find("study")->is_null());
    if (study && !row.find("study")->is_null()) CHECK(*study == text(row, "study"));
  }
}

TEST_CASE("the official stdout rule, by example") {
  CHECK(code::lcb_stdout_equal("42.000\n", "42").equal());
  CHECK(code::lcb_stdout_equal("1 2 \n3 4", "1 2\n3 4").equal());
  CHECK_FALSE(code::lcb_stdout_equal("1\n\n2", "1\n2").equal());
  CHECK(code::lcb_stdout_equal("1\n\n2", "1\n2").why == "3 output lines, expected 2");
  CHECK_FALSE(code::lcb_stdout_equal("0.3333333333", "0.333333333333").equal());
  CHECK_FALSE(code::lcb_stdout_equal("nan", "NaN").equal());
  CHECK(code::lcb_stdout_equal("sNaN", "1").result == code::py_equality::invalid_operation);
  CHECK(code::lcb_stdout_equal("1 sNaN", "2 3").result == code::py_equality::different);  // 1 != 2 decides first
}

TEST_CASE("the study's stdout rule, by example: whole-output strip and the trailing '-' hack") {
  CHECK(code::study_stdout_equal(" 42 \n", "42").equal());
  CHECK_FALSE(code::study_stdout_equal("42.000", "42").equal());
  CHECK_FALSE(code::study_stdout_equal("1 2 \n3 4", "1 2\n3 4").equal());
  CHECK(code::study_stdout_equal("a", "a -\n").equal());
  CHECK_FALSE(code::study_stdout_equal("a-", "a-").equal());
  CHECK(code::study_stdout_equal("42\u3000", "42").equal());  // Python's strip knows U+3000
}

TEST_CASE("Python == on JSON values: numbers across types, tuple against list, dict order") {
  code::value_error e;
  auto v = [&](std::string_view t) { return *code::read_python_value(t, e, true); };
  CHECK(code::python_equal(v("true"), v("1.0")));
  CHECK(code::python_equal(v("[1, 2.0]"), v("[1.0, 2]")));
  CHECK_FALSE(code::python_equal(v("{\"__tuple__\": [1]}"), v("[1]")));
  CHECK(code::python_equal(v("{\"b\": [1], \"a\": null}"), v("{\"a\": null, \"b\": [1]}")));
  CHECK_FALSE(code::python_equal(v("9007199254740993"), v("9007199254740992.0")));
  CHECK(code::python_equal(v("123456789012345678901234567890"), v("123456789012345678901234567890")));
  CHECK_FALSE(code::python_equal(v("NaN"), v("NaN")));
  CHECK(code::python_equal(v("1e400"), v("Infinity")));
  CHECK_FALSE(code::read_python_value("[1,]", e).has_value());
  CHECK_FALSE(code::read_python_value("01", e).has_value());
  CHECK_FALSE(code::read_python_value("\"a\tb\"", e).has_value());  // a raw tab in a string
}
