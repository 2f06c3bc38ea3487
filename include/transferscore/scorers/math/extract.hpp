#pragma once
// Finds the final answer in a full response (after the reasoning-trace policy):
//
//   1. boxes: \boxed{...} (nested braces), \boxed 5, \fbox{...}; the last one, or the last k
//      when the gold lists k items and the last box holds fewer (box_policy);
//   2. the last answer cue: "final answer is", "the answer is", "Answer:", "####", and the
//      multilingual cues 答案 / 最终答案 / 答え / Antwort / Réponse / Respuesta / Ответ, with an
//      ASCII or full-width colon; a negated cue ("the answer is not 12; it is 15") takes the
//      value after the negation;
//   3. a bold markdown answer on the last line (**73**);
//   4. the last $...$, $$...$$, \(...\) or \[...\] span;
//   5. the last number (when last_number_fallback is on).
//
// Every step scans from the end of the response and stops at the first hit, so the cost
// does not grow with long reasoning before the answer.

#include <transferscore/config.hpp>
#include <transferscore/detail/answer_cue.hpp>
#include <transferscore/detail/latex_box.hpp>
#include <transferscore/detail/text.hpp>
#include <transferscore/scorers/math/options.hpp>
#include <transferscore/scorers/math/unicode.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace math {

enum class answer_source : std::uint8_t { none, boxed, cue, bold, math, last_number };

[[nodiscard]] constexpr std::string_view to_string(answer_source s) noexcept {
  switch (s) {
    case answer_source::none: return "none";
    case answer_source::boxed: return "boxed";
    case answer_source::cue: return "cue";
    case answer_source::bold: return "bold";
    case answer_source::math: return "math";
    case answer_source::last_number: return "last_number";
  }
  return "none";
}

struct extraction {
  std::string answer;                        ///< the answer text (boxes joined with ", ")
  answer_source source = answer_source::none;
  std::size_t boxes = 0;                     ///< how many boxes were joined
  bool unterminated_box = false;             ///< the last box was never closed (a cut-off response)
  bool too_long = false;                     ///< the response or its last box is over the byte budget

  [[nodiscard]] bool found() const noexcept { return source != answer_source::none; }
};

namespace detail {

[[nodiscard]] constexpr bool is_ascii_letter(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
[[nodiscard]] constexpr bool is_blank(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
[[nodiscard]] constexpr char lower_ascii(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

using transferscore::detail::box_span;
using transferscore::detail::last_box_before;

/// Top-level items of an answer: "2, 3" has two, "(2, 3)" and "1,000" one.
[[nodiscard]] inline std::size_t count_items(std::string_view s) {
  std::size_t items = 1;
  int depth = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\\' && i + 1 < s.size() && (s[i + 1] == '{' || s[i + 1] == '}')) {
      depth += s[i + 1] == '{' ? 1 : -1;
      ++i;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') ++depth;
    if (c == ')' || c == ']' || c == '}') --depth;
    if (depth > 0) continue;
    if (c == ';') ++items;
    if (c == ',') {
      // 1,000 is one number
      const bool digit_before = i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9';
      const bool three_after = i + 4 <= s.size() &&
                               s.substr(i + 1, 3).find_first_not_of("0123456789") == std::string_view::npos &&
                               (i + 4 == s.size() || !(s[i + 4] >= '0' && s[i + 4] <= '9'));
      if (!(digit_before && three_after)) ++items;
    }
    if ((c == 'o' || c == 'a') && i > 0 && (s[i - 1] == ' ' || s[i - 1] == '{')) {
      if (s.substr(i, 3) == "or " || s.substr(i, 4) == "and ") ++items;
    }
  }
  return items;
}

/// Two boxes joined by "or", "and", a comma or nothing but spacing ("x = \boxed{-1} or
/// x = \boxed{3}") are one answer: a list, or a hedge between values.
[[nodiscard]] inline bool joins_boxes(std::string_view gap) {
  if (gap.size() > 70) return false;
  bool connective = gap.find_first_not_of(" \t$") == std::string_view::npos;
  for (std::size_t i = 0; i < gap.size(); ++i) {
    const char c = gap[i];
    if (c == '.' && (i + 1 == gap.size() || gap[i + 1] == ' ' || gap[i + 1] == '\n')) return false;  // a sentence ends
    if (c == '\n' && i + 1 < gap.size() && gap[i + 1] == '\n') return false;
    if (c == ',' || c == ';') connective = true;
    if ((c == 'o' || c == 'a') && (i == 0 || !is_ascii_letter(gap[i - 1]))) {
      const std::string_view w = gap.substr(i, c == 'o' ? 2 : 3);
      const std::size_t after = i + w.size();
      if ((w == "or" || w == "and") && (after >= gap.size() || !is_ascii_letter(gap[after]))) connective = true;
    }
  }
  return connective;
}

[[nodiscard]] inline std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

/// Drops what surrounds an answer: spaces, markdown emphasis, a trailing sentence period.
[[nodiscard]] inline std::string_view tidy(std::string_view s) {
  while (true) {
    const std::size_t before = s.size();
    s = trim(s);
    while (!s.empty() && (s.front() == '*' || s.front() == '_')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == '*' || s.back() == '_')) s.remove_suffix(1);
    while (!s.empty() && (s.back() == '.' || s.back() == ',' || s.back() == ';' || s.back() == ':' || s.back() == '!')) {
      s.remove_suffix(1);
    }
    if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x82") s.remove_suffix(3);  // 。
    if (s.size() == before) return s;
  }
}

/// The math span that starts at s[i] ($..$, $$..$$, \(..\), \[..\]); npos end when none.
[[nodiscard]] inline std::optional<std::pair<std::size_t, std::size_t>> math_span_at(std::string_view s, std::size_t i) {
  auto closing = [&](std::string_view open, std::string_view close) -> std::optional<std::pair<std::size_t, std::size_t>> {
    if (s.substr(i, open.size()) != open) return std::nullopt;
    const std::size_t start = i + open.size();
    const std::size_t end = s.find(close, start);
    if (end == std::string_view::npos) return std::nullopt;
    return std::make_pair(start, end);
  };
  if (auto r = closing("$$", "$$")) return r;
  if (auto r = closing("\\[", "\\]")) return r;
  if (auto r = closing("\\(", "\\)")) return r;
  if (s.substr(i, 1) == "$") {
    const std::size_t start = i + 1;
    const std::size_t end = s.find('$', start);
    if (end == std::string_view::npos) return std::nullopt;
    // An inline span does not cross a blank line.
    if (s.substr(start, end - start).find("\n\n") != std::string_view::npos) return std::nullopt;
    return std::make_pair(start, end);
  }
  return std::nullopt;
}

using cue = transferscore::detail::answer_cue;
using transferscore::detail::after_cue;
using transferscore::detail::cue_at;

inline constexpr cue cues[] = {
    {"answer", true, false},
    {"####", true, false},
    {"antwort", true, true},
    {"reponse", true, true},
    {"respuesta", true, true},
    {"r\xC3\xA9ponse", false, true},  // Réponse
    {"R\xC3\xA9ponse", false, true},
    {"\xE7\xAD\x94\xE6\xA1\x88", false, false},  // 答案
    {"\xE7\xAD\x94\xE3\x81\x88", false, false},  // 答え
    {"\xD0\x9E\xD1\x82\xD0\xB2\xD0\xB5\xD1\x82", false, true},  // Ответ
    {"\xD0\xBE\xD1\x82\xD0\xB2\xD0\xB5\xD1\x82", false, true},  // ответ
};

/// The answer text that follows a cue at position j.
[[nodiscard]] inline std::string_view cue_answer(std::string_view s, std::size_t j) {
  // Skip blank space (at most two line breaks) and decoration.
  int newlines = 0;
  while (j < s.size() && (is_blank(s[j]) || s[j] == '*' || s[j] == '_')) {
    if (s[j] == '\n' && ++newlines > 2) return {};
    ++j;
  }
  if (j >= s.size()) return {};
  bool negated = false;
  if (s.size() - j >= 4 && lower_ascii(s[j]) == 'n' && lower_ascii(s[j + 1]) == 'o' && lower_ascii(s[j + 2]) == 't' && s[j + 3] == ' ') {
    negated = true;
  }
  if (!negated) {
    if (auto span = math_span_at(s, j)) return s.substr(span->first, span->second - span->first);
  }
  // Plain text: to the end of the line, then to the end of the sentence.
  std::size_t end = s.find('\n', j);
  if (end == std::string_view::npos) end = s.size();
  std::string_view line = s.substr(j, end - j);
  if (!line.empty() && line.front() == '$' && !negated) line.remove_prefix(1);  // a lone $ is currency
  // A math span in the line is the answer (the last one when the cue is negated).
  std::optional<std::pair<std::size_t, std::size_t>> chosen;
  for (std::size_t k = 0; k < line.size(); ++k) {
    if (line[k] == '$' || (line[k] == '\\' && k + 1 < line.size() && (line[k + 1] == '(' || line[k + 1] == '['))) {
      if (auto span = math_span_at(line, k)) {
        chosen = span;
        if (!negated) break;
        k = span->second;
      }
    }
  }
  if (chosen) return line.substr(chosen->first, chosen->second - chosen->first);
  if (negated) {
    // "not 12; it is 15": what follows the last "is".
    const std::size_t is = line.rfind(" is ");
    if (is == std::string_view::npos) return {};
    line = line.substr(is + 4);
  }
  // Sentence end: ". " or "。", or a clause like ", which".
  for (std::size_t k = 0; k < line.size(); ++k) {
    if (line[k] == '.' && (k + 1 == line.size() || line[k + 1] == ' ')) {
      line = line.substr(0, k);
      break;
    }
    if (line.substr(k, 3) == "\xE3\x80\x82") {
      line = line.substr(0, k);
      break;
    }
    if (line[k] == ',' && k + 1 < line.size() && line[k + 1] == ' ') {
      std::size_t w = k + 2;
      std::size_t e = w;
      while (e < line.size() && is_ascii_letter(line[e])) ++e;
      const std::string_view next = line.substr(w, e - w);
      for (std::string_view stop : {"which", "so", "since", "because", "as", "where", "when", "but", "hence", "thus",
                                    "and", "this", "that", "meaning", "giving", "for"}) {
        if (next == stop && e > w) {
          line = line.substr(0, k);
          break;
        }
      }
    }
  }
  return line;
}

// Bytes a cue can start with (a, A, #, r, R, and the lead bytes of 答 and О/о).
inline constexpr auto cue_first_byte = [] {
  std::array<bool, 256> t{};
  for (unsigned char c : {'a', 'A', '#', 'r', 'R'}) t[c] = true;
  t[0xE7] = true;
  t[0xD0] = true;
  return t;
}();

[[nodiscard]] inline std::optional<std::string_view> last_cue(std::string_view s) {
  for (std::size_t i = s.size(); i-- > 0;) {
    if (!cue_first_byte[static_cast<unsigned char>(s[i])]) continue;
    for (const auto& c : cues) {
      if (!cue_at(s, i, c)) continue;
      if (c.text == "####" && i > 0 && s[i - 1] == '#') continue;  // part of a longer run
      auto j = after_cue(s, i, c);
      if (!j) continue;
      const std::string_view answer = tidy(cue_answer(s, *j));
      if (!answer.empty()) return answer;
    }
  }
  return std::nullopt;
}

/// **X** on the last non-empty line.
[[nodiscard]] inline std::optional<std::string_view> bold_on_last_line(std::string_view s) {
  const std::string_view t = trim(s);
  if (t.empty()) return std::nullopt;
  const std::size_t line_start = t.rfind('\n');
  const std::string_view line = line_start == std::string_view::npos ? t : t.substr(line_start + 1);
  const std::size_t close = transferscore::detail::rfind_fast(line, "**");
  if (close == std::string_view::npos || close < 2) return std::nullopt;
  const std::size_t open = transferscore::detail::rfind_fast(line.substr(0, close), "**");
  if (open == std::string_view::npos || open + 2 >= close) return std::nullopt;
  std::string_view inner = tidy(line.substr(open + 2, close - open - 2));
  if (inner.empty() || inner.size() > 200) return std::nullopt;
  return inner;
}

/// The last $..$ / $$..$$ / \(..\) / \[..\] span.
[[nodiscard]] inline std::optional<std::string_view> last_math_span(std::string_view s) {
  std::size_t best_end = 0;
  std::optional<std::string_view> best;
  auto consider = [&](std::string_view open, std::string_view close) {
    const std::size_t end = transferscore::detail::rfind_fast(s, close);
    if (end == std::string_view::npos || end < best_end) return;
    const std::size_t start = transferscore::detail::rfind_fast(s.substr(0, end), open);
    if (start == std::string_view::npos || start + open.size() > end) return;
    best_end = end;
    best = s.substr(start + open.size(), end - start - open.size());
  };
  consider("\\[", "\\]");
  consider("\\(", "\\)");
  // Dollars: pair the last two unescaped $ (or $$).
  std::size_t last = std::string_view::npos;
  for (std::size_t i = s.size(); i-- > 0;) {
    if (s[i] == '$' && (i == 0 || s[i - 1] != '\\')) {
      last = i;
      break;
    }
  }
  if (last != std::string_view::npos && last >= best_end) {
    const bool display = last > 0 && s[last - 1] == '$';
    const std::size_t close = display ? last - 1 : last;
    std::size_t open = std::string_view::npos;
    for (std::size_t i = close; i-- > 0;) {
      if (s[i] == '$' && (i == 0 || s[i - 1] != '\\')) {
        open = i;
        break;
      }
    }
    if (open != std::string_view::npos) {
      const std::size_t start = open + 1;
      std::string_view inner = s.substr(start, close - start);
      if (!display || inner.find("\n\n") == std::string_view::npos) best = inner;
    }
  }
  if (best) {
    std::string_view t = tidy(*best);
    if (t.empty()) return std::nullopt;
    return t;
  }
  return std::nullopt;
}

/// The last number: 1,250  -3.5  3/4  $12.
[[nodiscard]] inline std::optional<std::string_view> last_number(std::string_view s) {
  std::size_t end = s.size();
  while (end > 0 && !(s[end - 1] >= '0' && s[end - 1] <= '9')) --end;
  if (end == 0) return std::nullopt;
  std::size_t start = end;
  auto digit = [&](std::size_t k) { return s[k] >= '0' && s[k] <= '9'; };
  while (start > 0) {
    if (digit(start - 1)) {
      --start;
      continue;
    }
    // 1,250 and 3.5 and 3/4 continue the number when a digit precedes the separator.
    if ((s[start - 1] == ',' || s[start - 1] == '.' || s[start - 1] == '/') && start >= 2 && digit(start - 2)) {
      if (s[start - 1] == ',' && end - start < 3) break;
      --start;
      continue;
    }
    break;
  }
  if (start > 0 && s[start - 1] == '-') --start;
  return s.substr(start, end - start);
}

}  // namespace detail

/// Extracts the answer of `response`. `gold_items` is how many top-level items the gold
/// lists (1 unless the gold is a list like "2, 3"); it decides how many boxes form the answer.
[[nodiscard]] inline extraction extract(std::string_view response, const options& opts = {}, std::size_t gold_items = 1) {
  extraction out;
  if (response.size() > opts.budget.max_response_bytes) {
    out.too_long = true;
    return out;
  }
  const std::size_t max_content = opts.budget.max_answer_bytes;
  auto content = [&](const detail::box_span& b) { return response.substr(b.content_begin, b.content_end - b.content_begin); };
  // 1. Boxes.
  bool too_long = false;
  if (auto last = detail::last_box_before(response, response.size(), max_content, too_long)) {
    if (too_long) {
      out.too_long = true;
      out.answer = std::string(transferscore::detail::utf8_prefix(content(*last), 64)) + "...";
      return out;
    }
    if (!last->closed) {
      out.unterminated_box = true;
      return out;
    }
    std::vector<detail::box_span> boxes{*last};
    // Boxes joined to the last one by "or", "and" or commas are part of the answer.
    if (opts.boxes != box_policy::last) {
      while (boxes.size() <= opts.budget.max_items) {
        bool long_box = false;
        auto earlier = detail::last_box_before(response, boxes.back().begin, max_content, long_box);
        if (!earlier || !earlier->closed || earlier->content_end >= boxes.back().begin) break;
        const std::size_t gap_begin = earlier->content_end + 1;
        if (gap_begin > boxes.back().begin ||
            !detail::joins_boxes(response.substr(gap_begin, boxes.back().begin - gap_begin))) {
          break;
        }
        boxes.push_back(*earlier);
      }
    }
    std::size_t wanted = boxes.size();
    if (opts.boxes == box_policy::all) {
      wanted = opts.budget.max_items;
    } else if (opts.boxes == box_policy::gold_count && gold_items > boxes.size()) {
      std::size_t items = 0;
      for (const auto& b : boxes) items += detail::count_items(content(b));
      if (gold_items > items) wanted = boxes.size() + (gold_items - items);
    }
    const std::size_t joined = boxes.size();
    std::size_t limit = boxes.back().begin;
    while (boxes.size() < wanted) {
      bool long_box = false;
      auto earlier = detail::last_box_before(response, limit, max_content, long_box);
      if (!earlier) break;
      limit = earlier->begin;
      if (!earlier->closed || earlier->content_end > boxes.back().begin) continue;  // unclosed, or holds a later box
      boxes.push_back(*earlier);
    }
    if (opts.boxes == box_policy::gold_count && boxes.size() < wanted) boxes.resize(joined);
    for (std::size_t k = boxes.size(); k-- > 0;) {
      if (!out.answer.empty()) out.answer += ", ";
      out.answer += detail::trim(content(boxes[k]));
    }
    out.source = answer_source::boxed;
    out.boxes = boxes.size();
    return out;
  }
  // The fallbacks read the end of the response only (the final answer is there; the cost
  // stays bounded for very long responses).
  const std::size_t window = opts.budget.max_fallback_bytes;
  std::string_view tail = response;
  if (tail.size() > window) {
    std::size_t cut = tail.size() - window;
    while (cut < tail.size() && (static_cast<unsigned char>(tail[cut]) & 0xC0) == 0x80) ++cut;
    tail = tail.substr(cut);
  }
  // 2. Cues.
  if (auto a = detail::last_cue(tail)) {
    out.answer = std::string(*a);
    out.source = answer_source::cue;
    return out;
  }
  // 3. Bold answer on the last line.
  if (auto a = detail::bold_on_last_line(tail)) {
    out.answer = std::string(*a);
    out.source = answer_source::bold;
    return out;
  }
  // 4. The last math span.
  if (auto a = detail::last_math_span(tail)) {
    out.answer = std::string(*a);
    out.source = answer_source::math;
    return out;
  }
  // 5. The last number.
  if (opts.last_number_fallback) {
    if (auto a = detail::last_number(tail)) {
      out.answer = std::string(*a);
      out.source = answer_source::last_number;
      return out;
    }
  }
  return out;
}

}  // namespace math
TRANSFERSCORE_END_NAMESPACE
