#pragma once
// The canonical record: one model sample on one benchmark item, with its gold.
// Every backend adapter produces these; every scorer reads them.

#include <transferscore/config.hpp>
#include <transferscore/core/json.hpp>

#include <cstdint>
#include <string>

TRANSFERSCORE_BEGIN_NAMESPACE

struct record {
  json id;                ///< item id, a string or an integer as the input had it
  std::string benchmark;  ///< registry name ("math500", "ifeval", ...); selects the scorer
  std::string model;      ///< who produced the response; needed for aggregation
  std::int64_t sample = 0;  ///< index among repeated samples of the same item
  std::string response;   ///< the model output (after the reasoning-trace policy, when scored)
  json reference;         ///< the gold, shaped per scorer family (BRIEF §3)
  json extra;             ///< other top-level members (choice_logprobs, execution, ...)

  std::string source;      ///< file the record came from ("-" for stdin), for error messages
  std::uint64_t line = 0;  ///< 1-based line number in `source` (0 when built in code)
};

TRANSFERSCORE_END_NAMESPACE
