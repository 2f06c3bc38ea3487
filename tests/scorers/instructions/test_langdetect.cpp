// Language identification against langdetect 1.0.9 seeded with 0, and CPython's random.

#include <transferscore/transferscore.hpp>

#include "ifeval_support.hpp"

#include <doctest/doctest.h>

#include <string>

namespace ins = transferscore::instructions;

TEST_CASE("python_random reproduces CPython's random.Random(0)") {
  ins::python_random r(0);
  // random.seed(0); [random.getrandbits(32) for _ in range(3)]
  CHECK(r.genrand_uint32() == 3626764237u);
  CHECK(r.genrand_uint32() == 1654615998u);
  CHECK(r.genrand_uint32() == 3255389356u);
  ins::python_random g(0);
  // random.seed(0); random.random()
  CHECK(g.random() == 0.8444218515250481);
  ins::python_random h(0);
  // random.seed(0); random.gauss(0, 1), random.gauss(0, 1)
  CHECK(h.gauss() == 0.9417154046806644);
  CHECK(h.gauss() == -1.3965781047011498);
  ins::python_random c(0);
  // random.seed(0); [random.choice(range(10)) for _ in range(5)]
  int picks[5];
  for (int& p : picks) p = static_cast<int>(c.below(10));
  CHECK(picks[0] == 6);
  CHECK(picks[1] == 6);
  CHECK(picks[2] == 0);
  CHECK(picks[3] == 4);
  CHECK(picks[4] == 8);
}

TEST_CASE("detect() equals langdetect's on the reference texts") {
  const ins::language_detector detector;
  int n = 0;
  for (const auto& v : ifeval_test::read_jsonl(test_paths::data("ifeval/reference_outputs.jsonl"))) {
    const auto got = detector.detect(ins::py::decode_utf8(*v.find("text")->if_string()));
    const std::string want = v.find("lang")->is_null() ? "(exception)" : *v.find("lang")->if_string();
    INFO("text: ", *v.find("text")->if_string());
    CHECK((got ? std::string(*got) : std::string("(exception)")) == want);
    ++n;
  }
  CHECK(n > 400);
}

TEST_CASE("text without features raises in langdetect: nullopt here") {
  const ins::language_detector detector;
  CHECK_FALSE(detector.detect(U"12345 !!! ...").has_value());
  CHECK_FALSE(detector.detect(U"").has_value());
  CHECK(detector.detect(U"The quick brown fox jumps over the lazy dog.") == std::optional<std::string_view>("en"));
}
