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

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
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

/// The eight loose variants of a response, in the original's order:
///   0 response                      4 "\n".join(lines[1:-1]).strip()
///   1 response.replace("*", "")     5-7: 2-4 with "*" removed
///   2 "\n".join(lines[1:]).strip()
///   3 "\n".join(lines[:-1]).strip()
/// Every variant is a view into the response or into one star-free copy of it (removing
/// the stars of a slice gives a slice of the star-free text). A variant equal to an
/// earlier one, or blank, is never judged: the original would skip it or repeat a
/// deterministic check that already failed.
class loose_variants {
 public:
  explicit loose_variants(std::u32string_view response) : response_(response) {}

  /// Variant `i`, or nullopt when it is blank or equal to an earlier variant.
  [[nodiscard]] std::optional<std::u32string_view> get(std::size_t i) {
    if (!built_) build();
    if (!judged_[i]) return std::nullopt;
    return text_[i];
  }

 private:
  void build() {
    built_ = true;
    const std::u32string_view r = response_;
    std::size_t from[loose_variant_count] = {0, 0, 0, 0, 0, 0, 0, 0};
    std::size_t to[loose_variant_count] = {r.size(), r.size(), 0, 0, 0, 0, 0, 0};
    const std::size_t first_nl = r.find(U'\n'), last_nl = r.rfind(U'\n');
    auto strip = [&r](std::size_t& a, std::size_t& b) {
      while (a < b && compat::py::is_space(r[a])) ++a;
      while (b > a && compat::py::is_space(r[b - 1])) --b;
    };
    if (first_nl != std::u32string_view::npos) {  // one line: lines[1:] and the rest are empty
      from[2] = first_nl + 1, to[2] = r.size();
      from[3] = 0, to[3] = last_nl;
      if (last_nl > first_nl) from[4] = first_nl + 1, to[4] = last_nl;
      for (std::size_t i = 2; i <= 4; ++i) strip(from[i], to[i]);
    }
    for (std::size_t i = 0; i <= 4; ++i) text_[i] = r.substr(from[i], to[i] - from[i]);

    const bool stars = r.find(U'*') != std::u32string_view::npos;
    if (stars) {
      // The copy is made piece by piece between the ten bounds, in text order: where the
      // copy has got to when it reaches a bound is where that bound falls in it.
      std::array<std::size_t, 10> cuts{};
      for (std::size_t i = 0; i <= 4; ++i) cuts[2 * i] = from[i], cuts[2 * i + 1] = to[i];
      std::sort(cuts.begin(), cuts.end());
      std::array<std::size_t, 10> mapped{};
      star_free_.resize(r.size());
      char32_t* const out = star_free_.data();
      char32_t* w = out;
      std::size_t done = 0;
      for (std::size_t c = 0; c < cuts.size(); ++c) {
        w = std::remove_copy(r.data() + done, r.data() + cuts[c], w, U'*');
        done = cuts[c];
        mapped[c] = static_cast<std::size_t>(w - out);
      }
      w = std::remove_copy(r.data() + done, r.data() + r.size(), w, U'*');
      star_free_.resize(static_cast<std::size_t>(w - out));
      auto in_copy = [&](std::size_t p) {
        return mapped[static_cast<std::size_t>(std::lower_bound(cuts.begin(), cuts.end(), p) - cuts.begin())];
      };
      std::size_t bound_from[loose_variant_count] = {}, bound_to[loose_variant_count] = {};
      for (std::size_t i = 0; i <= 4; ++i) bound_from[i] = in_copy(from[i]), bound_to[i] = in_copy(to[i]);
      const std::u32string_view s = star_free_;
      text_[1] = s.substr(bound_from[0], bound_to[0] - bound_from[0]);
      for (std::size_t i = 2; i <= 4; ++i) text_[i + 3] = s.substr(bound_from[i], bound_to[i] - bound_from[i]);
    }
    for (std::size_t i = 0; i < loose_variant_count; ++i) {
      if (!stars && (i == 1 || i >= 5)) {
        judged_[i] = false;  // the same text as variant 0, 2, 3 or 4
        continue;
      }
      judged_[i] = !compat::py::is_blank(text_[i]);
      for (std::size_t j = 0; judged_[i] && j < i; ++j) judged_[i] = !(judged_[j] && text_[j] == text_[i]);
      // A blank earlier variant was not judged, but a blank text cannot equal a judged one.
    }
  }

  std::u32string_view response_;
  std::u32string star_free_;
  std::array<std::u32string_view, loose_variant_count> text_{};
  std::array<bool, loose_variant_count> judged_{};
  bool built_ = false;
};

struct instruction_outcome {
  bool strict = false;
  bool loose = false;
  int loose_variant = -1;  ///< the first variant that passed, -1 when none
};

/// Evaluates every instruction on `response`, strict and loose. The facts computed about
/// a variant (sentences, words, language...) are shared by all the instructions, and the
/// variants are made only when some instruction fails strict.
[[nodiscard]] inline std::vector<instruction_outcome> evaluate(const std::vector<instruction>& list,
                                                               std::u32string_view response, const check_env& shared_env) {
  std::vector<instruction_outcome> out(list.size());
  if (compat::py::is_blank(response)) return out;
  sentence_memo memo;
  const check_env env{shared_env.punkt, shared_env.detector, &memo};

  loose_variants variants(response);
  std::array<std::optional<response_text>, loose_variant_count> texts;
  texts[0].emplace(response);
  for (std::size_t k = 0; k < list.size(); ++k) {
    out[k].strict = check(list[k], *texts[0], env);
    if (out[k].strict) {
      out[k].loose = true;
      out[k].loose_variant = 0;
      continue;
    }
    for (std::size_t i = 1; i < loose_variant_count; ++i) {
      const auto text = variants.get(i);
      if (!text) continue;
      if (!texts[i]) texts[i].emplace(*text);
      if (check(list[k], *texts[i], env)) {
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
