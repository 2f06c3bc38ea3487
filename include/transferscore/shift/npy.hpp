#pragma once
// NumPy .npy files of floating-point arrays, read without Python. The format (numpy's
// format.py, versions 1 to 3): the magic "\x93NUMPY", two version bytes, the header length
// (2 bytes little-endian in version 1, 4 bytes in 2 and 3), and the header, a Python dict
// literal such as {'descr': '<f4', 'fortran_order': False, 'shape': (41, 100, 5120), },
// then the data. Read here: float16, float32 and float64, either byte order, C or Fortran
// order. Values come out as doubles (every float16 and float32 is a double exactly).

#include <transferscore/config.hpp>
#include <transferscore/core/error.hpp>

#include <bit>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace shift {

struct npy_header {
  std::size_t item_size = 0;  ///< 2, 4 or 8 (float16, float32, float64)
  bool big_endian = false;
  bool fortran_order = false;
  std::vector<std::size_t> shape;
  std::uint64_t data_offset = 0;
  [[nodiscard]] std::size_t count() const noexcept {
    std::size_t n = 1;
    for (auto s : shape) n *= s;
    return n;
  }
  [[nodiscard]] std::string shape_text() const {
    std::string out = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) out += (i ? ", " : "") + std::to_string(shape[i]);
    return out + (shape.size() == 1 ? ",)" : ")");
  }
};

/// IEEE binary16 to double. Normal numbers move their bits into a float32 (the common case,
/// branch-free); zero, subnormals, infinities and NaN are rare and computed.
[[nodiscard]] inline double half_to_double(std::uint16_t h) noexcept {
  const std::uint32_t exponent = (h >> 10) & 0x1F;
  const std::uint32_t mantissa = h & 0x3FF;
  if (exponent != 0 && exponent != 31) {
    const std::uint32_t bits = (static_cast<std::uint32_t>(h & 0x8000) << 16) | ((exponent + 112) << 23) | (mantissa << 13);
    return static_cast<double>(std::bit_cast<float>(bits));
  }
  double v;
  if (exponent == 0) v = std::ldexp(static_cast<double>(mantissa), -24);  // zero and subnormals
  else v = mantissa == 0 ? HUGE_VAL : std::nan("");
  return (h & 0x8000) != 0 ? -v : v;
}

namespace detail {

// A tiny reader of the header's dict literal: quoted keys, and values that are quoted
// strings, True/False, or tuples of integers.
class npy_dict_parser {
 public:
  npy_dict_parser(std::string_view text, const std::string& file) : s_(text), file_(file) {}

  void parse(npy_header& h) {
    bool have_descr = false, have_order = false, have_shape = false;
    skip();
    expect('{');
    for (;;) {
      skip();
      if (peek() == '}') break;
      const std::string key = quoted();
      skip();
      expect(':');
      skip();
      if (key == "descr") {
        descr(quoted(), h);
        have_descr = true;
      } else if (key == "fortran_order") {
        h.fortran_order = boolean();
        have_order = true;
      } else if (key == "shape") {
        h.shape = tuple();
        have_shape = true;
      } else {
        fail("unexpected key '" + key + "'");
      }
      skip();
      if (peek() == ',') ++i_;
    }
    if (!have_descr || !have_order || !have_shape) fail("the header needs descr, fortran_order and shape");
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    TRANSFERSCORE_THROW(io_error(file_ + ": not a .npy header numpy writes: " + what));
  }
  [[nodiscard]] char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  void skip() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\t')) ++i_;
  }
  void expect(char c) {
    if (peek() != c) fail(std::string("expected '") + c + "'");
    ++i_;
  }
  std::string quoted() {
    const char q = peek();
    if (q != '\'' && q != '"') fail("expected a quoted string");
    const std::size_t end = s_.find(q, i_ + 1);
    if (end == std::string_view::npos) fail("unterminated string");
    std::string out(s_.substr(i_ + 1, end - i_ - 1));
    i_ = end + 1;
    return out;
  }
  bool boolean() {
    if (s_.substr(i_, 4) == "True") {
      i_ += 4;
      return true;
    }
    if (s_.substr(i_, 5) == "False") {
      i_ += 5;
      return false;
    }
    fail("fortran_order must be True or False");
  }
  std::vector<std::size_t> tuple() {
    expect('(');
    std::vector<std::size_t> out;
    for (;;) {
      skip();
      if (peek() == ')') {
        ++i_;
        return out;
      }
      std::size_t v = 0;
      bool digits = false;
      while (peek() >= '0' && peek() <= '9') {
        v = v * 10 + static_cast<std::size_t>(peek() - '0');
        ++i_;
        digits = true;
      }
      if (peek() == 'L') ++i_;  // Python 2 longs
      if (!digits) fail("shape must be a tuple of integers");
      out.push_back(v);
      skip();
      if (peek() == ',') ++i_;
    }
  }
  void descr(const std::string& d, npy_header& h) const {
    if (d.size() < 3 || (d[0] != '<' && d[0] != '>' && d[0] != '=') || d[1] != 'f') {
      fail("descr '" + d + "': only float16, float32 and float64 arrays ('<f2', '<f4', '<f8') are read");
    }
    h.big_endian = d[0] == '>' || (d[0] == '=' && std::endian::native == std::endian::big);
    if (d.substr(2) == "2") h.item_size = 2;
    else if (d.substr(2) == "4") h.item_size = 4;
    else if (d.substr(2) == "8") h.item_size = 8;
    else fail("descr '" + d + "': only float16, float32 and float64 arrays are read");
  }

  std::string_view s_;
  const std::string& file_;
  std::size_t i_ = 0;
};

}  // namespace detail

/// An open .npy file whose values are read as doubles, a run of C-order elements at a time.
class npy_file {
 public:
  explicit npy_file(std::string path) : path_(std::move(path)), file_(std::fopen(path_.c_str(), "rb"), &std::fclose) {
    if (!file_)
      TRANSFERSCORE_THROW(io_error("cannot open " + path_ + ": " + ::transferscore::detail::errno_message(errno)));
    unsigned char start[12] = {};
    const std::size_t got = std::fread(start, 1, sizeof start, file_.get());
    if (got < 10 || std::memcmp(start, "\x93NUMPY", 6) != 0) TRANSFERSCORE_THROW(io_error(path_ + ": not a .npy file (no \\x93NUMPY magic)"));
    const unsigned major = start[6];
    std::size_t header_length = 0, prefix = 0;
    if (major == 1) {
      header_length = start[8] | (static_cast<std::size_t>(start[9]) << 8);
      prefix = 10;
    } else if (major == 2 || major == 3) {
      if (got < 12) TRANSFERSCORE_THROW(io_error(path_ + ": truncated .npy header"));
      header_length = start[8] | (static_cast<std::size_t>(start[9]) << 8) | (static_cast<std::size_t>(start[10]) << 16) |
                      (static_cast<std::size_t>(start[11]) << 24);
      prefix = 12;
    } else {
      TRANSFERSCORE_THROW(io_error(path_ + ": .npy format version " + std::to_string(major) + " is not known"));
    }
    std::string header(header_length, '\0');
    if (std::fseek(file_.get(), static_cast<long>(prefix), SEEK_SET) != 0 ||
        std::fread(header.data(), 1, header_length, file_.get()) != header_length) {
      TRANSFERSCORE_THROW(io_error(path_ + ": truncated .npy header"));
    }
    detail::npy_dict_parser(header, path_).parse(header_);
    header_.data_offset = prefix + header_length;
    if (std::fseek(file_.get(), 0, SEEK_END) != 0) TRANSFERSCORE_THROW(io_error(path_ + ": cannot seek"));
    const long size = std::ftell(file_.get());
    const std::uint64_t need = header_.data_offset + static_cast<std::uint64_t>(header_.count()) * header_.item_size;
    if (size < 0 || static_cast<std::uint64_t>(size) < need) {
      TRANSFERSCORE_THROW(io_error(path_ + ": truncated: shape " + header_.shape_text() + " needs " + std::to_string(need) +
                                   " bytes, the file has " + std::to_string(size)));
    }
  }

  [[nodiscard]] const npy_header& header() const noexcept { return header_; }
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

  /// Reads `count` elements starting at flat element `first` of the stored order into `out`.
  void read(std::uint64_t first, std::size_t count, double* out) {
    const std::size_t item = header_.item_size;
    if (std::fseek(file_.get(), static_cast<long>(header_.data_offset + first * item), SEEK_SET) != 0) {
      TRANSFERSCORE_THROW(io_error(path_ + ": cannot seek"));
    }
    bytes_.resize(count * item);
    if (std::fread(bytes_.data(), 1, bytes_.size(), file_.get()) != bytes_.size()) {
      TRANSFERSCORE_THROW(io_error(path_ + ": read error"));
    }
    const bool swap = header_.big_endian != (std::endian::native == std::endian::big);
    const unsigned char* p = bytes_.data();
    if (!swap && item == 4) {  // the common cases, without the byte loop
      for (std::size_t i = 0; i < count; ++i, p += 4) {
        float f;
        std::memcpy(&f, p, 4);
        out[i] = f;
      }
      return;
    }
    if (!swap && item == 2) {
      for (std::size_t i = 0; i < count; ++i, p += 2) {
        std::uint16_t h;
        std::memcpy(&h, p, 2);
        out[i] = half_to_double(h);
      }
      return;
    }
    for (std::size_t i = 0; i < count; ++i, p += item) {
      unsigned char b[8];
      for (std::size_t k = 0; k < item; ++k) b[k] = swap ? p[item - 1 - k] : p[k];
      if (item == 2) {
        std::uint16_t h;
        std::memcpy(&h, b, 2);
        out[i] = half_to_double(h);
      } else if (item == 4) {
        float f;
        std::memcpy(&f, b, 4);
        out[i] = f;
      } else {
        std::memcpy(&out[i], b, 8);
      }
    }
  }

  /// The matrix at `index` of the leading dimensions (every dimension but the last two), as
  /// rows x columns in C order, whatever the file's order.
  void read_matrix(std::size_t index, std::vector<double>& out) {
    const auto& s = header_.shape;
    const std::size_t rows = s[s.size() - 2], cols = s[s.size() - 1];
    out.resize(rows * cols);
    if (!header_.fortran_order) {
      read(static_cast<std::uint64_t>(index) * rows * cols, rows * cols, out.data());
      return;
    }
    // Fortran order: the first index varies fastest; gather the matrix element by element from
    // the whole array, read once.
    if (all_.empty()) {
      all_.resize(header_.count());
      read(0, all_.size(), all_.data());
    }
    std::size_t leading = 1;
    for (std::size_t k = 0; k + 2 < s.size(); ++k) leading *= s[k];
    for (std::size_t r = 0; r < rows; ++r) {
      for (std::size_t c = 0; c < cols; ++c) out[r * cols + c] = all_[index + leading * (r + rows * c)];
    }
  }

 private:
  std::string path_;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file_;
  npy_header header_;
  std::vector<unsigned char> bytes_;
  std::vector<double> all_;
};

}  // namespace shift
TRANSFERSCORE_END_NAMESPACE
