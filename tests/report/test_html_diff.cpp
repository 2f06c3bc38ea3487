// The disagreement section of the HTML report (report --diff A B): the numbers are the diff
// library's, the text is escaped, the records link to the verdict browser where the page holds
// them, long lists are cut with a marker, and a comparison without disagreement says so.

#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include "report_fixture.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ts = transferscore;
namespace ag = transferscore::aggregate;
namespace rp = transferscore::report;
namespace tsd = transferscore::diff;

namespace {

std::string verdict(const std::string& id, bool correct, const std::string& extracted, const std::string& status = "ok",
                    const std::string& source = "boxed") {
  return R"({"id":")" + id + R"(","benchmark":"math500","model":"m","sample":0,"scorer":"math","score":)" +
         (correct ? "1" : "0") + R"(,"correct":)" + (correct ? "true" : "false") + R"(,"status":")" + status +
         R"(","extracted":")" + extracted + R"(","details":{"source":")" + source + R"("}})";
}

const std::string hostile = "<script>alert(1)</script><!-- &amp; \\\"q\\\" 'x'";

/// Side A (file a.jsonl) and side B (file b.jsonl): A right and B wrong on p/1, p/5 (one
/// pattern of two), B right on p/3 (another pattern; B's answer is markup), both right on p/2,
/// p/4; p/9 only in B.
std::vector<std::string> lines_a() {
  return {verdict("p/1", true, "3250"), verdict("p/2", true, "5"), verdict("p/3", false, "", "no_answer"),
          verdict("p/4", true, "7"), verdict("p/5", true, "4000")};
}
std::vector<std::string> lines_b() {
  return {verdict("p/1", false, "3,\\\\!250"), verdict("p/2", true, "5"), verdict("p/3", true, hostile),
          verdict("p/4", true, "7"), verdict("p/5", false, "4,\\\\!000"), verdict("p/9", true, "1")};
}

const std::string hostile_shown = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- &amp;amp; &quot;q&quot; &apos;x&apos;";

tsd::side side_of(const std::string& label, const std::string& file, const std::vector<std::string>& lines) {
  tsd::side s;
  s.label = label;
  tsd::side_reader r(s);
  const auto f = r.begin_file(file);
  std::uint64_t n = 0;
  for (const auto& l : lines) r.add_line(l, f, ++n);
  return s;
}

/// A page whose verdicts are A's lines (file a.jsonl), with the comparison of A and B.
rp::html_report page_of(const std::vector<std::string>& a, const std::vector<std::string>& b, std::size_t items = 20,
                        std::size_t patterns = 50, const std::string& label_a = "new") {
  rp::html_report r = report_fixture::report_of(a, "a.jsonl");
  tsd::diff_options options;
  options.bootstrap.replicates = 50;
  options.examples = items;
  rp::html_diff d;
  d.items = items;
  d.patterns = patterns;
  d.result = tsd::compare(side_of(label_a, "a.jsonl", a), side_of("old", "b.jsonl", b), options);
  r.diff = std::move(d);
  return r;
}

/// The text of the first <td data-field="field"> after `from` in `page`.
std::string field(std::string_view page, std::string_view name, std::size_t from = 0) {
  const std::string open = "data-field=\"" + std::string(name) + "\">";
  const auto at = page.find(open, from);
  REQUIRE_MESSAGE(at != std::string_view::npos, "no field " << name);
  const auto end = page.find("</td>", at);
  return std::string(page.substr(at + open.size(), end - at - open.size()));
}

std::size_t count(std::string_view hay, std::string_view needle) {
  std::size_t n = 0;
  for (auto at = hay.find(needle); at != std::string_view::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("the page table of verdicts finds a verdict's row by its file and line") {
  rp::verdict_table t(100);
  ts::json v;
  for (std::uint64_t line : {1, 2, 5}) {
    REQUIRE(!ts::io::parse_json(verdict("p/" + std::to_string(line), true, "1"), v));
    t.add(v, "x.jsonl", line);
  }
  REQUIRE(!ts::io::parse_json(verdict("q", true, "1"), v));
  t.add(v, "y.jsonl", 2);
  t.add(v, "x.jsonl", 3);  // a file read again, out of order
  t.add(v, "x.jsonl", 1);  // the same line again: the first row stays
  CHECK(t.row_at("x.jsonl", 1) == std::optional<std::size_t>(0));
  CHECK(t.row_at("x.jsonl", 5) == std::optional<std::size_t>(2));
  CHECK(t.row_at("y.jsonl", 2) == std::optional<std::size_t>(3));
  CHECK(t.row_at("x.jsonl", 3) == std::optional<std::size_t>(4));
  CHECK_FALSE(t.row_at("x.jsonl", 4));
  CHECK_FALSE(t.row_at("z.jsonl", 1));
}

TEST_CASE("the totals and the table per benchmark are the diff library's numbers") {
  const auto r = page_of(lines_a(), lines_b());
  const std::string page = rp::render_html(r);
  const tsd::diff_result& d = r.diff->result;
  const auto t = d.totals();
  REQUIRE(t.total() == 5);
  REQUIRE(t.disagreements() == 3);

  // The page's totals against the JSON report of the same comparison (what `diff -f json` prints).
  ts::json doc;
  REQUIRE(!ts::io::parse_json(tsd::report::diff_json(d).dump(), doc));
  const ts::json& totals = *doc.find("totals");
  const auto totals_at = page.find("id=\"diff-totals\"");
  REQUIRE(totals_at != std::string::npos);
  for (const char* name : {"paired", "disagreements", "only_a", "only_b", "duplicates_a", "duplicates_b", "unidentified_a",
                           "unidentified_b", "bad_lines_a", "bad_lines_b"}) {
    CAPTURE(name);
    CHECK(field(page, name, totals_at) == std::to_string(*totals.find(name)->as_int()));
  }
  CHECK(field(page, "agreement", totals_at) == ag::report::fixed(*totals.find("agreement")->as_double() * 100, 2));
  CHECK(field(page, "agreement", totals_at) == "40.00");
  CHECK(field(page, "both_right", totals_at) == std::to_string(t.both_right));
  CHECK(field(page, "a_only", totals_at) == std::to_string(t.a_only));
  CHECK(field(page, "b_only", totals_at) == std::to_string(t.b_only));
  CHECK(field(page, "both_wrong", totals_at) == std::to_string(t.both_wrong));
  CHECK(field(page, "a_only", totals_at) == "2");
  CHECK(field(page, "only_b", totals_at) == "1");

  const auto table_at = page.find("id=\"diff-table\"");
  REQUIRE(table_at != std::string::npos);
  const auto& g = d.benchmarks.front();
  CHECK(field(page, "paired", table_at) == "5");
  CHECK(field(page, "agreement", table_at) == ag::report::fixed(g.counts.agreement() * 100, 1));
  CHECK(field(page, "accuracy_a", table_at) == tsd::report::detail::percent(g.paired.model));
  CHECK(field(page, "difference", table_at) == tsd::report::detail::percent(g.paired.difference, true));

  // The nav and the section's place: after the scores, before the verdicts.
  CHECK(page.find("<a href=\"#diff\">Disagreements</a>") != std::string::npos);
  const auto section = page.find("<section id=\"diff\">");
  CHECK(section > page.find("<section id=\"scores\">"));
  CHECK(section < page.find("<section id=\"verdicts\">"));
}

TEST_CASE("the patterns are the library's, largest first, each record with both answers and a link to A's verdict") {
  const auto r = page_of(lines_a(), lines_b());
  const std::string page = rp::render_html(r);
  const auto& patterns = r.diff->result.benchmarks.front().patterns;
  REQUIRE(patterns.size() == 2);
  CHECK(count(page, "<details class=\"pattern\"") == 2);
  const auto first = page.find("<details class=\"pattern\"");
  const auto second = page.find("<details class=\"pattern\"", first + 1);
  CHECK(page.substr(first, 200).find("data-right=\"a\" data-count=\"2\" open>") != std::string::npos);
  CHECK(page.substr(second, 200).find("data-right=\"b\" data-count=\"1\">") != std::string::npos);
  CHECK(page.find(rp::html_escape(rp::detail::pattern_name(patterns[0]))) != std::string::npos);
  CHECK(rp::detail::pattern_name(patterns[0]) ==
        "A right, B wrong · status ok / ok · source boxed / boxed · gold missing · extracted " +
            std::string(tsd::to_string(patterns[0].extracted_a)) + " / " + std::string(tsd::to_string(patterns[0].extracted_b)));
  CHECK(rp::detail::pattern_name(patterns[1]).rfind("B right, A wrong · status no_answer / ok · source boxed / boxed · gold missing · "
                                                    "extracted empty / ", 0) == 0);
  // Records of the page's file open in the browser (rows 0, 4 and 2 of A); B's file is not on the page.
  CHECK(page.find("<button type=\"button\" class=\"open-verdict\" data-row=\"0\" data-side=\"a\" title=\"a.jsonl:1\">open A</button>") !=
        std::string::npos);
  CHECK(page.find("data-row=\"4\" data-side=\"a\"") != std::string::npos);
  CHECK(page.find("data-row=\"2\" data-side=\"a\"") != std::string::npos);
  CHECK(page.find("data-side=\"b\"") == std::string::npos);
  CHECK(page.find("B: <code>b.jsonl:1</code>") != std::string::npos);
  // Side by side: A's answer, then B's.
  CHECK(page.find("<td class=\"side-a\"><code>3250</code></td><td class=\"side-b\"><code>3,\\!250</code></td>") !=
        std::string::npos);
  CHECK(page.find("<td class=\"side-a none\">(none)</td><td class=\"side-b\"><code>" + hostile_shown + "</code></td>") !=
        std::string::npos);
  // The script handles the buttons.
  CHECK(page.find("button.open-verdict") != std::string::npos);
}

TEST_CASE("answers and labels holding markup stay text in the diff section") {
  const auto r = page_of(lines_a(), lines_b(), 20, 50, "<b>new</b> & </script>");
  const std::string page = rp::render_html(r);
  std::string lower = page;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  CHECK(count(lower, "<script") == 2);  // the page's own two
  CHECK(count(lower, "</script") == 2);
  CHECK(count(page, "<!--") == 0);
  CHECK(count(page, "<b>") == 0);
  CHECK(page.find("<td class=\"side-b\"><code>" + hostile_shown + "</code></td>") != std::string::npos);
  CHECK(page.find("A: <code>&lt;b&gt;new&lt;/b&gt; &amp; &lt;/script&gt;</code>") != std::string::npos);
}

TEST_CASE("long lists are cut with a marker: records per pattern and patterns per benchmark") {
  {
    const std::string page = rp::render_html(page_of(lines_a(), lines_b(), 1, 50));
    CHECK(page.find("… and 1 more record of this pattern, not listed (at most 1 a pattern") != std::string::npos);
    CHECK(count(page, "<td class=\"id\">") == 2);
  }
  {
    const std::string page = rp::render_html(page_of(lines_a(), lines_b(), 20, 1));
    CHECK(count(page, "<details class=\"pattern\"") == 1);
    CHECK(page.find("… and 1 more pattern with 1 disagreement, not listed") != std::string::npos);
  }
}

TEST_CASE("a comparison without disagreement says so, and one without pairs says there is nothing to compare") {
  {
    const auto r = page_of(lines_a(), lines_a());
    const std::string page = rp::render_html(r);
    CHECK(r.diff->result.totals().disagreements() == 0);
    CHECK(page.find("<p class=\"note\" id=\"diff-none\">No disagreement: A and B judge all 5 paired records alike.</p>") !=
          std::string::npos);
    CHECK(page.find("<details class=\"pattern\"") == std::string::npos);
    CHECK(field(page, "disagreements", page.find("id=\"diff-totals\"")) == "0");
    CHECK(field(page, "agreement", page.find("id=\"diff-totals\"")) == "100.00");
  }
  {
    const auto r = page_of(lines_a(), {verdict("other", true, "1")});
    const std::string page = rp::render_html(r);
    CHECK(page.find("id=\"diff-none\">No record of A has a partner in B") != std::string::npos);
    CHECK(field(page, "paired", page.find("id=\"diff-totals\"")) == "0");
    CHECK(field(page, "agreement", page.find("id=\"diff-totals\"")) == "n/a");
  }
}

TEST_CASE("without a comparison the page has no diff section") {
  auto r = page_of(lines_a(), lines_b());
  r.diff.reset();
  const std::string page = rp::render_html(r);
  CHECK(page.find("id=\"diff\"") == std::string::npos);
  CHECK(page.find("#diff") == std::string::npos);
}
