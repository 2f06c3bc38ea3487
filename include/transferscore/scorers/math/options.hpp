#pragma once
// The math family's policy switches and work budgets. The defaults are the reference
// policy of docs/math.md; every debatable rule is a switch here, and every switch can be
// set from the command line (--set key=value, see scorer.hpp).
//
// Work is bounded by counting, not by timers: each cap below is checked where the work is
// done, and running out gives the verdict status budget_exceeded. A verdict is therefore the
// same on every machine, at any load, on any thread.

#include <transferscore/config.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace math {

/// Which boxes of a response are its answer.
enum class box_policy : unsigned char {
  last,        ///< only the last box
  gold_count,  ///< the last box; when the gold lists k items and that box holds fewer, the last k boxes
  all,         ///< every box, joined as one list
};

/// What a percent sign means (docs/math.md, "Percent").
enum class percent_policy : unsigned char {
  both,      ///< p% matches p and p/100 (the reference rule)
  fraction,  ///< p% is p/100 only (Math-Verify's reading)
  strip,     ///< the sign is ignored: p% is p
};

/// Caps on the work one verdict may do. Exceeding any of them is status budget_exceeded.
struct limits {
  std::size_t max_response_bytes = std::size_t{64} << 20;  ///< longer responses are not read at all
  std::size_t max_answer_bytes = 8192;   ///< an extracted answer or a gold longer than this is not parsed
  std::size_t max_fallback_bytes = 65536;  ///< without a box, only this much of the response's end is searched
  std::size_t max_depth = 200;           ///< nesting of braces, brackets and operators
  std::size_t max_digits = 2000;         ///< decimal digits of any exact intermediate number
  std::uint64_t max_exponent = 100000;   ///< |n| of an exact integer power or factorial argument
  std::uint64_t max_steps = 1000000;     ///< arithmetic work units (about one limb operation each)
  std::size_t max_items = 512;           ///< elements of a list, set, tuple or matrix
};

struct options {
  box_policy boxes = box_policy::gold_count;
  /// With no box and no answer cue, take the last number of the response.
  bool last_number_fallback = true;
  percent_policy percent = percent_policy::both;
  /// An inequality and its interval are interchangeable in both directions; when false,
  /// only a relation gold accepts an interval answer (Math-Verify's asymmetry).
  bool relation_set_symmetric = true;
  /// Treat x and X as the same variable (Math-Verify lowercases every symbol).
  bool case_fold_variables = false;
  /// Relative tolerance for decimals that stand for a non-terminating value, and for
  /// decimal golds. There is never an absolute tolerance.
  double relative_tolerance = 1e-6;
  /// Points at which expressions with free variables are compared (deterministic).
  unsigned sample_points = 8;
  limits budget;
};

/// Counts the work of one verdict against `limits`. Not shared between threads: every
/// verdict makes its own.
class work_budget {
 public:
  explicit work_budget(const limits& l) noexcept : limits_(l) {}

  [[nodiscard]] const limits& caps() const noexcept { return limits_; }

  /// Spends `units`; false (and exhausted from now on) once the step cap is passed.
  [[nodiscard]] bool charge(std::uint64_t units) noexcept {
    if (reason_ != nullptr) return false;
    steps_ += units;
    if (steps_ > limits_.max_steps) reason_ = "evaluation step budget exceeded";
    return reason_ == nullptr;
  }
  /// Marks the budget exhausted for `why` (a string literal); always returns false.
  bool fail(const char* why) noexcept {
    if (reason_ == nullptr) reason_ = why;
    return false;
  }
  [[nodiscard]] bool exhausted() const noexcept { return reason_ != nullptr; }
  [[nodiscard]] std::string_view reason() const noexcept { return reason_ == nullptr ? std::string_view{} : reason_; }
  [[nodiscard]] std::uint64_t steps() const noexcept { return steps_; }

  /// The largest magnitude, in 32-bit limbs, that max_digits allows.
  [[nodiscard]] std::size_t max_limbs() const noexcept {
    // log2(10) / 32 < 0.1039; one spare limb for rounding.
    return static_cast<std::size_t>(static_cast<double>(limits_.max_digits) * 0.1039) + 1;
  }

 private:
  limits limits_;
  std::uint64_t steps_ = 0;
  const char* reason_ = nullptr;
};

}  // namespace math
TRANSFERSCORE_END_NAMESPACE
