#pragma once
// Where the tests find their data, and the few helpers every table-driven test needs.
// Tests include this after the umbrella header.

#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <unistd.h>

namespace test_paths {

inline std::filesystem::path data(const std::string& name) {
  return std::filesystem::path(TRANSFERSCORE_TEST_DATA_DIR) / name;
}

/// The shared conformance data beside the repository; absent when the repo is cloned alone.
inline std::filesystem::path shared(const std::string& name) {
  return std::filesystem::path(TRANSFERSCORE_SHARED_DATA_DIR) / name;
}

inline std::filesystem::path source(const std::string& name) {
  return std::filesystem::path(TRANSFERSCORE_SOURCE_DIR) / name;
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Every non-blank line of a JSONL fixture, parsed; a line that does not parse fails the test.
inline std::vector<transferscore::json> read_jsonl(const std::filesystem::path& path) {
  std::vector<transferscore::json> rows;
  std::istringstream in(read_file(path));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    transferscore::json row;
    REQUIRE_MESSAGE(!transferscore::io::parse_json(line, row), path.string() << ": " << line);
    rows.push_back(std::move(row));
  }
  return rows;
}

/// The string member `key` of a fixture row, or "" when it is absent or not a string.
inline std::string text(const transferscore::json& row, const char* key) {
  const auto* v = row.find(key);
  return v != nullptr && v->if_string() != nullptr ? *v->if_string() : std::string();
}

/// Writes `content` to a file of that name in the temporary directory; returns its path.
/// One input line scored through the pipeline with the built-in families; its one verdict.
inline transferscore::json verdict_of_line(std::string_view line, transferscore::pipeline_options options,
                                           const std::string& source = "test.jsonl") {
  const transferscore::scorer_registry registry = transferscore::builtin_registry();
  const transferscore::score_pipeline pipeline(registry, std::move(options));
  std::string out;
  transferscore::run_summary summary;
  pipeline.score_line(line, 1, source, out, summary);
  transferscore::json verdict;
  REQUIRE(!transferscore::io::parse_json(out, verdict));
  return verdict;
}

// A directory of this process's own, removed at exit: ctest runs the cases of one executable
// as parallel processes, and under a shared name one case would read another's file.
inline const std::filesystem::path& temp_dir() {
  struct owned_directory {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("transferscore-test-" + std::to_string(::getpid()));
    owned_directory() { std::filesystem::create_directories(path); }
    owned_directory(const owned_directory&) = delete;
    owned_directory& operator=(const owned_directory&) = delete;
    ~owned_directory() {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
  };
  static const owned_directory directory;
  return directory.path;
}

inline std::string write_temp(const std::string& name, const std::string& content) {
  auto path = temp_dir() / name;
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

}  // namespace test_paths
