#pragma once
// Reads verdict JSONL (what `transferscore score` writes) into accumulators, one line at a
// time: memory holds the accumulators, never the lines. Verdicts are our own output, so a
// malformed line is a failure of the run, reported as file:line: field: problem.

#include <transferscore/config.hpp>
#include <transferscore/aggregate/accumulator.hpp>
#include <transferscore/core/error.hpp>
#include <transferscore/core/json.hpp>
#include <transferscore/core/status.hpp>
#include <transferscore/io/json_parse.hpp>
#include <transferscore/io/line_reader.hpp>

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace aggregate {

/// A verdict line that cannot be used; what() reads "file:line: field: problem".
class verdict_error : public located_error {
 public:
  using located_error::located_error;
};

struct read_counts {
  std::uint64_t lines = 0;     ///< non-blank lines
  std::uint64_t verdicts = 0;  ///< verdicts added
};

/// Turns one parsed verdict line into a sample_view (views into `line` and `key`) and its
/// model and benchmark. Throws verdict_error naming the field.
inline sample_view view_verdict(const json& line, std::string_view file, std::uint64_t number, std::string& key,
                                std::string_view& model, std::string_view& benchmark) {
  if (!line.is_object()) TRANSFERSCORE_THROW(verdict_error(file, number, "", "a verdict must be a JSON object"));
  auto require = [&](std::string_view field) -> const json& {
    const json* v = line.find(field);
    if (v == nullptr) TRANSFERSCORE_THROW(verdict_error(file, number, field, "missing"));
    return *v;
  };
  auto text = [&](std::string_view field) -> std::string_view {
    const json& v = require(field);
    if (!v.is_string()) TRANSFERSCORE_THROW(verdict_error(file, number, field, "expected a string"));
    return *v.if_string();
  };
  const json& id = require("id");
  if (!id.is_string() && !id.is_integer()) TRANSFERSCORE_THROW(verdict_error(file, number, "id", "expected a string or an integer"));
  key.clear();
  id.dump_to(key);
  model = text("model");
  benchmark = text("benchmark");
  sample_view s;
  s.item = key;
  const json& score = require("score");
  if (!score.is_number()) TRANSFERSCORE_THROW(verdict_error(file, number, "score", "expected a number"));
  s.score = *score.as_double();
  if (!std::isfinite(s.score)) TRANSFERSCORE_THROW(verdict_error(file, number, "score", "not a finite number"));
  const json& correct = require("correct");
  if (!correct.is_bool()) TRANSFERSCORE_THROW(verdict_error(file, number, "correct", "expected true or false"));
  s.correct = *correct.as_bool();
  const std::string_view state = text("status");
  const auto parsed = status_from_string(state);
  if (!parsed) TRANSFERSCORE_THROW(verdict_error(file, number, "status", "unknown status '" + std::string(state) + "'"));
  s.state = *parsed;
  if (s.state != status::ok) {
    s.score = 0.0;  // a verdict without a judged answer never scores
    s.correct = false;
  }
  if (const json* e = line.find("extracted"); e != nullptr) {
    if (!e->is_string()) TRANSFERSCORE_THROW(verdict_error(file, number, "extracted", "expected a string"));
    s.extracted = *e->if_string();
  }
  if (const json* sc = line.find("scorer"); sc != nullptr && sc->is_string()) s.scorer = *sc->if_string();
  if (const json* d = line.find("details"); d != nullptr && !d->is_null()) {
    if (!d->is_object()) TRANSFERSCORE_THROW(verdict_error(file, number, "details", "expected an object"));
    s.details = d;
  }
  return s;
}

/// Reads verdict lines from an open file; `name` is used in messages.
inline read_counts read_verdicts(std::FILE* file, std::string_view name, accumulator_set& into) {
  io::line_reader reader(file);
  simdjson::dom::parser parser;
  io::line_view line;
  json parsed;
  std::string key;
  read_counts counts;
  while (reader.next(line)) {
    if (line.too_long) TRANSFERSCORE_THROW(verdict_error(name, line.number, "", "line too long"));
    std::string_view t = line.text;
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
    if (t.empty()) continue;
    ++counts.lines;
    if (auto err = io::parse_json(parser, line.text.data(), line.text.size(), 0, parsed)) {
      TRANSFERSCORE_THROW(verdict_error(name, line.number, err.path, "invalid JSON: " + err.message));
    }
    std::string_view model, benchmark;
    const sample_view v = view_verdict(parsed, name, line.number, key, model, benchmark);
    into.add_view(model, benchmark, v);
    ++counts.verdicts;
  }
  return counts;
}

/// Reads a verdict JSONL file; "-" reads standard input.
inline read_counts read_verdicts(const std::string& path, accumulator_set& into) {
  if (path == "-") return read_verdicts(stdin, "<stdin>", into);
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) TRANSFERSCORE_THROW(io_error("cannot open " + path + ": " + std::strerror(errno)));
  return read_verdicts(f.get(), path, into);
}

}  // namespace aggregate
TRANSFERSCORE_END_NAMESPACE
