#pragma once
// Reads verdict JSONL (what `transferscore score` writes) into accumulators, one line at a
// time: memory holds the accumulators, never the lines. Verdicts are our own output, so a
// malformed line is a failure of the run, reported as file:line: field: problem. Everything
// `score` writes is readable, the error verdicts of lines that were not records included: their
// id is null, and they are counted by status in no item (sample_view::identified).

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

/// What is wrong with a verdict line: the field (empty for the whole line) and the problem.
struct verdict_problem {
  std::string field;
  std::string problem;
  [[nodiscard]] explicit operator bool() const noexcept { return !problem.empty(); }
};

/// Turns one parsed verdict line into a sample_view (views into `line` and `key`) and its
/// model and benchmark, without throwing: a line that cannot be used returns the field and
/// the problem. Readers of other tools' files (transferscore diff) keep going after one.
[[nodiscard]] inline verdict_problem parse_verdict(const json& line, std::string& key, std::string_view& model,
                                                   std::string_view& benchmark, sample_view& s) {
  if (!line.is_object()) return {"", "a verdict must be a JSON object"};
  const json* id = line.find("id");
  if (id == nullptr) return {"id", "missing"};
  // null: the error verdict of a record that was lost before it had an id (checked below).
  if (!id->is_string() && !id->is_integer() && !id->is_null()) return {"id", "expected a string, an integer or null"};
  const json* found = nullptr;
  auto text = [&](std::string_view field, std::string_view& out) -> verdict_problem {
    found = line.find(field);
    if (found == nullptr) return {std::string(field), "missing"};
    if (!found->is_string()) return {std::string(field), "expected a string"};
    out = *found->if_string();
    return {};
  };
  key.clear();
  id->dump_to(key);
  if (auto p = text("model", model)) return p;
  if (auto p = text("benchmark", benchmark)) return p;
  s = sample_view{};
  s.item = key;
  const json* score = line.find("score");
  if (score == nullptr) return {"score", "missing"};
  if (!score->is_number()) return {"score", "expected a number"};
  s.score = *score->as_double();
  if (!std::isfinite(s.score)) return {"score", "not a finite number"};
  const json* correct = line.find("correct");
  if (correct == nullptr) return {"correct", "missing"};
  if (!correct->is_bool()) return {"correct", "expected true or false"};
  s.correct = *correct->as_bool();
  std::string_view state;
  if (auto p = text("status", state)) return p;
  const auto parsed = status_from_string(state);
  if (!parsed) return {"status", "unknown status '" + std::string(state) + "'"};
  s.state = *parsed;
  s.identified = !id->is_null();
  if (!s.identified && s.state == status::ok) {
    return {"id", "null in a verdict of status ok (only the error verdict of a record that was lost has no id)"};
  }
  if (s.state != status::ok) {
    s.score = 0.0;  // a verdict without a judged answer never scores
    s.correct = false;
  }
  if (const json* e = line.find("extracted"); e != nullptr) {
    if (!e->is_string()) return {"extracted", "expected a string"};
    s.extracted = *e->if_string();
  }
  if (const json* sc = line.find("scorer"); sc != nullptr && sc->is_string()) s.scorer = *sc->if_string();
  if (const json* d = line.find("details"); d != nullptr && !d->is_null()) {
    if (!d->is_object()) return {"details", "expected an object"};
    s.details = d;
  }
  return {};
}

/// Turns one parsed verdict line into a sample_view (views into `line` and `key`) and its
/// model and benchmark. Throws verdict_error naming the field.
inline sample_view view_verdict(const json& line, std::string_view file, std::uint64_t number, std::string& key,
                                std::string_view& model, std::string_view& benchmark) {
  sample_view s;
  if (auto p = parse_verdict(line, key, model, benchmark, s)) {
    TRANSFERSCORE_THROW(verdict_error(file, number, p.field, p.problem));
  }
  return s;
}

/// Adds verdict lines to an accumulator set one at a time, each given as its text: what every
/// reader of verdicts does per line (files here; dicts from Python in the binding).
class verdict_adder {
 public:
  explicit verdict_adder(accumulator_set& into) : into_(into) {}

  /// Parses and adds one verdict line of `file` at `number`; `capacity` bytes are readable from
  /// `data` (0 when unknown: the line is copied). Returns the parsed line, valid until the next
  /// call. Throws verdict_error naming the file, line and field.
  const json& add(const char* data, std::size_t length, std::size_t capacity, std::string_view file, std::uint64_t number) {
    if (auto err = io::parse_json(parser_, data, length, capacity, parsed_)) {
      TRANSFERSCORE_THROW(verdict_error(file, number, err.path, "invalid JSON: " + err.message));
    }
    std::string_view model, benchmark;
    const sample_view v = view_verdict(parsed_, file, number, key_, model, benchmark);
    into_.add_view(model, benchmark, v);
    return parsed_;
  }

 private:
  accumulator_set& into_;
  simdjson::dom::parser parser_;
  json parsed_;
  std::string key_;
};

/// Reads verdict lines from an open file; `name` is used in messages. `on_verdict(line, number)`
/// sees every verdict after it was added, parsed (a report keeps what it shows of it).
template <class OnVerdict>
inline read_counts read_verdicts(std::FILE* file, std::string_view name, accumulator_set& into, OnVerdict&& on_verdict) {
  io::line_reader reader(file);
  verdict_adder adder(into);
  io::line_view line;
  read_counts counts;
  while (reader.next(line)) {
    if (line.too_long) TRANSFERSCORE_THROW(verdict_error(name, line.number, "", "line too long"));
    std::string_view t = line.text;
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
    if (t.empty()) continue;
    ++counts.lines;
    const json& parsed = adder.add(line.text.data(), line.text.size(), 0, name, line.number);
    ++counts.verdicts;
    on_verdict(parsed, line.number);
  }
  return counts;
}

inline read_counts read_verdicts(std::FILE* file, std::string_view name, accumulator_set& into) {
  return read_verdicts(file, name, into, [](const json&, std::uint64_t) {});
}

/// Reads a verdict JSONL file; "-" reads standard input.
template <class OnVerdict>
inline read_counts read_verdicts(const std::string& path, accumulator_set& into, OnVerdict&& on_verdict) {
  if (path == "-") return read_verdicts(stdin, "<stdin>", into, on_verdict);
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) TRANSFERSCORE_THROW(io_error("cannot open " + path + ": " + ::transferscore::detail::errno_message(errno)));
  return read_verdicts(f.get(), path, into, on_verdict);
}

inline read_counts read_verdicts(const std::string& path, accumulator_set& into) {
  return read_verdicts(path, into, [](const json&, std::uint64_t) {});
}

}  // namespace aggregate
TRANSFERSCORE_END_NAMESPACE
