#!/usr/bin/python3
"""Re-runs the validation of docs/validation.md: public per-sample outputs of other tools,
scored with the transferscore CLI and compared with the verdicts those tools logged, using
`transferscore diff`.

    tools/validate_real_logs.py FETCHED_DIR [--cli build/examples/transferscore] [--work DIR]

FETCHED_DIR holds the source repositories listed in SOURCES below, as the team's `fetch`
tool leaves them (FETCHED_DIR/<owner>+<name>/repo, a git directory) or as plain clones
(FETCHED_DIR/<owner>/<name> or FETCHED_DIR/<owner>+<name>). Files are read at the commits
given below (`git show`), so a newer clone gives the same figures. Nothing is fetched here:
the script never touches the network.

For every source it writes into the work directory (default: ./validation-work, outside the
repository is best): records.jsonl (canonical records: the model's response and the gold),
theirs.jsonl (the tool's logged judgements as verdict lines), ours.jsonl (`transferscore
score`), and diff.md, diff.json, disagreements.csv (`transferscore diff ours theirs`). It
prints the table of docs/validation.md (per source and benchmark: n, agreement, the two
accuracies, the disagreements each way) and writes it to <work>/summary.md.

Standard library only. The readers below are written from the published file formats; each
converter keeps the other tool's own verdict as it was logged.
"""

import argparse
import ast
import io
import json
import os
import re
import subprocess
import sys
import zipfile

# Each source: where it is, how to read it, and how to score it.
SOURCES = [
    {
        "name": "MMLU-Pro official outputs, Llama-3.1-8B-Instruct",
        "repo": "TIGER-AI-Lab/MMLU-Pro",
        "commit": "f418b116db00b065c2aea046518d8fcf74d39872",
        "path": "eval_results/model_outputs_Meta-Llama-3_1-8B-Instruct_5shots.zip",
        "reader": "mmlu_pro",
        "model": "meta-llama/Llama-3.1-8B-Instruct",
        "scorer": "choice",
        "tool": "mmlu-pro-official",
    },
    {
        "name": "MMLU-Pro official outputs, Mistral-7B-v0.1 (base)",
        "repo": "TIGER-AI-Lab/MMLU-Pro",
        "commit": "f418b116db00b065c2aea046518d8fcf74d39872",
        "path": "eval_results/model_outputs_Mistral-7B-v0.1_5shots.zip",
        "reader": "mmlu_pro",
        "model": "mistralai/Mistral-7B-v0.1",
        "scorer": "choice",
        "tool": "mmlu-pro-official",
    },
] + [
    {
        "name": "Qwen2.5-Math evaluation outputs (PRIME), %s, %s" % (model, bench),
        "repo": "PRIME-RL/PRIME",
        "commit": "e787b9cefff7c43c40a98a41c2254cddd38ebd09",
        "path": "eval/scripts/eval/Qwen25-Math/evaluation/outputs/home/test/test05/whb/%s/%s/test_qwen25-math-cot_-1_seed0_t0.0_s0_e-1.jsonl"
        % (folder, bench),
        "reader": "qwen_math_eval",
        "benchmark": bench,
        "model": model,
        "scorer": "math",
        "tool": "qwen25-math-eval",
    }
    for model, folder, benches in [
        ("Qwen2.5-Math-7B-Instruct", "models/Qwen2.5-Math-7B-Instruct/math_eval", ["gaokao2023en", "minerva_math", "olympiadbench"]),
        ("Llama-3.1-8B-Instruct", "project/eval-cgq-new/o1_results_1205/Meta-Llama-3.1-8B-Instruct/qwen_math",
         ["gaokao2023en", "minerva_math", "olympiadbench"]),
        ("PRIME-ablation (all_abla_numina_oly_orca)", "project/eval-cgq-new/o1_results_1205/all_abla_numina_oly_orca/qwen_math",
         ["gaokao2023en", "minerva_math"]),
    ]
    for bench in benches
] + [
    {
        "name": "Abel GSM8K outputs, Abel-%s" % size,
        "repo": "GAIR-NLP/abel",
        "commit": "3a24ef24e9ea32708fe4fa4c36bf504a74b4bdf0",
        "path": "outputs/gsm8k/%s.jsonl" % size,
        "reader": "abel",
        "benchmark": "gsm8k",
        "model": "GAIR/Abel-%s" % size,
        "scorer": "math",
        "tool": "abel-eval",
    }
    for size in ["7b", "13b", "70b"]
]


def locate(fetched, repo):
    """The git directory or checkout of `repo` under `fetched`."""
    owner, name = repo.split("/")
    for candidate in [
        os.path.join(fetched, owner + "+" + name, "repo"),
        os.path.join(fetched, owner + "+" + name),
        os.path.join(fetched, owner, name),
        os.path.join(fetched, name),
    ]:
        if os.path.isdir(candidate):
            return candidate
    return None


def read_source(fetched, source):
    """The bytes of the source file at its commit (git), or from a checkout."""
    where = locate(fetched, source["repo"])
    if where is None:
        raise FileNotFoundError("%s is not under %s" % (source["repo"], fetched))
    git_dir = where if os.path.isfile(os.path.join(where, "HEAD")) else os.path.join(where, ".git")
    if os.path.exists(git_dir):
        spec = "%s:%s" % (source["commit"], source["path"])
        return subprocess.run(["git", "--git-dir", git_dir, "show", spec], check=True, capture_output=True).stdout
    with open(os.path.join(where, source["path"]), "rb") as f:
        return f.read()


def verdict(model, benchmark, item, correct, extracted, tool, source=None):
    """A line in transferscore's verdict format holding another tool's judgement."""
    line = {"id": item, "benchmark": benchmark, "model": model, "sample": 0, "scorer": tool,
            "score": 1 if correct else 0, "correct": bool(correct), "status": "ok" if extracted else "no_answer",
            "extracted": extracted or "", "mode": "logged", "trace": ""}
    if source:
        line["details"] = {"source": source}
    if not extracted:
        line["correct"] = False
        line["score"] = 0
        line["error"] = {"file": "", "line": 0, "field": "response", "message": "the tool logged no answer"}
    return line


def mmlu_pro_stage(text):
    """Which step of the official MMLU-Pro extraction found the letter (for the diff's sources)."""
    if re.search(r"answer is \(?([A-J])\)?", text):
        return "answer-is"
    # Existence is all that is asked here, so the official patterns' greedy prefix and
    # look-ahead (quadratic on long outputs) are left out.
    if re.search(r"[aA]nswer:\s*[A-J]", text):
        return "answer-colon"
    if re.search(r"\b[A-J]\b", text):
        return "last-letter"
    return None


def read_mmlu_pro(data, source):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        name = [n for n in z.namelist() if n.endswith(".json")][0]
        rows = json.loads(z.read(name))
    records, theirs = [], []
    for r in rows:
        options = r["options"]
        if isinstance(options, str):
            options = ast.literal_eval(options)
        item = r["question_id"]
        records.append({"id": item, "benchmark": "mmlu_pro", "model": source["model"], "sample": 0,
                        "response": r.get("generated_text") or r.get("model_outputs") or "",
                        "reference": {"answer": r["answer"], "choices": options}, "category": r.get("category")})
        pred = r.get("pred")
        # The official script counts a random letter when it finds none; the log keeps None.
        theirs.append(verdict(source["model"], "mmlu_pro", item, pred == r["answer"], pred, source["tool"],
                              mmlu_pro_stage(records[-1]["response"]) if pred else None))
    return records, theirs


def literal(value):
    """Qwen2.5-Math's outputs hold Python literals written as strings ("['1']", "[False]")."""
    if isinstance(value, str):
        try:
            return ast.literal_eval(value)
        except (ValueError, SyntaxError):
            try:
                return json.loads(value)
            except ValueError:
                return value
    return value


def read_qwen_math_eval(data, source):
    records, theirs = [], []
    for line in data.decode("utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        responses, preds, scores = literal(r["code"]), literal(r["pred"]), literal(r["score"])
        item = r["idx"]
        records.append({"id": item, "benchmark": source["benchmark"], "model": source["model"], "sample": 0,
                        "response": responses[0], "reference": {"answer": r["gt"]}})
        pred = preds[0] if preds else ""
        theirs.append(verdict(source["model"], source["benchmark"], item, bool(scores[0]), str(pred) if pred is not None else "",
                              source["tool"]))
    return records, theirs


def read_abel(data, source):
    records, theirs = [], []
    for line in data.decode("utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        item = r["id"]
        records.append({"id": item, "benchmark": source["benchmark"], "model": source["model"], "sample": 0,
                        "response": r["response"], "reference": {"answer": str(r["gold"])}})
        result = r["result"] in (True, "True")
        theirs.append(verdict(source["model"], source["benchmark"], item, result, str(r.get("pred") or ""), source["tool"]))
    return records, theirs


READERS = {"mmlu_pro": read_mmlu_pro, "qwen_math_eval": read_qwen_math_eval, "abel": read_abel}


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def slug(text):
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()


def run(cmd, allowed=(0,)):
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode not in allowed:
        sys.stderr.write(done.stderr)
        raise SystemExit("failed (%d): %s" % (done.returncode, " ".join(cmd)))
    return done


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("fetched", help="directory holding the fetched source repositories")
    parser.add_argument("--cli", default=os.path.join("build", "examples", "transferscore"), help="the transferscore CLI")
    parser.add_argument("--work", default="validation-work", help="where to write records, verdicts and reports")
    parser.add_argument("--mode", default="reference", help="scoring mode of our side (reference or paper)")
    parser.add_argument("--only", default="", help="run only the sources whose name contains this text")
    parser.add_argument("--threads", default="2", help="scoring threads")
    args = parser.parse_args()

    os.makedirs(args.work, exist_ok=True)
    table = ["| tool | model | benchmark | n | agreement % | transferscore % | logged % | only ours right | only theirs right | our no answer | their no answer |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    sources = []
    for source in SOURCES:
        if args.only and args.only not in source["name"]:
            continue
        out = os.path.join(args.work, slug(source["name"]))
        os.makedirs(out, exist_ok=True)
        records, theirs = READERS[source["reader"]](read_source(args.fetched, source), source)
        write_jsonl(os.path.join(out, "records.jsonl"), records)
        write_jsonl(os.path.join(out, "theirs.jsonl"), theirs)
        ours = os.path.join(out, "ours.jsonl")
        run([args.cli, "score", "--scorer", source["scorer"], "--mode", args.mode, "--threads", args.threads,
             os.path.join(out, "records.jsonl"), "-o", ours])
        common = [args.cli, "diff", ours, os.path.join(out, "theirs.jsonl"), "--gold", os.path.join(out, "records.jsonl"),
                  "--label-a", "transferscore " + args.mode, "--label-b", source["tool"], "-q"]
        run(common + ["-f", "md", "-o", os.path.join(out, "diff.md"), "-d", os.path.join(out, "disagreements.csv"),
                      "--patterns", "25", "--examples", "5"], allowed=(0, 3))
        report = json.loads(run(common + ["-f", "json"], allowed=(0, 3)).stdout)
        sources.append("- %s: `%s` at `%s`, `%s`" % (source["name"], source["repo"], source["commit"], source["path"]))
        for b in report["benchmarks"]:
            c = b["counts"]
            no_answer = lambda side: b["statuses"][side]["no_answer"] + b["statuses"][side]["unterminated_trace"]
            pct = lambda v: "n/a" if v is None else "%.1f" % (100 * v)
            table.append("| %s | %s | %s | %d | %s | %s | %s | %d | %d | %d | %d |" % (
                source["tool"], b["model"], b["benchmark"], b["paired"], pct(b["agreement"]), pct(b["accuracy"]["a"]["value"]),
                pct(b["accuracy"]["b"]["value"]), c["a_only"], c["b_only"], no_answer("a"), no_answer("b")))
        print("%s: %s" % (source["name"], out), file=sys.stderr)
    text = "\n".join(table) + "\n\nSources (repository, commit, path):\n\n" + "\n".join(sources) + "\n"
    with open(os.path.join(args.work, "summary.md"), "w", encoding="utf-8") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
