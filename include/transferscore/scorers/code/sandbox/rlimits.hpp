#pragma once
// Resource limits of the sandboxed program: set by the program's own process just before
// exec, so they bind Python and whatever it starts. CPU time is also limited per test by
// the harness (a CPU-time itimer re-armed for each test); RLIMIT_CPU is the backstop for
// the whole run, in case the program disarms that timer.

#include <transferscore/scorers/code/sandbox/system.hpp>

#if TRANSFERSCORE_SANDBOX_LINUX

#include <array>
#include <cstdint>

#include <sys/resource.h>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace code::sandbox {

struct rlimit_setting {
  int resource;
  std::uint64_t value;  // soft and hard
};

struct rlimit_plan {
  std::array<rlimit_setting, 8> settings{};
  std::size_t count = 0;

  void set(int resource, std::uint64_t value) noexcept {
    for (std::size_t i = 0; i < count; ++i)
      if (settings[i].resource == resource) {
        settings[i].value = value;
        return;
      }
    if (count < settings.size()) settings[count++] = {resource, value};
  }
};

/// Applies every limit (soft = hard, so the program cannot raise them). Async-signal-safe.
/// Returns 0 or -errno.
inline long apply_rlimits(const rlimit_plan& plan) noexcept {
  for (std::size_t i = 0; i < plan.count; ++i) {
    const struct {
      std::uint64_t cur, max;
    } limit{plan.settings[i].value, plan.settings[i].value};
    const long r = sys::call(SYS_prlimit64, 0, plan.settings[i].resource, &limit, nullptr);
    if (r < 0) return r;
  }
  return 0;
}

}  // namespace code::sandbox
TRANSFERSCORE_END_NAMESPACE

#endif  // TRANSFERSCORE_SANDBOX_LINUX
