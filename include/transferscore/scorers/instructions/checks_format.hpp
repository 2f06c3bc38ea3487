#pragma once
// detectable_content:* and detectable_format:* checks, and combination:two_responses.
// Each regex of the original is written out as a scan with the same leftmost,
// non-overlapping findall semantics.

#include <transferscore/config.hpp>
#include <transferscore/scorers/instructions/instruction.hpp>
#include <transferscore/scorers/instructions/python_json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace instructions::checks {

/// detectable_content:number_placeholders — len(re.findall(r"\[.*?\]")) >= N.
[[nodiscard]] inline bool number_placeholders(const instruction& in, response_text& t) {
  const std::u32string_view s = t.cps();
  std::int64_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '[') continue;
    std::size_t j = i + 1;
    while (j < s.size() && s[j] != ']' && s[j] != '\n') ++j;
    if (j < s.size() && s[j] == ']') {
      ++n;
      i = j;
    }
  }
  return n >= in.number;
}

/// detectable_content:postscript — the marker pattern occurs in text.lower().
[[nodiscard]] inline bool postscript(const instruction& in, response_text& t) {
  const std::u32string& s = t.lowered();
  if (in.marker == postscript_marker::other) {
    const std::string utf8 = compat::py::encode_utf8(s);
    return in.patterns.front().search(utf8, s);
  }
  // P.P.S: p\.\s?p\.\s?s      P.S.: p\.\s?s\.
  auto at = [&s](std::size_t i, char32_t c) { return i < s.size() && s[i] == c; };
  auto dot_space = [&](std::size_t i) -> std::size_t {  // after "x." and an optional \s
    return i < s.size() && compat::py::is_space(s[i]) ? i + 1 : i;
  };
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] != 'p' || s[i + 1] != '.') continue;
    // \s? is greedy but may give back its character; try both lengths.
    for (std::size_t j : {dot_space(i + 2), i + 2}) {
      if (in.marker == postscript_marker::pps) {
        if (!(at(j, 'p') && at(j + 1, '.'))) continue;
        for (std::size_t k : {dot_space(j + 2), j + 2}) {
          if (at(k, 's')) return true;
        }
      } else if (at(j, 's') && at(j + 1, '.')) {
        return true;
      }
    }
  }
  return false;
}

namespace detail {
// Count of findall(r"^\s*<first>...$", MULTILINE) for the two bullet patterns:
// star: ^\s*\*[^\*].*$     dash: ^\s*-.*$
[[nodiscard]] inline std::int64_t count_bullet_lines(std::u32string_view s, bool star) {
  std::int64_t n = 0;
  std::size_t p = 0;
  while (p <= s.size()) {
    const bool line_start = p == 0 || s[p - 1] == '\n';
    if (line_start) {
      std::size_t j = p;
      while (j < s.size() && compat::py::is_space(s[j])) ++j;
      bool ok = false;
      if (star) {
        ok = j + 1 < s.size() && s[j] == '*' && s[j + 1] != '*';
        if (ok) j += 2;
      } else {
        ok = j < s.size() && s[j] == '-';
        if (ok) j += 1;
      }
      if (ok) {
        while (j < s.size() && s[j] != '\n') ++j;  // .*$
        ++n;
        p = j;  // findall resumes at the match end, which may itself be a line start
        continue;
      }
    }
    if (p == s.size()) break;
    ++p;
  }
  return n;
}
}  // namespace detail

/// detectable_format:number_bullet_lists — exactly N "* x" plus "- x" lines.
[[nodiscard]] inline bool number_bullet_lists(const instruction& in, response_text& t) {
  return detail::count_bullet_lines(t.cps(), true) + detail::count_bullet_lines(t.cps(), false) == in.number;
}

/// detectable_format:constrained_response — one of the three answers, case-sensitive.
[[nodiscard]] inline bool constrained_response(response_text& t) {
  const std::u32string_view s = compat::py::strip(t.cps());
  for (std::u32string_view option : {U"My answer is yes.", U"My answer is no.", U"My answer is maybe."}) {
    if (s.find(option) != std::u32string_view::npos) return true;
  }
  return false;
}

/// detectable_format:number_highlighted_sections — non-blank *x* plus non-blank **x** >= N.
[[nodiscard]] inline bool number_highlighted_sections(const instruction& in, response_text& t) {
  const std::u32string_view s = t.cps();
  std::int64_t n = 0;
  // \*[^\n\*]*\*
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '*') continue;
    std::size_t j = i + 1;
    while (j < s.size() && s[j] != '\n' && s[j] != '*') ++j;
    if (j < s.size() && s[j] == '*') {
      if (!compat::py::is_blank(s.substr(i + 1, j - i - 1))) ++n;
      i = j;
    }
  }
  // \*\*[^\n\*]*\*\*
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] != '*' || s[i + 1] != '*') continue;
    std::size_t j = i + 2;
    while (j < s.size() && s[j] != '\n' && s[j] != '*') ++j;
    if (j + 1 < s.size() && s[j] == '*' && s[j + 1] == '*') {
      if (!compat::py::is_blank(s.substr(i + 2, j - i - 2))) ++n;
      i = j + 1;
    }
  }
  return n >= in.number;
}

namespace detail {
// Non-overlapping matches of \s?LITERAL\s?\d+\s? (case-sensitive), with the same
// backtracking choices as `re`: each optional \s is tried taken first, then skipped.
[[nodiscard]] inline std::int64_t count_sections(std::u32string_view s, std::u32string_view literal) {
  auto match_at = [&](std::size_t p) -> std::size_t {  // the match end, or 0
    // A match starts with the literal, or with a space right before it: one or two
    // comparisons reject almost every position.
    if (!literal.empty() && s[p] != literal.front() &&
        !(p + 1 < s.size() && s[p + 1] == literal.front() && compat::py::is_space(s[p]))) {
      return 0;
    }
    for (int take_first = 1; take_first >= 0; --take_first) {
      if (take_first == 1 && !(p < s.size() && compat::py::is_space(s[p]))) continue;
      const std::size_t q = p + static_cast<std::size_t>(take_first);
      if (s.size() - q < literal.size() || s.substr(q, literal.size()) != literal) continue;
      const std::size_t r = q + literal.size();
      for (int take_second = 1; take_second >= 0; --take_second) {
        if (take_second == 1 && !(r < s.size() && compat::py::is_space(s[r]))) continue;
        std::size_t d = r + static_cast<std::size_t>(take_second);
        if (!(d < s.size() && compat::py::is_decimal(s[d]))) continue;
        while (d < s.size() && compat::py::is_decimal(s[d])) ++d;
        if (d < s.size() && compat::py::is_space(s[d])) ++d;
        return d;
      }
    }
    return 0;
  };
  std::int64_t n = 0;
  for (std::size_t p = 0; p < s.size();) {
    if (const std::size_t end = match_at(p)) {
      ++n;
      p = end;
    } else {
      ++p;
    }
  }
  return n;
}
}  // namespace detail

/// detectable_format:multiple_sections — len(re.split(r"\s?" + splitter + r"\s?\d+\s?")) - 1 >= N.
[[nodiscard]] inline bool multiple_sections(const instruction& in, response_text& t) {
  if (!in.text.empty() || in.patterns.empty()) return detail::count_sections(t.cps(), in.text) >= in.number;
  return static_cast<std::int64_t>(in.patterns.front().count(utf8_for(in.patterns.front(), t), t.cps())) >= in.number;
}

/// detectable_format:json_format — the text, without one code fence, is valid for json.loads.
[[nodiscard]] inline bool json_format(response_text& t) {
  std::u32string_view s = compat::py::strip(t.cps());
  for (std::u32string_view prefix : {U"```json", U"```Json", U"```JSON", U"```"}) {
    if (compat::py::starts_with(s, prefix)) s.remove_prefix(prefix.size());
  }
  if (compat::py::ends_with(s, U"```")) s.remove_suffix(3);
  return python_json::loads_ok(compat::py::strip(s));
}

/// detectable_format:title — some <<...>> match (greedy, one line) has non-blank content.
[[nodiscard]] inline bool title(response_text& t) {
  const std::u32string_view s = t.cps();
  std::size_t i = 0;
  while (i + 1 < s.size()) {
    if (s[i] != '<' || s[i + 1] != '<') {
      ++i;
      continue;
    }
    std::size_t line_end = i + 2;
    while (line_end < s.size() && s[line_end] != '\n') ++line_end;
    // The last ">>" starting at or after i + 3 on this line.
    std::size_t close = std::u32string_view::npos;
    for (std::size_t k = line_end; k >= i + 5; --k) {
      if (s[k - 1] == '>' && s[k - 2] == '>') {
        close = k - 2;
        break;
      }
    }
    if (close == std::u32string_view::npos) {
      ++i;
      continue;
    }
    std::u32string_view match = s.substr(i, close + 2 - i);
    while (!match.empty() && match.front() == '<') match.remove_prefix(1);
    while (!match.empty() && match.back() == '>') match.remove_suffix(1);
    if (!compat::py::is_blank(match)) return true;
    i = close + 2;
  }
  return false;
}

/// combination:two_responses — exactly two non-blank, different pieces around "******".
[[nodiscard]] inline bool two_responses(response_text& t) {
  const auto pieces = compat::py::split_on(t.cps(), U"******");
  std::u32string_view valid[2];
  std::size_t count = 0;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (compat::py::is_blank(pieces[i])) {
      if (i != 0 && i + 1 != pieces.size()) return false;
    } else {
      if (count < 2) valid[count] = pieces[i];
      ++count;
    }
  }
  return count == 2 && compat::py::strip(valid[0]) != compat::py::strip(valid[1]);
}

}  // namespace instructions::checks
TRANSFERSCORE_END_NAMESPACE
