#pragma once
// A deterministic generator of realistic canonical records: reasoning-model responses of
// a few KB (a <think> trace, then a short answer), ids, models, references, a few escapes
// and non-ASCII characters, as backends write them.

#include <cstdint>
#include <cstdio>
#include <string>

namespace bench_corpus {

inline std::uint64_t next(std::uint64_t& state) {  // splitmix64
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

inline const char* const words[] = {
    "Let", "us", "consider", "the", "equation", "so", "we", "get", "which", "means", "therefore", "x", "=",
    "\\\\frac{1}{2}", "wait,", "check:", "substituting", "gives", "$3^2", "+", "4^2", "=", "25$", "hence", "the",
    "answer", "is", "—", "π", "≈", "3.14159", "\\\\sqrt{2}", "Alternatively,", "factor", "(x-1)(x+2)", "roots",
    "\\\"quoted\\\"", "step", "1:", "\\n\\n", "first,", "second,", "then", "n", "is", "even", "odd", "prime"};

/// One JSONL line (with its newline) of about `response_bytes` of response text.
inline std::string record_line(std::uint64_t index, std::uint64_t& state, std::size_t response_bytes = 3000) {
  static constexpr std::size_t n_words = sizeof(words) / sizeof(words[0]);
  std::string answer = std::to_string(next(state) % 1000);
  std::string line = "{\"id\": \"item/" + std::to_string(index) + "\", \"benchmark\": \"bench\", \"model\": \"qwen3-14b-rl\", "
                     "\"sample\": " + std::to_string(index % 4) + ", \"response\": \"<think>";
  const std::size_t start = line.size();
  while (line.size() - start < response_bytes) {
    line += words[next(state) % n_words];
    line += ' ';
  }
  const bool right = next(state) % 3 != 0;
  line += "</think>\\n\\n" + (right ? answer : std::to_string(next(state) % 1000)) + "\", \"reference\": {\"answer\": \"" +
          answer + "\"}}\n";
  return line;
}

/// Writes records to `path` until it holds at least `bytes`; returns the record count.
inline std::uint64_t write_file(const std::string& path, std::uint64_t bytes, std::size_t response_bytes = 3000) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return 0;
  std::uint64_t state = 42, written = 0, n = 0;
  std::string buffer;
  while (written < bytes) {
    buffer.clear();
    for (int i = 0; i < 256 && written + buffer.size() < bytes; ++i) buffer += record_line(n++, state, response_bytes);
    std::fwrite(buffer.data(), 1, buffer.size(), f);
    written += buffer.size();
  }
  std::fclose(f);
  return n;
}

}  // namespace bench_corpus
