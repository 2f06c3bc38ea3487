#pragma once
// The loglik_choice family (the option a model gives the highest log-likelihood), declared: all that its family header and the umbrella read
// in the cheap mode (config.hpp). The code is in scorer.hpp and the headers it includes,
// compiled where TRANSFERSCORE_IMPLEMENTATION or TRANSFERSCORE_HEADER_ONLY is defined.

#include <transferscore/config.hpp>
#include <transferscore/core/registry.hpp>
#include <transferscore/detail/implementation_check.hpp>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace loglik_choice {

/// Adds the family `loglik_choice` (headqa, mc_taco and the *_loglik sets) to `registry`.
TRANSFERSCORE_API void register_family(scorer_registry& registry);

}  // namespace loglik_choice
TRANSFERSCORE_END_NAMESPACE
