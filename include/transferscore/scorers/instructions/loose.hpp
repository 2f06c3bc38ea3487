#pragma once
// Strict and loose evaluation of a prompt's instructions, exactly as evaluation_lib.py:
// strict = check(response) on a non-blank response; loose = the first of eight variants
// (the response; without '*'; without its first line; without its last line; without
// both; and those three without '*') that is non-blank after strip() and passes.

#include <transferscore/config.hpp>
#include <transferscore/scorers/instructions/checks_format.hpp>
#include <transferscore/scorers/instructions/checks_keywords.hpp>
#include <transferscore/scorers/instructions/checks_length.hpp>
#include <transferscore/scorers/instructions/checks_text.hpp>
#include <transferscore/scorers/instructions/instruction.hpp>

#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace instructions {

/// instruction.check_following(text) for a non-blank text.
[[nodiscard]] inline bool check(const instruction& in, response_text& t, const check_env& env) {
  switch (in.kind) {
    case kind::keywords_existence: return checks::keywords_existence(in, t);
    case kind::keywords_frequency: return checks::keywords_frequency(in, t);
    case kind::keywords_forbidden_words: return checks::keywords_forbidden_words(in, t);
    case kind::keywords_letter_frequency: return checks::keywords_letter_frequency(in, t);
    case kind::language_response_language: return checks::response_language(in, t, env);
    case kind::number_sentences: return checks::number_sentences(in, t, env);
    case kind::number_paragraphs: return checks::number_paragraphs(in, t);
    case kind::number_words: return checks::number_words(in, t);
    case kind::nth_paragraph_first_word: return checks::nth_paragraph_first_word(in, t);
    case kind::number_placeholders: return checks::number_placeholders(in, t);
    case kind::postscript: return checks::postscript(in, t);
    case kind::number_bullet_lists: return checks::number_bullet_lists(in, t);
    case kind::constrained_response: return checks::constrained_response(t);
    case kind::number_highlighted_sections: return checks::number_highlighted_sections(in, t);
    case kind::multiple_sections: return checks::multiple_sections(in, t);
    case kind::json_format: return checks::json_format(t);
    case kind::title: return checks::title(t);
    case kind::two_responses: return checks::two_responses(t);
    case kind::repeat_prompt: return checks::repeat_prompt(in, t);
    case kind::end_checker: return checks::end_checker(in, t);
    case kind::quotation: return checks::quotation(t);
    case kind::capital_word_frequency: return checks::capital_word_frequency(in, t, env);
    case kind::english_capital: return checks::english_capital(t, env);
    case kind::english_lowercase: return checks::english_lowercase(t, env);
    case kind::no_comma: return checks::no_comma(t);
  }
  return false;
}

inline constexpr std::size_t loose_variant_count = 8;

namespace loose_detail {
[[nodiscard]] inline std::u32string without_stars(std::u32string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (char32_t c : s) {
    if (c != '*') out.push_back(c);
  }
  return out;
}
}  // namespace loose_detail

/// The eight loose variants of `response`, in the original's order.
[[nodiscard]] inline std::array<std::u32string, loose_variant_count> loose_variants(std::u32string_view r) {
  const std::size_t first_nl = r.find(U'\n');
  const std::size_t last_nl = r.rfind(U'\n');
  std::u32string_view drop_first, drop_last, drop_both;  // "\n".join(lines[1:]) etc.
  if (first_nl != std::u32string_view::npos) {
    drop_first = r.substr(first_nl + 1);
    drop_last = r.substr(0, last_nl);
    if (last_nl > first_nl) drop_both = r.substr(first_nl + 1, last_nl - first_nl - 1);
  }
  std::array<std::u32string, loose_variant_count> v;
  v[0] = std::u32string(r);
  v[1] = loose_detail::without_stars(r);
  v[2] = std::u32string(py::strip(drop_first));
  v[3] = std::u32string(py::strip(drop_last));
  v[4] = std::u32string(py::strip(drop_both));
  v[5] = loose_detail::without_stars(v[2]);
  v[6] = loose_detail::without_stars(v[3]);
  v[7] = loose_detail::without_stars(v[4]);
  return v;
}

struct instruction_outcome {
  bool strict = false;
  bool loose = false;
  int loose_variant = -1;  ///< the first variant that passed, -1 when none
};

/// Evaluates every instruction on `response`, strict and loose. Identical variants share
/// their computed facts, and a variant is built only when some instruction needs it.
[[nodiscard]] inline std::vector<instruction_outcome> evaluate(const std::vector<instruction>& list,
                                                               std::u32string_view response, const check_env& shared_env) {
  std::vector<instruction_outcome> out(list.size());
  if (py::is_blank(response)) return out;
  sentence_memo memo;
  const check_env env{shared_env.punkt, shared_env.detector, &memo};

  std::array<std::u32string, loose_variant_count> texts;
  std::array<std::unique_ptr<response_text>, loose_variant_count> variants;
  std::array<int, loose_variant_count> same_as{};  // index of the first identical variant
  bool built = false;
  auto variant = [&](std::size_t i) -> response_text* {
    if (i == 0) {
      if (!variants[0]) variants[0] = std::make_unique<response_text>(std::u32string(response));
      return variants[0].get();
    }
    if (!built) {
      texts = loose_variants(response);
      for (std::size_t a = 0; a < loose_variant_count; ++a) {
        same_as[a] = static_cast<int>(a);
        for (std::size_t b = 0; b < a; ++b) {
          if (texts[b] == texts[a]) {
            same_as[a] = static_cast<int>(b);
            break;
          }
        }
      }
      built = true;
    }
    const auto home = static_cast<std::size_t>(same_as[i]);
    if (home != i) return nullptr;  // already tried: same text as an earlier variant
    if (!variants[i]) {
      if (py::is_blank(texts[i])) return nullptr;
      variants[i] = std::make_unique<response_text>(std::move(texts[i]));
    }
    return variants[i].get();
  };

  for (std::size_t k = 0; k < list.size(); ++k) {
    response_text* r = variant(0);
    out[k].strict = check(list[k], *r, env);
    if (out[k].strict) {
      out[k].loose = true;
      out[k].loose_variant = 0;
      continue;
    }
    for (std::size_t i = 1; i < loose_variant_count; ++i) {
      response_text* v = variant(i);
      if (v == nullptr) continue;
      if (check(list[k], *v, env)) {
        out[k].loose = true;
        out[k].loose_variant = static_cast<int>(i);
        break;
      }
    }
  }
  return out;
}

}  // namespace instructions
TRANSFERSCORE_END_NAMESPACE
