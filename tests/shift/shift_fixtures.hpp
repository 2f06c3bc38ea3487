#pragma once
// Helpers shared by the shift tests: the fixtures' folder, reading expected.json files, and
// comparing to a relative tolerance.

#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include "../test_paths.hpp"

#include <cmath>
#include <string>

namespace shift_fixtures {

inline std::string path(const std::string& name) { return test_paths::data("shift/" + name).string(); }

inline transferscore::json read_json(const std::string& name) {
  transferscore::json doc;
  const auto text = test_paths::read_file(test_paths::data("shift/" + name));
  REQUIRE_MESSAGE(!text.empty(), name << " is missing");
  REQUIRE(!transferscore::io::parse_json(text, doc));
  return doc;
}

inline double number(const transferscore::json& j) { return j.as_double().value_or(std::nan("")); }

/// |a - b| <= tolerance * max(|a|, |b|), or both exactly zero.
inline bool close(double a, double b, double tolerance = 1e-9) {
  if (a == b) return true;
  return std::fabs(a - b) <= tolerance * std::max(std::fabs(a), std::fabs(b));
}

}  // namespace shift_fixtures
