#pragma once
// The math family's entry points, declared. This is all that <transferscore/scorers/math/math.hpp>
// and the umbrella read in the cheap mode (config.hpp); the code is in api.hpp, extract.hpp
// and scorer.hpp, compiled where TRANSFERSCORE_IMPLEMENTATION or TRANSFERSCORE_HEADER_ONLY is
// defined. The parser, the comparison of parsed answers and the study's grader are reached
// through their own headers in the full modes.

#include <transferscore/config.hpp>
#include <transferscore/core/registry.hpp>
#include <transferscore/core/trace.hpp>
#include <transferscore/core/verdict.hpp>
#include <transferscore/detail/implementation_check.hpp>
#include <transferscore/scorers/math/options.hpp>
#include <transferscore/scorers/math/results.hpp>

#include <cstddef>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace math {

/// The verdict on a full response: the reasoning-trace policy, extraction, comparison.
/// `score_result::correct` is the reward; `status` says why there is none. `question`, when
/// given, is the item's question: an answer that only restates it is wrong.
[[nodiscard]] TRANSFERSCORE_API score_result equivalent(std::string_view gold, std::string_view response,
                                                        const options& opts, const trace_policy& trace,
                                                        std::string_view question = {});

/// The same with the reasoning trace left as it is.
[[nodiscard]] TRANSFERSCORE_API score_result equivalent(std::string_view gold, std::string_view response,
                                                        const options& opts = {});

/// The answer span of a response. `gold_items` is how many top-level items the gold lists;
/// `finished_only` refuses the fallbacks of a cut-off or looping response.
[[nodiscard]] TRANSFERSCORE_API extraction extract(std::string_view response, const options& opts = {},
                                                   std::size_t gold_items = 1, bool finished_only = true);

/// Compares two answer strings (no extraction): gold first.
[[nodiscard]] TRANSFERSCORE_API match compare_answers(std::string_view gold, std::string_view answer,
                                                      const options& opts = {});

/// Adds the family `math` and its benchmarks (math500, aime24, aime25, olympiadbench) to `registry`.
TRANSFERSCORE_API void register_family(scorer_registry& registry);

}  // namespace math
TRANSFERSCORE_END_NAMESPACE
