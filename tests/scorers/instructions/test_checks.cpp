// Per-instruction edge cases (tests/data/ifeval/edge_cases.jsonl, at least ten per id),
// with the verdicts the original implementation gives them (tools/gen_ifeval_edge_cases.py).

#include <transferscore/transferscore.hpp>

#include "ifeval_support.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>

namespace ts = transferscore;

TEST_CASE("every instruction id agrees with the original on its edge cases") {
  const std::string punkt = ifeval_test::punkt_dir();
  if (punkt.empty()) MESSAGE("Punkt parameters absent: the sentence-based cases are skipped");
  const auto scorer = ifeval_test::make_scorer(punkt);
  std::map<std::string, int> per_id;
  for (const auto& c : ifeval_test::read_jsonl(test_paths::data("ifeval/edge_cases.jsonl"))) {
    const std::string id = *c.find("id")->if_string();
    ++per_id[id];
    if (punkt.empty() && *c.find("needs_punkt")->as_bool()) continue;
    ts::json ref = ts::json::object();
    ref["instruction_id_list"] = ts::json::array({id});
    ref["kwargs"] = ts::json::array({*c.find("kwargs")});
    const auto r = scorer.score(ifeval_test::make_record(*c.find("response")->if_string(), ref));
    INFO("id: ", id, "  kwargs: ", c.find("kwargs")->dump(), "  response: ", c.find("response")->dump(),
         "  note: ", *c.find("note")->if_string());
    REQUIRE(r.details.find("instructions") != nullptr);
    const auto& item = (*r.details.find("instructions")->if_array())[0];
    CHECK(*item.find("strict")->as_bool() == *c.find("strict")->as_bool());
    CHECK(*item.find("loose")->as_bool() == *c.find("loose")->as_bool());
  }
  CHECK(per_id.size() == 25);
  for (const auto& [id, n] : per_id) {
    INFO(id);
    CHECK(n >= 10);
  }
}
