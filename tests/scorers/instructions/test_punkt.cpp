// Punkt sentence splitting against NLTK 3.8 with the English parameters
// (tests/data/ifeval/reference_outputs.jsonl, made by tools/gen_ifeval_reference_outputs.py).

#include <transferscore/transferscore.hpp>

#include "ifeval_support.hpp"

#include <doctest/doctest.h>

namespace ins = transferscore::instructions;
namespace py = transferscore::compat::py;

TEST_CASE("sentence counts equal NLTK's on the reference texts") {
  const auto params = ifeval_test::english_punkt_or_skip();
  if (!params) return;
  const ins::punkt_tokenizer punkt(*params);
  int n = 0;
  for (const auto& v : ifeval_test::read_jsonl(test_paths::data("ifeval/reference_outputs.jsonl"))) {
    const auto text = py::decode_utf8(*v.find("text")->if_string());
    INFO("text: ", *v.find("text")->if_string());
    CHECK(static_cast<std::int64_t>(punkt.count(text)) == *v.find("sentences")->as_int());
    ++n;
  }
  CHECK(n > 400);
}

TEST_CASE("known Punkt behaviour with the English parameters") {
  const auto params = ifeval_test::english_punkt_or_skip();
  if (!params) return;
  const ins::punkt_tokenizer punkt(*params);
  auto count = [&](const char* s) { return punkt.count(py::decode_utf8(s)); };
  CHECK(count("") == 0);
  CHECK(count("   ") == 0);
  CHECK(count("One sentence without a period") == 1);
  CHECK(count("Mr. Smith went to Washington. He arrived.") == 2);
  CHECK(count("He moved to the U.S. last year. Then he left.") == 2);
  CHECK(count("Dr. Jones arrived at 5 p.m. yesterday. Good.") == 2);
  CHECK(count("This is e.g. an example.") == 2);  // NLTK splits after e.g. here too
  CHECK(count("- item one\n- item two\n- item three") == 1);  // newlines are ordinary whitespace
  CHECK(count("(How does it deal with this parenthesis?)  \"It should be part of the previous sentence.\"") == 2);
}

TEST_CASE("the parameter loader rejects a directory without the files") {
  std::string error;
  CHECK_FALSE(ins::punkt_parameters::load(test_paths::data("ifeval").string(), &error).has_value());
  CHECK(error.find("abbrev_types.txt") != std::string::npos);
}

TEST_CASE("the fallback parameters split ordinary English sensibly") {
  const auto params = ins::punkt_parameters::fallback();
  const ins::punkt_tokenizer punkt(params);
  auto count = [&](const char* s) { return punkt.count(py::decode_utf8(s)); };
  CHECK(count("Mr. Smith went to Washington. He arrived.") == 2);
  CHECK(count("It works, e.g. here. Does it? Yes!") == 3);
  CHECK(count("No final period") == 1);
}
