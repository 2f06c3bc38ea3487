// Fuzzes the code family without running anything: both extraction rules, Python's
// Decimal(token), the stdout and functional comparisons, json.loads-style value reading, and
// test reading plus scoring of execution results (the input as a record's reference and as
// its outputs).
// Invariants: nothing crashes, hangs or throws; an official extraction is a piece of the
// input and the study's is no longer than the input; a finite Decimal has a coefficient
// without leading or trailing zeros; the official and tolerance rules judge a text equal to
// itself; a verdict is ok, no_answer or malformed_record, correct only when ok, with every
// test outcome named.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <transferscore/transferscore.hpp>

namespace ts = transferscore;
namespace code = transferscore::code;

namespace {

void check_extraction(std::string_view text) {
  if (const auto program = code::lcb_extract_code(text)) {
    if (text.find(*program) == std::string_view::npos) std::abort();
  }
  if (const auto program = code::study_extract_code(text)) {
    if (program->size() > text.size()) std::abort();
  }
}

void check_decimals(std::string_view text) {
  const std::u32string decoded = ts::compat::py::decode_utf8(text.substr(0, 256));
  for (auto token : ts::compat::py::split_whitespace(decoded)) {
    const auto d = code::parse_python_decimal(token);
    if (!d || d->type != code::py_decimal::kind::finite) continue;
    if (!d->digits.empty() && (d->digits.front() == '0' || d->digits.back() == '0')) std::abort();
    for (char c : d->digits) {
      if (c < '0' || c > '9') std::abort();
    }
    (void)code::decimal_equal(*d, *d);
  }
}

void check_comparisons(std::string_view got, std::string_view expected) {
  (void)code::lcb_stdout_equal(got, expected);
  (void)code::study_stdout_equal(got, expected);
  (void)code::tolerance_stdout_equal(got, expected, {});
  if (!code::lcb_stdout_equal(got, got).equal()) std::abort();
  if (!code::tolerance_stdout_equal(got, got, {}).equal()) std::abort();
  code::value_error error;
  const auto a = code::read_python_value(got, error, true);
  const auto b = code::read_python_value(expected, error, false);
  if (a && b) {
    for (auto rule : {code::functional_rule::lcb, code::functional_rule::study, code::functional_rule::tolerance}) {
      (void)code::functional_equal(*a, *b, rule);
    }
  }
}

void check_scoring(std::string_view text) {
  ts::json value;
  if (ts::io::parse_json(text, value)) return;
  ts::record r;
  r.id = "fuzz";
  r.response = "```python\nprint(1)\n```";
  r.reference = value;
  r.extra["execution"] = ts::json::object();
  r.extra["execution"]["outputs"] = value.is_array() ? value : ts::json::array({value});
  for (const char* mode : {"reference", "paper"}) {
    for (const char* compare : {"auto", "lcb", "exact", "tolerance"}) {
      ts::scorer_options o;
      o.mode = mode;
      o.settings["compare"] = compare;
      const auto result = code::scorer::from_options(o).score(r);
      if (result.status != ts::status::ok && result.status != ts::status::malformed_record && result.status != ts::status::no_answer) {
        std::abort();
      }
      if (result.correct && result.status != ts::status::ok) std::abort();
      if (result.status != ts::status::ok && result.field.empty()) std::abort();
      if (const ts::json* tests = result.details.find("tests")) {
        for (const auto& t : *tests->if_array()) {
          if (t.find("outcome") == nullptr || t.find("outcome")->if_string() == nullptr) std::abort();
        }
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_extraction(text);
  check_decimals(text);
  const std::size_t split = text.find('\x01');
  if (split == std::string_view::npos) {
    check_comparisons(text, text);
  } else {
    check_comparisons(text.substr(0, split), text.substr(split + 1));
  }
  check_scoring(text);
  return 0;
}
