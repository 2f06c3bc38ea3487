#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include "shift_fixtures.hpp"

#include <string>

namespace sh = transferscore::shift;

namespace {
std::string failure(const std::string& tuned, const std::string& base, sh::match_by match = sh::match_by::id,
                    sh::token_shape shape = sh::token_shape::automatic) {
  sh::token_pair_options options;
  options.match = match;
  options.read.shape = shape;
  sh::token_shift_set set;
  sh::token_pair_input input{test_paths::write_temp("shift_err_tuned.jsonl", tuned), test_paths::write_temp("shift_err_base.jsonl", base), "",
                             "", ""};
  try {
    (void)sh::read_token_pair(input, options, set);
  } catch (const transferscore::io_error& e) {
    return e.what();
  }
  return "no error";
}

const std::string ok_a = R"({"id": "a", "benchmark": "math500", "logprobs": [-0.5, -1.0]})" "\n";
const std::string ok_b = R"({"id": "b", "benchmark": "math500", "logprobs": [-0.5]})" "\n";
}  // namespace

TEST_CASE("a malformed line names the file, the line and what is wrong") {
  const auto bad_json = failure(ok_a + "{\"id\": \"b\", \"logprobs\": [\n", ok_a + ok_b);
  CHECK(bad_json.find("shift_err_tuned.jsonl:2: invalid JSON") != std::string::npos);
  CHECK(failure(ok_a, R"({"id": "a", "benchmark": "math500", "logprobs": [-0.5, "x"]})" "\n").find(
            "shift_err_base.jsonl:1: logprobs[1]: expected a number") != std::string::npos);
  CHECK(failure(R"({"id": "a", "benchmark": "math500", "logprobs": [-0.5, null]})" "\n", ok_a)
            .find("shift_err_tuned.jsonl:1: logprobs[1]: null inside the response") != std::string::npos);
  CHECK(failure(R"({"id": "a", "benchmark": "math500", "logprobs": [-0.5], "ranks": [0]})" "\n", ok_a)
            .find("shift_err_tuned.jsonl:1: ranks[0]: expected an integer >= 1") != std::string::npos);
  CHECK(failure(R"({"id": "a", "benchmark": "math500", "logprobs": [-0.5], "tokens": ["x", "y"]})" "\n", ok_a)
            .find(":1: tokens: has 2 entries but logprobs has 1") != std::string::npos);
  CHECK(failure("[1, 2]\n", ok_a).find(":1: a line must be a JSON object") != std::string::npos);
  CHECK(failure(R"({"id": "a", "text": "hello"})" "\n", ok_a).find(":1: cannot tell the shape") != std::string::npos);
  CHECK(failure(R"({"id": "a", "logprobs": [-0.5]})" "\n", ok_a).find(":1: benchmark: missing") != std::string::npos);
}

TEST_CASE("ids: missing, duplicated, unmatched, mismatched") {
  CHECK(failure(R"({"benchmark": "math500", "logprobs": [-0.5]})" "\n", ok_a).find("shift_err_tuned.jsonl:1: id: missing") !=
        std::string::npos);
  CHECK(failure(ok_a + ok_a, ok_a + ok_b).find("shift_err_tuned.jsonl:2: id: response \"a\" of math500 appears twice") != std::string::npos);
  CHECK(failure(ok_a + ok_b, ok_a).find("shift_err_tuned.jsonl:2: id: response \"b\" of math500 has no match in") != std::string::npos);
  CHECK(failure(ok_a, ok_a + ok_b).find("shift_err_base.jsonl:2: id: response \"b\" of math500 has no match in") != std::string::npos);
  // Same id in another benchmark is another response.
  CHECK(failure(ok_a, R"({"id": "a", "benchmark": "aime24", "logprobs": [-0.5, -1.0]})" "\n").find("has no match") != std::string::npos);
  // "17" and 17 are different ids.
  CHECK(failure(R"({"id": 17, "benchmark": "b", "logprobs": [-1]})" "\n", R"({"id": "17", "benchmark": "b", "logprobs": [-1]})" "\n")
            .find("response 17 of b has no match") != std::string::npos);
  // Out of order is fine.
  CHECK(failure(ok_a + ok_b, ok_b + ok_a) == "no error");
  // By line, ids do not matter.
  CHECK(failure(ok_a, R"({"id": "zz", "benchmark": "math500", "logprobs": [-0.7, -1.0]})" "\n", sh::match_by::line) == "no error");
}

TEST_CASE("the two sides must score the same tokens (reference mode)") {
  const auto msg = failure(R"({"id": "a", "benchmark": "m", "logprobs": [-0.5, -1], "token_ids": [5, 6], "tokens": ["x", "y"]})" "\n",
                           R"({"id": "a", "benchmark": "m", "logprobs": [-0.5, -1], "token_ids": [5, 7], "tokens": ["x", "z"]})" "\n");
  CHECK(msg.find("shift_err_tuned.jsonl:1: response \"a\" of m: response position 1 is token 6 \"y\" on the fine-tuned side but 7 \"z\" on "
                 "the base side") != std::string::npos);
  CHECK(msg.find("(base side: ") != std::string::npos);
}

TEST_CASE("shape-specific errors") {
  // vLLM prompt scoring needs the prompt length.
  CHECK(failure(R"({"id": "a", "benchmark": "m", "prompt_logprobs": [null, {"5": {"logprob": -1, "rank": 1}}]})" "\n", ok_a)
            .find(":1: prompt_length: missing") != std::string::npos);
  CHECK(failure(R"({"id": "a", "benchmark": "m", "prompt_length": 1, "prompt_token_ids": [4, 5], "prompt_logprobs": [null, {"6": {"logprob": -1, "rank": 1}}]})" "\n",
                ok_a)
            .find(":1: prompt_logprobs[1]: no entry for the scored token 5") != std::string::npos);
  CHECK(failure(R"({"id": "a", "benchmark": "m", "prompt_length": 0, "prompt_logprobs": [null, {"5": {"logprob": -1}}]})" "\n", ok_a)
            .find(":1: prompt_logprobs[0]: null inside the response") != std::string::npos);
  CHECK(failure(R"({"id": "a", "benchmark": "m", "outputs": [{"index": 0, "text": "x", "logprobs": null}]})" "\n", ok_a)
            .find(":1: outputs[0].logprobs: missing (ask vLLM for logprobs") != std::string::npos);
  CHECK(failure(R"({"id": "a", "benchmark": "m", "choices": [{"index": 0, "message": {"content": "x"}, "logprobs": null}]})" "\n", ok_a)
            .find(":1: choices[0].logprobs: missing") != std::string::npos);
  CHECK(failure(R"({"id": "a", "benchmark": "m", "choices": [{"logprobs": {"content": [{"token": "x", "logprob": "high"}]}}]})" "\n", ok_a)
            .find(":1: choices[0].logprobs.content[0].logprob: expected a number") != std::string::npos);
  CHECK(failure(R"({"custom_id": "a", "benchmark": "m", "response": {"status_code": 500, "body": null}})" "\n", ok_a)
            .find(":1: response.body: missing (the batch request failed?)") != std::string::npos);
  CHECK(failure(R"({"id": "a", "benchmark": "m", "logprobs": [-1], "prompt_length": 1, "response_offset": 3})" "\n", ok_a)
            .find(":1: response_offset: give prompt_length or response_offset, not both") != std::string::npos);
  // A forced shape is not second-guessed.
  CHECK(failure(ok_a, ok_a, sh::match_by::id, sh::token_shape::openai).find(":1: choices: missing") != std::string::npos);
}
