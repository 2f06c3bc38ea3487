#pragma once
// Gold answers for the examples of a comparison, when neither side carries them (verdicts
// scored without --keep-response do not): read from the files that were scored (canonical records, lm-eval sample logs)
// or from a dataset file, and looked up by (benchmark, id), else by id alone.

#include <transferscore/config.hpp>
#include <transferscore/core/error.hpp>
#include <transferscore/core/json.hpp>
#include <transferscore/diff/reader.hpp>
#include <transferscore/io/adapters.hpp>
#include <transferscore/io/dataset.hpp>
#include <transferscore/io/json_parse.hpp>
#include <transferscore/io/line_reader.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace diff {

class gold_index {
 public:
  /// Adds one parsed line. The gold is the first of: `reference.answer`,
  /// `reference.answers[0]`, a string or number `reference`, `target` (lm-eval), `answer`,
  /// `gold`. Returns the field at fault, or "" when the line was used; a line without a
  /// gold is not an error (records of other families carry none).
  std::string add(const json& line, std::string_view source, std::uint64_t number) {
    if (!line.is_object()) return "(line)";
    std::string id, benchmark;
    const json* gold = nullptr;
    if (io::detect_format(line) == io::input_format::lm_eval) {
      io::adapt_context context;
      context.source = std::string(source);
      context.line = number;
      const auto adapted = io::adapt_lm_eval(line, context);
      if (!adapted.ok()) return adapted.field.empty() ? "(line)" : adapted.field;
      id = io::join_key_text(adapted.records.front().id);
      benchmark = adapted.records.front().benchmark;
      gold = line.find("target");
    } else {
      const json* i = line.find("id");
      if (i == nullptr || !(i->is_string() || i->is_integer())) return "id";
      id = io::join_key_text(*i);
      if (const json* b = line.find("benchmark"); b != nullptr && b->is_string()) benchmark = *b->if_string();
      if (const json* ref = line.find("reference"); ref != nullptr) gold = detail::reference_answer(*ref);
      for (std::string_view name : {"target", "answer", "gold"}) {
        if (gold == nullptr) gold = line.find(name);
      }
      // A verdict of `score --keep-response` holds the whole reference as "gold".
      if (gold != nullptr && gold->is_object()) gold = detail::reference_answer(*gold);
    }
    if (gold == nullptr || gold->is_null()) return {};
    const std::string text = detail::gold_text(*gold);
    by_benchmark_[benchmark + '\x1f' + id] = text;
    auto [it, inserted] = by_id_.emplace(id, text);
    if (!inserted && it->second != text) ambiguous_.insert(id);
    ++size_;
    return {};
  }

  /// Reads a JSONL file; a line that is not a JSON object with an id is an error naming
  /// the file, line and field (the gold must be right to be shown).
  void read_file(const std::string& path) {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!f)
      TRANSFERSCORE_THROW(
          io_error("cannot open gold file " + path + ": " + ::transferscore::detail::errno_message(errno)));
    io::line_reader reader(f.get());
    io::line_view line;
    simdjson::dom::parser parser;
    json value;
    while (reader.next(line)) {
      const std::string where = path + ":" + std::to_string(line.number);
      if (line.too_long) TRANSFERSCORE_THROW(io_error(where + ": line too long"));
      if (::transferscore::detail::trim_ascii(line.text).empty()) continue;
      if (auto err = io::parse_json(parser, line.text.data(), line.text.size(), line.readable, value)) {
        TRANSFERSCORE_THROW(io_error(where + (err.path.empty() ? "" : ": " + err.path) + ": invalid JSON: " + err.message));
      }
      if (auto field = add(value, path, line.number); !field.empty()) {
        TRANSFERSCORE_THROW(io_error(where + ": " + field + ": missing or unusable"));
      }
    }
  }

  /// The gold of (benchmark, id), else of id when only one gold has that id; nullptr when none.
  [[nodiscard]] const std::string* find(std::string_view benchmark, std::string_view id) const {
    std::string key(benchmark);
    key += '\x1f';
    key += id;
    if (auto it = by_benchmark_.find(key); it != by_benchmark_.end()) return &it->second;
    if (ambiguous_.count(std::string(id)) > 0) return nullptr;
    if (auto it = by_id_.find(std::string(id)); it != by_id_.end()) return &it->second;
    return nullptr;
  }

  [[nodiscard]] std::size_t size() const noexcept { return size_; }

 private:
  std::unordered_map<std::string, std::string> by_benchmark_;
  std::unordered_map<std::string, std::string> by_id_;
  std::unordered_set<std::string> ambiguous_;
  std::size_t size_ = 0;
};

}  // namespace diff
TRANSFERSCORE_END_NAMESPACE
