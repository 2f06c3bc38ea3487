#pragma once
// Where the tests find their data. Tests include this after the umbrella header.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

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

}  // namespace test_paths
