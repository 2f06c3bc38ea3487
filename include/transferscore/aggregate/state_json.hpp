#pragma once
// The mergeable state of an accumulator_set as JSON Lines, so shards scored on different
// machines combine exactly (`transferscore aggregate -s`, `transferscore merge`).
//
//   {"format":"transferscore-aggregate-state","version":1}
//   {"model":"m","benchmark":"b","items":2,"track_answers":true,"statuses":{"ok":3,...},"metrics":["em","f1"]}
//   ["\"q1\"",2,2,1,1.5,[["9c1e...",1]],[[1,2,0,0],[1.5,2,0,0]]]
//   ... one line per item: key (the id's JSON text, as a string), samples, ok, correct,
//       score sum of the ok samples, wrong-answer classes [hex key, count] ("0" = no answer),
//       and per metric [ok numerator, ok denominator, non-ok numerator, non-ok denominator]
//
// Accumulators come in (model, benchmark) order, items in key order, classes in key order,
// and numbers in their shortest exact form: equal states are equal files, byte for byte.
// One line per item keeps reading and writing in bounded memory beyond the accumulators.

#include <transferscore/config.hpp>
#include <transferscore/aggregate/accumulator.hpp>
#include <transferscore/core/error.hpp>
#include <transferscore/core/json.hpp>
#include <transferscore/io/json_parse.hpp>
#include <transferscore/io/line_reader.hpp>

#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace aggregate {

inline constexpr std::string_view state_format = "transferscore-aggregate-state";
inline constexpr std::int64_t state_version = 1;

/// Writes the state of `set` to `out` (see the file comment for the layout).
inline void write_state(const accumulator_set& set, std::FILE* out) {
  std::string line;
  auto flush = [&] {
    line.push_back('\n');
    if (std::fwrite(line.data(), 1, line.size(), out) != line.size()) {
      TRANSFERSCORE_THROW(io_error("cannot write the aggregate state"));
    }
    line.clear();
  };
  line.append("{\"format\":");
  ::transferscore::detail::append_json_string(line, state_format);
  line.append(",\"version\":");
  ::transferscore::detail::append_json_number(line, state_version);
  line.push_back('}');
  flush();
  for (const auto& [key, acc] : set.entries()) {
    line.append("{\"model\":");
    ::transferscore::detail::append_json_string(line, key.model);
    line.append(",\"benchmark\":");
    ::transferscore::detail::append_json_string(line, key.benchmark);
    line.append(",\"items\":");
    ::transferscore::detail::append_json_number(line, static_cast<std::int64_t>(acc.size()));
    line.append(acc.tracks_answers() ? ",\"track_answers\":true" : ",\"track_answers\":false");
    line.append(",\"statuses\":{");
    for (std::size_t s = 0; s < status_count; ++s) {
      if (s > 0) line.push_back(',');
      ::transferscore::detail::append_json_string(line, status_names[s]);
      line.push_back(':');
      ::transferscore::detail::append_json_number(line, static_cast<std::int64_t>(acc.statuses()[s]));
    }
    line.append("},\"metrics\":[");
    for (std::size_t m = 0; m < acc.metric_names().size(); ++m) {
      if (m > 0) line.push_back(',');
      ::transferscore::detail::append_json_string(line, acc.metric_names()[m]);
    }
    line.append("]}");
    flush();

    const auto& answers = acc.answers();  // sorted by (item, key)
    std::vector<std::size_t> first_answer(acc.size() + 1, answers.size());
    for (std::size_t a = answers.size(); a-- > 0;) first_answer[answers[a].item] = a;
    for (auto i : acc.canonical_order()) {
      const item_stats& st = acc.stats(i);
      line.push_back('[');
      ::transferscore::detail::append_json_string(line, acc.item_key(i));
      for (std::uint32_t v : {st.samples, st.ok, st.correct}) {
        line.push_back(',');
        ::transferscore::detail::append_json_number(line, static_cast<std::int64_t>(v));
      }
      line.push_back(',');
      ::transferscore::detail::append_json_number(line, st.score_sum);
      line.append(",[");
      bool first = true;
      for (std::size_t a = first_answer[i]; a < answers.size() && answers[a].item == i; ++a) {
        if (!first) line.push_back(',');
        first = false;
        char hex[17];
        auto [end, ec] = std::to_chars(hex, hex + sizeof hex, answers[a].key, 16);
        (void)ec;
        line.append("[\"");
        line.append(hex, end);
        line.append("\",");
        ::transferscore::detail::append_json_number(line, static_cast<std::int64_t>(answers[a].count));
        line.push_back(']');
      }
      line.append("],[");
      for (std::size_t m = 0; m < acc.metric_names().size(); ++m) {
        if (m > 0) line.push_back(',');
        const metric_sums& ms = acc.metric(i, m);
        line.push_back('[');
        ::transferscore::detail::append_json_number(line, ms.ok_num);
        line.push_back(',');
        ::transferscore::detail::append_json_number(line, ms.ok_den);
        line.push_back(',');
        ::transferscore::detail::append_json_number(line, ms.other_num);
        line.push_back(',');
        ::transferscore::detail::append_json_number(line, ms.other_den);
        line.push_back(']');
      }
      line.append("]]");
      flush();
    }
  }
}

/// Writes the state to a file ("-" is standard output).
inline void write_state(const accumulator_set& set, const std::string& path) {
  if (path == "-") {
    write_state(set, stdout);
    return;
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "wb"), &std::fclose);
  if (!f) TRANSFERSCORE_THROW(io_error("cannot write " + path + ": " + ::transferscore::detail::errno_message(errno)));
  write_state(set, f.get());
  if (std::fclose(f.release()) != 0) TRANSFERSCORE_THROW(io_error("cannot finish writing " + path));
}

/// Whether a first line looks like the header of a state file.
[[nodiscard]] inline bool is_state_header(std::string_view first_line) {
  return first_line.find("\"format\":\"transferscore-aggregate-state\"") != std::string_view::npos;
}

/// Reads a state file and merges it into `into` (merging several files combines shards).
inline void read_state(std::FILE* file, std::string_view name, accumulator_set& into) {
  io::line_reader reader(file);
  simdjson::dom::parser parser;
  io::line_view line;
  json v;
  auto fail = [&](std::string_view field, const std::string& problem) {
    TRANSFERSCORE_THROW(io_error(std::string(name) + ":" + std::to_string(line.number) + ": " +
                                 (field.empty() ? "" : std::string(field) + ": ") + problem));
  };
  auto count = [&](const json& j, std::string_view field) -> std::uint32_t {
    const auto n = j.as_int();
    if (!n || *n < 0 || *n > 0xFFFFFFFFll) fail(field, "expected a count");
    return static_cast<std::uint32_t>(*n);
  };
  auto number = [&](const json& j, std::string_view field) -> double {
    if (!j.is_number()) fail(field, "expected a number");
    return *j.as_double();
  };
  bool header = false;
  benchmark_accumulator* acc = nullptr;
  std::vector<std::string> metrics;
  std::uint64_t items_left = 0;
  while (reader.next(line)) {
    if (line.too_long) fail("", "line too long");
    if (line.text.empty()) continue;
    if (auto err = io::parse_json(parser, line.text.data(), line.text.size(), 0, v)) fail(err.path, "invalid JSON: " + err.message);
    if (!header) {
      const json* f = v.find("format");
      if (f == nullptr || f->if_string() == nullptr || *f->if_string() != state_format) fail("format", "not an aggregate state file");
      const json* ver = v.find("version");
      if (ver == nullptr || ver->as_int() != state_version) fail("version", "unsupported state version");
      header = true;
      continue;
    }
    if (items_left == 0) {
      if (!v.is_object()) fail("", "expected an accumulator header");
      const json* model = v.find("model");
      const json* benchmark = v.find("benchmark");
      const json* items = v.find("items");
      if (model == nullptr || !model->is_string()) fail("model", "expected a string");
      if (benchmark == nullptr || !benchmark->is_string()) fail("benchmark", "expected a string");
      if (items == nullptr) fail("items", "missing");
      items_left = count(*items, "items");
      acc = &into.at(*model->if_string(), *benchmark->if_string());
      if (const json* t = v.find("track_answers"); t != nullptr && t->as_bool() == false) acc->set_track_answers(false);
      benchmark_accumulator::status_counts statuses{};
      if (const json* st = v.find("statuses"); st != nullptr && st->is_object()) {
        for (const auto& [k, c] : *st->if_object()) {
          const auto s = status_from_string(k);
          if (!s) fail("statuses", "unknown status '" + k + "'");
          statuses[static_cast<std::size_t>(*s)] = count(c, "statuses");
        }
      }
      acc->add_statuses(statuses);
      metrics.clear();
      if (const json* ms = v.find("metrics"); ms != nullptr && ms->is_array()) {
        for (const auto& m : *ms->if_array()) {
          if (!m.is_string()) fail("metrics", "expected names");
          metrics.push_back(*m.if_string());
        }
      }
      continue;
    }
    const auto* row = v.if_array();
    if (row == nullptr || row->size() != 7 || !(*row)[0].is_string() || !(*row)[5].is_array() || !(*row)[6].is_array()) {
      fail("", "expected an item row [key, samples, ok, correct, score_sum, classes, metrics]");
    }
    item_stats st;
    st.samples = count((*row)[1], "samples");
    st.ok = count((*row)[2], "ok");
    st.correct = count((*row)[3], "correct");
    st.score_sum = number((*row)[4], "score_sum");
    if (st.ok > st.samples || st.correct > st.ok) fail("", "inconsistent counts");
    const std::uint32_t i = acc->add_item(*(*row)[0].if_string(), st);
    for (const auto& c : *(*row)[5].if_array()) {
      const auto* pair = c.if_array();
      if (pair == nullptr || pair->size() != 2 || !(*pair)[0].is_string()) fail("classes", "expected [hex key, count]");
      const std::string& hex = *(*pair)[0].if_string();
      std::uint64_t key = 0;
      auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), key, 16);
      if (ec != std::errc{} || end != hex.data() + hex.size()) fail("classes", "bad answer key '" + hex + "'");
      acc->add_answer(i, key, count((*pair)[1], "classes"));
    }
    const auto& sums = *(*row)[6].if_array();
    if (sums.size() != metrics.size()) fail("metrics", "expected one entry per metric");
    for (std::size_t m = 0; m < sums.size(); ++m) {
      const auto* q = sums[m].if_array();
      if (q == nullptr || q->size() != 4) fail("metrics", "expected [ok_num, ok_den, other_num, other_den]");
      acc->add_metric(i, metrics[m],
                      {number((*q)[0], "metrics"), number((*q)[1], "metrics"), number((*q)[2], "metrics"),
                       number((*q)[3], "metrics")});
    }
    --items_left;
  }
  if (!header) fail("", "empty state file");
  if (items_left != 0) fail("", "truncated: " + std::to_string(items_left) + " item rows missing");
}

inline void read_state(const std::string& path, accumulator_set& into) {
  if (path == "-") {
    read_state(stdin, "<stdin>", into);
    return;
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) TRANSFERSCORE_THROW(io_error("cannot open " + path + ": " + ::transferscore::detail::errno_message(errno)));
  read_state(f.get(), path, into);
}

}  // namespace aggregate
TRANSFERSCORE_END_NAMESPACE
