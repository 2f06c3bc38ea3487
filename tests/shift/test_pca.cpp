#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include "shift_fixtures.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace sh = transferscore::shift;
using shift_fixtures::close;
using shift_fixtures::number;

namespace {
std::vector<sh::feature_file> files_of(const std::string& pattern, const std::string& model, std::size_t layers) {
  std::vector<sh::feature_file> out;
  if (pattern.find("%d") == std::string::npos) {
    out.push_back({model, "bench", shift_fixtures::path("latent/" + pattern), -1});
    return out;
  }
  for (std::size_t l = 0; l < layers; ++l) {
    std::string name = pattern;
    name.replace(name.find("%d"), 2, std::to_string(l));
    out.push_back({model, "bench", shift_fixtures::path("latent/" + name), static_cast<std::int64_t>(l)});
  }
  return out;
}
}  // namespace

TEST_CASE("PCA: components and explained variance equal scikit-learn's under both sign rules, to 1e-9") {
  const auto expected = shift_fixtures::read_json("latent/expected.json");
  for (const auto& c : *expected.find("cases")->if_array()) {
    const std::string name = *c.find("name")->if_string();
    const auto& shape = *c.find("shape")->if_array();
    const auto layers = static_cast<std::size_t>(*shape[0].as_int());
    const auto files = files_of(*c.find("base")->if_string(), "base", layers);
    std::vector<const sh::feature_file*> pointers;
    for (const auto& f : files) pointers.push_back(&f);
    sh::layer_features base(pointers);
    REQUIRE(base.layers() == layers);
    for (const auto& [rule_name, rule] : {std::pair{"components", sh::sign_rule::components}, std::pair{"scores", sh::sign_rule::scores}}) {
      const auto& per_layer = *c.find("results")->find(std::string(rule_name) + "/uncentred")->find("per_layer")->if_array();
      std::vector<double> x;
      for (std::size_t l = 0; l < layers; ++l) {
        CAPTURE(name);
        const std::string rule_label = rule_name;  // a structured binding cannot be captured (clang 14)
        CAPTURE(rule_label);
        CAPTURE(l);
        base.read_layer(l, x);
        const auto p = sh::fit_pca2(x, base.samples(), base.hidden(), rule);
        REQUIRE(p.undefined.empty());
        CHECK_FALSE(p.degenerate);
        for (std::size_t k = 0; k < 2; ++k) {
          const auto& head = *per_layer[l].find(k == 0 ? "component1_head" : "component2_head")->if_array();
          for (std::size_t j = 0; j < head.size(); ++j) CHECK_MESSAGE(close(p.components[k][j], number(head[j])), p.components[k][j] << " vs " << number(head[j]));
          const double ratio = p.explained_variance[k] / p.total_variance;
          CHECK(close(ratio, number((*per_layer[l].find("explained_variance_ratio")->if_array())[k])));
        }
      }
    }
  }
}

TEST_CASE("PCA: the sign rules differ as scikit-learn's versions do") {
  // Two samples' worth of structure where the largest score and the largest loading disagree in sign.
  const std::vector<double> x = {
      // 4 samples x 3 features
      3.0, -0.1, 0.2,  //
      -1.0, 0.4, 0.1,  //
      -1.0, -0.2, -0.3,  //
      -1.0, -0.1, 0.0};
  const auto by_components = sh::fit_pca2(x, 4, 3, sh::sign_rule::components);
  const auto by_scores = sh::fit_pca2(x, 4, 3, sh::sign_rule::scores);
  REQUIRE(by_components.undefined.empty());
  for (std::size_t k = 0; k < 2; ++k) {
    const auto& v = by_components.components[k];
    std::size_t big = 0;
    for (std::size_t j = 1; j < 3; ++j) big = std::fabs(v[j]) > std::fabs(v[big]) ? j : big;
    CHECK(v[big] > 0);
    // Each rule gives the same axis, possibly with the other sign.
    double d = 0.0;
    for (std::size_t j = 0; j < 3; ++j) d += v[j] * by_scores.components[k][j];
    CHECK(std::fabs(std::fabs(d) - 1.0) < 1e-12);
  }
}

TEST_CASE("PCA: fewer than two directions of variance is undefined, with the reason") {
  const std::vector<double> line = {1.0, 2.0, 3.0, 2.0, 4.0, 6.0, 3.0, 6.0, 9.0};  // rank 1 after centring
  const auto p = sh::fit_pca2(line, 3, 3, sh::sign_rule::components);
  CHECK(p.undefined.find("rank < 2") != std::string::npos);
  const auto one = sh::fit_pca2({1.0, 2.0, 3.0}, 1, 3, sh::sign_rule::components);
  CHECK(one.undefined.find("at least 2 samples") != std::string::npos);
}
