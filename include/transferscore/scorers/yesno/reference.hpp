#pragma once
// Reference mode: a yes/no judgement from free text. The response is folded to ASCII (NFKC),
// then the LAST statement of an answer decides:
//
//   boxed         \boxed{Yes}, \boxed{\text{no}};
//   cue           an answer cue whose answer decides: "Answer: yes", "**Final Answer**: No",
//                 "the answer is yes", "Judgement: No", "#Your Judgement#: Yes", "答案：是",
//                 "判断：不是", "回答: いいえ", "정답: 아니요";
//   conclusion    "I'd say no", "I would say yes", "so, no.";
//   leading_word  the first line opens with an answer word: "No, because ...", "Yep, it
//                 holds", "Nah.", "是的", "いいえ", "아니요";
//   last_line     the last line opens with an answer word or holds exactly one of yes / no;
//
// and for HaluEval (benchmark halueval, or a reference.hallucination gold) the benchmark's
// own judgement words on the first line, the last line and after a cue: "This is
// hallucinated." is yes, "No hallucination here." and "Nothing in it is made up." are no.
// An answer text decides when it opens with an answer word (but not "yes or no"), holds
// exactly one of yes / no, or (HaluEval) its judgement words agree. A leading word that a
// later line contradicts ("No\nActually, it is hallucinated.") gives way to the later one.
// Nothing decides, or the last statement is doubted by the text after it: no answer.

#include <transferscore/config.hpp>
#include <transferscore/detail/answer_cue.hpp>
#include <transferscore/detail/latex_box.hpp>
#include <transferscore/detail/short_answer.hpp>
#include <transferscore/detail/text.hpp>
#include <transferscore/scorers/yesno/words.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace yesno {

enum class answer_source : std::uint8_t { none, boxed, cue, conclusion, leading_word, last_line };

[[nodiscard]] constexpr std::string_view to_string(answer_source s) noexcept {
  switch (s) {
    case answer_source::none: return "none";
    case answer_source::boxed: return "boxed";
    case answer_source::cue: return "cue";
    case answer_source::conclusion: return "conclusion";
    case answer_source::leading_word: return "leading_word";
    case answer_source::last_line: return "last_line";
  }
  return "none";
}

struct judgement {
  bool yes = false;
  answer_source source = answer_source::none;
  bool doubted = false;  ///< nothing found because the last statement is doubted
  [[nodiscard]] bool found() const noexcept { return source != answer_source::none; }
};

/// How much of the response end the cue and line steps read.
inline constexpr std::size_t reference_window_bytes = 16384;

namespace detail {

/// Which of the whole words yes / no `s` holds (words as Python's \w+ runs).
struct words_found {
  bool yes = false;
  bool no = false;
  std::optional<bool> first;  ///< the first word of `s`, when it is yes or no
  bool hedge = false;         ///< "yes or no", "no and yes" at the start
};

[[nodiscard]] inline words_found scan_words(std::string_view s) {
  words_found out;
  std::size_t word_index = 0;
  std::optional<bool> previous;  // the last word was yes/no
  bool joined = false;           // ... followed by "or" / "and"
  for (std::size_t i = 0; i < s.size();) {
    std::size_t length = 0;
    if (!transferscore::detail::is_python_word(transferscore::detail::decode_at(s, i, length))) {
      i += length;
      continue;
    }
    std::size_t end = i;
    while (end < s.size()) {
      std::size_t n = 0;
      if (!transferscore::detail::is_python_word(transferscore::detail::decode_at(s, end, n))) break;
      end += n;
    }
    const std::string_view w = s.substr(i, end - i);
    auto lower_is = [&](std::string_view want) {
      if (w.size() != want.size()) return false;
      for (std::size_t k = 0; k < w.size(); ++k) {
        if (ascii_lower(w[k]) != want[k]) return false;
      }
      return true;
    };
    const bool is_yes = lower_is("yes");
    bool is_no = lower_is("no");
    if (is_no && end + 1 < s.size() && s[end] == ' ' && s[end + 1] >= 'a' && s[end + 1] <= 'z') {
      // "no obstacle", "no way to reach it": a determiner, unless a continuation follows ("no it is not").
      bool continuation = false;
      for (std::string_view c : continuations) continuation = continuation || ascii_word_at(s, end + 1, c);
      is_no = continuation;
    }
    out.yes = out.yes || is_yes;
    out.no = out.no || is_no;
    if (word_index == 0 && (is_yes || is_no)) out.first = is_yes;
    if (word_index == 2 && joined && previous && (is_yes || is_no) && *previous != is_yes) out.hedge = true;
    joined = word_index == 1 && out.first && (lower_is("or") || lower_is("and"));
    if (word_index == 0) previous = out.first;
    ++word_index;
    i = end;
  }
  return out;
}

/// The judgement an answer text gives: its opening word (yes/no, informal, CJK), else the
/// only one of yes/no in it, else (HaluEval) its judgement words.
[[nodiscard]] inline std::optional<bool> decide(std::string_view s, bool halueval) {
  const words_found w = scan_words(s);
  if (w.hedge) return std::nullopt;
  if (auto opening = opening_word(s)) return opening;
  if (w.first) return w.first;
  if (w.yes != w.no) return w.yes;
  if (halueval) return halueval_judgement(s);
  return std::nullopt;
}

/// The opening of a line decides ("No, because ...", "Nah.", "This is hallucinated.").
[[nodiscard]] inline std::optional<bool> line_opening(std::string_view line, bool halueval) {
  const words_found w = scan_words(line);
  if (w.hedge) return std::nullopt;
  if (auto opening = opening_word(line)) return opening;
  if (halueval) return halueval_judgement(line);
  return std::nullopt;
}

inline constexpr transferscore::detail::answer_cue cues[] = {
    {"answer", true, false},   {"judgement", true, true}, {"judgment", true, true},
    {"verdict", true, true},   {"conclusion", true, true},
};

struct statement {
  std::size_t at = std::string_view::npos;
  std::size_t end = 0;
  bool yes = false;
  answer_source source = answer_source::none;
  bool tentative = false;  ///< "maybe the answer is yes": final only when nothing follows it
  [[nodiscard]] bool found() const noexcept { return at != std::string_view::npos; }
};

/// The line of answer text that starts at `start` (after at most two line breaks).
[[nodiscard]] inline std::optional<std::string_view> answer_line(std::string_view s, std::size_t& start) {
  int newlines = 0;
  while (start < s.size() && (transferscore::detail::is_line_blank(s[start]) || s[start] == '*' || s[start] == '_' || s[start] == '#')) {
    if (s[start] == '\n' && ++newlines > 2) return std::nullopt;
    ++start;
  }
  std::size_t end = s.find('\n', start);
  if (end == std::string_view::npos) end = s.size();
  return s.substr(start, end - start);
}

/// Where the first sentence of an answer line that starts at `start` ends.
[[nodiscard]] inline std::size_t sentence_end(std::string_view s, std::size_t start, std::size_t line_end) {
  for (std::size_t k = start; k < line_end; ++k) {
    if ((s[k] == '.' || s[k] == '!' || s[k] == '?') && (k + 1 == line_end || s[k + 1] == ' ')) return k + 1;
  }
  return line_end;
}

/// The last cue (English or CJK) whose answer decides.
[[nodiscard]] inline statement cue_from_end(std::string_view s, bool halueval) {
  for (std::size_t i = s.size(); i-- > 0;) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::optional<std::size_t> j;
    if (b >= 0x80) {
      const std::size_t k = transferscore::detail::cjk_cue_at(s, i, true);
      if (k == std::string_view::npos) continue;
      // "答案是：否": the copula 是 is a particle only when an answer follows it.
      std::size_t after_particle = transferscore::detail::skip_cjk_particle(s, k);
      std::size_t start = after_particle;
      if (auto line = answer_line(s, start); after_particle != k && line && decide(*line, halueval)) {
        return {start, sentence_end(s, start, start + line->size()), *decide(*line, halueval), answer_source::cue};
      }
      j = k;
    } else {
      const char c = ascii_lower(s[i]);
      if (c != 'a' && c != 'j' && c != 'v' && c != 'c') continue;
      if (i > 0 && is_ascii_alpha(s[i - 1])) continue;
      for (const auto& cue : cues) {
        if (!transferscore::detail::cue_at(s, i, cue)) continue;
        if (cue.text == "answer" && transferscore::detail::quoted_answer(s, i)) break;
        j = transferscore::detail::after_cue(s, i, cue);
        // HaluEval's "#Your Judgement#: Yes".
        if (!j && i + cue.text.size() + 1 < s.size() && s[i + cue.text.size()] == '#' && s[i + cue.text.size() + 1] == ':') {
          j = i + cue.text.size() + 2;
        }
        if (j) break;
      }
    }
    if (!j) continue;
    const auto frame = transferscore::detail::framing_before(s, i);
    if (frame == transferscore::detail::framing::hypothetical) continue;
    std::size_t start = *j;
    const auto line = answer_line(s, start);
    if (!line) continue;
    if (auto v = decide(*line, halueval)) {
      const bool tentative = frame == transferscore::detail::framing::tentative;
      // A tentative answer ends at its first word: "maybe yes, but ..." goes on.
      std::size_t end = sentence_end(s, start, start + line->size());
      if (tentative) {
        end = start + skip_opening(*line);
        while (end < s.size() && (is_ascii_alpha(s[end]) || static_cast<unsigned char>(s[end]) >= 0x80)) ++end;
      }
      return {start, end, *v, answer_source::cue, tentative};
    }
  }
  return {};
}

/// The last conclusion in prose: "I'd say no", "I would say yes", "so, no.", "so yes".
[[nodiscard]] inline statement conclusion_from_end(std::string_view s) {
  struct phrase {
    std::string_view text;
    bool ends_sentence;
  };
  static constexpr phrase phrases[] = {{"i'd say", false},  {"i would say", false}, {"i'll say", false}, {"i will say", false},
                                       {"i'd go with", false}, {"i'll go with", false}, {"so", true}, {"thus", true},
                                       {"therefore", true}, {"hence", true}};
  for (std::size_t i = s.size(); i-- > 0;) {
    if (!is_ascii_alpha(s[i]) || (i > 0 && is_ascii_alpha(s[i - 1]))) continue;
    for (const auto& p : phrases) {
      if (!ascii_word_at(s, i, p.text)) continue;
      std::size_t j = i + p.text.size();
      while (j < s.size() && (s[j] == ',' || s[j] == ' ' || s[j] == ':' || s[j] == '"' || s[j] == '*')) ++j;
      bool yes = false;
      std::size_t end = 0;
      if (ascii_word_at(s, j, "yes")) {
        yes = true;
        end = j + 3;
      } else if (ascii_word_at(s, j, "no")) {
        end = j + 2;
      } else {
        continue;
      }
      if (p.ends_sentence) {
        std::size_t k = end;
        while (k < s.size() && (s[k] == '*' || s[k] == '"' || s[k] == ' ')) ++k;
        if (k < s.size() && s[k] != '.' && s[k] != '!' && s[k] != '\n' && s[k] != '\r') continue;
      }
      return {j, end, yes, answer_source::conclusion};
    }
  }
  return {};
}

/// The last box that decides.
[[nodiscard]] inline statement box_from_end(std::string_view s, bool halueval) {
  std::size_t limit = s.size();
  bool too_long = false;
  while (auto box = transferscore::detail::last_box_before(s, limit, 4096, too_long)) {
    limit = box->begin;
    if (!box->closed) continue;
    const std::string_view content = transferscore::detail::unwrap_box(s.substr(box->content_begin, box->content_end - box->content_begin));
    if (auto v = decide(content, halueval)) return {box->content_begin, box->content_end + 1, *v, answer_source::boxed};
  }
  return {};
}

/// The last answer word (yes / no / informal) in `s`, for a doubt that comes back to it.
[[nodiscard]] inline std::optional<bool> last_answer_word(std::string_view s) {
  std::optional<bool> found;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!is_ascii_alpha(s[i]) || (i > 0 && is_ascii_alpha(s[i - 1]))) continue;
    if (ascii_word_at(s, i, "yes")) found = true;
    if (ascii_word_at(s, i, "no")) found = false;
  }
  return found;
}

}  // namespace detail

/// The judgement of `response` (see the file comment). `halueval` adds HaluEval's judgement
/// words; `truncated` says the backend reported a cut-off generation.
[[nodiscard]] inline judgement extract_judgement(std::string_view response, bool halueval = false, bool truncated = false) {
  std::string storage;
  std::string_view text = transferscore::detail::folded_view(response, storage);
  text = text.substr(0, transferscore::detail::invented_turn(text, true));  // an invented next question: cut there
  std::string_view tail = text;
  if (tail.size() > reference_window_bytes) tail = tail.substr(tail.size() - reference_window_bytes);
  const std::size_t offset = text.size() - tail.size();

  detail::statement best = detail::box_from_end(text, halueval);
  auto consider = [&](detail::statement st, std::size_t shift) {
    if (!st.found()) return;
    st.at += shift;
    st.end += shift;
    if (!best.found() || st.at > best.at) best = st;
  };
  consider(detail::cue_from_end(tail, halueval), offset);
  consider(detail::conclusion_from_end(tail), offset);
  // The first line's opening and the last line's answer.
  const std::string_view trimmed = transferscore::detail::trim_ascii(text);
  const std::size_t trimmed_at = static_cast<std::size_t>(trimmed.data() - text.data());
  const std::string_view first = transferscore::detail::first_line(trimmed);
  if (auto v = detail::line_opening(first, halueval)) consider({0, detail::sentence_end(first, 0, first.size()), *v, answer_source::leading_word}, trimmed_at);
  const std::string_view last = transferscore::detail::last_nonempty_line(tail);
  const std::size_t last_at = static_cast<std::size_t>(last.data() - text.data());
  if (auto v = detail::line_opening(last, halueval)) {
    consider({0, detail::sentence_end(last, 0, last.size()), *v, answer_source::last_line}, last_at);
  }
  if (!best.found()) {
    // The weakest reading: the last line holds exactly one of the words.
    const detail::words_found w = detail::scan_words(last);
    if (!w.hedge && w.yes != w.no) consider({0, last.size(), w.yes, answer_source::last_line}, last_at);
  }
  if (!best.found()) return {};
  const std::string_view after = text.substr(std::min(best.end, text.size()));
  const std::size_t doubt = transferscore::detail::doubt_marker(after, truncated || transferscore::detail::looks_truncated(text));
  bool doubted = false;
  if (doubt != std::string_view::npos) {
    const auto again = detail::last_answer_word(after.substr(doubt));
    doubted = !again || *again != best.yes;
  }
  // "maybe the answer is yes" is final only when nothing but punctuation follows it.
  if (doubted || (best.tentative && after.find_first_not_of(" \t\r\n.*)") != std::string_view::npos)) {
    judgement out;
    out.doubted = true;
    return out;
  }
  return {best.yes, best.source, false};
}

}  // namespace yesno
TRANSFERSCORE_END_NAMESPACE
