#pragma once
// SVG charts, self-contained (no script, no external font or stylesheet):
//   transfer_scatter_svg: TI of one group against another, one labelled point per model,
//     coloured by base model, with interval whiskers when there are intervals;
//   gain_bars_svg: per-benchmark gain of one model over its base, grouped, with whiskers.
// Labels are placed greedily around their points so that they do not overlap each other or
// the points; a label pushed away from its point gets a leader line.

#include <transferscore/config.hpp>
#include <transferscore/aggregate/report/common.hpp>
#include <transferscore/aggregate/report/md.hpp>
#include <transferscore/aggregate/transfer.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace aggregate {
namespace report {

namespace svg {

inline constexpr std::array<std::string_view, 10> palette = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                                              "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

struct box {
  double x0, y0, x1, y1;
  [[nodiscard]] double overlap(const box& o) const noexcept {
    const double w = std::min(x1, o.x1) - std::max(x0, o.x0);
    const double h = std::min(y1, o.y1) - std::max(y0, o.y0);
    return w > 0 && h > 0 ? w * h : 0.0;
  }
};

/// Width of a text in pixels, estimated (0.6 em per character suits DejaVu Sans / Arial).
[[nodiscard]] inline double text_width(std::string_view text, double size) {
  std::size_t chars = 0;
  for (unsigned char c : text) chars += (c & 0xC0) != 0x80 ? 1 : 0;  // count UTF-8 characters
  return static_cast<double>(chars) * size * 0.6;
}

/// Round tick positions (1, 2, 2.5, 5 x 10^n) covering [lo, hi].
[[nodiscard]] inline std::vector<double> ticks(double lo, double hi, int target = 6) {
  const double span = hi - lo;
  if (!(span > 0)) return {lo};
  const double raw = span / target;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = mag;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (raw <= m * mag) {
      step = m * mag;
      break;
    }
  }
  std::vector<double> out;
  for (double v = std::ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push_back(std::fabs(v) < step * 1e-9 ? 0.0 : v);
  return out;
}

[[nodiscard]] inline std::string tick_text(double v, double step) {
  int decimals = 0;
  while (decimals < 4 && std::fabs(step * std::pow(10.0, decimals) - std::round(step * std::pow(10.0, decimals))) > 1e-6) ++decimals;
  return fixed(v, decimals);
}

[[nodiscard]] inline std::string num(double v) { return fixed(v, 1); }

/// "0.050" -> "0.05", "1.000" -> "1": a fixed-point text without trailing zeros.
[[nodiscard]] inline std::string trimmed(std::string text) {
  if (text.find('.') == std::string::npos) return text;
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

inline void text(std::string& out, double x, double y, std::string_view content, double size, std::string_view anchor = "start",
                 std::string_view extra = "") {
  out += "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" font-size=\"" + num(size) + "\" text-anchor=\"" +
         std::string(anchor) + "\"" + (extra.empty() ? "" : " " + std::string(extra)) + ">" + xml_escape(content) + "</text>\n";
}

inline void line(std::string& out, double x1, double y1, double x2, double y2, std::string_view stroke, double width = 1,
                 std::string_view extra = "") {
  out += "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" + num(y2) + "\" stroke=\"" +
         std::string(stroke) + "\" stroke-width=\"" + num(width) + "\"" + (extra.empty() ? "" : " " + std::string(extra)) + "/>\n";
}

inline std::string open(double w, double h) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(w) + "\" height=\"" + num(h) + "\" viewBox=\"0 0 " +
         num(w) + " " + num(h) + "\" font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
}

/// Shortens a label to at most `max_chars` characters (UTF-8 aware), with an ellipsis.
[[nodiscard]] inline std::string shorten(std::string_view s, std::size_t max_chars) {
  std::size_t chars = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (chars == max_chars) return std::string(s.substr(0, i)) + "…";
      ++chars;
    }
  }
  return std::string(s);
}

}  // namespace svg

/// Transfer scatter: TI of group `x_group` (x) against `y_group` (y). Groups are picked by
/// name; empty names take the first two non-source groups.
[[nodiscard]] inline std::string transfer_scatter_svg(const transfer_result& t, std::string x_group = {}, std::string y_group = {}) {
  const auto targets = t.groups.targets();
  auto index_of = [&](const std::string& name, std::size_t fallback) {
    for (std::size_t g = 0; g < t.groups.groups.size(); ++g) {
      if (t.groups.groups[g].name == name) return g;
    }
    return fallback;
  };
  if (targets.empty()) TRANSFERSCORE_THROW(config_error("a transfer scatter needs a non-source group"));
  const std::size_t gx = index_of(x_group, targets[0]);
  const std::size_t gy = index_of(y_group, targets.size() > 1 ? targets[1] : targets[0]);
  const std::string nx = t.groups.groups[gx].name, ny = t.groups.groups[gy].name;

  struct point {
    std::string label, base;
    double x, y;
    interval cx, cy;
    std::size_t colour;
  };
  std::vector<point> points;
  std::vector<std::string> bases, left_out, no_band;
  // Whiskers: bootstrap intervals (verdicts) or rounding bands (score tables); never both.
  auto whisker_of = [&](const group_index& gi) { return t.rounding_bands ? band_interval(gi.ti_band) : gi.ti_ci; };
  for (const auto& p : t.pairs) {
    const auto& X = p.groups[gx];
    const auto& Y = p.groups[gy];
    if (std::isnan(X.ti) || std::isnan(Y.ti)) {
      left_out.push_back(p.model + ": " + (!X.undefined.empty() ? X.undefined : Y.undefined));
      continue;
    }
    if (t.rounding_bands && (!X.ti_band.available() || !Y.ti_band.available())) {
      no_band.push_back(p.model + ": " + (!X.ti_band.available() ? X.ti_band.undefined : Y.ti_band.undefined));
    }
    auto it = std::find(bases.begin(), bases.end(), p.base);
    if (it == bases.end()) it = bases.insert(bases.end(), p.base);
    points.push_back({p.model, p.base, X.ti, Y.ti, whisker_of(X), whisker_of(Y), static_cast<std::size_t>(it - bases.begin())});
  }
  const std::string half_width = fixed(t.policy.score_rounding / 2, 3);

  const double W = 1040, legend_w = 250;
  const double left = 80, top = 78, right = W - legend_w - 20;
  const double plot_h = 560;
  const double bottom = top + plot_h;
  const auto listed = [](const std::vector<std::string>& v) { return static_cast<double>(v.empty() ? 0 : v.size() + 1); };
  const double H = bottom + 70 + 16.0 * (listed(left_out) + listed(no_band));
  // The axes cover the points (and 0) and the whiskers up to 40% of that span beyond it:
  // one model with a huge interval must not squash all the others into a corner. Longer
  // whiskers are clipped at the edge and end in an arrow.
  double x0 = 0, x1 = 0, y0 = 0, y1 = 0;
  for (const auto& p : points) {
    x0 = std::min(x0, p.x);
    x1 = std::max(x1, p.x);
    y0 = std::min(y0, p.y);
    y1 = std::max(y1, p.y);
  }
  const double x_reach = std::max(x1 - x0, 1.0) * 0.4, y_reach = std::max(y1 - y0, 1.0) * 0.4;
  const double x_min = x0 - x_reach, x_max = x1 + x_reach, y_min = y0 - y_reach, y_max = y1 + y_reach;
  bool clipped = false;
  for (const auto& p : points) {
    if (p.cx.available()) {
      x0 = std::min(x0, std::max(p.cx.low, x_min));
      x1 = std::max(x1, std::min(p.cx.high, x_max));
      clipped = clipped || p.cx.low < x_min || p.cx.high > x_max;
    }
    if (p.cy.available()) {
      y0 = std::min(y0, std::max(p.cy.low, y_min));
      y1 = std::max(y1, std::min(p.cy.high, y_max));
      clipped = clipped || p.cy.low < y_min || p.cy.high > y_max;
    }
  }
  if (x1 - x0 < 1e-9) x1 = x0 + 100;
  if (y1 - y0 < 1e-9) y1 = y0 + 100;
  const double px = (x1 - x0) * 0.06, py = (y1 - y0) * 0.06;
  x0 -= px;
  x1 += px;
  y0 -= py;
  y1 += py;
  auto sx = [&](double v) { return left + (v - x0) / (x1 - x0) * (right - left); };
  auto sy = [&](double v) { return bottom - (v - y0) / (y1 - y0) * (bottom - top); };

  std::string out = svg::open(W, H);
  svg::text(out, left, 30, "Transfer of " + t.groups.source + " gains: TI_" + ny + " against TI_" + nx, 19, "start",
            "font-weight=\"bold\"");
  std::string sub = "TI " + std::string(to_string(t.policy.formula));
  if (t.policy.formula == ti_formula::v2) {
    sub += ", sigma " + std::string(to_string(t.policy.sigma)) + " (" + std::string(to_string(t.policy.deviation)) + ")";
  }
  if (t.input == "verdicts") {
    sub += "; " + t.policy.metric + ", " + std::string(to_string(t.policy.scoring.average)) + ", non-ok " +
           std::string(to_string(t.policy.scoring.non_ok));
  }
  sub += t.intervals         ? "; whiskers: " + fixed(t.policy.scoring.bootstrap.confidence * 100, 0) +
                                   "% paired item bootstrap (" + std::to_string(t.policy.scoring.bootstrap.replicates) + " replicates)"
         : t.rounding_bands ? "; whiskers: rounding band, the range of TI with every score within ±" +
                                   svg::trimmed(half_width) + " (not a confidence interval)"
                            : "; no intervals (input: published scores, no items)";
  if (clipped) sub += "; long whiskers clipped (arrow)";
  svg::text(out, left, 52, sub, 12.5, "start", "fill=\"#555\"");

  // Grid, zero lines, axes.
  const auto xt = svg::ticks(x0, x1), yt = svg::ticks(y0, y1);
  const double xstep = xt.size() > 1 ? xt[1] - xt[0] : 1, ystep = yt.size() > 1 ? yt[1] - yt[0] : 1;
  for (double v : xt) {
    svg::line(out, sx(v), top, sx(v), bottom, "#ececec");
    svg::text(out, sx(v), bottom + 18, svg::tick_text(v, xstep), 12, "middle", "fill=\"#333\"");
  }
  for (double v : yt) {
    svg::line(out, left, sy(v), right, sy(v), "#ececec");
    svg::text(out, left - 8, sy(v) + 4, svg::tick_text(v, ystep), 12, "end", "fill=\"#333\"");
  }
  svg::line(out, sx(0), top, sx(0), bottom, "#888", 1.2, "stroke-dasharray=\"5,4\"");
  svg::line(out, left, sy(0), right, sy(0), "#888", 1.2, "stroke-dasharray=\"5,4\"");
  out += "<rect x=\"" + svg::num(left) + "\" y=\"" + svg::num(top) + "\" width=\"" + svg::num(right - left) + "\" height=\"" +
         svg::num(bottom - top) + "\" fill=\"none\" stroke=\"#333\"/>\n";
  svg::text(out, (left + right) / 2, bottom + 44, "TI_" + nx + " (%)", 14, "middle");
  svg::text(out, 22, (top + bottom) / 2, "TI_" + ny + " (%)", 14, "middle",
            "transform=\"rotate(-90 22 " + svg::num((top + bottom) / 2) + ")\"");
  // Quadrant captions, faint, in the plot corners.
  const std::string q = "fill=\"#9a9a9a\" font-style=\"italic\"";
  svg::text(out, right - 8, top + 16, "helps " + nx + " and " + ny, 11.5, "end", q);
  svg::text(out, left + 8, top + 16, "hurts " + nx + ", helps " + ny, 11.5, "start", q);
  svg::text(out, right - 8, bottom - 8, "helps " + nx + ", hurts " + ny, 11.5, "end", q);
  svg::text(out, left + 8, bottom - 8, "hurts " + nx + " and " + ny, 11.5, "start", q);

  // Whiskers (clipped to the axes, with an arrow where cut), then points.
  auto whisker = [&](double ax, double ay, double bx, double by, bool horizontal, bool cut_a, bool cut_b,
                     const std::string& colour) {
    const std::string style = "stroke-opacity=\"0.6\"";
    svg::line(out, ax, ay, bx, by, colour, 1.5, style);
    auto end = [&](double ex, double ey, bool cut, double dir) {
      if (!cut) {
        if (horizontal) svg::line(out, ex, ey - 4, ex, ey + 4, colour, 1.5, style);
        else svg::line(out, ex - 4, ey, ex + 4, ey, colour, 1.5, style);
        return;
      }
      const double d = 7 * dir;
      const std::string pts = horizontal ? svg::num(ex) + "," + svg::num(ey) + " " + svg::num(ex - d) + "," + svg::num(ey - 4) + " " +
                                               svg::num(ex - d) + "," + svg::num(ey + 4)
                                         : svg::num(ex) + "," + svg::num(ey) + " " + svg::num(ex - 4) + "," + svg::num(ey - d) + " " +
                                               svg::num(ex + 4) + "," + svg::num(ey - d);
      out += "<polygon points=\"" + pts + "\" fill=\"" + colour + "\" fill-opacity=\"0.7\"/>\n";
    };
    end(ax, ay, cut_a, horizontal ? -1.0 : 1.0);
    end(bx, by, cut_b, horizontal ? 1.0 : -1.0);
  };
  for (const auto& p : points) {
    const std::string colour(svg::palette[p.colour % svg::palette.size()]);
    if (p.cx.available()) {
      const double lo = std::max(p.cx.low, x0), hi = std::min(p.cx.high, x1);
      whisker(sx(lo), sy(p.y), sx(hi), sy(p.y), true, p.cx.low < x0, p.cx.high > x1, colour);
    }
    if (p.cy.available()) {
      const double lo = std::max(p.cy.low, y0), hi = std::min(p.cy.high, y1);
      whisker(sx(p.x), sy(lo), sx(p.x), sy(hi), false, p.cy.low < y0, p.cy.high > y1, colour);
    }
  }
  std::vector<svg::box> obstacles;
  for (const auto& p : points) {
    const std::string colour(svg::palette[p.colour % svg::palette.size()]);
    out += "<circle cx=\"" + svg::num(sx(p.x)) + "\" cy=\"" + svg::num(sy(p.y)) + "\" r=\"5.5\" fill=\"" + colour +
           "\" stroke=\"white\" stroke-width=\"1.2\"/>\n";
    obstacles.push_back({sx(p.x) - 6, sy(p.y) - 6, sx(p.x) + 6, sy(p.y) + 6});
  }
  // The zero lines and the quadrant captions are obstacles too.
  obstacles.push_back({sx(0) - 1, top, sx(0) + 1, bottom});
  obstacles.push_back({left, sy(0) - 1, right, sy(0) + 1});
  obstacles.push_back({right - 240, top, right, top + 22});
  obstacles.push_back({left, top, left + 240, top + 22});
  obstacles.push_back({right - 240, bottom - 22, right, bottom});
  obstacles.push_back({left, bottom - 22, left + 240, bottom});

  // Labels: try 8 directions at growing distances; the first free spot wins.
  const double size = 11.5, h = size + 3;
  std::vector<std::size_t> order(points.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return points[a].x < points[b].x; });
  for (auto i : order) {
    const auto& p = points[i];
    const std::string label = svg::shorten(p.label, 34);
    const double w = svg::text_width(label, size);
    const double cx = sx(p.x), cy = sy(p.y);
    double best_cost = 1e300;
    svg::box best{};
    double best_d = 0;
    const int dirs[8][2] = {{1, 0}, {-1, 0}, {0, -1}, {0, 1}, {1, -1}, {1, 1}, {-1, -1}, {-1, 1}};
    for (double d : {7.0, 16.0, 28.0, 44.0, 64.0}) {
      for (const auto& dir : dirs) {
        const double bx = dir[0] > 0 ? cx + d : dir[0] < 0 ? cx - d - w : cx - w / 2;
        const double by = dir[1] > 0 ? cy + d : dir[1] < 0 ? cy - d - h : cy - h / 2;
        const svg::box b{bx, by, bx + w, by + h};
        double cost = 0;
        if (b.x0 < left + 2 || b.x1 > right - 2 || b.y0 < top + 2 || b.y1 > bottom - 2) cost += 1e6;
        for (const auto& o : obstacles) cost += b.overlap(o);
        cost += d * 0.01;  // prefer near spots among free ones
        if (cost < best_cost) {
          best_cost = cost;
          best = b;
          best_d = d;
        }
      }
      if (best_cost < 1.0) break;
    }
    if (best_d > 10) {
      const double lx = std::clamp(cx, best.x0, best.x1), ly = std::clamp(cy, best.y0, best.y1);
      svg::line(out, cx, cy, lx, ly, "#999", 0.8);
    }
    svg::text(out, best.x0, best.y1 - 4, label, size, "start", "fill=\"#222\"");
    obstacles.push_back(best);
  }

  // Legend: base models.
  const double lx = right + 24;
  double ly = top + 6;
  svg::text(out, lx, ly + 4, "base model", 13, "start", "font-weight=\"bold\"");
  ly += 22;
  for (std::size_t b = 0; b < bases.size(); ++b) {
    out += "<circle cx=\"" + svg::num(lx + 6) + "\" cy=\"" + svg::num(ly) + "\" r=\"5.5\" fill=\"" +
           std::string(svg::palette[b % svg::palette.size()]) + "\"/>\n";
    svg::text(out, lx + 18, ly + 4, svg::shorten(bases[b], 30), 12);
    ly += 20;
  }
  if (t.intervals) {
    ly += 10;
    svg::line(out, lx, ly, lx + 14, ly, "#666", 1.5);
    svg::line(out, lx, ly - 4, lx, ly + 4, "#666", 1.5);
    svg::line(out, lx + 14, ly - 4, lx + 14, ly + 4, "#666", 1.5);
    svg::text(out, lx + 20, ly + 4, fixed(t.policy.scoring.bootstrap.confidence * 100, 0) + "% interval", 12);
  }
  if (t.rounding_bands) {
    ly += 10;
    svg::line(out, lx, ly, lx + 14, ly, "#666", 1.5);
    svg::line(out, lx, ly - 4, lx, ly + 4, "#666", 1.5);
    svg::line(out, lx + 14, ly - 4, lx + 14, ly + 4, "#666", 1.5);
    svg::text(out, lx + 20, ly + 4, "rounding band (scores ±" + svg::trimmed(half_width) + ")", 12);
  }
  double fy = bottom + 66;
  auto list = [&](const std::string& title, const std::vector<std::string>& lines) {
    if (lines.empty()) return;
    svg::text(out, left, fy, title, 11.5, "start", "fill=\"#555\" font-weight=\"bold\"");
    for (const auto& s : lines) {
      fy += 16;
      svg::text(out, left, fy, svg::shorten(s, 150), 11.5, "start", "fill=\"#555\"");
    }
    fy += 16;
  };
  list("Not shown (undefined TI):", left_out);
  list("No rounding band (shown without whiskers):", no_band);
  out += "</svg>\n";
  return out;
}

/// Per-benchmark gains (points) of one pair, as horizontal bars grouped by benchmark group.
[[nodiscard]] inline std::string gain_bars_svg(const transfer_result& t, const pair_transfer& p) {
  const double W = 960, left = 190, right = W - 40, top = 96, row = 26, bar = 16, header = 30;
  const std::size_t rows = p.gains.size();
  const double plot_h = static_cast<double>(rows) * row + static_cast<double>(t.groups.groups.size()) * header;
  const double bottom = top + plot_h + 8;
  const double H = bottom + 64;
  double lo = 0, hi = 0;
  // Whiskers: bootstrap intervals (verdicts) or rounding bands (score tables); never both.
  auto whisker_of = [&](const benchmark_gain& g) { return t.rounding_bands ? band_interval(g.gain_band) : g.gain_ci; };
  for (const auto& g : p.gains) {
    if (std::isnan(g.gain)) continue;
    const interval w = whisker_of(g);
    lo = std::min({lo, g.gain, w.available() ? w.low : g.gain});
    hi = std::max({hi, g.gain, w.available() ? w.high : g.gain});
  }
  if (hi - lo < 1e-9) hi = lo + 10;
  // Room for the value labels beside the bar ends.
  const double pad = (hi - lo) * 0.16;
  lo -= lo < 0 ? pad : pad * 0.3;
  hi += hi > 0 ? pad : pad * 0.3;
  auto sx = [&](double v) { return left + (v - lo) / (hi - lo) * (right - left); };

  std::string out = svg::open(W, H);
  svg::text(out, 24, 30, "Per-benchmark gain: " + p.model + " vs " + p.base, 18, "start", "font-weight=\"bold\"");
  svg::text(out, 24, 52,
            std::string("bars: model − base in points") +
                (t.intervals        ? "; whiskers: " + fixed(t.policy.scoring.bootstrap.confidence * 100, 0) +
                                          "% paired item bootstrap"
                 : t.rounding_bands ? "; whiskers and TI brackets: rounding bands, every score within ±" +
                                          svg::trimmed(fixed(t.policy.score_rounding / 2, 3)) + " (not confidence intervals)"
                                    : "; no intervals (published scores)"),
            12.5, "start", "fill=\"#555\"");
  // Legend of groups.
  double lx = 24;
  for (std::size_t g = 0; g < t.groups.groups.size(); ++g) {
    const std::string name = t.groups.groups[g].name + (t.groups.groups[g].name == t.groups.source ? " (source)" : "");
    out += "<rect x=\"" + svg::num(lx) + "\" y=\"64\" width=\"12\" height=\"12\" fill=\"" + std::string(svg::palette[g % svg::palette.size()]) + "\"/>\n";
    svg::text(out, lx + 17, 75, name, 12);
    lx += 30 + svg::text_width(name, 12);
  }
  const auto xt = svg::ticks(lo, hi);
  const double step = xt.size() > 1 ? xt[1] - xt[0] : 1;
  for (double v : xt) {
    svg::line(out, sx(v), top, sx(v), bottom, "#ececec");
    svg::text(out, sx(v), bottom + 18, svg::tick_text(v, step), 12, "middle", "fill=\"#333\"");
  }
  svg::text(out, (left + right) / 2, bottom + 44, "gain (points)", 13.5, "middle");
  double y = top;
  std::size_t k = 0;
  for (std::size_t g = 0; g < t.groups.groups.size(); ++g) {
    const auto& grp = t.groups.groups[g];
    const auto& gi = p.groups[g];
    std::string head = grp.name;
    if (grp.name != t.groups.source) {
      head += "  ·  TI_" + grp.name + " = " + (std::isnan(gi.ti) ? std::string("undefined") : signed_fixed(gi.ti, 1) + "%");
      const interval ti_whisker = t.rounding_bands ? band_interval(gi.ti_band) : gi.ti_ci;
      if (ti_whisker.available()) {
        head += ' ';
        head += bracket(ti_whisker, 1, 1);
      } else if (t.rounding_bands && !std::isnan(gi.ti)) {
        head += " (no rounding band)";
      }
    } else {
      head += " (source)";
    }
    head += "  ·  avg " + fixed(gi.base_mean, 1) + " → " + fixed(gi.model_mean, 1);
    // Headers sit on white, above the grid, so no line runs through them.
    out += "<rect x=\"20\" y=\"" + svg::num(y + 4) + "\" width=\"" + svg::num(svg::text_width(head, 13) * 1.05 + 8) +
           "\" height=\"20\" fill=\"white\"/>\n";
    svg::text(out, 24, y + 20, head, 13, "start", "font-weight=\"bold\"");
    y += header;
    svg::line(out, sx(0), y - 2, sx(0), y + static_cast<double>(grp.benchmarks.size()) * row, "#444", 1.3);
    const std::string colour(svg::palette[g % svg::palette.size()]);
    for (std::size_t b = 0; b < grp.benchmarks.size(); ++b, ++k) {
      const auto& gain = p.gains[k];
      svg::text(out, left - 10, y + bar - 3, gain.benchmark, 12, "end");
      if (!std::isnan(gain.gain)) {
        const double x_a = sx(std::min(0.0, gain.gain)), x_b = sx(std::max(0.0, gain.gain));
        out += "<rect x=\"" + svg::num(x_a) + "\" y=\"" + svg::num(y + 2) + "\" width=\"" + svg::num(std::max(1.0, x_b - x_a)) +
               "\" height=\"" + svg::num(bar - 4) + "\" fill=\"" + colour + "\"/>\n";
        double label_at = gain.gain;
        const interval w = whisker_of(gain);
        if (w.available()) {
          const double cy = y + bar / 2;
          svg::line(out, sx(w.low), cy, sx(w.high), cy, "#333", 1.2);
          svg::line(out, sx(w.low), cy - 5, sx(w.low), cy + 5, "#333", 1.2);
          svg::line(out, sx(w.high), cy - 5, sx(w.high), cy + 5, "#333", 1.2);
          label_at = gain.gain >= 0 ? std::max(gain.gain, w.high) : std::min(gain.gain, w.low);
        }
        const std::string value = signed_fixed(gain.gain, 1);
        if (gain.gain >= 0) svg::text(out, sx(label_at) + 5, y + bar - 3, value, 11.5, "start", "fill=\"#222\"");
        else svg::text(out, sx(label_at) - 5, y + bar - 3, value, 11.5, "end", "fill=\"#222\"");
      } else {
        svg::text(out, sx(0) + 5, y + bar - 3, "no score", 11.5, "start", "fill=\"#999\"");
      }
      y += row;
    }
  }
  out += "</svg>\n";
  return out;
}

}  // namespace report
}  // namespace aggregate
TRANSFERSCORE_END_NAMESPACE
