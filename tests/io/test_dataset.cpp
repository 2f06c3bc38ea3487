#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include "../test_paths.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace ts = transferscore;

namespace {
using test_paths::write_temp;
}  // namespace

TEST_CASE("a dataset indexes items by id; integers and strings join") {
  auto path = write_temp("ts_dataset_ok.jsonl",
                         "{\"id\": 17, \"benchmark\": \"math500\", \"reference\": {\"answer\": \"3\"}}\n"
                         "\n"
                         "{\"id\": \"b\", \"answer\": \"yes\", \"choices\": [\"yes\", \"no\"]}\n"
                         "{\"id\": \"never-asked\", \"answer\": \"1\"}\n");
  auto index = ts::io::dataset_index::load(path);
  CHECK(index.size() == 3);
  const auto* a = index.find(ts::json("17"));
  REQUIRE(a != nullptr);
  CHECK(a->benchmark == "math500");
  CHECK(*a->reference.find("answer")->if_string() == "3");
  const auto* b = index.find(ts::json("b"));
  REQUIRE(b != nullptr);
  CHECK(b->reference.find("choices")->size() == 2);  // the other members are the reference
  CHECK(index.find(ts::json("zzz")) == nullptr);
  CHECK(index.unused_count() == 1);
}

TEST_CASE("a dataset can be joined by one member and name its items by another") {
  const ts::json row(ts::json::object_t{{"key", 1000}, {"prompt", "Write a poem."}, {"kwargs", ts::json::array()}});
  auto by_prompt = ts::io::dataset_index::from_values({row}, "prompt");
  const auto* item = by_prompt.find(ts::json("Write a poem."));
  REQUIRE(item != nullptr);
  CHECK(*item->id.if_string() == "Write a poem.");  // no "id" member: named by the join key
  CHECK(item->reference.find("prompt") != nullptr);

  auto named = ts::io::dataset_index::from_values({row}, "prompt", "key");
  const auto* keyed = named.find(ts::json("Write a poem."));
  REQUIRE(keyed != nullptr);
  CHECK(keyed->id.as_int() == 1000);
  CHECK(keyed->reference.find("key") == nullptr);
}

TEST_CASE("dataset problems are errors naming the file and line") {
  auto dup = write_temp("ts_dataset_dup.jsonl", "{\"id\": 1, \"answer\": \"a\"}\n{\"id\": 1, \"answer\": \"b\"}\n");
  CHECK_THROWS_WITH_AS(ts::io::dataset_index::load(dup), doctest::Contains("ts_dataset_dup.jsonl:2: duplicate id '1'"), ts::io_error);
  auto bad = write_temp("ts_dataset_bad.jsonl", "{\"id\": 1, \"answer\": \"a\"}\n{\"id\": 2, \"answer\": }\n");
  CHECK_THROWS_WITH_AS(ts::io::dataset_index::load(bad), doctest::Contains("ts_dataset_bad.jsonl:2"), ts::io_error);
  auto noid = write_temp("ts_dataset_noid.jsonl", "{\"answer\": \"a\"}\n");
  CHECK_THROWS_WITH_AS(ts::io::dataset_index::load(noid), doctest::Contains("field id"), ts::io_error);
  CHECK_THROWS_AS(ts::io::dataset_index::load("/nonexistent/dataset.jsonl"), ts::io_error);
}
