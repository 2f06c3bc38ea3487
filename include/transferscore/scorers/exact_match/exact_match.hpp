#pragma once
// The exact_match family: the response equals one of the gold answers after normalisation
// (scorer.hpp).

#include <transferscore/config.hpp>
#include <transferscore/scorers/exact_match/interface.hpp>

// The code: only where it is compiled (config.hpp); the cheap mode reads the declarations.
#if TRANSFERSCORE_FULL
#include <transferscore/scorers/exact_match/scorer.hpp>
#endif
