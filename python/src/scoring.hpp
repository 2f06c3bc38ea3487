#pragma once
// transferscore.Scorer: a scoring pipeline configured like `transferscore score`, shared by
// any number of threads; records in as dicts (or JSONL text), verdicts out as dicts.

#include "options.hpp"

#include <transferscore/transferscore.hpp>

#include <pybind11/pybind11.h>

#include <memory>
#include <string>

namespace transferscore_python {

namespace py = pybind11;

class py_scorer {
 public:
  explicit py_scorer(const py::dict& options);

  /// The verdict of one record (a dict); a list when the record is a backend line holding
  /// several samples, as the CLI writes one verdict per sample.
  [[nodiscard]] py::object score(py::handle record) const;
  /// Verdicts of many records, in order, scored on `threads` threads without the GIL.
  /// With `scores_only`, the verdicts' scores as floats.
  [[nodiscard]] py::list score_batch(py::handle records, std::size_t threads, bool scores_only) const;
  /// Verdicts of JSONL text, exactly as the CLI writes them for a file holding that text.
  [[nodiscard]] py::list score_text(py::handle text) const;
  /// The verdict of the canonical record {"id": 0, "response": response, "reference": {"answer": gold}}.
  [[nodiscard]] py::dict judge(py::handle gold, py::handle response) const;
  /// The score of judge()'s verdict (0.0 for every status but ok), without building the dict.
  [[nodiscard]] double judge_score(py::handle gold, py::handle response) const;
  /// judge() over two lists of equal length.
  [[nodiscard]] py::list judge_batch(py::handle golds, py::handle responses, std::size_t threads, bool scores_only) const;

  [[nodiscard]] const transferscore::score_pipeline& pipeline() const noexcept { return *pipeline_; }
  [[nodiscard]] const std::string& source() const noexcept { return source_; }

 private:
  transferscore::scorer_registry registry_;
  std::unique_ptr<transferscore::io::dataset_index> dataset_;
  std::unique_ptr<transferscore::score_pipeline> pipeline_;
  std::string source_;
};

/// The summary of a run as a dict: lines, records, correct, statuses.
[[nodiscard]] py::dict summary_dict(const transferscore::run_summary& summary);



}  // namespace transferscore_python
