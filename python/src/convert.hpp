#pragma once
// Python values <-> JSON, for the binding. A record from Python is written as the JSON text
// json.dumps(record, ensure_ascii=False) would give and scored by the pipeline as the CLI scores
// that line, so score(record) is the verdict the CLI writes for it. Verdicts come back as the
// dicts json.loads would make of the CLI's output line.

#include <transferscore/transferscore.hpp>

#include <pybind11/pybind11.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace transferscore_python {

namespace py = pybind11;

/// Deeper nesting than this is refused with ValueError before any C++ recursion could
/// exhaust the stack; the pipeline refuses more than 256 levels itself, with an error verdict.
inline constexpr int max_python_depth = 1000;

/// Appends `value` as JSON text. `where` names the argument in messages ("records[3]");
/// raises TypeError for a value JSON cannot hold and ValueError for text that is not
/// Unicode or nesting beyond max_python_depth.
void append_python_json(py::handle value, std::string& out, std::string& where);

/// The JSON text of `value`, followed by simdjson's padding (the text is text.size() - padding bytes).
[[nodiscard]] std::string padded_json_text(py::handle value, std::string where);

/// A Python object (dict, list, str, int, float, bool, None) of a JSON value.
[[nodiscard]] py::object to_python(const transferscore::json& value);

/// Parses the JSON lines in `text` (the pipeline's own output) into values; needs no GIL.
/// Throws std::runtime_error for a line that is not JSON (a bug, never user input).
void parse_json_lines(std::string_view text, simdjson::dom::parser& parser, std::vector<transferscore::json>& out);

/// Parses one JSON document (a report) into a Python object; a failure raises RuntimeError.
[[nodiscard]] py::object parse_to_python(std::string_view text);

/// `name[index]`, for messages. (Built by appending: GCC 12 at -O3 warns falsely about
/// "[" + std::to_string(i), -Wrestrict.)
[[nodiscard]] inline std::string indexed(std::string_view name, std::size_t index) {
  std::string out(name);
  out.push_back('[');
  out.append(std::to_string(index));
  out.push_back(']');
  return out;
}

/// A Python str of UTF-8 bytes (invalid bytes are replaced, never a crash).
[[nodiscard]] py::str utf8_str(std::string_view text);

/// The UTF-8 text of a str argument; raises TypeError for anything else and ValueError
/// for a str with lone surrogates. `name` names the argument.
[[nodiscard]] std::string str_argument(py::handle value, std::string_view name);

}  // namespace transferscore_python
