#pragma once
// The exceptions Python sees. Every failure the CLI reports with a message (and an exit code)
// becomes an exception with the same message:
//
//   transferscore.UsageError   (ValueError)  a bad option value: the CLI's exit code 2 with the usage hint
//   transferscore.ConfigError  (ValueError)  a scorer configured wrongly: exit code 2
//   transferscore.InputError   (OSError)     an input that cannot be read or used: exit code 1
//   transferscore.Error                      the base of all three

#include <pybind11/pybind11.h>

namespace transferscore_python {

namespace py = pybind11;

/// Creates the exception types in `m` and translates the library's exceptions into them.
void register_exceptions(py::module_& m);

}  // namespace transferscore_python
