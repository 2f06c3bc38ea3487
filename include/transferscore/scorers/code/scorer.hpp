#pragma once
// The `code` family: LiveCodeBench code generation (benchmark `livecodebench`).
//
// Modes (the verdict's `mode` names the rules used):
//   reference                       LiveCodeBench's official grader: its extract_code, every
//                                   test (public, then private), its comparison rules
//   paper:evalchemy-livecodebench   the study's evalchemy grader: the last fenced block of the
//                                   output, private tests only, exact stripped comparison
// No program: status no_answer in reference mode; judged wrong (status ok) in paper mode.
//
// Where the test results come from, in this order:
//   --execute (--set execute=true)  the program runs in the sandbox runner; any
//                                   `execution` member of the record is ignored (details say so)
//   execution.outputs               per test: the captured stdout (stdin tests) or the JSON
//                                   return value (functional tests); null = not run
//   execution.passed                per test: true / false / null (not run), judged elsewhere
//   none of these                   malformed_record (field "execution"): pass --execute
// Settings: compare=auto|lcb|exact|tolerance (auto: the mode's own rules), rtol, atol
// (tolerance; default 1e-7 and 1e-6), execute=true|false, and for execute: python=PATH,
// sandbox=require|best-effort, cpu_seconds, wall_seconds, memory_mb, output_mb, processes.
// The runner is made once per scorer (the pipeline caches scorers) and shared by threads.
// details: {"results_from", "compare", "tests_used", "tests": [{"test", "outcome", "message"?}],
// and when executed "sandbox": {"python", "layers", "missing"?}, "execution_ignored"?}.

#include <transferscore/config.hpp>
#include <transferscore/detail/implementation_only.hpp>
#include <transferscore/core/error.hpp>
#include <transferscore/core/record.hpp>
#include <transferscore/core/registry.hpp>
#include <transferscore/core/verdict.hpp>
#include <transferscore/detail/text.hpp>
#include <transferscore/scorers/code/compare.hpp>
#include <transferscore/scorers/code/execution.hpp>
#include <transferscore/scorers/code/extract.hpp>
#include <transferscore/scorers/code/judge.hpp>
#include <transferscore/scorers/code/runner.hpp>
#include <transferscore/scorers/code/tests.hpp>
#include <transferscore/scorers/code/interface.hpp>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace code {

enum class rule : std::uint8_t { reference, evalchemy };

[[nodiscard]] constexpr std::string_view mode_name(rule r) noexcept {
  return r == rule::evalchemy ? "paper:evalchemy-livecodebench" : "reference";
}

/// How many bytes of the extracted program a verdict keeps in `extracted`.
inline constexpr std::size_t max_extracted_bytes = 4096;

struct scorer_settings {
  rule mode = rule::reference;
  std::optional<compare_rule> compare;  ///< unset: the mode's own rules
  float_tolerance tolerance;
  bool execute = false;

  [[nodiscard]] compare_rule active_compare() const noexcept {
    if (compare) return *compare;
    return mode == rule::evalchemy ? compare_rule::study : compare_rule::lcb;
  }
};

namespace detail {

[[nodiscard]] inline double read_double_setting(const scorer_options& o, std::string_view key, double fallback) {
  if (!o.has(key)) return fallback;
  const std::string_view text = o.get(key);
  double value = 0.0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size() || !(value >= 0.0)) {
    TRANSFERSCORE_THROW(config_error("code: setting " + std::string(key) + " must be a non-negative number, not '" + std::string(text) + "'"));
  }
  return value;
}

/// The runner's options from the settings (python, sandbox, limits).
[[nodiscard]] inline runner_options read_runner_options(const scorer_options& o) {
  runner_options r;
  if (o.has("python")) r.python = std::string(o.get("python"));
  r.sandbox = o.get_choice("code", "sandbox", {"require", "best-effort"}) == 1 ? sandbox_policy::best_effort : sandbox_policy::require;
  r.cpu_seconds_per_test = read_double_setting(o, "cpu_seconds", r.cpu_seconds_per_test);
  r.wall_seconds_per_test = read_double_setting(o, "wall_seconds", r.wall_seconds_per_test);
  r.memory_bytes = o.get_size("memory_mb", r.memory_bytes >> 20U) << 20U;
  r.output_bytes = o.get_size("output_mb", r.output_bytes >> 20U) << 20U;
  r.max_processes = o.get_size("processes", r.max_processes);
  return r;
}

}  // namespace detail

class scorer {
 public:
  explicit scorer(scorer_settings s = {}, std::shared_ptr<const runner> runner = nullptr) : settings_(s), runner_(std::move(runner)) {}

  [[nodiscard]] static scorer from_options(const scorer_options& o) {
    scorer_settings s;
    s.mode = o.paper_mode("code") ? rule::evalchemy : rule::reference;
    switch (o.get_choice("code", "compare", {"auto", "lcb", "exact", "tolerance"})) {
      case 1: s.compare = compare_rule::lcb; break;
      case 2: s.compare = compare_rule::study; break;
      case 3: s.compare = compare_rule::tolerance; break;
      default: break;
    }
    s.tolerance.rtol = detail::read_double_setting(o, "rtol", s.tolerance.rtol);
    s.tolerance.atol = detail::read_double_setting(o, "atol", s.tolerance.atol);
    s.execute = o.get_bool("execute", false);
    if (!s.execute) return scorer(s);
    return scorer(s, std::make_shared<const runner>(detail::read_runner_options(o)));
  }

  [[nodiscard]] std::string_view name() const noexcept { return "code"; }
  [[nodiscard]] const scorer_settings& settings() const noexcept { return settings_; }

  /// The verdict's mode: the mode, and the comparison rules when they are not the mode's own.
  [[nodiscard]] std::string mode_label() const {
    std::string out(mode_name(settings_.mode));
    if (settings_.compare && *settings_.compare != (settings_.mode == rule::evalchemy ? compare_rule::study : compare_rule::lcb)) {
      out += "+compare=";
      out += to_string(*settings_.compare);
    }
    if (runner_ && runner_->info().best_effort) out += "+best-effort-sandbox";
    return out;
  }

  /// The sandbox runner, when this scorer executes programs.
  [[nodiscard]] const runner* program_runner() const noexcept { return runner_.get(); }

  [[nodiscard]] score_result score(const record& r) const {
    score_result result = judge(r);
    result.mode = mode_label();
    return result;
  }

  /// The program `response` holds under this scorer's mode, or nothing.
  [[nodiscard]] std::optional<std::string> extract(std::string_view response) const {
    if (settings_.mode == rule::evalchemy) return study_extract_code(response);
    auto program = lcb_extract_code(response);
    // An empty block holds no program (LiveCodeBench runs it and fails every test).
    if (program && transferscore::detail::trim_ascii(*program).empty()) return std::nullopt;
    return program;
  }

  /// The tests this mode uses, in order: all (reference) or the private ones (paper).
  [[nodiscard]] std::vector<std::size_t> tests_used(const problem& p) const {
    std::vector<std::size_t> used;
    for (std::size_t i = 0; i < p.tests.size(); ++i) {
      if (settings_.mode == rule::reference || !p.tests[i].is_public) used.push_back(i);
    }
    return used;
  }

 private:
  [[nodiscard]] score_result judge(const record& r) const {
    problem_error error;
    const auto p = read_problem(r.reference, error);
    if (!p) return score_result::malformed(error.field, error.message);
    const bool paper = settings_.mode == rule::evalchemy;
    if (p->kind == test_kind::functional && !paper && p->fn_name.empty() && !p->tests.empty()) {
      return score_result::malformed("reference.metadata.func_name",
                                     "functional tests need the function's name (metadata.func_name or fn_name): LiveCodeBench calls it");
    }
    test_judge tests(*p, tests_used(*p), settings_.active_compare(), settings_.tolerance);
    if (tests.size() == 0 && !paper) {
      return score_result::malformed("reference.tests", "the problem has no tests, so nothing can be judged (LiveCodeBench would count any program correct)");
    }
    std::size_t bad_test = 0;
    std::string why;
    if (!tests.prepare(bad_test, why)) {
      return score_result::malformed("reference.tests[" + std::to_string(bad_test) + "].output", std::move(why));
    }

    const auto program = extract(r.response);
    if (!program) {
      if (!paper) return score_result::no_answer("no program: the response has no code between two ``` fence lines");
      score_result out = score_result::judged(false);
      out.details["reason"] = "no fenced code block: the study counts the sample wrong";
      return out;
    }
    score_result out = score_result::judged(false, std::string(transferscore::detail::utf8_prefix(*program, max_extracted_bytes)));
    if (program->size() > max_extracted_bytes) out.details["extracted_truncated"] = true;
    if (tests.size() == 0) {
      out.details["reason"] = "the problem has no private tests: the study's grader fails such a sample";
      out.details["tests"] = json::array();
      return out;
    }

    const json* execution = r.extra.find("execution");
    if (runner_) {
      if (auto failed = execute(*program, *p, tests)) return std::move(*failed);
      out.details["results_from"] = "sandbox";
      json sandbox = json::object();
      sandbox["python"] = runner_->info().python_version;
      json layers = json::array();
      for (const auto& layer : runner_->info().layers) layers.push_back(layer);
      sandbox["layers"] = std::move(layers);
      if (runner_->info().best_effort) {
        json missing = json::array();
        for (const auto& m : runner_->info().missing) missing.push_back(m);
        sandbox["missing"] = std::move(missing);
      }
      out.details["sandbox"] = std::move(sandbox);
      if (execution != nullptr && !execution->is_null()) {
        out.details["execution_ignored"] = "the record's execution results were ignored: --execute ran the program";
      }
    } else if (execution == nullptr || execution->is_null()) {
      return score_result::malformed("execution",
                                     "no execution results: pass --execute to run the program in the sandbox, or give "
                                     "execution.outputs (per-test output) or execution.passed (per-test booleans)");
    } else if (auto bad = read_execution(*execution, *p, tests, out)) {
      return std::move(*bad);
    }
    out.details["compare"] = std::string(to_string(settings_.active_compare()));
    out.details["tests_used"] = std::string(paper ? "private" : "all");
    out.details["tests"] = tests.details();
    out.correct = tests.all_passed();
    out.score = out.correct ? 1.0 : 0.0;
    return out;
  }

  /// Runs the program on the tests used, judging each result as it arrives (the runner stops
  /// at the first failure); a runtime_error verdict when the runner itself fails.
  [[nodiscard]] std::optional<score_result> execute(const std::string& program, const problem& p, test_judge& tests) const {
    std::vector<test_case> inputs;  // the expected outputs stay here: they never enter the sandbox
    inputs.reserve(tests.size());
    for (std::size_t i : tests.used()) inputs.push_back(test_case{p.tests[i].input, std::string(), p.tests[i].kind, p.tests[i].is_public});
    const run_request request{program, settings_.mode == rule::evalchemy ? harness::evalchemy : harness::lcb, inputs, p.fn_name};
    const run_report report = runner_->run(request, [&](std::size_t k, const raw_result& result) { return tests.add_result(k, result); });
    if (!report.error.empty()) return score_result::failed("the code runner failed: " + report.error);
    if (report.deadline_hit) {
      tests.note(report.completed_tests, test_outcome::wall_time_limit,
                 "the graders' whole-run deadline, (timeout + 1) x tests + 5 s, ended the run");
    }
    return std::nullopt;
  }

  /// Feeds execution.outputs or execution.passed to the judge; a malformed verdict when
  /// they cannot be read.
  [[nodiscard]] static std::optional<score_result> read_execution(const json& execution, const problem& p, test_judge& tests,
                                                                  score_result& out) {
    if (!execution.is_object()) return score_result::malformed("execution", "execution must be an object with outputs or passed");
    const json* outputs = execution.find("outputs");
    const json* passed = execution.find("passed");
    const bool use_outputs = outputs != nullptr && !outputs->is_null();
    const json* list = use_outputs ? outputs : passed;
    const std::string field = use_outputs ? "execution.outputs" : "execution.passed";
    if (list == nullptr || list->is_null()) {
      return score_result::malformed("execution", "execution holds neither outputs nor passed");
    }
    const auto* items = list->if_array();
    if (items == nullptr) return score_result::malformed(field, "expected a list with one entry per test");
    if (items->size() > p.tests.size()) {
      return score_result::malformed(field, std::to_string(items->size()) + " entries, but the problem has " +
                                                std::to_string(p.tests.size()) + " tests");
    }
    out.details["results_from"] = field;
    for (std::size_t k = 0; k < tests.size(); ++k) {
      const std::size_t i = tests.test_index(k);
      if (i >= items->size() || (*items)[i].is_null()) break;  // not run: this and later tests stay not_run
      const json& item = (*items)[i];
      const std::string where = field + "[" + std::to_string(i) + "]";
      if (!use_outputs) {
        if (!item.is_bool()) return score_result::malformed(where, "expected true, false or null (not run)");
        if (!tests.add_passed(k, *item.as_bool())) break;
        continue;
      }
      raw_result raw;
      raw.completed = true;
      raw.outcome = test_outcome::passed;
      if (p.kind == test_kind::stdin_io) {
        if (item.if_string() == nullptr) return score_result::malformed(where, "a stdin test's output is the captured stdout, a string");
        raw.output = *item.if_string();
      } else {
        raw.output = item.dump();  // the return value; tagged objects stand for tuples and the like
      }
      if (!tests.add_result(k, raw)) break;
    }
    return std::nullopt;
  }

  scorer_settings settings_;
  std::shared_ptr<const runner> runner_;
};

/// Registers the family under "code" and maps livecodebench to it.
TRANSFERSCORE_API void register_family(scorer_registry& registry) {
  registry.add_family("code", "program extraction and test comparison for LiveCodeBench (paper mode: the study's evalchemy grader)",
                      [](const scorer_options& options) -> any_scorer<record> { return scorer::from_options(options); });
  // Running a program takes milliseconds to seconds: one record per batch, so that
  // --threads N runs N programs at once even on a short file.
  registry.set_batch_hint("code", [](const scorer_options& options) -> std::size_t { return options.get_bool("execute", false) ? 1 : 0; });
  registry.add_benchmark("livecodebench", "code");
}

}  // namespace code
TRANSFERSCORE_END_NAMESPACE
