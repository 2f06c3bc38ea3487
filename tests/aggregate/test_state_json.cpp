#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include <cstdio>
#include <string>

namespace ts = transferscore;
namespace ag = transferscore::aggregate;

namespace {
std::FILE* file_with(const std::string& text) {
  std::FILE* f = std::tmpfile();
  REQUIRE(f != nullptr);
  std::fwrite(text.data(), 1, text.size(), f);
  std::rewind(f);
  return f;
}
std::string error_of(const std::string& text) {
  std::FILE* f = file_with(text);
  ag::accumulator_set set;
  std::string message;
  try {
    ag::read_state(f, "s.jsonl", set);
  } catch (const ts::io_error& e) {
    message = e.what();
  }
  std::fclose(f);
  return message;
}
}  // namespace

TEST_CASE("a state file round-trips exactly, keys and odd numbers included") {
  ag::accumulator_set set;
  ts::verdict v;
  v.model = "m \"quoted\"";
  v.benchmark = "b";
  v.id = ts::json("a/1");
  v.result.score = 0.1;  // not dyadic: must still round-trip exactly
  v.result.correct = false;
  v.result.extracted = "x";
  set.add(v);
  v.id = ts::json(17);
  v.result.status = ts::status::budget_exceeded;
  set.add(v);

  std::FILE* f = std::tmpfile();
  ag::write_state(set, f);
  std::rewind(f);
  ag::accumulator_set back;
  ag::read_state(f, "state", back);
  std::fclose(f);
  const auto* acc = back.find("m \"quoted\"", "b");
  REQUIRE(acc != nullptr);
  REQUIRE(acc->size() == 2);
  const auto order = acc->canonical_order();
  CHECK(acc->item_key(order[0]) == "\"a/1\"");
  CHECK(acc->item_key(order[1]) == "17");
  CHECK(acc->stats(order[0]).score_sum == 0.1);
  CHECK(acc->statuses()[static_cast<std::size_t>(ts::status::budget_exceeded)] == 1);
  CHECK(acc->answers().size() == 2);  // "x" and the no-answer class
}

TEST_CASE("bad state files are errors naming the line") {
  CHECK(error_of("{\"format\":\"other\"}\n").find("s.jsonl:1: format") != std::string::npos);
  const std::string header = "{\"format\":\"transferscore-aggregate-state\",\"version\":1}\n";
  CHECK(error_of(header + "{\"model\":\"m\",\"benchmark\":\"b\",\"items\":2}\n[\"k\",1,1,1,1,[],[]]\n")
            .find("truncated") != std::string::npos);
  CHECK(error_of(header + "{\"model\":\"m\",\"benchmark\":\"b\",\"items\":1}\n[\"k\",1,2,1,1,[],[]]\n")
            .find("s.jsonl:3") != std::string::npos);
  CHECK(error_of(header + "{\"model\":\"m\",\"benchmark\":\"b\",\"items\":1}\n[\"k\",1,1,1,1,[[\"zz\",1]],[]]\n")
            .find("bad answer key") != std::string::npos);
  CHECK(error_of("").find("empty") != std::string::npos);
}
