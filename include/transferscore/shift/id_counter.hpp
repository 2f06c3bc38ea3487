#pragma once
// Counts of token ids, in an open-addressing table (linear probing, power-of-two size): the
// shifted-token tally runs once per shifted position, and a node-based map's cache misses
// cost more there than the rest of the position's work.

#include <transferscore/config.hpp>

#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace shift {

class id_counter {
 public:
  void add(std::int64_t id) {
    if ((size_ + 1) * 4 > slots_.size() * 3) grow();
    std::size_t i = index(id);
    while (slots_[i].first != id && slots_[i].first != empty) i = (i + 1) & (slots_.size() - 1);
    if (slots_[i].first == empty) {
      slots_[i].first = id;
      ++size_;
    }
    ++slots_[i].second;
  }

  [[nodiscard]] std::size_t size() const noexcept { return size_; }

  /// Every (id, count), in no particular order.
  template <class F>
  void for_each(F&& f) const {
    for (const auto& s : slots_) {
      if (s.first != empty) f(s.first, s.second);
    }
  }

 private:
  static constexpr std::int64_t empty = std::numeric_limits<std::int64_t>::min();

  [[nodiscard]] std::size_t index(std::int64_t id) const noexcept {
    std::uint64_t x = static_cast<std::uint64_t>(id) * 0x9E3779B97F4A7C15ull;  // Fibonacci hashing
    return static_cast<std::size_t>(x >> 32) & (slots_.size() - 1);
  }

  void grow() {
    std::vector<std::pair<std::int64_t, std::uint64_t>> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, {empty, 0});
    size_ = 0;
    for (const auto& s : old) {
      if (s.first == empty) continue;
      std::size_t i = index(s.first);
      while (slots_[i].first != empty) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = s;
      ++size_;
    }
  }

  std::vector<std::pair<std::int64_t, std::uint64_t>> slots_;
  std::size_t size_ = 0;
};

}  // namespace shift
TRANSFERSCORE_END_NAMESPACE
