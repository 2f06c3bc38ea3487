#pragma once
// Runs a function over the indices [0, n) on a few threads, without the GIL. Indices are
// handed out in small blocks from one counter, so a slow item does not hold up a whole
// share. The first exception (by index) is rethrown in the calling thread.

#include <pybind11/pybind11.h>

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

// Batches go in chunks: inputs converted with the GIL, scored on `threads` threads without
// it, results converted with it. Memory stays that of one chunk, and its buffers are reused
// from chunk to chunk: converting a whole batch first costs a page fault per 4 KiB of input.
constexpr std::size_t chunk_per_thread = 1024;

/// The number of items a chunk holds for `threads` threads (at most 256 threads count).
[[nodiscard]] constexpr std::size_t chunk_size(std::size_t threads) noexcept {
  return chunk_per_thread * (threads < 256 ? (threads == 0 ? 1 : threads) : 256);
}

/// `prepare(begin, end)` and `finish(begin, end)` run with the GIL, `work(index, slot, state)`
/// without it; `slot` is the index within the chunk.
template <class Prepare, class MakeState, class Work, class Finish>
void in_chunks(std::size_t n, std::size_t threads, Prepare prepare, MakeState make_state, Work work, Finish finish) {
  threads = std::min<std::size_t>(threads, 256);  // more would only cost memory
  const std::size_t chunk = chunk_size(threads);
  for (std::size_t begin = 0; begin < n; begin += chunk) {
    const std::size_t end = std::min(n, begin + chunk);
    prepare(begin, end);
    {
      pybind11::gil_scoped_release release;
      parallel_for(end - begin, threads, make_state, [&](std::size_t k, auto& state) { work(begin + k, k, state); });
    }
    finish(begin, end);
  }
}

}  // namespace transferscore_python
