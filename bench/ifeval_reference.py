#!/usr/bin/env python3
"""The reference figure for bench_ifeval: IFEval strict+loose scoring of the 541 official
GPT-4 responses in Python, one thread, warm, in prompts per second.

It runs the original's rules as transcribed in tools/gen_ifeval_edge_cases.py (CPython re
and str, NLTK 3.8 Punkt + word_tokenize, langdetect 1.0.9 seeded with 0) with the original
evaluation loop (a checker built once per instruction, strict, then the eight loose
variants). Needs Debian's python3-nltk and python3-langdetect:

  /usr/bin/python3 bench/ifeval_reference.py PUNKT_DIR
"""
import json
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.argv = [sys.argv[0], sys.argv[1]]
sys.path.insert(0, str(ROOT / "tools"))
import gen_ifeval_edge_cases as reference  # noqa: E402

data = ROOT / "tests" / "data" / "ifeval"
inputs = {}
for line in open(data / "input_data.jsonl", encoding="utf-8"):
    row = json.loads(line)
    inputs[row["prompt"]] = row
pairs = []
for line in open(data / "input_response_data_gpt4_20231107_145030.jsonl", encoding="utf-8"):
    row = json.loads(line)
    pairs.append((inputs[row["prompt"]], row["response"]))


def run():
    prompts_strict = 0
    for row, response in pairs:
        ok = True
        for iid, kw in zip(row["instruction_id_list"], row["kwargs"]):
            strict, _ = reference.judge(iid, kw, response)
            ok = ok and strict
        prompts_strict += ok
    return prompts_strict


run()  # warm-up: profiles, Punkt
best = None
for _ in range(3):
    start = time.process_time()
    correct = run()
    elapsed = time.process_time() - start
    best = elapsed if best is None else min(best, elapsed)
print(f"prompt-level strict correct: {correct}/541")
print(f"python reference: {len(pairs) / best:.0f} prompts/s (strict+loose, one thread, CPU time, best of 3)")
