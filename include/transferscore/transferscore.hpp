#pragma once
// transferscore: score LLM benchmark outputs and measure how gains transfer across domains.
//
// This umbrella header includes the whole public API where the library's code is compiled:
// in every file with TRANSFERSCORE_HEADER_ONLY (what the CMake target, Meson and pkg-config
// set), or in the one file with TRANSFERSCORE_IMPLEMENTATION. Elsewhere (the cheap mode,
// config.hpp) it reads only the core types, the registry and the families' declared entry
// points; the aggregate, diff, report, shift and pipeline headers are header-only in every
// mode, so such files include those they use themselves.

#include <transferscore/config.hpp>
#include <transferscore/version.hpp>

#include <transferscore/core/error.hpp>
#include <transferscore/core/json.hpp>
#include <transferscore/core/record.hpp>
#include <transferscore/core/registry.hpp>
#include <transferscore/core/scorer.hpp>
#include <transferscore/core/status.hpp>
#include <transferscore/core/trace.hpp>
#include <transferscore/core/verdict.hpp>

#include <transferscore/builtin.hpp>

// First-use order matters to tools/amalgamate.py: everything the cheap mode reads is above
// this line, so the single header keeps it outside the block below.
#if TRANSFERSCORE_FULL
#include <transferscore/io/adapters.hpp>
#include <transferscore/io/dataset.hpp>
#include <transferscore/io/json_parse.hpp>
#include <transferscore/io/line_reader.hpp>

#include <transferscore/scorers/choice/choice.hpp>
#include <transferscore/scorers/code/code.hpp>
#include <transferscore/scorers/exact_match/exact_match.hpp>
#include <transferscore/scorers/instructions/instructions.hpp>
#include <transferscore/scorers/loglik_choice/loglik_choice.hpp>
#include <transferscore/scorers/math/math.hpp>
#include <transferscore/scorers/qa/qa.hpp>
#include <transferscore/scorers/yesno/yesno.hpp>

#include <transferscore/aggregate/aggregate.hpp>
#include <transferscore/diff/diff.hpp>

#include <transferscore/report/html.hpp>

#include <transferscore/shift/shift.hpp>

#include <transferscore/pipeline.hpp>
#endif
