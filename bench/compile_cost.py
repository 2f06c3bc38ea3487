#!/usr/bin/env python3
"""What including transferscore costs a user: compile time and compiler memory of a one-line
program that includes a header, against the same program including simdjson.h (the
reference, measured in the same run, since the machines here are noisy).

    /usr/bin/python3 bench/compile_cost.py [--cxx g++] [--repeats 3] [--flags=-O0]

Each case compiles `#include <HEADER>` + `int main() {}` to an object file (-std=c++20, the
flags given, no precompiled header, no ccache), `--repeats` times, and keeps the lowest CPU
time (user + system of the compiler) and the highest peak RSS. Prints a Markdown table.
"""
import argparse
import os
import resource
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# (label, header, include directory or None for the system's, macro to define or "").
# Without a macro a file reads what the cheap mode reads (docs/building.md): declarations.
HEADER_ONLY = "TRANSFERSCORE_HEADER_ONLY"
IMPLEMENTATION = "TRANSFERSCORE_IMPLEMENTATION"
FAMILIES = ("choice", "code", "exact_match", "instructions", "loglik_choice", "math", "qa", "yesno")
CASES = (
    [("simdjson.h (reference)", "simdjson.h", None, ""),
     ("<string> + <vector> + <regex>", None, None, ""),
     ("transferscore/transferscore.hpp (umbrella)", "transferscore/transferscore.hpp", "include", ""),
     ("single_include/transferscore/transferscore.hpp", "transferscore/transferscore.hpp", "single_include", "")]
    + [(f"scorers/{f}/{f}.hpp", f"transferscore/scorers/{f}/{f}.hpp", "include", "") for f in FAMILIES]
    + [(f"single_include/transferscore/{f}.hpp", f"transferscore/{f}.hpp", "single_include", "") for f in FAMILIES]
    + [("umbrella, TRANSFERSCORE_HEADER_ONLY (every file)", "transferscore/transferscore.hpp", "include", HEADER_ONLY),
       ("umbrella, TRANSFERSCORE_IMPLEMENTATION (one file)", "transferscore/transferscore.hpp", "include", IMPLEMENTATION),
       ("aggregate/aggregate.hpp (header-only in every mode)", "transferscore/aggregate/aggregate.hpp", "include", ""),
       ("pipeline.hpp (header-only in every mode)", "transferscore/pipeline.hpp", "include", "")]
)


def measure(cxx, flags, source, include, macro):
    """(CPU seconds, peak RSS in MB) of one compile."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryDirectory() as work:
        src = os.path.join(work, "one.cpp")
        with open(src, "w") as f:
            f.write(source)
        cmd = [cxx, "-std=c++20", *flags, "-c", src, "-o", os.path.join(work, "one.o")]
        if include:
            cmd.insert(1, "-I" + os.path.join(ROOT, include))
        if macro:
            cmd.insert(1, "-D" + macro)
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"compile failed: {' '.join(cmd)}\n{done.stderr[:2000]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # ru_maxrss of RUSAGE_CHILDREN is the largest child's so far: each compile runs in a fresh
    # helper process (main), so that it is this compile's.
    return cpu, after.ru_maxrss / 1024.0


def one_case(cxx, flags, header, include, macro):
    source = (f"#include <{header}>\n" if header else "#include <string>\n#include <vector>\n#include <regex>\n")
    source += "int main() { return 0; }\n"
    return measure(cxx, flags, source, include, macro)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cxx", default="g++")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--flags", default="-O0")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    flags = args.flags.split()
    if args.child:  # one compile in a fresh process, so that its peak RSS is its own
        header, include, macro = args.child[0] or None, args.child[1] or None, args.child[2]
        cpu, rss = one_case(args.cxx, flags, header, include, macro)
        print(f"{cpu} {rss}")
        return
    rows = []
    for label, header, include, macro in CASES:
        best_cpu, peak = float("inf"), 0.0
        for _ in range(args.repeats):
            out = subprocess.run([sys.executable, __file__, "--cxx", args.cxx, f"--flags={args.flags}",
                                  "--child", header or "", include or "", macro],
                                 capture_output=True, text=True, check=True).stdout.split()
            best_cpu, peak = min(best_cpu, float(out[0])), max(peak, float(out[1]))
        rows.append((label, best_cpu, peak))
        print(f"  {label}: {best_cpu:.2f} s, {peak:.0f} MB", file=sys.stderr)
    ref = rows[0][1]
    print(f"| header ({args.cxx} {args.flags}, one-line program) | CPU s (best of {args.repeats}) | peak MB | ratio to simdjson.h |")
    print("|---|---|---|---|")
    for label, cpu, peak in rows:
        print(f"| {label} | {cpu:.2f} | {peak:.0f} | {cpu / ref:.2f} |")


if __name__ == "__main__":
    main()
