#pragma once
// SQuAD-style answer normalisation, as CoQA's evaluate-v1.0.py and transformers'
// squad_metrics (which lm-eval's coqa task calls) define it, with Python's str semantics:
//
//   normalize_answer(s) = white_space_fix(remove_articles(remove_punc(lower(s))))
//     lower            str.lower(): full Unicode mapping ("ÉCOLE" -> "école")
//     remove_punc      drops string.punctuation, ASCII only (curly quotes and "…" stay)
//     remove_articles  re.sub(r'\b(a|an|the)\b', ' ', text) with Unicode \b
//     white_space_fix  ' '.join(text.split()): Unicode white space
//   get_tokens(s)     = normalize_answer(s).split()
//
// Python's str model comes from the instructions family's tables (CPython's Unicode data).

#include <transferscore/config.hpp>
#include <transferscore/detail/text.hpp>
#include <transferscore/compat/python_str.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace qa {

/// An answer after normalize_answer, with its tokens sorted (for multiset intersection).
struct normalized_answer {
  std::u32string text;
  std::vector<std::u32string> tokens;  ///< sorted
};

namespace detail {

[[nodiscard]] inline bool is_article_at(std::u32string_view s, std::size_t i, std::size_t& length) noexcept {
  namespace py = compat::py;
  if (!py::word_boundary(s, i)) return false;
  for (std::u32string_view article : {std::u32string_view(U"a"), std::u32string_view(U"an"), std::u32string_view(U"the")}) {
    if (s.substr(i, article.size()) == article && py::word_boundary(s, i + article.size())) {
      length = article.size();
      return true;
    }
  }
  return false;
}

}  // namespace detail

/// normalize_answer on UTF-8 text (invalid bytes read as U+FFFD).
[[nodiscard]] inline normalized_answer normalize(std::string_view answer) {
  namespace py = compat::py;
  const std::u32string lowered = py::lower(py::decode_utf8(answer));
  std::u32string kept;
  kept.reserve(lowered.size());
  for (char32_t c : lowered) {
    if (c < 0x80 && transferscore::detail::is_ascii_punct(static_cast<char>(c))) continue;
    kept.push_back(c);
  }
  std::u32string spaced;
  spaced.reserve(kept.size());
  for (std::size_t i = 0; i < kept.size();) {
    std::size_t length = 0;
    if (detail::is_article_at(kept, i, length)) {
      spaced.push_back(U' ');
      i += length;
    } else {
      spaced.push_back(kept[i++]);
    }
  }
  normalized_answer out;
  for (std::u32string_view token : py::split_whitespace(spaced)) {
    if (!out.text.empty()) out.text.push_back(U' ');
    out.text.append(token);
    out.tokens.emplace_back(token);
  }
  std::sort(out.tokens.begin(), out.tokens.end());
  return out;
}

/// normalize_answer as UTF-8.
[[nodiscard]] inline std::string normalize_answer(std::string_view answer) { return compat::py::encode_utf8(normalize(answer).text); }

}  // namespace qa
TRANSFERSCORE_END_NAMESPACE
