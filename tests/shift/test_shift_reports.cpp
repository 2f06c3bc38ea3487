#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include "shift_fixtures.hpp"

#include <algorithm>
#include <string>

namespace sh = transferscore::shift;
namespace ag = transferscore::aggregate;

namespace {
sh::token_shift_result tokens(std::size_t replicates = 100) {
  sh::token_pair_options options;
  options.compare.bin_width = 8;
  sh::token_shift_set set;
  for (const char* shape : {"canonical", "openai_chat"}) {
    sh::token_pair_input input{shift_fixtures::path(std::string("tokens/") + shape + ".tuned.jsonl"),
                               shift_fixtures::path(std::string("tokens/") + shape + ".base.jsonl"), std::string("ft-") + shape, "base", ""};
    (void)sh::read_token_pair(input, options, set);
  }
  sh::token_summary_options summary;
  summary.bootstrap.replicates = replicates;
  summary.bootstrap.seed = 3;
  summary.top_tokens = 3;
  auto r = sh::summarize_tokens(set, ag::default_groups(), summary, options.compare);
  r.input = "dumps";
  return r;
}

sh::latent_result latent() {
  const std::vector<sh::feature_file> files = {{"base", "math500", shift_fixtures::path("latent/wide_base_f32.npy"), -1},
                                               {"rl", "math500", shift_fixtures::path("latent/wide_tuned_f32.npy"), -1},
                                               {"base", "coqa", shift_fixtures::path("latent/wide_base_f32.npy"), -1},
                                               {"rl", "coqa", shift_fixtures::path("latent/wide_tuned_f16.npy"), -1}};
  return sh::latent_shift(files, {{"rl", "base"}}, ag::default_groups(), {});
}

std::size_t lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }
}  // namespace

TEST_CASE("tokens JSON: schema, policy, figures with intervals, null where nothing was measured") {
  const auto doc = sh::report::tokens_json(tokens()).dump();
  CHECK(doc.find(R"({"schema":"transferscore.shift/1","kind":"tokens","mode":"default","input":"dumps","policy":{"averaging":"macro","epsilon":1e-10,"bin_width":8,"top_tokens":3,"bootstrap":{"replicates":100,"seed":3,"confidence":0.95,"unit":"response"}},"pairs":[{"model":"ft-canonical","base":"base","benchmarks":[{"benchmark":"math500","group":"math","responses":{"read":6,"used":6},"positions":{"compared":)") == 0);
  CHECK(doc.find(R"("figures":{"kl_estimate":{"value":)") != std::string::npos);
  CHECK(doc.find(R"("shifted_tokens":{"total":)") != std::string::npos);
  CHECK(doc.find(R"("groups":[{"group":"math","benchmarks":["math500"],"figures":{)") != std::string::npos);
  CHECK(doc.find("nan") == std::string::npos);
  transferscore::json parsed;
  REQUIRE(!transferscore::io::parse_json(doc, parsed));
  // The OpenAI pair knows ranks only within the top-k; every figure is still a number or null.
  const auto& chat = (*parsed.find("pairs")->if_array())[1];
  CHECK(*chat.find("model")->if_string() == "ft-openai_chat");
}

TEST_CASE("tokens Markdown: the study's figures as model x benchmark tables, then each pair") {
  const auto md = sh::report::tokens_markdown(tokens());
  CHECK(md.find("## KL to the base, the study's estimate (its Fig. 4)\n\n| model | base | math500 | ifeval |\n|---|---|---|---|\n| ft-canonical | base | 0.") == 0);
  CHECK(md.find("## ft-openai_chat vs base") != std::string::npos);
  CHECK(md.find("| **non** (mean) | non |") != std::string::npos);
  CHECK(md.find("Most-shifted tokens (ranked first by ft-canonical, not by base):") != std::string::npos);
  CHECK(md.find("Brackets: 95% percentile bootstrap over responses, 100 replicates, seed 3.") != std::string::npos);
  CHECK(md.find("nan") == std::string::npos);
}

TEST_CASE("tokens CSV: summary, curves and tokens tables") {
  const auto r = tokens();
  const auto summary = sh::report::tokens_csv(r);
  CHECK(summary.substr(0, summary.find('\n')) ==
        "model,base,benchmark,group,responses,used,tokens,ranked,listed,kl_estimate,kl_estimate_low,kl_estimate_high,log_ratio,"
        "log_ratio_low,log_ratio_high,lumped_kl,lumped_kl_low,lumped_kl_high,rank_shift,rank_shift_low,rank_shift_high,"
        "abs_rank_shift,abs_rank_shift_low,abs_rank_shift_high,rank_changed,rank_changed_low,rank_changed_high,"
        "shifted_per_response,shifted_per_response_low,shifted_per_response_high,mode,averaging");
  CHECK(lines(summary) == 1 + 2 * (2 + 2));  // per pair: 2 benchmarks and 2 groups
  CHECK(summary.find("\nft-canonical,base,group:math,math,,,,,,") != std::string::npos);
  const auto curves = sh::report::tokens_csv(r, sh::report::token_table::curves);
  CHECK(curves.substr(0, curves.find('\n')) == "model,base,benchmark,from,to,tokens,log_ratio,rank_shift,abs_rank_shift,rank_changed,shifted_share,lumped_kl");
  CHECK(curves.find("\nft-canonical,base,math500,0,8,") != std::string::npos);
  const auto top = sh::report::tokens_csv(r, sh::report::token_table::tokens);
  CHECK(top.substr(0, top.find('\n')) == "model,base,benchmark,rank,token,count");
  CHECK(top.find("\nft-canonical,base,math500,1,") != std::string::npos);
}

TEST_CASE("tokens SVG: the bar chart, the position-wise curve and the shifted tokens") {
  const auto r = tokens();
  const auto bars = sh::report::figure_bars_svg(r);
  CHECK(bars.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
  CHECK(bars.find("KL to the base (the study&apos;s estimate: |mean log ratio|)") != std::string::npos);
  CHECK(bars.find(">math500</text>") != std::string::npos);
  CHECK(bars.find("ft-openai_chat (vs base)") != std::string::npos);
  CHECK(bars.find("whiskers: 95% bootstrap over responses (100 replicates, seed 3)") != std::string::npos);
  CHECK(sh::report::figure_bars_svg(r, sh::token_figure::rank_shift).find("Average token-rank shift rank_base - rank_ft") != std::string::npos);
  const auto curve = sh::report::curve_svg(r, "ifeval", sh::report::curve_metric::abs_rank_shift);
  CHECK(curve.find("Position-wise abs_rank_shift on ifeval") != std::string::npos);
  CHECK(curve.find("<polyline") != std::string::npos);
  CHECK_THROWS_AS((void)sh::report::curve_svg(r, "nowhere"), transferscore::config_error);
  const auto words = sh::report::shifted_tokens_svg(r.pairs[0], r.pairs[0].benchmarks[0]);
  CHECK(words.find("Tokens ranked first by ft-canonical but not by base") != std::string::npos);
  for (const auto* svg : {&bars, &curve, &words}) {
    CHECK(svg->find("nan") == std::string::npos);
    CHECK(svg->substr(svg->size() - 7) == "</svg>\n");
  }
}

TEST_CASE("latent reports: JSON, Markdown, CSV and the Fig. 3 panels") {
  const auto r = latent();
  const auto doc = sh::report::latent_json(r).dump();
  CHECK(doc.find(R"({"schema":"transferscore.shift/1","kind":"latent","policy":{"projection":"uncentred","sign_rule":"components","components":2},"pairs":[{"model":"rl","base":"base","benchmarks":[{"benchmark":"math500","group":"math","layers":5,"samples":12,"hidden":40,"distance":0.54228394139)") == 0);
  CHECK(doc.find(R"("per_layer":[{"layer":0,"base":[)") != std::string::npos);
  CHECK(doc.find(R"("groups":[{"group":"math","benchmarks":["math500"],"mean_distance":)") != std::string::npos);
  const auto md = sh::report::latent_markdown(r);
  CHECK(md.find("| rl | base | 0.54 | 0.54 |") != std::string::npos);
  CHECK(md.find("| rl | base | 0.54 (1) |  | 0.54 (1) |") != std::string::npos);
  const auto csv = sh::report::latent_csv(r);
  CHECK(csv.substr(0, csv.find('\n')) ==
        "model,base,benchmark,group,layers,samples,hidden,distance,z_base_pc1,z_base_pc2,z_tuned_pc1,z_tuned_pc2,projection,sign_rule");
  CHECK(lines(csv) == 1 + 2 + 2);
  const auto layers = sh::report::latent_csv(r, sh::report::latent_table::layers);
  CHECK(lines(layers) == 1 + 2 * 5);
  const auto svg = sh::report::latent_svg(r, r.pairs[0]);
  CHECK(svg.find("Latent shift of rl from base") != std::string::npos);
  CHECK(svg.find("math500   d = 0.54") != std::string::npos);
  CHECK(svg.find("coqa   d = 0.54") != std::string::npos);
  CHECK(svg.find("nan") == std::string::npos);
}

TEST_CASE("visible tokens: newlines escaped, edge spaces shown") {
  CHECK(sh::report::visible_token(" Wait") == "\xE2\x90\xA3Wait");
  CHECK(sh::report::visible_token("\n\n") == "\\n\\n");
  CHECK(sh::report::visible_token("a b") == "a b");
}
