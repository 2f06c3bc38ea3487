#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

using transferscore::json;

TEST_CASE("values built in code serialise compactly and in insertion order") {
  json v;
  v["id"] = "algebra/17";
  v["sample"] = 3;
  v["score"] = 0.5;
  v["ok"] = true;
  v["none"] = nullptr;
  v["list"] = json::array({1, "two", 3.25});
  CHECK(v.dump() == R"({"id":"algebra/17","sample":3,"score":0.5,"ok":true,"none":null,"list":[1,"two",3.25]})");
}

TEST_CASE("strings are escaped so that every output line is valid JSON") {
  CHECK(json("a\"b\\c").dump() == R"("a\"b\\c")");
  CHECK(json("line\nnext\ttab\r").dump() == R"("line\nnext\ttab\r")");
  CHECK(json(std::string("nul\0x", 5)).dump() == R"("nul\u0000x")");
  CHECK(json("\x1f").dump() == R"("\u001f")");
  CHECK(json("π ≈ 3.14 — 数学").dump() == "\"π ≈ 3.14 — 数学\"");
}

TEST_CASE("invalid UTF-8 in a string becomes U+FFFD instead of breaking the line") {
  CHECK(json("ok\xff").dump() == "\"ok\xEF\xBF\xBD\"");
  CHECK(json("\xC3").dump() == "\"\xEF\xBF\xBD\"");              // truncated sequence
  CHECK(json("\xC0\xAF").dump() == "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");  // overlong
  CHECK(json("\xED\xA0\x80").dump().find("\xEF\xBF\xBD") != std::string::npos);  // surrogate
}

TEST_CASE("numbers keep integers exact and print reals the shortest way") {
  CHECK(json(9007199254740993LL).dump() == "9007199254740993");
  CHECK(json(0.1).dump() == "0.1");
  CHECK(json(1.0).dump() == "1");
  CHECK(json(std::nan("")).dump() == "null");
  CHECK(json(3.0).as_int() == 3);
  CHECK_FALSE(json(3.5).as_int().has_value());
}

TEST_CASE("find returns members of objects and nothing for other kinds") {
  json v;
  v["a"] = 1;
  REQUIRE(v.find("a") != nullptr);
  CHECK(v.find("a")->as_int() == 1);
  CHECK(v.find("b") == nullptr);
  CHECK(json("text").find("a") == nullptr);
}

TEST_CASE("parse_json reads what backends write") {
  json v;
  auto err = transferscore::io::parse_json(R"({"id": 17, "r": "a\u00e9\n", "n": [1.5, -2, null, true]})", v);
  REQUIRE_FALSE(err);
  CHECK(v.find("id")->as_int() == 17);
  CHECK(*v.find("r")->if_string() == "a\xC3\xA9\n");
  CHECK(v.find("n")->size() == 4);
}

TEST_CASE("parse_json reports what is wrong") {
  json v;
  auto err = transferscore::io::parse_json(R"({"id": 1, "reference": {"kwargs": [{"a": tru}]}})", v);
  CHECK(err);
  CHECK(err.message == "invalid literal");
  auto truncated = transferscore::io::parse_json(R"({"id": 1, "response": "unfinished)", v);
  CHECK(truncated);
  auto trailing = transferscore::io::parse_json(R"({"id": 1} {"id": 2})", v);
  CHECK(trailing);
  auto bad_utf8 = transferscore::io::parse_json("{\"response\": \"\xff\"}", v);
  CHECK(bad_utf8);
  CHECK(bad_utf8.message == "invalid UTF-8");
}

TEST_CASE("deeply nested JSON is refused, not recursed into") {
  std::string deep(100000, '[');
  deep += std::string(100000, ']');
  json v;
  auto err = transferscore::io::parse_json(deep, v);
  CHECK(err);
  std::string nested_object = "{\"a\":";
  nested_object.append(300, '[');
  nested_object.append(300, ']');
  nested_object.push_back('}');
  auto err2 = transferscore::io::parse_json(nested_object, v);
  CHECK(err2);
}
