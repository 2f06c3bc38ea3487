// Disagreements grouped into patterns, and the shapes of answers that make the patterns.

#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include <string>
#include <string_view>

namespace ts = transferscore;
namespace tsd = transferscore::diff;

TEST_CASE("answer shapes, as golds and extracted answers are written") {
  struct row {
    std::string_view text;
    tsd::shape expected;
  };
  const row rows[] = {
      {"", tsd::shape::empty},
      {"   ", tsd::shape::empty},
      {"Yes", tsd::shape::yes_no},
      {"false", tsd::shape::yes_no},
      {"C", tsd::shape::letter},
      {"(B)", tsd::shape::letter},
      {"d)", tsd::shape::letter},
      {"\\text{(C)}", tsd::shape::letter},
      {"**B**", tsd::shape::letter},
      {"42", tsd::shape::integer},
      {"-7", tsd::shape::integer},
      {"$18$", tsd::shape::integer},
      {"\\boxed{204}", tsd::shape::integer},
      {"18.", tsd::shape::integer},  // a final period is not part of the answer
      {"3,\\!250", tsd::shape::grouped_number},  // MATH's digit grouping
      {"11,\\! 111,\\! 111,\\! 100", tsd::shape::grouped_number},
      {"1{,}000", tsd::shape::grouped_number},
      {"70,000", tsd::shape::grouped_number},
      {"$70,000", tsd::shape::grouped_number},  // a currency sign, not a math delimiter
      {"\\$32,\\!348", tsd::shape::grouped_number},
      {"12\\,345.5", tsd::shape::grouped_number},
      {"0.5", tsd::shape::decimal},
      {"-.25", tsd::shape::decimal},
      {"1.5e-3", tsd::shape::decimal},
      {"6e13", tsd::shape::decimal},  // datasets' e-notation
      {"1e-8", tsd::shape::decimal},
      {"25\\%", tsd::shape::percent},
      {"12.5%", tsd::shape::percent},
      {"3/4", tsd::shape::fraction},
      {"\\frac{1}{2}", tsd::shape::fraction},
      {"-\\dfrac{3}{4}", tsd::shape::fraction},
      {"\\frac12", tsd::shape::fraction},
      {"[1, 2)", tsd::shape::interval},
      {"(-\\infty, 3]", tsd::shape::interval},
      {"(0,1) \\cup (2,3)", tsd::shape::interval},
      {"[0,1]", tsd::shape::interval},
      {"(1, 2)", tsd::shape::tuple},  // an open interval and a pair look alike
      {"\\left( 3, \\frac{\\pi}{2} \\right)", tsd::shape::tuple},
      {"\\{1, 2, 3\\}", tsd::shape::tuple},
      {"3, 5, 7", tsd::shape::list},
      {"10, 100", tsd::shape::list},  // ", " separates a list
      {"x=3,\\;5,\\;7", tsd::shape::list},
      {"0 < x < 1", tsd::shape::inequality},
      {"x \\le 2", tsd::shape::inequality},
      {"x \\geq 2", tsd::shape::inequality},
      {"2 \\cos \\left( \\pi t + \\frac{\\pi}{3} \\right)", tsd::shape::latex},  // \left is not \le
      {"x=5", tsd::shape::equation},
      {"y = 2x + 1", tsd::shape::equation},
      {"\\sqrt{3}", tsd::shape::latex},
      {"2^{10}", tsd::shape::latex},
      {"\\frac{\\sqrt{3}}{2}", tsd::shape::latex},
      {"\\pi", tsd::shape::latex},
      {"2x+1", tsd::shape::expression},
      {"sqrt(3)/2", tsd::shape::expression},
      {"73 residents own all four items", tsd::shape::text_with_number},
      {"12 cm", tsd::shape::text_with_number},
      {"So $x = 5$ and the answer is 5.", tsd::shape::text_with_number},
      {"Step 1: add.\nStep 2: done, so 4.", tsd::shape::text_with_number},
      {"the Nile", tsd::shape::text},
      {"hallucinated", tsd::shape::text},
  };
  for (const auto& r : rows) {
    INFO("answer: '" << std::string(r.text) << "'");
    CHECK(tsd::to_string(tsd::classify(r.text)) == tsd::to_string(r.expected));
  }
}

TEST_CASE("every shape has a name") {
  for (std::size_t i = 0; i < tsd::shape_count; ++i) CHECK_FALSE(tsd::shape_names[i].empty());
  CHECK(tsd::to_string(tsd::shape::text) == "text");
}

namespace {
tsd::entry judged(bool correct, std::string extracted, std::string source = "boxed", ts::status state = ts::status::ok) {
  tsd::entry e;
  e.correct = correct;
  e.state = state;
  e.extracted_shape = tsd::classify(extracted);
  e.extracted = std::move(extracted);
  e.source = std::move(source);
  return e;
}
}  // namespace

TEST_CASE("disagreements with the same side right, statuses, sources and shapes form one pattern") {
  tsd::pattern_set set(2);
  // A misreads digit-grouped golds three times; B misses an answer once.
  set.add(judged(false, "3250"), judged(true, "3250", "strict-match"), 0, 0, tsd::classify("3,\\!250"));
  set.add(judged(true, "7"), judged(false, "", "strict-match", ts::status::no_answer), 1, 1, tsd::shape::integer);
  set.add(judged(false, "1000"), judged(true, "1000", "strict-match"), 2, 2, tsd::classify("1{,}000"));
  set.add(judged(false, "12"), judged(true, "12", "strict-match"), 3, 3, tsd::classify("12\\,000"));
  // Same shapes, another source: another pattern.
  set.add(judged(false, "99", "cue"), judged(true, "99", "strict-match"), 4, 4, tsd::classify("1,099"));
  const auto patterns = set.take();
  REQUIRE(patterns.size() == 3);
  CHECK(patterns[0].count == 3);  // largest first
  CHECK(patterns[0].right == 'b');
  CHECK(patterns[0].gold == tsd::shape::grouped_number);
  CHECK(patterns[0].extracted_a == tsd::shape::integer);
  CHECK(patterns[0].source_a == "boxed");
  CHECK(patterns[0].source_b == "strict-match");
  REQUIRE(patterns[0].examples.size() == 2);  // capped
  CHECK(patterns[0].examples[0].first == 0);
  CHECK(patterns[0].examples[1].first == 2);
  CHECK(patterns[1].count == 1);  // equal counts keep the order first seen
  CHECK(patterns[1].right == 'a');
  CHECK(patterns[1].status_b == ts::status::no_answer);
  CHECK(patterns[1].extracted_b == tsd::shape::empty);
  CHECK(patterns[2].source_a == "cue");
}

TEST_CASE("compare groups each benchmark's disagreements, with the gold from the lines or the gold files") {
  tsd::side a, b;
  for (auto* s : {&a, &b}) {
    s->add_file("x.jsonl");
  }
  auto add = [](tsd::side& s, std::string id, bool correct, std::string extracted) {
    tsd::entry e = judged(correct, std::move(extracted));
    e.model = "m";
    e.benchmark = "math500";
    e.id = std::move(id);
    s.entries.push_back(std::move(e));
  };
  add(a, "p/1", false, "3250");
  add(b, "p/1", true, "3250");
  add(a, "p/2", true, "5");
  add(b, "p/2", true, "5");
  tsd::gold_index golds;
  ts::json line;
  REQUIRE(!ts::io::parse_json(R"({"id":"p/1","benchmark":"math500","reference":{"answer":"3,\\!250"}})", line));
  (void)golds.add(line, "records.jsonl", 1);
  const auto r = tsd::compare(std::move(a), std::move(b), {}, &golds);
  REQUIRE(r.benchmarks.size() == 1);
  REQUIRE(r.benchmarks[0].patterns.size() == 1);
  CHECK(r.benchmarks[0].patterns[0].gold == tsd::shape::grouped_number);
  const auto without = tsd::compare(r.a, r.b, {});
  CHECK(without.benchmarks[0].patterns[0].gold == tsd::shape::missing);
}
