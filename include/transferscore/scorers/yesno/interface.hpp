#pragma once
// The yesno family (yes/no judgements read as whole words), declared: all that its family header and the umbrella read
// in the cheap mode (config.hpp). The code is in scorer.hpp and the headers it includes,
// compiled where TRANSFERSCORE_IMPLEMENTATION or TRANSFERSCORE_HEADER_ONLY is defined.

#include <transferscore/config.hpp>
#include <transferscore/core/registry.hpp>
#include <transferscore/detail/implementation_check.hpp>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace yesno {

/// Adds the family `yesno` (halueval, acpbench_bool) to `registry`.
TRANSFERSCORE_API void register_family(scorer_registry& registry);

}  // namespace yesno
TRANSFERSCORE_END_NAMESPACE
