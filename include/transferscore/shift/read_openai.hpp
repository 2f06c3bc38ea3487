#pragma once
// OpenAI-style logprobs (also what vLLM's and most OpenAI-compatible servers return), one
// response per choice:
//   chat:        choices[i].logprobs.content[] = {"token", "logprob", "bytes", "top_logprobs": [{"token", "logprob"}]}
//   completions: choices[i].logprobs = {"tokens", "token_logprobs", "top_logprobs": [{text: logprob}], "text_offset"}
// A Batch API output line ({"custom_id", "response": {"body": ...}}) is read through its body.
// These shapes give no ranks: a token's rank is known when it is among the listed top
// tokens (1 + the number listed above it), and unknown otherwise. Tokens are named by text.

#include <transferscore/config.hpp>
#include <transferscore/shift/dom_access.hpp>
#include <transferscore/shift/record_meta.hpp>
#include <transferscore/shift/scored_tokens.hpp>

#include <string>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace shift {
namespace detail {

/// The rank of the token just pushed, from the alternatives of its position: 1 + the number
/// listed with a higher log-probability, when the token itself is listed; else 0 (unknown).
inline std::int64_t rank_among_listed(const scored_tokens& out, std::size_t begin, std::string_view text, double lp) {
  bool listed = false;
  std::int64_t above = 0;
  for (std::size_t j = begin; j < out.alternatives.size(); ++j) {
    const alternative& a = out.alternatives[j];
    if (!listed && out.alternative_text(a) == text) listed = true;
    if (a.logprob > lp) ++above;
  }
  return listed ? above + 1 : 0;
}

inline void read_openai_chat(const array& content, const std::string& name, const record_meta& meta, const where& w,
                             scored_tokens& out) {
  const prompt_cut cut(meta);
  std::int64_t offset = 0;
  std::size_t t = 0;
  for (element entry : content) {
    element v;
    std::string_view text;
    if (entry.at_key("token").get(v) || v.get_string().get(text)) w.fail(indexed(name, t, "token"), "expected a string");
    const std::int64_t at = offset;
    offset += static_cast<std::int64_t>(code_points(text));
    if (cut.is_prompt(t, at)) {
      ++out.prompt_tokens;
      ++t;
      continue;
    }
    double lp = 0.0;
    if (entry.at_key("logprob").get(v) || v.get_double().get(lp)) w.fail(indexed(name, t, "logprob"), "expected a number");
    const std::size_t begin = out.alternatives.size();
    if (!entry.at_key("top_logprobs").get(v) && !is_null(v)) {
      array top;
      if (v.get_array().get(top)) w.fail(indexed(name, t, "top_logprobs"), "expected an array");
      std::size_t j = 0;
      for (element alt : top) {
        element x;
        std::string_view alt_text;
        double alt_lp = 0.0;
        if (alt.at_key("token").get(x) || x.get_string().get(alt_text)) {
          w.fail(indexed(name, t, "top_logprobs") + "[" + std::to_string(j) + "].token", "expected a string");
        }
        if (alt.at_key("logprob").get(x) || x.get_double().get(alt_lp)) {
          w.fail(indexed(name, t, "top_logprobs") + "[" + std::to_string(j) + "].logprob", "expected a number");
        }
        out.push_alternative(-1, alt_text, alt_lp);
        ++j;
      }
    }
    out.end_alternatives();
    out.push(lp, rank_among_listed(out, begin, text, lp), -1);
    out.push_text(text);
    ++t;
  }
}

inline void read_openai_completion(const element& logprobs, const std::string& name, const record_meta& meta, const where& w,
                                   scored_tokens& out) {
  auto need = [&](std::string_view key) {
    auto v = member(logprobs, key);
    if (!v) w.fail(name + "." + std::string(key), "missing");
    return as_array(*v, w, name + "." + std::string(key));
  };
  const array tokens = need("tokens");
  const array values = need("token_logprobs");
  const std::size_t n = tokens.size();
  if (values.size() != n) w.fail(name + ".token_logprobs", "must have one entry per token");
  std::optional<array> top, offsets;
  if (auto v = member(logprobs, "top_logprobs"); v && !is_null(*v)) {
    top = as_array(*v, w, name + ".top_logprobs");
    if (top->size() != n) w.fail(name + ".top_logprobs", "must have one entry per token");
  }
  if (auto v = member(logprobs, "text_offset"); v && !is_null(*v)) {
    offsets = as_array(*v, w, name + ".text_offset");
    if (offsets->size() != n) w.fail(name + ".text_offset", "must have one entry per token");
  }
  const prompt_cut cut(meta);
  auto v_it = values.begin();
  array::iterator top_it, off_it;
  if (top) top_it = top->begin();
  if (offsets) off_it = offsets->begin();
  std::int64_t running = 0;
  std::size_t t = 0;
  for (element token : tokens) {
    std::string_view text;
    if (token.get_string().get(text)) w.fail(indexed(name + ".tokens", t), "expected a string");
    std::int64_t at = running;
    if (offsets) {
      if ((*off_it).get_int64().get(at)) w.fail(indexed(name + ".text_offset", t), "expected an integer");
    }
    running += static_cast<std::int64_t>(code_points(text));
    if (cut.is_prompt(t, at)) {
      ++out.prompt_tokens;
    } else {
      double lp = 0.0;
      if ((*v_it).get_double().get(lp)) {
        w.fail(indexed(name + ".token_logprobs", t),
               is_null(*v_it) ? "null inside the response (only the first prompt token may lack one)" : "expected a number");
      }
      const std::size_t begin = out.alternatives.size();
      if (top && !is_null(*top_it)) {
        object map;
        if ((*top_it).get_object().get(map)) w.fail(indexed(name + ".top_logprobs", t), "expected an object of token -> logprob");
        for (auto field : map) {
          double alt_lp = 0.0;
          if (field.value.get_double().get(alt_lp)) {
            w.fail(indexed(name + ".top_logprobs", t) + "[\"" + std::string(field.key) + "\"]", "expected a number");
          }
          out.push_alternative(-1, field.key, alt_lp);
        }
      }
      if (top) out.end_alternatives();
      out.push(lp, top ? rank_among_listed(out, begin, text, lp) : 0, -1);
      out.push_text(text);
    }
    ++v_it;
    if (top) ++top_it;
    if (offsets) ++off_it;
    ++t;
  }
}

/// Every response (choice) of an OpenAI-style line; returns how many were written.
inline std::size_t read_openai(const element& root, const record_meta& meta, const where& w, std::vector<scored_tokens>& out) {
  element body = root;
  std::string prefix;
  if (auto response = member(root, "response"); response && member(root, "custom_id")) {
    auto b = member(*response, "body");
    if (!b || is_null(*b)) w.fail("response.body", "missing (the batch request failed?)");
    body = *b;
    prefix = "response.body.";
  }
  std::string_view model = meta.model;
  if (model.empty()) {
    if (auto m = member(body, "model"); m && !is_null(*m)) model = as_string(*m, w, prefix + "model");
  }
  const auto choices = member(body, "choices");
  if (!choices) w.fail(prefix + "choices", "missing");
  const array list = as_array(*choices, w, prefix + "choices");
  std::size_t n = 0;
  for (element choice : list) {
    if (out.size() <= n) out.emplace_back();
    scored_tokens& s = out[n];
    s.clear();
    const std::string name = prefix + indexed("choices", n);
    std::int64_t sample = static_cast<std::int64_t>(n);
    if (auto i = member(choice, "index"); i && !is_null(*i)) sample = as_integer(*i, w, name + ".index");
    name_response(s, meta, sample, w.line);
    s.model = model;
    const auto lp = member(choice, "logprobs");
    if (!lp || is_null(*lp)) w.fail(name + ".logprobs", "missing (ask the API for logprobs, and top_logprobs for KL)");
    if (auto content = member(*lp, "content")) {
      if (is_null(*content)) w.fail(name + ".logprobs.content", "null");
      read_openai_chat(as_array(*content, w, name + ".logprobs.content"), name + ".logprobs.content", meta, w, s);
    } else {
      read_openai_completion(*lp, name + ".logprobs", meta, w, s);
    }
    ++n;
  }
  if (n == 0) w.fail(prefix + "choices", "no choices");
  return n;
}

}  // namespace detail
}  // namespace shift
TRANSFERSCORE_END_NAMESPACE
