#pragma once
// The JSON report of a comparison, schema transferscore.diff/1 (docs/diff.md). Every
// input line appears in it: as part of a paired count, or listed as one side only, a
// duplicate key, a verdict without an id, or a bad line with its file, line and field. NaN never appears (null).

#include <transferscore/config.hpp>
#include <transferscore/aggregate/report/json.hpp>
#include <transferscore/core/json.hpp>
#include <transferscore/detail/text.hpp>
#include <transferscore/diff/compare.hpp>

#include <cstdint>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace diff {
namespace report {

/// Example texts are cut to this many bytes (UTF-8 safe) and marked with "...".
inline constexpr std::size_t default_example_width = 120;

[[nodiscard]] inline std::string shorten(std::string_view text, std::size_t width) {
  if (text.size() <= width) return std::string(text);
  std::string out(::transferscore::detail::utf8_prefix(text, width));
  out += "...";
  return out;
}

[[nodiscard]] inline std::string location(const side& s, const entry& e) {
  return s.files[e.file] + ":" + std::to_string(e.line);
}

[[nodiscard]] inline json count_json(std::uint64_t n) { return json(static_cast<std::int64_t>(n)); }

[[nodiscard]] inline json statuses_json(const status_counts& c) {
  json o = json::object();
  for (std::size_t i = 0; i < status_count; ++i) o[status_names[i]] = count_json(c[i]);
  return o;
}

[[nodiscard]] inline json side_json(const side& s) {
  json o = json::object();
  o["label"] = s.label;
  json files = json::array();
  for (std::size_t f = 0; f < s.files.size(); ++f) {
    json file = json::object();
    file["path"] = s.files[f];
    file["metric"] = s.metric[f].empty() ? json() : json(s.metric[f]);
    json filters = json::array();
    for (const auto& name : s.filters[f]) filters.push_back(json(name));
    file["filters"] = filters;
    files.push_back(std::move(file));
  }
  o["files"] = files;
  o["lines"] = count_json(s.lines);
  o["verdict_lines"] = count_json(s.verdict_lines);
  o["lm_eval_lines"] = count_json(s.lm_eval_lines);
  o["judgements"] = count_json(s.entries.size());
  o["unidentified"] = count_json(s.unidentified.size());
  o["bad_lines"] = count_json(s.bad_lines.size());
  o["filtered_out"] = count_json(s.filtered_out);
  json kept = json::array();
  for (const auto& f : s.options.filters) kept.push_back(json(f));
  o["filter"] = kept;
  json metrics = json::array();
  for (const auto& m : s.options.metrics) metrics.push_back(json(m));
  o["metric"] = metrics;
  return o;
}

[[nodiscard]] inline json record_name_json(const entry& e) {
  json o = json::object();
  o["model"] = e.model;
  o["benchmark"] = e.benchmark;
  o["id"] = e.id;
  o["sample"] = e.sample;
  return o;
}

[[nodiscard]] inline json diff_json(const diff_result& r, const gold_index* golds = nullptr,
                                    std::size_t width = default_example_width) {
  using aggregate::report::estimate_json;
  using aggregate::report::number_json;
  json doc = json::object();
  doc["schema"] = "transferscore.diff/1";
  json inputs = json::object();
  inputs["a"] = side_json(r.a);
  inputs["b"] = side_json(r.b);
  doc["inputs"] = inputs;
  doc["key"] = r.options.key.text();
  json policy = json::object();
  policy["correct"] = "a judgement is right when its verdict says correct (lm-eval: the metric value is 1 or true); "
                      "any status but ok is wrong";
  policy["agreement"] = "share of paired records that both sides judge alike (both right or both wrong)";
  policy["unit"] = "item (the samples of one id move together in the bootstrap)";
  json boot = json::object();
  boot["replicates"] = count_json(r.options.bootstrap.replicates);
  boot["seed"] = count_json(r.options.bootstrap.seed);
  boot["confidence"] = r.options.bootstrap.confidence;
  boot["method"] = "percentile, paired (the same resampled items for both sides)";
  policy["bootstrap"] = boot;
  policy["mcnemar"] = "two-sided exact binomial test on the discordant items; items with one sample each";
  doc["policy"] = policy;

  const cell_counts t = r.totals();
  json totals = json::object();
  totals["paired"] = count_json(t.total());
  totals["agreement"] = number_json(t.agreement());
  totals["disagreements"] = count_json(t.disagreements());
  totals["only_a"] = count_json(r.matched.only_a.size());
  totals["only_b"] = count_json(r.matched.only_b.size());
  totals["duplicates_a"] = count_json(r.duplicates('a'));
  totals["duplicates_b"] = count_json(r.duplicates('b'));
  totals["unidentified_a"] = count_json(r.a.unidentified.size());
  totals["unidentified_b"] = count_json(r.b.unidentified.size());
  totals["bad_lines_a"] = count_json(r.a.bad_lines.size());
  totals["bad_lines_b"] = count_json(r.b.bad_lines.size());
  doc["totals"] = totals;

  json benchmarks = json::array();
  for (const auto& g : r.benchmarks) {
    json b = json::object();
    b["model"] = g.model;
    b["benchmark"] = g.benchmark;
    b["paired"] = count_json(g.counts.total());
    b["items"] = count_json(g.items);
    b["agreement"] = number_json(g.counts.agreement());
    b["kappa"] = number_json(g.counts.kappa());
    json c = json::object();
    c["both_right"] = count_json(g.counts.both_right);
    c["a_only"] = count_json(g.counts.a_only);
    c["b_only"] = count_json(g.counts.b_only);
    c["both_wrong"] = count_json(g.counts.both_wrong);
    b["counts"] = c;
    json acc = json::object();
    acc["a"] = estimate_json(g.paired.model);
    acc["b"] = estimate_json(g.paired.base);
    acc["difference"] = estimate_json(g.paired.difference);
    b["accuracy"] = acc;
    json ms = json::object();
    ms["a"] = number_json(g.mean_score_a);
    ms["b"] = number_json(g.mean_score_b);
    b["mean_score"] = ms;
    json mc = json::object();
    mc["applicable"] = g.paired.mcnemar.applicable;
    if (g.paired.mcnemar.applicable) {
      mc["a_only"] = count_json(g.paired.mcnemar.model_only);
      mc["b_only"] = count_json(g.paired.mcnemar.base_only);
      mc["p_value"] = number_json(g.paired.mcnemar.p_value);
      mc["method"] = g.paired.mcnemar.method;
    } else {
      mc["reason"] = g.paired.mcnemar.reason;
    }
    b["mcnemar"] = mc;
    json st = json::object();
    st["a"] = statuses_json(g.statuses_a);
    st["b"] = statuses_json(g.statuses_b);
    b["statuses"] = st;
    b["only_a"] = count_json(g.only_a);
    b["only_b"] = count_json(g.only_b);
    b["duplicates_a"] = count_json(g.duplicates_a);
    b["duplicates_b"] = count_json(g.duplicates_b);
    b["unidentified_a"] = count_json(g.unidentified_a);
    b["unidentified_b"] = count_json(g.unidentified_b);
    json patterns = json::array();
    for (const auto& p : g.patterns) {
      json pj = json::object();
      pj["right"] = std::string(1, p.right);
      pj["count"] = count_json(p.count);
      pj["status"] = json::array({json(std::string(to_string(p.status_a))), json(std::string(to_string(p.status_b)))});
      pj["source"] = json::array({json(p.source_a), json(p.source_b)});
      pj["gold_shape"] = std::string(to_string(p.gold));
      pj["extracted_shape"] = json::array({json(std::string(to_string(p.extracted_a))), json(std::string(to_string(p.extracted_b)))});
      json examples = json::array();
      for (const auto& [ia, ib] : p.examples) {
        const entry& ea = r.a.entries[ia];
        const entry& eb = r.b.entries[ib];
        json ex = json::object();
        ex["id"] = ea.id;
        ex["sample"] = ea.sample;
        const std::string* gold = gold_of(ea, eb, golds);
        ex["gold"] = gold != nullptr ? json(shorten(*gold, width)) : json();
        ex["a"] = shorten(ea.extracted, width);
        ex["b"] = shorten(eb.extracted, width);
        ex["a_at"] = location(r.a, ea);
        ex["b_at"] = location(r.b, eb);
        examples.push_back(std::move(ex));
      }
      pj["examples"] = examples;
      patterns.push_back(std::move(pj));
    }
    b["patterns"] = patterns;
    benchmarks.push_back(std::move(b));
  }
  doc["benchmarks"] = benchmarks;

  json unmatched = json::array();
  auto one_side = [&](char which, const side& s, std::uint32_t i) {
    const entry& e = s.entries[i];
    json o = record_name_json(e);
    o["side"] = std::string(1, which);
    o["at"] = location(s, e);
    unmatched.push_back(std::move(o));
  };
  for (auto i : r.matched.only_a) one_side('a', r.a, i);
  for (auto j : r.matched.only_b) one_side('b', r.b, j);
  doc["one_side_only"] = unmatched;

  json duplicates = json::array();
  for (const auto& d : r.matched.duplicates) {
    const side& s = d.side == 'a' ? r.a : r.b;
    json o = record_name_json(s.entries[d.index]);
    o["side"] = std::string(1, d.side);
    o["at"] = location(s, s.entries[d.index]);
    o["first_at"] = location(s, s.entries[d.first]);
    duplicates.push_back(std::move(o));
  }
  doc["duplicates"] = duplicates;

  json lost = json::array();
  for (const auto* s : {&r.a, &r.b}) {
    for (const auto& l : s->unidentified) {
      json o = json::object();
      o["side"] = s == &r.a ? "a" : "b";
      o["model"] = l.model;
      o["benchmark"] = l.benchmark;
      o["status"] = std::string(to_string(l.state));
      o["field"] = l.field;
      o["message"] = l.message;
      o["at"] = s->files[l.file] + ":" + std::to_string(l.line);
      lost.push_back(std::move(o));
    }
  }
  doc["unidentified"] = lost;

  json bad = json::array();
  for (const auto* s : {&r.a, &r.b}) {
    for (const auto& l : s->bad_lines) {
      json o = json::object();
      o["side"] = s == &r.a ? "a" : "b";
      o["file"] = s->files[l.file];
      o["line"] = count_json(l.line);
      o["field"] = l.field;
      o["message"] = l.message;
      bad.push_back(std::move(o));
    }
  }
  doc["bad_lines"] = bad;
  return doc;
}

}  // namespace report
}  // namespace diff
TRANSFERSCORE_END_NAMESPACE
