#pragma once
// A two-component PCA of n samples x d features, as scikit-learn's PCA(n_components=2)
// fits it: features centred by their mean, components = the top right singular vectors of
// the centred matrix, with scikit-learn's sign rule (svd_flip) so the numbers match its output.
//
// Through the smaller Gram matrix: with n <= d (100 samples x 5120 features at the study's
// size), the n x n matrix Xc Xc^T has the squared singular values as eigenvalues and the left
// singular vectors u_k as eigenvectors; the components are v_k = Xc^T u_k / |Xc^T u_k|. With
// d < n, the d x d matrix Xc^T Xc gives the components directly.
//
// Sign rules (sklearn.utils.extmath.svd_flip):
//   components  scikit-learn >= 1.5: the entry of largest absolute value of each component
//               is positive (u_based_decision=False);
//   scores      scikit-learn <= 1.4: the entry of largest absolute value of each left singular
//               vector (the samples' scores) is positive (u_based_decision=True; its randomized
//               solver transposes wide inputs and flips by rows of the transposed V, the same rule).
// numpy's argmax takes the first of equal absolute values; so does this.

#include <transferscore/config.hpp>
#include <transferscore/shift/eigen.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace shift {

enum class sign_rule : unsigned char { components, scores };

[[nodiscard]] constexpr std::string_view to_string(sign_rule r) noexcept { return r == sign_rule::components ? "components" : "scores"; }

struct pca2 {
  std::vector<double> mean;                    ///< d
  std::array<std::vector<double>, 2> components;  ///< unit vectors, d each
  std::array<double, 2> explained_variance{};  ///< eigenvalue / (n - 1), as scikit-learn
  double total_variance = 0.0;                 ///< sum of all feature variances (n - 1 denominator)
  std::string undefined;                       ///< why no two components exist; empty when they do
  bool degenerate = false;                     ///< PC1 and PC2 have (nearly) equal variance: not unique
};

namespace detail {

// Index of the first entry of largest absolute value.
[[nodiscard]] inline std::size_t first_max_abs(const double* x, std::size_t n, std::size_t stride = 1) noexcept {
  std::size_t best = 0;
  double best_abs = -1.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double a = std::fabs(x[i * stride]);
    if (a > best_abs) {
      best_abs = a;
      best = i;
    }
  }
  return best;
}

// A dot product with four running sums: independent additions keep the pipeline full where a
// single sum would wait on each previous addition (the compiler may not reorder them).
[[nodiscard]] inline double dot(const double* a, const double* b, std::size_t n) noexcept {
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  std::size_t j = 0;
  for (; j + 4 <= n; j += 4) {
    s0 += a[j] * b[j];
    s1 += a[j + 1] * b[j + 1];
    s2 += a[j + 2] * b[j + 2];
    s3 += a[j + 3] * b[j + 3];
  }
  for (; j < n; ++j) s0 += a[j] * b[j];
  return (s0 + s1) + (s2 + s3);
}

}  // namespace detail

/// Fits two components to `x` (n x d, row-major).
[[nodiscard]] inline pca2 fit_pca2(const std::vector<double>& x, std::size_t n, std::size_t d, sign_rule rule) {
  pca2 out;
  out.mean.assign(d, 0.0);
  if (n < 2 || d < 2) {
    out.undefined = "two components need at least 2 samples and 2 features";
    return out;
  }
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < d; ++j) out.mean[j] += x[i * d + j];
  }
  for (auto& m : out.mean) m /= static_cast<double>(n);
  std::vector<double> xc(x.size());
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < d; ++j) xc[i * d + j] = x[i * d + j] - out.mean[j];
  }
  for (double v : xc) out.total_variance += v * v;
  out.total_variance /= static_cast<double>(n - 1);

  std::array<std::vector<double>, 2> scores;  // u_k, n each (unit)
  std::array<double, 2> eigenvalue{};
  if (n <= d) {
    std::vector<double> gram(n * n);
    for (std::size_t i = 0; i < n; ++i) {
      const double* ri = &xc[i * d];
      for (std::size_t k = i; k < n; ++k) {
        const double s = detail::dot(ri, &xc[k * d], d);
        gram[i * n + k] = gram[k * n + i] = s;
      }
    }
    const symmetric_eigen e = jacobi_eigen(std::move(gram), n);
    for (std::size_t c = 0; c < 2; ++c) {
      eigenvalue[c] = e.values[c];
      scores[c].resize(n);
      for (std::size_t i = 0; i < n; ++i) scores[c][i] = e.vectors[i * n + c];
      // v = Xc^T u, normalised (more accurate than dividing by sqrt(eigenvalue)).
      std::vector<double>& v = out.components[c];
      v.assign(d, 0.0);
      for (std::size_t i = 0; i < n; ++i) {
        const double ui = scores[c][i];
        const double* ri = &xc[i * d];
        for (std::size_t j = 0; j < d; ++j) v[j] += ui * ri[j];
      }
    }
  } else {
    std::vector<double> cov(d * d);
    for (std::size_t a = 0; a < d; ++a) {
      for (std::size_t b = a; b < d; ++b) {
        double s = 0.0;
        for (std::size_t i = 0; i < n; ++i) s += xc[i * d + a] * xc[i * d + b];
        cov[a * d + b] = cov[b * d + a] = s;
      }
    }
    const symmetric_eigen e = jacobi_eigen(std::move(cov), d);
    for (std::size_t c = 0; c < 2; ++c) {
      eigenvalue[c] = e.values[c];
      out.components[c].resize(d);
      for (std::size_t j = 0; j < d; ++j) out.components[c][j] = e.vectors[j * d + c];
      // u = Xc v (scaled: only its signs and the position of its largest entry matter).
      scores[c].assign(n, 0.0);
      for (std::size_t i = 0; i < n; ++i) scores[c][i] = detail::dot(&xc[i * d], out.components[c].data(), d);
    }
  }
  const double scale = std::fabs(eigenvalue[0]);
  if (!(eigenvalue[1] > scale * 1e-24) || !(eigenvalue[1] > 0.0)) {
    out.undefined = "the centred features have rank < 2: the second component is not defined";
    return out;
  }
  out.degenerate = eigenvalue[0] - eigenvalue[1] <= scale * 1e-10;
  for (std::size_t c = 0; c < 2; ++c) {
    std::vector<double>& v = out.components[c];
    double norm = 0.0;
    for (double x_j : v) norm += x_j * x_j;
    norm = std::sqrt(norm);
    for (double& x_j : v) x_j /= norm;
    out.explained_variance[c] = eigenvalue[c] / static_cast<double>(n - 1);
    const bool negative = rule == sign_rule::components ? v[detail::first_max_abs(v.data(), d)] < 0
                                                        : scores[c][detail::first_max_abs(scores[c].data(), n)] < 0;
    if (negative) {
      for (double& x_j : v) x_j = -x_j;
    }
  }
  return out;
}

}  // namespace shift
TRANSFERSCORE_END_NAMESPACE
