#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <vector>

namespace ag = transferscore::aggregate;

TEST_CASE("pass@k reproduces the reference code's values") {
  // human-eval's sequential product; the two values the reference notes quote.
  CHECK(ag::pass_at_k(6, 3, 1) == doctest::Approx(0.4999999999999999).epsilon(1e-15));
  CHECK(ag::pass_at_k(3, 1, 1) == doctest::Approx(0.33333333333333326).epsilon(1e-15));
  CHECK(ag::pass_at_k(10, 3, 5) == doctest::Approx(1.0 - 21.0 / 252.0).epsilon(1e-12));  // 1 - C(7,5)/C(10,5)
  CHECK(ag::pass_at_k(200, 37, 10) == doctest::Approx(0.8773745673794602).epsilon(1e-12));
}

TEST_CASE("pass@k edge cases") {
  CHECK(ag::pass_at_k(5, 0, 1) == 0.0);   // none correct
  CHECK(ag::pass_at_k(5, 0, 5) == 0.0);
  CHECK(ag::pass_at_k(5, 5, 1) == 1.0);   // all correct
  CHECK(ag::pass_at_k(5, 1, 5) == 1.0);   // k = n: any correct sample is in the only subset
  CHECK(ag::pass_at_k(5, 2, 4) == 1.0);   // n - c < k
  CHECK(ag::pass_at_k(4, 1, 1) == doctest::Approx(0.25));
  CHECK(std::isnan(ag::pass_at_k(3, 1, 4)));  // k > n
  CHECK(std::isnan(ag::pass_at_k(3, 1, 0)));
}

TEST_CASE("pass^k is the chance that all k draws are correct") {
  CHECK(ag::pass_hat_k(4, 2, 2) == doctest::Approx(1.0 / 6.0));
  CHECK(ag::pass_hat_k(4, 4, 4) == 1.0);
  CHECK(ag::pass_hat_k(4, 3, 4) == 0.0);
  CHECK(ag::pass_hat_k(5, 3, 1) == doctest::Approx(0.6));
}

TEST_CASE("maj@k by hand: enumerating the subsets") {
  const std::uint32_t two[] = {2};
  // gold x2, one wrong class x2. k=2: {gg} wins, {ww} loses, 4 x {gw} tie -> 1/2: (1 + 2) / 6.
  CHECK(ag::maj_at_k(2, two, 2) == doctest::Approx(0.5));
  // k=3: ggw (2 subsets) wins, gww (2) loses.
  CHECK(ag::maj_at_k(2, two, 3) == doctest::Approx(0.5));
  // k = n = 4: a 2-2 tie, scored 1/2 by the random tie-break rule.
  CHECK(ag::maj_at_k(2, two, 4) == doctest::Approx(0.5));
  // gold x1 vs three singleton wrong answers, k = n = 4: a four-way tie -> 1/4.
  const std::uint32_t singles[] = {1, 1, 1};
  CHECK(ag::maj_at_k(1, singles, 4) == doctest::Approx(0.25));
  // gold x2, wrong {1, 1}, k = 3: C(4,3) = 4 subsets; gg+w (2) win; g+w+w (2) three-way tie -> 1/3.
  const std::uint32_t ones[] = {1, 1};
  CHECK(ag::maj_at_k(2, ones, 3) == doctest::Approx((2.0 + 2.0 / 3.0) / 4.0));
  // gold x3 vs one wrong x2, k = 3: C(5,3) = 10; ggg (1) + ggw (6) win; gww (3) lose.
  CHECK(ag::maj_at_k(3, two, 3) == doctest::Approx(0.7));
}

TEST_CASE("maj@k edge cases") {
  const std::uint32_t none[] = {0};
  const std::uint32_t three[] = {3};
  CHECK(ag::maj_at_k(0, three, 2) == 0.0);                    // none correct
  CHECK(ag::maj_at_k(4, {}, 3) == 1.0);                       // all correct
  CHECK(ag::maj_at_k(4, none, 4) == 1.0);                     // empty classes are ignored
  CHECK(ag::maj_at_k(1, three, 1) == doctest::Approx(0.25));  // maj@1 = c / n
  CHECK(std::isnan(ag::maj_at_k(1, three, 5)));               // k > n
  CHECK(std::isnan(ag::maj_at_k(1, three, 0)));
}

TEST_CASE("maj@k agrees with brute force over all subsets") {
  // Answers: gold G x3, A x2, B x2, C x1 (n = 8); enumerate all subsets for every k.
  const std::vector<int> answers = {0, 0, 0, 1, 1, 2, 2, 3};
  const std::uint32_t others[] = {2, 2, 1};
  for (std::uint64_t k = 1; k <= 8; ++k) {
    double total = 0, subsets = 0;
    for (unsigned mask = 0; mask < 256; ++mask) {
      if (static_cast<std::uint64_t>(__builtin_popcount(mask)) != k) continue;
      int count[4] = {0, 0, 0, 0};
      for (int i = 0; i < 8; ++i) {
        if (mask & (1u << i)) ++count[answers[static_cast<std::size_t>(i)]];
      }
      const int top = std::max({count[0], count[1], count[2], count[3]});
      int tied = 0;
      for (int c : count) tied += c == top ? 1 : 0;
      total += count[0] == top ? 1.0 / tied : 0.0;
      subsets += 1;
    }
    CAPTURE(k);
    CHECK(ag::maj_at_k(3, others, k) == doctest::Approx(total / subsets).epsilon(1e-12));
  }
}

TEST_CASE("means, standard deviations and standard errors") {
  const std::vector<double> v = {1, 0, 1, 1};
  CHECK(ag::mean(v) == doctest::Approx(0.75));
  CHECK(ag::standard_deviation(v, ag::std_kind::population) == doctest::Approx(std::sqrt(0.1875)));
  CHECK(ag::standard_deviation(v, ag::std_kind::sample) == doctest::Approx(std::sqrt(0.25)));
  CHECK(ag::standard_error(v) == doctest::Approx(0.25));  // sample std 0.5 / sqrt(4)
  const std::vector<double> one = {1};
  CHECK(std::isnan(ag::standard_error(one)));
  CHECK(std::isnan(ag::standard_deviation(one, ag::std_kind::sample)));
  CHECK(ag::standard_deviation(one, ag::std_kind::population) == 0.0);
  const std::vector<double> den = {1, 1, 1, 1};
  CHECK(ag::ratio_standard_error(v, den) == doctest::Approx(ag::standard_error(v)));
}

TEST_CASE("quantiles interpolate linearly (type 7)") {
  const std::vector<double> s = {1, 2, 3, 4};
  CHECK(ag::quantile_sorted(s, 0.0) == 1.0);
  CHECK(ag::quantile_sorted(s, 1.0) == 4.0);
  CHECK(ag::quantile_sorted(s, 0.5) == doctest::Approx(2.5));
  CHECK(ag::quantile_sorted(s, 0.25) == doctest::Approx(1.75));
}

TEST_CASE("exact binomial and chi-square tails") {
  CHECK(ag::binomial_two_sided_p(0, 0) == 1.0);
  CHECK(ag::binomial_two_sided_p(0, 5) == doctest::Approx(2.0 / 32.0));
  CHECK(ag::binomial_two_sided_p(1, 6) == doctest::Approx(2.0 * 7.0 / 64.0));
  CHECK(ag::binomial_two_sided_p(3, 6) == 1.0);
  CHECK(ag::chi_square_1df_p(3.841458820694124) == doctest::Approx(0.05).epsilon(1e-9));
  CHECK(ag::chi_square_1df_p(0.0) == 1.0);
}

TEST_CASE("the exact binomial test stays exact beyond 1000 trials (where 2^-n underflows)") {
  // Reference values: exact rational sums of binomial coefficients (Python fractions).
  CHECK(ag::binomial_two_sided_p(450, 1000) == doctest::Approx(0.0017305360849763176).epsilon(1e-12));
  CHECK(ag::binomial_two_sided_p(480, 1001) == doctest::Approx(0.20610731083295322).epsilon(1e-12));
  CHECK(ag::binomial_two_sided_p(700, 1500) == doctest::Approx(0.010559255466711544).epsilon(1e-11));
  CHECK(ag::binomial_two_sided_p(900, 2000) == doctest::Approx(8.457089535503927e-06).epsilon(1e-11));
  CHECK(ag::binomial_two_sided_p(1000, 2001) == 1.0);
  CHECK(ag::binomial_two_sided_p(0, 1500) == 0.0);
}
