// Loose evaluation: instructions::evaluate (variants as views into the response, identical
// or blank variants skipped, facts shared between instructions and variants) gives what
// the original's plain loop gives: eight freshly built strings, each checked on its own.

#include <transferscore/transferscore.hpp>

#include "ifeval_support.hpp"

#include <doctest/doctest.h>

#include <array>
#include <map>
#include <string>
#include <vector>

namespace ts = transferscore;
namespace ins = transferscore::instructions;
namespace py = transferscore::compat::py;

namespace {

std::u32string strip(const std::u32string& s) { return std::u32string(py::strip(s)); }

std::u32string join_lines(const std::vector<std::u32string>& lines, std::size_t from, std::size_t to) {
  std::u32string out;
  for (std::size_t i = from; i < to; ++i) {
    if (i > from) out += U'\n';
    out += lines[i];
  }
  return out;
}

std::u32string without_stars(std::u32string s) {
  std::erase(s, U'*');
  return s;
}

// evaluation_lib.py's eight variants, built the way it builds them.
std::array<std::u32string, 8> original_variants(const std::u32string& response) {
  std::vector<std::u32string> lines;
  std::u32string line;
  for (char32_t c : response) {
    if (c == U'\n') {
      lines.push_back(line);
      line.clear();
    } else {
      line += c;
    }
  }
  lines.push_back(line);
  const std::size_t n = lines.size();
  const std::u32string first = strip(join_lines(lines, 1, n));
  const std::u32string last = strip(join_lines(lines, 0, n - 1));
  const std::u32string both = n >= 2 ? strip(join_lines(lines, 1, n - 1)) : std::u32string();
  return {response, without_stars(response), first, last, both, without_stars(first), without_stars(last),
          without_stars(both)};
}

struct judged {
  bool strict = false;
  bool loose = false;
};

// The original's loop: strict on the response; loose on the first variant that is not
// blank and passes. Every check gets a fresh text (nothing shared).
std::vector<judged> original_loop(const std::vector<ins::instruction>& list, const std::u32string& response,
                                  const ins::check_env& env) {
  std::vector<judged> out(list.size());
  const auto variants = original_variants(response);
  for (std::size_t k = 0; k < list.size(); ++k) {
    if (!py::is_blank(response)) {
      ins::response_text text(response);
      out[k].strict = ins::check(list[k], text, env);
    }
    for (const auto& v : variants) {
      if (py::is_blank(v)) continue;
      ins::response_text text(v);
      if (ins::check(list[k], text, env)) {
        out[k].loose = true;
        break;
      }
    }
  }
  return out;
}

// Responses whose variants differ in many ways: stars, blank first and last lines, one line.
std::vector<std::string> reshaped(const std::string& response) {
  return {response, "**Title**\n" + response, response + "\n*end*", "\n\n" + response + "\n  \n",
          response.substr(0, response.find('\n')), "*" + response + "*", "Sure.\n**" + response + "**\nfooter"};
}

}  // namespace

TEST_CASE("evaluate() equals the original's loop over eight freshly built variants") {
  const std::string dir = ifeval_test::punkt_dir();
  const auto parameters = dir.empty() ? ins::punkt_parameters::fallback() : *ins::punkt_parameters::load(dir);
  const ins::punkt_tokenizer punkt(parameters);
  const ins::language_detector detector;
  const ins::check_env env{punkt, detector};
  const auto scorer = ifeval_test::make_scorer(dir);

  std::map<std::string, ts::json> inputs;
  for (auto& v : ifeval_test::read_jsonl(test_paths::data("ifeval/input_data.jsonl"))) {
    inputs.emplace(*v.find("prompt")->if_string(), std::move(v));
  }
  std::vector<std::pair<std::string, ts::json>> cases;  // (response, reference)
  int official = 0;
  for (const auto& line : ifeval_test::read_jsonl(test_paths::data("ifeval/input_response_data_gpt4_20231107_145030.jsonl"))) {
    const ts::json& reference = inputs.at(*line.find("prompt")->if_string());
    // Every response as it is; every seventh also reshaped (the checks are slow in Debug).
    if (official++ % 7 != 0) {
      cases.emplace_back(*line.find("response")->if_string(), reference);
      continue;
    }
    for (auto& r : reshaped(*line.find("response")->if_string())) cases.emplace_back(std::move(r), reference);
  }
  for (const auto& c : ifeval_test::read_jsonl(test_paths::data("ifeval/edge_cases.jsonl"))) {
    ts::json reference = ts::json::object();
    reference["instruction_id_list"] = ts::json::array({*c.find("id")});
    reference["kwargs"] = ts::json::array({*c.find("kwargs")});
    cases.emplace_back(*c.find("response")->if_string(), std::move(reference));
  }

  int compared = 0;
  for (const auto& [response_utf8, reference] : cases) {
    std::vector<ins::instruction> list;
    if (scorer.parse(ifeval_test::make_record(response_utf8, reference), list)) continue;  // malformed gold
    const std::u32string response = py::decode_utf8(response_utf8);
    const auto want = original_loop(list, response, env);
    const auto got = ins::evaluate(list, response, env);
    REQUIRE(got.size() == want.size());
    for (std::size_t k = 0; k < got.size(); ++k) {
      INFO("id: ", list[k].id, "  response: ", response_utf8);
      CHECK(got[k].strict == want[k].strict);
      CHECK(got[k].loose == want[k].loose);
      ++compared;
    }
  }
  CHECK(compared > 1500);
}

TEST_CASE("loose_variants gives each of the original's variants once, and skips only blank or repeated ones") {
  std::vector<std::string> texts = {"", "*", "***", "a", "a\nb", "a\n\nb", "\n", "\n\n", " * \n * ", "a\na", "*a*\na\n*a*",
                                    "Sure.\n**Is there anything else I can help with?**\nfooter", "x\u2028y\n z \n",
                                    "\u00a0*\u00a0\nb*\n\u3000"};
  for (const auto& line : ifeval_test::read_jsonl(test_paths::data("ifeval/input_response_data_gpt4_20231107_145030.jsonl"))) {
    for (auto& r : reshaped(*line.find("response")->if_string())) texts.push_back(std::move(r));
  }
  for (const auto& utf8 : texts) {
    const std::u32string response = py::decode_utf8(utf8);
    const auto want = original_variants(response);
    ins::loose_variants variants(response);
    for (std::size_t i = 0; i < want.size(); ++i) {
      INFO("variant ", i, " of ", utf8);
      const auto got = variants.get(i);
      bool repeated = false;
      for (std::size_t j = 0; j < i; ++j) repeated = repeated || want[j] == want[i];
      CHECK(got.has_value() == (!py::is_blank(want[i]) && !repeated));
      if (got) CHECK(std::u32string(*got) == want[i]);
    }
  }
}
