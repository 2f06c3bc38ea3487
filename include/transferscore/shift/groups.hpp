#pragma once
// Which benchmark group (math / other / non, or a groups file's) a benchmark of a shift
// report belongs to. The study's analysis scripts name benchmarks their own way
// ("hendrycks_math_500", "Head_QA", "HalluEval", "gpqa_diamond_cot_zeroshot"), so after an
// exact match, names are compared in a normal form (lower case, letters and digits only), and
// the study's names map to the benchmark ids transferscore uses.

#include <transferscore/config.hpp>
#include <transferscore/aggregate/transfer.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace shift {

/// Lower case, letters and digits only: "Head_QA" -> "headqa".
[[nodiscard]] inline std::string normal_benchmark_name(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c - 'A' + 'a'));
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
  return out;
}

/// The study's benchmark names (normal form) that differ from ours.
inline constexpr std::array<std::pair<std::string_view, std::string_view>, 9> study_benchmark_aliases{{
    {"hendrycksmath500", "math500"},
    {"olympiad", "olympiadbench"},
    {"olympia", "olympiadbench"},
    {"gpqadiamondcotzeroshot", "gpqadiamond"},
    {"gpqad", "gpqadiamond"},
    {"gpqa", "gpqadiamond"},
    {"hallueval", "halueval"},
    {"headqaen", "headqa"},
    {"lcb2", "livecodebench"},
}};

/// The index of the group holding `benchmark`, if any.
[[nodiscard]] inline std::optional<std::size_t> group_of(const aggregate::group_config& groups, std::string_view benchmark) {
  for (std::size_t g = 0; g < groups.groups.size(); ++g) {
    for (const auto& b : groups.groups[g].benchmarks) {
      if (b == benchmark) return g;
    }
  }
  std::string name = normal_benchmark_name(benchmark);
  for (const auto& [study, ours] : study_benchmark_aliases) {
    if (name == study) name = std::string(ours);
  }
  for (std::size_t g = 0; g < groups.groups.size(); ++g) {
    for (const auto& b : groups.groups[g].benchmarks) {
      if (normal_benchmark_name(b) == name) return g;
    }
  }
  return std::nullopt;
}

}  // namespace shift
TRANSFERSCORE_END_NAMESPACE
