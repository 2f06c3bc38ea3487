#pragma once
// SVG charts of the shift reports, in the house style of aggregate/report/svg.hpp (whose
// drawing helpers they use: palette, text, lines, ticks), self-contained:
//   figure_bars_svg    one token figure per benchmark, a bar per model, with whiskers (the
//                      study's Fig. 4 for the KL estimate, Fig. 17 for the rank shift);
//   curve_svg          a position-wise curve per model on one benchmark (Figs 15, 16, 20),
//                      the tokens per position bin shaded behind;
//   shifted_tokens_svg the most-shifted tokens of one model on one benchmark, as bars (the data
//                      of the study's word clouds);
//   latent_svg         one model's latent shift, a panel per benchmark (the study's Fig. 3):
//                      per layer, the base at (0, PC2) and the fine-tune at (PC1 shift, PC2),
//                      shaded by depth, and both centroids joined by d.

#include <transferscore/config.hpp>
#include <transferscore/aggregate/report/common.hpp>
#include <transferscore/aggregate/report/svg.hpp>
#include <transferscore/shift/latent.hpp>
#include <transferscore/shift/report_tokens.hpp>
#include <transferscore/shift/token_summary.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace shift {
namespace report {

namespace detail {

namespace sv = aggregate::report::svg;

[[nodiscard]] inline std::string figure_title(token_figure f) {
  switch (f) {
    case token_figure::kl_estimate: return "KL to the base (the study's estimate: |mean log ratio|)";
    case token_figure::log_ratio: return "Mean log ratio log P_ft(y) - log P_base(y)";
    case token_figure::lumped_kl: return "Top-k KL with the rest lumped (a lower bound of the full KL)";
    case token_figure::rank_shift: return "Average token-rank shift rank_base - rank_ft";
    case token_figure::abs_rank_shift: return "Average token-rank shift |rank_base - rank_ft|";
    case token_figure::rank_changed: return "Share of tokens whose rank changed";
    case token_figure::shifted_per_response: return "Tokens ranked first by the fine-tune but not by the base, per response";
  }
  return {};
}

[[nodiscard]] inline std::string intervals_text(const token_shift_result& r) {
  if (r.options.bootstrap.replicates == 0) return "no intervals";
  return "whiskers: " + aggregate::report::fixed(r.options.bootstrap.confidence * 100, 0) + "% bootstrap over responses (" +
         std::to_string(r.options.bootstrap.replicates) + " replicates, seed " + std::to_string(r.options.bootstrap.seed) + ")";
}

[[nodiscard]] inline std::string rect(double x, double y, double w, double h, const std::string& fill, const std::string& extra = "") {
  return "<rect x=\"" + sv::num(x) + "\" y=\"" + sv::num(y) + "\" width=\"" + sv::num(std::max(w, 0.0)) + "\" height=\"" +
         sv::num(std::max(h, 0.0)) + "\" fill=\"" + fill + "\"" + (extra.empty() ? "" : " " + extra) + "/>\n";
}

[[nodiscard]] inline std::string circle(double x, double y, double r, const std::string& fill, const std::string& extra = "") {
  return "<circle cx=\"" + sv::num(x) + "\" cy=\"" + sv::num(y) + "\" r=\"" + sv::num(r) + "\" fill=\"" + fill + "\"" +
         (extra.empty() ? "" : " " + extra) + "/>\n";
}

// A vertical value axis with grid lines over [lo, hi] mapped by sy.
template <class Map>
void value_axis(std::string& out, double lo, double hi, double left, double right, Map sy) {
  const auto ticks = sv::ticks(lo, hi);
  const double step = ticks.size() > 1 ? ticks[1] - ticks[0] : 1;
  for (double v : ticks) {
    sv::line(out, left, sy(v), right, sy(v), "#ececec");
    sv::text(out, left - 8, sy(v) + 4, sv::tick_text(v, step), 12, "end", "fill=\"#333\"");
  }
}

}  // namespace detail

/// One figure per benchmark, a bar per model, whiskers for the intervals.
[[nodiscard]] inline std::string figure_bars_svg(const token_shift_result& r, token_figure figure = token_figure::kl_estimate) {
  namespace sv = aggregate::report::svg;
  namespace ar = aggregate::report;
  std::vector<std::string> benchmarks;
  for (const auto& p : r.pairs) {
    for (const auto& b : p.benchmarks) {
      if (std::find(benchmarks.begin(), benchmarks.end(), b.benchmark) == benchmarks.end()) benchmarks.push_back(b.benchmark);
    }
  }
  const std::size_t models = std::max<std::size_t>(1, r.pairs.size());
  const double bar = 26, gap = 34, cluster = static_cast<double>(models) * bar + gap;
  const double left = 80, top = 96, plot_h = 380, legend_w = 330;
  const double right = left + std::max(300.0, cluster * static_cast<double>(benchmarks.size()));
  const std::string subtitle = "per benchmark and model, against its base; mode " + std::string(to_string(r.mode)) + ", " +
                               std::string(aggregate::to_string(r.options.average)) + " averaging; " + detail::intervals_text(r);
  const double W = std::max(right + legend_w, 48 + sv::text_width(subtitle, 12.5)), bottom = top + plot_h, H = bottom + 70;
  double lo = 0, hi = 0;
  for (const auto& p : r.pairs) {
    for (const auto& b : p.benchmarks) {
      const estimate& e = b.figure(figure);
      if (std::isnan(e.value)) continue;
      lo = std::min({lo, e.value, e.ci.available() ? e.ci.low : e.value});
      hi = std::max({hi, e.value, e.ci.available() ? e.ci.high : e.value});
    }
  }
  if (hi - lo < 1e-12) hi = lo + 1;
  const double pad = (hi - lo) * 0.12;
  hi += pad;
  if (lo < 0) lo -= pad;
  auto sy = [&](double v) { return bottom - (v - lo) / (hi - lo) * plot_h; };

  std::string out = sv::open(W, H);
  sv::text(out, 24, 30, detail::figure_title(figure), 18, "start", "font-weight=\"bold\"");
  sv::text(out, 24, 52, subtitle, 12.5, "start", "fill=\"#555\"");
  detail::value_axis(out, lo, hi, left, right, sy);
  sv::line(out, left, sy(0), right, sy(0), "#444", 1.3);
  for (std::size_t k = 0; k < benchmarks.size(); ++k) {
    const double x0 = left + gap / 2 + static_cast<double>(k) * cluster;
    sv::text(out, x0 + static_cast<double>(models) * bar / 2, bottom + 20, sv::shorten(benchmarks[k], 18), 12.5, "middle");
    for (std::size_t m = 0; m < r.pairs.size(); ++m) {
      const auto& p = r.pairs[m];
      const token_benchmark_summary* b = nullptr;
      for (const auto& x : p.benchmarks) b = x.benchmark == benchmarks[k] ? &x : b;
      if (b == nullptr || std::isnan(b->figure(figure).value)) continue;
      const estimate& e = b->figure(figure);
      const std::string colour(sv::palette[m % sv::palette.size()]);
      const double x = x0 + static_cast<double>(m) * bar;
      const double y_a = sy(std::max(0.0, e.value)), y_b = sy(std::min(0.0, e.value));
      out += detail::rect(x + 2, y_a, bar - 4, std::max(1.0, y_b - y_a), colour);
      double label_y = e.value >= 0 ? y_a - 5 : y_b + 14;
      if (e.ci.available()) {
        const double cx = x + bar / 2;
        sv::line(out, cx, sy(e.ci.low), cx, sy(e.ci.high), "#333", 1.2);
        sv::line(out, cx - 5, sy(e.ci.low), cx + 5, sy(e.ci.low), "#333", 1.2);
        sv::line(out, cx - 5, sy(e.ci.high), cx + 5, sy(e.ci.high), "#333", 1.2);
        label_y = e.value >= 0 ? sy(e.ci.high) - 5 : sy(e.ci.low) + 14;
      }
      sv::text(out, x + bar / 2, label_y, sv::trimmed(ar::fixed(e.value, 3)), 10.5, "middle", "fill=\"#222\"");
    }
  }
  out += "<rect x=\"" + sv::num(left) + "\" y=\"" + sv::num(top) + "\" width=\"" + sv::num(right - left) + "\" height=\"" + sv::num(plot_h) +
         "\" fill=\"none\" stroke=\"#333\"/>\n";
  double ly = top + 6;
  sv::text(out, right + 24, ly + 4, "fine-tuned model (vs base)", 13, "start", "font-weight=\"bold\"");
  ly += 22;
  for (std::size_t m = 0; m < r.pairs.size(); ++m) {
    out += detail::rect(right + 24, ly - 8, 12, 12, std::string(sv::palette[m % sv::palette.size()]));
    sv::text(out, right + 42, ly + 3, sv::shorten(r.pairs[m].model + " (vs " + r.pairs[m].base + ")", 42), 12);
    ly += 20;
  }
  out += "</svg>\n";
  return out;
}

/// Which position-wise quantity a curve shows.
enum class curve_metric : unsigned char { log_ratio, rank_shift, abs_rank_shift, rank_changed, shifted_share, lumped_kl };

[[nodiscard]] inline double curve_value(const curve_point& c, curve_metric m) {
  switch (m) {
    case curve_metric::log_ratio: return c.log_ratio;
    case curve_metric::rank_shift: return c.rank_shift;
    case curve_metric::abs_rank_shift: return c.abs_rank_shift;
    case curve_metric::rank_changed: return c.rank_changed;
    case curve_metric::shifted_share: return c.shifted_share;
    case curve_metric::lumped_kl: return c.lumped_kl;
  }
  return aggregate::not_a_number;
}

[[nodiscard]] inline std::string_view to_string(curve_metric m) {
  static constexpr std::string_view names[] = {"log_ratio", "rank_shift", "abs_rank_shift", "rank_changed", "shifted_share", "lumped_kl"};
  return names[static_cast<std::size_t>(m)];
}

/// The position-wise curve of every model on `benchmark` (empty: the first benchmark).
[[nodiscard]] inline std::string curve_svg(const token_shift_result& r, std::string benchmark = {},
                                           curve_metric metric = curve_metric::log_ratio) {
  namespace sv = aggregate::report::svg;
  if (benchmark.empty() && !r.pairs.empty() && !r.pairs[0].benchmarks.empty()) benchmark = r.pairs[0].benchmarks[0].benchmark;
  struct series {
    std::size_t pair;
    const token_benchmark_summary* b;
  };
  std::vector<series> lines;
  for (std::size_t m = 0; m < r.pairs.size(); ++m) {
    for (const auto& b : r.pairs[m].benchmarks) {
      if (b.benchmark == benchmark) lines.push_back({m, &b});
    }
  }
  if (lines.empty()) TRANSFERSCORE_THROW(config_error("no model has responses on benchmark '" + benchmark + "'"));
  const double left = 80, top = 96, plot_w = 680, plot_h = 380, legend_w = 330;
  const double right = left + plot_w, bottom = top + plot_h, W = right + legend_w, H = bottom + 70;
  double x_max = 1, lo = 0, hi = 0;
  std::uint64_t most = 1;
  for (const auto& s : lines) {
    for (const auto& c : s.b->curve) {
      if (c.tokens == 0) continue;
      x_max = std::max(x_max, static_cast<double>(c.to));
      most = std::max(most, c.tokens);
      const double v = curve_value(c, metric);
      if (std::isnan(v)) continue;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  }
  if (hi - lo < 1e-12) hi = lo + 1;
  const double pad = (hi - lo) * 0.08;
  hi += pad;
  if (lo < 0) lo -= pad;
  auto sx = [&](double v) { return left + v / x_max * plot_w; };
  auto sy = [&](double v) { return bottom - (v - lo) / (hi - lo) * plot_h; };

  std::string out = sv::open(W, H);
  sv::text(out, 24, 30, "Position-wise " + std::string(to_string(metric)) + " on " + benchmark, 18, "start", "font-weight=\"bold\"");
  sv::text(out, 24, 52,
           "mean over the tokens at each position bin (width " + std::to_string(r.bin_width) + ", 0 = first response token); grey: tokens per bin of " +
               r.pairs[lines[0].pair].model + "; mode " +
               std::string(shift::to_string(r.mode)),
           12.5, "start", "fill=\"#555\"");
  // Tokens per bin of the first model, shaded behind.
  for (const auto& c : lines[0].b->curve) {
    const double h = static_cast<double>(c.tokens) / static_cast<double>(most) * plot_h;
    out += detail::rect(sx(static_cast<double>(c.from)), bottom - h, sx(static_cast<double>(c.to)) - sx(static_cast<double>(c.from)) - 1, h, "#000",
                        "fill-opacity=\"0.06\"");
  }
  detail::value_axis(out, lo, hi, left, right, sy);
  const auto xt = sv::ticks(0, x_max);
  const double xstep = xt.size() > 1 ? xt[1] - xt[0] : 1;
  for (double v : xt) sv::text(out, sx(v), bottom + 18, sv::tick_text(v, xstep), 12, "middle", "fill=\"#333\"");
  sv::text(out, (left + right) / 2, bottom + 44, "response position (tokens)", 13.5, "middle");
  if (lo < 0) sv::line(out, left, sy(0), right, sy(0), "#888", 1.2, "stroke-dasharray=\"5,4\"");
  for (const auto& s : lines) {
    const std::string colour(sv::palette[s.pair % sv::palette.size()]);
    std::string points;
    for (const auto& c : s.b->curve) {
      const double v = curve_value(c, metric);
      if (c.tokens == 0 || std::isnan(v)) continue;
      const double x = sx((static_cast<double>(c.from) + static_cast<double>(c.to)) / 2);
      points += sv::num(x) + "," + sv::num(sy(v)) + " ";
      out += detail::circle(x, sy(v), 2.8, colour);
    }
    out += "<polyline points=\"" + points + "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"1.8\"/>\n";
  }
  out += "<rect x=\"" + sv::num(left) + "\" y=\"" + sv::num(top) + "\" width=\"" + sv::num(plot_w) + "\" height=\"" + sv::num(plot_h) +
         "\" fill=\"none\" stroke=\"#333\"/>\n";
  double ly = top + 6;
  sv::text(out, right + 24, ly + 4, "fine-tuned model (vs base)", 13, "start", "font-weight=\"bold\"");
  ly += 22;
  for (const auto& s : lines) {
    sv::line(out, right + 24, ly - 2, right + 38, ly - 2, std::string(sv::palette[s.pair % sv::palette.size()]), 2.5);
    sv::text(out, right + 44, ly + 2, sv::shorten(r.pairs[s.pair].model + " (vs " + r.pairs[s.pair].base + ")", 42), 12);
    ly += 20;
  }
  out += "</svg>\n";
  return out;
}

/// The most-shifted tokens of one (model, benchmark), as horizontal bars.
[[nodiscard]] inline std::string shifted_tokens_svg(const token_pair_summary& p, const token_benchmark_summary& b) {
  namespace sv = aggregate::report::svg;
  const double left = 190, top = 84, row = 22, bar = 15, right = 760;
  const double bottom = top + static_cast<double>(std::max<std::size_t>(1, b.top_shifted.size())) * row + 6;
  const double W = right + 60, H = bottom + 56;
  const double most = b.top_shifted.empty() ? 1.0 : static_cast<double>(b.top_shifted[0].second);
  auto sx = [&](double v) { return left + v / most * (right - left); };
  std::string out = sv::open(W, H);
  sv::text(out, 24, 30, "Tokens ranked first by " + p.model + " but not by " + p.base, 17, "start", "font-weight=\"bold\"");
  sv::text(out, 24, 52,
           b.benchmark + ": " + std::to_string(b.shifted_total) + " such tokens over " + std::to_string(b.used) + " responses (" +
               std::to_string(b.ranked) + " ranked positions); the data of the study's word clouds",
           12.5, "start", "fill=\"#555\"");
  double y = top;
  for (const auto& [token, count] : b.top_shifted) {
    sv::text(out, left - 10, y + bar - 3, sv::shorten(visible_token(token), 26), 12.5, "end");
    out += detail::rect(left, y + 1, sx(static_cast<double>(count)) - left, bar - 2, std::string(sv::palette[0]));
    sv::text(out, sx(static_cast<double>(count)) + 5, y + bar - 3, std::to_string(count), 11.5, "start", "fill=\"#222\"");
    y += row;
  }
  if (b.top_shifted.empty()) sv::text(out, left, top + 14, "no shifted token", 12.5, "start", "fill=\"#999\"");
  sv::line(out, left, top - 4, left, bottom, "#444", 1.2);
  out += "</svg>\n";
  return out;
}

/// One model's latent shift: a panel per benchmark, the study's Fig. 3 layout.
[[nodiscard]] inline std::string latent_svg(const latent_result& r, const latent_pair& p) {
  namespace sv = aggregate::report::svg;
  namespace ar = aggregate::report;
  const std::size_t n = std::max<std::size_t>(1, p.benchmarks.size());
  const std::size_t columns = std::min<std::size_t>(3, n), rows = (n + columns - 1) / columns;
  const double panel_w = 330, panel_h = 300, gap_x = 70, gap_y = 76, left = 70, top = 112;
  const std::string subtitle = std::string("per layer (lighter: earlier), PCA fitted on the base: base at (0, PC2), fine-tune at (PC1 shift, PC2); ") +
                               (r.options.centred ? "centred" : "uncentred, as the study") + "; squares: layer means, joined by d";
  const double W = std::max(left + static_cast<double>(columns) * (panel_w + gap_x) + 20, 48 + sv::text_width(subtitle, 12));
  const double H = top + static_cast<double>(rows) * (panel_h + gap_y) + 40;
  std::string out = sv::open(W, H);
  sv::text(out, 24, 30, "Latent shift of " + p.model + " from " + p.base, 18, "start", "font-weight=\"bold\"");
  sv::text(out, 24, 52, subtitle, 12, "start", "fill=\"#555\"");
  const std::string tuned_colour(sv::palette[0]), base_colour = "#7f7f7f";
  out += detail::circle(30, 70, 4, base_colour);
  sv::text(out, 40, 74, p.base + " (base)", 12);
  const double next = 60 + sv::text_width(p.base + " (base)", 12);
  out += detail::circle(next, 70, 4, tuned_colour);
  sv::text(out, next + 10, 74, p.model + " (fine-tuned)", 12);
  for (std::size_t k = 0; k < p.benchmarks.size(); ++k) {
    const auto& b = p.benchmarks[k];
    const double x0 = left + static_cast<double>(k % columns) * (panel_w + gap_x);
    const double y0 = top + static_cast<double>(k / columns) * (panel_h + gap_y);
    sv::text(out, x0, y0 - 10, b.benchmark + "   d = " + ar::fixed(b.distance, 2, "undefined"), 14, "start", "font-weight=\"bold\"");
    double x_lo = 0, x_hi = 0, y_lo = aggregate::not_a_number, y_hi = aggregate::not_a_number;
    auto cover_y = [&](double v) {
      if (std::isnan(v)) return;
      y_lo = std::isnan(y_lo) ? v : std::min(y_lo, v);
      y_hi = std::isnan(y_hi) ? v : std::max(y_hi, v);
    };
    for (const auto& l : b.per_layer) {
      if (std::isnan(l.shift)) continue;
      x_lo = std::min(x_lo, l.shift);
      x_hi = std::max(x_hi, l.shift);
      cover_y(l.base_pc2);
      cover_y(l.tuned_pc2);
    }
    if (std::isnan(y_lo)) y_lo = -1, y_hi = 1;
    if (x_hi - x_lo < 1e-12) x_lo -= 1, x_hi += 1;
    if (y_hi - y_lo < 1e-12) y_lo -= 1, y_hi += 1;
    const double px = (x_hi - x_lo) * 0.08, py = (y_hi - y_lo) * 0.08;
    x_lo -= px;
    x_hi += px;
    y_lo -= py;
    y_hi += py;
    auto sx = [&](double v) { return x0 + (v - x_lo) / (x_hi - x_lo) * panel_w; };
    auto sy = [&](double v) { return y0 + panel_h - (v - y_lo) / (y_hi - y_lo) * panel_h; };
    const auto xt = sv::ticks(x_lo, x_hi, 5), yt = sv::ticks(y_lo, y_hi, 5);
    const double xs = xt.size() > 1 ? xt[1] - xt[0] : 1, ys = yt.size() > 1 ? yt[1] - yt[0] : 1;
    for (double v : xt) {
      sv::line(out, sx(v), y0, sx(v), y0 + panel_h, "#ececec");
      sv::text(out, sx(v), y0 + panel_h + 16, sv::tick_text(v, xs), 11, "middle", "fill=\"#333\"");
    }
    for (double v : yt) {
      sv::line(out, x0, sy(v), x0 + panel_w, sy(v), "#ececec");
      sv::text(out, x0 - 6, sy(v) + 4, sv::tick_text(v, ys), 11, "end", "fill=\"#333\"");
    }
    if (x_lo < 0 && x_hi > 0) sv::line(out, sx(0), y0, sx(0), y0 + panel_h, "#888", 1, "stroke-dasharray=\"4,3\"");
    sv::text(out, x0 + panel_w / 2, y0 + panel_h + 34, "PC1 shift", 12, "middle");
    sv::text(out, x0 - 44, y0 + panel_h / 2, "PC2", 12, "middle", "transform=\"rotate(-90 " + sv::num(x0 - 44) + " " + sv::num(y0 + panel_h / 2) + ")\"");
    const double L = static_cast<double>(std::max<std::size_t>(1, b.per_layer.size() - 1));
    for (const auto& l : b.per_layer) {
      if (std::isnan(l.shift)) continue;
      const std::string depth = sv::num(0.25 + 0.75 * static_cast<double>(l.layer) / L);
      out += detail::circle(sx(0.0), sy(l.base_pc2), 3.2, base_colour, "fill-opacity=\"" + depth + "\"");
      out += detail::circle(sx(l.shift), sy(l.tuned_pc2), 3.2, tuned_colour, "fill-opacity=\"" + depth + "\"");
    }
    if (!std::isnan(b.distance)) {
      sv::line(out, sx(b.z_base[0]), sy(b.z_base[1]), sx(b.z_tuned[0]), sy(b.z_tuned[1]), "#222", 1.4, "stroke-dasharray=\"3,2\"");
      out += detail::rect(sx(b.z_base[0]) - 5, sy(b.z_base[1]) - 5, 10, 10, base_colour, "stroke=\"white\"");
      out += detail::rect(sx(b.z_tuned[0]) - 5, sy(b.z_tuned[1]) - 5, 10, 10, tuned_colour, "stroke=\"white\"");
    } else {
      sv::text(out, x0 + 8, y0 + 18, sv::shorten(b.undefined, 48), 11, "start", "fill=\"#b00\"");
    }
    out += "<rect x=\"" + sv::num(x0) + "\" y=\"" + sv::num(y0) + "\" width=\"" + sv::num(panel_w) + "\" height=\"" + sv::num(panel_h) +
           "\" fill=\"none\" stroke=\"#333\"/>\n";
  }
  out += "</svg>\n";
  return out;
}

}  // namespace report
}  // namespace shift
TRANSFERSCORE_END_NAMESPACE
