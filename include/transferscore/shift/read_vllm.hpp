#pragma once
// vLLM's logprob shapes: per position a map from token id to {"logprob", "rank",
// "decoded_token"}, as RequestOutput holds them and vLLM's server writes them.
//
//   prompt scoring (what the study's code did, with prompt_logprobs=1):
//     {"id", "benchmark", "prompt_token_ids": [...], "prompt_logprobs": [null, {"785": {...}}, ...],
//      "prompt_length": 57}          (also read from choices[0] of a server completion)
//   generation logprobs (one response per output):
//     {"id", "benchmark", "outputs": [{"index": 0, "token_ids": [...], "logprobs": [{...}, ...]}]}
//
// Which entry of a map is the scored token: the one whose key is the token's id, when the
// ids are known (prompt_token_ids, outputs[].token_ids). Without ids, the first entry: vLLM
// inserts the scored token first (V0, and V1 since early 2025), then the top-k. Paper mode
// takes the first entry whatever the ids say, as the study's script did.

#include <transferscore/config.hpp>
#include <transferscore/shift/dom_access.hpp>
#include <transferscore/shift/record_meta.hpp>
#include <transferscore/shift/scored_tokens.hpp>

#include <optional>
#include <string>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace shift {
namespace detail {

/// Reads one vLLM position map into `out` (the scored token and every listed alternative).
/// `known_id` is the scored token's id (-1: unknown); `first_entry`: take the first entry.
inline void read_vllm_position(const element& entry, std::int64_t known_id, bool first_entry, const std::string& name,
                               std::size_t t, const where& w, scored_tokens& out) {
  object map;
  if (entry.get_object().get(map)) {
    w.fail(indexed(name, t), is_null(entry) ? "null inside the response (only the first prompt position has no log-probability)"
                                            : "expected an object of token id -> {logprob, rank, decoded_token}");
  }
  bool found = false;
  double chosen_lp = 0.0;
  std::int64_t chosen_rank = 0, chosen_id = -1;
  std::string_view chosen_text;
  bool first = true;
  for (auto field : map) {
    const std::int64_t id = id_from_key(field.key);
    double lp = 0.0;
    element v;
    object info;
    if (field.value.get_object().get(info) || info.at_key("logprob").get(v) || v.get_double().get(lp)) {
      w.fail(indexed(name, t) + "[\"" + std::string(field.key) + "\"].logprob", "expected a number");
    }
    std::int64_t rank = 0;
    if (!info.at_key("rank").get(v) && !is_null(v)) {
      if (v.get_int64().get(rank) || rank < 1) w.fail(indexed(name, t) + "[\"" + std::string(field.key) + "\"].rank", "expected an integer >= 1");
    }
    std::string_view text;
    if (!info.at_key("decoded_token").get(v) && !is_null(v)) {
      if (v.get_string().get(text)) w.fail(indexed(name, t) + "[\"" + std::string(field.key) + "\"].decoded_token", "expected a string");
    }
    const bool take = !found && ((first_entry || known_id < 0) ? first : id == known_id);
    if (take) {
      found = true;
      chosen_lp = lp;
      chosen_rank = rank;
      chosen_id = id;
      chosen_text = text;
    }
    out.push_alternative(id, text, lp);
    first = false;
  }
  if (!found) {
    if (first) w.fail(indexed(name, t), "empty map");
    w.fail(indexed(name, t), "no entry for the scored token " + std::to_string(known_id));
  }
  out.end_alternatives();
  out.push(chosen_lp, chosen_rank, chosen_id);
  out.push_text(chosen_text);
}

/// Prompt scoring: `logprobs` is the prompt_logprobs array, `ids` the prompt_token_ids.
inline void read_vllm_prompt(const array& logprobs, const std::optional<array>& ids, const std::string& name,
                             const std::string& ids_name, const record_meta& meta, bool first_entry, const where& w,
                             scored_tokens& out) {
  out.clear();
  name_response(out, meta, 0, w.line);
  const std::size_t n = logprobs.size();
  if (ids && ids->size() != n) {
    w.fail(ids_name, "has " + std::to_string(ids->size()) + " entries but " + name + " has " + std::to_string(n));
  }
  if (meta.response_offset >= 0) {
    w.fail("response_offset", "vLLM maps carry no text offsets (the first prompt token has no entry): give prompt_length, "
                              "the number of prompt tokens");
  }
  if (meta.prompt_length < 0) {
    w.fail("prompt_length", "missing: prompt_logprobs cover the prompt and the response; give the number of prompt tokens "
                            "(0 when only the response was scored)");
  }
  const prompt_cut cut(meta);
  array::iterator id_it;
  if (ids) id_it = ids->begin();
  std::size_t t = 0;
  for (element entry : logprobs) {
    std::int64_t id = -1;
    if (ids && (*id_it).get_int64().get(id)) w.fail(indexed(ids_name, t), "expected an integer");
    if (cut.is_prompt(t, 0)) {
      ++out.prompt_tokens;
    } else {
      read_vllm_position(entry, id, first_entry, name, t, w, out);
    }
    if (ids) ++id_it;
    ++t;
  }
}

/// Generation logprobs of one output.
inline void read_vllm_output(const element& output, std::size_t position, const record_meta& meta, bool first_entry,
                             const where& w, scored_tokens& out) {
  out.clear();
  const std::string name = indexed("outputs", position);
  std::int64_t sample = static_cast<std::int64_t>(position);
  if (auto i = member(output, "index"); i && !is_null(*i)) sample = as_integer(*i, w, name + ".index");
  name_response(out, meta, sample, w.line);
  const auto lp = member(output, "logprobs");
  if (!lp || is_null(*lp)) w.fail(name + ".logprobs", "missing (ask vLLM for logprobs: SamplingParams(logprobs=k))");
  const array logprobs = as_array(*lp, w, name + ".logprobs");
  std::optional<array> ids;
  if (auto v = member(output, "token_ids"); v && !is_null(*v)) {
    ids = as_array(*v, w, name + ".token_ids");
    if (ids->size() != logprobs.size()) {
      w.fail(name + ".token_ids", "has " + std::to_string(ids->size()) + " entries but logprobs has " + std::to_string(logprobs.size()));
    }
  }
  if (meta.response_offset >= 0) w.fail("response_offset", "vLLM maps carry no text offsets: give prompt_length");
  const prompt_cut cut(meta);
  array::iterator id_it;
  if (ids) id_it = ids->begin();
  std::size_t t = 0;
  const std::string lp_name = name + ".logprobs";
  for (element entry : logprobs) {
    std::int64_t id = -1;
    if (ids && (*id_it).get_int64().get(id)) w.fail(indexed(name + ".token_ids", t), "expected an integer");
    if (cut.is_prompt(t, 0)) {
      ++out.prompt_tokens;
    } else {
      read_vllm_position(entry, id, first_entry, lp_name, t, w, out);
    }
    if (ids) ++id_it;
    ++t;
  }
}

/// Every response of a vLLM line; returns how many were written to out[0..).
inline std::size_t read_vllm(const element& root, const record_meta& given_meta, bool first_entry, const where& w,
                             std::vector<scored_tokens>& out) {
  record_meta meta = given_meta;
  if (meta.id.empty()) {
    // vLLM's offline request ids count requests in order, so two runs over the same inputs agree.
    if (auto rid = member(root, "request_id")) append_id(meta.id, *rid, w, "request_id");
  }
  auto prompt = member(root, "prompt_logprobs");
  auto ids = member(root, "prompt_token_ids");
  std::string name = "prompt_logprobs", ids_name = "prompt_token_ids";
  if (!prompt || is_null(*prompt)) {
    if (auto choices = member(root, "choices")) {
      array a;
      element first;
      if (!choices->get_array().get(a) && !a.at(0).get(first)) {
        prompt = member(first, "prompt_logprobs");
        if (auto i = member(first, "prompt_token_ids")) ids = i;
        name = "choices[0].prompt_logprobs";
        ids_name = "choices[0].prompt_token_ids";
      }
    }
  }
  if (prompt && !is_null(*prompt)) {
    if (out.empty()) out.emplace_back();
    std::optional<array> id_array;
    if (ids && !is_null(*ids)) id_array = as_array(*ids, w, ids_name);
    read_vllm_prompt(as_array(*prompt, w, name), id_array, name, ids_name, meta, first_entry, w, out[0]);
    return 1;
  }
  const auto outputs = member(root, "outputs");
  if (!outputs) w.fail("prompt_logprobs", "missing: a vLLM line needs prompt_logprobs or outputs[].logprobs");
  const array list = as_array(*outputs, w, "outputs");
  std::size_t n = 0;
  for (element output : list) {
    if (out.size() <= n) out.emplace_back();
    read_vllm_output(output, n, meta, first_entry, w, out[n]);
    ++n;
  }
  if (n == 0) w.fail("outputs", "no outputs");
  return n;
}

}  // namespace detail
}  // namespace shift
TRANSFERSCORE_END_NAMESPACE
