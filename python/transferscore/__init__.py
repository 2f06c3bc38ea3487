"""transferscore: score LLM benchmark outputs, fast and reproducibly, from Python.

The C++ core of the ``transferscore`` CLI, called in-process with the GIL released:

* ``score(record)`` and ``transferscore.<family>.score(record)``: the verdict the CLI writes
  for a record, as a dict; ``score_batch`` scores lists on a thread pool;
* ``math.equivalent(gold, response)``, ``math.extract(response)``, ``math.reward``: the math
  answer checker, usable as an RL reward;
* ``score_file``, ``aggregate``, ``merge``, ``transfer``: the CLI's commands, returning plain
  dicts and lists (or the CLI's report text) with the CLI's numbers;
* ``transferscore.rewards``: reward functions in the shapes verl and TRL call;
* ``transferscore.dask``: sharded scoring on a Dask cluster, merged exactly.

Errors are exceptions with the CLI's messages: UsageError and ConfigError (ValueError),
InputError (OSError), all transferscore.Error. See docs/python.md.
"""

from __future__ import annotations

import keyword as _keyword
import os as _os
from typing import Any, Optional, Sequence, Union

from . import _core
from ._core import ConfigError, Error, InputError, UsageError
from ._family import Family, Scorer, Verdict
from ._options import file_options as _file_options
from ._options import path_list as _path_list
from ._options import path_text as _path_text
from ._options import policy_options as _policy_options
from . import math

__version__: str = _core.__version__
STATUSES: tuple = tuple(_core.status_names)


def families() -> list:
    """The scorer families of the registry: [{"name", "description"}], in registration order."""
    return _core.families()


def benchmarks() -> dict:
    """The benchmarks the registry maps to a family: {benchmark: family}."""
    return _core.benchmarks()


_families: dict = {}
for _f in _core.families():
    _families[_f["name"]] = math._family if _f["name"] == "math" else Family(_f["name"], _f["description"])
    if _f["name"] != "math" and _f["name"].isidentifier() and not _keyword.iskeyword(_f["name"]) and _f["name"] not in globals():
        globals()[_f["name"]] = _families[_f["name"]]  # transferscore.choice, transferscore.qa, ...


def family(name: str) -> Family:
    """The family ``name`` of the registry (ConfigError naming the known ones otherwise)."""
    try:
        return _families[name]
    except KeyError:
        known = ", ".join(_families)
        raise ConfigError(f"unknown scorer family '{name}' (known: {known})") from None


def score(record: dict, scorer: Optional[str] = None, *, mode: str = "reference", **options: Any) -> Union[Verdict, list]:
    """The verdict ``transferscore score [--scorer SCORER]`` writes for one record.

    Without ``scorer``, the family is the one of the record's benchmark (or of ``benchmark=``).
    Options are those of :class:`Scorer`; other keywords are family settings.
    """
    from ._family import _split

    return _split(scorer, mode, options).score(record)


def score_batch(
    records: Sequence[dict], scorer: Optional[str] = None, *, threads: int = 1, mode: str = "reference", **options: Any
) -> list:
    """Verdicts of many records, in order, scored on ``threads`` threads with the GIL released."""
    from ._family import _split

    return _split(scorer, mode, options).score_batch(records, threads, False)


def score_file(
    paths: Any,
    output: Any = None,
    *,
    scorer: Optional[str] = None,
    benchmark: Optional[str] = None,
    mode: str = "reference",
    format: str = "auto",
    dataset: Any = None,
    join_key: str = "id",
    dataset_id: str = "id",
    threads: int = 1,
    trace: Optional[str] = None,
    unterminated: Optional[str] = None,
    think_open: Optional[str] = None,
    think_close: Optional[str] = None,
    punkt_dir: Any = None,
    max_line_bytes: Optional[int] = None,
    **settings: Any,
) -> Union[list, dict]:
    """``transferscore score PATHS... [-o OUTPUT]``.

    Without ``output``, returns the verdicts as a list of dicts. With ``output``, writes the
    verdict JSONL there (byte for byte the CLI's) and returns the summary: lines, records,
    correct, statuses, files (and dataset_items, dataset_items_without_generation).
    """
    options = _file_options(locals(), settings)
    return _core.score_file(_path_list("paths", paths), "" if output is None else _path_text("output", output), options)


def _inputs(name: str, value: Any) -> tuple:
    """Paths and verdict dicts: a path, a list of paths, or a list of verdict dicts."""
    if value is None:
        return None, None
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, dict) for v in value):
        return None, list(value)
    return _path_list(name, value), None


def aggregate(
    verdicts: Any,
    *,
    format: str = "dict",
    k: Any = None,
    bootstrap: Optional[int] = None,
    seed: Optional[int] = None,
    confidence: Optional[float] = None,
    non_ok: Optional[str] = None,
    average: Optional[str] = None,
    threads: Optional[int] = None,
    save_state: Any = None,
    track_answers: bool = True,
) -> Union[dict, str]:
    """``transferscore aggregate``: scores per (model, benchmark) with SE and bootstrap intervals.

    ``verdicts`` is a verdict or state file, a list of them, or a list of verdict dicts
    (from :func:`score_batch` or :func:`score_file`). ``format="dict"`` (the default) gives the
    JSON report as a dict; "json", "md" and "csv" give the CLI's report text, byte for byte.
    Defaults are the CLI's: k=1, bootstrap=1000, seed=0, confidence=0.95, non_ok="zero",
    average="macro". ``save_state`` writes the mergeable state (``-s``);
    ``track_answers=False`` is ``--no-answers``.
    """
    paths, dicts = _inputs("verdicts", verdicts)
    policy = _policy_options(
        k=k, bootstrap=bootstrap, seed=seed, confidence=confidence, non_ok=non_ok, average=average, threads=threads
    )
    save = "" if save_state is None else _path_text("save_state", save_state)
    report, _counts = _core.aggregate(paths, dicts, policy, format, save, bool(track_answers))
    return report


def merge(
    states: Any,
    *,
    output: Any = None,
    format: str = "state",
    k: Any = None,
    bootstrap: Optional[int] = None,
    seed: Optional[int] = None,
    confidence: Optional[float] = None,
    non_ok: Optional[str] = None,
    average: Optional[str] = None,
    threads: Optional[int] = None,
) -> Union[dict, str, None]:
    """``transferscore merge``: combines the aggregate states of shards exactly.

    ``format="state"`` gives the merged state (written to ``output``, else returned as text);
    "dict", "json", "md" and "csv" give the report of the merged state, as :func:`aggregate`.
    """
    policy = _policy_options(
        k=k, bootstrap=bootstrap, seed=seed, confidence=confidence, non_ok=non_ok, average=average, threads=threads
    )
    out = "" if output is None else _path_text("output", output)
    result, _counts = _core.merge(_path_list("states", states), policy, format, out)
    return result


def transfer(
    verdicts: Any = None,
    *,
    pairs: Any,
    scores: Any = None,
    groups: Any = None,
    formula: str = "v2",
    sigma: str = "cohort",
    std: str = "population",
    metric: str = "score",
    score_rounding: Optional[float] = None,
    format: str = "dict",
    chart: str = "scatter",
    model: Optional[str] = None,
    x: Optional[str] = None,
    y: Optional[str] = None,
    csv_intervals: bool = False,
    k: Any = None,
    bootstrap: Optional[int] = None,
    seed: Optional[int] = None,
    confidence: Optional[float] = None,
    non_ok: Optional[str] = None,
    average: Optional[str] = None,
    threads: Optional[int] = None,
) -> Union[dict, str]:
    """``transferscore transfer``: relative gains and Transferability Indices per group.

    ``pairs`` is a ``model,base`` CSV file or a list of (model, base); ``scores`` a
    ``model,benchmark,score`` CSV file or a list of (model, benchmark, score) rows, or else
    ``verdicts`` (files or verdict dicts) give paired item-bootstrap intervals. ``groups`` is a
    JSON file or a dict ``{"source": G, "groups": {G: [benchmarks]}}`` (default: the study's).
    ``format="dict"`` gives the JSON report as a dict; "json", "md", "csv" and "svg" the CLI's text.
    """
    paths, dicts = _inputs("verdicts", verdicts)
    options = dict(
        formula=formula,
        sigma=sigma,
        std=std,
        metric=metric,
        format=format,
        chart=chart,
        model=model,
        x=x,
        y=y,
        csv_intervals=bool(csv_intervals),
    )
    if score_rounding is not None:
        options["score_rounding"] = repr(score_rounding) if isinstance(score_rounding, float) else str(score_rounding)
    policy = _policy_options(
        k=k, bootstrap=bootstrap, seed=seed, confidence=confidence, non_ok=non_ok, average=average, threads=threads
    )
    if isinstance(pairs, _os.PathLike):
        pairs = _path_text("pairs", pairs)
    if isinstance(scores, _os.PathLike):
        scores = _path_text("scores", scores)
    if isinstance(groups, _os.PathLike):
        groups = _path_text("groups", groups)
    report, _info = _core.transfer(pairs, scores, paths, dicts, groups, options, policy)
    return report


__all__ = [
    "ConfigError",
    "Error",
    "Family",
    "InputError",
    "STATUSES",
    "Scorer",
    "UsageError",
    "aggregate",
    "benchmarks",
    "families",
    "family",
    "math",
    "merge",
    "score",
    "score_batch",
    "score_file",
    "transfer",
] + sorted(n for n in _families if n in globals() and n != "math")
