// A program in the cheap mode (docs/building.md): this file reads only declarations, the code
// is compiled once, in implementation.cpp. It scores with every family through the registry
// and uses the math family's own entry points.
#include <transferscore/transferscore.hpp>

#include <cstdio>

int main() {
  namespace ts = transferscore;
  const auto registry = ts::builtin_registry();
  int failures = 0;
  auto expect = [&](bool ok, const char* what) {
    if (!ok) {
      std::printf("FAILED: %s\n", what);
      ++failures;
    }
  };

  ts::record letter;
  letter.id = "gpqa/1";
  letter.benchmark = "gpqa_diamond";
  letter.response = "<think>B or C?</think> The answer is (C).";
  letter.reference["answer"] = "C";
  expect(registry.make(*registry.family_of("gpqa_diamond"), {}).score(letter).correct, "choice scores a letter");

  ts::record capital;
  capital.id = "capitals/3";
  capital.response = "paris";
  capital.reference["answer"] = "Paris";
  expect(registry.make("exact_match", {}).score(capital).correct, "exact_match");

  namespace m = ts::math;
  expect(m::equivalent("\\frac{1}{2}", "So the probability is $\\boxed{0.5}$.").correct, "math::equivalent");
  expect(!m::equivalent("3", "\\boxed{4}").correct, "math::equivalent says wrong");
  const m::extraction e = m::extract("Thus the area is $12\\sqrt{3}$.");
  expect(e.found() && e.answer == "12\\sqrt{3}", "math::extract");
  expect(m::compare_answers("3,\\!250", "3250") == m::match::equal, "math::compare_answers");

  std::printf("transferscore %s (cheap mode): %d failures\n", TRANSFERSCORE_VERSION_STRING, failures);
  return failures == 0 ? 0 : 1;
}
