// Must not compile: a type whose score() returns double is not a scorer, and the
// registry refuses to wrap it. With TRANSFERSCORE_COMPILE_OK the same file wraps a real
// scorer and compiles, so the failure is proven to come from the concept alone.
#include <transferscore/transferscore.hpp>

struct returns_double {
  [[nodiscard]] double score(const transferscore::record&) const { return 1.0; }
  [[nodiscard]] std::string_view name() const { return "returns_double"; }
};

struct real_scorer {
  [[nodiscard]] transferscore::score_result score(const transferscore::record&) const { return {}; }
  [[nodiscard]] std::string_view name() const { return "real"; }
};

int main() {
#ifdef TRANSFERSCORE_COMPILE_OK
  transferscore::any_scorer<> s = real_scorer{};
#else
  transferscore::any_scorer<> s = returns_double{};
#endif
  return s ? 0 : 1;
}
