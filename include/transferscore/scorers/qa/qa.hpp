#pragma once
// The `qa` family (free-form answers, SQuAD-style EM and F1; coqa): see scorer.hpp.

#include <transferscore/config.hpp>
#include <transferscore/scorers/qa/interface.hpp>

// The code: only where it is compiled (config.hpp); the cheap mode reads the declarations.
#if TRANSFERSCORE_FULL
#include <transferscore/scorers/qa/gold.hpp>
#include <transferscore/scorers/qa/metric.hpp>
#include <transferscore/scorers/qa/normalize.hpp>
#include <transferscore/scorers/qa/paper.hpp>
#include <transferscore/scorers/qa/reference.hpp>
#include <transferscore/scorers/qa/scorer.hpp>
#endif
