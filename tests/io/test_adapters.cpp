#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

namespace ts = transferscore;
using ts::io::input_format;

namespace {
ts::json parse(std::string_view text) {
  ts::json v;
  auto err = ts::io::parse_json(text, v);
  REQUIRE_FALSE(err);
  return v;
}
ts::io::adapt_result adapt(std::string_view text, input_format f = input_format::automatic, std::string source = "in.jsonl") {
  return ts::io::adapt(parse(text), f, ts::io::adapt_context{std::move(source), 7});
}
}  // namespace

TEST_CASE("canonical records keep every member") {
  auto r = adapt(R"({"id": "algebra/17", "benchmark": "math500", "model": "m", "sample": 2,
                     "response": "x", "reference": {"answer": "\\frac12"}, "choice_logprobs": [-1.5, -0.2]})");
  REQUIRE(r.ok());
  REQUIRE(r.records.size() == 1);
  const auto& rec = r.records[0];
  CHECK(*rec.id.if_string() == "algebra/17");
  CHECK(rec.benchmark == "math500");
  CHECK(rec.sample == 2);
  CHECK(*rec.reference.find("answer")->if_string() == "\\frac12");
  CHECK(rec.extra.find("choice_logprobs")->size() == 2);
}

TEST_CASE("canonical records name the field that is wrong") {
  auto r = adapt(R"({"id": 1, "response": 5})");
  CHECK_FALSE(r.ok());
  CHECK(r.field == "response");
  auto s = adapt(R"({"id": [1], "response": "x"})");
  CHECK(s.field == "id");
  auto t = adapt(R"({"id": 1, "sample": -1, "response": "x"})");
  CHECK(t.field == "sample");
  auto u = adapt(R"({"id": 1, "answer": "x"})", input_format::canonical);
  CHECK(u.field == "response");
}

TEST_CASE("a bare reference string is shorthand for an answer") {
  auto r = adapt(R"({"id": 1, "response": "x", "reference": "42"})");
  REQUIRE(r.ok());
  CHECK(*r.records[0].reference.find("answer")->if_string() == "42");
}

TEST_CASE("OpenAI chat completions give one record per choice; the API id is not the item id") {
  auto r = adapt(R"({"id": "chatcmpl-abc", "object": "chat.completion", "model": "gpt-4o",
                     "choices": [{"index": 0, "message": {"role": "assistant", "content": "4"}, "finish_reason": "stop"},
                                 {"index": 1, "message": {"role": "assistant", "content": [{"type": "text", "text": "fo"}, {"type": "text", "text": "ur"}]}}]})");
  REQUIRE(r.ok());
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].model == "gpt-4o");
  CHECK(r.records[0].response == "4");
  CHECK(r.records[1].response == "four");
  CHECK(r.records[1].sample == 1);
  CHECK(r.records[0].id.as_int() == 7);  // no item id anywhere: the line number
  CHECK(ts::io::detect_format(parse(R"({"choices": []})")) == input_format::openai);
}

TEST_CASE("OpenAI completions read choices[].text and metadata.id") {
  auto r = adapt(R"({"object": "text_completion", "metadata": {"id": "q1"}, "choices": [{"index": 0, "text": "B"}]})");
  REQUIRE(r.ok());
  CHECK(*r.records[0].id.if_string() == "q1");
  CHECK(r.records[0].response == "B");
}

TEST_CASE("Batch API lines take custom_id, and a failed request is a record without an answer") {
  auto ok = adapt(R"({"id": "batch_req_1", "custom_id": "algebra/17",
                      "response": {"status_code": 200, "request_id": "r", "body": {"id": "chatcmpl-1", "object": "chat.completion",
                        "model": "gpt-4o-mini", "choices": [{"index": 0, "message": {"role": "assistant", "content": "\\boxed{2}"}}]}},
                      "error": null})");
  REQUIRE(ok.ok());
  CHECK(ts::io::detect_format(parse(R"({"custom_id": "a", "response": {}})")) == input_format::openai_batch);
  CHECK(*ok.records[0].id.if_string() == "algebra/17");
  CHECK(ok.records[0].model == "gpt-4o-mini");
  CHECK(ok.records[0].response == "\\boxed{2}");

  auto failed = adapt(R"({"id": "batch_req_2", "custom_id": "q9", "response": null,
                          "error": {"code": "server_error", "message": "overloaded"}})", input_format::openai_batch);
  REQUIRE(failed.ok());
  CHECK(*failed.records[0].id.if_string() == "q9");
  CHECK(failed.records[0].extra.find("response_missing") != nullptr);
}

TEST_CASE("vLLM outputs give one record per sample") {
  auto r = adapt(R"({"id": "q3", "benchmark": "aime24", "request_id": "17", "prompt": "p",
                     "outputs": [{"index": 0, "text": "a", "finish_reason": "stop"}, {"index": 1, "text": "b", "finish_reason": "length"}],
                     "finished": true})");
  REQUIRE(r.ok());
  REQUIRE(r.records.size() == 2);
  CHECK(*r.records[0].id.if_string() == "q3");
  CHECK(r.records[1].response == "b");
  CHECK(r.records[1].sample == 1);
  CHECK(*r.records[1].extra.find("finish_reason")->if_string() == "length");
  CHECK(r.records[0].benchmark == "aime24");
  auto no_id = adapt(R"({"request_id": "17", "outputs": [{"index": 0, "text": "a"}]})");
  CHECK(*no_id.records[0].id.if_string() == "17");
  auto bad = adapt(R"({"outputs": [{"index": 0}]})");
  CHECK(bad.field == "outputs[0].text");
}

TEST_CASE("SGLang results read text and meta_info.id") {
  auto r = adapt(R"({"text": "yes", "meta_info": {"id": "h7", "finish_reason": {"type": "stop"}, "prompt_tokens": 10}})");
  REQUIRE(r.ok());
  CHECK(*r.records[0].id.if_string() == "h7");
  CHECK(r.records[0].response == "yes");
  CHECK(*r.records[0].extra.find("finish_reason")->if_string() == "stop");
}

TEST_CASE("lm-eval sample logs: task from the file name, gold from doc and target") {
  auto r = adapt(R"({"doc_id": 4, "doc": {"key": 1000, "prompt": "Write...", "instruction_id_list": ["punctuation:no_comma"], "kwargs": [{}]},
                     "target": "", "arguments": {}, "resps": [["first", "second"]], "filtered_resps": ["first"], "filter": "none"})",
                 input_format::automatic, "out/qwen/samples_ifeval_2025-07-01T10-11-12.123456.jsonl");
  REQUIRE(r.ok());
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].benchmark == "ifeval");
  CHECK(r.records[0].model == "qwen");  // lm-eval's <output_path>/<model>/ folder
  CHECK(r.records[0].id.as_int() == 4);
  CHECK(r.records[0].reference.find("instruction_id_list") != nullptr);
  CHECK(r.records[1].response == "second");
  CHECK(r.records[1].sample == 1);

  auto math = adapt(R"({"doc_id": 0, "doc": {"problem": "p"}, "target": "\\frac{1}{2}", "resps": [["\\boxed{1/2}"]]})",
                    input_format::lm_eval, "samples_hendrycks_math_500_2025-01-01T00-00-00.jsonl");
  CHECK(math.records[0].benchmark == "math500");
  CHECK(math.records[0].model.empty());  // no folder, no model
  auto sanitized = adapt(R"({"doc_id": 0, "doc": {}, "target": "1", "resps": [["1"]]})", input_format::lm_eval,
                         "results/Qwen__Qwen3-14B/samples_gsm8k_2025-01-01T00-00-00.jsonl");
  CHECK(sanitized.records[0].model == "Qwen/Qwen3-14B");
  CHECK(*math.records[0].reference.find("answer")->if_string() == "\\frac{1}{2}");
}

TEST_CASE("lm-eval log-likelihood samples become choice log-probabilities") {
  auto r = adapt(R"({"doc_id": 2, "doc": {"qtext": "q", "gold": 1}, "target": 1,
                     "resps": [[[-12.5, false]], [[-3.25, true]], [[-9.0, false]]]})",
                 input_format::automatic, "samples_headqa_en_2025-01-01T00-00-00.jsonl");
  REQUIRE(r.ok());
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].benchmark == "headqa");
  const auto* lp = r.records[0].extra.find("choice_logprobs");
  REQUIRE(lp != nullptr);
  CHECK(lp->size() == 3);
  CHECK((*lp->if_array())[1].as_double() == -3.25);
}

TEST_CASE("format names round-trip") {
  for (const auto& [name, f] : ts::io::input_format_names) {
    CHECK(ts::io::input_format_from_string(name) == f);
    CHECK(ts::io::to_string(f) == name);
  }
  CHECK_FALSE(ts::io::input_format_from_string("parquet").has_value());
}

TEST_CASE("lm-eval task names map onto benchmarks by family, longest prefix first") {
  using ts::io::benchmark_from_lm_eval_task;
  // The Open LLM Leaderboard's names and lm-eval's own variants.
  CHECK(benchmark_from_lm_eval_task("leaderboard_ifeval") == "ifeval");
  CHECK(benchmark_from_lm_eval_task("ifeval") == "ifeval");
  CHECK(benchmark_from_lm_eval_task("leaderboard_math_algebra_hard") == "math_hard");
  CHECK(benchmark_from_lm_eval_task("leaderboard_math_hard") == "math_hard");
  CHECK(benchmark_from_lm_eval_task("minerva_math500") == "math500");
  CHECK(benchmark_from_lm_eval_task("hendrycks_math500") == "math500");
  CHECK(benchmark_from_lm_eval_task("hendrycks_math_500") == "math500");  // the study's fork
  CHECK(benchmark_from_lm_eval_task("hendrycks_math") == "hendrycks_math");
  CHECK(benchmark_from_lm_eval_task("hendrycks_math_precalc") == "hendrycks_math");
  CHECK(benchmark_from_lm_eval_task("minerva_math_num_theory") == "hendrycks_math");
  CHECK(benchmark_from_lm_eval_task("gpqa_diamond_cot_zeroshot") == "gpqa_diamond");
  CHECK(benchmark_from_lm_eval_task("gpqa_main_generative_n_shot") == "gpqa_main");
  CHECK(benchmark_from_lm_eval_task("gpqa_extended_cot_n_shot") == "gpqa_extended");
  CHECK(benchmark_from_lm_eval_task("leaderboard_gpqa_diamond", true) == "gpqa_diamond_loglik");
  CHECK(benchmark_from_lm_eval_task("gpqa_diamond_zeroshot", true) == "gpqa_diamond_loglik");
  CHECK(benchmark_from_lm_eval_task("mmlu_pro") == "mmlu_pro");
  CHECK(benchmark_from_lm_eval_task("mmlu_pro_computer_science") == "mmlu_pro");
  CHECK(benchmark_from_lm_eval_task("leaderboard_mmlu_pro", true) == "mmlu_pro_loglik");
  CHECK(benchmark_from_lm_eval_task("mmlu_prox_de_biology") == "mmlu_prox_de_biology");  // another benchmark
  CHECK(benchmark_from_lm_eval_task("acp_app_mcq_cot_2shot") == "acpbench");
  CHECK(benchmark_from_lm_eval_task("acp_reach_mcq") == "acpbench");
  CHECK(benchmark_from_lm_eval_task("acp_app_bool") == "acpbench_bool");
  CHECK(benchmark_from_lm_eval_task("acp_prog_bool_cot_2shot") == "acpbench_bool");
  CHECK(benchmark_from_lm_eval_task("halueval_dialogue") == "halueval");
  CHECK(benchmark_from_lm_eval_task("headqa_es") == "headqa");
  CHECK(benchmark_from_lm_eval_task("AIME") == "aime24");   // the study's fork
  CHECK(benchmark_from_lm_eval_task("aime") == "aime");     // lm-eval's all-years task: not AIME 2024
  CHECK(benchmark_from_lm_eval_task("olympiad") == "olympiadbench");
  CHECK(benchmark_from_lm_eval_task("gsm8k") == "gsm8k");   // unknown: kept, the pipeline names it
  // Every entry maps to a benchmark the built-in registry knows (livecodebench: the code family).
  const auto registry = ts::builtin_registry();
  for (const auto& e : ts::io::lm_eval_tasks) {
    INFO(e.task);
    CHECK((registry.family_of(e.benchmark).has_value() || e.benchmark == "livecodebench"));
    if (!e.loglik_benchmark.empty()) CHECK(registry.family_of(e.loglik_benchmark).has_value());
  }
}

TEST_CASE("lm-eval sample logs of every family name their benchmark through the adapter") {
  const std::string line = R"({"doc_id": 0, "doc": {"question": "q", "options": ["a", "b"], "answer": "B"}, "target": "B", "resps": [["x"]]})";
  auto gen = adapt(line, input_format::lm_eval, "out/m/samples_mmlu_pro_law_2025-01-01T00-00-00.000001.jsonl");
  CHECK(gen.records[0].benchmark == "mmlu_pro");
  auto loglik = adapt(R"j({"doc_id": 0, "doc": {"answer": "(B)"}, "target": "(B)", "resps": [[["-3.5", "False"]], [["-1.0", "True"]]]})j",
                      input_format::lm_eval, "out/m/samples_leaderboard_gpqa_diamond_2025-01-01T00-00-00.000001.jsonl");
  CHECK(loglik.records[0].benchmark == "gpqa_diamond_loglik");
  auto ifeval = adapt(R"({"doc_id": 3, "doc": {"key": 1}, "target": 0, "resps": [["x"]]})", input_format::lm_eval,
                      "out/m/samples_leaderboard_ifeval_2025-01-01T00-00-00.000001.jsonl");
  CHECK(ifeval.records[0].benchmark == "ifeval");
}

TEST_CASE("the model comes from lm-eval's own output layout only") {
  using ts::io::detail::lm_eval_model_from_path;
  CHECK(lm_eval_model_from_path("results/Qwen__Qwen3-14B/samples_gsm8k_2025-01-01T00-00-00.123456.jsonl") == "Qwen/Qwen3-14B");
  CHECK(lm_eval_model_from_path("/abs/out/meta-llama__Llama-3.1-8B/samples_ifeval_2024-12-31T23-59-59.jsonl") ==
        "meta-llama/Llama-3.1-8B");
  CHECK(lm_eval_model_from_path("tmp/x.jsonl").empty());                      // not a samples file
  CHECK(lm_eval_model_from_path("tmp/samples_gsm8k.jsonl").empty());          // no timestamp: not lm-eval's name
  CHECK(lm_eval_model_from_path("tmp/samples_gsm8k_2025-01-01.jsonl").empty());  // a date alone is not its timestamp
  CHECK(lm_eval_model_from_path("tmp/samples_gsm8k_2025-01-01T00-00-00.json").empty());
  CHECK(lm_eval_model_from_path("samples_gsm8k_2025-01-01T00-00-00.jsonl").empty());  // no folder
  CHECK(lm_eval_model_from_path("./samples_gsm8k_2025-01-01T00-00-00.jsonl").empty());
  // Through the adapter: a plain file in a scratch folder gets no model, its task still counts.
  auto r = adapt(R"({"doc_id": 0, "doc": {}, "target": "1", "resps": [["1"]]})", input_format::lm_eval, "tmp/samples_gsm8k.jsonl");
  CHECK(r.records[0].model.empty());
  CHECK(r.records[0].benchmark == "gsm8k");
  auto plain = adapt(R"({"doc_id": 0, "doc": {}, "target": "1", "resps": [["1"]]})", input_format::lm_eval, "tmp/x.jsonl");
  CHECK(plain.records[0].model.empty());
}
