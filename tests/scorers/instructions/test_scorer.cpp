// The instructions scorer as users meet it: record validation, settings, verdict details,
// metrics, the registry, and the pipeline (dataset join by prompt, unterminated traces).

#include <transferscore/transferscore.hpp>

#include "ifeval_support.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace ts = transferscore;
namespace ins = transferscore::instructions;

namespace {

ts::json reference(std::vector<std::string> ids, std::vector<ts::json> kwargs) {
  ts::json ref = ts::json::object();
  ts::json id_list = ts::json::array();
  for (auto& i : ids) id_list.push_back(i);
  ts::json kw = ts::json::array();
  for (auto& k : kwargs) kw.push_back(std::move(k));
  ref["instruction_id_list"] = std::move(id_list);
  ref["kwargs"] = std::move(kw);
  return ref;
}

ts::json object(std::initializer_list<std::pair<const char*, ts::json>> members) {
  ts::json o = ts::json::object();
  for (const auto& [k, v] : members) o[k] = v;
  return o;
}

const ins::scorer& fallback_scorer() {
  static const ins::scorer s(nullptr);
  return s;
}

}  // namespace

TEST_CASE("a verdict lists every instruction with its strict and loose result") {
  const auto ref = reference({"punctuation:no_comma", "length_constraints:number_words", "startend:quotation"},
                             {ts::json::object(), object({{"num_words", 3}, {"relation", "at least"}}), ts::json::object()});
  const auto r = fallback_scorer().score(ifeval_test::make_record("**\"one two three four\"**", ref));
  REQUIRE(r.status == ts::status::ok);
  const auto& list = *r.details.find("instructions")->if_array();
  REQUIRE(list.size() == 3);
  CHECK(*list[0].find("id")->if_string() == "punctuation:no_comma");
  CHECK(*list[0].find("strict")->as_bool());
  CHECK(*list[1].find("strict")->as_bool());
  CHECK_FALSE(*list[2].find("strict")->as_bool());  // the asterisks surround the quotes
  CHECK(*list[2].find("loose")->as_bool());         // loose removes them
  CHECK_FALSE(r.correct);
  CHECK(r.score == 0.0);
  CHECK(*r.details.find("prompt_loose")->as_bool());
}

TEST_CASE("the score setting picks prompt or instruction level, strict or loose") {
  const auto ref = reference({"punctuation:no_comma", "startend:quotation"}, {ts::json::object(), ts::json::object()});
  const auto rec = ifeval_test::make_record("*\"a b\"*", ref);
  auto with = [&](const char* level) {
    ts::scorer_options o;
    o.settings["score"] = level;
    o.settings["punkt_dir"] = ifeval_test::punkt_dir();
    if (o.settings["punkt_dir"].empty()) o.settings.erase("punkt_dir");
    return ins::scorer::from_options(o).score(rec).score;
  };
  CHECK(with("prompt_strict") == 0.0);
  CHECK(with("prompt_loose") == 1.0);
  CHECK(with("instruction_strict") == 0.5);
  CHECK(with("instruction_loose") == 1.0);
  ts::scorer_options bad;
  bad.settings["score"] = "average";
  CHECK_THROWS_AS((void)ins::scorer::from_options(bad), ts::config_error);
  ts::scorer_options missing_dir;
  missing_dir.settings["punkt_dir"] = test_paths::data("ifeval").string();
  CHECK_THROWS_AS((void)ins::scorer::from_options(missing_dir), ts::config_error);
}

TEST_CASE("HF-style kwargs with every key null are read like the harnesses read them") {
  ts::json kw = object({{"num_words", 2}, {"relation", "less than"}, {"keywords", nullptr}, {"language", nullptr},
                        {"prompt_to_repeat", nullptr}, {"num_highlights", nullptr}});
  const auto r = fallback_scorer().score(ifeval_test::make_record("one", reference({"length_constraints:number_words"}, {kw})));
  REQUIRE(r.status == ts::status::ok);
  CHECK(r.correct);
}

TEST_CASE("bad gold gives malformed_record naming the field, never an exception") {
  struct bad_case {
    ts::json reference;
    const char* field;
  };
  const std::vector<bad_case> cases = {
      {ts::json("text"), "reference"},
      {object({{"kwargs", ts::json::array()}}), "reference.instruction_id_list"},
      {reference({}, {}), "reference.instruction_id_list"},
      {object({{"instruction_id_list", ts::json::array({"punctuation:no_comma"})}}), "reference.kwargs"},
      {reference({"punctuation:no_comma"}, {}), "reference.kwargs"},
      {reference({"no:such_id"}, {ts::json::object()}), "reference.instruction_id_list[0]"},
      {reference({"punctuation:no_comma", "length_constraints:number_words"},
                 {ts::json::object(), object({{"num_words", 3}, {"relation", "more than"}})}),
       "reference.kwargs[1].relation"},
      {reference({"length_constraints:number_words"}, {object({{"relation", "at least"}})}), "reference.kwargs[0].num_words"},
      {reference({"length_constraints:number_words"}, {object({{"num_words", "3"}, {"relation", "at least"}})}),
       "reference.kwargs[0].num_words"},
      {reference({"length_constraints:number_words"}, {object({{"num_words", -1}, {"relation", "at least"}})}),
       "reference.kwargs[0].num_words"},
      {reference({"punctuation:no_comma"}, {object({{"extra", 1}})}), "reference.kwargs[0].extra"},
      {reference({"keywords:frequency"}, {object({{"keyword", "("}, {"frequency", 1}, {"relation", "at least"}})}),
       "reference.kwargs[0].keyword"},
      {reference({"language:response_language"}, {object({{"language", "zh"}})}), "reference.kwargs[0].language"},
      {reference({"keywords:letter_frequency"}, {object({{"letter", "ab"}, {"let_frequency", 1}, {"let_relation", "at least"}})}),
       "reference.kwargs[0].letter"},
      {reference({"length_constraints:nth_paragraph_first_word"},
                 {object({{"num_paragraphs", 2}, {"nth_paragraph", 3}, {"first_word", "x"}})}),
       "reference.kwargs[0].nth_paragraph"},
      {reference({"keywords:existence"}, {object({{"keywords", ts::json::array({1})}})}), "reference.kwargs[0].keywords[0]"},
      {reference({"combination:repeat_prompt"}, {ts::json::object()}), "reference.kwargs[0].prompt_to_repeat"},
      {reference({"keywords:existence"}, {object({{"keywords", ts::json::array()}})}), "reference.kwargs[0].keywords"},
      {reference({"keywords:frequency"}, {object({{"keyword", ""}, {"frequency", 1}, {"relation", "at least"}})}),
       "reference.kwargs[0].keyword"},
      {reference({"keywords:forbidden_words"}, {object({{"forbidden_words", ts::json::array()}})}),
       "reference.kwargs[0].forbidden_words"},
      {reference({"punctuation:no_comma"}, {ts::json("x")}), "reference.kwargs[0]"},
  };
  for (const auto& c : cases) {
    const auto r = fallback_scorer().score(ifeval_test::make_record("some response", c.reference));
    INFO("reference: ", c.reference.dump());
    CHECK(r.status == ts::status::malformed_record);
    CHECK(r.field == c.field);
    CHECK_FALSE(r.message.empty());
  }
}

TEST_CASE("repeat_prompt falls back to reference.prompt in reference mode only") {
  auto ref = reference({"combination:repeat_prompt"}, {ts::json::object()});
  ref["prompt"] = "Say hi.";
  const auto ok = fallback_scorer().score(ifeval_test::make_record("say HI. hi", ref));
  CHECK(ok.status == ts::status::ok);
  CHECK(ok.correct);
  const ins::scorer paper(nullptr, "paper");
  CHECK(paper.score(ifeval_test::make_record("say HI. hi", ref)).status == ts::status::malformed_record);
}

TEST_CASE("a blank response follows nothing, not even negative constraints") {
  const auto ref = reference({"punctuation:no_comma"}, {ts::json::object()});
  const auto r = fallback_scorer().score(ifeval_test::make_record(" \n\t", ref));
  CHECK(r.status == ts::status::no_answer);
  CHECK_FALSE(r.correct);
  const auto& item = (*r.details.find("instructions")->if_array())[0];
  CHECK_FALSE(*item.find("strict")->as_bool());
  CHECK_FALSE(*item.find("loose")->as_bool());
}

TEST_CASE("metrics accumulate, merge and serialise the four accuracies") {
  ins::metrics a, b;
  ts::json d1 = ts::json::object();
  d1["instructions"] = ts::json::array({object({{"id", "x"}, {"strict", true}, {"loose", true}}),
                                        object({{"id", "y"}, {"strict", false}, {"loose", true}})});
  ts::json d2 = ts::json::object();
  d2["instructions"] = ts::json::array({object({{"id", "x"}, {"strict", true}, {"loose", true}})});
  a.add(d1);
  b.add(d2);
  b.add(ts::json());  // an error verdict: a failed prompt of unknown size
  a.merge(b);
  CHECK(a.prompts == 3);
  CHECK(a.prompts_without_details == 1);
  CHECK(a.prompt_level_strict_acc() == doctest::Approx(1.0 / 3));
  CHECK(a.prompt_level_loose_acc() == doctest::Approx(2.0 / 3));
  CHECK(a.inst_level_strict_acc() == doctest::Approx(2.0 / 3));
  CHECK(a.inst_level_loose_acc() == doctest::Approx(1.0));
  const ts::json j = a.to_json();
  CHECK(j.find("prompt_level_strict_acc") != nullptr);
  CHECK(j.find("inst_level_loose_acc") != nullptr);
  CHECK(*j.find("instructions")->as_int() == 3);
  CHECK(a.by_id.at("x").n == 2);
  CHECK(a.by_id.at("y").loose == 1);
  const ts::json* x = j.find("by_instruction")->find("x");
  REQUIRE(x != nullptr);
  CHECK(*x->find("n")->as_int() == 2);
  CHECK(*x->find("strict_acc")->as_double() == 1.0);
}

TEST_CASE("the registry maps ifeval to the instructions family") {
  const auto registry = ts::builtin_registry();
  REQUIRE(registry.family_of("ifeval").has_value());
  CHECK(*registry.family_of("ifeval") == "instructions");
  CHECK(registry.has_family("instructions"));
}

TEST_CASE("the pipeline joins responses to the dataset by prompt and keeps unterminated traces unscored") {
  const auto registry = ts::builtin_registry();
  ts::json item = reference({"punctuation:no_comma"}, {ts::json::object()});
  item["key"] = 7;
  item["prompt"] = "Write without commas.";
  auto index = ts::io::dataset_index::from_values({item}, "prompt");
  ts::pipeline_options options;
  options.benchmark = "ifeval";
  options.dataset = &index;
  const std::string punkt = ifeval_test::punkt_dir();
  if (!punkt.empty()) options.scoring.settings["punkt_dir"] = punkt;
  ts::score_pipeline pipeline(registry, options);
  ts::run_summary summary;
  std::string out;
  pipeline.score_line(R"({"prompt": "Write without commas.", "response": "No commas here"})", 1, "gen.jsonl", out, summary);
  pipeline.score_line(R"({"prompt": "Write without commas.", "response": "<think>still thinking, and"})", 2, "gen.jsonl", out,
                      summary);
  pipeline.score_line(R"({"prompt": "Write without commas.", "response": "<think>a, b</think>Done"})", 3, "gen.jsonl", out,
                      summary);
  std::vector<ts::json> verdicts;
  std::size_t start = 0;
  while (start < out.size()) {
    const auto end = out.find('\n', start);
    ts::json v;
    REQUIRE_FALSE(ts::io::parse_json(std::string_view(out).substr(start, end - start), v));
    verdicts.push_back(std::move(v));
    start = end + 1;
  }
  REQUIRE(verdicts.size() == 3);
  CHECK(*verdicts[0].find("status")->if_string() == "ok");
  CHECK(*verdicts[0].find("correct")->as_bool());
  CHECK(*verdicts[0].find("scorer")->if_string() == "instructions");
  CHECK(verdicts[0].find("details")->find("instructions") != nullptr);
  CHECK(*verdicts[1].find("status")->if_string() == "unterminated_trace");
  CHECK_FALSE(*verdicts[1].find("correct")->as_bool());
  CHECK(*verdicts[2].find("status")->if_string() == "ok");
  CHECK(*verdicts[2].find("correct")->as_bool());  // the comma was inside the trace
  ins::metrics m;
  for (const auto& v : verdicts) m.add(v.find("details") ? *v.find("details") : ts::json());
  CHECK(m.prompts == 3);
  CHECK(m.prompts_strict == 2);
  CHECK(m.prompts_without_details == 1);
}
