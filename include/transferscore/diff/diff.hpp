#pragma once
// transferscore diff: two sets of judgements of the same records (two modes, two versions,
// or another tool's verdicts such as lm-evaluation-harness sample logs) compared record by
// record: agreement, the paired difference of accuracy, and the disagreements grouped into
// patterns of answer shapes, extraction sources and statuses. docs/diff.md.

#include <transferscore/config.hpp>
#include <transferscore/diff/shapes.hpp>
#include <transferscore/diff/reader.hpp>
#include <transferscore/diff/gold.hpp>
#include <transferscore/diff/matching.hpp>
#include <transferscore/diff/stats.hpp>
#include <transferscore/diff/patterns.hpp>
#include <transferscore/diff/compare.hpp>
#include <transferscore/diff/report_json.hpp>
#include <transferscore/diff/report_md.hpp>
#include <transferscore/diff/report_csv.hpp>
