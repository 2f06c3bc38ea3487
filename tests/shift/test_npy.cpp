#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include "shift_fixtures.hpp"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

namespace sh = transferscore::shift;
using shift_fixtures::path;

namespace {
std::vector<double> flat(sh::npy_file& f) {
  const auto& s = f.header().shape;
  std::vector<double> all, matrix;
  for (std::size_t i = 0; i < s[0]; ++i) {
    f.read_matrix(i, matrix);
    all.insert(all.end(), matrix.begin(), matrix.end());
  }
  return all;
}

std::string npy_bytes(const std::string& header_dict, const std::string& data, int version = 1) {
  std::string header = header_dict;
  const std::size_t prefix = version == 1 ? 10 : 12;
  while ((prefix + header.size() + 1) % 64 != 0) header += ' ';
  header += '\n';
  std::string out = "\x93NUMPY";
  out += static_cast<char>(version);
  out += '\0';
  const std::size_t n = header.size();
  out += static_cast<char>(n & 0xFF);
  out += static_cast<char>((n >> 8) & 0xFF);
  if (version != 1) {
    out += static_cast<char>((n >> 16) & 0xFF);
    out += static_cast<char>((n >> 24) & 0xFF);
  }
  return out + header + data;
}
}  // namespace

TEST_CASE("npy: C order, big-endian and Fortran order give the same values numpy wrote") {
  const auto expected = shift_fixtures::read_json("latent/expected.json");
  const auto& values = *expected.find("reader")->find("values")->if_array();
  for (const char* name : {"latent/reader_c_f8.npy", "latent/reader_big_endian.npy", "latent/reader_fortran.npy"}) {
    CAPTURE(name);
    sh::npy_file f(path(name));
    CHECK(f.header().shape == std::vector<std::size_t>{2, 3, 5});
    const auto got = flat(f);
    REQUIRE(got.size() == values.size());
    for (std::size_t i = 0; i < got.size(); ++i) CHECK(got[i] == shift_fixtures::number(values[i]));
  }
  CHECK(sh::npy_file(path("latent/reader_big_endian.npy")).header().big_endian);
  CHECK(sh::npy_file(path("latent/reader_fortran.npy")).header().fortran_order);
}

TEST_CASE("npy: float16 and float32 are read exactly") {
  CHECK(sh::half_to_double(0x3C00) == 1.0);
  CHECK(sh::half_to_double(0xC000) == -2.0);
  CHECK(sh::half_to_double(0x7BFF) == 65504.0);
  CHECK(sh::half_to_double(0x0001) == std::ldexp(1.0, -24));  // smallest subnormal
  CHECK(sh::half_to_double(0x3555) == 0.333251953125);
  CHECK(std::isinf(sh::half_to_double(0x7C00)));
  sh::npy_file f16(path("latent/wide_base_f16.npy"));
  sh::npy_file f32(path("latent/wide_base_f32.npy"));
  CHECK(f16.header().item_size == 2);
  CHECK(f32.header().item_size == 4);
  CHECK(f16.header().shape == std::vector<std::size_t>{5, 12, 40});
  std::vector<double> a, b;
  f16.read_matrix(3, a);
  f32.read_matrix(3, b);
  REQUIRE(a.size() == 12 * 40);
  for (std::size_t i = 0; i < a.size(); ++i) {
    // float16 keeps 11 significant bits of the float32 value.
    CHECK(std::fabs(a[i] - b[i]) <= std::fabs(b[i]) * std::ldexp(1.0, -11) + 1e-7);
  }
}

TEST_CASE("npy: header versions 2 and 3, one-dimensional shapes") {
  const float values[3] = {1.5f, -2.25f, 8.0f};
  const std::string data(reinterpret_cast<const char*>(values), sizeof values);
  for (int version : {1, 2, 3}) {
    const auto p = test_paths::write_temp("shift_npy_v" + std::to_string(version) + ".npy",
                                          npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", data, version));
    sh::npy_file f(p);
    CHECK(f.header().shape == std::vector<std::size_t>{3});
    double out[3];
    f.read(0, 3, out);
    CHECK(out[0] == 1.5);
    CHECK(out[1] == -2.25);
    CHECK(out[2] == 8.0);
  }
}

TEST_CASE("npy: what cannot be read says why, naming the file") {
  auto refused = [](const std::string& content, const std::string& expected) {
    const auto p = test_paths::write_temp("shift_npy_bad.npy", content);
    try {
      sh::npy_file f(p);
      FAIL("accepted: " << content.substr(0, 60));
    } catch (const transferscore::io_error& e) {
      const std::string what = e.what();
      CHECK_MESSAGE(what.find(expected) != std::string::npos, what);
      CHECK(what.find("shift_npy_bad.npy") != std::string::npos);
    }
  };
  refused("not numpy at all", "not a .npy file");
  refused(npy_bytes("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", std::string(16, '\0')), "only float16, float32 and float64");
  refused(npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", std::string(8, '\0')), "truncated: shape (4,) needs");
  refused(npy_bytes("{'descr': '<f4', 'shape': (2,), }", std::string(8, '\0')), "needs descr, fortran_order and shape");
  refused(npy_bytes("{'descr': '<f4', 'fortran_order': maybe, 'shape': (2,), }", std::string(8, '\0')), "True or False");
}
