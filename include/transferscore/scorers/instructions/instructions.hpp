#pragma once
// The `instructions` scorer family (IFEval): umbrella header.

#include <transferscore/config.hpp>
#include <transferscore/scorers/instructions/metrics.hpp>
#include <transferscore/scorers/instructions/scorer.hpp>
