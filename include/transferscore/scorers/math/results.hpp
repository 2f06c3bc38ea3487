#pragma once
// The answers' own vocabulary of the math family, without any of its code: how two answers
// compare, and where an answer was found. Shared by the declarations (interface.hpp) and the
// code (compare.hpp, extract.hpp).

#include <transferscore/config.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace math {

/// The outcome of comparing two answers.
enum class match : std::uint8_t {
  equal,
  different,
  over_budget,
};

enum class answer_source : std::uint8_t { none, boxed, cue, bold, math, last_number, sentence, expression };

[[nodiscard]] constexpr std::string_view to_string(answer_source s) noexcept {
  switch (s) {
    case answer_source::none: return "none";
    case answer_source::boxed: return "boxed";
    case answer_source::cue: return "cue";
    case answer_source::bold: return "bold";
    case answer_source::math: return "math";
    case answer_source::last_number: return "last_number";
    case answer_source::sentence: return "sentence";
    case answer_source::expression: return "expression";
  }
  return "none";
}

struct extraction {
  std::string answer;                        ///< the answer text (boxes joined with ", ")
  answer_source source = answer_source::none;
  std::size_t boxes = 0;                     ///< how many boxes were joined
  bool unterminated_box = false;             ///< the last box was never closed (a cut-off response)
  bool too_long = false;                     ///< the response or its last box is over the byte budget
  const char* unfinished = nullptr;          ///< why the response states no answer: it is cut off or loops

  [[nodiscard]] bool found() const noexcept { return source != answer_source::none; }
};

}  // namespace math
TRANSFERSCORE_END_NAMESPACE
