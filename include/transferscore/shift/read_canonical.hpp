#pragma once
// The canonical token shape, one response per line:
//   {"id": "q1", "benchmark": "math500", "model": "m", "sample": 0,
//    "logprobs": [-0.01, -2.3, ...],             log P(token | prefix), one per position
//    "tokens": ["The", " answer", ...],          optional: token texts
//    "token_ids": [785, 4226, ...],              optional
//    "ranks": [1, 3, ...],                       optional: 1 = the model's first choice
//    "top_logprobs": [[-0.01, -4.9], ...],       optional: the listed alternatives per position,
//    "top_ids": [[785, 576], ...],               named by top_ids and/or top_tokens
//    "top_tokens": [["The", "A"], ...],
//    "text_offset": [0, 3, ...],                 optional: where each token starts
//    "prompt_length": 12 | "response_offset": 57}  optional: cut the prompt off
// Prompt positions may hold null log-probabilities (the first token of a text has none).

#include <transferscore/config.hpp>
#include <transferscore/shift/dom_access.hpp>
#include <transferscore/shift/record_meta.hpp>
#include <transferscore/shift/scored_tokens.hpp>

#include <optional>
#include <string>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace shift {
namespace detail {

inline void read_canonical(const element& root, const record_meta& meta, const where& w, scored_tokens& out) {
  out.clear();
  std::int64_t sample = 0;
  if (auto s = member(root, "sample"); s && !is_null(*s)) sample = as_integer(*s, w, "sample");
  name_response(out, meta, sample, w.line);

  const auto lp_member = member(root, "logprobs");
  if (!lp_member) w.fail("logprobs", "missing");
  const array logprobs = as_array(*lp_member, w, "logprobs");
  const std::size_t n = logprobs.size();
  auto optional_array = [&](std::string_view name) -> std::optional<array> {
    auto v = member(root, name);
    if (!v || is_null(*v)) return std::nullopt;
    array a = as_array(*v, w, name);
    if (a.size() != n) {
      w.fail(name, "has " + std::to_string(a.size()) + " entries but logprobs has " + std::to_string(n));
    }
    return a;
  };
  const auto tokens = optional_array("tokens");
  const auto ids = optional_array("token_ids");
  const auto ranks = optional_array("ranks");
  const auto offsets = optional_array("text_offset");
  const auto top = optional_array("top_logprobs");
  const auto top_ids = optional_array("top_ids");
  const auto top_tokens = optional_array("top_tokens");
  if (top && !top_ids && !top_tokens) w.fail("top_logprobs", "needs top_ids or top_tokens naming the listed tokens");
  const prompt_cut cut(meta);
  if (cut.by_offset() && !offsets && !tokens) w.fail("response_offset", "needs text_offset or tokens to locate the response");

  auto lp_it = logprobs.begin();
  array::iterator tok_it, id_it, rank_it, off_it, top_it, top_id_it, top_tok_it;
  if (tokens) tok_it = tokens->begin();
  if (ids) id_it = ids->begin();
  if (ranks) rank_it = ranks->begin();
  if (offsets) off_it = offsets->begin();
  if (top) top_it = top->begin();
  if (top_ids) top_id_it = top_ids->begin();
  if (top_tokens) top_tok_it = top_tokens->begin();
  std::int64_t running_offset = 0;
  out.logprob.reserve(n);
  out.rank.reserve(n);
  out.token_id.reserve(n);
  for (std::size_t t = 0; t < n; ++t) {
    std::string_view text;
    if (tokens) {
      if ((*tok_it).get_string().get(text)) w.fail(indexed("tokens", t), "expected a string");
    }
    std::int64_t offset = running_offset;
    if (offsets) {
      if ((*off_it).get_int64().get(offset)) w.fail(indexed("text_offset", t), "expected an integer");
    } else if (tokens) {
      running_offset += static_cast<std::int64_t>(code_points(text));
    }
    const bool prompt = cut.is_prompt(t, offset);
    if (prompt) {
      ++out.prompt_tokens;
    } else {
      double lp = 0.0;
      if ((*lp_it).get_double().get(lp)) {
        w.fail(indexed("logprobs", t), is_null(*lp_it) ? "null inside the response (only prompt positions may lack one)"
                                                        : "expected a number");
      }
      std::int64_t id = -1, rank = 0;
      if (ids && (*id_it).get_int64().get(id)) w.fail(indexed("token_ids", t), "expected an integer");
      if (ranks && ((*rank_it).get_int64().get(rank) || rank < 1)) {  // the type is looked at again only when it is not an integer
        if (!is_null(*rank_it) || rank < 0) w.fail(indexed("ranks", t), "expected an integer >= 1 (or null)");
        rank = 0;
      }
      out.push(lp, rank, id);
      if (tokens) out.push_text(text);
      if (top) {
        array values, named_ids, named_texts;
        if ((*top_it).get_array().get(values)) w.fail(indexed("top_logprobs", t), "expected an array");
        if (top_ids && (*top_id_it).get_array().get(named_ids)) w.fail(indexed("top_ids", t), "expected an array");
        if (top_tokens && (*top_tok_it).get_array().get(named_texts)) w.fail(indexed("top_tokens", t), "expected an array");
        const std::size_t k = values.size();
        if ((top_ids && named_ids.size() != k) || (top_tokens && named_texts.size() != k)) {
          w.fail(indexed(top_ids ? "top_ids" : "top_tokens", t), "must list as many tokens as top_logprobs[" + std::to_string(t) + "]");
        }
        auto v_it = values.begin();
        array::iterator i_it, x_it;
        if (top_ids) i_it = named_ids.begin();
        if (top_tokens) x_it = named_texts.begin();
        for (std::size_t j = 0; j < k; ++j) {
          double alp = 0.0;
          std::int64_t aid = -1;
          std::string_view atext;
          if ((*v_it).get_double().get(alp)) w.fail(indexed("top_logprobs", t) + "[" + std::to_string(j) + "]", "expected a number");
          if (top_ids && (*i_it).get_int64().get(aid)) w.fail(indexed("top_ids", t) + "[" + std::to_string(j) + "]", "expected an integer");
          if (top_tokens && (*x_it).get_string().get(atext)) {
            w.fail(indexed("top_tokens", t) + "[" + std::to_string(j) + "]", "expected a string");
          }
          out.push_alternative(aid, atext, alp);
          ++v_it;
          if (top_ids) ++i_it;
          if (top_tokens) ++x_it;
        }
        out.end_alternatives();
      }
    }
    ++lp_it;
    if (tokens) ++tok_it;
    if (ids) ++id_it;
    if (ranks) ++rank_it;
    if (offsets) ++off_it;
    if (top) ++top_it;
    if (top_ids) ++top_id_it;
    if (top_tokens) ++top_tok_it;
  }
}

}  // namespace detail
}  // namespace shift
TRANSFERSCORE_END_NAMESPACE
