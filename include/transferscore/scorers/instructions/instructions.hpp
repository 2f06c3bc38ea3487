#pragma once
// The `instructions` scorer family (IFEval): umbrella header.

#include <transferscore/config.hpp>
#include <transferscore/scorers/instructions/interface.hpp>

// The code: only where it is compiled (config.hpp); the cheap mode reads the declarations.
#if TRANSFERSCORE_FULL
#include <transferscore/scorers/instructions/metrics.hpp>
#include <transferscore/scorers/instructions/scorer.hpp>
#endif
