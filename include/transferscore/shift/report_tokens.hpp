#pragma once
// Reports of `shift tokens`: JSON (schema transferscore.shift/1, kind "tokens"; docs/shift.md),
// Markdown (the study's Fig. 4 and Fig. 17 as tables, then every figure per pair and group, and
// the most-shifted tokens), and CSV (one table at a time: summary, curves or tokens). Numbers in
// JSON and CSV are exact; a figure with no data is null (JSON) or empty (CSV), never NaN.

#include <transferscore/config.hpp>
#include <transferscore/aggregate/report/common.hpp>
#include <transferscore/aggregate/report/csv.hpp>
#include <transferscore/aggregate/report/json.hpp>
#include <transferscore/aggregate/report/md.hpp>
#include <transferscore/aggregate/score_table.hpp>
#include <transferscore/core/json.hpp>
#include <transferscore/shift/token_summary.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace shift {
namespace report {

namespace detail {

namespace ar = aggregate::report;

[[nodiscard]] inline json estimate_json(const estimate& e) {
  json o = json::object();
  o["value"] = ar::number_json(e.value);
  o["ci"] = ar::interval_json(e.ci);
  return o;
}

[[nodiscard]] inline json figures_json(const std::array<estimate, token_figure_count>& figures) {
  json o = json::object();
  for (std::size_t f = 0; f < token_figure_count; ++f) o[token_figure_names[f]] = estimate_json(figures[f]);
  return o;
}

[[nodiscard]] inline std::string averaging_text(aggregate::averaging a) {
  return a == aggregate::averaging::macro ? "macro: the mean over responses of each response's mean over its positions"
                                          : "micro: pooled over all positions";
}

// How many decimals a figure shows in Markdown.
[[nodiscard]] inline int decimals(token_figure f) {
  switch (f) {
    case token_figure::rank_shift:
    case token_figure::abs_rank_shift:
    case token_figure::shifted_per_response: return 2;
    default: return 4;
  }
}

[[nodiscard]] inline std::string cell(const estimate& e, int places) {
  if (std::isnan(e.value)) return "n/a";
  std::string s = ar::fixed(e.value, places);
  if (e.ci.available()) {
    s += ' ';
    s += ar::bracket(e.ci, 1.0, places);
  }
  return s;
}

}  // namespace detail

/// A JSON array of strings (benchmark names, notes).
[[nodiscard]] inline json strings_json(const std::vector<std::string>& items) {
  json out = json::array();
  for (const auto& s : items) out.push_back(s);
  return out;
}

/// A token as a reader can see it: newlines and tabs escaped, a leading or trailing space as
/// "␣" (BPE tokens carry their leading space, and Markdown and SVG would swallow it).
[[nodiscard]] inline std::string visible_token(std::string_view token) {
  std::string out;
  for (std::size_t i = 0; i < token.size(); ++i) {
    const char c = token[i];
    if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c == '\r') out += "\\r";
    else if (c == ' ' && (i == 0 || i + 1 == token.size())) out += "\xE2\x90\xA3";  // U+2423 OPEN BOX
    else out += c;
  }
  return out;
}

[[nodiscard]] inline json tokens_json(const token_shift_result& r) {
  json doc = json::object();
  doc["schema"] = "transferscore.shift/1";
  doc["kind"] = "tokens";
  doc["mode"] = std::string(to_string(r.mode));
  doc["input"] = r.input;
  json policy = json::object();
  policy["averaging"] = std::string(aggregate::to_string(r.options.average));
  policy["epsilon"] = r.epsilon;
  policy["bin_width"] = static_cast<std::int64_t>(r.bin_width);
  policy["top_tokens"] = static_cast<std::int64_t>(r.options.top_tokens);
  json boot = json::object();
  boot["replicates"] = static_cast<std::int64_t>(r.options.bootstrap.replicates);
  boot["seed"] = static_cast<std::int64_t>(r.options.bootstrap.seed);
  boot["confidence"] = r.options.bootstrap.confidence;
  boot["unit"] = "response";
  policy["bootstrap"] = std::move(boot);
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
      json responses = json::object();
      responses["read"] = static_cast<std::int64_t>(b.responses);
      responses["used"] = static_cast<std::int64_t>(b.used);
      bj["responses"] = std::move(responses);
      json positions = json::object();
      positions["compared"] = static_cast<std::int64_t>(b.tokens);
      positions["ranked"] = static_cast<std::int64_t>(b.ranked);
      positions["listed"] = static_cast<std::int64_t>(b.kl_positions);
      positions["prompt"] = static_cast<std::int64_t>(b.prompt_tokens);
      positions["skipped_first"] = static_cast<std::int64_t>(b.skipped_first);
      positions["truncated"] = static_cast<std::int64_t>(b.truncated);
      positions["tail_floored"] = static_cast<std::int64_t>(b.floored);
      positions["min_listed"] = b.min_listed == 0 ? json() : json(static_cast<std::int64_t>(b.min_listed));
      bj["positions"] = std::move(positions);
      bj["figures"] = detail::figures_json(b.figures);
      json curve = json::array();
      for (const auto& c : b.curve) {
        json cj = json::object();
        cj["from"] = static_cast<std::int64_t>(c.from);
        cj["to"] = static_cast<std::int64_t>(c.to);
        cj["tokens"] = static_cast<std::int64_t>(c.tokens);
        cj["log_ratio"] = detail::ar::number_json(c.log_ratio);
        cj["rank_shift"] = detail::ar::number_json(c.rank_shift);
        cj["abs_rank_shift"] = detail::ar::number_json(c.abs_rank_shift);
        cj["rank_changed"] = detail::ar::number_json(c.rank_changed);
        cj["shifted_share"] = detail::ar::number_json(c.shifted_share);
        cj["lumped_kl"] = detail::ar::number_json(c.lumped_kl);
        curve.push_back(std::move(cj));
      }
      bj["curve"] = std::move(curve);
      json shifted = json::object();
      shifted["total"] = static_cast<std::int64_t>(b.shifted_total);
      json top = json::array();
      for (const auto& [token, count] : b.top_shifted) {
        json t = json::object();
        t["token"] = token;
        t["count"] = static_cast<std::int64_t>(count);
        top.push_back(std::move(t));
      }
      shifted["top"] = std::move(top);
      bj["shifted_tokens"] = std::move(shifted);
      benches.push_back(std::move(bj));
    }
    pj["benchmarks"] = std::move(benches);
    json groups = json::array();
    for (const auto& g : p.groups) {
      json gj = json::object();
      gj["group"] = g.group;
      gj["benchmarks"] = strings_json(g.benchmarks);
      gj["figures"] = detail::figures_json(g.figures);
      groups.push_back(std::move(gj));
    }
    pj["groups"] = std::move(groups);
    pairs.push_back(std::move(pj));
  }
  doc["pairs"] = std::move(pairs);
  doc["notes"] = strings_json(r.notes);
  return doc;
}

[[nodiscard]] inline std::string tokens_markdown(const token_shift_result& r) {
  namespace ar = aggregate::report;
  namespace ad = aggregate::report::detail;
  std::string out;
  // The study's figures as tables: models x benchmarks.
  std::vector<std::string> benchmarks;
  for (const auto& p : r.pairs) {
    for (const auto& b : p.benchmarks) {
      if (std::find(benchmarks.begin(), benchmarks.end(), b.benchmark) == benchmarks.end()) benchmarks.push_back(b.benchmark);
    }
  }
  auto matrix = [&](const std::string& title, token_figure f) {
    std::vector<std::string> head = {"model", "base"};
    head.insert(head.end(), benchmarks.begin(), benchmarks.end());
    out += "## " + title + "\n\n" + ad::row(head) + ad::rule(head.size());
    for (const auto& p : r.pairs) {
      std::vector<std::string> cells = {p.model, p.base};
      for (const auto& name : benchmarks) {
        const token_benchmark_summary* found = nullptr;
        for (const auto& b : p.benchmarks) found = b.benchmark == name ? &b : found;
        cells.push_back(found == nullptr ? "" : detail::cell(found->figure(f), detail::decimals(f)));
      }
      out += ad::row(cells);
    }
    out += "\n";
  };
  matrix("KL to the base, the study's estimate (its Fig. 4)", token_figure::kl_estimate);
  matrix("Average token-rank shift |rank_base - rank_ft| (its Fig. 17)", token_figure::abs_rank_shift);

  const std::vector<std::string> head = {"benchmark", "group", "responses", "tokens", "KL (study)", "log ratio", "lumped top-k KL",
                                         "rank shift", "|rank shift|", "rank changed", "shifted / response"};
  for (const auto& p : r.pairs) {
    out += "## " + p.model + " vs " + p.base + "\n\n" + ad::row(head) + ad::rule(head.size());
    auto figures_cells = [&](std::vector<std::string>& cells, const std::array<estimate, token_figure_count>& figures) {
      for (std::size_t f = 0; f < token_figure_count; ++f) {
        cells.push_back(detail::cell(figures[f], detail::decimals(static_cast<token_figure>(f))));
      }
    };
    for (const auto& b : p.benchmarks) {
      std::vector<std::string> cells = {b.benchmark, b.group, std::to_string(b.used) + " / " + std::to_string(b.responses),
                                        std::to_string(b.tokens)};
      figures_cells(cells, b.figures);
      out += ad::row(cells);
    }
    for (const auto& g : p.groups) {
      std::vector<std::string> cells = {"**" + g.group + "** (mean)", g.group, "", ""};
      figures_cells(cells, g.figures);
      out += ad::row(cells);
    }
    out += "\nMost-shifted tokens (ranked first by " + p.model + ", not by " + p.base + "):\n\n";
    for (const auto& b : p.benchmarks) {
      out += "- " + b.benchmark + " (" + std::to_string(b.shifted_total) + " in all): ";
      if (b.top_shifted.empty()) out += "none";
      for (std::size_t i = 0; i < b.top_shifted.size(); ++i) {
        out += (i ? ", " : "") + std::string("`") + ar::markdown_cell(visible_token(b.top_shifted[i].first)) + "` " + std::to_string(b.top_shifted[i].second);
      }
      out += "\n";
    }
    out += "\n";
  }
  out += "Mode: " + std::string(to_string(r.mode)) +
         (r.mode == shift_mode::paper ? " (the study's code: first response token skipped, first vLLM map entry, lists truncated to the shorter)"
                                      : " (every response token; both sides score the same tokens)") +
         ". KL (study) = |mean log ratio|, the log ratio log(P_ft(y) + " + aggregate::report::exact(r.epsilon) + ") - log(P_base(y) + " +
         aggregate::report::exact(r.epsilon) + ") of the tokens y the fine-tune generated; lumped top-k KL is a lower bound of the "
         "full-vocabulary KL (docs/shift.md). Averaging: " + detail::averaging_text(r.options.average) + ". ";
  if (r.options.bootstrap.replicates > 0) {
    out += "Brackets: " + ar::fixed(r.options.bootstrap.confidence * 100, 0) + "% percentile bootstrap over responses, " +
           std::to_string(r.options.bootstrap.replicates) + " replicates, seed " + std::to_string(r.options.bootstrap.seed) + ".\n";
  } else {
    out += "No intervals (bootstrap off).\n";
  }
  for (const auto& n : r.notes) out += "\nNote: " + n + "\n";
  return out;
}

enum class token_table : unsigned char { summary, curves, tokens };

[[nodiscard]] inline std::string tokens_csv(const token_shift_result& r, token_table table = token_table::summary) {
  namespace ar = aggregate::report;
  std::string out;
  auto put = [&](const std::vector<std::string>& cells) { ar::detail::append_row(out, cells); };
  if (table == token_table::summary) {
    std::vector<std::string> head = {"model", "base", "benchmark", "group", "responses", "used", "tokens", "ranked", "listed"};
    for (auto name : token_figure_names) {
      head.emplace_back(name);
      head.push_back(std::string(name) + "_low");
      head.push_back(std::string(name) + "_high");
    }
    head.emplace_back("mode");
    head.emplace_back("averaging");
    put(head);
    for (const auto& p : r.pairs) {
      auto row = [&](const std::string& name, const std::string& group, const std::array<estimate, token_figure_count>& figures,
                     const std::vector<std::string>& counts) {
        std::vector<std::string> cells = {p.model, p.base, name, group};
        cells.insert(cells.end(), counts.begin(), counts.end());
        for (const auto& e : figures) {
          cells.push_back(ar::exact(e.value));
          cells.push_back(e.ci.available() ? ar::exact(e.ci.low) : "");
          cells.push_back(e.ci.available() ? ar::exact(e.ci.high) : "");
        }
        cells.emplace_back(to_string(r.mode));
        cells.emplace_back(aggregate::to_string(r.options.average));
        put(cells);
      };
      for (const auto& b : p.benchmarks) {
        row(b.benchmark, b.group, b.figures,
            {std::to_string(b.responses), std::to_string(b.used), std::to_string(b.tokens), std::to_string(b.ranked),
             std::to_string(b.kl_positions)});
      }
      // Group rows: the benchmark column names the group's mean.
      for (const auto& g : p.groups) row("group:" + g.group, g.group, g.figures, {"", "", "", "", ""});
    }
    return out;
  }
  if (table == token_table::curves) {
    put({"model", "base", "benchmark", "from", "to", "tokens", "log_ratio", "rank_shift", "abs_rank_shift", "rank_changed", "shifted_share",
         "lumped_kl"});
    for (const auto& p : r.pairs) {
      for (const auto& b : p.benchmarks) {
        for (const auto& c : b.curve) {
          put({p.model, p.base, b.benchmark, std::to_string(c.from), std::to_string(c.to), std::to_string(c.tokens), ar::exact(c.log_ratio),
               ar::exact(c.rank_shift), ar::exact(c.abs_rank_shift), ar::exact(c.rank_changed), ar::exact(c.shifted_share),
               ar::exact(c.lumped_kl)});
        }
      }
    }
    return out;
  }
  put({"model", "base", "benchmark", "rank", "token", "count"});
  for (const auto& p : r.pairs) {
    for (const auto& b : p.benchmarks) {
      for (std::size_t i = 0; i < b.top_shifted.size(); ++i) {
        put({p.model, p.base, b.benchmark, std::to_string(i + 1), b.top_shifted[i].first, std::to_string(b.top_shifted[i].second)});
      }
    }
  }
  return out;
}

}  // namespace report
}  // namespace shift
TRANSFERSCORE_END_NAMESPACE
