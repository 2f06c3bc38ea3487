// Fuzzes the path every input byte takes: line splitting, JSON parsing, backend
// adapters (auto-detected and forced), dataset-less scoring and verdict writing.
// Invariants checked: one verdict line per non-blank input line that holds one record,
// every verdict line is valid JSON, nothing crashes.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <transferscore/transferscore.hpp>

namespace ts = transferscore;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ts::scorer_registry registry = [] {
    auto r = ts::builtin_registry();
    r.add_benchmark("bench", "exact_match");
    return r;
  }();
  const std::string input(reinterpret_cast<const char*>(data), size);

  // Every format, so that each adapter sees every input (auto detection included).
  for (const auto& [format_name, format] : ts::io::input_format_names) {
    ts::pipeline_options options;
    options.format = format;
    options.max_line_bytes = 4096;
    options.threads = 1;
    ts::score_pipeline pipeline(registry, options);

    std::FILE* in = fmemopen(const_cast<char*>(input.data()), input.size(), "rb");
    if (in == nullptr) return 0;
    ts::io::line_reader reader(in, options.max_line_bytes, 64);
    ts::io::line_view line;
    ts::run_summary summary;
    std::string out;
    while (reader.next(line)) {
      if (line.too_long) continue;
      if (line.text.find_first_not_of(" \t\r\f\v") == std::string_view::npos) continue;
      out.clear();
      pipeline.score_line(line.text, line.number, "fuzz", out, summary);
      // Every output line must parse back.
      std::size_t start = 0;
      std::size_t lines = 0;
      while (start < out.size()) {
        const auto end = out.find('\n', start);
        if (end == std::string::npos) std::abort();
        ts::json v;
        if (ts::io::parse_json(std::string_view(out).substr(start, end - start), v)) std::abort();
        if (!v.is_object() || v.find("status") == nullptr) std::abort();
        start = end + 1;
        ++lines;
      }
      if (lines == 0) std::abort();
    }
    std::fclose(in);
  }
  return 0;
}
