// Fuzzes the instructions scorer over (instruction id, kwargs, response). Input layout:
//   line 1: an instruction id (or any text: unknown ids must give malformed_record)
//   line 2: the kwargs as JSON (any JSON; bad kwargs must give malformed_record)
//   rest:   the response
// Invariants: nothing crashes or throws; an ok verdict lists one result per instruction;
// strict implies loose; Punkt, word_tokenize and language detection accept any text.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <transferscore/transferscore.hpp>

namespace ts = transferscore;
namespace ins = transferscore::instructions;
namespace py = transferscore::compat::py;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ins::scorer scorer(nullptr);  // fallback sentences; the algorithm is the same
  static const ins::punkt_parameters fallback = ins::punkt_parameters::fallback();
  static const ins::language_detector detector;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto nl1 = input.find('\n');
  if (nl1 == std::string_view::npos) return 0;
  const auto nl2 = input.find('\n', nl1 + 1);
  if (nl2 == std::string_view::npos) return 0;
  const std::string_view id = input.substr(0, nl1);
  const std::string_view kwargs_text = input.substr(nl1 + 1, nl2 - nl1 - 1);
  const std::string_view response = input.substr(nl2 + 1);

  ts::json kwargs;
  if (ts::io::parse_json(kwargs_text, kwargs)) kwargs = ts::json::object();
  ts::record r;
  r.id = 1;
  r.response = std::string(response);
  r.reference = ts::json::object();
  r.reference["instruction_id_list"] = ts::json::array({ts::json(std::string(id))});
  r.reference["kwargs"] = ts::json::array({kwargs});
  r.reference["prompt"] = "Repeat this.";

  const ts::score_result result = scorer.score(r);
  if (result.status == ts::status::ok || result.status == ts::status::no_answer) {
    const ts::json* list = result.details.find("instructions");
    if (list == nullptr || list->size() != 1) std::abort();
    const ts::json& item = (*list->if_array())[0];
    if (item.find("strict")->as_bool().value_or(false) && !item.find("loose")->as_bool().value_or(false)) std::abort();
  } else if (result.status == ts::status::malformed_record) {
    if (result.field.empty() || result.message.empty()) std::abort();
  } else {
    std::abort();
  }

  // The text primitives on their own, on the raw response.
  const std::u32string text = py::decode_utf8(response);
  const ins::punkt_tokenizer punkt(fallback);
  for (const auto& span : punkt.sentences(text)) {
    if (span.start > span.stop || span.stop > text.size()) std::abort();
  }
  (void)ins::word_tokenize(text, punkt);
  (void)detector.detect(text);
  (void)ins::python_json::loads_ok(text);
  return 0;
}
