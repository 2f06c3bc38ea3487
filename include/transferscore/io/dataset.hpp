#pragma once
// Joining generations with the gold: generations and answers often live in different
// files. A dataset file holds one item per line, keyed by `id` (or another member named by
// the join key); a generation record picks up the item's reference and benchmark.
//
// Dataset line forms:
//   {"id": "algebra/17", "benchmark": "math500", "reference": {"answer": "\\frac12"}}
//   {"id": "algebra/17", "answer": "\\frac12"}   (no "reference": the other members are it)

#include <transferscore/config.hpp>
#include <transferscore/core/error.hpp>
#include <transferscore/core/json.hpp>
#include <transferscore/io/json_parse.hpp>
#include <transferscore/io/line_reader.hpp>

#include <atomic>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace io {

/// The text under which a key value is indexed: strings as they are, integers in
/// decimal, so that 17 and "17" join.
[[nodiscard]] inline std::string join_key_text(const json& key) {
  if (const auto* s = key.if_string()) return *s;
  if (auto i = key.as_int()) return std::to_string(*i);
  return key.dump();
}

class dataset_index {
 public:
  struct item {
    json id;
    std::string benchmark;
    json reference;
    std::uint64_t line = 0;
  };

  /// Loads `path`; throws io_error naming the file and line for anything unusable: the
  /// gold must be right before anything is scored.
  /// `join_key` is the member that matches generations; `id_field` the member that names
  /// the item in the verdicts (IFEval rows, for example, join by "prompt" and are named by
  /// "key"). Without an `id_field` member an item is named by its join key.
  [[nodiscard]] static dataset_index load(const std::string& path, std::string join_key = "id",
                                          std::string id_field = "id") {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!file) TRANSFERSCORE_THROW(io_error("cannot open dataset " + path));
    dataset_index index;
    index.path_ = path;
    index.key_ = std::move(join_key);
    index.id_field_ = std::move(id_field);
    line_reader reader(file.get());
    line_view line;
    simdjson::dom::parser parser;
    std::string padded;
    while (reader.next(line)) {
      const std::string where = path + ":" + std::to_string(line.number);
      if (line.too_long) TRANSFERSCORE_THROW(io_error(where + ": line too long"));
      if (line.text.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      padded.assign(line.text);
      padded.append(simdjson::SIMDJSON_PADDING, ' ');
      json value;
      if (auto err = parse_json(parser, padded.data(), line.text.size(), padded.size(), value)) {
        TRANSFERSCORE_THROW(io_error(where + (err.path.empty() ? "" : ": field " + err.path) + ": " + err.message));
      }
      index.add(std::move(value), where, line.number);
    }
    index.used_ = std::make_unique<std::atomic<bool>[]>(index.items_.size());
    return index;
  }

  /// Builds an index from values already in memory (tests, embedding applications).
  [[nodiscard]] static dataset_index from_values(std::vector<json> values, std::string join_key = "id",
                                                 std::string id_field = "id") {
    dataset_index index;
    index.path_ = "(memory)";
    index.key_ = std::move(join_key);
    index.id_field_ = std::move(id_field);
    std::uint64_t n = 0;
    for (auto& v : values) {
      ++n;
      index.add(std::move(v), "item " + std::to_string(n), n);
    }
    index.used_ = std::make_unique<std::atomic<bool>[]>(index.items_.size());
    return index;
  }

  /// The item whose key equals `key`, or nullptr. Safe to call from many threads.
  [[nodiscard]] const item* find(const json& key) const {
    auto it = by_key_.find(join_key_text(key));
    if (it == by_key_.end()) return nullptr;
    used_[it->second].store(true, std::memory_order_relaxed);
    return &items_[it->second];
  }

  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  [[nodiscard]] const std::string& join_key() const noexcept { return key_; }
  [[nodiscard]] std::size_t size() const noexcept { return items_.size(); }

  /// How many items no generation asked for: reported at the end of a run.
  [[nodiscard]] std::size_t unused_count() const {
    std::size_t n = 0;
    for (std::size_t i = 0; i < items_.size(); ++i) n += used_[i].load(std::memory_order_relaxed) ? 0 : 1;
    return n;
  }

 private:
  void add(json value, const std::string& where, std::uint64_t line_number) {
    if (!value.is_object()) TRANSFERSCORE_THROW(io_error(where + ": a dataset line must hold a JSON object"));
    const json* key = value.find(key_);
    if (key == nullptr || !(key->is_string() || key->is_integer())) {
      TRANSFERSCORE_THROW(io_error(where + ": field " + key_ + ": missing or not a string/integer"));
    }
    item entry;
    entry.line = line_number;
    const json* named = value.find(id_field_);
    entry.id = named != nullptr && (named->is_string() || named->is_integer()) ? *named : *key;
    if (const auto* b = value.find("benchmark"); b != nullptr && b->is_string()) entry.benchmark = *b->if_string();
    if (const auto* ref = value.find("reference")) {
      entry.reference = *ref;
    } else {
      entry.reference = json::object();
      for (const auto& [k, v] : *value.if_object()) {
        if (k != "id" && k != id_field_ && k != "benchmark") entry.reference[k] = v;
      }
    }
    std::string text = join_key_text(*key);
    auto [it, inserted] = by_key_.emplace(text, items_.size());
    if (!inserted) {
      TRANSFERSCORE_THROW(io_error(where + ": duplicate " + key_ + " '" + text + "' (first at line " +
                                   std::to_string(items_[it->second].line) + ")"));
    }
    items_.push_back(std::move(entry));
  }

  std::string path_;
  std::string key_ = "id";
  std::string id_field_ = "id";
  std::vector<item> items_;
  std::unordered_map<std::string, std::size_t> by_key_;
  std::unique_ptr<std::atomic<bool>[]> used_;
};

}  // namespace io
TRANSFERSCORE_END_NAMESPACE
