#pragma once
// Runs a function over the indices [0, n) on a few threads, without the GIL. Indices are
// handed out in small blocks from one counter, so a slow item does not hold up a whole
// share. The first exception (by index) is rethrown in the calling thread.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace transferscore_python {

/// Calls make_state() once per thread and fn(i, state) for every i in [0, n).
template <class MakeState, class Fn>
void parallel_for(std::size_t n, std::size_t threads, MakeState make_state, Fn fn) {
  threads = std::max<std::size_t>(1, std::min(threads, n));
  constexpr std::size_t block = 16;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex error_mutex;
  std::size_t error_index = n;
  std::exception_ptr error;
  auto work = [&] {
    auto state = make_state();
    for (;;) {
      const std::size_t begin = next.fetch_add(block);
      if (begin >= n || failed.load(std::memory_order_relaxed)) return;
      const std::size_t end = std::min(n, begin + block);
      for (std::size_t i = begin; i < end; ++i) {
        try {
          fn(i, state);
        } catch (...) {
          std::lock_guard lock(error_mutex);
          if (i < error_index) {
            error_index = i;
            error = std::current_exception();
          }
          failed = true;
          return;
        }
      }
    }
  };
  if (threads == 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    pool.reserve(threads - 1);
    try {
      for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
    } catch (const std::system_error&) {
      // No more threads to be had: the ones running (and this one) do the work.
    }
    work();
    for (auto& t : pool) t.join();
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace transferscore_python
