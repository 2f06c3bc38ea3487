#pragma once
// Reads one side of a comparison: verdict lines (what `transferscore score` writes) and
// lm-evaluation-harness sample lines (samples_<task>_*.jsonl), line by line, each as one
// judgement of one record. A line that cannot be used is kept as a bad line naming its
// file, line and field, so that every input line is accounted for.
//
// lm-eval lines are read through the same adapter that `transferscore score` uses, so a
// sample log and the verdicts scored from it get the same (model, benchmark, id) keys.

#include <transferscore/config.hpp>
#include <transferscore/aggregate/verdict_reader.hpp>
#include <transferscore/core/error.hpp>
#include <transferscore/core/json.hpp>
#include <transferscore/core/status.hpp>
#include <transferscore/detail/latex_box.hpp>
#include <transferscore/detail/text.hpp>
#include <transferscore/diff/shapes.hpp>
#include <transferscore/io/adapters.hpp>
#include <transferscore/io/dataset.hpp>
#include <transferscore/io/json_parse.hpp>
#include <transferscore/io/line_reader.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace diff {

/// Extracted answers and golds are kept up to this many bytes (reports show less).
inline constexpr std::size_t max_kept_answer_bytes = 2000;

enum class line_kind : unsigned char { verdict, lm_eval };

/// One judgement of one record by one side.
struct entry {
  std::string model;
  std::string benchmark;
  std::string id;  ///< the id as text: strings as written, integers in decimal (17 and "17" match)
  std::int64_t sample = 0;
  bool correct = false;
  double score = 0.0;
  status state = status::ok;
  std::string extracted;  ///< the judged answer, cut to max_kept_answer_bytes
  std::string source;     ///< details.source of a verdict; the filter of an lm-eval line
  std::string gold;       ///< the final answer of the gold the line carries (lm-eval `target`)
  bool has_gold = false;
  shape extracted_shape = shape::empty;
  line_kind kind = line_kind::verdict;
  std::uint32_t file = 0;  ///< index into side::files
  std::uint64_t line = 0;
};

/// A verdict without an id: the error verdict of a record that was lost before it had one
/// (`score` writes one for a line that is not JSON, or a record without an id). It judges no
/// record that the other side could name, so it is never paired: it is counted, by status, in
/// the (model, benchmark) it names, and listed with its file and line.
struct lost_record {
  std::string model;
  std::string benchmark;
  status state = status::malformed_record;
  std::string field;    ///< the verdict's error.field
  std::string message;  ///< the verdict's error.message
  std::uint32_t file = 0;
  std::uint64_t line = 0;
};

/// A line that gave no judgement, and why.
struct bad_line {
  std::uint32_t file = 0;
  std::uint64_t line = 0;
  std::string field;  ///< the offending member ("exact_match", "doc_id"); empty for the whole line
  std::string message;
};

/// How one side's lines are read.
struct side_options {
  /// Metric names tried in order. For an lm-eval line, a top-level member (exact_match,
  /// math_verify, acc); for a verdict line, a member of `details` (prompt_loose, em).
  /// Empty: lm-eval files name their metric themselves (one per file, else an error) and
  /// verdict lines give `correct` and `score`.
  std::vector<std::string> metrics;
  /// lm-eval only: keep the lines of these filters (strict-match, flexible-extract, none;
  /// tasks name their filters differently). Empty: keep every line.
  std::vector<std::string> filters;

  [[nodiscard]] bool keeps(std::string_view filter) const {
    return filters.empty() || std::find(filters.begin(), filters.end(), filter) != filters.end();
  }
};

/// Every line of one side, read.
struct side {
  std::string label = "A";
  side_options options;
  std::vector<std::string> files;
  std::deque<entry> entries;  ///< a deque: a million judgements are never moved to grow
  std::vector<lost_record> unidentified;  ///< verdicts without an id, in input order
  std::vector<bad_line> bad_lines;
  std::uint64_t lines = 0;         ///< non-blank lines
  std::uint64_t verdict_lines = 0;  ///< transferscore verdicts among them
  std::uint64_t lm_eval_lines = 0;  ///< lm-eval sample lines among them
  std::uint64_t filtered_out = 0;   ///< lm-eval lines of filters that options.filters leaves out
  /// Per file: the lm-eval filters seen, and the metric read from its lm-eval lines.
  std::vector<std::vector<std::string>> filters;
  std::vector<std::string> metric;

  /// Registers a file (its per-file state included); returns its index.
  std::uint32_t add_file(std::string name) {
    files.push_back(std::move(name));
    filters.emplace_back();
    metric.emplace_back();
    return static_cast<std::uint32_t>(files.size() - 1);
  }
};

namespace detail {

/// lm-eval members that are never metrics.
inline constexpr std::string_view lm_eval_members[] = {
    "doc_id", "doc", "target", "arguments", "resps", "filtered_resps", "filter", "metrics",
    "doc_hash", "prompt_hash", "target_hash", "task_name", "task", "id", "benchmark", "model", "reference", "sample"};

[[nodiscard]] inline bool is_lm_eval_member(std::string_view name) {
  return std::find(std::begin(lm_eval_members), std::end(lm_eval_members), name) != std::end(lm_eval_members);
}

/// A metric value as a judgement: true/false, a number (correct when it is 1), or a list
/// of them (score = their mean, correct when all are). Nothing for anything else.
struct judgement {
  double score = 0.0;
  bool correct = false;
};

[[nodiscard]] inline std::optional<judgement> judge_value(const json& v) {
  if (auto b = v.as_bool(); b && v.is_bool()) return judgement{*b ? 1.0 : 0.0, *b};
  if (v.is_number()) {
    const double d = *v.as_double();
    if (!std::isfinite(d)) return std::nullopt;
    return judgement{d, d == 1.0};
  }
  if (const auto* list = v.if_array(); list != nullptr && !list->empty()) {
    judgement j{0.0, true};
    for (const auto& item : *list) {
      auto one = judge_value(item);
      if (!one || item.is_array()) return std::nullopt;
      j.score += one->score;
      j.correct = j.correct && one->correct;
    }
    j.score /= static_cast<double>(list->size());
    return j;
  }
  return std::nullopt;
}

[[nodiscard]] inline std::string kept(std::string_view text) {
  return std::string(::transferscore::detail::utf8_prefix(text, max_kept_answer_bytes));
}

/// A gold or an answer given as a JSON value, as text: strings as they are, integers in
/// decimal, anything else as JSON.
[[nodiscard]] inline std::string value_text(const json& v) {
  if (const auto* s = v.if_string()) return kept(*s);
  return kept(v.dump());
}

/// The final answer of a gold that is a worked solution, as datasets often give it: the
/// text after GSM8K's last "####", else the content of the last \boxed{}; else the gold.
[[nodiscard]] inline std::string_view final_answer(std::string_view gold) {
  if (const auto hashes = gold.rfind("####"); hashes != std::string_view::npos) {
    return ::transferscore::detail::trim_ascii(gold.substr(hashes + 4));
  }
  bool too_long = false;
  if (auto box = ::transferscore::detail::last_box_before(gold, gold.size(), gold.size(), too_long); box && box->closed) {
    return ::transferscore::detail::trim_ascii(gold.substr(box->content_begin, box->content_end - box->content_begin));
  }
  return gold;
}

/// A gold given as a JSON value, as text, reduced to its final answer.
[[nodiscard]] inline std::string gold_text(const json& v) {
  if (const auto* s = v.if_string()) return kept(final_answer(*s));
  return value_text(v);
}

/// The answer of a record's reference (what `score --keep-response` writes as a verdict's
/// "gold"): a string or number reference itself, else `reference.answer`, else
/// `reference.answers[0]`; nullptr when it holds none (IFEval's instructions, code tests).
[[nodiscard]] inline const json* reference_answer(const json& reference) {
  if (reference.is_string() || reference.is_number()) return &reference;
  if (const json* a = reference.find("answer"); a != nullptr) return a;
  if (const json* list = reference.find("answers"); list != nullptr && list->if_array() != nullptr && list->size() > 0) {
    return &(*list->if_array())[0];
  }
  return nullptr;
}

/// What an lm-eval line's filtered response says: the text, or for log-likelihood tasks
/// ([[logprob, is_greedy], ...] per choice) the index of the most likely choice.
[[nodiscard]] inline std::string lm_eval_extracted(const json& line) {
  const json* filtered = line.find("filtered_resps");
  if (filtered == nullptr) return {};
  if (const auto* s = filtered->if_string()) return kept(*s);
  const auto* list = filtered->if_array();
  if (list == nullptr || list->empty()) return {};
  const json& first = (*list)[0];
  if (const auto* s = first.if_string()) return kept(*s);
  const auto number = [](const json& v) -> std::optional<double> {
    if (v.is_number()) return v.as_double();
    if (const auto* s = v.if_string()) {
      // lm-eval >= 0.4.3 writes log-probabilities as strings.
      char* end = nullptr;
      const double d = std::strtod(s->c_str(), &end);
      if (end != s->c_str() && *end == '\0') return d;
    }
    return std::nullopt;
  };
  if (const auto* pair = first.if_array(); pair != nullptr && pair->size() == 2 && number((*pair)[0])) {
    std::size_t best = 0;
    double best_value = -INFINITY;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const auto* p = (*list)[i].if_array();
      const auto v = p != nullptr && !p->empty() ? number((*p)[0]) : std::nullopt;
      if (v && *v > best_value) {
        best_value = *v;
        best = i;
      }
    }
    return std::to_string(best);
  }
  if (const auto* repeats = first.if_array(); repeats != nullptr && !repeats->empty()) {
    if (const auto* s = (*repeats)[0].if_string()) return kept(*s);
  }
  return value_text(first);
}

inline std::string joined(const std::vector<std::string>& names, std::string_view separator) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out.append(separator);
    out.append(n);
  }
  return out;
}

}  // namespace detail

/// Reads lines into a side. Keeps, per file, what must be decided once for the file.
class side_reader {
 public:
  explicit side_reader(side& into) : side_(into) {}

  /// Reads one file; "-" reads standard input. Throws io_error when it cannot be opened,
  /// config_error when an lm-eval file names several metrics and none was chosen.
  void read_file(const std::string& path) {
    if (path == "-") {
      read_stream(stdin, "<stdin>");
      return;
    }
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!f) TRANSFERSCORE_THROW(io_error("cannot open " + path + ": " + ::transferscore::detail::errno_message(errno)));
    read_stream(f.get(), path);
  }

  void read_stream(std::FILE* file, const std::string& name) {
    const std::uint32_t index = begin_file(name);
    io::line_reader reader(file);
    io::line_view line;
    while (reader.next(line)) {
      if (line.too_long) {
        ++side_.lines;
        side_.bad_lines.push_back({index, line.number, "", "line too long"});
        continue;
      }
      add_line(line.text, index, line.number, line.readable);
    }
  }

  /// Starts a new file (for lines given one by one); returns its index.
  std::uint32_t begin_file(const std::string& name) { return side_.add_file(name); }

  /// Reads one line of file `file` (blank lines are skipped). `readable`: bytes readable
  /// from text.data() (0 when unknown: the parser then copies the line).
  void add_line(std::string_view text, std::uint32_t file, std::uint64_t number, std::size_t readable = 0) {
    if (::transferscore::detail::trim_ascii(text).empty()) return;
    ++side_.lines;
    json line;
    if (auto err = io::parse_json(parser_, text.data(), text.size(), readable, line)) {
      side_.bad_lines.push_back({file, number, err.path, "invalid JSON: " + err.message});
      return;
    }
    if (!line.is_object()) {
      side_.bad_lines.push_back({file, number, "", "a line must hold a JSON object"});
      return;
    }
    if (io::detect_format(line) == io::input_format::lm_eval) {
      ++side_.lm_eval_lines;
      add_lm_eval(line, file, number);
    } else {
      ++side_.verdict_lines;
      add_verdict(line, file, number);
    }
  }

 private:
  void bad(std::uint32_t file, std::uint64_t number, std::string field, std::string message) {
    side_.bad_lines.push_back({file, number, std::move(field), std::move(message)});
  }

  void add_verdict(const json& line, std::uint32_t file, std::uint64_t number) {
    std::string key;
    std::string_view model, benchmark;
    aggregate::sample_view view;
    if (auto problem = aggregate::parse_verdict(line, key, model, benchmark, view)) {
      bad(file, number, problem.field, problem.problem);
      return;
    }
    if (!view.identified) {
      lost_record lost;
      lost.model = model;
      lost.benchmark = benchmark;
      lost.state = view.state;
      lost.file = file;
      lost.line = number;
      if (const json* error = line.find("error"); error != nullptr && error->is_object()) {
        if (const json* f = error->find("field"); f != nullptr && f->is_string()) lost.field = *f->if_string();
        if (const json* m = error->find("message"); m != nullptr && m->is_string()) lost.message = *m->if_string();
      }
      side_.unidentified.push_back(std::move(lost));
      return;
    }
    entry e;
    e.kind = line_kind::verdict;
    e.file = file;
    e.line = number;
    e.model = model;
    e.benchmark = benchmark;
    e.id = io::join_key_text(*line.find("id"));
    if (const json* s = line.find("sample"); s != nullptr) {
      const auto v = s->as_int();
      if (!s->is_integer() || !v || *v < 0) {
        bad(file, number, "sample", "expected a non-negative integer");
        return;
      }
      e.sample = *v;
    }
    e.state = view.state;
    e.correct = view.correct;
    e.score = view.score;
    if (view.details != nullptr) {
      for (const auto& name : side_.options.metrics) {
        const json* value = view.details->find(name);
        if (value == nullptr) continue;
        auto j = detail::judge_value(*value);
        if (!j) {
          bad(file, number, "details." + name, "expected a number, true/false or a list of them");
          return;
        }
        e.correct = j->correct;
        e.score = j->score;
        break;
      }
      if (const json* source = view.details->find("source"); source != nullptr && source->is_string()) {
        e.source = *source->if_string();
      }
    }
    if (e.state != status::ok) {
      e.correct = false;
      e.score = 0.0;
    }
    e.extracted = detail::kept(view.extracted);
    e.extracted_shape = classify(view.extracted);
    // `score --keep-response` writes the record's reference as "gold".
    if (const json* gold = line.find("gold"); gold != nullptr && !gold->is_null()) {
      if (const json* answer = detail::reference_answer(*gold); answer != nullptr && !answer->is_null()) {
        e.gold = detail::gold_text(*answer);
        e.has_gold = true;
      }
    }
    side_.entries.push_back(std::move(e));
  }

  void add_lm_eval(const json& line, std::uint32_t file, std::uint64_t number) {
    io::adapt_context context;
    context.source = side_.files[file];
    context.line = number;
    const io::adapt_result adapted = io::adapt_lm_eval(line, context);
    if (!adapted.ok()) {
      bad(file, number, adapted.field, adapted.message);
      return;
    }
    std::string filter;
    if (const json* f = line.find("filter"); f != nullptr && f->is_string()) filter = *f->if_string();
    auto& seen = side_.filters[file];
    if (std::find(seen.begin(), seen.end(), filter) == seen.end()) seen.push_back(filter);
    if (!side_.options.keeps(filter)) {
      ++side_.filtered_out;
      return;
    }

    const std::string metric = metric_of(line, file, number);
    if (metric.empty()) return;  // reported as a bad line
    auto j = detail::judge_value(*line.find(metric));
    if (!j) {
      bad(file, number, metric, "expected a number, true/false or a list of them");
      return;
    }

    const record& r = adapted.records.front();
    entry e;
    e.kind = line_kind::lm_eval;
    e.file = file;
    e.line = number;
    e.model = r.model;
    e.benchmark = r.benchmark;
    e.id = io::join_key_text(r.id);
    e.correct = j->correct;
    e.score = j->score;
    e.source = filter;
    e.extracted = detail::lm_eval_extracted(line);
    // lm-eval's regex filters write "[invalid]" when they find nothing.
    if (e.extracted == "[invalid]" || ::transferscore::detail::trim_ascii(e.extracted).empty()) {
      e.state = status::no_answer;
      e.extracted.clear();
      e.correct = false;
      e.score = 0.0;
    }
    e.extracted_shape = classify(e.extracted);
    if (const json* target = line.find("target"); target != nullptr && !target->is_null()) {
      e.gold = detail::gold_text(*target);
      e.has_gold = true;
    }
    side_.entries.push_back(std::move(e));
  }

  /// The metric member of an lm-eval line: the first of the chosen names it has, or the one
  /// its file uses. Empty (and a bad line recorded) when there is none.
  std::string metric_of(const json& line, std::uint32_t file, std::uint64_t number) {
    const auto& chosen = side_.options.metrics;
    if (!chosen.empty()) {
      for (const auto& name : chosen) {
        if (line.contains(name)) {
          side_.metric[file] = name;
          return name;
        }
      }
      bad(file, number, detail::joined(chosen, "|"), "missing (the metric chosen with --metric)");
      return {};
    }
    std::string& decided = side_.metric[file];
    if (decided.empty()) {
      std::vector<std::string> candidates;
      if (const auto* named = line.find("metrics"); named != nullptr && named->is_array()) {
        for (const auto& n : *named->if_array()) {
          if (const auto* s = n.if_string(); s != nullptr && line.contains(*s)) candidates.push_back(*s);
        }
      }
      if (candidates.empty()) {
        for (const auto& [name, value] : *line.if_object()) {
          if (!detail::is_lm_eval_member(name) && detail::judge_value(value)) candidates.push_back(name);
        }
      }
      if (candidates.size() > 1) {
        TRANSFERSCORE_THROW(config_error(side_.files[file] + ":" + std::to_string(number) + ": several metrics (" +
                                         detail::joined(candidates, ", ") + "): choose one with --metric"));
      }
      if (candidates.empty()) {
        bad(file, number, "", "no metric member (a number or true/false beside doc_id, resps, ...)");
        return {};
      }
      decided = candidates.front();
    }
    if (!line.contains(decided)) {
      bad(file, number, decided, "missing (the metric of the file's first line)");
      return {};
    }
    return decided;
  }

  side& side_;
  simdjson::dom::parser parser_;
};

/// Every lm-eval file that keeps lines of several filters: such lines repeat their keys,
/// one judgement per filter, so a filter must be chosen. Empty when there is none.
[[nodiscard]] inline std::string filter_ambiguity(const side& s) {
  std::string out;
  for (std::size_t f = 0; f < s.files.size(); ++f) {
    std::vector<std::string> kept;
    for (const auto& name : s.filters[f]) {
      if (s.options.keeps(name)) kept.push_back(name);
    }
    if (kept.size() < 2) continue;
    if (!out.empty()) out += "; ";
    out += s.files[f] + " holds lines of " + std::to_string(kept.size()) + " filters (" + detail::joined(kept, ", ") + ")";
  }
  return out;
}

}  // namespace diff
TRANSFERSCORE_END_NAMESPACE
