#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

using transferscore::apply_trace_policy;
using transferscore::trace_policy;

TEST_CASE("the answer is read after the last closing tag") {
  trace_policy p;
  auto out = apply_trace_policy(p, "<think>maybe 12? no, 15</think>The answer is 15.");
  CHECK(out.answer == "The answer is 15.");
  CHECK(out.had_trace);
  CHECK_FALSE(out.unterminated);
}

TEST_CASE("a template that opened the trace in the prompt leaves only the closing tag") {
  auto out = apply_trace_policy(trace_policy{}, "reasoning...</think>\n\\boxed{4}");
  CHECK(out.answer == "\n\\boxed{4}");
}

TEST_CASE("an opened trace that never closes means no answer") {
  auto out = apply_trace_policy(trace_policy{}, "<think>Let me compute 2+2 = 4, so the answer");
  CHECK(out.unterminated);
  CHECK(out.answer.empty());
}

TEST_CASE("a second trace opened after the last close is also unterminated") {
  auto out = apply_trace_policy(trace_policy{}, "<think>a</think>draft <think>more thinking");
  CHECK(out.unterminated);
}

TEST_CASE("responses without traces are scored whole") {
  auto out = apply_trace_policy(trace_policy{}, "The answer is 3.");
  CHECK(out.answer == "The answer is 3.");
  CHECK_FALSE(out.had_trace);
}

TEST_CASE("the policy can be switched off or made lenient, and says so") {
  trace_policy none;
  none.strip = trace_policy::mode::none;
  CHECK(apply_trace_policy(none, "<think>x</think>y").answer == "<think>x</think>y");
  CHECK(none.describe() == "none");

  trace_policy lenient;
  lenient.unterminated = trace_policy::on_unterminated::score_response;
  auto out = apply_trace_policy(lenient, "<think>so \\boxed{4}");
  CHECK(out.unterminated);
  CHECK(out.answer == "<think>so \\boxed{4}");
  CHECK(lenient.describe() == "last-close+score-unterminated");

  CHECK(trace_policy{}.describe() == "last-close");
  trace_policy custom;
  custom.open_tag = "<reasoning>";
  custom.close_tag = "</reasoning>";
  CHECK(apply_trace_policy(custom, "<reasoning>r</reasoning>42").answer == "42");
  CHECK(custom.describe() == "last-close:<reasoning>...</reasoning>");
}

TEST_CASE("a verdict's trace text reads back to the policy that wrote it") {
  trace_policy lenient;
  lenient.unterminated = trace_policy::on_unterminated::score_response;
  trace_policy custom;
  custom.open_tag = "<reasoning>";
  custom.close_tag = "</reasoning>";
  trace_policy dotted = custom;
  dotted.open_tag = "<a...b>";  // a tag holding the separator still reads back
  trace_policy none;
  none.strip = trace_policy::mode::none;
  trace_policy lm_eval_custom = trace_policy::lm_eval();
  lm_eval_custom.close_tag = "</reasoning>";
  for (const auto& p : {trace_policy{}, lenient, custom, dotted, none, trace_policy::lm_eval(), lm_eval_custom}) {
    const auto parsed = trace_policy::parse(p.describe());
    REQUIRE(parsed);
    CHECK(parsed->describe() == p.describe());
  }
  const auto c = trace_policy::parse("last-close+score-unterminated:<r>...</r>");
  REQUIRE(c);
  CHECK(c->open_tag == "<r>");
  CHECK(c->close_tag == "</r>");
  CHECK(c->unterminated == trace_policy::on_unterminated::score_response);
  CHECK(trace_policy::parse("lm-eval")->strip == trace_policy::mode::lm_eval);
  for (const char* text : {"", "last", "last-close:", "last-close:<think>...</think>", "last-closeX", "None",
                           "lm-eval+score-unterminated", "lm-evalX"}) {
    CHECK_MESSAGE(!trace_policy::parse(text), text);
  }
}

TEST_CASE("lm-eval's IFEval removal: through the last close tag, then Python's strip") {
  const trace_policy p = trace_policy::lm_eval();
  CHECK(p.describe() == "lm-eval");
  auto out = apply_trace_policy(p, "<think>draft one</think>x<think>draft two</think>\n\n  Final text.\n");
  CHECK(out.answer == "Final text.");
  CHECK(out.had_trace);
  CHECK(out.trace_end == std::string_view("<think>draft one</think>x<think>draft two").size());
  // No close tag: the whole response, stripped; an open tag is not looked at.
  auto open = apply_trace_policy(p, "  <think>still thinking about the format\n");
  CHECK_FALSE(open.unterminated);
  CHECK(open.answer == "<think>still thinking about the format");
  // A trace reopened after the last close: the text after the close is scored, unlike last-close.
  CHECK(apply_trace_policy(p, "<think>a</think> b <think> c").answer == "b <think> c");
  CHECK(apply_trace_policy(trace_policy{}, "<think>a</think> b <think> c").unterminated);
  // `(\\n)*` in the original is a raw string: literal backslash-n pairs go, line breaks are stripped.
  CHECK(apply_trace_policy(p, "r</think>\\n\\nDone").answer == "Done");
  CHECK(apply_trace_policy(p, "r</think>\\nx\\n").answer == "x\\n");
  // Python's str.strip() removes Unicode white space (U+3000, U+00A0), not ZERO WIDTH SPACE.
  CHECK(apply_trace_policy(p, "r</think>\xE3\x80\x80\xC2\xA0text\xE2\x80\x83").answer == "text");
  CHECK(apply_trace_policy(p, "r</think>\xE2\x80\x8Btext").answer == "\xE2\x80\x8Btext");
}

TEST_CASE("the Python white space of trim_python is CPython's str.isspace()") {
  for (char32_t c = 0; c < 0x110000; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    if (transferscore::detail::is_python_space(c) != transferscore::compat::py::is_space(c)) {
      FAIL_CHECK("U+" << std::hex << static_cast<unsigned>(c));
    }
  }
  CHECK(transferscore::detail::trim_python("\x1C a \x85 ") == "a \x85");  // a lone 0x85 byte is not U+0085
  CHECK(transferscore::detail::trim_python("\xC2\x85 a \xE2\x80\xA8") == "a");
  CHECK(transferscore::detail::trim_python("") == "");
}

TEST_CASE("the trace's end is reported, so the pipeline can hand the trace to a scorer") {
  auto out = apply_trace_policy(trace_policy{}, "<think>so \\boxed{C}</think>\n");
  CHECK(out.had_trace);
  CHECK(out.answer == "\n");
  CHECK(out.trace_end == std::string_view("<think>so \\boxed{C}").size());
  CHECK(trace_policy::none().describe() == "none");
}
