#include <transferscore/transferscore.hpp>

#include <doctest/doctest.h>

#include "shift_fixtures.hpp"

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

namespace sh = transferscore::shift;
namespace ag = transferscore::aggregate;
using shift_fixtures::close;
using shift_fixtures::number;

namespace {
std::vector<sh::feature_file> case_files(const transferscore::json& c, const std::string& benchmark) {
  std::vector<sh::feature_file> out;
  const auto layers = static_cast<std::size_t>(*(*c.find("shape")->if_array())[0].as_int());
  for (const auto& [model, key] : {std::pair{"base", "base"}, std::pair{"tuned", "tuned"}}) {
    const std::string pattern = *c.find(key)->if_string();
    if (pattern.find("%d") == std::string::npos) {
      out.push_back({model, benchmark, shift_fixtures::path("latent/" + pattern), -1});
      continue;
    }
    for (std::size_t l = 0; l < layers; ++l) {
      std::string name = pattern;
      name.replace(name.find("%d"), 2, std::to_string(l));
      out.push_back({model, benchmark, shift_fixtures::path("latent/" + name), static_cast<std::int64_t>(l)});
    }
  }
  return out;
}

// A float64 .npy file of the given shape.
std::string write_npy(const std::string& name, const std::vector<std::size_t>& shape, const std::vector<double>& values) {
  std::string dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (";
  for (std::size_t i = 0; i < shape.size(); ++i) dict += (i ? ", " : "") + std::to_string(shape[i]);
  dict += shape.size() == 1 ? ",), }" : "), }";
  while ((10 + dict.size() + 1) % 64 != 0) dict += ' ';
  dict += '\n';
  std::string bytes = "\x93NUMPY\x01";
  bytes += '\0';
  bytes += static_cast<char>(dict.size() & 0xFF);
  bytes += static_cast<char>(dict.size() >> 8);
  bytes += dict;
  bytes.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(double));
  return test_paths::write_temp(name, bytes);
}

const std::vector<ag::model_pair> tuned_vs_base = {{"tuned", "base"}};
}  // namespace

TEST_CASE("latent shift: per layer, centroids and d equal the study's computation in scikit-learn, to 1e-9") {
  const auto expected = shift_fixtures::read_json("latent/expected.json");
  for (const auto& c : *expected.find("cases")->if_array()) {
    const auto files = case_files(c, "math500");
    for (const auto& result : *c.find("results")->if_object()) {
      const std::string& key = result.first;  // not a structured binding: doctest's messages capture it (clang 14)
      const transferscore::json& entry = result.second;
      CAPTURE(*c.find("name")->if_string());
      CAPTURE(key);
      sh::latent_options options;
      options.sign = key.rfind("components", 0) == 0 ? sh::sign_rule::components : sh::sign_rule::scores;
      options.centred = key.find("/centred") != std::string::npos;
      const auto r = sh::latent_shift(files, tuned_vs_base, ag::default_groups(), options);
      REQUIRE(r.pairs.size() == 1);
      REQUIRE(r.pairs[0].benchmarks.size() == 1);
      const auto& b = r.pairs[0].benchmarks[0];
      CHECK(b.group == "math");
      REQUIRE(b.undefined.empty());
      const auto& layers = *entry.find("per_layer")->if_array();
      REQUIRE(b.per_layer.size() == layers.size());
      for (std::size_t l = 0; l < layers.size(); ++l) {
        const auto& e = layers[l];
        const auto& got = b.per_layer[l];
        if (options.centred) {
          // Centred, the base sits at (0, 0) exactly; numpy's mean of centred projections is
          // rounding noise around 0.
          CHECK(got.base_pc1 == 0.0);
          CHECK(got.base_pc2 == 0.0);
          CHECK(std::fabs(number((*e.find("base")->if_array())[0])) < 1e-12);
          CHECK(std::fabs(number((*e.find("base")->if_array())[1])) < 1e-12);
        } else {
          CHECK(close(got.base_pc1, number((*e.find("base")->if_array())[0])));
          CHECK(close(got.base_pc2, number((*e.find("base")->if_array())[1])));
        }
        CHECK(close(got.tuned_pc1, number((*e.find("tuned")->if_array())[0])));
        CHECK(close(got.tuned_pc2, number((*e.find("tuned")->if_array())[1])));
        CHECK_MESSAGE(close(got.shift, number(*e.find("shift"))), got.shift << " vs " << number(*e.find("shift")));
      }
      if (options.centred) CHECK(b.z_base[1] == 0.0);
      else CHECK(close(b.z_base[1], number((*entry.find("z_base")->if_array())[1])));
      CHECK(close(b.z_tuned[0], number((*entry.find("z_tuned")->if_array())[0])));
      CHECK(close(b.z_tuned[1], number((*entry.find("z_tuned")->if_array())[1])));
      CHECK_MESSAGE(close(b.distance, number(*entry.find("distance"))), b.distance << " vs " << number(*entry.find("distance")));
      REQUIRE(r.pairs[0].groups.size() == 1);
      CHECK(r.pairs[0].groups[0].mean_distance == b.distance);
    }
  }
}

TEST_CASE("latent shift: a fine-tune equal to its base is 0 on every layer") {
  const std::vector<sh::feature_file> files = {{"base", "coqa", shift_fixtures::path("latent/wide_base_f32.npy"), -1},
                                               {"tuned", "coqa", shift_fixtures::path("latent/wide_base_f32.npy"), -1}};
  for (bool centred : {false, true}) {
    sh::latent_options options;
    options.centred = centred;
    const auto r = sh::latent_shift(files, tuned_vs_base, ag::default_groups(), options);
    const auto& b = r.pairs[0].benchmarks[0];
    CHECK(b.group == "non");
    for (const auto& l : b.per_layer) {
      CHECK(l.shift == 0.0);
      CHECK(l.tuned_pc2 == l.base_pc2);
    }
    CHECK(b.distance == 0.0);
  }
}

TEST_CASE("latent shift: features moved along PC1 by c shift by c on every layer, and d = |c|") {
  // Base: the fixture's float32 features; tuned: the same plus c times the base's PC1 of each layer.
  sh::npy_file base_file(shift_fixtures::path("latent/wide_base_f32.npy"));
  const auto shape = base_file.header().shape;
  const std::size_t L = shape[0], n = shape[1], d = shape[2];
  const double c = -0.75;
  std::vector<double> tuned, x;
  for (std::size_t l = 0; l < L; ++l) {
    base_file.read_matrix(l, x);
    const auto p = sh::fit_pca2(x, n, d, sh::sign_rule::components);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < d; ++j) tuned.push_back(x[i * d + j] + c * p.components[0][j]);
    }
  }
  const auto tuned_path = write_npy("shift_latent_moved.npy", shape, tuned);
  const std::vector<sh::feature_file> files = {{"base", "headqa", shift_fixtures::path("latent/wide_base_f32.npy"), -1},
                                               {"tuned", "headqa", tuned_path, -1}};
  const auto r = sh::latent_shift(files, tuned_vs_base, ag::default_groups(), {});
  const auto& b = r.pairs[0].benchmarks[0];
  CHECK(b.group == "other");
  for (const auto& l : b.per_layer) {
    CHECK(l.shift == doctest::Approx(c).epsilon(1e-12));
    CHECK(l.tuned_pc2 == doctest::Approx(l.base_pc2).epsilon(1e-12).scale(1.0));
  }
  CHECK(b.distance == doctest::Approx(std::fabs(c)).epsilon(1e-12));
}

TEST_CASE("latent shift: the manifest, several pairs and benchmarks, group means") {
  const std::string manifest = test_paths::write_temp(
      "shift_manifest.csv", "model,benchmark,path,layer\n"
                            "base,math500," + shift_fixtures::path("latent/wide_base_f32.npy") + ",\n"
                            "rl,math500," + shift_fixtures::path("latent/wide_tuned_f32.npy") + ",\n"
                            "sft,math500," + shift_fixtures::path("latent/wide_tuned_f16.npy") + ",\n"
                            "base,aime24," + shift_fixtures::path("latent/wide_base_f32.npy") + ",\n"
                            "rl,aime24," + shift_fixtures::path("latent/wide_base_f32.npy") + ",\n");
  const auto files = sh::read_feature_manifest(manifest);
  REQUIRE(files.size() == 5);
  const auto r = sh::latent_shift(files, {{"rl", "base"}, {"sft", "base"}}, ag::default_groups(), {});
  REQUIRE(r.pairs.size() == 2);
  REQUIRE(r.pairs[0].benchmarks.size() == 2);
  const double math500 = r.pairs[0].benchmarks[0].distance;
  CHECK(math500 > 0);
  CHECK(r.pairs[0].benchmarks[1].distance == 0.0);
  REQUIRE(r.pairs[0].groups.size() == 1);
  CHECK(r.pairs[0].groups[0].mean_distance == doctest::Approx(math500 / 2));
  // sft has no aime24 features: noted, not computed.
  CHECK(r.pairs[1].benchmarks.size() == 1);
  REQUIRE(r.notes.size() == 1);
  CHECK(r.notes[0].find("sft has no features on aime24") != std::string::npos);
}

TEST_CASE("latent shift: features that do not fit together are refused with the files named") {
  const std::vector<sh::feature_file> mismatch = {{"base", "math500", shift_fixtures::path("latent/wide_base_f32.npy"), -1},
                                                  {"tuned", "math500", shift_fixtures::path("latent/tall_tuned_f64.npy"), -1}};
  try {
    (void)sh::latent_shift(mismatch, tuned_vs_base, ag::default_groups(), {});
    FAIL("accepted");
  } catch (const transferscore::io_error& e) {
    CHECK(std::string(e.what()).find("tuned on math500 (") != std::string::npos);
    CHECK(std::string(e.what()).find("3 layers x 30 samples x 8, but the base base has 5 x 12 x 40") != std::string::npos);
  }
  const std::vector<sh::feature_file> gap = {{"base", "math500", shift_fixtures::path("latent/layered_base_0.npy"), 0},
                                             {"base", "math500", shift_fixtures::path("latent/layered_base_2.npy"), 2},
                                             {"tuned", "math500", shift_fixtures::path("latent/layered_tuned_0.npy"), 0}};
  CHECK_THROWS_WITH_AS((void)sh::latent_shift(gap, tuned_vs_base, ag::default_groups(), {}),
                       doctest::Contains("per-layer files must cover layers 0..1 once each"), transferscore::io_error);
  const std::string bad = test_paths::write_temp("shift_manifest_bad.csv", "model,benchmark,path,layer\nbase,math500,x.npy,two\n");
  CHECK_THROWS_WITH_AS((void)sh::read_feature_manifest(bad), doctest::Contains("shift_manifest_bad.csv:2: layer: 'two'"),
                       transferscore::io_error);
}
