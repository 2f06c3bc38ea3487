#include "errors.hpp"

#include "args.hpp"  // cli::usage_error, so that option errors read as the CLI's

#include <transferscore/transferscore.hpp>

#include <Python.h>

#include <exception>

namespace transferscore_python {

namespace {

// Owned for the life of the interpreter, like every exception type a module defines.
PyObject* error_type = nullptr;
PyObject* usage_error_type = nullptr;
PyObject* config_error_type = nullptr;
PyObject* input_error_type = nullptr;

PyObject* new_exception(py::module_& m, const char* name, PyObject* bases, const char* doc) {
  const std::string qualified = std::string("transferscore.") + name;
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases, nullptr);
  if (type == nullptr) throw py::error_already_set();
  m.add_object(name, py::handle(type));  // add_object takes a new reference
  return type;
}

}  // namespace

void register_exceptions(py::module_& m) {
  error_type = new_exception(m, "Error", PyExc_Exception, "Base of the exceptions transferscore raises.");
  const py::tuple value_bases = py::make_tuple(py::handle(error_type), py::handle(PyExc_ValueError));
  const py::tuple os_bases = py::make_tuple(py::handle(error_type), py::handle(PyExc_OSError));
  usage_error_type = new_exception(m, "UsageError", value_bases.ptr(),
                                   "A bad option value; the CLI reports it with the usage hint and exit code 2.");
  config_error_type = new_exception(m, "ConfigError", value_bases.ptr(),
                                    "A scorer family or setting the registry rejects; the CLI's exit code 2.");
  input_error_type = new_exception(m, "InputError", os_bases.ptr(),
                                   "An input that cannot be read or used (file:line: field: problem); the CLI's exit code 1.");

  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const cli::usage_error& e) {
      PyErr_SetString(usage_error_type, e.what());
    } catch (const transferscore::config_error& e) {
      PyErr_SetString(config_error_type, e.what());
    } catch (const transferscore::io_error& e) {
      PyErr_SetString(input_error_type, e.what());
    } catch (const transferscore::error& e) {
      PyErr_SetString(error_type, e.what());
    }
  });
}

}  // namespace transferscore_python
