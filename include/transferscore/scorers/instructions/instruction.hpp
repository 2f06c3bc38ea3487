#pragma once
// One parsed IFEval instruction (id + kwargs), and the text a checker looks at: a response
// variant with lazily computed facts (lower-cased text, word, sentence and capital-word
// counts, detected language) shared by every instruction of the same record.

#include <transferscore/config.hpp>
#include <transferscore/scorers/instructions/langdetect.hpp>
#include <transferscore/scorers/instructions/punkt.hpp>
#include <transferscore/scorers/instructions/python_regex.hpp>
#include <transferscore/compat/python_str.hpp>
#include <transferscore/scorers/instructions/word_tokenize.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace instructions {

enum class kind : unsigned char {
  keywords_existence,
  keywords_frequency,
  keywords_forbidden_words,
  keywords_letter_frequency,
  language_response_language,
  number_sentences,
  number_paragraphs,
  number_words,
  nth_paragraph_first_word,
  number_placeholders,
  postscript,
  number_bullet_lists,
  constrained_response,
  number_highlighted_sections,
  multiple_sections,
  json_format,
  title,
  two_responses,
  repeat_prompt,
  end_checker,
  quotation,
  capital_word_frequency,
  english_capital,
  english_lowercase,
  no_comma,
};

struct kind_info {
  std::string_view id;
  instructions::kind kind;
};

/// The 25 instruction ids of IFEval (instructions_registry.py).
inline constexpr std::array<kind_info, 25> kinds{{
    {"keywords:existence", kind::keywords_existence},
    {"keywords:frequency", kind::keywords_frequency},
    {"keywords:forbidden_words", kind::keywords_forbidden_words},
    {"keywords:letter_frequency", kind::keywords_letter_frequency},
    {"language:response_language", kind::language_response_language},
    {"length_constraints:number_sentences", kind::number_sentences},
    {"length_constraints:number_paragraphs", kind::number_paragraphs},
    {"length_constraints:number_words", kind::number_words},
    {"length_constraints:nth_paragraph_first_word", kind::nth_paragraph_first_word},
    {"detectable_content:number_placeholders", kind::number_placeholders},
    {"detectable_content:postscript", kind::postscript},
    {"detectable_format:number_bullet_lists", kind::number_bullet_lists},
    {"detectable_format:constrained_response", kind::constrained_response},
    {"detectable_format:number_highlighted_sections", kind::number_highlighted_sections},
    {"detectable_format:multiple_sections", kind::multiple_sections},
    {"detectable_format:json_format", kind::json_format},
    {"detectable_format:title", kind::title},
    {"combination:two_responses", kind::two_responses},
    {"combination:repeat_prompt", kind::repeat_prompt},
    {"startend:end_checker", kind::end_checker},
    {"startend:quotation", kind::quotation},
    {"change_case:capital_word_frequency", kind::capital_word_frequency},
    {"change_case:english_capital", kind::english_capital},
    {"change_case:english_lowercase", kind::english_lowercase},
    {"punctuation:no_comma", kind::no_comma},
}};

[[nodiscard]] inline std::optional<kind> kind_from_id(std::string_view id) noexcept {
  for (const auto& k : kinds) {
    if (k.id == id) return k.kind;
  }
  return std::nullopt;
}

/// The 30 language codes IFEval accepts (instructions_util.LANGUAGE_CODES).
inline constexpr std::array<std::string_view, 30> language_codes{
    "en", "es", "pt", "ar", "hi", "fr", "ru", "de", "ja", "it", "bn", "uk", "th", "ur", "ta",
    "te", "bg", "ko", "pl", "he", "fa", "vi", "ne", "sw", "kn", "mr", "gu", "pa", "ml", "fi"};

enum class relation : unsigned char { less_than, at_least };

[[nodiscard]] inline bool compare(std::int64_t count, relation r, std::int64_t n) noexcept {
  return r == relation::less_than ? count < n : count >= n;
}

enum class postscript_marker : unsigned char { pps, ps, other };

/// An instruction with its arguments, ready to check.
struct instruction {
  instructions::kind kind{};
  std::string id;
  std::vector<python_regex::pattern> patterns;  ///< keywords, forbidden words, keyword, splitter, marker
  std::int64_t number = 0;                       ///< the N of every count
  std::int64_t nth = 0;                          ///< nth_paragraph
  relation rel = relation::at_least;
  std::u32string text;      ///< first_word / end_phrase / prompt_to_repeat (prepared), letter
  std::string language;     ///< response_language
  postscript_marker marker = postscript_marker::ps;
};

/// Upper-case token counts of sentences already tokenized for this response.
class sentence_memo {
 public:
  [[nodiscard]] std::size_t upper_tokens(std::u32string_view sentence) {
    if (const auto n = upper_tokens_untokenized(sentence)) return *n;  // no need to remember
    if (auto it = seen_.find(sentence); it != seen_.end()) return it->second;
    const std::size_t n = upper_token_count(sentence);
    seen_.emplace(std::u32string(sentence), n);
    return n;
  }

 private:
  punkt_detail::u32_map<std::size_t> seen_;
};

/// A response variant (a view: the caller keeps the text alive) and the facts computed
/// about it, at most once each.
class response_text {
 public:
  explicit response_text(std::u32string_view cps) : cps_(cps) {}

  [[nodiscard]] std::u32string_view cps() const noexcept { return cps_; }
  [[nodiscard]] const std::string& utf8() {
    if (!utf8_) utf8_ = compat::py::encode_utf8(cps_);
    return *utf8_;
  }
  [[nodiscard]] const std::u32string& lowered() {
    if (!lowered_) lowered_ = compat::py::lower(cps_);
    return *lowered_;
  }
  [[nodiscard]] std::size_t words() {
    if (!words_) words_ = compat::py::count_words(cps_);
    return *words_;
  }
  [[nodiscard]] const std::vector<punkt_tokenizer::span>& sentence_spans(const punkt_tokenizer& punkt) {
    if (!spans_) spans_ = punkt.sentences(cps_);
    return *spans_;
  }
  [[nodiscard]] std::size_t sentences(const punkt_tokenizer& punkt) { return sentence_spans(punkt).size(); }
  /// Upper-case word_tokenize tokens; `memo` remembers counts per sentence across the
  /// variants of one response (they share most of their sentences).
  [[nodiscard]] std::size_t capital_words(const punkt_tokenizer& punkt, sentence_memo& memo) {
    if (!capitals_) {
      std::size_t n = 0;
      for (const auto& span : sentence_spans(punkt)) {
        n += memo.upper_tokens(std::u32string_view(cps_).substr(span.start, span.stop - span.start));
      }
      capitals_ = n;
    }
    return *capitals_;
  }
  /// detect(text); nullopt where langdetect raises.
  [[nodiscard]] std::optional<std::string_view> language(const language_detector& detector) {
    if (!language_) language_ = detector.detect(cps_);
    return *language_;
  }

 private:
  std::u32string_view cps_;
  std::optional<std::string> utf8_;
  std::optional<std::u32string> lowered_;
  std::optional<std::size_t> words_, capitals_;
  std::optional<std::vector<punkt_tokenizer::span>> spans_;
  std::optional<std::optional<std::string_view>> language_;
};

/// The UTF-8 text a pattern needs: only RE2-backed patterns read it (literals use code points).
[[nodiscard]] inline std::string_view utf8_for(const python_regex::pattern& p, response_text& t) {
  return p.is_literal() ? std::string_view{} : std::string_view(t.utf8());
}

/// What the checks need besides the text (`memo` is per response, not shared).
struct check_env {
  const punkt_tokenizer& punkt;
  const language_detector& detector;
  sentence_memo* memo = nullptr;
};

}  // namespace instructions
TRANSFERSCORE_END_NAMESPACE
