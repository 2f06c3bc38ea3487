#pragma once
// The choice family (the option letter of multiple-choice answers), declared: all that its family header and the umbrella read
// in the cheap mode (config.hpp). The code is in scorer.hpp and the headers it includes,
// compiled where TRANSFERSCORE_IMPLEMENTATION or TRANSFERSCORE_HEADER_ONLY is defined.

#include <transferscore/config.hpp>
#include <transferscore/core/registry.hpp>
#include <transferscore/detail/implementation_check.hpp>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace choice {

/// Adds the family `choice` (gpqa_diamond, acpbench, the other GPQA sets and mmlu_pro) to `registry`.
TRANSFERSCORE_API void register_family(scorer_registry& registry);

}  // namespace choice
TRANSFERSCORE_END_NAMESPACE
