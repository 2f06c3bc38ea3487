#pragma once
// The members users put beside backend output (id, model, benchmark, sample) and where the
// response starts in the scored tokens: `prompt_length` (the number of leading positions that
// are the prompt) or `response_offset` (the text offset where the response starts, in Unicode
// code points as OpenAI's and vLLM's `text_offset` count; a token starting before it is prompt).

#include <transferscore/config.hpp>
#include <transferscore/shift/dom_access.hpp>

#include <cstdint>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace shift {

struct record_meta {
  std::string id;  ///< the id's JSON text; empty when the record has none
  std::string_view model;
  std::string_view benchmark;
  std::int64_t prompt_length = -1;    ///< -1: not given
  std::int64_t response_offset = -1;  ///< -1: not given

  void clear() {
    id.clear();
    model = {};
    benchmark = {};
    prompt_length = -1;
    response_offset = -1;
  }
};

namespace detail {

/// Reads the wrapper members of `root`. `api_object`: root is an API response object (it has
/// "object"), whose own "id" names the request, not the item (the item id is then
/// metadata.id or a Batch custom_id, as the generation adapters read it).
inline void read_meta(const element& root, const where& w, record_meta& m, bool api_object) {
  m.clear();
  if (!api_object) {
    if (auto id = member(root, "id")) append_id(m.id, *id, w, "id");
  }
  if (m.id.empty()) {
    if (auto meta = member(root, "metadata")) {
      if (auto id = member(*meta, "id")) append_id(m.id, *id, w, "metadata.id");
    }
  }
  if (auto cid = member(root, "custom_id")) {
    m.id.clear();
    append_id(m.id, *cid, w, "custom_id");
  }
  if (auto v = member(root, "model"); v && !is_null(*v)) m.model = as_string(*v, w, "model");
  if (auto v = member(root, "benchmark"); v && !is_null(*v)) m.benchmark = as_string(*v, w, "benchmark");
  if (auto v = member(root, "prompt_length"); v && !is_null(*v)) {
    m.prompt_length = as_integer(*v, w, "prompt_length");
    if (m.prompt_length < 0) w.fail("prompt_length", "must be >= 0");
  }
  if (auto v = member(root, "response_offset"); v && !is_null(*v)) {
    m.response_offset = as_integer(*v, w, "response_offset");
    if (m.response_offset < 0) w.fail("response_offset", "must be >= 0");
  }
  if (m.prompt_length >= 0 && m.response_offset >= 0) {
    w.fail("response_offset", "give prompt_length or response_offset, not both");
  }
}

/// Decides, position by position, what is prompt.
class prompt_cut {
 public:
  explicit prompt_cut(const record_meta& m) noexcept : length_(m.prompt_length), offset_(m.response_offset) {}
  [[nodiscard]] bool by_offset() const noexcept { return offset_ >= 0; }
  /// `text_offset`: where the token starts in the text (only read when cutting by offset).
  [[nodiscard]] bool is_prompt(std::size_t position, std::int64_t text_offset) const noexcept {
    if (length_ >= 0) return static_cast<std::int64_t>(position) < length_;
    if (offset_ >= 0) return text_offset < offset_;
    return false;
  }

 private:
  std::int64_t length_;
  std::int64_t offset_;
};

/// Names one response: its id's JSON text (the match key), "#sample" appended for samples
/// after the first, and the wrapper's model, benchmark and line.
inline void name_response(scored_tokens& s, const record_meta& m, std::int64_t sample, std::uint64_t line) {
  s.key = m.id;
  if (sample != 0 && !m.id.empty()) {
    s.key += '#';
    s.key += std::to_string(sample);
  }
  s.sample = sample;
  s.model = m.model;
  s.benchmark = m.benchmark;
  s.line = line;
}

}  // namespace detail
}  // namespace shift
TRANSFERSCORE_END_NAMESPACE
