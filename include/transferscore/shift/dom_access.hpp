#pragma once
// Typed access to a simdjson DOM with errors that name the file, line and field. The token
// readers work on simdjson's DOM directly, without building an owned json value: a logprob
// dump is mostly numbers, and copying them would cost more than parsing them.

#include <transferscore/config.hpp>
#include <transferscore/shift/scored_tokens.hpp>

#include <simdjson.h>

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace shift {
namespace detail {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

/// Where a value came from, for messages.
struct where {
  std::string_view file;
  std::uint64_t line = 0;
  [[noreturn]] void fail(std::string_view field, std::string_view problem) const {
    TRANSFERSCORE_THROW(located_error(file, line, field, problem));
  }
};

/// "name[index]" and "name[index].member", built only when a message needs them.
[[nodiscard]] inline std::string indexed(std::string_view name, std::size_t index, std::string_view member = {}) {
  std::string out(name);
  out += '[';
  out += std::to_string(index);
  out += ']';
  if (!member.empty()) {
    out += '.';
    out += member;
  }
  return out;
}

[[nodiscard]] inline std::optional<element> member(const element& e, std::string_view key) noexcept {
  object o;
  if (e.get_object().get(o)) return std::nullopt;
  element v;
  if (o.at_key(key).get(v)) return std::nullopt;
  return v;
}

[[nodiscard]] inline bool is_null(const element& e) noexcept { return e.type() == simdjson::dom::element_type::NULL_VALUE; }

[[nodiscard]] inline array as_array(const element& e, const where& w, std::string_view field) {
  array a;
  if (e.get_array().get(a)) w.fail(field, "expected an array");
  return a;
}

[[nodiscard]] inline object as_object(const element& e, const where& w, std::string_view field) {
  object o;
  if (e.get_object().get(o)) w.fail(field, "expected an object");
  return o;
}

[[nodiscard]] inline std::string_view as_string(const element& e, const where& w, std::string_view field) {
  std::string_view s;
  if (e.get_string().get(s)) w.fail(field, "expected a string");
  return s;
}

/// A finite number (integers count).
[[nodiscard]] inline double as_number(const element& e, const where& w, std::string_view field) {
  double v = 0.0;
  if (e.get_double().get(v)) w.fail(field, "expected a number");
  return v;
}

[[nodiscard]] inline std::int64_t as_integer(const element& e, const where& w, std::string_view field) {
  std::int64_t v = 0;
  if (e.get_int64().get(v)) {
    double d = 0.0;  // 3.0 is an integer too
    if (e.get_double().get(d) || !(d == static_cast<double>(static_cast<std::int64_t>(d)))) w.fail(field, "expected an integer");
    v = static_cast<std::int64_t>(d);
  }
  return v;
}

/// A token id written as an object key ("1234"), or -1 when the key is not an integer.
[[nodiscard]] inline std::int64_t id_from_key(std::string_view key) noexcept {
  std::int64_t v = -1;
  auto [p, ec] = std::from_chars(key.data(), key.data() + key.size(), v);
  if (ec != std::errc{} || p != key.data() + key.size()) return -1;
  return v;
}

/// The JSON text of an id (a string or an integer): "17" and 17 are different ids.
inline void append_id(std::string& out, const element& e, const where& w, std::string_view field) {
  std::string_view s;
  if (!e.get_string().get(s)) {
    out += '"';
    out += s;  // the key only has to tell ids apart; quotes inside are harmless
    out += '"';
    return;
  }
  std::int64_t i = 0;
  if (!e.get_int64().get(i)) {
    out += std::to_string(i);
    return;
  }
  w.fail(field, "expected a string or an integer");
}

/// Number of Unicode code points in UTF-8 text (what Python's len() counts; the text offsets
/// of OpenAI and vLLM are in these units).
[[nodiscard]] inline std::size_t code_points(std::string_view text) noexcept {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

}  // namespace detail
}  // namespace shift
TRANSFERSCORE_END_NAMESPACE
