#pragma once
// Pairs the judgements of two sides that concern the same record. A record is named by
// (model, benchmark, id, sample), or by the subset of these the user keys on (two tools
// rarely spell the model alike). Every judgement ends in exactly one place: a pair, one
// side only, or a duplicate of an earlier key on its own side (kept out of the pairs, and
// listed with the line of the first).

#include <transferscore/config.hpp>
#include <transferscore/core/error.hpp>
#include <transferscore/diff/reader.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace diff {

/// Which parts of a record's name must agree for two judgements to be paired.
struct key_fields {
  bool model = true;
  bool benchmark = true;
  bool id = true;
  bool sample = true;

  /// "model,benchmark,id,sample" or a subset that includes id; throws config_error otherwise.
  [[nodiscard]] static key_fields parse(std::string_view list) {
    key_fields k{false, false, false, false};
    std::size_t start = 0;
    while (start <= list.size()) {
      const std::size_t comma = std::min(list.find(',', start), list.size());
      const std::string_view part = list.substr(start, comma - start);
      if (part == "model") k.model = true;
      else if (part == "benchmark") k.benchmark = true;
      else if (part == "id") k.id = true;
      else if (part == "sample") k.sample = true;
      else TRANSFERSCORE_THROW(config_error("--key: '" + std::string(part) + "' is not one of model, benchmark, id, sample"));
      start = comma + 1;
    }
    if (!k.id) TRANSFERSCORE_THROW(config_error("--key must include id"));
    return k;
  }

  [[nodiscard]] std::string text() const {
    std::string out;
    for (auto [on, name] : {std::pair{model, "model"}, std::pair{benchmark, "benchmark"}, std::pair{id, "id"},
                            std::pair{sample, "sample"}}) {
      if (!on) continue;
      if (!out.empty()) out += ',';
      out += name;
    }
    return out;
  }

  /// The key of one judgement (fields joined by a byte no text field holds in practice).
  [[nodiscard]] std::string of(const entry& e) const {
    std::string k;
    if (model) k.append(e.model).push_back('\x1f');
    if (benchmark) k.append(e.benchmark).push_back('\x1f');
    k.append(e.id).push_back('\x1f');
    if (sample) k.append(std::to_string(e.sample));
    return k;
  }
};

/// A judgement whose key an earlier judgement of the same side already had.
struct duplicate {
  char side = 'a';
  std::uint32_t index = 0;  ///< the duplicate, in its side's entries
  std::uint32_t first = 0;  ///< the judgement first seen with that key
};

struct match_result {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;  ///< (A index, B index), in A's order
  std::vector<std::uint32_t> only_a;
  std::vector<std::uint32_t> only_b;
  std::vector<duplicate> duplicates;
};

[[nodiscard]] inline match_result match(const side& a, const side& b, const key_fields& key) {
  match_result out;
  constexpr std::uint32_t unused = 0xFFFFFFFFu;
  std::unordered_map<std::string, std::uint32_t> in_b;  // key -> first B index
  in_b.reserve(b.entries.size());
  std::vector<std::uint32_t> paired_with(b.entries.size(), unused);
  std::vector<bool> b_duplicate(b.entries.size(), false);
  for (std::uint32_t j = 0; j < b.entries.size(); ++j) {
    auto [it, inserted] = in_b.emplace(key.of(b.entries[j]), j);
    if (!inserted) b_duplicate[j] = true;
  }
  std::unordered_map<std::string, std::uint32_t> in_a;
  in_a.reserve(a.entries.size());
  for (std::uint32_t i = 0; i < a.entries.size(); ++i) {
    std::string k = key.of(a.entries[i]);
    auto [seen, inserted] = in_a.emplace(k, i);
    if (!inserted) {
      out.duplicates.push_back({'a', i, seen->second});
      continue;
    }
    if (auto it = in_b.find(k); it != in_b.end()) {
      out.pairs.emplace_back(i, it->second);
      paired_with[it->second] = i;
    } else {
      out.only_a.push_back(i);
    }
  }
  for (std::uint32_t j = 0; j < b.entries.size(); ++j) {
    if (b_duplicate[j]) {
      out.duplicates.push_back({'b', j, in_b.at(key.of(b.entries[j]))});
    } else if (paired_with[j] == unused) {
      out.only_b.push_back(j);
    }
  }
  return out;
}

}  // namespace diff
TRANSFERSCORE_END_NAMESPACE
