#include "scoring.hpp"

#include "args.hpp"  // cli::usage_error
#include "bindings.hpp"
#include "convert.hpp"
#include "parallel.hpp"
#include "stream.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace transferscore_python {

namespace ts = transferscore;

namespace {

// Inputs above this size get a parser of their own, so a thread does not keep a huge one.
constexpr std::size_t large_input_bytes = std::size_t{4} << 20;

simdjson::dom::parser& thread_parser() {
  thread_local simdjson::dom::parser parser;
  return parser;
}

[[noreturn]] void raise_not_a(const char* what, const std::string& name, py::handle value) {
  throw py::type_error(name + " must be " + what + ", not " + std::string(py::str(py::type::handle_of(value).attr("__name__"))));
}

py::sequence list_argument(py::handle value, const std::string& name) {
  if (!PyList_Check(value.ptr()) && !PyTuple_Check(value.ptr())) raise_not_a("a list", name, value);
  return py::reinterpret_borrow<py::sequence>(value);
}

std::string record_text(py::handle record, const std::string& name) {
  if (!PyDict_Check(record.ptr())) raise_not_a("a dict", name, record);
  return padded_json_text(record, name);
}

// record_text into an existing string (keeping its capacity).
void fill_record_text(std::string& text, py::handle record, const std::string& name) {
  if (!PyDict_Check(record.ptr())) raise_not_a("a dict", name, record);
  text.clear();
  std::string where = name;
  append_python_json(record, text, where);
  text.append(simdjson::SIMDJSON_PADDING, ' ');
}

std::size_t thread_count(std::size_t threads) {
  if (threads == 0) throw cli::usage_error("--threads must be at least 1");
  return threads;
}

// The gold of judge(): a str as it is, anything else as its JSON value.
ts::json gold_value(py::handle gold, const std::string& name) {
  if (PyUnicode_Check(gold.ptr())) return ts::json(str_argument(gold, name));
  const std::string text = padded_json_text(gold, name);
  ts::json value;
  if (auto err = ts::io::parse_json(thread_parser(), text.data(), text.size() - simdjson::SIMDJSON_PADDING, text.size(), value)) {
    throw py::value_error(name + ": " + err.message);
  }
  return value;
}

struct answer_case {
  ts::json gold;
  std::string response;
  bool response_missing = false;
};

// Fills `c` in place (its strings keep their capacity from one chunk to the next).
void fill_answer_case(answer_case& c, py::handle gold, py::handle response, const std::string& suffix) {
  c.gold = gold_value(gold, "gold" + suffix);
  c.response_missing = response.is_none();  // as a canonical record with "response": null
  c.response.clear();
  if (!c.response_missing) {
    if (!PyUnicode_Check(response.ptr())) (void)str_argument(response, "response" + suffix);  // raises TypeError
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(response.ptr(), &size);
    if (data == nullptr) {
      PyErr_Clear();
      throw py::value_error("response" + suffix + ": the text is not valid Unicode (a lone surrogate?)");
    }
    c.response.assign(data, static_cast<std::size_t>(size));
  }
}

py::object verdicts_object(std::vector<ts::json>& verdicts) {
  if (verdicts.size() == 1) return to_python(verdicts.front());
  py::list out(verdicts.size());
  for (std::size_t i = 0; i < verdicts.size(); ++i) out[i] = to_python(verdicts[i]);
  return out;
}

double score_of(const ts::json& verdict) {
  const ts::json* s = verdict.find("score");
  return s != nullptr && s->is_number() ? *s->as_double() : 0.0;
}

}  // namespace

py::dict summary_dict(const ts::run_summary& summary) {
  py::dict statuses;
  for (std::size_t i = 0; i < ts::status_count; ++i) {
    statuses[py::str(std::string(ts::status_names[i]))] = summary.by_status[i];
  }
  py::dict out;
  out["lines"] = summary.lines;
  out["records"] = summary.records;
  out["correct"] = summary.correct;
  out["statuses"] = statuses;
  return out;
}

py_scorer::py_scorer(const py::dict& options) {
  const score_config config = config_from(options);
  source_ = config.source;
  py::gil_scoped_release release;  // loading a dataset reads a file
  ts::pipeline_options pipeline_options = pipeline_options_of(config, dataset_);
  ts::register_builtin_scorers(registry_);
  pipeline_ = std::make_unique<ts::score_pipeline>(registry_, std::move(pipeline_options));
}

py::object py_scorer::score(py::handle record) const {
  const std::string text = record_text(record, "record");
  std::vector<ts::json> verdicts;
  {
    py::gil_scoped_release release;
    const std::size_t length = text.size() - simdjson::SIMDJSON_PADDING;
    auto run = [&](simdjson::dom::parser& parser) {
      std::string out;
      ts::run_summary summary;
      pipeline_->score_line(parser, text.data(), length, text.size(), 1, source_, out, summary);
      parse_json_lines(out, parser, verdicts);
    };
    if (length > large_input_bytes) {
      simdjson::dom::parser parser;
      run(parser);
    } else {
      run(thread_parser());
    }
  }
  return verdicts_object(verdicts);
}

py::list py_scorer::score_batch(py::handle records, std::size_t threads, bool scores_only) const {
  thread_count(threads);
  const py::sequence items = list_argument(records, "records");
  const std::size_t n = items.size();
  const std::size_t slots = std::min(n, chunk_size(threads));
  std::vector<std::string> texts(slots);
  std::vector<std::vector<ts::json>> verdicts(slots);
  py::list out;
  in_chunks(
      n, threads,
      [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) fill_record_text(texts[i - begin], items[i], indexed("records", i));
      },
      [] { return std::make_unique<simdjson::dom::parser>(); },
      [&](std::size_t i, std::size_t slot, std::unique_ptr<simdjson::dom::parser>& parser) {
        std::string line;
        ts::run_summary summary;
        const std::string& text = texts[slot];
        pipeline_->score_line(*parser, text.data(), text.size() - simdjson::SIMDJSON_PADDING, text.size(), i + 1, source_, line,
                              summary);
        verdicts[slot].clear();
        parse_json_lines(line, *parser, verdicts[slot]);
      },
      [&](std::size_t begin, std::size_t end) {
        for (std::size_t slot = 0; slot < end - begin; ++slot) {
          for (const auto& v : verdicts[slot]) out.append(scores_only ? py::object(py::float_(score_of(v))) : to_python(v));
        }
      });
  return out;
}

py::list py_scorer::score_text(py::handle text) const {
  const std::string data = str_argument(text, "text");
  std::vector<ts::json> verdicts;
  if (!data.empty()) {
    py::gil_scoped_release release;
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(::fmemopen(const_cast<char*>(data.data()), data.size(), "r"), &std::fclose);
    if (!file) throw std::runtime_error(std::string("cannot read the text: ") + ts::detail::errno_message(errno));
    std::string out;
    score_stream(*pipeline_, file.get(), {source_, 1}, [&](const std::string& piece) { out += piece; });
    simdjson::dom::parser parser;
    parse_json_lines(out, parser, verdicts);
  }
  py::list out(verdicts.size());
  for (std::size_t i = 0; i < verdicts.size(); ++i) out[i] = to_python(verdicts[i]);
  return out;
}

namespace {

ts::verdict judge_case(const ts::score_pipeline& pipeline, const answer_case& c, const std::string& source, std::uint64_t line) {
  ts::record r;
  r.id = ts::json(std::int64_t{0});
  r.response = c.response;
  if (c.response_missing) r.extra["response_missing"] = true;
  r.reference = ts::json::object();
  r.reference["answer"] = c.gold;
  r.source = source;
  r.line = line;
  return pipeline.score_record(std::move(r));
}

}  // namespace

py::dict py_scorer::judge(py::handle gold, py::handle response) const {
  answer_case c;
  fill_answer_case(c, gold, response, "");
  std::vector<ts::json> verdicts;
  {
    py::gil_scoped_release release;
    const std::string text = judge_case(*pipeline_, c, source_, 1).dump();
    parse_json_lines(text, thread_parser(), verdicts);
  }
  return py::reinterpret_borrow<py::dict>(to_python(verdicts.front()));
}

double py_scorer::judge_score(py::handle gold, py::handle response) const {
  answer_case c;
  fill_answer_case(c, gold, response, "");
  py::gil_scoped_release release;
  return judge_case(*pipeline_, c, source_, 1).result.score;
}

py::list py_scorer::judge_batch(py::handle golds, py::handle responses, std::size_t threads, bool scores_only) const {
  thread_count(threads);
  const py::sequence g = list_argument(golds, "golds");
  const py::sequence r = list_argument(responses, "responses");
  const std::size_t n = g.size();
  if (r.size() != n) {
    throw py::value_error("golds and responses must have the same length, not " + std::to_string(n) + " and " +
                          std::to_string(r.size()));
  }
  const std::size_t slots = std::min(n, chunk_size(threads));
  std::vector<answer_case> cases(slots);
  std::vector<ts::json> verdicts(scores_only ? 0 : slots);
  std::vector<double> scores(scores_only ? slots : 0);
  py::list out(n);
  in_chunks(
      n, threads,
      [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) fill_answer_case(cases[i - begin], g[i], r[i], indexed("", i));
      },
      [] { return std::make_unique<simdjson::dom::parser>(); },
      [&](std::size_t i, std::size_t slot, std::unique_ptr<simdjson::dom::parser>& parser) {
        const ts::verdict v = judge_case(*pipeline_, cases[slot], source_, i + 1);
        if (scores_only) {
          scores[slot] = v.result.score;
          return;
        }
        std::vector<ts::json> one;
        parse_json_lines(v.dump(), *parser, one);
        verdicts[slot] = std::move(one.front());
      },
      [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
          out[i] = scores_only ? py::object(py::float_(scores[i - begin])) : to_python(verdicts[i - begin]);
        }
      });
  return out;
}

namespace {

std::vector<std::string> path_list(py::handle paths) {
  const py::sequence items = list_argument(paths, "paths");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < items.size(); ++i) out.push_back(str_argument(items[i], indexed("paths", i)));
  return out;
}

py::object score_file(py::handle paths, const std::string& output, const py::dict& options) {
  const std::vector<std::string> inputs = path_list(paths);
  if (inputs.empty()) throw cli::usage_error("no input files (use - for standard input)");
  const score_config config = config_from(options);
  ts::run_summary summary;
  std::string verdict_text;
  std::size_t dataset_size = 0, dataset_unused = 0;
  bool has_dataset = false;
  {
    py::gil_scoped_release release;
    std::unique_ptr<ts::io::dataset_index> dataset;
    ts::pipeline_options pipeline_options = pipeline_options_of(config, dataset);
    const auto registry = ts::builtin_registry();
    ts::score_pipeline pipeline(registry, std::move(pipeline_options));
    if (output.empty()) {
      char* buffer = nullptr;
      std::size_t size = 0;
      file_handle memory(::open_memstream(&buffer, &size));
      if (!memory) throw std::bad_alloc();
      try {
        summary = pipeline.run(inputs, memory.get());
      } catch (...) {
        memory.reset();
        std::free(buffer);
        throw;
      }
      memory.reset();
      verdict_text.assign(buffer, size);
      std::free(buffer);
    } else {
      file_handle out(std::fopen(output.c_str(), "wb"));
      if (!out) throw ts::io_error("cannot write " + output);
      summary = pipeline.run(inputs, out.get());
      if (std::fclose(out.release()) != 0) throw ts::io_error("cannot finish writing " + output);
    }
    if (dataset) {
      has_dataset = true;
      dataset_size = dataset->size();
      dataset_unused = dataset->unused_count();
    }
  }
  if (output.empty()) {
    std::vector<ts::json> verdicts;
    {
      py::gil_scoped_release release;
      simdjson::dom::parser parser;
      parse_json_lines(verdict_text, parser, verdicts);
      std::string().swap(verdict_text);
    }
    py::list out(verdicts.size());
    for (std::size_t i = 0; i < verdicts.size(); ++i) out[i] = to_python(verdicts[i]);
    return out;
  }
  py::dict out = summary_dict(summary);
  out["files"] = inputs.size();
  out["output"] = output;
  if (has_dataset) {
    out["dataset_items"] = dataset_size;
    out["dataset_items_without_generation"] = dataset_unused;
  }
  return out;
}

}  // namespace

void bind_scoring(py::module_& m) {
  py::class_<py_scorer>(m, "Scorer", "A scoring pipeline configured like `transferscore score` (see transferscore.Scorer).")
      .def(py::init<const py::dict&>(), py::arg("options"))
      .def("score", &py_scorer::score, py::arg("record"))
      .def("score_batch", &py_scorer::score_batch, py::arg("records"), py::arg("threads") = 1, py::arg("scores_only") = false)
      .def("score_text", &py_scorer::score_text, py::arg("text"))
      .def("judge", &py_scorer::judge, py::arg("gold"), py::arg("response"))
      .def("judge_score", &py_scorer::judge_score, py::arg("gold"), py::arg("response"))
      .def("judge_batch", &py_scorer::judge_batch, py::arg("golds"), py::arg("responses"), py::arg("threads") = 1,
           py::arg("scores_only") = false);

  m.def("score_file", &score_file, py::arg("paths"), py::arg("output"), py::arg("options"),
        "Scores JSONL files as `transferscore score` does; verdicts as a list, or written to `output` (then the summary).");

  m.def(
      "families",
      [] {
        const auto registry = ts::builtin_registry();
        py::list out;
        for (const auto& f : registry.families()) {
          py::dict d;
          d["name"] = f.name;
          d["description"] = f.description;
          out.append(d);
        }
        return out;
      },
      "The scorer families of the built-in registry, in registration order.");
  m.def(
      "benchmarks",
      [] {
        const auto registry = ts::builtin_registry();
        py::dict out;
        for (const auto& [benchmark, family] : registry.benchmarks()) out[py::str(benchmark)] = family;
        return out;
      },
      "The benchmarks the built-in registry knows, each with its family.");
}

}  // namespace transferscore_python
