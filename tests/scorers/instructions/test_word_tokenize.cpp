// nltk.word_tokenize (Punkt + NLTKWordTokenizer, NLTK 3.8) against NLTK's own output.

#include <transferscore/transferscore.hpp>

#include "ifeval_support.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace ts = transferscore;
namespace ins = transferscore::instructions;

namespace {
std::vector<std::string> tokens_of(const char* text) {
  std::vector<std::string> out;
  for (const auto& t : ins::treebank_tokenize(ins::py::decode_utf8(text))) out.push_back(ins::py::encode_utf8(t));
  return out;
}
}  // namespace

TEST_CASE("tokens equal NLTK's on the reference texts") {
  const std::string dir = ifeval_test::punkt_dir();
  if (dir.empty()) {
    MESSAGE("skipped: no Punkt parameters (set TRANSFERSCORE_PUNKT_DIR)");
    return;
  }
  const auto params = ins::punkt_parameters::load(dir);
  REQUIRE(params.has_value());
  const ins::punkt_tokenizer punkt(*params);
  for (const auto& v : ifeval_test::read_jsonl(test_paths::data("ifeval/reference_outputs.jsonl"))) {
    ts::json got = ts::json::array();
    for (const auto& t : ins::word_tokenize(ins::py::decode_utf8(*v.find("text")->if_string()), punkt)) {
      got.push_back(ins::py::encode_utf8(t));
    }
    INFO("text: ", *v.find("text")->if_string());
    CHECK(got.dump() == v.find("tokens")->dump());
  }
}

TEST_CASE("the Treebank rules that change capital-word counts") {
  CHECK(tokens_of("CAN'T STOP") == std::vector<std::string>{"CA", "N'T", "STOP"});
  CHECK(tokens_of("NASA's rover") == std::vector<std::string>{"NASA", "'s", "rover"});
  CHECK(tokens_of("WELL-KNOWN U.S.A.") == std::vector<std::string>{"WELL-KNOWN", "U.S.A", "."});
  CHECK(tokens_of("GREAT\u2014REALLY") == std::vector<std::string>{"GREAT\u2014REALLY"});  // NLTK 3.8 keeps em dashes
  CHECK(tokens_of("\"Hi,\" she said.") == std::vector<std::string>{"``", "Hi", ",", "''", "she", "said", "."});
  CHECK(tokens_of("I cannot go") == std::vector<std::string>{"I", "can", "not", "go"});
  CHECK(tokens_of("(a) [b] {c} <d>") == std::vector<std::string>{"(", "a", ")", "[", "b", "]", "{", "c", "}", "<", "d", ">"});
}
