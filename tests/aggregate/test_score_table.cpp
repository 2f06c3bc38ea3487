#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include <string>

namespace ts = transferscore;
namespace ag = transferscore::aggregate;

TEST_CASE("CSV fields may be quoted, with commas, quotes and newlines inside") {
  const auto rows = ag::parse_csv("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\nx,\"multi\nline\",z\n", "t.csv");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].fields == std::vector<std::string>{"a", "b,c", "say \"hi\""});
  CHECK(rows[1].fields[1] == "multi\nline");
  CHECK(rows[1].line == 3);
  CHECK(ag::csv_field("plain") == "plain");
  CHECK(ag::csv_field("a,b") == "\"a,b\"");
  CHECK(ag::csv_field("q\"") == "\"q\"\"\"");
  CHECK_THROWS_AS((void)ag::parse_csv("\"open", "t.csv"), ts::io_error);
}

TEST_CASE("score tables need model, benchmark and score columns, in any order") {
  const auto t = ag::parse_score_table("score,model,benchmark,note\n12.5,\"M, 7B\",aime24,x\n3,B,aime24,\n", "s.csv");
  CHECK(*t.find("M, 7B", "aime24") == 12.5);
  CHECK(*t.find("B", "aime24") == 3.0);
  CHECK(t.find("B", "aime25") == nullptr);
  CHECK(t.models == std::vector<std::string>{"M, 7B", "B"});
}

TEST_CASE("bad score tables are errors naming the line") {
  auto message = [](const std::string& text) {
    try {
      (void)ag::parse_score_table(text, "s.csv");
    } catch (const ts::io_error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(message("model,score\n") == "s.csv:1: the header has no 'benchmark' column");
  CHECK(message("model,benchmark,score\nm,b,abc\n") == "s.csv:2: score: 'abc' is not a number");
  CHECK(message("model,benchmark,score\nm,b,1\nm,b,2\n") == "s.csv:3: a second score for m on b");
  CHECK(message("") == "s.csv: empty score table");
}

TEST_CASE("pairs tables map each model to its base") {
  const auto p = ag::parse_pairs("model,base\nft,base\nft2,base\n", "p.csv");
  REQUIRE(p.size() == 2);
  CHECK(p[1].model == "ft2");
  CHECK(p[1].base == "base");
  CHECK_THROWS_AS((void)ag::parse_pairs("model,base\nft,a\nft,b\n", "p.csv"), ts::io_error);
}
