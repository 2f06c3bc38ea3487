#pragma once
// The `loglik_choice` family (multiple choice from per-choice log-likelihoods): see scorer.hpp.

#include <transferscore/config.hpp>
#include <transferscore/scorers/loglik_choice/argmax.hpp>
#include <transferscore/scorers/loglik_choice/inputs.hpp>
#include <transferscore/scorers/loglik_choice/scorer.hpp>
