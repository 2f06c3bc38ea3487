// make_corpus FILE SIZE_MB [RESPONSE_BYTES]: writes a deterministic JSONL corpus of
// realistic records (see corpus.hpp), for the CLI timing and peak-memory runs.
#include "corpus.hpp"

#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: make_corpus FILE SIZE_MB [RESPONSE_BYTES]\n");
    return 2;
  }
  const auto mb = std::strtoull(argv[2], nullptr, 10);
  const std::size_t response = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 3000;
  const auto n = bench_corpus::write_file(argv[1], mb << 20, response);
  std::printf("%llu records\n", static_cast<unsigned long long>(n));
  return n > 0 ? 0 : 1;
}
