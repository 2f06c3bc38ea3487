#pragma once
// The verdicts of a report, as the verdict browser reads them: one compact JSON array per
// verdict, repeated names (models, benchmarks, scorers, modes, trace policies, files) stored
// once and referred to by index, responses cut to a character limit around the answer.
//
// The JSON is written safe for a <script> element as it is made (html_text.hpp), so a page
// embeds it without another copy.
//
// Row layout (schema transferscore.report-verdicts/1; the page's script reads it by position):
//    0 model    1 benchmark   2 id (as the verdict has it; null when it has none)   3 sample   4 status (index into
//    "statuses")   5 correct (1/0)   6 score   7 extracted   8 scorer   9 mode   10 trace
//   11 file   12 line in that file   13 details: [json text, characters cut] or null
//   14 error: the verdict's "error" object or null   15 response: pieces [kind, text] with
//   kind 0 trace (not scored), 1 scored, 2 the extracted answer; [3, n] is a cut of n
//   characters; null when the verdict has no response   16 gold: [json text, characters cut]
//   or null   17 how the answer was found: 0 not searched or no response, 1 verbatim,
//   2 without regard to case, 3 not found in the response

#include <transferscore/config.hpp>
#include <transferscore/aggregate/accumulator.hpp>
#include <transferscore/aggregate/verdict_reader.hpp>
#include <transferscore/core/json.hpp>
#include <transferscore/core/status.hpp>
#include <transferscore/report/html_response.hpp>
#include <transferscore/report/html_text.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace report {

/// The default character limit of a response in a page of `verdicts` verdicts: 2,000 up to
/// 25,000 verdicts, then a share of 50 million characters (100,000 verdicts: 500), never under
/// 250, so that a large run still makes a page a browser opens in seconds.
[[nodiscard]] constexpr std::size_t default_max_response_chars(std::size_t verdicts) noexcept {
  constexpr std::size_t budget = 50'000'000, most = 2000, least = 250;
  if (verdicts <= budget / most) return most;
  return budget / verdicts < least ? least : budget / verdicts;
}

class verdict_table {
 public:
  verdict_table() = default;
  /// `max_response_chars`: characters of a response (and of a gold, details or extracted text)
  /// kept; 0 keeps all.
  explicit verdict_table(std::size_t max_response_chars) : max_chars_(max_response_chars) {}

  /// Adds one verdict line, read from `file` at `line`. Throws verdict_error naming the file,
  /// line and field when a member has the wrong type (the required ones as the aggregator
  /// checks them); nothing is added then.
  void add(const json& verdict, std::string_view file, std::uint64_t line) {
    std::string key;
    std::string_view model, benchmark;
    (void)aggregate::view_verdict(verdict, file, line, key, model, benchmark);
    auto fail = [&](std::string_view field, std::string_view problem) {
      TRANSFERSCORE_THROW(aggregate::verdict_error(file, line, field, problem));
    };
    auto optional_text = [&](std::string_view field) -> std::string_view {
      const json* v = verdict.find(field);
      if (v == nullptr || v->is_null()) return {};
      if (!v->is_string()) fail(field, "expected a string");
      return *v->if_string();
    };
    const std::string_view state = *verdict.find("status")->if_string();
    const std::string_view extracted = optional_text("extracted");
    const std::string_view trace = optional_text("trace");
    const std::string_view scorer = optional_text("scorer");
    const std::string_view mode = optional_text("mode");
    std::int64_t sample = 0;
    if (const json* s = verdict.find("sample"); s != nullptr && !s->is_null()) {
      const auto n = s->as_int();
      if (!n) fail("sample", "expected an integer");
      sample = *n;
    }
    const json* error = verdict.find("error");
    if (error != nullptr && error->is_null()) error = nullptr;
    if (error != nullptr && !error->is_object()) fail("error", "expected an object");
    const json* response = verdict.find("response");
    if (response != nullptr && response->is_null()) response = nullptr;
    if (response != nullptr && !response->is_string()) fail("response", "expected a string");
    // Every check is done: the row is written whole.

    // The row is written here, then copied into the table made safe for the page's script element.
    std::string& out = row_;
    out.clear();
    out += '[';
    append_index(out, models_, model);
    out += ',';
    append_index(out, benchmarks_, benchmark);
    out += ',';
    verdict.find("id")->dump_to(out);
    out += ',';
    ::transferscore::detail::append_json_number(out, sample);
    out += ',';
    out += std::to_string(static_cast<std::size_t>(*status_from_string(state)));
    out += *verdict.find("correct")->as_bool() ? ",1," : ",0,";
    ::transferscore::detail::append_json_number(out, *verdict.find("score")->as_double());
    out += ',';
    {
      // An extracted answer can be long (a program): cut like the rest, with the count.
      std::size_t cut = 0;
      const std::string_view kept = cut_text(extracted, max_chars_, cut);
      ::transferscore::detail::append_json_string(
          out, cut == 0 ? std::string(kept) : std::string(kept) + " … [" + std::to_string(cut) + " characters cut]");
    }
    out += ',';
    append_index(out, scorers_, scorer);
    out += ',';
    append_index(out, modes_, mode);
    out += ',';
    append_index(out, traces_, trace);
    out += ',';
    const std::size_t file_index = index_of(files_, file);
    out += std::to_string(file_index);
    out += ',';
    ::transferscore::detail::append_json_number(out, static_cast<std::int64_t>(line));
    out += ',';
    append_cut_json(out, verdict.find("details"));
    out += ',';
    if (error != nullptr) error->dump_to(out);
    else out += "null";
    out += ',';
    int found = 0;
    if (response == nullptr) {
      out += "null";
    } else {
      const std::string_view text = *response->if_string();
      const answer_location at = locate_answer(text, extracted, trace);
      found = extracted.empty() ? 0 : !at.found() ? 3 : at.ignoring_case ? 2 : 1;
      out += '[';
      bool first = true, cut = false;
      for (const auto& p : response_pieces(text, at, max_chars_)) {
        out += first ? "[" : ",[";
        first = false;
        out += std::to_string(static_cast<int>(p.what));
        out += ',';
        if (p.what == response_piece::kind::cut) {
          out += std::to_string(p.cut_chars);
          cut = true;
        } else {
          ::transferscore::detail::append_json_string(out, p.text);
        }
        out += ']';
      }
      out += ']';
      ++responses_;
      if (cut) ++cut_responses_;
    }
    out += ',';
    append_cut_json(out, verdict.find("gold"));
    out += ',';
    out += std::to_string(found);
    out += ']';
    if (rows_count_ > 0) rows_ += ',';
    append_script_safe_json(rows_, out);
    remember_location(file_index, line);
    ++rows_count_;
  }

  /// Reads verdict files into `into` (for the estimates) and into this table (for the browser),
  /// in one pass over each file.
  aggregate::read_counts read(const std::string& path, aggregate::accumulator_set& into) {
    const std::string shown = path == "-" ? "<stdin>" : path;
    return aggregate::read_verdicts(path, into, [&](const json& v, std::uint64_t line) { add(v, shown, line); });
  }

  [[nodiscard]] std::size_t size() const noexcept { return rows_count_; }
  [[nodiscard]] std::size_t json_size() const noexcept { return rows_.size() + 4096; }  ///< about, for reserving
  [[nodiscard]] std::size_t responses() const noexcept { return responses_; }  ///< verdicts that carry a response
  [[nodiscard]] std::size_t cut_responses() const noexcept { return cut_responses_; }  ///< responses longer than the limit
  [[nodiscard]] std::size_t max_response_chars() const noexcept { return max_chars_; }

  /// The row of the verdict read from `file` (as named to add or read: "<stdin>" for -) at
  /// `line`, as the page's script numbers rows; nothing when the table holds no such verdict.
  /// The same line read twice is the first row.
  [[nodiscard]] std::optional<std::size_t> row_at(std::string_view file, std::uint64_t line) const {
    const auto f = files_.index.find(file);
    if (f == files_.index.end() || f->second >= locations_.size()) return std::nullopt;
    const auto& lines = locations_[f->second];
    const auto it = std::lower_bound(lines.begin(), lines.end(), std::pair<std::uint64_t, std::size_t>{line, 0},
                                     [](const auto& x, const auto& y) { return x.first < y.first; });
    if (it == lines.end() || it->first != line) return std::nullopt;
    return it->second;
  }

  /// The table as one JSON object, written safe for a script element (script_safe_json).
  [[nodiscard]] std::string json_text() const {
    std::string out;
    append_json(out);
    return out;
  }

  /// Appends json_text() to `out`, without a copy of the rows in between.
  void append_json(std::string& out) const {
    out += "{\"schema\":\"transferscore.report-verdicts/1\",\"max_chars\":";
    out += std::to_string(max_chars_);
    out += ",\"statuses\":[";
    for (std::size_t i = 0; i < status_count; ++i) {
      if (i > 0) out += ',';
      ::transferscore::detail::append_json_string(out, status_names[i]);
    }
    out += ']';
    auto list = [&](std::string_view name, const names& n) {
      std::string text = ",\"" + std::string(name) + "\":[";
      for (std::size_t i = 0; i < n.list.size(); ++i) {
        if (i > 0) text += ',';
        ::transferscore::detail::append_json_string(text, n.list[i]);
      }
      text += ']';
      append_script_safe_json(out, text);
    };
    list("models", models_);
    list("benchmarks", benchmarks_);
    list("scorers", scorers_);
    list("modes", modes_);
    list("traces", traces_);
    list("files", files_);
    out += ",\"rows\":[";
    out += rows_;
    out += "]}";
  }

 private:
  struct names {
    std::vector<std::string> list;
    std::map<std::string, std::size_t, std::less<>> index;
  };

  static std::size_t index_of(names& n, std::string_view name) {
    auto it = n.index.find(name);
    if (it == n.index.end()) {
      it = n.index.emplace(std::string(name), n.list.size()).first;
      n.list.emplace_back(name);
    }
    return it->second;
  }

  static void append_index(std::string& out, names& n, std::string_view name) { out += std::to_string(index_of(n, name)); }

  /// Lines of a file come in order as it is read: an append, unless a file is read twice.
  void remember_location(std::size_t file, std::uint64_t line) {
    if (locations_.size() <= file) locations_.resize(file + 1);
    auto& lines = locations_[file];
    const std::pair<std::uint64_t, std::size_t> at{line, rows_count_};
    if (lines.empty() || lines.back().first < line) {
      lines.push_back(at);
      return;
    }
    const auto it = std::lower_bound(lines.begin(), lines.end(), at, [](const auto& x, const auto& y) { return x.first < y.first; });
    if (it == lines.end() || it->first != line) lines.insert(it, at);
  }

  /// [json text, characters cut], or null: a gold or details value, cut like a response.
  void append_cut_json(std::string& out, const json* value) const {
    if (value == nullptr || value->is_null()) {
      out += "null";
      return;
    }
    const std::string text = value->dump();
    std::size_t cut = 0;
    const std::string_view kept = cut_text(text, max_chars_, cut);
    out += '[';
    ::transferscore::detail::append_json_string(out, kept);
    out += ',';
    out += std::to_string(cut);
    out += ']';
  }

  std::size_t max_chars_ = default_max_response_chars(0);
  std::string rows_;  ///< the rows, comma-separated, script-safe
  std::string row_;   ///< the row being written
  std::size_t rows_count_ = 0, responses_ = 0, cut_responses_ = 0;
  names models_, benchmarks_, scorers_, modes_, traces_, files_;
  /// Per file (as in files_): (line, row), by line; 16 bytes a verdict, for row_at.
  std::vector<std::vector<std::pair<std::uint64_t, std::size_t>>> locations_;
};

}  // namespace report
TRANSFERSCORE_END_NAMESPACE
