#pragma once
// The options of `transferscore score`, as Python passes them (a dict of keyword arguments),
// turned into pipeline options by the CLI's own rules and with its messages.

#include <transferscore/transferscore.hpp>

#include <pybind11/pybind11.h>

#include <cstddef>
#include <map>
#include <memory>
#include <string>

namespace transferscore_python {

namespace py = pybind11;

struct score_config {
  std::string scorer;     // --scorer
  std::string benchmark;  // --benchmark
  std::string mode = "reference";
  std::string format = "auto";
  // The trace options: empty is not given (paper mode then applies the study's own handling).
  std::string trace, unterminated, think_open, think_close;
  std::string punkt_dir;
  std::string dataset;
  std::string join_key = "id";
  std::string dataset_id = "id";
  std::string source = "<python>";  // the file name verdicts of records from Python name
  std::map<std::string, std::string, std::less<>> settings;  // --set KEY=VALUE
  std::size_t threads = 1;
  std::size_t max_line_bytes = transferscore::io::line_reader::default_max_line_bytes;
};

/// Reads the keyword arguments; an unknown key or a value of the wrong type is a TypeError.
[[nodiscard]] score_config config_from(const py::dict& kwargs);

/// The pipeline options the CLI builds from the same options (usage errors as the CLI's).
/// `dataset` receives the loaded --dataset index, which the options point to.
[[nodiscard]] transferscore::pipeline_options pipeline_options_of(const score_config& config,
                                                                  std::unique_ptr<transferscore::io::dataset_index>& dataset);

}  // namespace transferscore_python
