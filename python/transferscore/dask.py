"""Scoring JSONL files on a Dask cluster, with results equal to one machine's, byte for byte.

    from distributed import Client
    import transferscore.dask as tsd

    with Client("tcp://scheduler:8786") as client:          # or LocalCluster(), or dask-jobqueue
        run = tsd.score_sharded(["/data/gen/math500.jsonl"], "/data/out", client=client)
    run["report"]          # the aggregate report (dict), as `transferscore aggregate` gives it
    run["verdicts"]        # /data/out/verdicts.jsonl: what `transferscore score` writes

How: every input is cut into shards of about ``shard_bytes`` at line starts; a task per shard
counts its newlines (so verdicts name the same line numbers as one run over the whole file);
a task per shard scores its byte range on a worker, in-process through the C++ core (the GIL
released), into a verdict part and the part's aggregate state (``transferscore aggregate -s``);
a last task merges the states in order, exactly as ``transferscore merge`` does, writes the
report and, unless ``concatenate=False``, the whole verdict file.

A worker that dies mid-shard: Dask runs the shard again on another worker. Parts are written
under a temporary name and renamed when complete, and scoring is deterministic, so the result
is the same; temporary files left by a dead worker are removed at the end.

Paths must name the same files on every worker (a shared filesystem; absolute paths, or
relative ones when the workers share the client's working directory); the client itself
reads nothing. Verdicts name each input as its path was given, as the CLI does.
"""

from __future__ import annotations

import dataclasses
import glob
import os
import shutil
import uuid
from typing import Any, Callable, Optional, Sequence

from . import _core
from ._options import file_options, path_list, path_text, policy_options

_BOM = b"\xef\xbb\xbf"
DEFAULT_SHARD_BYTES = 32 << 20


@dataclasses.dataclass(frozen=True)
class Shard:
    """Bytes [begin, end) of ``path``: whole lines, ``begin`` at a line start."""

    path: str
    begin: int
    end: int
    index: int = 0  # position among all shards of the run


def _line_start_at_or_after(f: Any, position: int, size: int) -> int:
    """The first line start at or after ``position`` that does not begin with a UTF-8 BOM
    (the CLI drops a BOM only at the start of a file, and so must a shard)."""
    if position <= 0:
        return 0
    f.seek(position - 1)
    offset = position - 1
    while True:
        chunk = f.read(1 << 16)
        if not chunk:
            return size
        nl = chunk.find(b"\n")
        if nl >= 0:
            cut = offset + nl + 1
            f.seek(cut)
            if f.read(len(_BOM)) == _BOM:
                return _line_start_at_or_after(f, cut + 1, size)
            return cut
        offset += len(chunk)


def plan_shards(paths: Sequence[str], shard_bytes: int = DEFAULT_SHARD_BYTES) -> list:
    """Cuts every file into shards of about ``shard_bytes`` at line starts, in input order."""
    if not isinstance(shard_bytes, int) or isinstance(shard_bytes, bool) or shard_bytes <= 0:
        raise ValueError("shard_bytes must be a positive int")
    shards = []
    for path in paths:
        try:
            size = os.path.getsize(path)
            f = open(path, "rb")
        except OSError as e:
            raise _core.InputError(f"cannot open {path}: {e.strerror}") from None
        with f:
            cuts = [0]
            count = max(1, -(-size // shard_bytes))
            for k in range(1, count):
                cut = _line_start_at_or_after(f, k * size // count, size)
                if cuts[-1] < cut < size:
                    cuts.append(cut)
            cuts.append(size)
        for begin, end in zip(cuts, cuts[1:]):  # an empty file is one empty shard
            shards.append(Shard(path, begin, end, len(shards)))
    return shards


def count_newlines(shard: Shard) -> int:
    """The newlines in a shard (a task: the line numbers of later shards follow from it)."""
    return _core.count_newlines(shard.path, shard.begin, shard.end)


def _part_names(out_dir: str, index: int) -> tuple:
    return (
        os.path.join(out_dir, "parts", f"verdicts-{index:05d}.jsonl"),
        os.path.join(out_dir, "parts", f"state-{index:05d}.jsonl"),
    )


def score_shard(
    shard: Shard,
    first_line: int,
    out_dir: str,
    options: dict,
    track_answers: Optional[bool] = True,
    progress: Optional[Callable[[int, int, int], Any]] = None,
) -> dict:
    """Scores one shard on a worker into its verdict part and state part (a task).

    Both are written under temporary names and renamed once complete, so a part that exists
    is whole. ``progress(shard.index, bytes_read, shard_bytes)`` is called as the shard goes.
    ``track_answers=None`` writes no state (no aggregation).
    """
    verdicts, state = _part_names(out_dir, shard.index)
    os.makedirs(os.path.dirname(verdicts), exist_ok=True)
    token = f".{uuid.uuid4().hex}.tmp"
    state_tmp = "" if track_answers is None else state + token
    callback = None
    if progress is not None:
        total = shard.end - shard.begin

        def callback(done: int) -> None:
            progress(shard.index, done, total)

    try:
        summary = _core.score_range(
            shard.path,
            shard.begin,
            shard.end,
            first_line,
            verdicts + token,
            state_tmp,
            dict(options, source=shard.path),
            callback,
            bool(track_answers),
        )
        os.replace(verdicts + token, verdicts)
        if state_tmp:
            os.replace(state_tmp, state)
        else:
            state = None
    finally:
        for leftover in (verdicts + token, state_tmp):
            if leftover and os.path.exists(leftover):
                os.remove(leftover)
    summary.update(index=shard.index, verdicts=verdicts, state=state)
    return summary


def merge_parts(
    parts: Sequence[dict],
    out_dir: str,
    policy: dict,
    report_format: str,
    concatenate: bool,
) -> dict:
    """Merges the shards' states in order into the run's state and report; with
    ``concatenate``, joins the verdict parts into verdicts.jsonl (a task). Without states
    (no aggregation) there is no state and no report."""
    parts = sorted(parts, key=lambda p: p["index"])
    states = [p["state"] for p in parts]
    state_path = report_path = report = None
    if all(states):
        state_path = os.path.join(out_dir, "state.jsonl")
        _core.merge(states, policy, "state", state_path)
        text_format = "json" if report_format == "dict" else report_format
        report, _counts = _core.merge([state_path], policy, text_format, "")
        report_path = os.path.join(out_dir, "report." + text_format)
        with open(report_path, "w", encoding="utf-8", newline="") as f:
            f.write(report)
    verdicts = [p["verdicts"] for p in parts]
    if concatenate:
        joined = os.path.join(out_dir, "verdicts.jsonl")
        with open(joined + ".tmp", "wb") as out:
            for part in verdicts:
                with open(part, "rb") as f:
                    shutil.copyfileobj(f, out, 1 << 20)
        os.replace(joined + ".tmp", joined)
        verdicts = joined
    for leftover in glob.glob(os.path.join(out_dir, "parts", "*.tmp")):  # from workers that died
        os.remove(leftover)
    summary = {"lines": 0, "records": 0, "correct": 0, "statuses": {}}
    for p in parts:
        for key in ("lines", "records", "correct"):
            summary[key] += p[key]
        for name, n in p["statuses"].items():
            summary["statuses"][name] = summary["statuses"].get(name, 0) + n
    return {"report": report, "report_path": report_path, "state": state_path, "verdicts": verdicts, "summary": summary}


def score_sharded(
    paths: Any,
    out_dir: Any,
    *,
    client: Any = None,
    shard_bytes: int = DEFAULT_SHARD_BYTES,
    concatenate: bool = True,
    report_format: str = "dict",
    progress: Optional[Callable[[int, int, int], Any]] = None,
    scorer: Optional[str] = None,
    benchmark: Optional[str] = None,
    mode: str = "reference",
    format: str = "auto",
    dataset: Any = None,
    join_key: str = "id",
    dataset_id: str = "id",
    trace: Optional[str] = None,
    unterminated: Optional[str] = None,
    think_open: Optional[str] = None,
    think_close: Optional[str] = None,
    punkt_dir: Any = None,
    max_line_bytes: Optional[int] = None,
    aggregate: bool = True,
    track_answers: bool = True,
    k: Any = None,
    bootstrap: Optional[int] = None,
    seed: Optional[int] = None,
    confidence: Optional[float] = None,
    non_ok: Optional[str] = None,
    average: Optional[str] = None,
    **settings: Any,
) -> dict:
    """``transferscore score PATHS -o OUT/verdicts.jsonl`` then ``transferscore aggregate
    OUT/verdicts.jsonl -s OUT/state.jsonl``, on the workers of a Dask cluster.

    ``client`` is a distributed.Client (default: the current one). Scoring options and family
    settings are those of :func:`transferscore.score_file`; the aggregation policy those of
    :func:`transferscore.aggregate`. ``out_dir`` receives parts/ (a verdict part and a state
    part per shard), state.jsonl (the merged state), report.json (or .md/.csv with
    ``report_format``) and verdicts.jsonl. Returns ``report`` (a dict, or the report text for
    "json", "md" or "csv"), ``report_path``, ``state``, ``verdicts`` (the file, or the list of
    parts with ``concatenate=False``), ``summary`` (lines, records, correct, statuses) and
    ``shards``. ``aggregate=False`` scores only (no states, no report): the aggregate reader,
    like ``transferscore aggregate``, refuses verdicts without an id (those of lines that are
    not JSON).
    """
    if client is None:
        from distributed import get_client

        client = get_client()
    inputs = path_list("paths", paths)
    if not inputs:
        raise _core.UsageError("no input files (use - for standard input)")
    if "-" in inputs:
        raise _core.UsageError("standard input cannot be sharded; give files")
    out = path_text("out_dir", out_dir)
    if report_format not in ("dict", "json", "md", "csv"):
        raise _core.UsageError(f"--format must be json, md or csv, not '{report_format}'")
    options = file_options(locals(), settings)
    # Options are checked here, before any task runs (same messages as the CLI); with a fixed
    # family, so are its settings. (The dataset is read by the workers only.)
    check = _core.Scorer({key: value for key, value in options.items() if key != "dataset"})
    if scorer is not None:
        check.judge("0", "0")
    policy = policy_options(k=k, bootstrap=bootstrap, seed=seed, confidence=confidence, non_ok=non_ok, average=average)
    os.makedirs(os.path.join(out, "parts"), exist_ok=True)
    for stale in glob.glob(os.path.join(out, "parts", "*")):
        os.remove(stale)

    run = uuid.uuid4().hex[:12]
    shards = client.submit(plan_shards, inputs, shard_bytes, key=f"transferscore-plan-{run}", pure=False).result()
    counts = client.gather(
        [client.submit(count_newlines, s, key=f"transferscore-count-{run}-{s.index}", pure=False) for s in shards]
    )
    first_lines = []  # shards of a file are consecutive, the first at byte 0
    for shard in shards:
        first_lines.append(1 if shard.begin == 0 else first_lines[-1] + counts[shard.index - 1])
    parts = [
        client.submit(
            score_shard, s, first_lines[s.index], out, options, bool(track_answers) if aggregate else None, progress,
            key=f"transferscore-shard-{run}-{s.index}", pure=False,
        )
        for s in shards
    ]
    merged = client.submit(
        merge_parts, parts, out, policy, report_format, concatenate, key=f"transferscore-merge-{run}", pure=False
    ).result()
    if report_format == "dict" and merged["report"] is not None:
        import json

        merged["report"] = json.loads(merged["report"])
    merged["shards"] = len(shards)
    return merged


__all__ = ["DEFAULT_SHARD_BYTES", "Shard", "count_newlines", "merge_parts", "plan_shards", "score_shard", "score_sharded"]
