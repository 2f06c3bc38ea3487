#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include "../test_paths.hpp"

#include <regex>

TEST_CASE("version.hpp, CMakeLists.txt and meson.build name the same version") {
  const std::string version = TRANSFERSCORE_VERSION_STRING;
  CHECK(TRANSFERSCORE_VERSION == TRANSFERSCORE_VERSION_MAJOR * 10000 + TRANSFERSCORE_VERSION_MINOR * 100 + TRANSFERSCORE_VERSION_PATCH);
  const std::string cmake = test_paths::read_file(test_paths::source("CMakeLists.txt"));
  CHECK(cmake.find("project(transferscore VERSION " + version + " ") != std::string::npos);
  const std::string meson = test_paths::read_file(test_paths::source("meson.build"));
  CHECK(meson.find("version : '" + version + "'") != std::string::npos);
}
