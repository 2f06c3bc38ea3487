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
  for (const auto& p : {trace_policy{}, lenient, custom, dotted, none}) {
    const auto parsed = trace_policy::parse(p.describe());
    REQUIRE(parsed);
    CHECK(parsed->describe() == p.describe());
  }
  const auto c = trace_policy::parse("last-close+score-unterminated:<r>...</r>");
  REQUIRE(c);
  CHECK(c->open_tag == "<r>");
  CHECK(c->close_tag == "</r>");
  CHECK(c->unterminated == trace_policy::on_unterminated::score_response);
  for (const char* text : {"", "last", "last-close:", "last-close:<think>...</think>", "last-closeX", "None"}) {
    CHECK_MESSAGE(!trace_policy::parse(text), text);
  }
}
