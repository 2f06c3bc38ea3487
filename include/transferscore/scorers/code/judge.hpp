#pragma once
// Judging one sample's tests as their results arrive. Results come from the sandbox
// runner (streamed, one test at a time) or from the record (execution.outputs or
// execution.passed, produced elsewhere); either way they are compared in order and the
// judge says stop at the first failure, as every grader does. Later tests are `not_run`.
// The sample is correct when every test used passed.

#include <transferscore/config.hpp>
#include <transferscore/core/json.hpp>
#include <transferscore/detail/text.hpp>
#include <transferscore/scorers/code/compare.hpp>
#include <transferscore/scorers/code/execution.hpp>
#include <transferscore/scorers/code/python_value.hpp>
#include <transferscore/scorers/code/tests.hpp>
#include <transferscore/compat/python_str.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace code {

/// Which comparison rules a judge applies.
enum class compare_rule : std::uint8_t {
  lcb,        ///< LiveCodeBench's official rules
  study,      ///< the study's evalchemy rules
  tolerance,  ///< the official line structure with an evalplus-style float tolerance
};

[[nodiscard]] constexpr std::string_view to_string(compare_rule r) noexcept {
  switch (r) {
    case compare_rule::lcb: return "lcb";
    case compare_rule::study: return "exact";
    case compare_rule::tolerance: return "tolerance";
  }
  return "lcb";
}

/// How many bytes of a per-test message a verdict keeps.
inline constexpr std::size_t max_test_message_bytes = 240;

class test_judge {
 public:
  /// Judges `tests[used[k]]` for k = 0, 1, ...; `used` lists the tests in the order run.
  test_judge(const problem& p, std::vector<std::size_t> used, compare_rule rule, float_tolerance tolerance = {})
      : problem_(p), used_(std::move(used)), rule_(rule), tolerance_(tolerance), outcomes_(used_.size(), test_outcome::not_run),
        messages_(used_.size()) {}

  /// Reads the expected return values of functional tests; false (with the failing test
  /// index and the reason) when one is not JSON under a rule that needs JSON.
  [[nodiscard]] bool prepare(std::size_t& bad_test, std::string& why) {
    if (problem_.kind != test_kind::functional) return true;
    expected_.reserve(used_.size());
    for (std::size_t i : used_) {
      const std::string& text = problem_.tests[i].output;
      value_error error;
      if (rule_ == compare_rule::study) {
        // json.loads(output.strip()), else the stripped text itself
        const std::u32string decoded = compat::py::decode_utf8(text);
        const std::string stripped = compat::py::encode_utf8(compat::py::strip(decoded));
        auto v = read_python_value(stripped, error);
        if (!v) {
          v = py_value{};
          v->type = py_value::kind::string;
          v->text = stripped;
        }
        expected_.push_back(std::move(*v));
        continue;
      }
      auto v = read_python_value(text, error);
      if (!v) {
        bad_test = i;
        why = "the expected output of a functional test must be JSON (LiveCodeBench json.loads it and fails every "
              "sample otherwise): " + error.message + " at offset " + std::to_string(error.offset);
        return false;
      }
      expected_.push_back(std::move(*v));
    }
    return true;
  }

  [[nodiscard]] std::size_t size() const noexcept { return used_.size(); }
  [[nodiscard]] std::size_t test_index(std::size_t k) const noexcept { return used_[k]; }
  [[nodiscard]] const std::vector<std::size_t>& used() const noexcept { return used_; }

  /// The k-th test produced `r`; false when judging should stop (it failed).
  bool add_result(std::size_t k, const raw_result& r) {
    if (k >= used_.size() || stopped_) return false;
    if (!r.completed) {
      set(k, r.outcome == test_outcome::passed || r.outcome == test_outcome::wrong_answer ? test_outcome::runtime_error : r.outcome,
          r.message);
      return false;
    }
    const test_case& t = problem_.tests[used_[k]];
    comparison c;
    if (t.kind == test_kind::functional) {
      value_error error;
      auto got = read_python_value(r.output, error, true);
      if (!got) {
        set(k, test_outcome::runtime_error, "the return value is not readable JSON: " + error.message);
        return false;
      }
      const functional_rule fr = rule_ == compare_rule::lcb ? functional_rule::lcb
                                 : rule_ == compare_rule::study ? functional_rule::study
                                                                 : functional_rule::tolerance;
      c = functional_equal(std::move(*got), expected_[k], fr, tolerance_);
    } else if (rule_ == compare_rule::lcb) {
      c = lcb_stdout_equal(r.output, t.output);
    } else if (rule_ == compare_rule::study) {
      c = study_stdout_equal(r.output, t.output);
    } else {
      c = tolerance_stdout_equal(r.output, t.output, tolerance_);
    }
    if (c.equal()) {
      set(k, test_outcome::passed, {});
      return true;
    }
    set(k, test_outcome::wrong_answer, std::move(c.why));
    return false;
  }

  /// The k-th test passed or not, as judged elsewhere (execution.passed).
  bool add_passed(std::size_t k, bool passed) {
    if (k >= used_.size() || stopped_) return false;
    set(k, passed ? test_outcome::passed : test_outcome::wrong_answer, passed ? std::string() : "reported as failed");
    return passed;
  }

  /// Every test used passed (and there was at least one).
  [[nodiscard]] bool all_passed() const noexcept {
    if (used_.empty()) return false;
    for (auto o : outcomes_) {
      if (o != test_outcome::passed) return false;
    }
    return true;
  }

  [[nodiscard]] test_outcome outcome(std::size_t k) const noexcept { return outcomes_[k]; }

  /// Marks the tests after `k` that never produced a result with a reason (for a test that
  /// was running when the run ended).
  void note(std::size_t k, test_outcome o, std::string message) {
    if (k < used_.size() && outcomes_[k] == test_outcome::not_run) set(k, o, std::move(message));
  }

  /// details.tests: one object per test used, in order: {"test": index, "outcome", "message"?}.
  [[nodiscard]] json details() const {
    json list = json::array();
    for (std::size_t k = 0; k < used_.size(); ++k) {
      json entry = json::object();
      entry["test"] = static_cast<std::int64_t>(used_[k]);
      entry["outcome"] = std::string(to_string(outcomes_[k]));
      if (!messages_[k].empty()) entry["message"] = std::string(transferscore::detail::utf8_prefix(messages_[k], max_test_message_bytes));
      list.push_back(std::move(entry));
    }
    return list;
  }

 private:
  void set(std::size_t k, test_outcome o, std::string message) {
    outcomes_[k] = o;
    messages_[k] = std::move(message);
    if (o != test_outcome::passed) stopped_ = true;
  }

  const problem& problem_;
  std::vector<std::size_t> used_;
  compare_rule rule_;
  float_tolerance tolerance_;
  std::vector<test_outcome> outcomes_;
  std::vector<std::string> messages_;
  std::vector<py_value> expected_;
  bool stopped_ = false;
};

}  // namespace code
TRANSFERSCORE_END_NAMESPACE
