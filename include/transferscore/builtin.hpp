#pragma once
// The built-in scorer families and the benchmarks of the study (BRIEF §2), registered
// explicitly. Applications that want fewer families fill their own registry instead.

#include <transferscore/config.hpp>
#include <transferscore/core/registry.hpp>
#include <transferscore/scorers/choice/choice.hpp>
#include <transferscore/scorers/code/code.hpp>
#include <transferscore/scorers/exact_match/exact_match.hpp>
#include <transferscore/scorers/instructions/instructions.hpp>
#include <transferscore/scorers/loglik_choice/loglik_choice.hpp>
#include <transferscore/scorers/math/math.hpp>
#include <transferscore/scorers/qa/qa.hpp>
#include <transferscore/scorers/yesno/yesno.hpp>

TRANSFERSCORE_BEGIN_NAMESPACE

/// Adds every built-in family, and maps each benchmark whose family is built in.
inline void register_builtin_scorers(scorer_registry& registry) {
  choice::register_family(registry);
  code::register_family(registry);
  exact_match::register_family(registry);
  instructions::register_family(registry);
  loglik_choice::register_family(registry);
  math::register_family(registry);
  qa::register_family(registry);
  yesno::register_family(registry);
}

/// A registry holding every built-in family.
[[nodiscard]] inline scorer_registry builtin_registry() {
  scorer_registry registry;
  register_builtin_scorers(registry);
  return registry;
}

TRANSFERSCORE_END_NAMESPACE
