#pragma once
// The tests of a LiveCodeBench problem, read from a record's reference. Two shapes:
//
//   canonical   reference.tests = [{"input": "...", "output": "...", "testtype": "stdin" |
//               "functional", "public": false}, ...]; reference.fn_name (or
//               reference.metadata.func_name) for functional tests. testtype defaults to
//               functional when a function name is given, stdin otherwise.
//   dataset     LiveCodeBench's own row (livecodebench/code_generation_lite):
//               public_test_cases and private_test_cases, each a JSON string (or an
//               array) of {"input", "output", "testtype"}; metadata (a JSON string or an
//               object) with func_name; starter_code. The tests are the public ones,
//               then the private ones, in that order.
//
// Tests are numbered in that order; execution results (execution.passed / .outputs) use
// the same numbering. Inputs and outputs are strings: stdin text, or for functional
// tests one JSON value per input line and a JSON output.
//
// private_test_cases as LiveCodeBench publishes most of it is base64(zlib(pickle(json))).
// It is never decoded here: unpickling runs code chosen by whoever wrote the data. Such a
// record is malformed, and the message says how to decode the dataset once, outside.

#include <transferscore/config.hpp>
#include <transferscore/core/json.hpp>
#include <transferscore/io/json_parse.hpp>
#include <transferscore/scorers/code/execution.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace code {

/// A problem's tests, in the order execution results refer to them.
struct problem {
  std::vector<test_case> tests;
  std::string fn_name;  ///< metadata.func_name: the method LiveCodeBench calls (functional tests)
  test_kind kind = test_kind::stdin_io;
};

struct problem_error {
  std::string field;
  std::string message;
};

/// What the malformed-record message says about an encoded private_test_cases.
inline constexpr std::string_view encoded_tests_advice =
    "private_test_cases is LiveCodeBench's base64(zlib(pickle)) encoding, which transferscore never decodes "
    "(unpickling can run code): decode the dataset once, outside, with the restricted unpickler in docs/code.md "
    "(section 'Decoding private tests'), and pass the decoded JSON";

namespace detail {

[[nodiscard]] inline bool looks_base64(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=') {
      ++n;
    } else if (c != '\n' && c != '\r') {
      return false;
    }
  }
  return n >= 8;
}

[[nodiscard]] inline bool read_kind(std::string_view text, test_kind& out) {
  if (text == "stdin") {
    out = test_kind::stdin_io;
  } else if (text == "functional") {
    out = test_kind::functional;
  } else {
    return false;
  }
  return true;
}

/// Appends the tests of `list` (an array of test objects) to `out`.
[[nodiscard]] inline bool read_test_list(const json& list, const std::string& field, bool is_public, bool has_fn_name,
                                         std::vector<test_case>& out, problem_error& error) {
  const auto* items = list.if_array();
  if (items == nullptr) {
    error = {field, "expected a list of tests ({\"input\", \"output\", \"testtype\"})"};
    return false;
  }
  for (std::size_t i = 0; i < items->size(); ++i) {
    const json& t = (*items)[i];
    const std::string where = field + "[" + std::to_string(i) + "]";
    if (!t.is_object()) {
      error = {where, "a test must be an object with input and output strings"};
      return false;
    }
    test_case c;
    c.is_public = is_public;
    c.kind = has_fn_name ? test_kind::functional : test_kind::stdin_io;
    const json* input = t.find("input");
    const json* output = t.find("output");
    if (input == nullptr || input->if_string() == nullptr) {
      error = {where + ".input", "a test input must be a string (stdin text, or one JSON value per line)"};
      return false;
    }
    if (output == nullptr || output->if_string() == nullptr) {
      error = {where + ".output", "a test output must be a string (expected stdout, or JSON text)"};
      return false;
    }
    c.input = *input->if_string();
    c.output = *output->if_string();
    if (const json* type = t.find("testtype"); type != nullptr) {
      if (type->if_string() == nullptr || !read_kind(*type->if_string(), c.kind)) {
        error = {where + ".testtype", "testtype must be \"stdin\" or \"functional\""};
        return false;
      }
    }
    if (const json* p = t.find("public"); p != nullptr && !p->is_null()) {
      if (!p->is_bool()) {
        error = {where + ".public", "public must be true or false"};
        return false;
      }
      c.is_public = *p->as_bool();
    }
    out.push_back(std::move(c));
  }
  return true;
}

/// A member holding a list of tests, either as a JSON array or as JSON text.
[[nodiscard]] inline bool read_encoded_list(const json& member, const std::string& field, bool is_public, bool has_fn_name,
                                            std::vector<test_case>& out, problem_error& error) {
  if (const auto* text = member.if_string()) {
    json parsed;
    if (auto err = io::parse_json(*text, parsed)) {
      if (looks_base64(*text)) {
        error = {field, std::string(encoded_tests_advice)};
      } else {
        error = {field, "expected JSON text of a list of tests: " + err.message};
      }
      return false;
    }
    return read_test_list(parsed, field, is_public, has_fn_name, out, error);
  }
  return read_test_list(member, field, is_public, has_fn_name, out, error);
}

/// metadata.func_name, with metadata an object or JSON text; "" when absent.
[[nodiscard]] inline bool read_fn_name(const json& reference, std::string& out, problem_error& error) {
  if (const json* f = reference.find("fn_name"); f != nullptr && !f->is_null()) {
    if (f->if_string() == nullptr) {
      error = {"reference.fn_name", "fn_name must be a string"};
      return false;
    }
    out = *f->if_string();
    return true;
  }
  const json* metadata = reference.find("metadata");
  if (metadata == nullptr || metadata->is_null()) return true;
  json parsed;
  const json* object = metadata;
  if (const auto* text = metadata->if_string()) {
    if (auto err = io::parse_json(*text, parsed)) {
      error = {"reference.metadata", "metadata must be an object or its JSON text: " + err.message};
      return false;
    }
    object = &parsed;
  }
  if (!object->is_object()) {
    error = {"reference.metadata", "metadata must be an object or its JSON text"};
    return false;
  }
  if (const json* f = object->find("func_name"); f != nullptr && !f->is_null()) {
    if (f->if_string() == nullptr) {
      error = {"reference.metadata.func_name", "func_name must be a string"};
      return false;
    }
    out = *f->if_string();
  }
  return true;
}

}  // namespace detail

/// Reads the problem's tests from `reference` (either shape); on failure fills `error`.
[[nodiscard]] inline std::optional<problem> read_problem(const json& reference, problem_error& error) {
  problem p;
  if (!reference.is_object()) {
    error = {"reference", "the reference must be an object holding the problem's tests"};
    return std::nullopt;
  }
  if (!detail::read_fn_name(reference, p.fn_name, error)) return std::nullopt;
  const bool has_fn = !p.fn_name.empty();
  if (const json* tests = reference.find("tests")) {
    if (!detail::read_test_list(*tests, "reference.tests", false, has_fn, p.tests, error)) return std::nullopt;
  } else {
    const json* pub = reference.find("public_test_cases");
    const json* priv = reference.find("private_test_cases");
    if (pub == nullptr && priv == nullptr) {
      error = {"reference.tests",
               "no tests: give reference.tests, or LiveCodeBench's public_test_cases and private_test_cases"};
      return std::nullopt;
    }
    if (pub != nullptr && !pub->is_null() &&
        !detail::read_encoded_list(*pub, "reference.public_test_cases", true, has_fn, p.tests, error)) {
      return std::nullopt;
    }
    if (priv != nullptr && !priv->is_null() &&
        !detail::read_encoded_list(*priv, "reference.private_test_cases", false, has_fn, p.tests, error)) {
      return std::nullopt;
    }
  }
  // One kind per problem: the graders choose stdin or functional once.
  for (std::size_t i = 0; i < p.tests.size(); ++i) {
    if (p.tests[i].kind != p.tests[0].kind) {
      error = {"reference.tests[" + std::to_string(i) + "].testtype", "a problem's tests must all be stdin or all be functional"};
      return std::nullopt;
    }
  }
  if (!p.tests.empty()) p.kind = p.tests[0].kind;
  return p;
}

}  // namespace code
TRANSFERSCORE_END_NAMESPACE
