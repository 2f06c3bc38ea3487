"""aggregate(), merge() and transfer() give the CLI's reports, byte for byte."""

from __future__ import annotations

import json

import pytest

import transferscore as ts
from conftest import AGGREGATE_DATA, PAPER_DATA

SHARDS = [AGGREGATE_DATA / "shard1.jsonl", AGGREGATE_DATA / "shard2.jsonl"]


@pytest.mark.parametrize("fmt", ["json", "md", "csv"])
def test_aggregate_reports_are_the_clis(cli, fmt):
    expected = cli.output("aggregate", "-q", "--format", fmt, "-k", "1,2", "--bootstrap", "300", "--seed", "4", *SHARDS)
    got = ts.aggregate(SHARDS, format=fmt, k=[1, 2], bootstrap=300, seed=4)
    assert got.encode() == expected


def test_aggregate_dict_is_the_json_report_and_verdict_dicts_count_as_lines(cli):
    expected = json.loads(cli.output("aggregate", "-q", *SHARDS))
    assert ts.aggregate(SHARDS) == expected
    verdicts = [json.loads(line) for path in SHARDS for line in path.read_text().splitlines() if line.strip()]
    assert ts.aggregate(verdicts) == expected


def test_policy_options_are_the_clis(cli):
    for args, kwargs in [
        (["--non-ok", "exclude"], {"non_ok": "exclude"}),
        (["--average", "micro"], {"average": "micro"}),
        (["--confidence", "0.9", "-j", "2"], {"confidence": 0.9, "threads": 2}),
        (["--bootstrap", "0"], {"bootstrap": 0}),
    ]:
        assert ts.aggregate(SHARDS, format="json", **kwargs).encode() == cli.output("aggregate", "-q", *args, *SHARDS)
    for args, kwargs in [
        (["--confidence", "1.5"], {"confidence": 1.5}),
        (["-k", "0"], {"k": 0}),
        (["--non-ok", "drop"], {"non_ok": "drop"}),
        (["--format", "html"], {"format": "html"}),
        (["--bootstrap", "-3"], {"bootstrap": -3}),
    ]:
        code, message = cli.error("aggregate", *args, *SHARDS)
        with pytest.raises(ts.UsageError) as raised:
            ts.aggregate(SHARDS, **kwargs)
        assert (code, str(raised.value)) == (2, message)


def test_save_state_and_merge_are_the_clis(cli, tmp_path):
    states = []
    for i, shard in enumerate(SHARDS):
        cli_state = tmp_path / f"cli-{i}.jsonl"
        py_state = tmp_path / f"py-{i}.jsonl"
        cli.run("aggregate", "-q", "-s", cli_state, shard)
        ts.aggregate(shard, save_state=py_state)
        assert py_state.read_bytes() == cli_state.read_bytes()
        states.append(py_state)
    assert ts.merge(states).encode() == cli.output("merge", "-q", *states)
    merged = tmp_path / "merged.jsonl"
    assert ts.merge(states, output=merged) is None
    assert merged.read_bytes() == cli.output("merge", "-q", *states)
    assert ts.merge(states, format="md").encode() == cli.output("merge", "-q", "--format", "md", *states)
    assert ts.merge(states, format="dict") == ts.aggregate(SHARDS)
    # states and verdicts mix, as in the CLI
    assert ts.aggregate([states[0], SHARDS[1]], format="json").encode() == cli.output("aggregate", "-q", states[0], SHARDS[1])


def test_transfer_from_a_score_table_is_the_clis(cli):
    for fmt in ("json", "md", "csv", "svg"):
        args = ["--scores", PAPER_DATA / "scores.csv", "--pairs", PAPER_DATA / "pairs.csv", "--groups", PAPER_DATA / "groups.json"]
        expected = cli.output("transfer", "-q", *args, "--format", fmt, "--score-rounding", "0.1")
        got = ts.transfer(
            scores=str(PAPER_DATA / "scores.csv"),
            pairs=str(PAPER_DATA / "pairs.csv"),
            groups=str(PAPER_DATA / "groups.json"),
            format=fmt,
            score_rounding=0.1,
        )
        assert got.encode() == expected


def test_transfer_takes_python_tables_too(cli):
    import csv

    with open(PAPER_DATA / "scores.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    scores = [(r["model"], r["benchmark"], float(r["score"])) for r in rows]
    with open(PAPER_DATA / "pairs.csv", newline="") as f:
        pairs = [(r["model"], r["base"]) for r in csv.DictReader(f)]
    groups = json.loads((PAPER_DATA / "groups.json").read_text())
    expected = json.loads(
        cli.output("transfer", "-q", "--scores", PAPER_DATA / "scores.csv", "--pairs", PAPER_DATA / "pairs.csv", "--groups",
                   PAPER_DATA / "groups.json")
    )
    assert ts.transfer(scores=scores, pairs=pairs, groups=groups) == expected


def test_transfer_from_verdicts_is_the_clis(cli):
    pairs = AGGREGATE_DATA / "pairs.csv"
    expected = cli.output("transfer", "-q", *SHARDS, "--pairs", pairs, "--bootstrap", "200", "--seed", "1", "--format", "md")
    assert ts.transfer(SHARDS, pairs=str(pairs), bootstrap=200, seed=1, format="md").encode() == expected
    verdicts = [json.loads(line) for path in SHARDS for line in path.read_text().splitlines() if line.strip()]
    assert ts.transfer(verdicts, pairs=str(pairs), bootstrap=200, seed=1) == ts.transfer(SHARDS, pairs=str(pairs), bootstrap=200, seed=1)


def test_transfer_errors_are_the_clis(cli):
    pairs = AGGREGATE_DATA / "pairs.csv"
    code, message = cli.error("transfer", *SHARDS, "--pairs", pairs, "--score-rounding", "0.1")
    with pytest.raises(ts.UsageError) as raised:
        ts.transfer(SHARDS, pairs=str(pairs), score_rounding=0.1)
    assert (code, str(raised.value)) == (2, message)
    code, message = cli.error("transfer", "--pairs", pairs)
    with pytest.raises(ts.UsageError) as raised:
        ts.transfer(pairs=str(pairs))
    assert (code, str(raised.value)) == (2, message)
    with pytest.raises(ts.ConfigError, match="groups: the source group 'code' is not defined"):
        ts.transfer(SHARDS, pairs=str(pairs), groups={"source": "code", "groups": {"math": ["math500"]}})
