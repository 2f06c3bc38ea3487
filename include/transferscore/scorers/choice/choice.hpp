#pragma once
// The `choice` family (multiple-choice letters): see scorer.hpp.

#include <transferscore/config.hpp>
#include <transferscore/scorers/choice/gold.hpp>
#include <transferscore/scorers/choice/paper.hpp>
#include <transferscore/scorers/choice/reference.hpp>
#include <transferscore/scorers/choice/scorer.hpp>
