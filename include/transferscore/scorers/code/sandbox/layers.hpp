#pragma once
// The sandbox's layers, by name. The runner reports the active ones in runner_info.layers
// and in every executed verdict; options can switch some off (for tests and diagnosis: a
// runner without every layer is a best-effort runner, see docs/sandbox.md).

#include <transferscore/config.hpp>

#include <array>
#include <initializer_list>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// 1 where the runner can work (Linux); define it to 0 to leave the runner's system code
// out (making a runner is then a config_error, as on other systems).
#ifndef TRANSFERSCORE_SANDBOX_LINUX
#if defined(__linux__)
#define TRANSFERSCORE_SANDBOX_LINUX 1
#else
#define TRANSFERSCORE_SANDBOX_LINUX 0
#endif
#endif

TRANSFERSCORE_BEGIN_NAMESPACE
namespace code {

/// One isolation layer. `userns` and `uid_drop` are alternatives: a user namespace mapped
/// to an unprivileged uid, or (root without user namespaces) a plain switch to that uid.
enum class sandbox_layer : std::uint16_t {
  userns = 1U << 0U,
  uid_drop = 1U << 1U,
  pidns = 1U << 2U,
  netns = 1U << 3U,
  mountns = 1U << 4U,
  ipcns = 1U << 5U,
  utsns = 1U << 6U,
  rlimits = 1U << 7U,
  landlock = 1U << 8U,
  seccomp = 1U << 9U,
};

/// A set of layers.
class layer_set {
 public:
  constexpr layer_set() noexcept = default;
  constexpr layer_set(std::initializer_list<sandbox_layer> layers) noexcept {
    for (auto l : layers) bits_ = static_cast<std::uint16_t>(bits_ | static_cast<std::uint16_t>(l));
  }
  /// Every layer the runner knows (userns and uid-drop both: whichever applies is used).
  [[nodiscard]] static constexpr layer_set all() noexcept {
    layer_set s;
    s.bits_ = 0x3FF;
    return s;
  }
  [[nodiscard]] constexpr bool has(sandbox_layer l) const noexcept {
    return (bits_ & static_cast<std::uint16_t>(l)) != 0;
  }
  constexpr layer_set& add(sandbox_layer l) noexcept {
    bits_ = static_cast<std::uint16_t>(bits_ | static_cast<std::uint16_t>(l));
    return *this;
  }
  constexpr layer_set& remove(sandbox_layer l) noexcept {
    bits_ = static_cast<std::uint16_t>(bits_ & ~static_cast<std::uint16_t>(l));
    return *this;
  }
  [[nodiscard]] constexpr bool any_namespace() const noexcept {
    return (bits_ & 0x7DU) != 0;  // userns, pidns, netns, mountns, ipcns, utsns
  }
  [[nodiscard]] constexpr std::uint16_t bits() const noexcept { return bits_; }
  friend constexpr bool operator==(layer_set, layer_set) noexcept = default;

 private:
  std::uint16_t bits_ = 0;
};

struct layer_name {
  sandbox_layer layer;
  std::string_view name;
};

/// Names in report order (the order of runner_info.layers).
inline constexpr std::array<layer_name, 10> layer_names{{
    {sandbox_layer::userns, "userns"},
    {sandbox_layer::uid_drop, "uid-drop"},
    {sandbox_layer::pidns, "pidns"},
    {sandbox_layer::netns, "netns"},
    {sandbox_layer::mountns, "mountns"},
    {sandbox_layer::ipcns, "ipcns"},
    {sandbox_layer::utsns, "utsns"},
    {sandbox_layer::rlimits, "rlimits"},
    {sandbox_layer::landlock, "landlock"},
    {sandbox_layer::seccomp, "seccomp"},
}};

[[nodiscard]] constexpr std::string_view to_string(sandbox_layer l) noexcept {
  for (const auto& n : layer_names)
    if (n.layer == l) return n.name;
  return "";
}

[[nodiscard]] inline std::vector<std::string> layer_list(layer_set s) {
  std::vector<std::string> out;
  for (const auto& n : layer_names)
    if (s.has(n.layer)) out.emplace_back(n.name);
  return out;
}

}  // namespace code
TRANSFERSCORE_END_NAMESPACE
