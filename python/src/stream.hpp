#pragma once
// Scoring a stream of JSONL lines that is part of a file (a shard of a byte range, or text
// from Python) so that its verdicts are the lines `transferscore score FILE` writes for those
// lines: the same source name, the same line numbers, blank lines skipped, an over-long
// line an error verdict. score_pipeline::run reads whole files by name; this is its
// one-thread loop over any FILE, starting at any line number.

#include <transferscore/transferscore.hpp>

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>

namespace transferscore_python {

/// Closes a FILE (without reporting: callers that must know fclose's result release it first).
struct file_closer {
  void operator()(std::FILE* f) const noexcept {
    if (f != nullptr) std::fclose(f);
  }
};
using file_handle = std::unique_ptr<std::FILE, file_closer>;

struct stream_position {
  std::string source;           ///< the file name verdicts report
  std::uint64_t first_line = 1;  ///< the number of the stream's first line in that file
};

/// Scores every line of `file`. `write` receives the verdict text in pieces of about 1 MB
/// (and once at the end); `progress`, when set, is called with the bytes read so far each
/// time the reader takes another chunk of input (1 MiB), and at the end.
transferscore::run_summary score_stream(const transferscore::score_pipeline& pipeline, std::FILE* file,
                                        const stream_position& where, const std::function<void(const std::string&)>& write,
                                        const std::function<void(std::uint64_t)>& progress = {});

/// Opens bytes [begin, end) of the file at `path` for reading as a FILE (closed by fclose).
/// Throws transferscore::io_error naming the path when it cannot be opened.
[[nodiscard]] std::FILE* open_byte_range(const std::string& path, std::uint64_t begin, std::uint64_t end);

/// The number of newline bytes in [begin, end) of the file at `path`.
[[nodiscard]] std::uint64_t count_newlines(const std::string& path, std::uint64_t begin, std::uint64_t end);

}  // namespace transferscore_python
