#pragma once
// JSON reports: per (model, benchmark) summaries (schema transferscore.aggregate/1) and
// transfer results (schema transferscore.transfer/1). docs/aggregate.md documents both.
// NaN never appears: a missing number is null, and an undefined value says why.

#include <transferscore/config.hpp>
#include <transferscore/aggregate/report/common.hpp>
#include <transferscore/aggregate/summary.hpp>
#include <transferscore/aggregate/transfer.hpp>
#include <transferscore/core/json.hpp>

#include <string>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace aggregate {
namespace report {

[[nodiscard]] inline json interval_json(const interval& ci, double scale = 1.0) {
  if (!ci.available()) return json();
  return json::array({json(ci.low * scale), json(ci.high * scale)});
}

[[nodiscard]] inline json number_json(double v) { return std::isfinite(v) ? json(v) : json(); }

[[nodiscard]] inline json estimate_json(const estimate& e) {
  json o = json::object();
  if (!e.defined()) {
    o["value"] = json();
    o["undefined"] = e.undefined;
    return o;
  }
  o["value"] = number_json(e.value);
  o["se"] = number_json(e.se);
  o["ci"] = interval_json(e.ci);
  if (e.ci.undefined > 0) o["ci_undefined_replicates"] = static_cast<std::int64_t>(e.ci.undefined);
  o["items"] = static_cast<std::int64_t>(e.items);
  return o;
}

[[nodiscard]] inline json policy_json(const aggregate_policy& p) {
  json o = json::object();
  o["non_ok"] = std::string(to_string(p.non_ok));
  o["averaging"] = std::string(to_string(p.average));
  // Built in place: pushing temporaries here made g++ 12 at -O2 report a false
  // -Wmaybe-uninitialized in some callers (std::variant's move of a json temporary).
  o["k"] = json(json::array_t(p.k.begin(), p.k.end()));
  o["standard_error"] = "sample standard deviation over items / sqrt(items); delta method for ratio metrics";
  o["maj_tie_rule"] = "a tie of the gold answer with t-1 others counts 1/t";
  json b = json::object();
  b["replicates"] = static_cast<std::int64_t>(p.bootstrap.replicates);
  b["seed"] = static_cast<std::int64_t>(p.bootstrap.seed);
  b["confidence"] = p.bootstrap.confidence;
  b["unit"] = "item";
  b["method"] = "percentile";
  o["bootstrap"] = b;
  return o;
}

[[nodiscard]] inline json summaries_json(const std::vector<benchmark_summary>& summaries, const aggregate_policy& policy) {
  json doc = json::object();
  doc["schema"] = "transferscore.aggregate/1";
  doc["policy"] = policy_json(policy);
  json results = json::array();
  for (const auto& s : summaries) {
    json r = json::object();
    r["model"] = s.model;
    r["benchmark"] = s.benchmark;
    r["items"] = static_cast<std::int64_t>(s.items);
    r["samples"] = static_cast<std::int64_t>(s.samples);
    json spi = json::object();
    spi["min"] = static_cast<std::int64_t>(s.min_samples);
    spi["max"] = static_cast<std::int64_t>(s.max_samples);
    r["samples_per_item"] = spi;
    json st = json::object();
    for (std::size_t i = 0; i < status_count; ++i) st[status_names[i]] = static_cast<std::int64_t>(s.statuses[i]);
    r["statuses"] = st;
    r["errors"] = static_cast<std::int64_t>(s.errors());
    r["unidentified"] = static_cast<std::int64_t>(s.unidentified);
    r["score"] = estimate_json(s.score);
    if (auto k = s.uniform_k()) {
      json a = json::object();
      a["k"] = static_cast<std::int64_t>(*k);
      a["value"] = number_json(s.score.value);
      r["avg@k"] = a;
    } else {
      r["avg@k"] = json();
    }
    json pk = json::object();
    for (const auto& e : s.pass_at_k) pk[e.name] = estimate_json(e.value);
    r["pass@k"] = pk;
    json mk = json::object();
    for (const auto& e : s.maj_at_k) mk[e.name] = estimate_json(e.value);
    r["maj@k"] = mk;
    json mt = json::object();
    for (const auto& e : s.metrics) mt[e.name] = estimate_json(e.value);
    r["metrics"] = mt;
    results.push_back(std::move(r));
  }
  doc["results"] = results;
  return doc;
}

[[nodiscard]] inline json transfer_json(const transfer_result& t) {
  json doc = json::object();
  doc["schema"] = "transferscore.transfer/1";
  doc["input"] = t.input;
  json p = json::object();
  p["formula"] = std::string(to_string(t.policy.formula));
  p["sigma"] = t.policy.formula == ti_formula::v2 ? json(std::string(to_string(t.policy.sigma))) : json();
  p["std"] = t.policy.formula == ti_formula::v2 ? json(std::string(to_string(t.policy.deviation))) : json();
  p["scale"] = "percent";
  p["group_average"] = "mean of the group's benchmark scores";
  p["score_rounding"] = t.policy.score_rounding > 0 ? json(t.policy.score_rounding) : json();
  if (t.input == "verdicts") {
    p["metric"] = t.policy.metric;
    p["non_ok"] = std::string(to_string(t.policy.scoring.non_ok));
    p["averaging"] = std::string(to_string(t.policy.scoring.average));
  }
  doc["policy"] = p;
  json iv = json::object();
  iv["available"] = t.intervals;
  iv["method"] = t.intervals_note;
  if (t.intervals) {
    iv["replicates"] = static_cast<std::int64_t>(t.policy.scoring.bootstrap.replicates);
    iv["seed"] = static_cast<std::int64_t>(t.policy.scoring.bootstrap.seed);
    iv["confidence"] = t.policy.scoring.bootstrap.confidence;
  }
  doc["intervals"] = iv;
  json rb = json::object();
  rb["available"] = t.rounding_bands;
  if (t.rounding_bands) {
    rb["step"] = t.policy.score_rounding;
    rb["half_width"] = t.policy.score_rounding / 2;
    rb["method"] = t.rounding_note;
  } else {
    rb["method"] = t.input == "verdicts" ? "none: verdicts carry items; see intervals"
                                         : "none: no score rounding given (a step such as 0.1 bounds each index over the rounding of the scores)";
  }
  doc["rounding_band"] = rb;
  json groups = json::object();
  groups["source"] = t.groups.source;
  json gl = json::object();
  for (const auto& g : t.groups.groups) {
    json list = json::array();
    for (const auto& b : g.benchmarks) list.push_back(b);
    gl[g.name] = list;
  }
  groups["groups"] = gl;
  doc["groups"] = groups;
  json sig = json::object();
  for (std::size_t g = 0; g < t.groups.groups.size(); ++g) {
    if (std::isnan(t.cohort_sigma[g])) continue;
    json s = json::object();
    s["value"] = t.cohort_sigma[g];
    s["ci"] = interval_json(t.cohort_sigma_ci[g]);
    sig[t.groups.groups[g].name] = s;
  }
  doc["cohort_sigma"] = sig;
  json pairs = json::array();
  for (const auto& pt : t.pairs) {
    json pj = json::object();
    pj["model"] = pt.model;
    pj["base"] = pt.base;
    json bl = json::array();
    for (const auto& g : pt.gains) {
      json b = json::object();
      b["benchmark"] = g.benchmark;
      b["group"] = g.group;
      b["model"] = number_json(g.model);
      b["base"] = number_json(g.base);
      b["gain"] = number_json(g.gain);
      b["relative_gain"] = number_json(g.relative);
      if (t.input == "verdicts") {
        json ci = json::object();
        ci["model"] = interval_json(g.model_ci);
        ci["base"] = interval_json(g.base_ci);
        ci["gain"] = interval_json(g.gain_ci);
        ci["relative_gain"] = interval_json(g.relative_ci);
        b["ci"] = ci;
        b["gain_se"] = number_json(g.gain_se);
        b["shared_items"] = static_cast<std::int64_t>(g.shared_items);
        json mc = json::object();
        mc["applicable"] = g.mcnemar.applicable;
        if (g.mcnemar.applicable) {
          mc["model_only"] = static_cast<std::int64_t>(g.mcnemar.model_only);
          mc["base_only"] = static_cast<std::int64_t>(g.mcnemar.base_only);
          mc["both"] = static_cast<std::int64_t>(g.mcnemar.both);
          mc["neither"] = static_cast<std::int64_t>(g.mcnemar.neither);
          mc["method"] = g.mcnemar.method;
          mc["statistic"] = number_json(g.mcnemar.statistic);
          mc["p_value"] = number_json(g.mcnemar.p_value);
        } else {
          mc["reason"] = g.mcnemar.reason;
        }
        b["mcnemar"] = mc;
      }
      if (t.rounding_bands && !std::isnan(g.gain)) {
        json band = json::object();
        band["gain"] = interval_json(band_interval(g.gain_band));
        band["relative_gain"] = interval_json(band_interval(g.relative_band));
        if (!g.relative_band.undefined.empty()) band["undefined"] = g.relative_band.undefined;
        b["rounding_band"] = band;
      }
      bl.push_back(std::move(b));
    }
    pj["benchmarks"] = bl;
    json gj = json::object();
    for (std::size_t g = 0; g < pt.groups.size(); ++g) {
      const auto& gi = pt.groups[g];
      json o = json::object();
      o["model_mean"] = number_json(gi.model_mean);
      o["base_mean"] = number_json(gi.base_mean);
      if (t.policy.formula == ti_formula::v2) o["sigma"] = number_json(gi.sigma);
      o[t.policy.formula == ti_formula::v2 ? "di" : "relative_gain"] = number_json(gi.index);
      const bool source = gi.group == t.groups.source;
      if (!source) o["ti"] = number_json(gi.ti);
      if (!gi.undefined.empty()) o["undefined"] = gi.undefined;
      if (t.intervals) {
        json ci = json::object();
        ci["model_mean"] = interval_json(gi.model_mean_ci);
        ci["base_mean"] = interval_json(gi.base_mean_ci);
        ci[t.policy.formula == ti_formula::v2 ? "di" : "relative_gain"] = interval_json(gi.index_ci);
        if (!source) {
          ci["ti"] = interval_json(gi.ti_ci);
          if (gi.ti_ci.undefined > 0) ci["ti_undefined_replicates"] = static_cast<std::int64_t>(gi.ti_ci.undefined);
        }
        o["ci"] = ci;
      }
      if (t.rounding_bands && !std::isnan(gi.index)) {
        json band = json::object();
        band[t.policy.formula == ti_formula::v2 ? "di" : "relative_gain"] = interval_json(band_interval(gi.index_band));
        if (!source && !std::isnan(gi.ti)) band["ti"] = interval_json(band_interval(gi.ti_band));
        const std::string& why = !gi.index_band.undefined.empty() ? gi.index_band.undefined : gi.ti_band.undefined;
        if (!why.empty()) band["undefined"] = why;
        o["rounding_band"] = band;
      }
      gj[gi.group] = o;
    }
    pj["groups"] = gj;
    pairs.push_back(std::move(pj));
  }
  doc["pairs"] = pairs;
  return doc;
}

}  // namespace report
}  // namespace aggregate
TRANSFERSCORE_END_NAMESPACE
