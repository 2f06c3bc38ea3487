#pragma once
// Exceptions for configuration and usage mistakes. Problems with one record are never
// exceptions: they are verdicts with a status (see core/status.hpp).

#include <transferscore/config.hpp>

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE

namespace detail {

// strerror_r is either the GNU one (returns the text) or the XSI one (fills the buffer and
// returns 0); overloading on its result takes either.
[[nodiscard]] inline std::string strerror_result(const char* text, const char* /*buffer*/, int /*code*/) {
  return text;
}
[[nodiscard]] inline std::string strerror_result(int status, const char* buffer, int code) {
  return status == 0 ? std::string(buffer) : "error " + std::to_string(code);
}

/// The text of an errno value. Not std::strerror: it may return a buffer that every thread
/// shares (POSIX does not make it thread-safe).
[[nodiscard]] inline std::string errno_message(int code) {
  char buffer[256] = {};
  return strerror_result(::strerror_r(code, buffer, sizeof buffer), buffer, code);
}

}  // namespace detail

/// Base of every exception the library throws.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A scorer or pipeline was configured wrongly (unknown scorer, invalid option value).
class config_error : public error {
 public:
  using error::error;
};

/// A whole input could not be used (file missing, unreadable).
class io_error : public error {
 public:
  using error::error;
};

/// One place of an input could not be used; what() reads "file:line: field: problem" (the line
/// left out when 0, for whole-document inputs; the field when empty).
class located_error : public io_error {
 public:
  located_error(std::string_view file, std::uint64_t line, std::string_view field, std::string_view problem)
      : io_error(std::string(file) + (line > 0 ? ":" + std::to_string(line) : std::string()) + ": " +
                 (field.empty() ? "" : std::string(field) + ": ") + std::string(problem)),
        line_(line),
        field_(field) {}
  [[nodiscard]] std::uint64_t line() const noexcept { return line_; }
  [[nodiscard]] const std::string& field() const noexcept { return field_; }

 private:
  std::uint64_t line_;
  std::string field_;
};

TRANSFERSCORE_END_NAMESPACE
