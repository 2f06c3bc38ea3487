#include "convert.hpp"

#include <Python.h>

#include <stdexcept>

namespace transferscore_python {

namespace {

namespace ts = transferscore;

[[noreturn]] void raise_type_error(const std::string& where, py::handle value) {
  const std::string type_name = py::str(py::type::handle_of(value).attr("__name__"));
  throw py::type_error(where + ": a value of type " + type_name + " has no JSON form (use dict, list, str, int, float, bool or None)");
}

void append_utf8(py::handle text, std::string& out, const std::string& where, bool quoted) {
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(text.ptr(), &size);
  if (data == nullptr) {
    PyErr_Clear();
    throw py::value_error(where + ": the text is not valid Unicode (a lone surrogate?)");
  }
  if (quoted) {
    ts::detail::append_json_string(out, std::string_view(data, static_cast<std::size_t>(size)));
  } else {
    out.append(data, static_cast<std::size_t>(size));
  }
}

// A float as json.dumps writes it: repr() for finite values, NaN and +-Infinity otherwise
// (which the pipeline then reports as invalid JSON, as the CLI would).
void append_float(py::handle value, std::string& out) {
  const double d = PyFloat_AsDouble(value.ptr());
  if (d != d) {
    out.append("NaN");
  } else if (d == std::numeric_limits<double>::infinity()) {
    out.append("Infinity");
  } else if (d == -std::numeric_limits<double>::infinity()) {
    out.append("-Infinity");
  } else {
    const py::str text = py::reinterpret_steal<py::str>(PyObject_Repr(value.ptr()));
    if (!text) throw py::error_already_set();
    append_utf8(text, out, "float", false);
  }
}

void append_int(py::handle value, std::string& out) {
  int overflow = 0;
  const long long v = PyLong_AsLongLongAndOverflow(value.ptr(), &overflow);
  if (overflow == 0) {
    if (v == -1 && PyErr_Occurred()) throw py::error_already_set();
    ts::detail::append_json_number(out, static_cast<std::int64_t>(v));
    return;
  }
  // Beyond 64 bits: the digits, as json.dumps writes them (the pipeline decides what they mean).
  const py::str text = py::reinterpret_steal<py::str>(PyObject_Str(value.ptr()));
  if (!text) throw py::error_already_set();
  append_utf8(text, out, "int", false);
}

// A dict key as json.dumps converts it.
void append_key(py::handle key, std::string& out, const std::string& where) {
  if (PyUnicode_Check(key.ptr())) {
    append_utf8(key, out, where, true);
  } else if (key.ptr() == Py_True || key.ptr() == Py_False) {
    out.append(key.ptr() == Py_True ? "\"true\"" : "\"false\"");
  } else if (key.is_none()) {
    out.append("\"null\"");
  } else if (PyLong_Check(key.ptr()) || PyFloat_Check(key.ptr())) {
    std::string text;
    if (PyLong_Check(key.ptr())) {
      append_int(key, text);
    } else {
      append_float(key, text);
    }
    ts::detail::append_json_string(out, text);
  } else {
    const std::string type_name = py::str(py::type::handle_of(key).attr("__name__"));
    throw py::type_error(where + ": a dict key must be a str, int, float, bool or None, not " + type_name);
  }
}

void append_value(py::handle value, std::string& out, std::string& where, int depth) {
  if (depth > max_python_depth) {
    throw py::value_error(where + ": nested deeper than " + std::to_string(max_python_depth) + " levels (or a container holds itself)");
  }
  PyObject* p = value.ptr();
  if (p == Py_None) {
    out.append("null");
  } else if (p == Py_True) {
    out.append("true");
  } else if (p == Py_False) {
    out.append("false");
  } else if (PyUnicode_Check(p)) {
    append_utf8(value, out, where, true);
  } else if (PyLong_Check(p)) {
    append_int(value, out);
  } else if (PyFloat_Check(p)) {
    append_float(value, out);
  } else if (PyDict_Check(p)) {
    out.push_back('{');
    PyObject* key = nullptr;
    PyObject* item = nullptr;
    Py_ssize_t pos = 0;
    bool first = true;
    const std::size_t mark = where.size();
    while (PyDict_Next(p, &pos, &key, &item)) {
      if (!first) out.push_back(',');
      first = false;
      append_key(key, out, where);
      out.push_back(':');
      where.push_back('.');
      if (PyUnicode_Check(key)) {
        Py_ssize_t n = 0;
        const char* k = PyUnicode_AsUTF8AndSize(key, &n);
        if (k != nullptr) where.append(k, static_cast<std::size_t>(std::min<Py_ssize_t>(n, 64)));
      } else {
        where.append("<key>");
      }
      // PyDict_Next's references are borrowed; hold them while converting, since a
      // value's conversion may run Python code (repr of a float subclass, tolist()).
      const py::object held_key = py::reinterpret_borrow<py::object>(key);
      const py::object held_item = py::reinterpret_borrow<py::object>(item);
      append_value(held_item, out, where, depth + 1);
      where.resize(mark);
    }
    out.push_back('}');
  } else if (PyList_Check(p) || PyTuple_Check(p)) {
    out.push_back('[');
    const py::sequence items = py::reinterpret_borrow<py::sequence>(value);
    const std::size_t mark = where.size();
    const std::size_t n = items.size();
    for (std::size_t i = 0; i < n; ++i) {
      if (i > 0) out.push_back(',');
      where.append(indexed("", i));
      append_value(items[i], out, where, depth + 1);
      where.resize(mark);
    }
    out.push_back(']');
  } else if (py::hasattr(value, "tolist") && !PyType_Check(p)) {
    // numpy arrays and scalars (what verl and datasets hand over) as the lists and numbers they hold.
    const py::object plain = value.attr("tolist")();
    if (plain.ptr() == p) raise_type_error(where, value);
    append_value(plain, out, where, depth + 1);
  } else {
    raise_type_error(where, value);
  }
}

}  // namespace

void append_python_json(py::handle value, std::string& out, std::string& where) { append_value(value, out, where, 0); }

std::string padded_json_text(py::handle value, std::string where) {
  std::string out;
  append_value(value, out, where, 0);
  out.append(simdjson::SIMDJSON_PADDING, ' ');
  return out;
}

py::str utf8_str(std::string_view text) {
  PyObject* s = PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "replace");
  if (s == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(s);
}

py::object to_python(const ts::json& value) {
  switch (value.type()) {
    case ts::json::kind::null: return py::none();
    case ts::json::kind::boolean: return py::bool_(*value.as_bool());
    case ts::json::kind::integer: return py::int_(static_cast<long long>(*value.as_int()));
    case ts::json::kind::real: return py::float_(*value.as_double());
    case ts::json::kind::string: return utf8_str(*value.if_string());
    case ts::json::kind::array: {
      const auto& items = *value.if_array();
      py::list out(items.size());
      for (std::size_t i = 0; i < items.size(); ++i) out[i] = to_python(items[i]);
      return out;
    }
    case ts::json::kind::object: {
      py::dict out;
      for (const auto& [k, v] : *value.if_object()) out[utf8_str(k)] = to_python(v);
      return out;
    }
  }
  return py::none();
}

void parse_json_lines(std::string_view text, simdjson::dom::parser& parser, std::vector<ts::json>& out) {
  std::string padded;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (line.empty()) continue;
    padded.assign(line);
    padded.append(simdjson::SIMDJSON_PADDING, ' ');
    ts::json value;
    if (auto err = ts::io::parse_json(parser, padded.data(), line.size(), padded.size(), value)) {
      throw std::runtime_error("transferscore wrote a line that is not JSON (" + err.message + "): a bug, please report it");
    }
    out.push_back(std::move(value));
  }
}

py::object parse_to_python(std::string_view text) {
  simdjson::dom::parser parser;
  std::vector<ts::json> values;
  parse_json_lines(text, parser, values);
  if (values.size() != 1) throw std::runtime_error("expected one JSON document");
  return to_python(values.front());
}

std::string str_argument(py::handle value, std::string_view name) {
  if (!PyUnicode_Check(value.ptr())) {
    const std::string type_name = py::str(py::type::handle_of(value).attr("__name__"));
    throw py::type_error(std::string(name) + " must be a str, not " + type_name);
  }
  std::string out;
  append_utf8(value, out, std::string(name), false);
  return out;
}

}  // namespace transferscore_python
