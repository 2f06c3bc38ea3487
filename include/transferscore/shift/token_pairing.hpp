#pragma once
// Streams two token dumps of the same responses, one scored by the fine-tuned model and one
// by its base, matches their responses by (benchmark, id, sample) and compares each pair.
// Memory holds a few numbers per response and the responses still waiting for their match:
// when both files list the responses in the same order that is one line of each, however
// large the files; out of order, the responses read ahead wait in memory.
//
// Every response must find its match, exactly once: an unmatched or duplicated response,
// a malformed line or a line of the wrong shape stops the run with file:line: field: problem.

#include <transferscore/config.hpp>
#include <transferscore/core/error.hpp>
#include <transferscore/io/json_parse.hpp>
#include <transferscore/io/line_reader.hpp>
#include <transferscore/shift/read_tokens.hpp>
#include <transferscore/shift/scored_tokens.hpp>
#include <transferscore/shift/token_set.hpp>
#include <transferscore/shift/token_stats.hpp>

#include <simdjson.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace shift {

enum class match_by : unsigned char {
  id,   ///< (benchmark, id, sample): the files may list responses in any order
  line  ///< the n-th line of one file with the n-th line of the other (dumps without ids)
};

/// One fine-tuned model's dump and its base's dump of the same responses.
struct token_pair_input {
  std::string tuned_path;
  std::string base_path;
  std::string model;       ///< names the fine-tuned model; empty: the records' "model", else the file name
  std::string base_model;  ///< names the base; empty: the base records' "model", else the file name
  std::string benchmark;   ///< names the benchmark of every record; empty: the records' "benchmark"
};

struct token_pair_options {
  token_read_options read;
  compare_options compare;
  match_by match = match_by::id;
};

struct token_pair_counts {
  std::uint64_t tuned_lines = 0;
  std::uint64_t base_lines = 0;
  std::uint64_t responses = 0;  ///< matched and compared
};

namespace detail {

class token_side {
 public:
  token_side(std::string path, std::string name_override, std::string benchmark_override, const token_pair_options& options)
      : path_(std::move(path)),
        name_(std::move(name_override)),
        benchmark_(std::move(benchmark_override)),
        options_(options),
        file_(std::fopen(path_.c_str(), "rb"), &std::fclose) {
    if (!file_)
      TRANSFERSCORE_THROW(io_error("cannot open " + path_ + ": " + ::transferscore::detail::errno_message(errno)));
    reader_ = std::make_unique<io::line_reader>(file_.get());
    if (name_.empty()) stem_ = std::filesystem::path(path_).stem().string();
  }

  /// Reads the next non-blank line into current(); false at the end of the file.
  bool next() {
    count_ = 0;
    io::line_view line;
    while (reader_->next(line)) {
      if (line.too_long) TRANSFERSCORE_THROW(located_error(path_, line.number, "", "line too long"));
      std::string_view t = line.text;
      while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
      if (t.empty()) continue;
      ++lines_;
      const bool padded = line.readable >= line.text.size() + simdjson::SIMDJSON_PADDING;
      simdjson::dom::element root;
      if (auto ec = parser_.parse(line.text.data(), line.text.size(), !padded).get(root)) {
        TRANSFERSCORE_THROW(located_error(path_, line.number, "", "invalid JSON: " + io::detail::describe(ec)));
      }
      count_ = read_token_line(root, options_.read, path_, line.number, current_, meta_);
      for (std::size_t i = 0; i < count_; ++i) resolve(current_[i]);
      return true;
    }
    return false;
  }

  [[nodiscard]] std::size_t count() const noexcept { return count_; }
  [[nodiscard]] scored_tokens& response(std::size_t i) noexcept { return current_[i]; }
  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  [[nodiscard]] std::uint64_t lines() const noexcept { return lines_; }

  /// Responses read ahead of their match.
  std::unordered_map<std::string, scored_tokens> pending;

  /// Takes response i out of the current line to wait for its match.
  void stash(std::size_t i) {
    scored_tokens& s = current_[i];
    std::string key = s.key;
    pending.emplace(std::move(key), std::move(s));
    s = scored_tokens();
  }

 private:
  // Names the response (overrides win over the record, the file name is the last resort),
  // makes its match key and refuses duplicates.
  void resolve(scored_tokens& s) {
    if (!name_.empty()) s.model = name_;
    else if (s.model.empty()) s.model = stem_;
    if (!benchmark_.empty()) s.benchmark = benchmark_;
    if (s.benchmark.empty()) {
      TRANSFERSCORE_THROW(located_error(path_, s.line, "benchmark", "missing (name it in the record or with --benchmark)"));
    }
    if (options_.match == match_by::id) {
      if (s.key.empty()) {
        TRANSFERSCORE_THROW(located_error(path_, s.line, "id",
                                        "missing: responses are matched by id (wrap backend output with an \"id\" member, or "
                                        "match by line order with --match line)"));
      }
      shown_ = s.key;
    } else {
      shown_ = "line " + std::to_string(lines_);
      if (s.sample != 0) shown_ += "#" + std::to_string(s.sample);
    }
    s.key.clear();
    s.key += s.benchmark;
    s.key += '\x1f';
    s.key += shown_;
    if (!seen_.insert(std::hash<std::string>{}(s.key)).second) {
      TRANSFERSCORE_THROW(located_error(path_, s.line, options_.match == match_by::id ? "id" : "",
                                      "response " + shown_ + " of " + s.benchmark + " appears twice"));
    }
  }

  std::string path_, name_, benchmark_, stem_, shown_;
  const token_pair_options& options_;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file_;
  std::unique_ptr<io::line_reader> reader_;
  simdjson::dom::parser parser_;
  std::vector<scored_tokens> current_;
  std::size_t count_ = 0;
  std::uint64_t lines_ = 0;
  record_meta meta_;
  std::unordered_set<std::size_t> seen_;
};

/// The response's name in messages: its id (or line) and benchmark.
inline std::string response_name(const scored_tokens& s) {
  const auto sep = s.key.find('\x1f');
  return "response " + s.key.substr(sep + 1) + " of " + s.benchmark;
}

}  // namespace detail

/// Reads both dumps of one pair and adds every response to `set`.
inline token_pair_counts read_token_pair(const token_pair_input& input, const token_pair_options& options, token_shift_set& set) {
  detail::token_side tuned(input.tuned_path, input.model, input.benchmark, options);
  detail::token_side base(input.base_path, input.base_model, input.benchmark, options);
  token_pair_counts counts;
  compare_scratch scratch;
  auto compare = [&](scored_tokens& t, scored_tokens& b) {
    token_shift_accumulator& acc = set.at(t.model, b.model, t.benchmark);
    const mismatch m = compare_response(t, b, options.compare, acc, scratch);
    if (!m.message.empty()) {
      TRANSFERSCORE_THROW(located_error(tuned.path(), t.line, "",
                                      detail::response_name(t) + ": " + m.message + " (base side: " + base.path() + ":" +
                                          std::to_string(b.line) + ")"));
    }
    ++counts.responses;
  };
  bool tuned_open = true, base_open = true;
  while (tuned_open || base_open) {
    if (tuned_open) tuned_open = tuned.next();
    if (base_open) base_open = base.next();
    const std::size_t nt = tuned_open ? tuned.count() : 0, nb = base_open ? base.count() : 0;
    // The usual case: the two lines hold the same responses in the same order.
    bool aligned = nt == nb && nt > 0 && tuned.pending.empty() && base.pending.empty();
    for (std::size_t i = 0; aligned && i < nt; ++i) aligned = tuned.response(i).key == base.response(i).key;
    if (aligned) {
      for (std::size_t i = 0; i < nt; ++i) compare(tuned.response(i), base.response(i));
      continue;
    }
    for (std::size_t i = 0; i < nt; ++i) {
      auto it = base.pending.find(tuned.response(i).key);
      if (it == base.pending.end()) {
        tuned.stash(i);
        continue;
      }
      compare(tuned.response(i), it->second);
      base.pending.erase(it);
    }
    for (std::size_t i = 0; i < nb; ++i) {
      auto it = tuned.pending.find(base.response(i).key);
      if (it == tuned.pending.end()) {
        base.stash(i);
        continue;
      }
      compare(it->second, base.response(i));
      tuned.pending.erase(it);
    }
  }
  auto unmatched = [&](detail::token_side& side, const detail::token_side& other) {
    if (side.pending.empty()) return;
    const scored_tokens* first = nullptr;
    for (const auto& [key, s] : side.pending) {
      if (first == nullptr || s.line < first->line) first = &s;
    }
    TRANSFERSCORE_THROW(located_error(side.path(), first->line, options.match == match_by::id ? "id" : "",
                                    detail::response_name(*first) + " has no match in " + other.path() +
                                        (side.pending.size() > 1 ? " (" + std::to_string(side.pending.size() - 1) + " more unmatched)" : "")));
  };
  unmatched(tuned, base);
  unmatched(base, tuned);
  counts.tuned_lines = tuned.lines();
  counts.base_lines = base.lines();
  return counts;
}

}  // namespace shift
TRANSFERSCORE_END_NAMESPACE
