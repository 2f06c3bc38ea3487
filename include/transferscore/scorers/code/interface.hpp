#pragma once
// The code family (programs judged by their test results, or run in the sandbox with `--set execute=true`), declared: all that its family header and the umbrella read
// in the cheap mode (config.hpp). The code is in scorer.hpp and the headers it includes,
// compiled where TRANSFERSCORE_IMPLEMENTATION or TRANSFERSCORE_HEADER_ONLY is defined.

#include <transferscore/config.hpp>
#include <transferscore/core/registry.hpp>
#include <transferscore/detail/implementation_check.hpp>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace code {

/// Adds the family `code` (livecodebench) to `registry`.
TRANSFERSCORE_API void register_family(scorer_registry& registry);

}  // namespace code
TRANSFERSCORE_END_NAMESPACE
