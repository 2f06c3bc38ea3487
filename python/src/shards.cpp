// Byte-range scoring for transferscore.dask: a shard of a JSONL file (lines [begin, end) of
// its bytes, cut at line starts) is scored into a verdict file holding exactly the lines
// `transferscore score FILE` writes for those input lines, and summarised into an aggregate
// state file exactly as `transferscore aggregate -s` would summarise that verdict file.

#include "bindings.hpp"
#include "convert.hpp"
#include "options.hpp"
#include "scoring.hpp"
#include "stream.hpp"

#include <transferscore/transferscore.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

namespace transferscore_python {

namespace ts = transferscore;

namespace {

py::dict score_range(const std::string& path, std::uint64_t begin, std::uint64_t end, std::uint64_t first_line,
                     const std::string& verdicts_out, const std::string& state_out, const py::dict& options,
                     const py::object& progress, bool track_answers) {
  if (end < begin) throw py::value_error("end must not be before begin");
  if (first_line == 0) throw py::value_error("first_line counts from 1");
  const score_config config = config_from(options);
  const std::string source = config.source == "<python>" ? path : config.source;
  ts::run_summary summary;
  {
    py::gil_scoped_release release;
    std::unique_ptr<ts::io::dataset_index> dataset;
    ts::pipeline_options pipeline_options = pipeline_options_of(config, dataset);
    const auto registry = ts::builtin_registry();
    const ts::score_pipeline pipeline(registry, std::move(pipeline_options));
    file_handle in(open_byte_range(path, begin, end));
    file_handle out(std::fopen(verdicts_out.c_str(), "wb"));
    if (!out) throw ts::io_error("cannot write " + verdicts_out + ": " + ts::detail::errno_message(errno));
    auto write = [&](const std::string& piece) {
      if (!piece.empty() && std::fwrite(piece.data(), 1, piece.size(), out.get()) != piece.size()) {
        throw ts::io_error("cannot write " + verdicts_out + ": " + ts::detail::errno_message(errno));
      }
    };
    std::function<void(std::uint64_t)> report;
    if (!progress.is_none()) {
      report = [&](std::uint64_t bytes) {
        py::gil_scoped_acquire acquire;
        progress(bytes);
      };
    }
    summary = score_stream(pipeline, in.get(), {source, first_line}, write, report);
    if (std::fclose(out.release()) != 0) throw ts::io_error("cannot finish writing " + verdicts_out);
    if (!state_out.empty()) {
      ts::aggregate::accumulator_set set;
      set.set_track_answers(track_answers);
      ts::aggregate::read_verdicts(verdicts_out, set);
      ts::aggregate::write_state(set, state_out);
    }
  }
  py::dict out = summary_dict(summary);
  out["bytes"] = end - begin;
  return out;
}

}  // namespace

void bind_shards(py::module_& m) {
  m.def("score_range", &score_range, py::arg("path"), py::arg("begin"), py::arg("end"), py::arg("first_line"),
        py::arg("verdicts_out"), py::arg("state_out"), py::arg("options"), py::arg("progress") = py::none(),
        py::arg("track_answers") = true);
  m.def(
      "count_newlines",
      [](const std::string& path, std::uint64_t begin, std::uint64_t end) {
        py::gil_scoped_release release;
        return count_newlines(path, begin, end);
      },
      py::arg("path"), py::arg("begin"), py::arg("end"));
}

}  // namespace transferscore_python
