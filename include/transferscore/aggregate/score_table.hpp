#pragma once
// CSV in and out: tables of published per-benchmark scores (model,benchmark,score) and of
// model pairs (model,base). RFC 4180 quoting, so model names may hold commas and quotes.

#include <transferscore/config.hpp>
#include <transferscore/core/error.hpp>

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace aggregate {

struct csv_row {
  std::uint64_t line = 0;  ///< 1-based line where the row starts
  std::vector<std::string> fields;
};

/// Splits CSV text into rows. Blank lines are skipped; `name` is used in error messages.
[[nodiscard]] inline std::vector<csv_row> parse_csv(std::string_view text, std::string_view name) {
  std::vector<csv_row> rows;
  std::size_t i = 0;
  std::uint64_t line = 1;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < text.size()) {
    csv_row row;
    row.line = line;
    std::string field;
    bool row_done = false;
    while (!row_done) {
      field.clear();
      if (i < text.size() && text[i] == '"') {
        ++i;
        for (;;) {
          if (i >= text.size()) {
            TRANSFERSCORE_THROW(io_error(std::string(name) + ":" + std::to_string(row.line) + ": unterminated quoted field"));
          }
          const char c = text[i++];
          if (c == '"') {
            if (i < text.size() && text[i] == '"') {
              field.push_back('"');
              ++i;
              continue;
            }
            break;
          }
          if (c == '\n') ++line;
          field.push_back(c);
        }
      }
      while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') field.push_back(text[i++]);
      row.fields.push_back(field);
      if (i < text.size() && text[i] == ',') {
        ++i;
        continue;
      }
      if (i < text.size() && text[i] == '\r') ++i;
      if (i < text.size() && text[i] == '\n') ++i;
      ++line;
      row_done = true;
    }
    const bool blank = row.fields.size() == 1 && row.fields[0].find_first_not_of(" \t") == std::string::npos;
    if (!blank) rows.push_back(std::move(row));
  }
  return rows;
}

/// A field quoted when it must be.
[[nodiscard]] inline std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

[[nodiscard]] inline std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) TRANSFERSCORE_THROW(io_error("cannot open " + path));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

namespace detail {
// Column positions of `wanted` in a header row, or an error naming the missing one.
[[nodiscard]] inline std::vector<std::size_t> columns_of(const csv_row& header, std::initializer_list<std::string_view> wanted,
                                                         std::string_view name) {
  std::vector<std::size_t> at;
  for (auto w : wanted) {
    std::size_t found = header.fields.size();
    for (std::size_t c = 0; c < header.fields.size(); ++c) {
      std::string_view f = header.fields[c];
      while (!f.empty() && f.back() == ' ') f.remove_suffix(1);
      while (!f.empty() && f.front() == ' ') f.remove_prefix(1);
      if (f == w) found = c;
    }
    if (found == header.fields.size()) {
      TRANSFERSCORE_THROW(io_error(std::string(name) + ":" + std::to_string(header.line) + ": the header has no '" +
                                   std::string(w) + "' column"));
    }
    at.push_back(found);
  }
  return at;
}
}  // namespace detail

/// Published per-benchmark scores, in percent.
struct score_table {
  std::map<std::pair<std::string, std::string>, double, std::less<>> scores;  ///< (model, benchmark) -> score
  std::vector<std::string> models;                                            ///< in order of first appearance

  [[nodiscard]] const double* find(const std::string& model, const std::string& benchmark) const {
    auto it = scores.find(std::pair<std::string, std::string>(model, benchmark));
    return it == scores.end() ? nullptr : &it->second;
  }
};

/// Parses `model,benchmark,score` CSV (a header row naming the columns; more columns are ignored).
[[nodiscard]] inline score_table parse_score_table(std::string_view text, std::string_view name) {
  const auto rows = parse_csv(text, name);
  if (rows.empty()) TRANSFERSCORE_THROW(io_error(std::string(name) + ": empty score table"));
  const auto at = detail::columns_of(rows[0], {"model", "benchmark", "score"}, name);
  score_table table;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    auto where = [&] { return std::string(name) + ":" + std::to_string(row.line) + ": "; };
    for (auto c : at) {
      if (c >= row.fields.size()) TRANSFERSCORE_THROW(io_error(where() + "expected " + std::to_string(rows[0].fields.size()) + " fields"));
    }
    const std::string& model = row.fields[at[0]];
    const std::string& benchmark = row.fields[at[1]];
    std::string_view text_score = row.fields[at[2]];
    while (!text_score.empty() && text_score.front() == ' ') text_score.remove_prefix(1);
    while (!text_score.empty() && text_score.back() == ' ') text_score.remove_suffix(1);
    double score = 0.0;
    auto [p, ec] = std::from_chars(text_score.data(), text_score.data() + text_score.size(), score);
    if (ec != std::errc{} || p != text_score.data() + text_score.size() || !std::isfinite(score)) {
      TRANSFERSCORE_THROW(io_error(where() + "score: '" + std::string(text_score) + "' is not a number"));
    }
    if (model.empty() || benchmark.empty()) TRANSFERSCORE_THROW(io_error(where() + "empty model or benchmark"));
    if (!table.scores.emplace(std::pair(model, benchmark), score).second) {
      TRANSFERSCORE_THROW(io_error(where() + "a second score for " + model + " on " + benchmark));
    }
    if (std::find(table.models.begin(), table.models.end(), model) == table.models.end()) table.models.push_back(model);
  }
  return table;
}

[[nodiscard]] inline score_table read_score_table(const std::string& path) {
  return parse_score_table(read_text_file(path), path);
}

/// A fine-tuned model and the model it was trained from.
struct model_pair {
  std::string model;
  std::string base;
};

/// Parses `model,base` CSV.
[[nodiscard]] inline std::vector<model_pair> parse_pairs(std::string_view text, std::string_view name) {
  const auto rows = parse_csv(text, name);
  if (rows.empty()) TRANSFERSCORE_THROW(io_error(std::string(name) + ": empty pairs table"));
  const auto at = detail::columns_of(rows[0], {"model", "base"}, name);
  std::vector<model_pair> pairs;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (at[0] >= row.fields.size() || at[1] >= row.fields.size() || row.fields[at[0]].empty() || row.fields[at[1]].empty()) {
      TRANSFERSCORE_THROW(io_error(std::string(name) + ":" + std::to_string(row.line) + ": expected model,base"));
    }
    for (const auto& p : pairs) {
      if (p.model == row.fields[at[0]]) {
        TRANSFERSCORE_THROW(io_error(std::string(name) + ":" + std::to_string(row.line) + ": " + p.model + " is listed twice"));
      }
    }
    pairs.push_back({row.fields[at[0]], row.fields[at[1]]});
  }
  return pairs;
}

[[nodiscard]] inline std::vector<model_pair> read_pairs(const std::string& path) {
  return parse_pairs(read_text_file(path), path);
}

}  // namespace aggregate
TRANSFERSCORE_END_NAMESPACE
