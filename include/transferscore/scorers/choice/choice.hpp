#pragma once
// The `choice` family (multiple-choice letters): see scorer.hpp.

#include <transferscore/config.hpp>
#include <transferscore/scorers/choice/interface.hpp>

// The code: only where it is compiled (config.hpp); the cheap mode reads the declarations.
#if TRANSFERSCORE_FULL
#include <transferscore/scorers/choice/gold.hpp>
#include <transferscore/scorers/choice/paper.hpp>
#include <transferscore/scorers/choice/reference.hpp>
#include <transferscore/scorers/choice/scorer.hpp>
#endif
