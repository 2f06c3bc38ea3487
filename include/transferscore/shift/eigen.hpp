#pragma once
// Eigenvalues and eigenvectors of a small symmetric matrix by the cyclic Jacobi method
// (Golub and Van Loan, Matrix Computations, §8.5): plane rotations zero the off-diagonal
// entries one at a time, sweep after sweep, until they are negligible against the diagonal.
// Slower than a tridiagonal QR for large matrices but simple, exact to rounding, and
// accurate for small eigenvalues too; the PCA here only ever gives it a samples x samples
// Gram matrix (100 x 100 at the study's size).

#include <transferscore/config.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace shift {

struct symmetric_eigen {
  std::vector<double> values;   ///< descending
  std::vector<double> vectors;  ///< n x n, row-major: column k is the unit eigenvector of values[k]
  std::size_t sweeps = 0;
  bool converged = false;
};

/// Eigen-decomposition of the symmetric n x n matrix `a` (row-major; only symmetry is assumed).
[[nodiscard]] inline symmetric_eigen jacobi_eigen(std::vector<double> a, std::size_t n, std::size_t max_sweeps = 64) {
  symmetric_eigen out;
  std::vector<double> v(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i) v[i * n + i] = 1.0;
  auto at = [&](std::size_t i, std::size_t j) -> double& { return a[i * n + j]; };
  for (std::size_t sweep = 0; sweep < max_sweeps; ++sweep) {
    double off = 0.0, diag = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      diag += at(i, i) * at(i, i);
      for (std::size_t j = i + 1; j < n; ++j) off += at(i, j) * at(i, j);
    }
    if (off == 0.0 || off <= diag * 1e-34) {  // |off-diagonal| below 1e-17 of the diagonal: rounding level
      out.converged = true;
      break;
    }
    out.sweeps = sweep + 1;
    for (std::size_t p = 0; p + 1 < n; ++p) {
      for (std::size_t q = p + 1; q < n; ++q) {
        const double apq = at(p, q);
        if (apq == 0.0) continue;
        const double app = at(p, p), aqq = at(q, q);
        // Skip an entry that no longer changes the diagonal at all (after the first sweeps).
        if (sweep > 3 && std::fabs(apq) * 1e18 < std::fabs(app) && std::fabs(apq) * 1e18 < std::fabs(aqq)) {
          at(p, q) = at(q, p) = 0.0;
          continue;
        }
        // The rotation that zeroes a(p, q): t = tan(theta), the smaller root of t^2 + 2 tau t - 1 = 0.
        const double tau = (aqq - app) / (2.0 * apq);
        const double t = (tau >= 0 ? 1.0 : -1.0) / (std::fabs(tau) + std::sqrt(1.0 + tau * tau));
        const double c = 1.0 / std::sqrt(1.0 + t * t), s = t * c;
        for (std::size_t k = 0; k < n; ++k) {
          const double akp = at(k, p), akq = at(k, q);
          at(k, p) = c * akp - s * akq;
          at(k, q) = s * akp + c * akq;
        }
        for (std::size_t k = 0; k < n; ++k) {
          const double apk = at(p, k), aqk = at(q, k);
          at(p, k) = c * apk - s * aqk;
          at(q, k) = s * apk + c * aqk;
        }
        at(p, q) = at(q, p) = 0.0;
        for (std::size_t k = 0; k < n; ++k) {
          double& vkp = v[k * n + p];
          double& vkq = v[k * n + q];
          const double x = vkp, y = vkq;
          vkp = c * x - s * y;
          vkq = s * x + c * y;
        }
      }
    }
  }
  // Sort descending.
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return at(x, x) > at(y, y); });
  out.values.resize(n);
  out.vectors.assign(n * n, 0.0);
  for (std::size_t k = 0; k < n; ++k) {
    out.values[k] = at(order[k], order[k]);
    for (std::size_t i = 0; i < n; ++i) out.vectors[i * n + k] = v[i * n + order[k]];
  }
  return out;
}

}  // namespace shift
TRANSFERSCORE_END_NAMESPACE
