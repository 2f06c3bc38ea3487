#pragma once
// The math scorer family: answer extraction, a LaTeX/plain-text expression parser, exact and
// numeric equivalence without a CAS, the study's grader (paper mode), and bounded work.
// See docs/math.md for the policy and api.hpp for the entry points.

#include <transferscore/config.hpp>
#include <transferscore/scorers/math/interface.hpp>

// The code: only where it is compiled (config.hpp); the cheap mode reads the declarations.
#if TRANSFERSCORE_FULL
#include <transferscore/scorers/math/options.hpp>
#include <transferscore/scorers/math/bigint.hpp>
#include <transferscore/scorers/math/rational.hpp>
#include <transferscore/scorers/math/unicode.hpp>
#include <transferscore/scorers/math/expr.hpp>
#include <transferscore/scorers/math/lexer.hpp>
#include <transferscore/scorers/math/parser.hpp>
#include <transferscore/scorers/math/evaluate.hpp>
#include <transferscore/scorers/math/compare.hpp>
#include <transferscore/scorers/math/prose.hpp>
#include <transferscore/scorers/math/cutoff.hpp>
#include <transferscore/scorers/math/extract.hpp>
#include <transferscore/scorers/math/question.hpp>
#include <transferscore/scorers/math/hendrycks.hpp>
#include <transferscore/scorers/math/api.hpp>
#include <transferscore/scorers/math/scorer.hpp>
#endif
