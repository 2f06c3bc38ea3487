"""A generated JSONL corpus of canonical records at any size, for the large Dask tests and
the Dask benchmark (python/bench/bench_dask.py). Deterministic for a seed; never committed.

Records come from the bundled sample data (examples/data: math500, aime24, ifeval and a
short-answer QA slice, read with their gold), plus generated multiple-choice and yes/no
records, with new ids and a reasoning trace padded to realistic lengths (2-4 KB). Math
items get 4 samples each; QA items 1, so every F1 sum of an item comes from one shard and
merging shards is exact (docs/python.md, "Dask").

    /usr/bin/python3 python/tests/corpus.py OUT.jsonl 200   # 200 MB
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"
MODELS = ("qwen3-14b-base", "qwen3-14b-rl")
FILLER = (
    "Let me check that again. The constraint gives a second equation, and substituting back keeps "
    "both sides equal. Wait, the sign flips when we divide by a negative number, so the interval "
    "reverses. Alternatively, count the complement and subtract it from the total. Über-careful: "
    "the case n = 0 is excluded. Summing the geometric series gives (r^n - 1)/(r - 1). "
).split(". ")


def _lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def templates():
    """(benchmark, response, reference, samples) from the bundled data and a few generated ones."""
    out = []
    for model in MODELS:
        for r in _lines(DATA / "generations" / f"math500.{model}.jsonl"):
            out.append(("math500", r["response"], r["reference"], 4))
        gold = {d["id"]: d["reference"] for d in _lines(DATA / "datasets" / "aime24.jsonl")}
        for r in _lines(DATA / "generations" / f"aime24.vllm.{model}.jsonl"):
            for o in r["outputs"]:
                out.append(("aime24", o["text"], gold[r["id"]], 4))
        refs = {str(d["id"]): d["reference"] for d in _lines(DATA / "datasets" / "ifeval.jsonl")}
        for r in _lines(DATA / "generations" / f"ifeval.batch.{model}.jsonl"):
            text = r["response"]["body"]["choices"][0]["message"]["content"]
            out.append(("ifeval", text, refs[r["custom_id"]], 1))
        for path in sorted((DATA / "generations" / "lm-eval" / model).glob("samples_trivia_*.jsonl")):
            for r in _lines(path):
                out.append(("coqa", r["resps"][0][0], {"answers": r["doc"]["answers"]}, 1))
    for letter, said in (("B", "The answer is (B)."), ("C", "**Final Answer**: A"), ("D", "I am not sure.")):
        out.append(("gpqa_diamond", f"<think>\nOption {letter} fits the data.\n</think>\n\n{said}", {"answer": letter}, 1))
    for gold, said in (("yes", "Yes, it contains a hallucination."), ("no", "Yes."), ("no", "No.")):
        out.append(("halueval", f"<think>\nCompare with the knowledge.\n</think>\n\n{said}", {"answer": gold}, 1))
    return out


def _pad(response, rng, target):
    """Adds reasoning inside the trace until the response is about `target` characters."""
    if "</think>" not in response or len(response) >= target:
        return response
    extra = []
    size = len(response)
    while size < target:
        sentence = rng.choice(FILLER).strip() + ". "
        extra.append(sentence)
        size += len(sentence)
    head, tail = response.rsplit("</think>", 1)
    return head + "".join(extra) + "\n</think>" + tail


def write_corpus(path, megabytes, seed=0):
    """Writes about `megabytes` MB of records to `path`; returns the number of records."""
    rng = random.Random(seed)
    items = templates()
    limit = int(megabytes * 1_000_000)
    written = records = item = 0
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        while written < limit:
            benchmark, response, reference, samples = items[item % len(items)]
            model = MODELS[(item // len(items)) % 2]
            for sample in range(samples):
                record = {
                    "id": f"{benchmark}-{item}",
                    "benchmark": benchmark,
                    "model": model,
                    "sample": sample,
                    "response": _pad(response, rng, rng.randint(2000, 4000)),
                    "reference": reference,
                }
                line = json.dumps(record, ensure_ascii=False) + "\n"
                f.write(line)
                written += len(line.encode("utf-8"))
                records += 1
            item += 1
    return records


if __name__ == "__main__":
    print(write_corpus(sys.argv[1], float(sys.argv[2])), "records")
