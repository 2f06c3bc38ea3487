"""score(), score_batch(), score_text() and score_file() give exactly the CLI's verdicts."""

from __future__ import annotations

import json

import pytest

import transferscore as ts
from conftest import DATA, QUICKSTART_RUNS, cli_flags


def lines_of(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("name,paths,options", QUICKSTART_RUNS, ids=[r[0] for r in QUICKSTART_RUNS])
def test_score_file_equals_the_cli_byte_for_byte(cli, tmp_path, name, paths, options):
    expected = cli.output("score", "-q", *cli_flags(options), *paths)
    out = tmp_path / "verdicts.jsonl"
    summary = ts.score_file(paths, out, **options)
    assert out.read_bytes() == expected
    assert summary["records"] == len(expected.splitlines())
    assert summary["files"] == 2
    assert ts.score_file(paths, **options) == [json.loads(line) for line in expected.splitlines()]


@pytest.mark.parametrize("name,paths,options", QUICKSTART_RUNS, ids=[r[0] for r in QUICKSTART_RUNS])
def test_score_of_each_line_equals_the_cli(cli, name, paths, options):
    for path in paths:
        expected = cli.verdicts(*cli_flags(options), path)
        # The verdicts name the file as the CLI was given it; lm-eval reads the task from it.
        scorer = ts.Scorer(source=str(path), **options)
        got = []
        for line in path.read_text(encoding="utf-8").splitlines():
            verdict = scorer.score(json.loads(line))
            got += verdict if isinstance(verdict, list) else [verdict]
        # Error verdicts name line 1 (one record per call); everything else is the CLI's.
        for v in got + expected:
            v.get("error", {}).pop("line", None)
        assert got == expected
        assert scorer.score_text(path.read_text(encoding="utf-8")) == cli.verdicts(*cli_flags(options), path)


def test_score_batch_equals_score_and_does_not_depend_on_threads():
    records = lines_of(DATA / "generations" / "math500.qwen3-14b-rl.jsonl") * 20
    one = [ts.score(r) for r in records]
    for threads in (1, 2, 3, 8):
        batch = ts.score_batch(records, threads=threads)
        for v in one + batch:
            v.get("error", {}).pop("line", None)
        assert batch == one
    assert ts.Scorer().scores(records, threads=2) == [float(v["score"]) for v in one]


def test_a_backend_line_with_several_samples_gives_one_verdict_per_sample():
    line = json.loads((DATA / "generations" / "aime24.vllm.qwen3-14b-rl.jsonl").read_text().splitlines()[0])
    line["reference"] = {"answer": "286"}
    verdicts = ts.score(line)
    assert isinstance(verdicts, list) and [v["sample"] for v in verdicts] == [0, 1]
    batch = ts.score_batch([line, line])
    assert [(v["id"], v["sample"]) for v in batch] == [(v["id"], v["sample"]) for v in verdicts] * 2


def test_every_registry_family_is_a_family_object():
    names = [f["name"] for f in ts.families()]
    assert {"math", "choice", "yesno", "qa", "instructions", "exact_match", "loglik_choice"} <= set(names)
    for name in names:
        family = ts.family(name)
        assert family.name == name
        if name.isidentifier():
            assert getattr(ts, name) is family or (name == "math" and ts.math._family is family)
    assert ts.benchmarks()["math500"] == "math" and ts.benchmarks()["gpqa_diamond"] == "choice"
    with pytest.raises(ts.ConfigError, match=r"unknown scorer family 'nope' \(known: choice, "):
        ts.family("nope")


FAMILY_CASES = [
    ("math", {"id": 1, "response": "so \\boxed{\\frac{1}{2}}", "reference": {"answer": "0.5"}}, True),
    ("choice", {"id": 2, "benchmark": "gpqa_diamond", "response": "The answer is (C).", "reference": {"answer": "C"}}, True),
    ("yesno", {"id": 3, "benchmark": "halueval", "response": "Yes, it is.", "reference": {"answer": "no"}}, False),
    ("qa", {"id": 4, "benchmark": "coqa", "response": "a white cat", "reference": {"answers": ["white"]}}, False),
    ("exact_match", {"id": 5, "response": " Paris ", "reference": {"answer": "paris"}}, True),
]


@pytest.mark.parametrize("family,record,correct", FAMILY_CASES, ids=[c[0] for c in FAMILY_CASES])
def test_each_family_scores_as_the_cli_with_that_scorer(cli, tmp_path, family, record, correct):
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(record) + "\n")
    for mode in ("reference", "paper"):
        verdict = getattr(ts, family).score(record, mode=mode, source=str(path))
        if mode == "reference":
            assert verdict["scorer"] == family and verdict["correct"] is correct
        assert [verdict] == cli.verdicts("--scorer", family, "--mode", mode, path)


def test_settings_reach_the_family(cli, tmp_path):
    record = {"id": "x", "response": "Paris!", "reference": {"answer": "paris"}}
    assert ts.exact_match.score(record)["correct"] is False
    assert ts.exact_match.score(record, ignore_punctuation=True)["correct"] is True
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(record) + "\n")
    assert cli.verdicts("--scorer", "exact_match", "--set", "ignore_punctuation=true", path)[0]["correct"] is True


def test_trace_options_are_the_clis():
    record = {"id": 1, "response": "<think>maybe 3", "reference": {"answer": "3"}}
    assert ts.math.score(record)["status"] == "unterminated_trace"
    assert ts.math.score(record, unterminated="score")["correct"] is True
    assert ts.math.score(record, unterminated="score")["trace"] == "last-close+score-unterminated"
    assert ts.math.score({"id": 1, "response": "[r]no 4[/r] 3", "reference": "3"}, think_open="[r]", think_close="[/r]")["correct"]


def test_paper_mode_applies_the_study_trace_handling_as_the_cli_does(cli, tmp_path):
    # GPQA in the study: evalchemy read the whole output, thinking included (trace "none");
    # a --trace given by the user wins in paper mode too.
    record = {"id": "g", "benchmark": "gpqa_diamond", "response": "<think>so the answer is (C)</think>",
              "reference": {"answer": "C"}}
    paper = ts.score(record, mode="paper")
    assert paper["trace"] == "none" and paper["correct"] is True
    chosen = ts.score(record, mode="paper", trace="last-close")
    assert chosen["trace"] == "last-close" and chosen["correct"] is False
    assert ts.score(record)["trace"] == "last-close"
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(record) + "\n")
    for options in ([], ["--trace", "last-close"]):
        expected = cli.verdicts("--mode", "paper", *options, path)[0]
        got = ts.score(record, mode="paper", **({"trace": "last-close"} if options else {}))
        fields = ("trace", "correct", "status", "extracted")
        assert {k: got[k] for k in fields} == {k: expected[k] for k in fields}


def test_dataset_join_through_scorer():
    scorer = ts.Scorer(dataset=DATA / "datasets" / "aime24.jsonl")
    line = json.loads((DATA / "generations" / "aime24.vllm.qwen3-14b-rl.jsonl").read_text().splitlines()[0])
    assert {v["benchmark"] for v in scorer.score(line)} == {"aime24"}
