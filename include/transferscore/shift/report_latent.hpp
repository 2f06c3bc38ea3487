#pragma once
// Reports of `shift latent`: JSON (schema transferscore.shift/1, kind "latent"; docs/shift.md),
// Markdown (d per model and benchmark like the study's Fig. 3 labels, group means like its
// Table 2, then the centroids), and CSV (summary: one row per pair and benchmark; layers: one row
// per layer).

#include <transferscore/config.hpp>
#include <transferscore/aggregate/report/common.hpp>
#include <transferscore/aggregate/report/csv.hpp>
#include <transferscore/aggregate/report/json.hpp>
#include <transferscore/aggregate/report/md.hpp>
#include <transferscore/core/json.hpp>
#include <transferscore/shift/latent.hpp>
#include <transferscore/shift/report_tokens.hpp>

#include <algorithm>
#include <string>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace shift {
namespace report {

[[nodiscard]] inline json latent_json(const latent_result& r) {
  namespace ar = aggregate::report;
  auto point = [](double x, double y) { return json::array({ar::number_json(x), ar::number_json(y)}); };
  json doc = json::object();
  doc["schema"] = "transferscore.shift/1";
  doc["kind"] = "latent";
  json policy = json::object();
  policy["projection"] = r.options.centred ? "centred" : "uncentred";
  policy["sign_rule"] = std::string(to_string(r.options.sign));
  policy["components"] = 2;
  doc["policy"] = std::move(policy);
  json pairs = json::array();
  for (const auto& p : r.pairs) {
    json pj = json::object();
    pj["model"] = p.model;
    pj["base"] = p.base;
    json benches = json::array();
    for (const auto& b : p.benchmarks) {
      json bj = json::object();
      bj["benchmark"] = b.benchmark;
      bj["group"] = b.group.empty() ? json() : json(b.group);
      bj["layers"] = static_cast<std::int64_t>(b.layers);
      bj["samples"] = static_cast<std::int64_t>(b.samples);
      bj["hidden"] = static_cast<std::int64_t>(b.hidden);
      bj["distance"] = ar::number_json(b.distance);
      bj["z_base"] = point(b.z_base[0], b.z_base[1]);
      bj["z_tuned"] = point(b.z_tuned[0], b.z_tuned[1]);
      bj["undefined"] = b.undefined.empty() ? json() : json(b.undefined);
      json layers = json::array();
      for (const auto& l : b.per_layer) {
        json lj = json::object();
        lj["layer"] = static_cast<std::int64_t>(l.layer);
        lj["base"] = point(l.base_pc1, l.base_pc2);
        lj["tuned"] = point(l.tuned_pc1, l.tuned_pc2);
        lj["shift"] = ar::number_json(l.shift);
        lj["explained_variance_ratio"] = point(l.explained_variance_ratio[0], l.explained_variance_ratio[1]);
        lj["degenerate"] = l.degenerate;
        lj["undefined"] = l.undefined.empty() ? json() : json(l.undefined);
        layers.push_back(std::move(lj));
      }
      bj["per_layer"] = std::move(layers);
      benches.push_back(std::move(bj));
    }
    pj["benchmarks"] = std::move(benches);
    json groups = json::array();
    for (const auto& g : p.groups) {
      json gj = json::object();
      gj["group"] = g.group;
      gj["benchmarks"] = strings_json(g.benchmarks);
      gj["mean_distance"] = ar::number_json(g.mean_distance);
      groups.push_back(std::move(gj));
    }
    pj["groups"] = std::move(groups);
    pairs.push_back(std::move(pj));
  }
  doc["pairs"] = std::move(pairs);
  doc["notes"] = strings_json(r.notes);
  return doc;
}

[[nodiscard]] inline std::string latent_markdown(const latent_result& r) {
  namespace ar = aggregate::report;
  namespace ad = aggregate::report::detail;
  std::vector<std::string> benchmarks;
  for (const auto& p : r.pairs) {
    for (const auto& b : p.benchmarks) {
      if (std::find(benchmarks.begin(), benchmarks.end(), b.benchmark) == benchmarks.end()) benchmarks.push_back(b.benchmark);
    }
  }
  std::string out = "## Latent shift d per benchmark (the study's Fig. 3)\n\n";
  std::vector<std::string> head = {"model", "base"};
  head.insert(head.end(), benchmarks.begin(), benchmarks.end());
  out += ad::row(head) + ad::rule(head.size());
  std::vector<std::string> undefined;
  for (const auto& p : r.pairs) {
    std::vector<std::string> cells = {p.model, p.base};
    for (const auto& name : benchmarks) {
      std::string c;
      for (const auto& b : p.benchmarks) {
        if (b.benchmark != name) continue;
        c = ar::fixed(b.distance, 2, "n/a");
        if (!b.undefined.empty()) undefined.push_back(p.model + " on " + name + ": " + b.undefined);
      }
      cells.push_back(c);
    }
    out += ad::row(cells);
  }
  out += "\n## Mean latent shift per group (the study's Table 2)\n\n";
  std::vector<std::string> group_names;
  for (const auto& g : r.groups.groups) group_names.push_back(g.name);
  std::vector<std::string> ghead = {"model", "base"};
  ghead.insert(ghead.end(), group_names.begin(), group_names.end());
  out += ad::row(ghead) + ad::rule(ghead.size());
  for (const auto& p : r.pairs) {
    std::vector<std::string> cells = {p.model, p.base};
    for (const auto& name : group_names) {
      std::string c;
      for (const auto& g : p.groups) {
        if (g.group == name) c = ar::fixed(g.mean_distance, 2) + " (" + std::to_string(g.benchmarks.size()) + ")";
      }
      cells.push_back(c);
    }
    out += ad::row(cells);
  }
  out += "\n## Centroids: layer means of (PC1 shift, PC2)\n\n";
  const std::vector<std::string> chead = {"model", "benchmark", "layers", "samples", "hidden", "base", "fine-tuned", "d"};
  out += ad::row(chead) + ad::rule(chead.size());
  for (const auto& p : r.pairs) {
    for (const auto& b : p.benchmarks) {
      auto pt = [](const std::array<double, 2>& z) { return "(" + ar::fixed(z[0], 3, "n/a") + ", " + ar::fixed(z[1], 3, "n/a") + ")"; };
      out += ad::row({p.model, b.benchmark, std::to_string(b.layers), std::to_string(b.samples), std::to_string(b.hidden), pt(b.z_base),
                      pt(b.z_tuned), ar::fixed(b.distance, 4, "n/a")});
    }
  }
  out += std::string("\nPCA with 2 components fitted per layer on the base's features only; projections ") +
         (r.options.centred ? "of features centred by the base's mean" : "feats . component without subtracting the mean, as the study's code") +
         "; components signed by scikit-learn's " + (r.options.sign == sign_rule::components ? ">= 1.5" : "<= 1.4") +
         " rule. d = |z_tuned - z_base|, z = the layer mean of (PC1 shift, PC2). Group means are plain means over the group's benchmarks "
         "(their count in parentheses).\n";
  for (const auto& u : undefined) out += "\nUndefined: " + u + "\n";
  for (const auto& n : r.notes) out += "\nNote: " + n + "\n";
  return out;
}

enum class latent_table : unsigned char { summary, layers };

[[nodiscard]] inline std::string latent_csv(const latent_result& r, latent_table table = latent_table::summary) {
  namespace ar = aggregate::report;
  std::string out;
  auto put = [&](const std::vector<std::string>& cells) { ar::detail::append_row(out, cells); };
  if (table == latent_table::summary) {
    put({"model", "base", "benchmark", "group", "layers", "samples", "hidden", "distance", "z_base_pc1", "z_base_pc2", "z_tuned_pc1",
         "z_tuned_pc2", "projection", "sign_rule"});
    for (const auto& p : r.pairs) {
      for (const auto& b : p.benchmarks) {
        put({p.model, p.base, b.benchmark, b.group, std::to_string(b.layers), std::to_string(b.samples), std::to_string(b.hidden),
             ar::exact(b.distance), ar::exact(b.z_base[0]), ar::exact(b.z_base[1]), ar::exact(b.z_tuned[0]), ar::exact(b.z_tuned[1]),
             r.options.centred ? "centred" : "uncentred", std::string(to_string(r.options.sign))});
      }
      for (const auto& g : p.groups) {
        put({p.model, p.base, "group:" + g.group, g.group, "", "", "", ar::exact(g.mean_distance), "", "", "", "",
             r.options.centred ? "centred" : "uncentred", std::string(to_string(r.options.sign))});
      }
    }
    return out;
  }
  put({"model", "base", "benchmark", "layer", "base_pc1", "base_pc2", "tuned_pc1", "tuned_pc2", "shift", "explained_variance_ratio_1",
       "explained_variance_ratio_2"});
  for (const auto& p : r.pairs) {
    for (const auto& b : p.benchmarks) {
      for (const auto& l : b.per_layer) {
        put({p.model, p.base, b.benchmark, std::to_string(l.layer), ar::exact(l.base_pc1), ar::exact(l.base_pc2), ar::exact(l.tuned_pc1),
             ar::exact(l.tuned_pc2), ar::exact(l.shift), ar::exact(l.explained_variance_ratio[0]), ar::exact(l.explained_variance_ratio[1])});
      }
    }
  }
  return out;
}

}  // namespace report
}  // namespace shift
TRANSFERSCORE_END_NAMESPACE
