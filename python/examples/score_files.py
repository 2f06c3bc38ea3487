"""The quickstart in Python: score the bundled generations, aggregate, measure transfer.

Run from the repository root:  /usr/bin/python3 python/examples/score_files.py
(with the built package on PYTHONPATH, or after `cmake --install`).
"""

import pathlib
import sys
import tempfile

import transferscore as ts

data = pathlib.Path(__file__).resolve().parents[2] / "examples" / "data"
gen = data / "generations"
out = pathlib.Path(tempfile.mkdtemp(prefix="transferscore-"))

for model in ("qwen3-14b-base", "qwen3-14b-rl"):
    # canonical records, vLLM outputs and OpenAI Batch output joined with datasets, lm-eval logs
    ts.score_file(gen / f"math500.{model}.jsonl", out / f"math500.{model}.jsonl")
    ts.score_file(gen / f"aime24.vllm.{model}.jsonl", out / f"aime24.{model}.jsonl", dataset=data / "datasets" / "aime24.jsonl")
    ts.score_file(gen / f"ifeval.batch.{model}.jsonl", out / f"ifeval.{model}.jsonl", dataset=data / "datasets" / "ifeval.jsonl")
    summary = ts.score_file(sorted((gen / "lm-eval" / model).glob("samples_trivia_*.jsonl")), out / f"trivia.{model}.jsonl",
                            scorer="exact_match")
    print(model, "trivia:", summary["correct"], "of", summary["records"], "correct", file=sys.stderr)

verdicts = sorted(out.glob("*.jsonl"))
report = ts.aggregate(verdicts, bootstrap=1000, seed=0)
for row in report["results"]:
    ci = row["score"]["ci"]
    print(f"{row['model']:15} {row['benchmark']:8} {100 * row['score']['value']:5.1f} "
          f"[{100 * ci[0]:5.1f}, {100 * ci[1]:5.1f}]")

print(ts.transfer(verdicts, pairs=data / "pairs.csv", groups=data / "groups.json", format="md"))
