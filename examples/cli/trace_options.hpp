#pragma once
// The reasoning-trace options of `score` (--trace, --unterminated, --think-open, --think-close),
// read by one function for the CLI and the Python module, so that both choose alike.

#include "args.hpp"

#include <transferscore/transferscore.hpp>

#include <string>

namespace cli {

struct trace_options {
  // Empty: not given. In paper mode the study's own trace handling applies unless one is given.
  std::string trace, unterminated, think_open, think_close;
};

/// Sets the pipeline's trace policy from the options given; usage errors name the option.
inline void apply_trace_options(const trace_options& given, transferscore::pipeline_options& options) {
  namespace ts = transferscore;
  options.trace_chosen =
      !given.trace.empty() || !given.unterminated.empty() || !given.think_open.empty() || !given.think_close.empty();
  if (!given.trace.empty()) {
    const ts::trace_policy::mode modes[] = {ts::trace_policy::mode::last_close, ts::trace_policy::mode::none,
                                            ts::trace_policy::mode::lm_eval};
    options.trace.strip = modes[choose("--trace", given.trace, {"last-close", "none", "lm-eval"})];
  }
  if (!given.unterminated.empty() && choose("--unterminated", given.unterminated, {"no-answer", "score"}) == 1) {
    options.trace.unterminated = ts::trace_policy::on_unterminated::score_response;
  }
  if (!given.think_open.empty()) options.trace.open_tag = given.think_open;
  if (!given.think_close.empty()) options.trace.close_tag = given.think_close;
}

}  // namespace cli
