#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include "../test_paths.hpp"

#include <regex>
#include <string>
#include <vector>

namespace ts = transferscore;
namespace ag = transferscore::aggregate;

namespace {
ag::transfer_result study(ag::ti_formula formula) {
  ag::transfer_policy policy;
  policy.formula = formula;
  return ag::transfer_from_table(ag::read_score_table(test_paths::data("paper/scores.csv").string()),
                                 ag::read_pairs(test_paths::data("paper/pairs.csv").string()), ag::default_groups(), policy);
}
}  // namespace

TEST_CASE("transfer CSV: one row per model, ti_<group> for every non-source group") {
  const auto r = study(ag::ti_formula::v2);
  const auto csv = ag::report::transfer_csv(r);
  CHECK(csv.substr(0, csv.find('\n')) == "model,base,ti_other,ti_non");
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 19);
  const auto with = ag::report::transfer_csv(r, true);
  CHECK(with.substr(0, with.find('\n')) == "model,base,ti_other,ti_non,ti_other_low,ti_other_high,ti_non_low,ti_non_high");
  // v1 leaves undefined indices empty.
  const auto v1 = ag::report::transfer_csv(study(ag::ti_formula::v1));
  CHECK(v1.find("Llama3.1-8B-SimpleRL,Llama3.1-8B,,\n") != std::string::npos);
}

TEST_CASE("transfer JSON records the policy and gives reasons instead of numbers") {
  const auto doc = ag::report::transfer_json(study(ag::ti_formula::v1)).dump();
  CHECK(doc.find(R"("schema":"transferscore.transfer/1","input":"score-table","policy":{"formula":"v1","sigma":null,"std":null)") == 1);
  CHECK(doc.find(R"("intervals":{"available":false,"method":"none: the input is a table)") != std::string::npos);
  CHECK(doc.find(R"x("ti":null,"undefined":"source group math: R_base = 0 on aime24 (v1 divides by the base score)")x") !=
        std::string::npos);
  CHECK(doc.find("NaN") == std::string::npos);
  const auto v2 = ag::report::transfer_json(study(ag::ti_formula::v2)).dump();
  CHECK(v2.find(R"("cohort_sigma":{"math":{"value":16.12)") != std::string::npos);
}

TEST_CASE("transfer Markdown: base rows, group averages, indices and footnoted reasons") {
  const auto md = ag::report::transfer_markdown(study(ag::ti_formula::v1));
  CHECK(md.find("| model | math500 | aime24 | aime25 | olympiadbench | Avg math | gpqa_diamond |") != std::string::npos);
  // Table 1 prints Avg 27.7; the mean 27.65 is stored as 27.6499... and prints as 27.6.
  CHECK(md.find("| Qwen3-14B-Base | 60.4 | 13.0 | 9.3 | 27.9 | 27.6 |") != std::string::npos);
  CHECK(md.find("n/a [1]") != std::string::npos);
  CHECK(md.find("[1] source group math: R_base = 0 on aime24") != std::string::npos);
  CHECK(md.find("TI v1 (mean relative gain)") != std::string::npos);
}

TEST_CASE("summaries in every format state the status policy") {
  ag::accumulator_set set;
  ts::verdict v;
  v.model = "m";
  v.benchmark = "b";
  for (int i = 0; i < 4; ++i) {
    v.id = ts::json(i);
    v.result = i == 3 ? ts::score_result::no_answer("none") : ts::score_result::judged(i < 2, "x");
    set.add(v);
  }
  ag::aggregate_policy policy;
  policy.bootstrap.replicates = 50;
  const auto s = ag::summarize(set, policy);
  const auto json = ag::report::summaries_json(s, policy).dump();
  CHECK(json.find(R"("non_ok":"zero")") != std::string::npos);
  CHECK(json.find(R"("statuses":{"ok":3,"no_answer":1,)") != std::string::npos);
  CHECK(json.find(R"("score":{"value":0.5,"se":)") != std::string::npos);
  CHECK(json.find(R"("avg@k":{"k":1,"value":0.5})") != std::string::npos);
  const auto md = ag::report::summaries_markdown(s, policy);
  CHECK(md.find("| m | b | 4 | 1 | 50.0 [") != std::string::npos);
  CHECK(md.find("count as score 0 and are reported by status") != std::string::npos);
  const auto csv = ag::report::summaries_csv(s, policy);
  CHECK(csv.find("model,benchmark,items,samples,min_samples,max_samples,score,se,ci_low,ci_high,pass@1,") == 0);
  // Status counts, the verdicts without an id (none here), then the policy.
  CHECK(csv.find(",unidentified,non_ok_policy,averaging\n") != std::string::npos);
  CHECK(csv.find(",3,1,0,0,0,0,0,zero,macro\n") != std::string::npos);
}

TEST_CASE("the transfer scatter labels every point and no two labels overlap") {
  const auto svg = ag::report::transfer_scatter_svg(study(ag::ti_formula::v2));
  CHECK(svg.rfind("<svg ", 0) == 0);
  CHECK(svg.find("</svg>") != std::string::npos);
  // Labels are the 11.5px texts in #222; estimate their boxes as the renderer would.
  const std::regex label(R"re(<text x="([-0-9.]+)" y="([-0-9.]+)" font-size="11.5" text-anchor="start" fill="#222">([^<]+)</text>)re");
  struct box {
    double x0, y0, x1, y1;
  };
  std::vector<box> boxes;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), label); it != std::sregex_iterator(); ++it) {
    const double x = std::stod((*it)[1]), y = std::stod((*it)[2]);
    const double w = ag::report::svg::text_width((*it)[3].str(), 11.5);
    boxes.push_back({x, y - 11, x + w, y + 3});
  }
  CHECK(boxes.size() == 18);
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    for (std::size_t j = i + 1; j < boxes.size(); ++j) {
      const bool overlap = boxes[i].x0 < boxes[j].x1 && boxes[j].x0 < boxes[i].x1 && boxes[i].y0 < boxes[j].y1 &&
                           boxes[j].y0 < boxes[i].y1;
      CHECK_FALSE(overlap);
    }
  }
  CHECK(svg.find("TI_other (%)") != std::string::npos);
  CHECK(svg.find("base model") != std::string::npos);  // the legend
}

TEST_CASE("the gain bars show every benchmark of the pair, and names are escaped") {
  auto r = study(ag::ti_formula::v2);
  r.pairs.back().model = "a<b & \"c\"";
  const auto svg = ag::report::gain_bars_svg(r, r.pairs.back());
  CHECK(svg.find("a&lt;b &amp; &quot;c&quot;") != std::string::npos);
  for (const auto& b : ag::default_groups().benchmarks()) CHECK(svg.find(">" + b + "<") != std::string::npos);
  CHECK(svg.find("+54.7") != std::string::npos);  // acpbench: 65.4 - 10.7
}
