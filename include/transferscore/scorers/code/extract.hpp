#pragma once
// Which program a response holds.
//
// Reference mode, LiveCodeBench's official rule (lcb_runner/utils/extraction_utils.py,
// extract_code, for chat models): split the output on "\n"; every line that CONTAINS
// "```" anywhere is a fence line; with fewer than two, there is no program; otherwise the
// program is the lines strictly between the last two fence lines, joined with "\n".
//
// Paper mode, the study's evalchemy rule (eval_instruct.py has_code + post_process_code),
// on the raw output: every match of ```(?:[a-zA-Z]*)\n(.*?)``` (DOTALL, findall: left to
// right, non-overlapping; the language tag is ASCII letters only and the newline after it
// is required); no match is no program; the last match's body is cut at the first
// "</code>", every "```python" is deleted, it is cut at the first "```" left, and every
// "<code>" is deleted. An empty body is still a program (it runs and prints nothing).

#include <transferscore/config.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace code {

/// LiveCodeBench's extract_code; nothing when the output has fewer than two fence lines.
[[nodiscard]] inline std::optional<std::string> lcb_extract_code(std::string_view output) {
  // The start of the line after the second-to-last fence line, and the start of the last
  // fence line.
  std::size_t last_fence = std::string_view::npos, previous_fence_end = std::string_view::npos;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = output.find('\n', start);
    const std::string_view line = output.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (line.find("```") != std::string_view::npos) {
      if (last_fence != std::string_view::npos) {
        const std::size_t last_end = output.find('\n', last_fence);
        previous_fence_end = last_end == std::string_view::npos ? output.size() : last_end + 1;
      }
      last_fence = start;
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  if (previous_fence_end == std::string_view::npos) return std::nullopt;
  // "\n".join(lines[a + 1 : b]): the text between, without the newline before the last fence.
  if (previous_fence_end >= last_fence) return std::string();
  return std::string(output.substr(previous_fence_end, last_fence - 1 - previous_fence_end));
}

namespace detail {

[[nodiscard]] constexpr bool is_ascii_letter(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/// A match of ```(?:[a-zA-Z]*)\n(.*?)``` at `at`: the body's bounds and the match end.
struct fence_match {
  std::size_t body_begin = 0, body_end = 0, end = 0;
};

[[nodiscard]] inline std::optional<fence_match> fence_at(std::string_view s, std::size_t at) {
  if (s.compare(at, 3, "```") != 0) return std::nullopt;
  std::size_t i = at + 3;
  while (i < s.size() && is_ascii_letter(s[i])) ++i;
  if (i >= s.size() || s[i] != '\n') return std::nullopt;
  const std::size_t body = i + 1;
  const std::size_t close = s.find("```", body);
  if (close == std::string_view::npos) return std::nullopt;
  return fence_match{body, close, close + 3};
}

inline void erase_all(std::string& s, std::string_view what) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s.compare(i, what.size(), what) == 0) {
      i += what.size();
    } else {
      out.push_back(s[i++]);
    }
  }
  s = std::move(out);
}

}  // namespace detail

/// evalchemy's post_process_code on one block body.
[[nodiscard]] inline std::string study_post_process(std::string_view code) {
  if (const auto cut = code.find("</code>"); cut != std::string_view::npos) code = code.substr(0, cut);
  std::string out(code);
  detail::erase_all(out, "```python");
  if (const auto cut = out.find("```"); cut != std::string::npos) out.resize(cut);
  detail::erase_all(out, "<code>");
  return out;
}

/// The study's program: the last fenced block, post-processed; nothing when there is none.
[[nodiscard]] inline std::optional<std::string> study_extract_code(std::string_view output) {
  std::optional<detail::fence_match> last;
  for (std::size_t at = output.find("```"); at != std::string_view::npos;) {
    if (auto m = detail::fence_at(output, at)) {
      last = m;
      at = output.find("```", m->end);
    } else {
      at = output.find("```", at + 1);
    }
  }
  if (!last) return std::nullopt;
  return study_post_process(output.substr(last->body_begin, last->body_end - last->body_begin));
}

}  // namespace code
TRANSFERSCORE_END_NAMESPACE
