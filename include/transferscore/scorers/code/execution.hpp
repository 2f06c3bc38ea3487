#pragma once
// The vocabulary shared by the `code` family's two halves: the scorer, which extracts a
// program and compares outputs with the expected ones, and the runner, which executes a
// program in the sandbox and reports what each test produced. Expected outputs never
// cross into the runner: it returns raw results, and the scorer compares them as they
// stream out (so it can stop at the first failure, as every grader does).

#include <transferscore/config.hpp>

#include <cstdint>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace code {

/// How a test feeds the program: text on standard input, or arguments of a function.
enum class test_kind : std::uint8_t { stdin_io, functional };

/// One test of a problem. `input` is raw stdin text, or (functional) one JSON value per
/// line, one line per positional argument; `output` is the expected stdout text, or
/// (functional) one JSON value.
struct test_case {
  std::string input;
  std::string output;
  test_kind kind = test_kind::stdin_io;
  bool is_public = false;  ///< LiveCodeBench's public tests; the study graded private ones only
};

/// Whose execution semantics the runner's harness reproduces (stdin mocking, `__main__`
/// handling, import prefix, how a function is found and called): they change verdicts.
enum class harness : std::uint8_t {
  lcb,        ///< LiveCodeBench's lcb_runner (testing_util.py)
  evalchemy,  ///< the study's evalchemy LiveCodeBench checker
};

/// The outcome of one test, as `details.tests[]` reports it.
enum class test_outcome : std::uint8_t {
  passed,
  wrong_answer,
  runtime_error,
  cpu_time_limit,
  wall_time_limit,
  memory_limit,
  output_limit,
  not_run,
};

[[nodiscard]] constexpr std::string_view to_string(test_outcome o) noexcept {
  switch (o) {
    case test_outcome::passed: return "passed";
    case test_outcome::wrong_answer: return "wrong_answer";
    case test_outcome::runtime_error: return "runtime_error";
    case test_outcome::cpu_time_limit: return "cpu_time_limit";
    case test_outcome::wall_time_limit: return "wall_time_limit";
    case test_outcome::memory_limit: return "memory_limit";
    case test_outcome::output_limit: return "output_limit";
    case test_outcome::not_run: return "not_run";
  }
  return "not_run";
}

/// What one test produced in the runner, before any comparison. When `completed` is true
/// the program ran the test to its end and `output` holds what it produced: the captured
/// stdout (stdin tests) or the function's return value (functional tests) encoded as
/// JSON, with the Python types that JSON cannot tell apart tagged (see runner docs:
/// a tuple is {"__tuple__": [...]}, a value JSON cannot hold is {"__repr__": "..."}, a
/// non-finite float is {"__float__": "nan" | "inf" | "-inf"}). Otherwise `outcome` says
/// why it did not complete (runtime_error, a limit) and `message` gives the detail.
struct raw_result {
  bool completed = false;
  test_outcome outcome = test_outcome::not_run;
  std::string output;
  std::string message;
};

}  // namespace code
TRANSFERSCORE_END_NAMESPACE
