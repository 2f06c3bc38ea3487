"""Scorers are shared by threads: the same verdicts whatever the threads and their interleaving."""

from __future__ import annotations

import json
import threading

import transferscore as ts
from conftest import DATA


def test_python_threads_sharing_one_scorer_get_the_sequential_verdicts():
    records = []
    for name in ("math500.qwen3-14b-base.jsonl", "math500.qwen3-14b-rl.jsonl"):
        records += [json.loads(line) for line in (DATA / "generations" / name).read_text().splitlines()]
    scorer = ts.Scorer()
    expected = [scorer.score(r) for r in records]
    results: dict = {}

    def work(slot: int) -> None:
        mine = []
        for _ in range(20):
            mine.append([scorer.score(r) for r in records])
            mine.append(scorer.score_batch(records, threads=2))
        results[slot] = mine

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    def without_line(verdicts):  # score_batch numbers error lines by position, score() by 1
        return [dict(v, error=dict(v["error"], line=0)) if "error" in v else v for v in verdicts]

    assert len(results) == 6
    for runs in results.values():
        for run in runs:
            assert without_line(run) == without_line(expected)


def test_extraction_and_judging_from_threads_match():
    responses = [f"step {i}: \\boxed{{{i}/2}}" for i in range(500)]
    golds = [str(i / 2) for i in range(500)]
    single = ts.math.rewards(golds, responses)
    assert single == [1.0] * 500
    out = {}

    def work(slot):
        out[slot] = (ts.math.rewards(golds, responses, threads=3), ts.math.extract_batch(responses, threads=2))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    extracted = [ts.math.extract(r) for r in responses]
    assert all(o == (single, extracted) for o in out.values())
