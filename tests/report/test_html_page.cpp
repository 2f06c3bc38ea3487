#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include "../test_paths.hpp"
#include "report_fixture.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace ts = transferscore;
namespace ag = transferscore::aggregate;
namespace rp = transferscore::report;

namespace {

ts::json parse(std::string_view text) {
  ts::json v;
  const auto err = ts::io::parse_json(text, v);
  REQUIRE_MESSAGE(!err, "not JSON: " << err.message << " in " << text.substr(0, 200));
  return v;
}

std::size_t count(std::string_view hay, std::string_view needle) {
  std::size_t n = 0;
  for (auto at = hay.find(needle); at != std::string_view::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// The text of the page's data element.
std::string_view data_of(std::string_view page) {
  const std::string_view open = "<script type=\"application/json\" id=\"ts-verdicts\">";
  const auto begin = page.find(open);
  REQUIRE(begin != std::string_view::npos);
  const auto end = page.find("</script>", begin);
  REQUIRE(end != std::string_view::npos);
  return page.substr(begin + open.size(), end - begin - open.size());
}

const std::string hostile_response =
    "<think>a</script>b</think>Look: </SCRIPT><script>alert(1)</script> <!-- x --> <img src=x onerror=alert(2)> "
    "& \xE2\x80\xA8 \\boxed{7}";

std::string verdict_line(std::string_view id, std::string_view model, std::string_view extra = "") {
  return std::string("{\"id\":\"") + std::string(id) + "\",\"benchmark\":\"math500\",\"model\":\"" + std::string(model) +
         "\",\"sample\":0,\"scorer\":\"math\",\"score\":1,\"correct\":true,\"status\":\"ok\",\"extracted\":\"7\","
         "\"mode\":\"reference\",\"trace\":\"last-close\"" +
         std::string(extra) + "}";
}

rp::html_report report_of(const std::vector<std::string>& lines, std::size_t max_chars = 2000) {
  return report_fixture::report_of(lines, "v.jsonl", max_chars);
}

}  // namespace

TEST_CASE("JSON made safe for a script element has no < > & and reads back the same") {
  const std::string text = R"({"a":"</script><!--<script>&amp;","b":["x>y"]})";
  const std::string safe = rp::script_safe_json(text);
  CHECK(safe.find_first_of("<>&") == std::string::npos);
  CHECK(safe == R"({"a":"\u003c/script\u003e\u003c!--\u003cscript\u003e\u0026amp;","b":["x\u003ey"]})");
  CHECK(parse(safe).dump() == parse(text).dump());
  // U+2028 and U+2029 too; other multi-byte characters stay as they are.
  CHECK(rp::script_safe_json("\"\xE2\x80\xA8\xE2\x80\xA9\xE2\x82\xAC\"") == "\"\\u2028\\u2029\xE2\x82\xAC\"");
}

TEST_CASE("a hostile response and gold cannot end the data element, open a comment or make an element") {
  const std::string gold = "{\"answer\":\"7</script><!--\"}";
  std::string response_json;
  ts::detail::append_json_string(response_json, hostile_response);
  const auto r = report_of({verdict_line("h1", "m", ",\"response\":" + response_json + ",\"gold\":" + gold)});
  const std::string page = rp::render_html(r);
  // Exactly the page's two script elements: the data and the code.
  CHECK(count(lower(page), "<script") == 2);
  CHECK(count(lower(page), "</script") == 2);
  CHECK(page.find("<!--") == std::string::npos);
  CHECK(page.find("<img") == std::string::npos);
  // The data reads back to the very same strings.
  const ts::json data = parse(data_of(page));
  const ts::json& row = (*data.find("rows")->if_array())[0];
  std::string shown;
  for (const auto& piece : *row.if_array()->at(15).if_array()) shown += *piece.if_array()->at(1).if_string();
  CHECK(shown == hostile_response);
  const ts::json& gold_cell = row.if_array()->at(16);
  CHECK(*gold_cell.if_array()->at(0).if_string() == parse(gold).dump());
}

TEST_CASE("names in the tables and charts are escaped as text") {
  const auto r = report_of({verdict_line("1", "<b>evil</b> & \\\"co\\\"")});
  const std::string page = rp::render_html(r);
  CHECK(page.find("<b>evil") == std::string::npos);
  CHECK(page.find("&lt;b&gt;evil&lt;/b&gt; &amp; &quot;co&quot;") != std::string::npos);
}

TEST_CASE("a verdict row holds every field by position, names once in their lists") {
  const std::string extra =
      ",\"details\":{\"source\":\"boxed\"},\"response\":\"<think>x</think> so \\\\boxed{7}\",\"gold\":{\"answer\":\"7\"}";
  auto r = report_of({verdict_line("a", "m1", extra), verdict_line("b", "m2"),
                      R"({"id":3,"benchmark":"math500","model":"m1","sample":2,"scorer":"math","score":0,"correct":false,"status":"no_answer","extracted":"","mode":"paper","trace":"none","error":{"file":"g.jsonl","line":9,"field":"response","message":"no answer"}})"});
  const ts::json data = parse(r.verdicts.json_text());
  CHECK(data.find("schema")->if_string()->find("transferscore.report-verdicts/1") == 0);
  CHECK(data.find("models")->dump() == R"(["m1","m2"])");
  CHECK(data.find("benchmarks")->dump() == R"(["math500"])");
  CHECK(data.find("modes")->dump() == R"(["reference","paper"])");
  CHECK(data.find("traces")->dump() == R"(["last-close","none"])");
  CHECK(data.find("files")->dump() == R"(["v.jsonl"])");
  const auto& rows = *data.find("rows")->if_array();
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].dump() ==
        R"([0,0,"a",0,0,1,1,"7",0,0,0,0,1,["{\"source\":\"boxed\"}",0],null,[[0,"<think>x</think>"],[1," so \\boxed{"],[2,"7"],[1,"}"]],["{\"answer\":\"7\"}",0],1])");
  CHECK(rows[1].dump() == R"([1,0,"b",0,0,1,1,"7",0,0,0,0,2,null,null,null,null,0])");
  CHECK(rows[2].dump() ==
        R"([0,0,3,2,1,0,0,"",0,1,1,0,3,null,{"file":"g.jsonl","line":9,"field":"response","message":"no answer"},null,null,0])");
  CHECK(r.verdicts.size() == 3);
  CHECK(r.verdicts.responses() == 1);
}

TEST_CASE("long responses, golds and extracted answers are cut to the limit, with the count") {
  const std::string long_text(5000, 'z');
  const auto r = report_of({verdict_line("a", "m", ",\"response\":\"" + long_text + " \\\\boxed{7}\",\"gold\":{\"answer\":\"" +
                                                       long_text + "\"}")},
                           100);
  CHECK(r.verdicts.cut_responses() == 1);
  const ts::json data = parse(r.verdicts.json_text());
  const auto& row = *(*data.find("rows")->if_array())[0].if_array();
  std::size_t kept = 0, cut = 0;
  for (const auto& piece : *row[15].if_array()) {
    const auto& p = *piece.if_array();
    if (*p[0].as_int() == 3) cut += static_cast<std::size_t>(*p[1].as_int());
    else kept += p[1].if_string()->size();
  }
  CHECK(kept <= 100);
  CHECK(kept + cut == long_text.size() + 10);
  CHECK(row[16].if_array()->at(0).if_string()->size() == 100);
  CHECK(*row[16].if_array()->at(1).as_int() == static_cast<std::int64_t>(long_text.size() + 13 - 100));
  CHECK(*row[17].as_int() == 1);  // the answer is still found (and kept)
}

TEST_CASE("a verdict whose optional fields have the wrong type is an error naming the file, line and field") {
  rp::verdict_table table;
  const ts::json v = parse(verdict_line("a", "m", ",\"response\":12"));
  try {
    table.add(v, "runs/v.jsonl", 7);
    FAIL("no error");
  } catch (const ag::verdict_error& e) {
    CHECK(std::string(e.what()) == "runs/v.jsonl:7: response: expected a string");
  }
  CHECK_THROWS_WITH_AS(table.add(parse(R"({"id":1,"benchmark":"b","model":"m","sample":"x","score":0,"correct":false,"status":"ok"})"), "v.jsonl", 2),
                       "v.jsonl:2: sample: expected an integer", ag::verdict_error);
  CHECK_THROWS_WITH_AS(table.add(parse(R"({"id":1,"benchmark":"b","model":"m","score":0,"correct":false,"status":"ok","error":[]})"), "v.jsonl", 3),
                       "v.jsonl:3: error: expected an object", ag::verdict_error);
  // Verdicts of other tools may lack the optional members.
  table.add(parse(R"({"id":1,"benchmark":"b","model":"m","score":0,"correct":false,"status":"ok"})"), "v.jsonl", 4);
  CHECK(table.size() == 1);
}

TEST_CASE("the page is one file: inline style and script, a policy forbidding every fetch, no external reference") {
  const auto r = report_of({verdict_line("a", "m")});
  const std::string page = rp::render_html(r);
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(page.find("Content-Security-Policy\" content=\"default-src 'none'") != std::string::npos);
  CHECK(page.find(" src=") == std::string::npos);
  CHECK(page.find("<link rel=\"stylesheet\"") == std::string::npos);
  CHECK(page.find("@import") == std::string::npos);
  CHECK(page.find("url(") == std::string::npos);
  CHECK(page.find("fetch(") == std::string::npos);
  CHECK(page.find("XMLHttpRequest") == std::string::npos);
  // Every http(s) text is the SVG namespace, which names and fetches nothing.
  std::size_t links = 0;
  for (auto at = page.find("http"); at != std::string::npos; at = page.find("http", at + 1)) {
    if (page.compare(at, 4 + 3, "http-eq") == 0) continue;  // http-equiv
    CHECK(page.compare(at, 26, "http://www.w3.org/2000/svg") == 0);
    ++links;
  }
  CHECK(links == 0);  // no chart without pairs
  CHECK(page.find("id=\"scores-table\"") != std::string::npos);
  CHECK(page.find("id=\"transfer\"") == std::string::npos);
  CHECK(page.find("score with <code>transferscore score --keep-response</code>") != std::string::npos);
}

TEST_CASE("with pairs: the indices, the paired gains and the charts of report_svg") {
  ag::accumulator_set set;
  rp::html_report r;
  for (const auto* shard : {"shard1.jsonl", "shard2.jsonl"}) r.verdicts.read(test_paths::data(std::string("aggregate/") + shard).string(), set);
  r.policy.bootstrap.replicates = 100;
  r.summaries = ag::summarize(set, r.policy);
  ag::transfer_policy tp;
  tp.scoring = r.policy;
  const auto pairs = ag::read_pairs(test_paths::data("aggregate/pairs.csv").string());
  r.transfer = ag::transfer_from_verdicts(set, pairs, ag::default_groups(), tp);
  const std::string page = rp::render_html(r);
  CHECK(page.find("id=\"indices-table\"") != std::string::npos);
  CHECK(page.find("id=\"gains-table\"") != std::string::npos);
  CHECK(page.find(ag::report::gain_bars_svg(*r.transfer, r.transfer->pairs[0])) != std::string::npos);
  CHECK(page.find(ag::report::transfer_scatter_svg(*r.transfer, "other", "non")) != std::string::npos);
  CHECK(page.find("--c0:#4e79a7;") != std::string::npos);  // the charts' palette
  // One table row per (model, benchmark) summary.
  CHECK(count(page, "<button type=\"button\" class=\"browse\"") == r.summaries.size());
}
