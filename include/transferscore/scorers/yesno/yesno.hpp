#pragma once
// The `yesno` family (yes/no judgements): see scorer.hpp.

#include <transferscore/config.hpp>
#include <transferscore/scorers/yesno/interface.hpp>

// The code: only where it is compiled (config.hpp); the cheap mode reads the declarations.
#if TRANSFERSCORE_FULL
#include <transferscore/scorers/yesno/gold.hpp>
#include <transferscore/scorers/yesno/paper.hpp>
#include <transferscore/scorers/yesno/reference.hpp>
#include <transferscore/scorers/yesno/scorer.hpp>
#endif
