#pragma once
// The `code` family (LiveCodeBench): see scorer.hpp.

#include <transferscore/config.hpp>
#include <transferscore/scorers/code/interface.hpp>

// The code: only where it is compiled (config.hpp); the cheap mode reads the declarations.
#if TRANSFERSCORE_FULL
#include <transferscore/scorers/code/compare.hpp>
#include <transferscore/scorers/code/decimal.hpp>
#include <transferscore/scorers/code/execution.hpp>
#include <transferscore/scorers/code/extract.hpp>
#include <transferscore/scorers/code/judge.hpp>
#include <transferscore/scorers/code/python_value.hpp>
#include <transferscore/scorers/code/runner.hpp>
#include <transferscore/scorers/code/scorer.hpp>
#include <transferscore/scorers/code/tests.hpp>
#endif
