#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

namespace ts = transferscore;
namespace em = transferscore::exact_match;

namespace {
ts::score_result judge(const em::scorer& s, std::string response, ts::json reference) {
  ts::record r;
  r.response = std::move(response);
  r.reference = std::move(reference);
  return s.score(r);
}
ts::json answer(ts::json a) {
  ts::json ref;
  ref["answer"] = std::move(a);
  return ref;
}
}  // namespace

TEST_CASE("by default case and surrounding or repeated whitespace do not matter") {
  em::scorer s;
  CHECK(judge(s, "  New   York\n", answer("new york")).correct);
  CHECK_FALSE(judge(s, "New York.", answer("new york")).correct);  // punctuation kept by default
  CHECK_FALSE(judge(s, "NewYork", answer("new york")).correct);
}

TEST_CASE("each normalisation can be switched") {
  ts::scorer_options o;
  o.settings = {{"ignore_case", "false"}, {"ignore_punctuation", "true"}, {"collapse_whitespace", "false"}};
  auto s = em::scorer::from_options(o);
  CHECK(judge(s, "New York.", answer("New York")).correct);
  CHECK_FALSE(judge(s, "new york", answer("New York")).correct);
  CHECK_FALSE(judge(s, "New  York", answer("New York")).correct);
}

TEST_CASE("any of several golds may match, and numeric golds compare as text") {
  em::scorer s;
  ts::json ref;
  ref["answers"] = ts::json::array({"NYC", "New York City"});
  CHECK(judge(s, "new york city", ref).correct);
  CHECK_FALSE(judge(s, "York", ref).correct);
  CHECK(judge(s, "42", answer(42)).correct);
}

TEST_CASE("empty responses are no answer, missing golds are malformed") {
  em::scorer s;
  CHECK(judge(s, "   ", answer("x")).status == ts::status::no_answer);
  auto r = judge(s, "x", ts::json::object());
  CHECK(r.status == ts::status::malformed_record);
  CHECK(r.field == "reference");
  ts::json bad;
  bad["answers"] = ts::json::array();
  CHECK(judge(s, "x", bad).field == "reference.answers");
}

TEST_CASE("the extracted span is reported, cut at a character boundary when long") {
  em::scorer s;
  auto short_one = judge(s, " Paris ", answer("paris"));
  CHECK(short_one.extracted == "Paris");
  std::string long_response;
  for (int i = 0; i < 300; ++i) long_response += "é";  // 600 bytes
  auto long_one = judge(s, long_response, answer("x"));
  CHECK(long_one.extracted.size() <= em::max_extracted_bytes);
  CHECK(long_one.extracted.size() % 2 == 0);
  CHECK(long_one.details.find("extracted_truncated") != nullptr);
}
