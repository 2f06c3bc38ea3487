// nltk.word_tokenize (Punkt + NLTKWordTokenizer, NLTK 3.8) against NLTK's own output.

#include <transferscore/transferscore.hpp>

#include "ifeval_support.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace ts = transferscore;
namespace ins = transferscore::instructions;
namespace py = transferscore::compat::py;

namespace {
std::vector<std::string> tokens_of(const char* text) {
  std::vector<std::string> out;
  for (const auto& t : ins::treebank_tokenize(py::decode_utf8(text))) out.push_back(py::encode_utf8(t));
  return out;
}
}  // namespace

TEST_CASE("tokens equal NLTK's on the reference texts") {
  const auto params = ifeval_test::english_punkt_or_skip();
  if (!params) return;
  const ins::punkt_tokenizer punkt(*params);
  for (const auto& v : ifeval_test::read_jsonl(test_paths::data("ifeval/reference_outputs.jsonl"))) {
    ts::json got = ts::json::array();
    for (const auto& t : ins::word_tokenize(py::decode_utf8(*v.find("text")->if_string()), punkt)) {
      got.push_back(py::encode_utf8(t));
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

TEST_CASE("upper_token_count equals counting upper-case tokens, with or without tokenizing") {
  auto by_tokens = [](std::u32string_view sentence) {
    std::size_t n = 0;
    for (const auto& t : ins::treebank_tokenize(sentence)) n += py::isupper(t) ? 1 : 0;
    return n;
  };
  std::vector<std::u32string> sentences;
  for (const char* s : {"The cat sat.", "DOn't go", "Don't go", "CANnot", "Cannot", "GOnna see", "'Tis true", "'TIs",
                        "I am here", "AI is here", "A b", "Ab", "İstanbul", "\u01C5emal", "Wanna go", "WAnna go",
                        "MOre'n that", "LEmme see", "Xn't go", "I can't", "Wasn't it", "yOu", "'TIS", "'TWAS so", "AI-DRIVEN", "AI--driven", "CANNOT",
                        "I, AI, (USA) \"NASA\" NASA's U.S.A. U.S.A", "DOn' go", "GO!", "«OK»", "\u2018OK\u2019", "A.", "E\u0301cole", "\u00C9cole est l\u00E0.", "Ok.", "O'Neil", "X", "x"}) {
    sentences.push_back(py::decode_utf8(s));
  }
  const std::string dir = ifeval_test::punkt_dir();
  const auto params = dir.empty() ? ins::punkt_parameters::fallback() : *ins::punkt_parameters::load(dir);
  const ins::punkt_tokenizer punkt(params);
  for (const char* file : {"ifeval/reference_outputs.jsonl", "ifeval/input_response_data_gpt4_20231107_145030.jsonl"}) {
    for (const auto& v : ifeval_test::read_jsonl(test_paths::data(file))) {
      const ts::json* text = v.find("text") != nullptr ? v.find("text") : v.find("response");
      const std::u32string t = py::decode_utf8(*text->if_string());
      for (const auto& span : punkt.sentences(t)) sentences.push_back(t.substr(span.start, span.stop - span.start));
    }
  }
  std::size_t decided_without_tokens = 0, with_upper_tokens = 0;
  for (const auto& s : sentences) {
    INFO("sentence: ", py::encode_utf8(s));
    const std::size_t want = by_tokens(s);
    CHECK(ins::upper_token_count(s) == want);
    if (const auto n = ins::upper_tokens_untokenized(s)) {
      ++decided_without_tokens;
      CHECK(*n == want);
    }
    with_upper_tokens += want > 0 ? 1 : 0;
  }
  CHECK(decided_without_tokens > sentences.size() * 9 / 10);
  CHECK(with_upper_tokens > 100);
}
