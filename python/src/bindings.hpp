#pragma once
// The parts of the extension module transferscore._core, one function per file.

#include <pybind11/pybind11.h>

namespace transferscore_python {

namespace py = pybind11;

void bind_scoring(py::module_& m);    // scoring.cpp: Scorer, score_file, families, benchmarks
void bind_math(py::module_& m);       // math.cpp: MathExtractor
void bind_aggregate(py::module_& m);  // aggregate.cpp: aggregate, merge, transfer
void bind_shards(py::module_& m);     // shards.cpp: byte-range scoring for transferscore.dask

}  // namespace transferscore_python
