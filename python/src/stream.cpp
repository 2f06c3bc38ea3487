#include "stream.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <algorithm>
#include <memory>
#include <string_view>
#include <unistd.h>
#include <vector>

namespace transferscore_python {

namespace ts = transferscore;

namespace {

// The verdict score_pipeline writes for a line over --max-line-bytes (its emit_too_long;
// tests/test_shards.py compares the two on such a line).
void append_too_long(const ts::pipeline_options& options, const std::string& source, std::uint64_t line,
                     std::uint64_t length, std::string& out, ts::run_summary& summary) {
  ++summary.lines;
  ts::verdict v;
  v.source = source;
  v.line = line;
  v.benchmark = options.benchmark;
  v.scorer = options.scorer;
  v.mode = options.scoring.mode;
  v.trace = options.trace.describe();
  v.result = ts::score_result::malformed("(line)", "line is " + std::to_string(length) + " bytes, over the limit of " +
                                                       std::to_string(options.max_line_bytes) + " (--max-line-bytes)");
  v.dump_to(out);
  out.push_back('\n');
  summary.add(v);
}

struct byte_range {
  int fd = -1;
  std::uint64_t position = 0;
  std::uint64_t end = 0;
};

ssize_t read_range(void* cookie, char* buffer, std::size_t size) {
  auto* r = static_cast<byte_range*>(cookie);
  const std::uint64_t left = r->end - r->position;
  const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(left, size));
  if (want == 0) return 0;
  ssize_t got = 0;
  do {
    got = ::pread(r->fd, buffer, want, static_cast<off_t>(r->position));
  } while (got < 0 && errno == EINTR);
  if (got > 0) r->position += static_cast<std::uint64_t>(got);
  return got;
}

int close_range(void* cookie) {
  auto* r = static_cast<byte_range*>(cookie);
  const int rc = ::close(r->fd);
  delete r;
  return rc;
}

}  // namespace

ts::run_summary score_stream(const ts::score_pipeline& pipeline, std::FILE* file, const stream_position& where,
                             const std::function<void(const std::string&)>& write,
                             const std::function<void(std::uint64_t)>& progress) {
  const ts::pipeline_options& options = pipeline.options();
  ts::io::line_reader reader(file, options.max_line_bytes);
  simdjson::dom::parser parser;
  ts::io::line_view line;
  ts::run_summary summary;
  std::string out;
  const std::uint64_t offset = where.first_line - 1;
  std::uint64_t reported = 0;
  while (reader.next(line)) {
    if (!line.too_long && line.text.find_first_not_of(" \t\r\f\v") == std::string_view::npos) continue;  // blank
    if (line.too_long) {
      append_too_long(options, where.source, offset + line.number, line.length, out, summary);
    } else {
      pipeline.score_line(parser, line.text.data(), line.text.size(), line.readable, offset + line.number, where.source,
                          out, summary);
    }
    if (out.size() >= options.batch_bytes) {
      write(out);
      out.clear();
    }
    if (progress && reader.bytes_read() != reported) {  // the reader took another chunk (1 MiB)
      reported = reader.bytes_read();
      progress(reported);
    }
  }
  write(out);
  if (progress) progress(reader.bytes_read());
  return summary;
}

std::FILE* open_byte_range(const std::string& path, std::uint64_t begin, std::uint64_t end) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) TRANSFERSCORE_THROW(ts::io_error("cannot open " + path + ": " + ts::detail::errno_message(errno)));
  auto* range = new byte_range{fd, begin, std::max(begin, end)};
  cookie_io_functions_t functions{};
  functions.read = &read_range;
  functions.close = &close_range;
  std::FILE* f = ::fopencookie(range, "r", functions);
  if (f == nullptr) {
    close_range(range);
    TRANSFERSCORE_THROW(ts::io_error("cannot open " + path + ": " + ts::detail::errno_message(errno)));
  }
  return f;
}

std::uint64_t count_newlines(const std::string& path, std::uint64_t begin, std::uint64_t end) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(open_byte_range(path, begin, end), &std::fclose);
  std::vector<char> buffer(std::size_t{1} << 20);
  std::uint64_t count = 0;
  for (;;) {
    const std::size_t got = std::fread(buffer.data(), 1, buffer.size(), f.get());
    for (const char* p = buffer.data(), *stop = buffer.data() + got;
         (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(stop - p)))) != nullptr; ++p) {
      ++count;
    }
    if (got < buffer.size()) {
      if (std::ferror(f.get()))
        TRANSFERSCORE_THROW(ts::io_error("read error in " + path + ": " + ts::detail::errno_message(errno)));
      return count;
    }
  }
}

}  // namespace transferscore_python
