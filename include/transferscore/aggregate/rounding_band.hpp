#pragma once
// Rounding bands: how far a value computed from rounded inputs can move when every input moves
// anywhere within its rounding interval (a published score printed to 0.1 is known to +-0.05).
//
// The extremes of each output over the box of inputs are found from the signs of its partial
// derivatives at the point (central differences with a step far inside the box): the output is
// then evaluated at the two corners of the box those signs pick. This is the exact range when
// the output is monotone in each input over the box; otherwise both ends are still values the
// output takes inside the box, so the band can only be too narrow, never too wide. One
// evaluation of all outputs per perturbed input and per corner, whatever the number of outputs
// that depend on that input.

#include <transferscore/config.hpp>
#include <transferscore/aggregate/estimators.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace aggregate {

/// The range [low, high] of a value over the box of inputs allowed by their rounding. Not a
/// confidence interval: nothing is random, it is what the rounding alone leaves unknown.
struct rounding_band {
  double low = not_a_number;
  double high = not_a_number;
  std::string undefined;  ///< why there is no band although the value itself is defined
  [[nodiscard]] bool available() const noexcept { return !std::isnan(low) && !std::isnan(high); }
};

/// The box: every input i lies in [low[i], high[i]] around point[i].
struct input_box {
  std::vector<double> point;
  std::vector<double> low;
  std::vector<double> high;
};

/// For every output of `evaluate(inputs, outputs)` (NaN = undefined) that is defined at the
/// point: its band over the box (NaN ends when the output is undefined at a chosen corner).
/// `h` is the central-difference step; it should be small against the box.
template <class Evaluate>
[[nodiscard]] std::vector<rounding_band> box_extremes(const input_box& box, double h, Evaluate&& evaluate) {
  const std::size_t n = box.point.size();
  std::vector<double> x = box.point, at_point, up, down;
  evaluate(x, at_point);
  const std::size_t q_count = at_point.size();
  // sign[q * n + i]: direction in which input i raises output q (0: no effect, or undefined).
  std::vector<std::int8_t> sign(q_count * n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = box.point[i] + h;
    evaluate(x, up);
    x[i] = box.point[i] - h;
    evaluate(x, down);
    x[i] = box.point[i];
    for (std::size_t q = 0; q < q_count; ++q) {
      if (std::isnan(up[q]) || std::isnan(down[q]) || up[q] == down[q]) continue;
      sign[q * n + i] = up[q] > down[q] ? 1 : -1;
    }
  }
  std::vector<rounding_band> out(q_count);
  std::vector<double> corner;
  for (std::size_t q = 0; q < q_count; ++q) {
    if (std::isnan(at_point[q])) continue;
    double ends[2];
    for (int upper = 0; upper < 2; ++upper) {
      for (std::size_t i = 0; i < n; ++i) {
        const int s = upper != 0 ? sign[q * n + i] : -sign[q * n + i];
        x[i] = s > 0 ? box.high[i] : s < 0 ? box.low[i] : box.point[i];
      }
      evaluate(x, corner);
      ends[upper] = corner[q];
    }
    x = box.point;
    if (std::isnan(ends[0]) || std::isnan(ends[1])) continue;
    // The point belongs to the box: where the output is not monotone a corner can fall short of it.
    out[q].low = std::min({ends[0], ends[1], at_point[q]});
    out[q].high = std::max({ends[0], ends[1], at_point[q]});
  }
  return out;
}

}  // namespace aggregate
TRANSFERSCORE_END_NAMESPACE
