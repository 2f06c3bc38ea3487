#pragma once
// Where the hidden-state features of a model on a benchmark are: mean-pooled features per
// layer, samples x hidden, as .npy files, either one file per (model, benchmark) holding
// layers x samples x hidden, or one file per layer holding samples x hidden. A manifest (CSV
// with a header) lists them:
//   model,benchmark,path[,layer]
//   Qwen3-14B-Base,math500,base/math500.npy
//   UniReason-RL,math500,rl/math500.npy
// Relative paths are relative to the manifest's folder; an empty layer means the whole file.

#include <transferscore/config.hpp>
#include <transferscore/aggregate/score_table.hpp>
#include <transferscore/core/error.hpp>
#include <transferscore/shift/npy.hpp>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace shift {

struct feature_file {
  std::string model;
  std::string benchmark;
  std::string path;
  std::int64_t layer = -1;  ///< -1: the file holds every layer
};

/// Parses a manifest; `name` is its path (messages, and the folder of relative paths).
[[nodiscard]] inline std::vector<feature_file> parse_feature_manifest(std::string_view text, const std::string& name) {
  const auto rows = aggregate::parse_csv(text, name);
  if (rows.empty()) TRANSFERSCORE_THROW(io_error(name + ": empty manifest"));
  const auto at = aggregate::detail::columns_of(rows[0], {"model", "benchmark", "path"}, name);
  std::size_t layer_column = rows[0].fields.size();
  for (std::size_t c = 0; c < rows[0].fields.size(); ++c) {
    if (rows[0].fields[c] == "layer") layer_column = c;
  }
  const std::filesystem::path folder = std::filesystem::path(name).parent_path();
  std::vector<feature_file> out;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    auto where = [&] { return name + ":" + std::to_string(row.line) + ": "; };
    for (auto c : at) {
      if (c >= row.fields.size() || row.fields[c].empty()) TRANSFERSCORE_THROW(io_error(where() + "expected model,benchmark,path"));
    }
    feature_file f{row.fields[at[0]], row.fields[at[1]], row.fields[at[2]], -1};
    if (std::filesystem::path(f.path).is_relative()) f.path = (folder / f.path).string();
    if (layer_column < row.fields.size() && !row.fields[layer_column].empty()) {
      const std::string& l = row.fields[layer_column];
      std::int64_t v = -1;
      auto [p, ec] = std::from_chars(l.data(), l.data() + l.size(), v);
      if (ec != std::errc{} || p != l.data() + l.size() || v < 0) TRANSFERSCORE_THROW(io_error(where() + "layer: '" + l + "' is not a layer number"));
      f.layer = v;
    }
    out.push_back(std::move(f));
  }
  return out;
}

[[nodiscard]] inline std::vector<feature_file> read_feature_manifest(const std::string& path) {
  return parse_feature_manifest(aggregate::read_text_file(path), path);
}

/// The layers of one (model, benchmark), however they are stored.
class layer_features {
 public:
  /// `files` are every file of this (model, benchmark). Throws io_error when they do not
  /// make one layers x samples x hidden array.
  explicit layer_features(const std::vector<const feature_file*>& files) {
    if (files.empty()) TRANSFERSCORE_THROW(io_error("no feature file"));
    const std::string what = files[0]->model + " on " + files[0]->benchmark;
    if (files.size() == 1 && files[0]->layer < 0) {
      auto f = std::make_unique<npy_file>(files[0]->path);
      const auto& s = f->header().shape;
      if (s.size() == 3) {
        layers_ = s[0];
        samples_ = s[1];
        hidden_ = s[2];
      } else if (s.size() == 2) {
        layers_ = 1;
        samples_ = s[0];
        hidden_ = s[1];
      } else {
        TRANSFERSCORE_THROW(io_error(f->path() + ": shape " + f->header().shape_text() +
                                     ": expected layers x samples x hidden (or samples x hidden for one layer)"));
      }
      files_.push_back(std::move(f));
      whole_ = true;
      return;
    }
    std::vector<const feature_file*> sorted = files;
    std::sort(sorted.begin(), sorted.end(), [](const feature_file* a, const feature_file* b) { return a->layer < b->layer; });
    for (std::size_t l = 0; l < sorted.size(); ++l) {
      if (sorted[l]->layer != static_cast<std::int64_t>(l)) {
        TRANSFERSCORE_THROW(io_error(what + ": per-layer files must cover layers 0.." + std::to_string(sorted.size() - 1) +
                                     " once each (" + sorted[l]->path + " is listed as layer " +
                                     (sorted[l]->layer < 0 ? std::string("(none)") : std::to_string(sorted[l]->layer)) + ")"));
      }
      auto f = std::make_unique<npy_file>(sorted[l]->path);
      const auto& s = f->header().shape;
      if (s.size() != 2) {
        TRANSFERSCORE_THROW(io_error(f->path() + ": shape " + f->header().shape_text() + ": a per-layer file holds samples x hidden"));
      }
      if (l == 0) {
        samples_ = s[0];
        hidden_ = s[1];
      } else if (s[0] != samples_ || s[1] != hidden_) {
        TRANSFERSCORE_THROW(io_error(f->path() + ": shape " + f->header().shape_text() + " differs from layer 0's (" +
                                     std::to_string(samples_) + ", " + std::to_string(hidden_) + ")"));
      }
      files_.push_back(std::move(f));
    }
    layers_ = files_.size();
  }

  [[nodiscard]] std::size_t layers() const noexcept { return layers_; }
  [[nodiscard]] std::size_t samples() const noexcept { return samples_; }
  [[nodiscard]] std::size_t hidden() const noexcept { return hidden_; }
  [[nodiscard]] std::string describe() const {
    return files_.size() == 1 ? files_[0]->path() : std::to_string(files_.size()) + " per-layer files (" + files_[0]->path() + ", ...)";
  }

  /// Layer `l` as samples x hidden, row-major.
  void read_layer(std::size_t l, std::vector<double>& out) {
    if (whole_) files_[0]->read_matrix(l, out);
    else files_[l]->read_matrix(0, out);
  }

 private:
  std::vector<std::unique_ptr<npy_file>> files_;
  bool whole_ = false;
  std::size_t layers_ = 0, samples_ = 0, hidden_ = 0;
};

}  // namespace shift
TRANSFERSCORE_END_NAMESPACE
