#pragma once
// The scoring pipeline: JSONL in, one verdict per record out, in input order.
//
//   line -> parse (simdjson) -> adapt (backend format) -> join (dataset) -> benchmark
//        -> trace policy -> scorer (from the registry) -> verdict line
//
// Every failure along the way becomes a verdict with a status naming the file, line and
// field, so a bad line never stops the run and never shifts the lines after it. With
// threads > 1, batches of lines are scored in parallel and written back in order; memory
// stays bounded by the number of batches in flight.

#include <transferscore/config.hpp>
#include <transferscore/core/error.hpp>
#include <transferscore/core/registry.hpp>
#include <transferscore/core/trace.hpp>
#include <transferscore/core/verdict.hpp>
#include <transferscore/io/adapters.hpp>
#include <transferscore/io/dataset.hpp>
#include <transferscore/io/json_parse.hpp>
#include <transferscore/io/line_reader.hpp>

#include <array>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <thread>
#include <utility>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE

/// Counts of one run, mergeable across threads and files.
struct run_summary {
  std::uint64_t lines = 0;    ///< non-blank input lines
  std::uint64_t records = 0;  ///< verdicts written
  std::uint64_t correct = 0;
  std::array<std::uint64_t, status_count> by_status{};
  /// Inputs of which nothing could be scored: every verdict malformed_record, or no record
  /// at all (filled by score_pipeline::run).
  std::vector<std::string> unscorable_files;

  void add(const verdict& v) {
    ++records;
    ++by_status[static_cast<std::size_t>(v.result.status)];
    if (v.result.correct) ++correct;
  }
  void merge(const run_summary& other) {
    lines += other.lines;
    records += other.records;
    correct += other.correct;
    for (std::size_t i = 0; i < status_count; ++i) by_status[i] += other.by_status[i];
    unscorable_files.insert(unscorable_files.end(), other.unscorable_files.begin(), other.unscorable_files.end());
  }
  /// Did at least one record reach a scorer (any status but malformed_record)?
  [[nodiscard]] bool anything_scored() const { return records > count(status::malformed_record); }
  [[nodiscard]] std::uint64_t count(status s) const { return by_status[static_cast<std::size_t>(s)]; }
};

struct progress_info {
  std::uint64_t bytes_done = 0;
  std::uint64_t bytes_total = 0;  ///< 0 when unknown (stdin, pipes)
  std::uint64_t records = 0;
};

struct pipeline_options {
  std::string scorer;     ///< family for every record (--scorer); empty = look up the benchmark
  std::string benchmark;  ///< benchmark for every record (--benchmark); empty = the record's own
  scorer_options scoring;  ///< mode and family settings handed to every scorer
  trace_policy trace;
  /// The user chose `trace` (--trace and friends). Otherwise paper mode applies the study's
  /// own handling of the benchmark (registry.paper_trace), where the registry has one.
  bool trace_chosen = false;
  io::input_format format = io::input_format::automatic;
  const io::dataset_index* dataset = nullptr;  ///< --dataset: where the gold comes from
  std::size_t threads = 1;
  bool keep_response = false;  ///< --keep-response: every verdict also carries the response and the gold
  std::size_t max_line_bytes = io::line_reader::default_max_line_bytes;
  std::size_t batch_bytes = std::size_t{1} << 20;  ///< a batch closes after this many input bytes ...
  std::size_t batch_lines = 2048;                  ///< ... or this many lines
  std::function<void(const progress_info&)> on_progress;  ///< called from the reading thread
};

class score_pipeline {
 public:
  score_pipeline(const scorer_registry& registry, pipeline_options options)
      : registry_(registry), options_(std::move(options)) {
    if (options_.threads == 0) options_.threads = 1;
    if (!options_.scorer.empty() && !registry_.has_family(options_.scorer)) {
      (void)registry_.make(options_.scorer, options_.scoring);  // throws config_error naming the families
    }
    if (const std::size_t hint = batch_hint(); hint > 0 && hint < options_.batch_lines) options_.batch_lines = hint;
  }

  /// Scores one parsed record (already adapted and joined) and returns its verdict.
  [[nodiscard]] verdict score_record(record r) const {
    verdict v;
    finish_record(std::move(r), v);
    return v;
  }

  /// Scores one input line and appends one verdict line per record it holds to `out`.
  void score_line(simdjson::dom::parser& parser, const char* data, std::size_t length, std::size_t capacity,
                  std::uint64_t line_number, const std::string& source, std::string& out, run_summary& summary) const {
    ++summary.lines;
    json value;
    if (auto err = io::parse_json(parser, data, length, capacity, value)) {
      emit_error(source, line_number, json(), err.path.empty() ? "(line)" : err.path, "invalid JSON: " + err.message, out,
                 summary);
      return;
    }
    io::adapt_context context{source, line_number};
    json id;  // kept for the error verdict, since the line is moved into the adapter
    if (const auto* i = value.find("id"); i != nullptr && (i->is_string() || i->is_integer())) id = *i;
    io::adapt_result adapted = io::adapt(std::move(value), options_.format, context);
    if (!adapted.ok()) {
      emit_error(source, line_number, std::move(id), adapted.field.empty() ? "(line)" : adapted.field, adapted.message,
                 out, summary);
      return;
    }
    for (auto& r : adapted.records) {
      r.source = source;
      r.line = line_number;
      verdict v;
      finish_record(std::move(r), v);
      v.dump_to(out);
      out.push_back('\n');
      summary.add(v);
    }
  }

  /// Convenience overload for a line in an ordinary string (copied into a padded buffer).
  void score_line(std::string_view line, std::uint64_t line_number, const std::string& source, std::string& out,
                  run_summary& summary) const {
    simdjson::dom::parser parser;
    std::string padded(line);
    padded.append(simdjson::SIMDJSON_PADDING, ' ');
    score_line(parser, padded.data(), line.size(), padded.size(), line_number, source, out, summary);
  }

  /// Scores every file in `inputs` ("-" is stdin) and writes verdict lines to `out`.
  /// Throws io_error when an input cannot be read or the output cannot be written.
  run_summary run(const std::vector<std::string>& inputs, std::FILE* out) {
    run_summary total;
    progress_info progress;
    for (const auto& input : inputs) progress.bytes_total += file_size(input);
    std::unique_ptr<pool> workers;
    if (options_.threads > 1) workers = std::make_unique<pool>(options_.threads);
    worker_state inline_state;
    std::deque<std::pair<std::unique_ptr<batch>, std::future<void>>> in_flight;
    const std::size_t max_in_flight = options_.threads * 2;

    std::vector<run_summary> per_file(inputs.size());
    auto write_batch = [&](batch& b) {
      if (!b.output.empty() && std::fwrite(b.output.data(), 1, b.output.size(), out) != b.output.size()) {
        TRANSFERSCORE_THROW(io_error(std::string("write error: ") + ::transferscore::detail::errno_message(errno)));
      }
      total.merge(b.summary);
      per_file[b.file_index].merge(b.summary);
      progress.records = total.records;
    };
    auto drain_one = [&]() {
      auto [b, done] = std::move(in_flight.front());
      in_flight.pop_front();
      done.get();  // rethrows what the worker threw (configuration errors)
      write_batch(*b);
    };
    auto submit = [&](std::unique_ptr<batch> b) {
      batch* raw = b.get();
      auto done = workers->submit([this, raw](worker_state& state) { process(*raw, state); });
      in_flight.emplace_back(std::move(b), std::move(done));
      while (in_flight.size() > max_in_flight) drain_one();
    };

    auto last_report = std::chrono::steady_clock::now();
    std::uint64_t bytes_before = 0;
    auto report_progress = [&](const io::line_reader& reader) {
      if (!options_.on_progress) return;
      auto now = std::chrono::steady_clock::now();
      if (now - last_report < std::chrono::milliseconds(100)) return;
      last_report = now;
      progress.bytes_done = bytes_before + reader.bytes_read();
      options_.on_progress(progress);
    };
    for (std::size_t file_index = 0; file_index < inputs.size(); ++file_index) {
      const std::string& input = inputs[file_index];
      std::FILE* file = input == "-" ? stdin : std::fopen(input.c_str(), "rb");
      if (file == nullptr)
        TRANSFERSCORE_THROW(io_error("cannot open " + input + ": " + ::transferscore::detail::errno_message(errno)));
      std::unique_ptr<std::FILE, int (*)(std::FILE*)> closer(input == "-" ? nullptr : file, &std::fclose);
      io::line_reader reader(file, options_.max_line_bytes);
      io::line_view line;
      if (!workers) {
        // One thread: score every line where the reader holds it, with no batch copy.
        batch b;
        b.source = input;
        b.file_index = file_index;
        while (reader.next(line)) {
          if (!line.too_long && line.text.find_first_not_of(" \t\r\f\v") == std::string_view::npos) continue;
          score_in_place(line, b, inline_state);
          if (b.output.size() >= options_.batch_bytes) {
            write_batch(b);
            b.output.clear();
            b.summary = run_summary{};
            report_progress(reader);
          }
        }
        write_batch(b);
        bytes_before += reader.bytes_read();
        continue;
      }
      auto current = std::make_unique<batch>();
      current->source = input;
      current->file_index = file_index;
      while (reader.next(line)) {
        if (!line.too_long && line.text.find_first_not_of(" \t\r\f\v") == std::string_view::npos) continue;  // blank
        current->add(line);
        if (current->bytes.size() >= options_.batch_bytes || current->lines.size() >= options_.batch_lines) {
          submit(std::move(current));
          current = std::make_unique<batch>();
          current->source = input;
          current->file_index = file_index;
          report_progress(reader);
        }
      }
      if (!current->lines.empty()) submit(std::move(current));
      bytes_before += reader.bytes_read();
    }
    while (!in_flight.empty()) drain_one();
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      if (!per_file[i].anything_scored()) total.unscorable_files.push_back(inputs[i]);
    }
    if (std::fflush(out) != 0)
      TRANSFERSCORE_THROW(io_error(std::string("write error: ") + ::transferscore::detail::errno_message(errno)));
    if (options_.on_progress) {
      progress.bytes_done = bytes_before;
      options_.on_progress(progress);
    }
    return total;
  }

  [[nodiscard]] const pipeline_options& options() const noexcept { return options_; }

 private:
  struct scorer_key {
    std::string family;
    std::string benchmark;
  };
  struct scorer_key_view {
    std::string_view family;
    std::string_view benchmark;
  };
  struct scorer_key_less {
    using is_transparent = void;
    template <class A, class B>
    bool operator()(const A& a, const B& b) const noexcept {
      const int by_family = std::string_view(a.family).compare(b.family);
      return by_family != 0 ? by_family < 0 : std::string_view(a.benchmark) < std::string_view(b.benchmark);
    }
  };

  struct worker_state {
    simdjson::dom::parser parser;
  };

  // The smallest batch any family that may score this run asks for (registry hints): the
  // fixed family, else the fixed benchmark's, else every family's.
  [[nodiscard]] std::size_t batch_hint() const {
    if (!options_.scorer.empty()) return registry_.batch_hint(options_.scorer, options_.scoring);
    if (!options_.benchmark.empty()) {
      if (auto family = registry_.family_of(options_.benchmark)) return registry_.batch_hint(*family, options_.scoring);
    }
    std::size_t smallest = 0;
    for (const auto& f : registry_.families()) {
      const std::size_t hint = registry_.batch_hint(f.name, options_.scoring);
      if (hint > 0 && (smallest == 0 || hint < smallest)) smallest = hint;
    }
    return smallest;
  }

  struct batch {
    struct entry {
      std::size_t offset = 0;
      std::size_t length = 0;
      std::uint64_t number = 0;
      std::uint64_t full_length = 0;
      bool too_long = false;
    };
    std::string source;
    std::size_t file_index = 0;  // which of the run's inputs
    std::string bytes;  // the lines back to back, then simdjson's padding
    std::vector<entry> lines;
    std::string output;
    run_summary summary;

    void add(const io::line_view& line) {
      lines.push_back(entry{bytes.size(), line.text.size(), line.number, line.length, line.too_long});
      bytes.append(line.text);
      bytes.push_back('\n');
    }
  };

  // A fixed set of threads taking batches from one queue.
  class pool {
   public:
    explicit pool(std::size_t n) {
      for (std::size_t i = 0; i < n; ++i) {
        threads_.emplace_back([this] {
          worker_state state;
          for (;;) {
            std::packaged_task<void(worker_state&)> task;
            {
              std::unique_lock lock(mutex_);
              ready_.wait(lock, [this] { return stop_ || !tasks_.empty(); });
              if (tasks_.empty()) return;
              task = std::move(tasks_.front());
              tasks_.pop_front();
            }
            task(state);
          }
        });
      }
    }
    pool(const pool&) = delete;
    pool& operator=(const pool&) = delete;
    ~pool() {
      {
        std::lock_guard lock(mutex_);
        stop_ = true;
      }
      ready_.notify_all();
      for (auto& t : threads_) t.join();
    }
    template <class F>
    std::future<void> submit(F f) {
      std::packaged_task<void(worker_state&)> task(std::move(f));
      auto done = task.get_future();
      {
        std::lock_guard lock(mutex_);
        tasks_.push_back(std::move(task));
      }
      ready_.notify_one();
      return done;
    }

   private:
    std::vector<std::thread> threads_;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::packaged_task<void(worker_state&)>> tasks_;
    bool stop_ = false;
  };

  void process(batch& b, worker_state& state) const {
    b.bytes.append(simdjson::SIMDJSON_PADDING, ' ');
    b.output.reserve(b.bytes.size() / 4 + 256 * b.lines.size());
    for (const auto& e : b.lines) {
      if (e.too_long) {
        emit_too_long(b.source, e.number, e.full_length, b);
        continue;
      }
      score_line(state.parser, b.bytes.data() + e.offset, e.length, b.bytes.size() - e.offset, e.number, b.source,
                 b.output, b.summary);
    }
  }

  void score_in_place(const io::line_view& line, batch& b, worker_state& state) const {
    if (line.too_long) {
      emit_too_long(b.source, line.number, line.length, b);
      return;
    }
    score_line(state.parser, line.text.data(), line.text.size(), line.readable, line.number, b.source, b.output,
               b.summary);
  }

  void emit_too_long(const std::string& source, std::uint64_t number, std::uint64_t length, batch& b) const {
    ++b.summary.lines;
    emit_error(source, number, json(), "(line)",
               "line is " + std::to_string(length) + " bytes, over the limit of " +
                   std::to_string(options_.max_line_bytes) + " (--max-line-bytes)",
               b.output, b.summary);
  }

  static std::uint64_t file_size(const std::string& path) {
    struct stat st {};
    if (path == "-" || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return 0;
    return static_cast<std::uint64_t>(st.st_size);
  }

  void emit_error(const std::string& source, std::uint64_t line, json id, std::string field, std::string message,
                  std::string& out, run_summary& summary) const {
    verdict v;
    v.id = std::move(id);
    v.source = source;
    v.line = line;
    v.benchmark = options_.benchmark;
    v.scorer = options_.scorer;
    v.mode = options_.scoring.mode;
    v.trace = trace_name();
    v.result = score_result::malformed(std::move(field), std::move(message));
    v.dump_to(out);
    out.push_back('\n');
    summary.add(v);
  }

  [[nodiscard]] const std::string& trace_name() const {
    std::call_once(trace_name_once_, [this] { trace_name_ = options_.trace.describe(); });
    return trace_name_;
  }

  // What scores a (family, benchmark): the scorer and the trace policy, with its name.
  struct scorer_entry {
    any_scorer<record> scorer;
    trace_policy trace;
    std::string trace_name;
  };

  // The entry for (family, benchmark), built once and shared by every thread. Entries are
  // never erased, so the reference stays valid after the lock is released; the lookup
  // allocates nothing, since it runs once per record.
  [[nodiscard]] const scorer_entry& scorer_for(std::string_view family, std::string_view benchmark) const {
    const scorer_key_view wanted{family, benchmark};
    {
      std::shared_lock lock(cache_mutex_);
      if (auto it = cache_.find(wanted); it != cache_.end()) return it->second;
    }
    scorer_options opts = options_.scoring;
    opts.benchmark = std::string(benchmark);
    scorer_entry made{registry_.make(family, opts), options_.trace, {}};
    // Paper mode reproduces the study: its own handling of traces, unless the user chose one.
    if (!options_.trace_chosen && options_.scoring.mode == "paper") {
      if (const trace_policy* study = registry_.paper_trace(benchmark)) made.trace = *study;
    }
    made.trace_name = made.trace.describe();
    std::unique_lock lock(cache_mutex_);
    return cache_.emplace(scorer_key{std::string(family), std::string(benchmark)}, std::move(made)).first->second;
  }

  void finish_record(record r, verdict& v) const {
    judge(r, v);
    // Moved, not copied, once the scorer is done with the record.
    v.source = std::move(r.source);
    v.line = r.line;
    v.sample = r.sample;
    v.model = std::move(r.model);
  }

  void judge(record& r, verdict& v) const {
    v.mode = options_.scoring.mode;
    v.trace = trace_name();
    // Copied before the trace policy cuts the response in place: a reader wants the whole of it.
    if (options_.keep_response) {
      v.keeps_response = true;
      v.response = r.response;
    }

    // The gold from the dataset, when one was given.
    if (options_.dataset != nullptr) {
      const std::string& key_name = options_.dataset->join_key();
      const json* key = key_name == "id" ? (r.id.is_null() ? nullptr : &r.id) : r.extra.find(key_name);
      if (key == nullptr) key = r.reference.find(key_name);
      const io::dataset_index::item* item = key != nullptr ? options_.dataset->find(*key) : nullptr;
      if (item == nullptr) {
        v.id = r.id;
        v.benchmark = r.benchmark;
        v.result = key == nullptr ? score_result::malformed(key_name, "missing " + key_name + ", needed to join with the dataset")
                                  : score_result::malformed(key_name, key_name + " '" + io::join_key_text(*key) +
                                                                          "' is not in dataset " + options_.dataset->path());
        return;
      }
      r.reference = item->reference;
      if (r.benchmark.empty()) r.benchmark = item->benchmark;
      if (r.id.is_null() || key_name != "id") r.id = item->id;
    }
    if (options_.keep_response) v.gold = r.reference;
    if (!options_.benchmark.empty()) r.benchmark = options_.benchmark;
    v.id = r.id;
    v.benchmark = r.benchmark;
    if (r.id.is_null()) {
      v.result = score_result::malformed("id", "missing id (a string or an integer)");
      return;
    }

    // Which scorer.
    std::string_view family = options_.scorer;
    if (family.empty()) {
      if (r.benchmark.empty()) {
        v.result = score_result::malformed("benchmark", "missing benchmark: name it in the record, or pass --benchmark or --scorer");
        return;
      }
      auto known = registry_.family_of(r.benchmark);
      if (!known) {
        v.result = score_result::malformed("benchmark", "unknown benchmark '" + r.benchmark +
                                                            "': pass --scorer FAMILY to score it with a scorer family");
        return;
      }
      family = *known;
    }
    v.scorer = std::string(family);

    if (const auto* missing = r.extra.find("response_missing"); missing != nullptr && missing->as_bool().value_or(false)) {
      std::string why = "the backend returned no text";
      if (const auto* e = r.extra.find("backend_error"); e != nullptr && e->is_string()) why = *e->if_string();
      v.result = score_result::no_answer(std::move(why));
      v.result.field = "response";
      return;
    }

    const scorer_entry& entry = scorer_for(family, r.benchmark);
    v.trace = entry.trace_name;

    // The reasoning-trace policy, once, before any scorer.
    const trace_outcome trace = apply_trace_policy(entry.trace, r.response);
    if (trace.unterminated && entry.trace.unterminated == trace_policy::on_unterminated::no_answer) {
      v.result.status = status::unterminated_trace;
      v.result.field = "response";
      v.result.message = "the reasoning trace was opened and never closed";
      return;
    }
    if (trace.had_trace) {
      // The scorer gets the answer, and the trace beside it (extra.reasoning_trace): when the
      // answer states nothing, choice and yesno read the trace's final box (trace_fallback).
      // The answer is copied, the trace moved: no copy of the long part.
      std::string answer(trace.answer);
      r.response.resize(trace.trace_end);
      r.extra["reasoning_trace"] = std::move(r.response);
      r.response = std::move(answer);
    } else if (trace.answer.size() != r.response.size()) {
      // The answer is a part of the response (or empty): cut in place.
      const std::size_t offset = static_cast<std::size_t>(trace.answer.data() - r.response.data());
      r.response.erase(0, trace.answer.empty() ? r.response.size() : offset);
      r.response.resize(trace.answer.size());
    }

    try {
      v.result = entry.scorer.score(r);
    } catch (const std::exception& e) {
      v.result = score_result::failed("scorer " + v.scorer + " failed: " + e.what());
    }
    if (!v.result.mode.empty()) v.mode = v.result.mode;
    // Every verdict that is not ok names a field; a scorer that named none was reading the response.
    if (v.result.status != status::ok && v.result.field.empty()) v.result.field = "response";
  }

  const scorer_registry& registry_;
  pipeline_options options_;
  mutable std::shared_mutex cache_mutex_;
  mutable std::map<scorer_key, scorer_entry, scorer_key_less> cache_;
  mutable std::once_flag trace_name_once_;
  mutable std::string trace_name_;
};

TRANSFERSCORE_END_NAMESPACE
