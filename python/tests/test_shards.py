"""Byte-range shards: any cut at line starts gives the CLI's verdicts and aggregate state."""

from __future__ import annotations

import json

import pytest

import transferscore as ts
import transferscore.dask as tsd
from conftest import DATA

BOM = "\ufeff"


def awkward_file(path, unreadable=True):
    """Every kind of line the reader treats specially (with ``unreadable``, lines that give
    verdicts without an id, which `transferscore aggregate` refuses)."""
    record = {"id": "a", "benchmark": "math500", "model": "m", "response": "\\boxed{2}", "reference": {"answer": "2"}}
    vllm = json.loads((DATA / "generations" / "aime24.vllm.qwen3-14b-rl.jsonl").read_text().splitlines()[0])
    vllm["reference"] = {"answer": "286"}
    lines = [
        BOM + json.dumps(record),                                # a BOM at the start of the file is dropped
        "",                                                      # blank lines are skipped but counted
        "   \t",
        json.dumps(dict(record, id="crlf", sample=1)) + "\r",   # CRLF
        "{not json" if unreadable else "",
        json.dumps(dict(record, id="long", response="x" * (5000 if unreadable else 100))),  # over --max-line-bytes 4000
        (BOM if unreadable else "") + json.dumps(dict(record, id="bom-inside")),  # a BOM elsewhere: invalid JSON, as in the CLI
        json.dumps(vllm),                                        # two samples, two verdicts
        json.dumps(dict(record, id="q", benchmark="coqa", response="white cat", reference={"answers": ["white", "a cat"]})),
        json.dumps(dict(record, id="last", response="<think>unfinished")),  # no newline after the last line
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def run_shards(path, out_dir, shard_bytes, options, aggregate=True):
    shards = tsd.plan_shards([str(path)], shard_bytes)
    first, parts = 1, []
    for shard in shards:
        parts.append(tsd.score_shard(shard, first, str(out_dir), options, True if aggregate else None))
        first += tsd.count_newlines(shard)
    return shards, tsd.merge_parts(parts, str(out_dir), {}, "json", True)


def test_plan_cuts_at_line_starts_and_never_before_a_bom(tmp_path):
    path = awkward_file(tmp_path / "in.jsonl")
    data = path.read_bytes()
    for shard_bytes in range(1, len(data) + 2, 7):
        shards = tsd.plan_shards([str(path)], shard_bytes)
        assert shards[0].begin == 0 and shards[-1].end == len(data)
        assert [s.index for s in shards] == list(range(len(shards)))
        for a, b in zip(shards, shards[1:]):
            assert a.end == b.begin and data[b.begin - 1 : b.begin] == b"\n"
            assert not data[b.begin :].startswith(BOM.encode())
    assert len(tsd.plan_shards([str(path)], 1 << 30)) == 1
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    assert tsd.plan_shards([str(empty)], 10) == [tsd.Shard(str(empty), 0, 0, 0)]
    with pytest.raises(ts.InputError, match="cannot open .*missing.jsonl"):
        tsd.plan_shards([str(tmp_path / "missing.jsonl")])


@pytest.mark.parametrize("unreadable", [True, False])
def test_any_sharding_gives_the_clis_verdicts_and_state(cli, tmp_path, unreadable):
    path = awkward_file(tmp_path / "in.jsonl", unreadable)
    expected = cli.output("score", "-q", "--max-line-bytes", "4000", path)
    if not unreadable:
        verdicts_file = tmp_path / "cli-verdicts.jsonl"
        verdicts_file.write_bytes(expected)
        state = tmp_path / "cli-state.jsonl"
        report = cli.output("aggregate", "-q", "-s", state, verdicts_file)
    size = path.stat().st_size
    for shard_bytes in (1, 50, 200, 333, 700, size):
        out = tmp_path / f"out-{shard_bytes}"
        shards, merged = run_shards(path, out, shard_bytes, {"max_line_bytes": 4000}, aggregate=not unreadable)
        assert open(merged["verdicts"], "rb").read() == expected, shard_bytes
        assert merged["summary"]["records"] == len(expected.splitlines())
        if not unreadable:
            assert open(merged["state"], "rb").read() == state.read_bytes(), shard_bytes
            assert merged["report"].encode() == report
        assert not list(out.glob("parts/*.tmp"))
    assert len(shards) == 1 and len(run_shards(path, tmp_path / "o", 1, {}, aggregate=False)[0]) > 5


def test_text_scoring_is_the_stream_loop(cli, tmp_path):
    path = awkward_file(tmp_path / "in.jsonl")
    expected = [json.loads(line) for line in cli.output("score", "-q", "--max-line-bytes", "4000", path).splitlines()]
    scorer = ts.Scorer(source=str(path), max_line_bytes=4000)
    assert scorer.score_text(path.read_text(encoding="utf-8")) == expected
