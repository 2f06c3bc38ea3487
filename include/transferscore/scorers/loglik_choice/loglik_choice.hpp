#pragma once
// The `loglik_choice` family (multiple choice from per-choice log-likelihoods): see scorer.hpp.

#include <transferscore/config.hpp>
#include <transferscore/scorers/loglik_choice/interface.hpp>

// The code: only where it is compiled (config.hpp); the cheap mode reads the declarations.
#if TRANSFERSCORE_FULL
#include <transferscore/scorers/loglik_choice/argmax.hpp>
#include <transferscore/scorers/loglik_choice/inputs.hpp>
#include <transferscore/scorers/loglik_choice/scorer.hpp>
#endif
