#pragma once
// Text that goes into the HTML page: element text and attribute values are entity-escaped;
// data goes into a <script type="application/json"> element, where entities mean nothing and
// only the text "</script" (any case) or "<!--" could end or confuse the element early.

#include <transferscore/config.hpp>
#include <transferscore/aggregate/report/common.hpp>

#include <string>
#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace report {

/// Text for an element or a quoted attribute value: & < > " ' as entities.
[[nodiscard]] inline std::string html_escape(std::string_view text) { return aggregate::report::xml_escape(text); }

/// Appends JSON text made safe inside a <script> element: every < > & becomes its \u escape,
/// so no "</script", "<!--" or "<script" can appear; U+2028 and U+2029 too, so the text stays
/// valid JavaScript should anyone paste it into code. `json_text` must be valid JSON: outside
/// its strings these characters cannot occur, and inside them the escapes read back the same.
inline void append_script_safe_json(std::string& out, std::string_view json_text) {
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < json_text.size(); ++i) {
    const char c = json_text[i];
    const char* escape = nullptr;
    std::size_t length = 1;
    if (c == '<') escape = "\\u003c";
    else if (c == '>') escape = "\\u003e";
    else if (c == '&') escape = "\\u0026";
    else if (c == '\xE2' && i + 2 < json_text.size() && json_text[i + 1] == '\x80' &&
             (json_text[i + 2] == '\xA8' || json_text[i + 2] == '\xA9')) {
      // U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR: E2 80 A8 / E2 80 A9.
      escape = json_text[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      length = 3;
    }
    if (escape == nullptr) continue;
    out.append(json_text.data() + run, i - run);
    out.append(escape, 6);
    i += length - 1;
    run = i + 1;
  }
  out.append(json_text.data() + run, json_text.size() - run);
}

[[nodiscard]] inline std::string script_safe_json(std::string_view json_text) {
  std::string out;
  out.reserve(json_text.size() + json_text.size() / 64);
  append_script_safe_json(out, json_text);
  return out;
}

}  // namespace report
TRANSFERSCORE_END_NAMESPACE
