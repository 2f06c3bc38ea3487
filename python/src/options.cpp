#include "options.hpp"

#include "args.hpp"  // cli::choose, cli::usage_error: the CLI's checks and messages
#include "trace_options.hpp"
#include "convert.hpp"

namespace transferscore_python {

namespace ts = transferscore;

namespace {

std::size_t size_argument(py::handle value, const std::string& name) {
  if (!PyLong_Check(value.ptr()) || PyBool_Check(value.ptr())) {
    throw py::type_error(name + " must be an int, not " + std::string(py::str(py::type::handle_of(value).attr("__name__"))));
  }
  int overflow = 0;
  const long long v = PyLong_AsLongLongAndOverflow(value.ptr(), &overflow);
  if (overflow != 0 || v < 0) {
    // The CLI's wording for a count it cannot read.
    throw cli::usage_error("option --" + name + " needs a non-negative integer, not '" + std::string(py::str(value)) + "'");
  }
  return static_cast<std::size_t>(v);
}

}  // namespace

score_config config_from(const py::dict& kwargs) {
  score_config c;
  const std::pair<const char*, std::string score_config::*> text_options[] = {
      {"scorer", &score_config::scorer},         {"benchmark", &score_config::benchmark},
      {"mode", &score_config::mode},             {"format", &score_config::format},
      {"trace", &score_config::trace},           {"unterminated", &score_config::unterminated},
      {"think_open", &score_config::think_open}, {"think_close", &score_config::think_close},
      {"punkt_dir", &score_config::punkt_dir},   {"dataset", &score_config::dataset},
      {"join_key", &score_config::join_key},     {"dataset_id", &score_config::dataset_id},
      {"source", &score_config::source},
  };
  for (const auto& [key, value] : kwargs) {
    const std::string name = str_argument(key, "an option name");
    if (value.is_none()) continue;  // None: the default
    bool known = false;
    for (const auto& [option, member] : text_options) {
      if (name == option) {
        c.*member = str_argument(value, name);
        known = true;
      }
    }
    if (known) continue;
    if (name == "threads") {
      c.threads = size_argument(value, "threads");
    } else if (name == "max_line_bytes") {
      c.max_line_bytes = size_argument(value, "max-line-bytes");
    } else if (name == "settings") {
      if (!PyDict_Check(value.ptr())) throw py::type_error("settings must be a dict of str to str");
      for (const auto& [k, v] : py::reinterpret_borrow<py::dict>(value)) {
        const std::string setting = str_argument(k, "a setting name");
        if (setting.empty()) throw cli::usage_error("--set needs KEY=VALUE, not '='");
        c.settings[setting] = str_argument(v, "setting " + setting);
      }
    } else {
      throw py::type_error("unexpected option '" + name + "'");
    }
  }
  return c;
}

ts::pipeline_options pipeline_options_of(const score_config& c, std::unique_ptr<ts::io::dataset_index>& dataset) {
  // The same checks, in the same order, as score_command.
  ts::pipeline_options options;
  options.scorer = c.scorer;
  options.benchmark = c.benchmark;
  (void)cli::choose("--mode", c.mode, {"reference", "paper"});
  options.scoring.mode = c.mode;
  auto fmt = ts::io::input_format_from_string(c.format);
  if (!fmt) throw cli::usage_error("unknown --format '" + c.format + "'");
  options.format = *fmt;
  options.threads = c.threads;
  if (options.threads == 0) throw cli::usage_error("--threads must be at least 1");
  options.max_line_bytes = c.max_line_bytes;
  for (const auto& [k, v] : c.settings) options.scoring.settings[k] = v;
  if (!c.punkt_dir.empty()) options.scoring.settings["punkt_dir"] = c.punkt_dir;
  cli::apply_trace_options({c.trace, c.unterminated, c.think_open, c.think_close}, options);
  if (!c.dataset.empty()) {
    dataset = std::make_unique<ts::io::dataset_index>(ts::io::dataset_index::load(c.dataset, c.join_key, c.dataset_id));
    options.dataset = dataset.get();
  }
  return options;
}

}  // namespace transferscore_python
