#pragma once
// Item keys of one (model, benchmark) without a std::string per item: every key lives in
// one arena and an open-addressing table maps it to a dense index. Millions of items cost
// their key bytes plus about 24 bytes each.

#include <transferscore/config.hpp>
#include <transferscore/core/error.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace aggregate {

/// 64-bit FNV-1a: stable across machines, so hashes may be stored in state files.
[[nodiscard]] constexpr std::uint64_t stable_hash(std::string_view text) noexcept {
  std::uint64_t h = 0xCBF29CE484222325ull;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001B3ull;
  }
  return h;
}

class item_table {
 public:
  /// The index of `key`, adding it when new. Indices are dense, in order of first sight.
  std::uint32_t find_or_add(std::string_view key) {
    if ((entries_.size() + 1) * 2 > slots_.size()) grow();
    const std::uint64_t h = stable_hash(key);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = static_cast<std::size_t>(h) & mask;; i = (i + 1) & mask) {
      const std::uint32_t slot = slots_[i];
      if (slot == 0) {
        if (entries_.size() >= 0xFFFFFFFEu) TRANSFERSCORE_THROW(error("more than 2^32 - 2 items in one benchmark"));
        entries_.push_back({arena_.size(), static_cast<std::uint32_t>(key.size()), static_cast<std::uint32_t>(h >> 32)});
        arena_.append(key);
        slots_[i] = static_cast<std::uint32_t>(entries_.size());
        return slots_[i] - 1;
      }
      const entry& e = entries_[slot - 1];
      if (e.hash == static_cast<std::uint32_t>(h >> 32) && key_of(e) == key) return slot - 1;
    }
  }

  [[nodiscard]] std::string_view key(std::uint32_t index) const noexcept { return key_of(entries_[index]); }
  [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    return arena_.capacity() + entries_.capacity() * sizeof(entry) + slots_.capacity() * sizeof(std::uint32_t);
  }

 private:
  struct entry {
    std::uint64_t offset;
    std::uint32_t length;
    std::uint32_t hash;  // high half of the key's hash: a cheap first comparison
  };

  [[nodiscard]] std::string_view key_of(const entry& e) const noexcept {
    return std::string_view(arena_).substr(static_cast<std::size_t>(e.offset), e.length);
  }

  void grow() {
    std::vector<std::uint32_t> bigger(slots_.empty() ? 64 : slots_.size() * 2, 0);
    const std::size_t mask = bigger.size() - 1;
    for (std::uint32_t idx = 0; idx < entries_.size(); ++idx) {
      const std::uint64_t h = stable_hash(key_of(entries_[idx]));
      std::size_t i = static_cast<std::size_t>(h) & mask;
      while (bigger[i] != 0) i = (i + 1) & mask;
      bigger[i] = idx + 1;
    }
    slots_.swap(bigger);
  }

  std::string arena_;
  std::vector<entry> entries_;
  std::vector<std::uint32_t> slots_;  // entry index + 1; 0 marks an empty slot
};

}  // namespace aggregate
TRANSFERSCORE_END_NAMESPACE
