// The math family on a realistic generated corpus: responses of a few KB (reasoning with
// inline math, then a final answer in a box, after a cue, or as the last number) and answers
// of every kind (integers, fractions, radicals, pi, decimals, percent, units, sets, tuples,
// intervals, matrices, equations, expressions with variables, text, letters), about half of
// them right.
//
//   BM_scan_reference   touches every byte of each response once (memchr for '$'): the
//                       cost floor of reading the corpus, measured in the same run
//   BM_extract          math::extract on each response
//   BM_verdict          math::equivalent(gold, response): trace policy, extraction, parse,
//                       comparison (the RL-reward path)
//   BM_verdict_paper    the study's grader (hendrycks::grade)
//   BM_verdict_latency  every verdict timed alone: p50, p99 and the worst, as counters
//   BM_hostile_worst    the adversarial inputs of tests/scorers/math/test_math_budget.cpp,
//                       each timed alone; the worst as a counter
#include <benchmark/benchmark.h>
#include <transferscore/transferscore.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace m = transferscore::math;

namespace {

std::uint64_t next(std::uint64_t& state) {  // splitmix64
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

struct pair {
  const char* gold;
  const char* right;  // an equivalent answer in another form
  const char* wrong;  // a close wrong answer
};

// Answers of every kind, as models write them.
const pair pairs[] = {
    {"204", "204", "240"},
    {"15", "015", "16"},
    {"1000", "1,000", "100"},
    {"\\frac{14}{3}", "\\dfrac{14}{3}", "4.67"},
    {"\\frac{1}{2}", "0.5", "2"},
    {"-\\frac{3}{4}", "-0.75", "\\frac{3}{4}"},
    {"\\frac{7}{2}", "3\\frac{1}{2}", "\\frac{2}{7}"},
    {"2\\sqrt{2}", "\\sqrt{8}", "2\\sqrt{3}"},
    {"4\\sqrt{3}", "4\\sqrt3", "6.93"},
    {"\\frac{\\sqrt{3}}{2}", "\\frac{1}{2}\\sqrt{3}", "\\frac{\\sqrt{2}}{2}"},
    {"36 - 9\\pi", "9(4 - \\pi)", "7.73"},
    {"\\frac{\\pi}{4}", "\\frac{1}{4}\\pi", "45^\\circ"},
    {"2.5", "\\frac{5}{2}", "2.51"},
    {"\\frac{2}{3}", "0.666667", "0.67"},
    {"25\\%", "0.25", "2.5"},
    {"34", "\\$34", "43"},
    {"12", "12\\text{ cm}", "120 \\text{ mm}"},
    {"60", "60^\\circ", "\\frac{\\pi}{3}"},
    {"1.2\\times 10^{3}", "1200", "120"},
    {"\\{1, 2, 3\\}", "3, 2, 1", "1, 2"},
    {"\\pm 2", "2, -2", "2"},
    {"(2,-3)", "\\left(2, -3\\right)", "(-3, 2)"},
    {"\\left( 3, \\frac{\\pi}{2} \\right)", "(3, \\pi/2)", "(3, \\pi)"},
    {"[2,5) \\cup (5,\\infty)", "[2, 5) \\cup (5, \\infty)", "(2,5) \\cup (5,\\infty)"},
    {"(-\\infty, 3)", "x < 3", "x \\le 3"},
    {"\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}", "\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}",
     "\\begin{pmatrix} 1 & 3 \\\\ 2 & 4 \\end{pmatrix}"},
    {"y = 2x + 1", "2x - y + 1 = 0", "y = 2x - 1"},
    {"x = 5", "5", "x = -5"},
    {"x^2 + 2x + 1", "(x+1)^2", "(x-1)^2"},
    {"\\frac{n(n+1)}{2}", "\\binom{n+1}{2}", "\\frac{n(n-1)}{2}"},
    {"\\text{odd}", "\\text{Odd}", "\\text{even}"},
    {"\\text{Evelyn}", "Evelyn", "Emily"},
    {"C", "\\text{(C)}", "D"},
    {"1011_2", "1011", "11"},
    {"3+4i", "4i + 3", "3 - 4i"},
    {"1:2", "\\frac{1}{2}", "2"},
    {"e^2", "\\exp(2)", "2e"},
    {"\\log_2 8", "3", "4"},
};

const char* const filler[] = {
    "Let us consider the problem carefully.", "We substitute $x = 3$ into the expression.",
    "Then $a^2 + b^2 = (a + b)^2 - 2ab$.", "Checking: $3^2 + 4^2 = 25$, which works.", "So the sum is $12$, not $13$.",
    "Alternatively, factor as $(x-1)(x+2) = 0$.", "The discriminant is $b^2 - 4ac = 16 - 12 = 4$.",
    "Wait, we need to double-check the sign.", "Hence $\\frac{1}{2} \\cdot 8 = 4$.", "Now consider the case $n$ even.",
    "The area of the triangle is $\\frac{1}{2} \\cdot 6 \\cdot 8 = 24$.", "This gives $\\sqrt{2} \\approx 1.414$.",
    "Step 2: count the remaining 17 cases.", "By symmetry, the probability is $\\frac{5}{36}$."};

struct item {
  std::string gold;
  std::string response;
};

/// `count` records with responses of about `bytes` characters.
std::vector<item> corpus(std::size_t count, std::size_t bytes) {
  std::vector<item> out;
  std::uint64_t state = 7;
  constexpr std::size_t n_pairs = sizeof(pairs) / sizeof(pairs[0]);
  constexpr std::size_t n_filler = sizeof(filler) / sizeof(filler[0]);
  for (std::size_t k = 0; k < count; ++k) {
    const pair& p = pairs[next(state) % n_pairs];
    const bool right = next(state) % 2 == 0;
    const char* answer = right ? (next(state) % 2 == 0 ? p.gold : p.right) : p.wrong;
    item it;
    it.gold = p.gold;
    if (next(state) % 4 == 0) it.response = "<think>\n";
    while (it.response.size() < bytes) {
      it.response += filler[next(state) % n_filler];
      it.response += next(state) % 5 == 0 ? "\n\n" : " ";
    }
    if (it.response.rfind("<think>", 0) == 0) it.response += "\n</think>\n\n";
    switch (next(state) % 8) {
      case 0: it.response += "The final answer is $" + std::string(answer) + "$."; break;
      case 1: it.response += "**Answer:** $" + std::string(answer) + "$"; break;
      default: it.response += "Therefore, the answer is $\\boxed{" + std::string(answer) + "}$."; break;
    }
    out.push_back(std::move(it));
  }
  return out;
}

const std::vector<item>& shared_corpus() {
  static const std::vector<item> c = corpus(4000, 3000);
  return c;
}

void BM_scan_reference(benchmark::State& state) {
  const auto& c = shared_corpus();
  std::size_t i = 0, bytes = 0, found = 0;
  for (auto _ : state) {
    const std::string& r = c[i].response;
    const char* p = r.data();
    const char* end = p + r.size();
    while ((p = static_cast<const char*>(std::memchr(p, '$', static_cast<std::size_t>(end - p)))) != nullptr) {
      ++found;
      ++p;
    }
    benchmark::DoNotOptimize(found);
    bytes += r.size();
    i = i + 1 == c.size() ? 0 : i + 1;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}

void BM_extract(benchmark::State& state) {
  const auto& c = shared_corpus();
  std::size_t i = 0, bytes = 0;
  for (auto _ : state) {
    // The trace policy is part of extraction's job in a verdict; apply it here too.
    const auto t = transferscore::apply_trace_policy(transferscore::trace_policy{}, c[i].response);
    m::extraction e = m::extract(t.answer);
    benchmark::DoNotOptimize(e);
    bytes += c[i].response.size();
    i = i + 1 == c.size() ? 0 : i + 1;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}

void BM_verdict(benchmark::State& state) {
  const auto& c = shared_corpus();
  std::size_t i = 0, correct = 0, bytes = 0;
  for (auto _ : state) {
    const transferscore::score_result r = m::equivalent(c[i].gold, c[i].response);
    correct += r.correct ? 1 : 0;
    bytes += c[i].response.size();
    i = i + 1 == c.size() ? 0 : i + 1;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  state.counters["correct_share"] = static_cast<double>(correct) / static_cast<double>(state.iterations());
}

void BM_verdict_paper(benchmark::State& state) {
  const auto& c = shared_corpus();
  std::size_t i = 0;
  for (auto _ : state) {
    const auto t = transferscore::apply_trace_policy(transferscore::trace_policy{}, c[i].response);
    auto v = m::hendrycks::grade(c[i].gold, t.answer, m::hendrycks::grader::evalchemy);
    benchmark::DoNotOptimize(v);
    i = i + 1 == c.size() ? 0 : i + 1;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_verdict_latency(benchmark::State& state) {
  const auto& c = shared_corpus();
  std::vector<double> ns;
  ns.reserve(c.size() * 4);
  for (auto _ : state) {
    ns.clear();
    for (int round = 0; round < 4; ++round) {
      for (const auto& it : c) {
        const auto t0 = std::chrono::steady_clock::now();
        const transferscore::score_result r = m::equivalent(it.gold, it.response);
        const auto t1 = std::chrono::steady_clock::now();
        benchmark::DoNotOptimize(r);
        ns.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count());
      }
    }
  }
  std::sort(ns.begin(), ns.end());
  state.counters["p50_us"] = ns[ns.size() / 2] / 1000.0;
  state.counters["p99_us"] = ns[ns.size() * 99 / 100] / 1000.0;
  state.counters["worst_us"] = ns.back() / 1000.0;
}

void BM_hostile_worst(benchmark::State& state) {
  std::vector<item> hostile;
  for (const char* a : {"10^{10^{10}}", "2^{2^{2^{2^{2^{2}}}}}", "9^{9^{9^{9}}}", "2003^{2002^{2001}}", "(10^{100})!", "5000!",
                        "1000 \\cdot 999!", "10^{100000000}"}) {
    hostile.push_back({"5", std::string("\\boxed{") + a + "}"});
  }
  for (const char* open : {"{", "(", "\\sqrt{", "\\frac{1}{", "-"}) {
    std::string answer;
    for (int i = 0; i < 5000; ++i) answer += open;
    answer += "1";
    hostile.push_back({"1", "\\boxed{" + answer + "}"});
  }
  hostile.push_back({"1", "\\boxed{" + std::string(1 << 20, '1') + "}"});
  std::string sum = "1";
  for (int i = 0; i < 4000; ++i) sum += "+x^{" + std::to_string(i % 50) + "}";
  hostile.push_back({"x", "\\boxed{" + sum + "}"});
  std::string response;
  while (response.size() < (1u << 20)) response += "We consider the case n = 17 and compute 3 + 4 = 7. ";
  hostile.push_back({"42", response + "The answer is \\boxed{42}."});
  double worst = 0;
  for (auto _ : state) {
    for (const auto& it : hostile) {
      const auto t0 = std::chrono::steady_clock::now();
      const transferscore::score_result r = m::equivalent(it.gold, it.response);
      const auto t1 = std::chrono::steady_clock::now();
      benchmark::DoNotOptimize(r);
      worst = std::max(worst, std::chrono::duration<double, std::micro>(t1 - t0).count());
    }
  }
  state.counters["worst_us"] = worst;
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * hostile.size()));
}

}  // namespace

BENCHMARK(BM_scan_reference);
BENCHMARK(BM_extract);
BENCHMARK(BM_verdict);
BENCHMARK(BM_verdict_paper);
BENCHMARK(BM_verdict_latency)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_hostile_worst)->Iterations(3)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
