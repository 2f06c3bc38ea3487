#pragma once
// One JSONL line of token log-probabilities in, the responses it holds out (several for
// multi-sample vLLM outputs and OpenAI choices). The shape is the one named, or decided per
// line from the members present.

#include <transferscore/config.hpp>
#include <transferscore/shift/dom_access.hpp>
#include <transferscore/shift/read_canonical.hpp>
#include <transferscore/shift/read_openai.hpp>
#include <transferscore/shift/read_vllm.hpp>
#include <transferscore/shift/record_meta.hpp>
#include <transferscore/shift/scored_tokens.hpp>

#include <array>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace shift {

enum class token_shape : unsigned char { automatic, canonical, vllm, openai };

inline constexpr std::array<std::pair<std::string_view, token_shape>, 4> token_shape_names{{
    {"auto", token_shape::automatic},
    {"canonical", token_shape::canonical},
    {"vllm", token_shape::vllm},
    {"openai", token_shape::openai},
}};

[[nodiscard]] inline std::string_view to_string(token_shape s) noexcept {
  for (const auto& [name, value] : token_shape_names) {
    if (value == s) return name;
  }
  return "auto";
}

struct token_read_options {
  token_shape shape = token_shape::automatic;
  /// vLLM maps: take the first entry whatever token it is (the study's script); otherwise the
  /// entry of the scored token's id when the ids are known.
  bool first_entry = false;
};

/// The shape of one line, from the members it has.
[[nodiscard]] inline token_shape detect_token_shape(const simdjson::dom::element& root) {
  using detail::member;
  if (auto lp = member(root, "logprobs"); lp && lp->is_array()) return token_shape::canonical;
  if (member(root, "prompt_logprobs") || member(root, "outputs")) return token_shape::vllm;
  if (auto choices = member(root, "choices")) {
    simdjson::dom::array a;
    simdjson::dom::element first;
    if (!choices->get_array().get(a) && !a.at(0).get(first) && member(first, "prompt_logprobs")) return token_shape::vllm;
    return token_shape::openai;
  }
  if (member(root, "custom_id") && member(root, "response")) return token_shape::openai;
  return token_shape::automatic;
}

/// Reads the responses of one parsed line into out[0..n) and returns n (at least 1). Throws
/// located_error naming `file`, `line` and the field.
inline std::size_t read_token_line(const simdjson::dom::element& root, const token_read_options& options, std::string_view file,
                                   std::uint64_t line, std::vector<scored_tokens>& out, record_meta& meta) {
  const detail::where w{file, line};
  if (!root.is_object()) w.fail("", "a line must be a JSON object");
  token_shape shape = options.shape == token_shape::automatic ? detect_token_shape(root) : options.shape;
  if (shape == token_shape::automatic) {
    w.fail("", "cannot tell the shape: expected logprobs (canonical), prompt_logprobs or outputs (vLLM), or choices (OpenAI)");
  }
  detail::read_meta(root, w, meta, shape == token_shape::openai && detail::member(root, "object").has_value());
  switch (shape) {
    case token_shape::canonical:
      if (out.empty()) out.emplace_back();
      detail::read_canonical(root, meta, w, out[0]);
      return 1;
    case token_shape::vllm: return detail::read_vllm(root, meta, options.first_entry, w, out);
    case token_shape::openai: return detail::read_openai(root, meta, w, out);
    case token_shape::automatic: break;
  }
  return 0;
}

}  // namespace shift
TRANSFERSCORE_END_NAMESPACE
