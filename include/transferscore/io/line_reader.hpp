#pragma once
// Splits a byte stream into lines in bounded memory. The buffer grows only to the longest
// line seen (capped by max_line_bytes), so a 4 GB file costs what its longest line costs.
// A UTF-8 byte order mark at the start and a CR before each LF are dropped; a last line
// without a newline is still a line.

#include <transferscore/config.hpp>
#include <transferscore/core/error.hpp>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace io {

struct line_view {
  std::string_view text;     ///< the line without its terminator; valid until the next read
  std::uint64_t number = 0;  ///< 1-based line number
  bool too_long = false;     ///< the line exceeded max_line_bytes and was skipped (text is empty)
  std::uint64_t length = 0;  ///< the full length of the line in bytes, also when too long
  std::size_t readable = 0;  ///< bytes readable from text.data(): at least text.size() + line_reader::padding
};

class line_reader {
 public:
  static constexpr std::size_t default_max_line_bytes = std::size_t{1} << 30;  // 1 GiB
  /// Every line is followed by at least this many readable bytes, so that a parser that
  /// reads ahead (simdjson needs 64) can work on the line where it lies, without a copy.
  static constexpr std::size_t padding = 64;

  /// Reads from `file`, which stays owned by the caller.
  explicit line_reader(std::FILE* file, std::size_t max_line_bytes = default_max_line_bytes,
                       std::size_t chunk_bytes = std::size_t{1} << 20)
      : file_(file), max_line_(max_line_bytes), chunk_(chunk_bytes) {
    buffer_.resize(chunk_ + 1 + padding);
  }

  /// The next line, or false at the end of the input. Throws io_error on a read error.
  [[nodiscard]] bool next(line_view& out) {
    for (;;) {
      if (skipping_) {
        // Discard the rest of an over-long line without storing it.
        const char* nl = static_cast<const char*>(std::memchr(buffer_.data() + begin_, '\n', end_ - begin_));
        if (nl != nullptr) {
          const std::size_t consumed = static_cast<std::size_t>(nl - (buffer_.data() + begin_)) + 1;
          skipped_ += consumed - 1;
          begin_ += consumed;
          skipping_ = false;
          out = line_view{{}, ++line_number_, true, skipped_};
          return true;
        }
        skipped_ += end_ - begin_;
        begin_ = end_ = 0;
        if (!fill()) {
          skipping_ = false;
          out = line_view{{}, ++line_number_, true, skipped_};
          return true;
        }
        continue;
      }
      const char* start = buffer_.data() + begin_;
      const char* nl = static_cast<const char*>(std::memchr(start + scanned_, '\n', end_ - begin_ - scanned_));
      if (nl != nullptr) {
        std::size_t length = static_cast<std::size_t>(nl - start);
        begin_ += length + 1;
        scanned_ = 0;
        if (length > max_line_) {
          out = line_view{{}, ++line_number_, true, length};
          return true;
        }
        emit(out, start, length);
        return true;
      }
      scanned_ = end_ - begin_;
      if (scanned_ > max_line_) {
        skipping_ = true;
        skipped_ = scanned_;
        begin_ = end_ = 0;
        scanned_ = 0;
        continue;
      }
      if (eof_) {
        if (begin_ == end_) return false;
        std::size_t length = end_ - begin_;
        begin_ = end_;
        scanned_ = 0;
        emit(out, start, length);
        return true;
      }
      compact_and_fill();
    }
  }

  [[nodiscard]] std::uint64_t bytes_read() const noexcept { return bytes_read_; }

 private:
  void emit(line_view& out, const char* start, std::size_t length) {
    std::string_view text(start, length);
    if (line_number_ == 0 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    const auto readable = static_cast<std::size_t>(buffer_.data() + buffer_.size() - text.data());
    out = line_view{text, ++line_number_, false, length, readable};
  }

  // Moves the unfinished line to the front and reads more, growing the buffer when the
  // line does not fit.
  void compact_and_fill() {
    const std::size_t pending = end_ - begin_;
    if (begin_ > 0) {
      std::memmove(buffer_.data(), buffer_.data() + begin_, pending);
      begin_ = 0;
      end_ = pending;
    }
    if (buffer_.size() - end_ < chunk_ + padding) buffer_.resize(end_ + chunk_ + 1 + padding);
    fill();
  }

  bool fill() {
    if (eof_) return false;
    if (buffer_.size() - end_ < chunk_ + padding) buffer_.resize(end_ + chunk_ + 1 + padding);
    const std::size_t got = std::fread(buffer_.data() + end_, 1, chunk_, file_);
    if (got < chunk_) {
      if (std::ferror(file_)) throw_read_error();
      eof_ = true;
    }
    end_ += got;
    bytes_read_ += got;
    return got > 0;
  }

  [[noreturn]] static void throw_read_error() {
    TRANSFERSCORE_THROW(io_error(std::string("read error: ") + ::transferscore::detail::errno_message(errno)));
  }

  std::FILE* file_;
  std::size_t max_line_;
  std::size_t chunk_;
  std::vector<char> buffer_;
  std::size_t begin_ = 0;    // start of the unconsumed data
  std::size_t end_ = 0;      // end of the valid data
  std::size_t scanned_ = 0;  // bytes after begin_ known to hold no newline
  bool eof_ = false;
  bool skipping_ = false;
  std::uint64_t skipped_ = 0;
  std::uint64_t line_number_ = 0;
  std::uint64_t bytes_read_ = 0;
};

}  // namespace io
TRANSFERSCORE_END_NAMESPACE
