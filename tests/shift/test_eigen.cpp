#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace sh = transferscore::shift;

namespace {
// A symmetric matrix with chosen eigenvalues: Q diag(values) Q^T with Q a product of rotations.
std::vector<double> with_eigenvalues(const std::vector<double>& values) {
  const std::size_t n = values.size();
  std::vector<double> q(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i) q[i * n + i] = 1.0;
  for (std::size_t p = 0; p + 1 < n; ++p) {
    for (std::size_t r = p + 1; r < n; ++r) {
      const double angle = 0.3 + 0.17 * static_cast<double>(p * n + r), c = std::cos(angle), s = std::sin(angle);
      for (std::size_t k = 0; k < n; ++k) {
        const double a = q[k * n + p], b = q[k * n + r];
        q[k * n + p] = c * a - s * b;
        q[k * n + r] = s * a + c * b;
      }
    }
  }
  std::vector<double> m(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      for (std::size_t k = 0; k < n; ++k) m[i * n + j] += q[i * n + k] * values[k] * q[j * n + k];
    }
  }
  return m;
}
}  // namespace

TEST_CASE("Jacobi: eigenvalues in descending order, orthonormal eigenvectors, A v = lambda v") {
  const std::vector<double> values = {-3.0, 1e-6, 0.5, 7.25, 2.0, 2.5, 100.0, 0.0};
  const std::size_t n = values.size();
  const auto a = with_eigenvalues(values);
  const auto e = sh::jacobi_eigen(a, n);
  CHECK(e.converged);
  const std::vector<double> sorted = {100.0, 7.25, 2.5, 2.0, 0.5, 1e-6, 0.0, -3.0};
  for (std::size_t k = 0; k < n; ++k) CHECK(e.values[k] == doctest::Approx(sorted[k]).epsilon(1e-13).scale(100.0));
  for (std::size_t k = 0; k < n; ++k) {
    for (std::size_t l = 0; l < n; ++l) {
      double d = 0.0;
      for (std::size_t i = 0; i < n; ++i) d += e.vectors[i * n + k] * e.vectors[i * n + l];
      CHECK(d == doctest::Approx(k == l ? 1.0 : 0.0).scale(1.0).epsilon(1e-13));
    }
    for (std::size_t i = 0; i < n; ++i) {
      double av = 0.0;
      for (std::size_t j = 0; j < n; ++j) av += a[i * n + j] * e.vectors[j * n + k];
      CHECK(av == doctest::Approx(e.values[k] * e.vectors[i * n + k]).scale(100.0).epsilon(1e-13));
    }
  }
}

TEST_CASE("Jacobi: a diagonal matrix needs no sweep; 1 x 1 and repeated eigenvalues work") {
  const auto d = sh::jacobi_eigen({3.0, 0.0, 0.0, 0.0, 5.0, 0.0, 0.0, 0.0, 1.0}, 3);
  CHECK(d.sweeps == 0);
  CHECK(d.values == std::vector<double>{5.0, 3.0, 1.0});
  CHECK(d.vectors[1 * 3 + 0] == 1.0);  // column 0 is e_1
  const auto one = sh::jacobi_eigen({4.0}, 1);
  CHECK(one.values == std::vector<double>{4.0});
  const auto repeated = sh::jacobi_eigen(with_eigenvalues({2.0, 2.0, 2.0, 1.0}), 4);
  for (std::size_t k = 0; k < 3; ++k) CHECK(repeated.values[k] == doctest::Approx(2.0).epsilon(1e-13));
  CHECK(repeated.values[3] == doctest::Approx(1.0).epsilon(1e-13));
}
