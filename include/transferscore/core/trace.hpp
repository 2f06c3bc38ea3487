#pragma once
// The reasoning-trace policy, applied once to every response before any scorer sees it.
// A reasoning model writes `<think> ... </think>` and then its answer; scoring the trace
// would credit an answer the model considered and rejected, so by default only the text
// after the last closing tag is scored, and an opened but never closed trace means the
// model ran out of tokens before answering: no answer.
//
// Three policies (`--trace`):
//   last-close  the text after the last close tag; an open tag after it: unterminated
//   none        the response as it is (what evalchemy and most lm-eval tasks score)
//   lm-eval     what lm-eval's IFEval task of the study runs:
//               re.sub(r".*?</think>(\\n)*", "", response, flags=re.DOTALL).strip()
//               the text after the last close tag, without the literal `\n` pairs right
//               after it, stripped of Python white space; open tags are not looked at.
// In paper mode the pipeline applies the policy the registry names for the benchmark (the
// study's own handling, registry.paper_trace), unless the user chose one.

#include <transferscore/config.hpp>
#include <transferscore/detail/text.hpp>

#include <optional>
#include <cstddef>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE

struct trace_policy {
  enum class mode : unsigned char {
    last_close,  ///< score the text after the last close tag (the default)
    none,        ///< score the response as it is
    lm_eval,     ///< lm-eval's `.*?</think>(\\n)*` removal, then str.strip()
  };
  enum class on_unterminated : unsigned char {
    no_answer,       ///< status unterminated_trace, nothing is scored (the default)
    score_response,  ///< score the whole response anyway
  };

  mode strip = mode::last_close;
  on_unterminated unterminated = on_unterminated::no_answer;
  std::string open_tag = "<think>";
  std::string close_tag = "</think>";

  [[nodiscard]] static trace_policy none() {
    trace_policy p;
    p.strip = mode::none;
    return p;
  }
  [[nodiscard]] static trace_policy lm_eval() {
    trace_policy p;
    p.strip = mode::lm_eval;
    return p;
  }

  /// The policy as recorded in every verdict, for example "last-close".
  [[nodiscard]] std::string describe() const {
    if (strip == mode::none) return "none";
    std::string out = strip == mode::lm_eval ? "lm-eval" : "last-close";
    if (strip == mode::last_close && unterminated == on_unterminated::score_response) out += "+score-unterminated";
    if (open_tag != "<think>" || close_tag != "</think>") {
      out += ":";
      out += open_tag;
      out += "...";
      out += close_tag;
    }
    return out;
  }

  /// The policy a verdict's "trace" text names (what describe() writes), or nullopt when the
  /// text is not one describe() can write. Lets a reader of verdicts see again which part of
  /// a response was scored.
  [[nodiscard]] static std::optional<trace_policy> parse(std::string_view text) {
    trace_policy p;
    if (text == "none") {
      p.strip = mode::none;
      return p;
    }
    constexpr std::string_view base = "last-close", lm_eval_name = "lm-eval", lenient = "+score-unterminated";
    if (text.substr(0, lm_eval_name.size()) == lm_eval_name) {
      p.strip = mode::lm_eval;
      text.remove_prefix(lm_eval_name.size());
    } else if (text.substr(0, base.size()) == base) {
      text.remove_prefix(base.size());
    } else {
      return std::nullopt;
    }
    if (p.strip == mode::last_close && text.substr(0, lenient.size()) == lenient) {
      p.unterminated = on_unterminated::score_response;
      text.remove_prefix(lenient.size());
    }
    if (text.empty()) return p;
    if (text.front() != ':') return std::nullopt;
    text.remove_prefix(1);
    // "open...close": the tags themselves may hold dots, so the separator is found so that the
    // result describes back to the same text.
    for (std::size_t at = text.find("..."); at != std::string_view::npos; at = text.find("...", at + 1)) {
      trace_policy q = p;
      q.open_tag = std::string(text.substr(0, at));
      q.close_tag = std::string(text.substr(at + 3));
      if (q.open_tag != "<think>" || q.close_tag != "</think>") return q;
    }
    return std::nullopt;
  }
};

struct trace_outcome {
  std::string_view answer;    ///< the part of the response to score
  bool had_trace = false;     ///< a trace was found and removed
  bool unterminated = false;  ///< a trace was opened and not closed
  std::size_t trace_end = 0;  ///< with had_trace: where the last close tag starts (the trace is before it)
};

/// Splits `response` according to `policy`. The returned view points into `response`.
[[nodiscard]] inline trace_outcome apply_trace_policy(const trace_policy& policy, std::string_view response) {
  trace_outcome out;
  out.answer = response;
  if (policy.strip == trace_policy::mode::none || policy.close_tag.empty()) return out;

  const auto close = detail::rfind_fast(response, policy.close_tag);
  std::string_view tail = response;
  if (close != std::string_view::npos) {
    tail = response.substr(close + policy.close_tag.size());
    out.had_trace = true;
    out.trace_end = close;
  }
  if (policy.strip == trace_policy::mode::lm_eval) {
    // `(\\n)*` in a raw string: literal backslash-n pairs, not line breaks.
    while (out.had_trace && tail.size() >= 2 && tail[0] == '\\' && tail[1] == 'n') tail.remove_prefix(2);
    out.answer = detail::trim_python(tail);
    return out;
  }
  // An open tag with no close after it: the model was still thinking when it stopped.
  if (!policy.open_tag.empty() && tail.find(policy.open_tag) != std::string_view::npos) {
    out.unterminated = true;
    if (policy.unterminated == trace_policy::on_unterminated::score_response) {
      out.answer = response;
    } else {
      out.answer = {};
    }
    return out;
  }
  out.answer = tail;
  return out;
}

TRANSFERSCORE_END_NAMESPACE
