"""Reward calls per second from Python: transferscore against a pure-Python grader, same run.

    PYTHONPATH=build/python /usr/bin/python3 python/bench/bench_rewards.py [--pairs N] [--repeats R]

Pairs are (gold, response) from the bundled math500 and aime24 generations (reasoning
responses padded to 2-4 KB, as python/tests/corpus.py makes them). Measured, each as the
median of R runs over all pairs (the runs take turns), by CPU time and by wall-clock time
(the CPU time of 2 threads counts both, so their gain shows in wall-clock time only):

  reference   the Hendrycks MATH grader in plain Python (hendrycks_reference.py: last box,
              strip_string, string equality), one call per pair
  reward      transferscore.math.reward(gold, response), one call per pair, one thread
  verl        transferscore.rewards.compute_score("lighteval/MATH", response, gold), per pair
  batch/1     transferscore.math.rewards(golds, responses, threads=1), one call for all pairs
  batch/2     the same with threads=2 (GIL released)
  trl/2       transferscore.rewards.make_reward_func("math", threads=2) on all pairs
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

import hendrycks_reference  # noqa: E402
import transferscore as ts  # noqa: E402
from corpus import _pad, templates  # noqa: E402
from transferscore import rewards  # noqa: E402


def pairs(count: int, seed: int = 1) -> tuple:
    rng = random.Random(seed)
    math_items = [(ref["answer"], response) for bench, response, ref, _ in templates() if bench in ("math500", "aime24")]
    golds, responses = [], []
    for i in range(count):
        gold, response = math_items[i % len(math_items)]
        golds.append(gold)
        responses.append(_pad(response, rng, rng.randint(2000, 4000)))
    return golds, responses


def measure(runs: dict, n: int, repeats: int) -> dict:
    """Median calls/s of each run by wall-clock time and by the CPU time of the process
    (on a machine shared with other work, CPU time is the steadier figure for one thread).
    The runs take turns, so a change of load touches all of them alike."""
    wall: dict = {name: [] for name in runs}
    cpu: dict = {name: [] for name in runs}
    for _ in range(repeats):
        for name, fn in runs.items():
            w, c = time.perf_counter(), time.process_time()
            fn()
            wall[name].append(n / (time.perf_counter() - w))
            cpu[name].append(n / max(time.process_time() - c, 1e-9))
    return {name: (statistics.median(wall[name]), statistics.median(cpu[name])) for name in runs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=20000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    golds, responses = pairs(args.pairs)
    n = len(golds)
    trl = rewards.make_reward_func("math", threads=2)

    runs = {
        "reference": lambda: [hendrycks_reference.reward(g, r) for g, r in zip(golds, responses)],
        "reward": lambda: [ts.math.reward(g, r) for g, r in zip(golds, responses)],
        "verl": lambda: [rewards.compute_score("lighteval/MATH", r, g) for g, r in zip(golds, responses)],
        "batch/1": lambda: ts.math.rewards(golds, responses, threads=1),
        "batch/2": lambda: ts.math.rewards(golds, responses, threads=2),
        "trl/2": lambda: trl(responses, answer=golds),
    }
    for fn in runs.values():  # warm-up: caches, allocator, CPU frequency
        fn()
    rates = measure(runs, n, args.repeats)

    ours = ts.math.rewards(golds, responses)
    theirs = [hendrycks_reference.reward(g, r) for g, r in zip(golds, responses)]
    paper = ts.math.rewards(golds, responses, mode="paper")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{n} pairs, {sum(len(r) for r in responses) / n:.0f} bytes per response on average; "
          f"{os.cpu_count()} CPUs, load {load:.1f}; Python {sys.version.split()[0]}, transferscore {ts.__version__}")
    print(f"rewards: transferscore {sum(ours):.0f} correct, Hendrycks reference {sum(theirs):.0f}, "
          f"transferscore --mode paper agrees with the reference on {sum(a == b for a, b in zip(paper, theirs))} of {n}")
    print()
    print("| run | calls/s (CPU time) | µs per call (CPU) | ratio to the reference (CPU) | calls/s (wall) | ratio to the reference (wall) |")
    print("|---|---|---|---|---|---|")
    ref_wall, ref_cpu = rates["reference"]
    for name, (w, c) in rates.items():
        print(f"| {name} | {c:,.0f} | {1e6 / c:.2f} | {c / ref_cpu:.1f} | {w:,.0f} | {w / ref_wall:.1f} |")
    print()
    print(f"2 threads against 1 (wall clock): batch {rates['batch/2'][0] / rates['batch/1'][0]:.2f}x")


if __name__ == "__main__":
    main()
