// The extension module transferscore._core. The package transferscore (python/transferscore)
// wraps it; nothing here is meant to be called directly.

#include "bindings.hpp"
#include "errors.hpp"

#include <transferscore/transferscore.hpp>

PYBIND11_MODULE(_core, m) {
  m.doc() = "transferscore's C++ core; use the package transferscore.";
  transferscore_python::register_exceptions(m);
  transferscore_python::bind_scoring(m);
  transferscore_python::bind_math(m);
  transferscore_python::bind_aggregate(m);
  transferscore_python::bind_shards(m);
  m.attr("__version__") = TRANSFERSCORE_VERSION_STRING;
  pybind11::list statuses;
  for (auto name : transferscore::status_names) statuses.append(std::string(name));
  m.attr("status_names") = statuses;
}
