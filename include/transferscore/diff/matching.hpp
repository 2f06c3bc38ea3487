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
#include <functional>
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

  /// Whether two judgements name the same record under this key.
  [[nodiscard]] bool same(const entry& x, const entry& y) const noexcept {
    return x.id == y.id && (!sample || x.sample == y.sample) && (!benchmark || x.benchmark == y.benchmark) &&
           (!model || x.model == y.model);
  }
  /// A hash of the parts of a judgement's name that the key compares.
  [[nodiscard]] std::size_t hash(const entry& e) const noexcept {
    std::size_t h = std::hash<std::string_view>{}(e.id);
    auto mix = [&h](std::size_t v) { h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2); };
    if (sample) mix(std::hash<std::int64_t>{}(e.sample));
    if (benchmark) mix(std::hash<std::string_view>{}(e.benchmark));
    if (model) mix(std::hash<std::string_view>{}(e.model));
    return h;
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
  // Tables of judgements keyed by their own fields, with the hash computed once: no key
  // strings are built, and probing never hashes a string twice.
  struct keyed {
    std::size_t hash;
    const entry* e;
  };
  struct hasher {
    std::size_t operator()(const keyed& k) const noexcept { return k.hash; }
  };
  struct equal {
    const key_fields* key;
    bool operator()(const keyed& x, const keyed& y) const noexcept { return x.hash == y.hash && key->same(*x.e, *y.e); }
  };
  using table = std::unordered_map<keyed, std::uint32_t, hasher, equal>;
  auto keyed_of = [&key](const entry& e) { return keyed{key.hash(e), &e}; };
  match_result out;
  constexpr std::uint32_t unused = 0xFFFFFFFFu;
  table in_b(b.entries.size(), hasher{}, equal{&key});
  std::vector<std::uint32_t> first_b(b.entries.size());  // the first B judgement with the same key
  for (std::uint32_t j = 0; j < b.entries.size(); ++j) first_b[j] = in_b.emplace(keyed_of(b.entries[j]), j).first->second;
  std::vector<std::uint32_t> paired_with(b.entries.size(), unused);
  table in_a(a.entries.size(), hasher{}, equal{&key});
  for (std::uint32_t i = 0; i < a.entries.size(); ++i) {
    const keyed k = keyed_of(a.entries[i]);
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
    if (first_b[j] != j) {
      out.duplicates.push_back({'b', j, first_b[j]});
    } else if (paired_with[j] == unused) {
      out.only_b.push_back(j);
    }
  }
  return out;
}

}  // namespace diff
TRANSFERSCORE_END_NAMESPACE
