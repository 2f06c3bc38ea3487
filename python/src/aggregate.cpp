// transferscore.aggregate, merge and transfer: the CLI's commands of the same names, on
// verdict or state files (or verdict dicts), with the CLI's option checks, messages and
// report writers, so that every number and every byte of a report is the CLI's.

#include "bindings.hpp"
#include "convert.hpp"

#include "aggregate_command.hpp"  // cli::aggregate_io: the options, input loading and reports the CLI shares

#include <transferscore/transferscore.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace transferscore_python {

namespace ts = transferscore;
namespace ag = transferscore::aggregate;

namespace {

cli::aggregate_io::policy_options policy_from(const py::dict& policy) {
  cli::aggregate_io::policy_options p;
  for (const auto& [key, value] : policy) {
    const std::string name = str_argument(key, "a policy option");
    if (value.is_none()) continue;
    std::string text = str_argument(value, name);
    if (name == "bootstrap") {
      p.bootstrap = std::move(text);
    } else if (name == "seed") {
      p.seed = std::move(text);
    } else if (name == "k") {
      p.k = std::move(text);
    } else if (name == "confidence") {
      p.confidence = std::move(text);
    } else if (name == "non_ok") {
      p.non_ok = std::move(text);
    } else if (name == "average") {
      p.average = std::move(text);
    } else if (name == "threads") {
      p.threads = std::move(text);
    } else {
      throw py::type_error("unexpected policy option '" + name + "'");
    }
  }
  return p;
}

std::vector<std::string> str_list(py::handle value, const std::string& name) {
  std::vector<std::string> out;
  if (value.is_none()) return out;
  if (!PyList_Check(value.ptr()) && !PyTuple_Check(value.ptr())) throw py::type_error(name + " must be a list of str");
  const auto seq = py::reinterpret_borrow<py::sequence>(value);
  for (std::size_t i = 0; i < seq.size(); ++i) out.push_back(str_argument(seq[i], indexed(name, i)));
  return out;
}

// Verdict dicts as padded JSON text (taken with the GIL; read without it).
std::vector<std::string> verdict_texts(py::handle verdicts) {
  std::vector<std::string> out;
  if (verdicts.is_none()) return out;
  if (!PyList_Check(verdicts.ptr()) && !PyTuple_Check(verdicts.ptr())) throw py::type_error("verdicts must be a list of dicts");
  const auto seq = py::reinterpret_borrow<py::sequence>(verdicts);
  for (std::size_t i = 0; i < seq.size(); ++i) {
    const std::string where = indexed("verdicts", i);
    if (!PyDict_Check(py::handle(seq[i]).ptr())) throw py::type_error(where + " must be a dict");
    out.push_back(padded_json_text(seq[i], where));
  }
  return out;
}

// What load_inputs does for files, for verdict dicts: each one read as a verdict line of a
// file named <python> (line = position + 1).
cli::aggregate_io::load_counts load_all(const std::vector<std::string>& paths, const std::vector<std::string>& texts,
                                        ag::accumulator_set& set) {
  cli::aggregate_io::load_counts counts = cli::aggregate_io::load_inputs(paths, set);
  if (texts.empty()) return counts;
  simdjson::dom::parser parser;
  ts::json parsed;
  std::string key;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const std::string& text = texts[i];
    if (auto err = ts::io::parse_json(parser, text.data(), text.size() - simdjson::SIMDJSON_PADDING, text.size(), parsed)) {
      throw ag::verdict_error("<python>", i + 1, err.path, "invalid JSON: " + err.message);
    }
    std::string_view model, benchmark;
    const ag::sample_view v = ag::view_verdict(parsed, "<python>", i + 1, key, model, benchmark);
    set.add_view(model, benchmark, v);
    ++counts.verdicts;
  }
  return counts;
}

// Writes the state of `set` into a string.
std::string state_text(const ag::accumulator_set& set) {
  char* buffer = nullptr;
  std::size_t size = 0;
  std::FILE* memory = ::open_memstream(&buffer, &size);
  if (memory == nullptr) throw std::bad_alloc();
  try {
    ag::write_state(set, memory);
  } catch (...) {
    std::fclose(memory);
    std::free(buffer);
    throw;
  }
  std::fclose(memory);
  std::string out(buffer, size);
  std::free(buffer);
  return out;
}

py::dict counts_dict(const cli::aggregate_io::load_counts& counts, const ag::accumulator_set& set) {
  py::dict d;
  d["verdicts"] = counts.verdicts;
  d["verdict_files"] = counts.verdict_files;
  d["state_files"] = counts.state_files;
  d["entries"] = set.entries().size();
  return d;
}

// A report in `format` ("dict" is the JSON report as Python objects).
py::object report_object(const std::string& text, bool as_dict) {
  if (as_dict) return parse_to_python(text);
  return utf8_str(text);
}

py::tuple aggregate(py::handle paths, py::handle verdicts, const py::dict& policy_options, const std::string& format,
                    const std::string& save_state, bool track_answers) {
  const std::vector<std::string> inputs = str_list(paths, "paths");
  const std::vector<std::string> texts = verdict_texts(verdicts);
  if (inputs.empty() && texts.empty()) throw cli::usage_error("no input files (use - for standard input)");
  const auto policy_args = policy_from(policy_options);
  const bool as_dict = format == "dict";
  const std::string report_format = as_dict ? "json" : format;
  std::string report;
  cli::aggregate_io::load_counts counts;
  ag::accumulator_set set;
  {
    py::gil_scoped_release release;
    const auto policy = policy_args.policy();
    (void)cli::choose("--format", report_format, {"json", "md", "csv"});  // before any input is read
    set.set_track_answers(track_answers);
    counts = load_all(inputs, texts, set);
    if (!save_state.empty()) ag::write_state(set, save_state);
    report = cli::aggregate_io::summaries_report(set, policy, report_format);
  }
  return py::make_tuple(report_object(report, as_dict), counts_dict(counts, set));
}

py::tuple merge(py::handle paths, const py::dict& policy_options, const std::string& format, const std::string& output) {
  const std::vector<std::string> inputs = str_list(paths, "paths");
  if (inputs.empty()) throw cli::usage_error("no state files");
  const auto policy_args = policy_from(policy_options);
  const bool as_dict = format == "dict";
  const std::string report_format = as_dict ? "json" : format;
  std::string text;
  cli::aggregate_io::load_counts counts;
  ag::accumulator_set set;
  {
    py::gil_scoped_release release;
    const auto policy = policy_args.policy();
    if (report_format != "state") (void)cli::choose("--format", report_format, {"state", "json", "md", "csv"});
    counts = cli::aggregate_io::load_inputs(inputs, set);
    if (report_format == "state") {
      if (output.empty()) {
        text = state_text(set);
      } else {
        ag::write_state(set, output);
      }
    } else {
      text = cli::aggregate_io::summaries_report(set, policy, report_format);
      if (!output.empty()) cli::aggregate_io::write_output(output, text);
    }
  }
  py::object result = report_format == "state" && !output.empty() ? py::object(py::none()) : report_object(text, as_dict);
  return py::make_tuple(result, counts_dict(counts, set));
}

// A table given as rows from Python, as the CSV text the file would hold.
std::string csv_of_rows(py::handle rows, const std::vector<std::string>& header, const std::string& name) {
  if (!PyList_Check(rows.ptr()) && !PyTuple_Check(rows.ptr())) throw py::type_error(name + " must be a path or a list of rows");
  std::string text;
  for (std::size_t c = 0; c < header.size(); ++c) text += (c > 0 ? "," : "") + header[c];
  text += '\n';
  const auto seq = py::reinterpret_borrow<py::sequence>(rows);
  for (std::size_t r = 0; r < seq.size(); ++r) {
    const std::string where = indexed(name, r);
    const py::handle row = seq[r];
    if (!PyList_Check(row.ptr()) && !PyTuple_Check(row.ptr())) throw py::type_error(where + " must be a list or tuple");
    const auto fields = py::reinterpret_borrow<py::sequence>(row);
    if (fields.size() != header.size()) {
      throw py::value_error(where + " must have " + std::to_string(header.size()) + " fields (" + text.substr(0, text.size() - 1) + ")");
    }
    for (std::size_t c = 0; c < header.size(); ++c) {
      if (c > 0) text += ',';
      const py::handle field = fields[c];
      if (PyFloat_Check(field.ptr()) || (PyLong_Check(field.ptr()) && !PyBool_Check(field.ptr()))) {
        const double v = field.cast<double>();
        char buffer[32];
        auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
        text.append(buffer, ec == std::errc{} ? end : buffer);
      } else {
        text += ag::csv_field(str_argument(field, indexed(where, c)));
      }
    }
    text += '\n';
  }
  return text;
}

struct table_source {
  std::string path;  // a file to read, or
  std::string text;  // the table itself
  [[nodiscard]] bool given() const { return !path.empty() || !text.empty(); }
};

table_source table_argument(py::handle value, const std::vector<std::string>& header, const std::string& name) {
  table_source t;
  if (value.is_none()) return t;
  if (PyUnicode_Check(value.ptr())) {
    t.path = str_argument(value, name);
  } else {
    t.text = csv_of_rows(value, header, name);
  }
  return t;
}

double rounding_step(const std::string& text, bool from_table) {
  double step = 0.0;
  try {
    std::size_t pos = 0;
    step = std::stod(text, &pos);
    if (pos != text.size()) throw std::invalid_argument("trailing");
  } catch (const std::exception&) {
    throw cli::usage_error("--score-rounding needs a number, not '" + text + "'");
  }
  if (!(step >= 0) || !std::isfinite(step)) {
    throw cli::usage_error("--score-rounding must be a finite step >= 0 (0.1 for scores printed with one decimal)");
  }
  if (step > 0 && !from_table) {
    throw cli::usage_error("--score-rounding applies to --scores tables of published (rounded) scores; verdicts carry their items "
                           "and get bootstrap intervals instead (--bootstrap)");
  }
  return step;
}

py::tuple transfer(py::handle pairs_arg, py::handle scores_arg, py::handle paths, py::handle verdicts, py::handle groups_arg,
                   const py::dict& options, const py::dict& policy_options) {
  // The CLI's option strings, read from `options`.
  std::string formula = "v2", sigma = "cohort", deviation = "population", metric = "score", format = "json", chart = "scatter";
  std::string model, x_group, y_group, score_rounding;
  bool csv_intervals = false;
  for (const auto& [key, value] : options) {
    const std::string name = str_argument(key, "an option name");
    if (value.is_none()) continue;
    if (name == "csv_intervals") {
      csv_intervals = value.cast<bool>();
      continue;
    }
    std::string text = str_argument(value, name);
    if (name == "formula") formula = text;
    else if (name == "sigma") sigma = text;
    else if (name == "std") deviation = text;
    else if (name == "metric") metric = text;
    else if (name == "format") format = text;
    else if (name == "chart") chart = text;
    else if (name == "model") model = text;
    else if (name == "x") x_group = text;
    else if (name == "y") y_group = text;
    else if (name == "score_rounding") score_rounding = text;
    else throw py::type_error("unexpected option '" + name + "'");
  }
  const table_source pairs = table_argument(pairs_arg, {"model", "base"}, "pairs");
  const table_source scores = table_argument(scores_arg, {"model", "benchmark", "score"}, "scores");
  const std::vector<std::string> inputs = str_list(paths, "paths");
  const std::vector<std::string> texts = verdict_texts(verdicts);
  std::string groups_path, groups_text;
  if (PyUnicode_Check(groups_arg.ptr())) {
    groups_path = str_argument(groups_arg, "groups");
  } else if (!groups_arg.is_none()) {
    if (!PyDict_Check(groups_arg.ptr())) throw py::type_error("groups must be a path or a dict");
    groups_text = padded_json_text(groups_arg, "groups");
    groups_text.resize(groups_text.size() - simdjson::SIMDJSON_PADDING);
  }
  const auto policy_args = policy_from(policy_options);
  const bool as_dict = format == "dict";
  if (as_dict) format = "json";

  std::string text;
  py::dict info;
  ag::transfer_result result;
  ag::transfer_policy policy;
  cli::aggregate_io::load_counts counts;
  bool from_verdicts = false;
  {
    py::gil_scoped_release release;
    // The checks of transfer_command, in its order and with its messages.
    if (!pairs.given()) throw cli::usage_error("--pairs FILE is required");
    if (scores.given() == (!inputs.empty() || !texts.empty())) throw cli::usage_error("give either --scores FILE or verdict/state files");
    (void)cli::choose("--format", format, {"json", "md", "csv", "svg"});
    (void)cli::choose("--chart", chart, {"scatter", "gains"});
    policy.formula = cli::choose("--formula", formula, {"v1", "v2"}) == 0 ? ag::ti_formula::v1 : ag::ti_formula::v2;
    policy.sigma = cli::choose("--sigma", sigma, {"per-model", "cohort"}) == 0 ? ag::sigma_mode::per_model : ag::sigma_mode::cohort;
    policy.deviation = cli::choose("--std", deviation, {"population", "sample"}) == 0 ? ag::std_kind::population : ag::std_kind::sample;
    policy.metric = metric;
    if (!score_rounding.empty()) policy.score_rounding = rounding_step(score_rounding, scores.given());
    policy.scoring = policy_args.policy();

    const auto pair_list = pairs.path.empty() ? ag::parse_pairs(pairs.text, "<pairs>") : ag::read_pairs(pairs.path);
    const auto groups = !groups_path.empty()   ? ag::read_groups(groups_path)
                        : !groups_text.empty() ? ag::parse_groups(groups_text, "<groups>")
                                               : ag::default_groups();
    if (scores.given()) {
      const auto table = scores.path.empty() ? ag::parse_score_table(scores.text, "<scores>") : ag::read_score_table(scores.path);
      result = ag::transfer_from_table(table, pair_list, groups, policy);
    } else {
      ag::accumulator_set set;
      counts = load_all(inputs, texts, set);
      from_verdicts = true;
      result = ag::transfer_from_verdicts(set, pair_list, groups, policy);
    }
    if (format == "json") {
      text = ag::report::transfer_json(result).dump() + "\n";
    } else if (format == "md") {
      text = ag::report::transfer_markdown(result);
    } else if (format == "csv") {
      text = ag::report::transfer_csv(result, csv_intervals);
    } else if (chart == "scatter") {
      text = ag::report::transfer_scatter_svg(result, x_group, y_group);
    } else {
      const ag::pair_transfer* chosen = result.pairs.empty() ? nullptr : &result.pairs.front();
      if (!model.empty()) {
        chosen = nullptr;
        for (const auto& p : result.pairs) {
          if (p.model == model) chosen = &p;
        }
        if (chosen == nullptr) throw cli::usage_error("--model '" + model + "' is not in the pairs file");
      }
      if (chosen == nullptr) throw cli::usage_error("the pairs file lists no model");
      text = ag::report::gain_bars_svg(result, *chosen);
    }
  }
  std::size_t undefined = 0;
  for (const auto& p : result.pairs) {
    for (auto g : result.groups.targets()) undefined += p.groups[g].undefined.empty() ? 0 : 1;
  }
  info["pairs"] = result.pairs.size();
  info["undefined_indices"] = undefined;
  info["intervals"] = result.intervals ? "paired item bootstrap" : "none";
  info["rounding_bands"] = result.rounding_bands;
  if (from_verdicts) info["verdicts"] = counts.verdicts;
  return py::make_tuple(report_object(text, as_dict), info);
}

}  // namespace

void bind_aggregate(py::module_& m) {
  m.def("aggregate", &aggregate, py::arg("paths"), py::arg("verdicts"), py::arg("policy"), py::arg("format"),
        py::arg("save_state"), py::arg("track_answers"));
  m.def("merge", &merge, py::arg("paths"), py::arg("policy"), py::arg("format"), py::arg("output"));
  m.def("transfer", &transfer, py::arg("pairs"), py::arg("scores"), py::arg("paths"), py::arg("verdicts"), py::arg("groups"),
        py::arg("options"), py::arg("policy"));
}

}  // namespace transferscore_python
