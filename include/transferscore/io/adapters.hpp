#pragma once
// Backend adapters: what inference backends write, mapped onto canonical records.
// Each adapter is a pure function of one parsed JSON line, so it is testable without
// files and shared by the CLI, the library and the fuzzer.
//
// Whatever the backend, top-level "id", "benchmark", "model" and "reference" members
// win when present: users commonly wrap backend output with their own metadata.

#include <transferscore/config.hpp>
#include <transferscore/core/json.hpp>
#include <transferscore/core/record.hpp>
#include <transferscore/io/lm_eval_tasks.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace io {

enum class input_format : unsigned char {
  automatic,     ///< decided per line from the members present
  canonical,     ///< transferscore's own record (BRIEF §3)
  openai,        ///< an OpenAI chat.completion / text_completion response object
  openai_batch,  ///< one line of an OpenAI Batch API output file
  vllm,          ///< a vLLM RequestOutput dump: outputs[].text
  sglang,        ///< an SGLang generate result: text + meta_info
  lm_eval,       ///< an lm-evaluation-harness samples_*.jsonl line
};

inline constexpr std::array<std::pair<std::string_view, input_format>, 7> input_format_names{{
    {"auto", input_format::automatic},
    {"canonical", input_format::canonical},
    {"openai", input_format::openai},
    {"openai-batch", input_format::openai_batch},
    {"vllm", input_format::vllm},
    {"sglang", input_format::sglang},
    {"lm-eval", input_format::lm_eval},
}};

[[nodiscard]] inline std::string_view to_string(input_format f) noexcept {
  for (const auto& [name, value] : input_format_names) {
    if (value == f) return name;
  }
  return "auto";
}

[[nodiscard]] inline std::optional<input_format> input_format_from_string(std::string_view name) noexcept {
  for (const auto& [n, value] : input_format_names) {
    if (n == name) return value;
  }
  return std::nullopt;
}

/// What an adapter needs besides the line itself.
struct adapt_context {
  std::string source;          ///< file name; lm-eval names the task in it
  std::uint64_t line = 0;      ///< 1-based line number
};

/// The records one line yields (several for multi-sample outputs), or why it yields none.
struct adapt_result {
  std::vector<record> records;
  std::string field;    ///< set on failure: the offending member ("choices[0].message.content")
  std::string message;  ///< set on failure
  [[nodiscard]] bool ok() const noexcept { return message.empty(); }
};

/// Picks the format of one line from the members it has.
[[nodiscard]] inline input_format detect_format(const json& line) {
  if (!line.is_object()) return input_format::canonical;
  if (line.contains("custom_id") && line.contains("response") && !line.find("response")->is_string()) {
    return input_format::openai_batch;
  }
  if (line.contains("doc_id") && line.contains("resps")) return input_format::lm_eval;
  if (line.contains("response")) return input_format::canonical;
  if (line.contains("choices")) return input_format::openai;
  if (line.contains("outputs")) return input_format::vllm;
  if (line.contains("meta_info") || (line.contains("text") && line.find("text")->is_string())) {
    return input_format::sglang;
  }
  return input_format::canonical;
}

namespace detail {

[[nodiscard]] inline const json* path(const json& root, std::initializer_list<std::string_view> keys) {
  const json* node = &root;
  for (auto key : keys) {
    node = node->find(key);
    if (node == nullptr) return nullptr;
  }
  return node;
}

/// Copies the wrapper metadata (id, benchmark, model, reference, sample) users put beside
/// backend output, and keeps every other member in `extra`.
inline void take_common(const json& line, record& r, std::initializer_list<std::string_view> backend_keys) {
  if (const auto* obj = line.if_object()) {
    for (const auto& [key, value] : *obj) {
      if (key == "id") {
        if (value.is_string() || value.is_integer()) r.id = value;
      } else if (key == "benchmark") {
        if (const auto* s = value.if_string()) r.benchmark = *s;
      } else if (key == "model") {
        if (const auto* s = value.if_string()) r.model = *s;
      } else if (key == "reference") {
        r.reference = value;
      } else {
        bool is_backend = false;
        for (auto k : backend_keys) is_backend = is_backend || k == key;
        if (!is_backend) r.extra[key] = value;
      }
    }
  }
}

/// Text of an OpenAI message content: a string, null, or a list of content parts.
[[nodiscard]] inline std::optional<std::string> content_text(const json& content) {
  if (const auto* s = content.if_string()) return *s;
  if (const auto* parts = content.if_array()) {
    std::string text;
    for (const auto& part : *parts) {
      if (const auto* t = part.find("text"); t != nullptr && t->is_string()) text += *t->if_string();
    }
    return text;
  }
  return std::nullopt;
}

inline adapt_result fail(std::string field, std::string message) {
  adapt_result r;
  r.field = std::move(field);
  r.message = std::move(message);
  return r;
}

/// lm-eval's timestamp in a samples file name: 2025-07-01T10-11-12 with optional .123456
/// (datetime.isoformat() with ':' replaced by '-').
[[nodiscard]] constexpr bool is_lm_eval_timestamp(std::string_view t) noexcept {
  constexpr std::string_view shape = "dddd-dd-ddTdd-dd-dd";
  if (t.size() < shape.size()) return false;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    const bool digit = t[i] >= '0' && t[i] <= '9';
    if (shape[i] == 'd' ? !digit : t[i] != shape[i]) return false;
  }
  t.remove_prefix(shape.size());
  if (t.empty()) return true;
  if (t.front() != '.' || t.size() == 1) return false;
  for (std::size_t i = 1; i < t.size(); ++i) {
    if (t[i] < '0' || t[i] > '9') return false;
  }
  return true;
}

/// The file name of `source` in lm-eval's layout: samples_<task>_<timestamp>.jsonl.
struct lm_eval_file {
  std::string task;     ///< empty when the name is not samples_<task>...
  bool layout = false;  ///< the whole name has lm-eval's shape, timestamp included
};

/// "results/Qwen__Qwen3-14B/samples_ifeval_2025-07-01T10-00-00.123.jsonl" -> task "ifeval",
/// layout true; "samples_ifeval.jsonl" -> task "ifeval", layout false; "x.jsonl" -> nothing.
[[nodiscard]] inline lm_eval_file lm_eval_file_name(std::string_view source) {
  const auto slash = source.find_last_of('/');
  std::string_view name = slash == std::string_view::npos ? source : source.substr(slash + 1);
  constexpr std::string_view prefix = "samples_";
  lm_eval_file out;
  if (name.substr(0, prefix.size()) != prefix) return out;
  name.remove_prefix(prefix.size());
  const bool jsonl = name.size() > 6 && name.substr(name.size() - 6) == ".jsonl";
  if (jsonl) name.remove_suffix(6);
  // The timestamp starts after the last '_' followed by a digit (2025-...).
  for (std::size_t i = name.size(); i-- > 0;) {
    if (name[i] == '_' && i + 1 < name.size() && name[i + 1] >= '0' && name[i + 1] <= '9') {
      out.task = std::string(name.substr(0, i));
      out.layout = jsonl && i > 0 && is_lm_eval_timestamp(name.substr(i + 1));
      return out;
    }
  }
  out.task = std::string(name);
  return out;
}

/// "results/samples_ifeval_2025-07-01T10-00-00.123.jsonl" -> "ifeval".
[[nodiscard]] inline std::string lm_eval_task_from_filename(std::string_view source) { return lm_eval_file_name(source).task; }

/// lm-eval writes <output_path>/<model_name_sanitized>/samples_<task>_<timestamp>.jsonl: the
/// model is the name of that folder ("Qwen__Qwen3-14B" for "Qwen/Qwen3-14B"), and only in
/// that layout: "tmp/x.jsonl" or "tmp/samples_x.jsonl" name no model.
[[nodiscard]] inline std::string lm_eval_model_from_path(std::string_view source) {
  if (!lm_eval_file_name(source).layout) return {};
  auto slash = source.find_last_of('/');
  if (slash == std::string_view::npos || slash == 0) return {};
  std::string_view dir = source.substr(0, slash);
  auto parent = dir.find_last_of('/');
  std::string_view name = parent == std::string_view::npos ? dir : dir.substr(parent + 1);
  if (name.empty() || name == "." || name == "..") return {};
  // Built by appending: GCC 12 at -O3 warns falsely (-Wstringop-overflow) on replace() here.
  std::string model;
  model.reserve(name.size());
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '_' && i + 1 < name.size() && name[i + 1] == '_') {
      model.push_back('/');
      ++i;
    } else {
      model.push_back(name[i]);
    }
  }
  return model;
}

}  // namespace detail

/// A canonical record line (BRIEF §3). Takes the line by value so that the response, often
/// many kilobytes, is moved rather than copied.
[[nodiscard]] inline adapt_result adapt_canonical(json line) {
  auto* members = line.if_object();
  if (members == nullptr) return detail::fail("", "a record must be a JSON object");
  record r;
  bool has_response = false;
  for (auto& [key, value] : *members) {
    if (key == std::string_view("id")) {
      if (!value.is_string() && !value.is_integer()) return detail::fail("id", "id must be a string or an integer");
      r.id = std::move(value);
    } else if (key == std::string_view("benchmark")) {
      if (!value.is_string() && !value.is_null()) return detail::fail("benchmark", "benchmark must be a string");
      if (auto* text = value.if_string()) r.benchmark = std::move(*text);
    } else if (key == std::string_view("model")) {
      if (!value.is_string() && !value.is_null()) return detail::fail("model", "model must be a string");
      if (auto* text = value.if_string()) r.model = std::move(*text);
    } else if (key == std::string_view("sample")) {
      auto s = value.as_int();
      if (!s || *s < 0) return detail::fail("sample", "sample must be a non-negative integer");
      r.sample = *s;
    } else if (key == std::string_view("response")) {
      has_response = true;
      if (auto* text = value.if_string()) {
        r.response = std::move(*text);
      } else if (value.is_null()) {
        r.extra["response_missing"] = true;  // the backend produced nothing: no answer
      } else {
        return detail::fail("response", "response must be a string");
      }
    } else if (key == std::string_view("reference")) {
      // A bare string or number is shorthand for {"answer": ...}.
      if (value.is_string() || value.is_number()) {
        r.reference = json::object();
        r.reference["answer"] = std::move(value);
      } else {
        r.reference = std::move(value);
      }
    } else {
      r.extra[key] = std::move(value);
    }
  }
  if (!has_response) return detail::fail("response", "missing member 'response'");
  adapt_result out;
  out.records.push_back(std::move(r));
  return out;
}

/// The API's own "id" (chatcmpl-...) names the request, not the item: the item id comes from
/// metadata.id, a Batch custom_id, or else the line number.
[[nodiscard]] inline adapt_result adapt_openai(const json& body, const json& wrapper, std::string_view field_prefix,
                                               const adapt_context& context) {
  const json* choices = body.find("choices");
  if (choices == nullptr || !choices->is_array()) {
    return detail::fail(std::string(field_prefix) + "choices", "missing array 'choices'");
  }
  record base;
  if (const auto* m = body.find("model"); m != nullptr && m->is_string()) base.model = *m->if_string();
  detail::take_common(wrapper, base, {"choices", "object", "created", "usage", "system_fingerprint", "service_tier",
                                      "custom_id", "response", "error", "metadata"});
  if (&wrapper == &body && body.contains("object")) base.id = json();  // chatcmpl-... is not an item id
  if (const auto* id = detail::path(body, {"metadata", "id"}); id != nullptr && (id->is_string() || id->is_integer())) {
    base.id = *id;
  }
  if (const auto* cid = wrapper.find("custom_id"); cid != nullptr && (cid->is_string() || cid->is_integer())) base.id = *cid;
  if (base.id.is_null()) base.id = json(static_cast<std::int64_t>(context.line));

  adapt_result out;
  std::size_t index = 0;
  for (const auto& choice : *choices->if_array()) {
    record r = base;
    r.sample = static_cast<std::int64_t>(index);
    if (auto i = choice.find("index"); i != nullptr && i->as_int()) r.sample = *i->as_int();
    const std::string where = std::string(field_prefix) + "choices[" + std::to_string(index) + "]";
    if (const auto* message = choice.find("message")) {
      const json* content = message->find("content");
      auto text = content ? detail::content_text(*content) : std::nullopt;
      if (text) {
        r.response = std::move(*text);
      } else if (content == nullptr || content->is_null()) {
        r.extra["response_missing"] = true;
      } else {
        return detail::fail(where + ".message.content", "content must be a string or a list of parts");
      }
    } else if (const auto* text = choice.find("text")) {
      if (!text->is_string()) return detail::fail(where + ".text", "text must be a string");
      r.response = *text->if_string();
    } else {
      return detail::fail(where, "a choice needs 'message' or 'text'");
    }
    if (const auto* finish = choice.find("finish_reason"); finish != nullptr && finish->is_string()) {
      r.extra["finish_reason"] = *finish;
    }
    out.records.push_back(std::move(r));
    ++index;
  }
  if (out.records.empty()) return detail::fail(std::string(field_prefix) + "choices", "no choices");
  return out;
}

/// One line of an OpenAI Batch API output file.
[[nodiscard]] inline adapt_result adapt_openai_batch(const json& line, const adapt_context& context) {
  const json* custom_id = line.find("custom_id");
  if (custom_id == nullptr || !(custom_id->is_string() || custom_id->is_integer())) {
    return detail::fail("custom_id", "missing custom_id");
  }
  const json* body = detail::path(line, {"response", "body"});
  const json* error = line.find("error");
  const json* code = detail::path(line, {"response", "status_code"});
  const bool failed_request = (error != nullptr && !error->is_null()) || body == nullptr ||
                              (code != nullptr && code->as_int() && *code->as_int() != 200);
  if (failed_request) {
    // The request failed at the backend: the item still gets its verdict, with no answer.
    record r;
    detail::take_common(line, r, {"custom_id", "response", "error"});
    r.id = *custom_id;
    r.extra["response_missing"] = true;
    std::string why = "the batch request failed";
    if (error != nullptr && !error->is_null()) {
      if (const auto* m = error->find("message"); m != nullptr && m->is_string()) why += ": " + *m->if_string();
    }
    r.extra["backend_error"] = why;
    adapt_result out;
    out.records.push_back(std::move(r));
    return out;
  }
  return adapt_openai(*body, line, "response.body.", context);
}

/// A vLLM RequestOutput dump: {"request_id", "prompt", "outputs": [{"index", "text"}...]}.
[[nodiscard]] inline adapt_result adapt_vllm(const json& line) {
  const json* outputs = line.find("outputs");
  if (outputs == nullptr || !outputs->is_array()) return detail::fail("outputs", "missing array 'outputs'");
  record base;
  detail::take_common(line, base, {"outputs", "request_id", "prompt_token_ids", "prompt_logprobs", "finished",
                                   "metrics", "lora_request", "encoder_prompt", "encoder_prompt_token_ids",
                                   "num_cached_tokens", "kv_transfer_params"});
  if (base.id.is_null()) {
    if (const auto* rid = line.find("request_id"); rid != nullptr && (rid->is_string() || rid->is_integer())) base.id = *rid;
  }
  adapt_result out;
  std::size_t position = 0;
  for (const auto& output : *outputs->if_array()) {
    const std::string where = "outputs[" + std::to_string(position) + "]";
    const json* text = output.find("text");
    if (text == nullptr || !text->is_string()) return detail::fail(where + ".text", "missing string 'text'");
    record r = base;
    r.sample = static_cast<std::int64_t>(position);
    if (const auto* i = output.find("index"); i != nullptr && i->as_int()) r.sample = *i->as_int();
    r.response = *text->if_string();
    if (const auto* finish = output.find("finish_reason"); finish != nullptr && finish->is_string()) {
      r.extra["finish_reason"] = *finish;
    }
    out.records.push_back(std::move(r));
    ++position;
  }
  if (out.records.empty()) return detail::fail("outputs", "no outputs");
  return out;
}

/// An SGLang generate result: {"text": "...", "meta_info": {"id", "finish_reason", ...}}.
[[nodiscard]] inline adapt_result adapt_sglang(const json& line) {
  const json* text = line.find("text");
  if (text == nullptr || !text->is_string()) return detail::fail("text", "missing string 'text'");
  record r;
  detail::take_common(line, r, {"text", "meta_info", "index"});
  if (r.id.is_null()) {
    if (const auto* id = detail::path(line, {"meta_info", "id"}); id != nullptr && (id->is_string() || id->is_integer())) {
      r.id = *id;
    }
  }
  if (const auto* i = line.find("index"); i != nullptr && i->as_int()) r.sample = *i->as_int();
  if (const auto* s = line.find("sample"); s != nullptr && s->as_int()) r.sample = *s->as_int();
  if (const auto* finish = detail::path(line, {"meta_info", "finish_reason", "type"}); finish != nullptr && finish->is_string()) {
    r.extra["finish_reason"] = *finish;
  }
  r.response = *text->if_string();
  adapt_result out;
  out.records.push_back(std::move(r));
  return out;
}

/// An lm-evaluation-harness sample log line. The task comes from the file name
/// (samples_<task>_<timestamp>.jsonl, mapped onto a benchmark by lm_eval_tasks.hpp) and the
/// model from its folder in lm-eval's layout, unless the line names them. The gold is the
/// `doc` (all its members) plus `target` as "answer". Generation tasks yield one record per
/// repeat; log-likelihood tasks yield one record whose `choice_logprobs` holds the
/// per-choice log-probabilities.
[[nodiscard]] inline adapt_result adapt_lm_eval(const json& line, const adapt_context& context) {
  const json* doc_id = line.find("doc_id");
  if (doc_id == nullptr || !(doc_id->is_integer() || doc_id->is_string())) return detail::fail("doc_id", "missing doc_id");
  const json* resps = line.find("resps");
  if (resps == nullptr || !resps->is_array() || resps->size() == 0) return detail::fail("resps", "missing array 'resps'");

  const auto& requests = *resps->if_array();
  // Log-likelihood tasks: one request per choice, each answered by [logprob, is_greedy].
  // lm-eval >= 0.4.3 writes both as strings (sanitize_list: ["-12.5", "False"]); the
  // log-probability is kept as written, for the scorer to read.
  const auto is_loglik_answer = [](const json& a) {
    const auto* pair = a.if_array();
    if (pair == nullptr || pair->size() != 2) return false;
    if ((*pair)[0].is_number()) return true;
    const auto* greedy = (*pair)[1].if_string();
    return (*pair)[0].is_string() && greedy != nullptr && (*greedy == "True" || *greedy == "False");
  };
  const json* first = requests[0].if_array() && requests[0].size() > 0 ? &(*requests[0].if_array())[0] : nullptr;
  const bool loglik = first != nullptr && is_loglik_answer(*first);

  record base;
  base.id = *doc_id;
  base.benchmark = benchmark_from_lm_eval_task(detail::lm_eval_task_from_filename(context.source), loglik);
  base.model = detail::lm_eval_model_from_path(context.source);
  detail::take_common(line, base, {"doc_id", "doc", "target", "arguments", "resps", "filtered_resps", "filter",
                                   "metrics", "doc_hash", "prompt_hash", "target_hash"});
  if (base.reference.is_null()) {
    base.reference = json::object();
    if (const auto* doc = line.find("doc"); doc != nullptr && doc->is_object()) base.reference = *doc;
    if (const auto* target = line.find("target"); target != nullptr && !target->is_null() && !base.reference.contains("answer")) {
      base.reference["answer"] = *target;
    }
  }

  adapt_result out;
  if (loglik) {
    record r = base;
    json logprobs = json::array();
    for (std::size_t i = 0; i < requests.size(); ++i) {
      const auto* answers = requests[i].if_array();
      if (answers == nullptr || answers->empty() || !is_loglik_answer((*answers)[0])) {
        return detail::fail("resps[" + std::to_string(i) + "]", "expected [logprob, is_greedy]");
      }
      logprobs.push_back((*(*answers)[0].if_array())[0]);
    }
    r.extra["choice_logprobs"] = std::move(logprobs);
    out.records.push_back(std::move(r));
    return out;
  }
  const auto* repeats = requests[0].if_array();
  if (repeats == nullptr) {
    if (!requests[0].is_string()) return detail::fail("resps[0]", "expected a list of generations");
    record r = base;
    r.response = *requests[0].if_string();
    out.records.push_back(std::move(r));
    return out;
  }
  for (std::size_t k = 0; k < repeats->size(); ++k) {
    const json& generation = (*repeats)[k];
    if (!generation.is_string()) return detail::fail("resps[0][" + std::to_string(k) + "]", "expected a string");
    record r = base;
    r.sample = static_cast<std::int64_t>(k);
    r.response = *generation.if_string();
    out.records.push_back(std::move(r));
  }
  if (out.records.empty()) return detail::fail("resps[0]", "no generations");
  return out;
}

/// Maps one parsed line onto records with the given (or detected) format.
[[nodiscard]] inline adapt_result adapt(json line, input_format format, const adapt_context& context) {
  if (!line.is_object()) return detail::fail("", "a line must hold a JSON object");
  if (format == input_format::automatic) format = detect_format(line);
  switch (format) {
    case input_format::openai: return adapt_openai(line, line, "", context);
    case input_format::openai_batch: return adapt_openai_batch(line, context);
    case input_format::vllm: return adapt_vllm(line);
    case input_format::sglang: return adapt_sglang(line);
    case input_format::lm_eval: return adapt_lm_eval(line, context);
    case input_format::canonical:
    case input_format::automatic: break;
  }
  return adapt_canonical(std::move(line));
}

}  // namespace io
TRANSFERSCORE_END_NAMESPACE
