// transferscore.math.extract: the answer span of a response, after the reasoning-trace
// policy, with the math family's settings. (math.equivalent is Scorer.judge with the math
// family: the verdict the CLI writes, built through the registry.)

#include "bindings.hpp"
#include "convert.hpp"
#include "options.hpp"
#include "parallel.hpp"

#include <transferscore/transferscore.hpp>

#include <vector>

namespace transferscore_python {

namespace ts = transferscore;

namespace {

struct extracted {
  ts::math::extraction answer;
  bool unterminated_trace = false;
};

class py_math_extractor {
 public:
  explicit py_math_extractor(const py::dict& options) {
    const score_config config = config_from(options);
    std::unique_ptr<ts::io::dataset_index> no_dataset;
    const ts::pipeline_options pipeline_options = pipeline_options_of(config, no_dataset);
    trace_ = pipeline_options.trace;
    ts::scorer_options scoring = pipeline_options.scoring;
    scoring.benchmark = config.benchmark;
    options_ = ts::math::scorer::from_options(scoring).settings();  // the family's own reading of its settings
  }

  [[nodiscard]] py::dict extract(py::handle response, std::size_t items) const {
    const std::string text = str_argument(response, "response");
    extracted e;
    {
      py::gil_scoped_release release;
      e = run(text, items);
    }
    return to_dict(e);
  }

  [[nodiscard]] py::list extract_batch(py::handle responses, std::size_t items, std::size_t threads) const {
    if (!PyList_Check(responses.ptr()) && !PyTuple_Check(responses.ptr())) {
      throw py::type_error("responses must be a list of str");
    }
    if (threads == 0) throw py::value_error("threads must be at least 1");
    const auto seq = py::reinterpret_borrow<py::sequence>(responses);
    const std::size_t n = seq.size();
    const std::size_t slots = std::min(n, chunk_size(threads));
    std::vector<std::string> texts(slots);
    std::vector<extracted> results(slots);
    py::list out(n);
    in_chunks(
        n, threads,
        [&](std::size_t begin, std::size_t end) {
          for (std::size_t i = begin; i < end; ++i) texts[i - begin] = str_argument(seq[i], indexed("responses", i));
        },
        [] { return 0; }, [&](std::size_t, std::size_t slot, int&) { results[slot] = run(texts[slot], items); },
        [&](std::size_t begin, std::size_t end) {
          for (std::size_t i = begin; i < end; ++i) out[i] = to_dict(results[i - begin]);
        });
    return out;
  }

 private:
  [[nodiscard]] extracted run(const std::string& response, std::size_t items) const {
    extracted e;
    const ts::trace_outcome t = ts::apply_trace_policy(trace_, response);
    e.unterminated_trace = t.unterminated;
    if (t.unterminated && trace_.unterminated == ts::trace_policy::on_unterminated::no_answer) return e;
    e.answer = ts::math::extract(t.answer, options_, items == 0 ? 1 : items);
    return e;
  }

  [[nodiscard]] static py::dict to_dict(const extracted& e) {
    py::dict d;
    d["answer"] = e.answer.found() ? py::object(utf8_str(e.answer.answer)) : py::object(py::none());
    d["source"] = std::string(ts::math::to_string(e.answer.source));
    d["boxes"] = e.answer.boxes;
    d["unterminated_box"] = e.answer.unterminated_box;
    d["too_long"] = e.answer.too_long;
    d["unterminated_trace"] = e.unterminated_trace;
    return d;
  }

  ts::math::options options_;
  ts::trace_policy trace_;
};

}  // namespace

void bind_math(py::module_& m) {
  py::class_<py_math_extractor>(m, "MathExtractor", "The math family's answer extraction (see transferscore.math.extract).")
      .def(py::init<const py::dict&>(), py::arg("options"))
      .def("extract", &py_math_extractor::extract, py::arg("response"), py::arg("items") = 1)
      .def("extract_batch", &py_math_extractor::extract_batch, py::arg("responses"), py::arg("items") = 1, py::arg("threads") = 1);
}

}  // namespace transferscore_python
