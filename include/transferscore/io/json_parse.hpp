#pragma once
// Turns text into an owned json value with simdjson. Errors are values
// (parse_error with a path and a message), never exceptions: a bad line must become an
// error verdict, not abort the run.

#include <transferscore/config.hpp>
#include <transferscore/core/json.hpp>

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace io {

/// Nesting deeper than this is refused; simdjson's own limit is 1024, and converting a
/// value recursively deeper than this would only waste stack on hostile input.
inline constexpr std::size_t max_json_depth = 256;

struct json_error {
  std::string path;     ///< where the problem is ("reference.kwargs[2]"), empty for the whole line
  std::string message;  ///< what is wrong
  [[nodiscard]] explicit operator bool() const noexcept { return !message.empty(); }
};

namespace detail {

[[nodiscard]] inline std::string describe(simdjson::error_code code) {
  switch (code) {
    case simdjson::UTF8_ERROR: return "invalid UTF-8";
    case simdjson::TAPE_ERROR: return "invalid JSON structure";
    case simdjson::DEPTH_ERROR: return "JSON nested too deeply";
    case simdjson::STRING_ERROR: return "invalid string (bad escape or unescaped control character)";
    case simdjson::UNCLOSED_STRING: return "unterminated string (truncated line?)";
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR: return "invalid literal";
    case simdjson::NUMBER_ERROR: return "invalid number (or an integer beyond 64 bits)";
    case simdjson::EMPTY: return "empty document";
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT: return "unclosed array or object (truncated line?)";
    case simdjson::TRAILING_CONTENT: return "content after the JSON value";
    default: return simdjson::error_message(code);
  }
}

inline void append_index(std::string& path, std::size_t index) {
  path += '[';
  path += std::to_string(index);
  path += ']';
}

inline void append_key(std::string& path, std::string_view key) {
  if (!path.empty()) path += '.';
  path += key;
}

[[nodiscard]] inline json_error convert(simdjson::dom::element element, json& out, std::size_t depth, std::string& path) {
  using namespace simdjson;
  // A literal message: GCC 12 at -O3 flags the concatenation falsely (-Warray-bounds).
  static_assert(max_json_depth == 256, "update the message below");
  if (depth > max_json_depth) return {path, "JSON nested deeper than 256 levels"};
  switch (element.type()) {
    case dom::element_type::OBJECT: {
      dom::object object;
      if (auto ec = element.get_object().get(object)) return {path, describe(ec)};
      json::object_t members;
      members.reserve(object.size());
      for (auto field : object) {
        const std::size_t mark = path.size();
        append_key(path, field.key);
        json member;
        if (auto err = convert(field.value, member, depth + 1, path)) return err;
        path.resize(mark);
        members.emplace_back(std::string(field.key), std::move(member));
      }
      out = json(std::move(members));
      return {};
    }
    case dom::element_type::ARRAY: {
      dom::array array;
      if (auto ec = element.get_array().get(array)) return {path, describe(ec)};
      json::array_t items;
      items.reserve(array.size());
      std::size_t index = 0;
      for (auto item_element : array) {
        const std::size_t mark = path.size();
        append_index(path, index++);
        json item;
        if (auto err = convert(item_element, item, depth + 1, path)) return err;
        path.resize(mark);
        items.push_back(std::move(item));
      }
      out = json(std::move(items));
      return {};
    }
    case dom::element_type::STRING: {
      std::string_view text;
      if (auto ec = element.get_string().get(text)) return {path, describe(ec)};
      out = json(std::string(text));
      return {};
    }
    case dom::element_type::INT64: out = json(std::int64_t(element)); return {};
    case dom::element_type::UINT64: out = json(static_cast<double>(std::uint64_t(element))); return {};
    case dom::element_type::DOUBLE: out = json(double(element)); return {};
    case dom::element_type::BOOL: out = json(bool(element)); return {};
    case dom::element_type::NULL_VALUE: out = json(); return {};
  }
  return {path, "unknown JSON type"};
}

}  // namespace detail

/// Parses one JSON document with simdjson's DOM parser, which picks the fastest kernel
/// for the CPU at run time (the header-only On-Demand API would use whatever the
/// compiler flags allow, often the scalar fallback). `text` must be followed by at least
/// SIMDJSON_PADDING readable bytes (`capacity` counts them); use the std::string_view
/// overload when it is not.
[[nodiscard]] inline json_error parse_json(simdjson::dom::parser& parser, const char* text, std::size_t length,
                                           std::size_t capacity, json& out) {
  simdjson::dom::element root;
  const bool padded = capacity >= length + simdjson::SIMDJSON_PADDING;
  if (auto ec = parser.parse(text, length, !padded).get(root)) return {"", detail::describe(ec)};
  std::string path;
  return detail::convert(root, out, 0, path);
}

/// Convenience overload that copies `text` into a padded buffer.
[[nodiscard]] inline json_error parse_json(std::string_view text, json& out) {
  simdjson::dom::parser parser;
  return parse_json(parser, text.data(), text.size(), 0, out);
}

}  // namespace io
TRANSFERSCORE_END_NAMESPACE
