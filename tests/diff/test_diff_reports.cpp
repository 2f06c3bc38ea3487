// The reports of a comparison: JSON (transferscore.diff/1), Markdown and CSV, with every
// input line accounted for.

#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include <string>

namespace ts = transferscore;
namespace tsd = transferscore::diff;

namespace {

std::string verdict(const std::string& id, bool correct, const std::string& extracted, const std::string& status = "ok") {
  return R"({"id":")" + id + R"(","benchmark":"math500","model":"m","sample":0,"scorer":"math","score":)" +
         (correct ? "1" : "0") + R"(,"correct":)" + (correct ? "true" : "false") + R"(,"status":")" + status +
         R"(","extracted":")" + extracted + R"(","details":{"source":"boxed"}})";
}

tsd::diff_result example() {
  tsd::side a, b;
  a.label = "reference";
  b.label = "paper";
  {
    tsd::side_reader r(a);
    const auto f = r.begin_file("ref.jsonl");
    std::uint64_t n = 0;
    for (const auto& l : {verdict("p/1", false, "3250"), verdict("p/2", true, "5"), verdict("p/3", true, "x=2"),
                          verdict("p/4", true, "\\\\sqrt{2}"), std::string("{\"id\":")}) {
      r.add_line(l, f, ++n);
    }
  }
  {
    tsd::side_reader r(b);
    const auto f = r.begin_file("paper.jsonl");
    std::uint64_t n = 0;
    for (const auto& l : {verdict("p/1", true, "3250"), verdict("p/2", true, "5"), verdict("p/2", true, "5"),
                          verdict("p/3", false, "", "no_answer"), verdict("p/9", true, "1")}) {
      r.add_line(l, f, ++n);
    }
  }
  tsd::diff_options options;
  options.bootstrap.replicates = 200;
  return tsd::compare(std::move(a), std::move(b), options);
}

}  // namespace

TEST_CASE("the JSON report: versioned schema, counts, estimates, patterns with examples, and every line accounted for") {
  const auto r = example();
  const std::string text = tsd::report::diff_json(r).dump();
  ts::json doc;
  REQUIRE(!ts::io::parse_json(text, doc));  // valid JSON: no NaN anywhere
  CHECK(*doc.find("schema")->if_string() == "transferscore.diff/1");
  CHECK(*doc.find("key")->if_string() == "model,benchmark,id,sample");
  const ts::json& totals = *doc.find("totals");
  CHECK(*totals.find("paired")->as_int() == 3);
  CHECK(*totals.find("disagreements")->as_int() == 2);
  CHECK(*totals.find("only_a")->as_int() == 1);
  CHECK(*totals.find("only_b")->as_int() == 1);
  CHECK(*totals.find("duplicates_b")->as_int() == 1);
  CHECK(*totals.find("bad_lines_a")->as_int() == 1);

  const ts::json& bench = (*doc.find("benchmarks")->if_array())[0];
  CHECK(*bench.find("benchmark")->if_string() == "math500");
  CHECK(*bench.find("agreement")->as_double() == doctest::Approx(1.0 / 3));
  CHECK(*bench.find("counts")->find("a_only")->as_int() == 1);
  CHECK(*bench.find("counts")->find("b_only")->as_int() == 1);
  CHECK(*bench.find("accuracy")->find("difference")->find("value")->as_double() == doctest::Approx(0.0));
  CHECK(bench.find("accuracy")->find("difference")->find("ci")->is_array());
  CHECK(*bench.find("mcnemar")->find("p_value")->as_double() == doctest::Approx(1.0));
  CHECK(*bench.find("statuses")->find("b")->find("no_answer")->as_int() == 1);
  const auto& patterns = *bench.find("patterns")->if_array();
  REQUIRE(patterns.size() == 2);
  const ts::json& first = patterns[0];
  CHECK(*first.find("right")->if_string() == "b");
  CHECK(*first.find("gold_shape")->if_string() == "missing");
  CHECK(*(*first.find("extracted_shape")->if_array())[0].if_string() == "integer");
  const ts::json& example = (*first.find("examples")->if_array())[0];
  CHECK(*example.find("id")->if_string() == "p/1");
  CHECK(example.find("gold")->is_null());
  CHECK(*example.find("a_at")->if_string() == "ref.jsonl:1");
  CHECK(*example.find("b_at")->if_string() == "paper.jsonl:1");
  const ts::json& second = patterns[1];
  CHECK(*(*second.find("status")->if_array())[1].if_string() == "no_answer");

  const auto& only = *doc.find("one_side_only")->if_array();
  REQUIRE(only.size() == 2);
  CHECK(*only[0].find("side")->if_string() == "a");
  CHECK(*only[0].find("at")->if_string() == "ref.jsonl:4");
  CHECK(*only[1].find("id")->if_string() == "p/9");
  const auto& dups = *doc.find("duplicates")->if_array();
  REQUIRE(dups.size() == 1);
  CHECK(*dups[0].find("at")->if_string() == "paper.jsonl:3");
  CHECK(*dups[0].find("first_at")->if_string() == "paper.jsonl:2");
  const auto& bad = *doc.find("bad_lines")->if_array();
  REQUIRE(bad.size() == 1);
  CHECK(*bad[0].find("file")->if_string() == "ref.jsonl");
  CHECK(*bad[0].find("line")->as_int() == 5);

  const ts::json& a = *doc.find("inputs")->find("a");
  CHECK(*a.find("lines")->as_int() == 5);
  CHECK(*a.find("judgements")->as_int() + *a.find("bad_lines")->as_int() == *a.find("lines")->as_int());
}

TEST_CASE("the Markdown report: the agreement table, the patterns with examples, and what was not compared") {
  const auto r = example();
  tsd::report::markdown_options options;
  const std::string md = tsd::report::diff_markdown(r, nullptr, options);
  CHECK(md.find("## Agreement: reference (A) vs paper (B)") != std::string::npos);
  CHECK(md.find("| m | math500 | 3 | 33.3 |") != std::string::npos);
  CHECK(md.find("### Disagreements: m / math500 (2)") != std::string::npos);
  CHECK(md.find("| 1 | B | ok / ok | boxed / boxed | missing | integer / integer | `p/1`: ?; `3250` \\| `3250` |") !=
        std::string::npos);
  CHECK(md.find("| 1 | A | ok / no_answer | boxed / boxed | missing | equation / empty |") != std::string::npos);
  CHECK(md.find("### Only in A: reference (1)\n\n- m / math500 / p/4 / sample 0 (ref.jsonl:4)") != std::string::npos);
  CHECK(md.find("- B: m / math500 / p/2 / sample 0 at paper.jsonl:3, first at paper.jsonl:2") != std::string::npos);
  CHECK(md.find("- ref.jsonl:5: invalid JSON") != std::string::npos);
}

TEST_CASE("the Markdown report shows the largest patterns and says how many more the JSON has") {
  tsd::side a, b;
  for (auto* s : {&a, &b}) {
    tsd::side_reader r(*s);
    const auto f = r.begin_file("x.jsonl");
    r.add_line(verdict("1", s == &a, "1"), f, 1);
    r.add_line(verdict("2", s == &a, "1/2"), f, 2);
    r.add_line(verdict("3", s == &a, "0.5"), f, 3);
  }
  const auto result = tsd::compare(std::move(a), std::move(b), {});
  tsd::report::markdown_options options;
  options.patterns = 1;
  const std::string md = tsd::report::diff_markdown(result, nullptr, options);
  CHECK(md.find("2 more pattern(s) with 2 disagreement(s) in the JSON report.") != std::string::npos);
}

TEST_CASE("the CSV reports: one row per benchmark, and every disagreeing record untruncated") {
  const auto r = example();
  const std::string csv = tsd::report::diff_csv(r);
  CHECK(csv.rfind("model,benchmark,paired,items,agreement,kappa,both_right,a_only,b_only,both_wrong,accuracy_a,", 0) == 0);
  CHECK(csv.find("\nm,math500,3,3,0.3333333333333333,") != std::string::npos);
  const std::string rows = tsd::report::disagreements_csv(r);
  CHECK(rows.rfind("model,benchmark,id,sample,right,status_a,status_b,", 0) == 0);
  CHECK(rows.find("\nm,math500,p/1,0,b,ok,ok,boxed,boxed,missing,integer,integer,,3250,3250,ref.jsonl:1,paper.jsonl:1\n") !=
        std::string::npos);
  CHECK(rows.find("\nm,math500,p/3,0,a,ok,no_answer,") != std::string::npos);
  std::size_t lines = 0;
  for (char c : rows) lines += c == '\n' ? 1 : 0;
  CHECK(lines == 3);  // the header and the two disagreements
}

TEST_CASE("examples are cut to the width without splitting a character") {
  CHECK(tsd::report::shorten("abcdef", 10) == "abcdef");
  CHECK(tsd::report::shorten("abcdef", 3) == "abc...");
  CHECK(tsd::report::shorten("\xC3\xA9\xC3\xA9", 3) == "\xC3\xA9...");
}
