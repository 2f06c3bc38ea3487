#pragma once
// The aggregator: accumulate verdicts per (model, benchmark), estimate scores with honest
// uncertainty, compare models with their bases, and measure transfer across groups.

#include <transferscore/config.hpp>
#include <transferscore/aggregate/prng.hpp>
#include <transferscore/aggregate/estimators.hpp>
#include <transferscore/aggregate/item_table.hpp>
#include <transferscore/aggregate/metrics.hpp>
#include <transferscore/aggregate/accumulator.hpp>
#include <transferscore/aggregate/bootstrap.hpp>
#include <transferscore/aggregate/summary.hpp>
#include <transferscore/aggregate/paired.hpp>
#include <transferscore/aggregate/score_table.hpp>
#include <transferscore/aggregate/rounding_band.hpp>
#include <transferscore/aggregate/transfer.hpp>
#include <transferscore/aggregate/verdict_reader.hpp>
#include <transferscore/aggregate/state_json.hpp>
#include <transferscore/aggregate/report/common.hpp>
#include <transferscore/aggregate/report/json.hpp>
#include <transferscore/aggregate/report/md.hpp>
#include <transferscore/aggregate/report/csv.hpp>
#include <transferscore/aggregate/report/svg.hpp>
