// Pairing the judgements of two sides by (model, benchmark, id, sample): every judgement
// ends in a pair, on one side only, or as a duplicate key.

#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include <string>

namespace ts = transferscore;
namespace tsd = transferscore::diff;

namespace {

tsd::entry judgement(std::string model, std::string benchmark, std::string id, std::int64_t sample = 0) {
  tsd::entry e;
  e.model = std::move(model);
  e.benchmark = std::move(benchmark);
  e.id = std::move(id);
  e.sample = sample;
  return e;
}

tsd::side side_of(std::initializer_list<tsd::entry> entries) {
  tsd::side s;
  s.add_file("x.jsonl");
  std::uint64_t line = 0;
  for (auto e : entries) {
    e.line = ++line;
    s.entries.push_back(std::move(e));
  }
  return s;
}

void check_accounted(const tsd::side& a, const tsd::side& b, const tsd::match_result& m) {
  std::size_t dup_a = 0, dup_b = 0;
  for (const auto& d : m.duplicates) (d.side == 'a' ? dup_a : dup_b) += 1;
  CHECK(m.pairs.size() + m.only_a.size() + dup_a == a.entries.size());
  CHECK(m.pairs.size() + m.only_b.size() + dup_b == b.entries.size());
}

}  // namespace

TEST_CASE("--key names a subset of model, benchmark, id, sample that includes id") {
  const auto all = tsd::key_fields::parse("model,benchmark,id,sample");
  CHECK(all.text() == "model,benchmark,id,sample");
  const auto two = tsd::key_fields::parse("id,sample");
  CHECK_FALSE(two.model);
  CHECK_FALSE(two.benchmark);
  CHECK(two.text() == "id,sample");
  CHECK_THROWS_WITH_AS((void)tsd::key_fields::parse("model,task,id"), "--key: 'task' is not one of model, benchmark, id, sample",
                       ts::config_error);
  CHECK_THROWS_WITH_AS((void)tsd::key_fields::parse("model,benchmark"), "--key must include id", ts::config_error);
}

TEST_CASE("judgements of the same record pair up, in A's order; the rest are one side only") {
  const auto a = side_of({judgement("m", "math500", "3"), judgement("m", "math500", "1"), judgement("m", "math500", "9")});
  const auto b = side_of({judgement("m", "math500", "1"), judgement("m", "math500", "3"), judgement("m", "math500", "4")});
  const auto m = tsd::match(a, b, {});
  REQUIRE(m.pairs.size() == 2);
  CHECK(m.pairs[0] == std::pair<std::uint32_t, std::uint32_t>{0, 1});
  CHECK(m.pairs[1] == std::pair<std::uint32_t, std::uint32_t>{1, 0});
  CHECK(m.only_a == std::vector<std::uint32_t>{2});
  CHECK(m.only_b == std::vector<std::uint32_t>{2});
  CHECK(m.duplicates.empty());
  check_accounted(a, b, m);
}

TEST_CASE("samples, benchmarks and models tell records apart unless the key leaves them out") {
  const auto a = side_of({judgement("Qwen/Qwen3-8B", "math500", "7", 0), judgement("Qwen/Qwen3-8B", "math500", "7", 1)});
  const auto b = side_of({judgement("qwen3-8b", "math500", "7", 1), judgement("qwen3-8b", "aime24", "7", 0)});
  const auto strict = tsd::match(a, b, {});
  CHECK(strict.pairs.empty());
  CHECK(strict.only_a.size() == 2);
  CHECK(strict.only_b.size() == 2);
  // Two tools rarely spell the model alike: pair without it.
  const auto loose = tsd::match(a, b, tsd::key_fields::parse("benchmark,id,sample"));
  REQUIRE(loose.pairs.size() == 1);
  CHECK(loose.pairs[0] == std::pair<std::uint32_t, std::uint32_t>{1, 0});
  check_accounted(a, b, loose);
}

TEST_CASE("a repeated key is a duplicate, kept out of the pairs and pointing at the first") {
  const auto a = side_of({judgement("m", "gsm8k", "0"), judgement("m", "gsm8k", "1"), judgement("m", "gsm8k", "0")});
  const auto b = side_of({judgement("m", "gsm8k", "1"), judgement("m", "gsm8k", "1"), judgement("m", "gsm8k", "0"),
                          judgement("m", "gsm8k", "1")});
  const auto m = tsd::match(a, b, {});
  CHECK(m.pairs.size() == 2);
  REQUIRE(m.duplicates.size() == 3);
  CHECK(m.duplicates[0].side == 'a');
  CHECK(m.duplicates[0].index == 2);
  CHECK(m.duplicates[0].first == 0);
  CHECK(m.duplicates[1].side == 'b');
  CHECK(m.duplicates[1].index == 1);
  CHECK(m.duplicates[1].first == 0);
  CHECK(m.duplicates[2].index == 3);
  CHECK(m.only_a.empty());
  CHECK(m.only_b.empty());
  check_accounted(a, b, m);
}

TEST_CASE("an integer id and the same id as a string are one record") {
  tsd::side a, b;
  for (auto* s : {&a, &b}) {
    tsd::side_reader reader(*s);
    reader.begin_file("v.jsonl");
  }
  tsd::side_reader(a).add_line(
      R"({"id":17,"benchmark":"b","model":"m","scorer":"s","score":1,"correct":true,"status":"ok"})", 0, 1);
  tsd::side_reader(b).add_line(
      R"({"id":"17","benchmark":"b","model":"m","scorer":"s","score":1,"correct":true,"status":"ok"})", 0, 1);
  CHECK(tsd::match(a, b, {}).pairs.size() == 1);
}
