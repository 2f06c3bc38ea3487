"""Scorer (a configured scoring pipeline) and Family (transferscore.<family>)."""

from __future__ import annotations

import functools
from typing import Any, Optional, Sequence, Union

from . import _core
from ._options import frozen, score_options

Verdict = dict  # a verdict: the JSON object `transferscore score` writes, as a dict


class Scorer:
    """A scoring pipeline configured like ``transferscore score``.

    The options are the CLI's (``--scorer``, ``--benchmark``, ``--mode``, ``--format``,
    ``--trace``, ``--unterminated``, ``--think-open``, ``--think-close``, ``--punkt-dir``,
    ``--dataset``, ``--join-key``, ``--dataset-id``) with underscores; every other keyword
    is a family setting (``--set KEY=VALUE``). ``source`` is the file name that verdicts of
    records from Python report (``error.file``; lm-eval records take their task from it);
    ``max_line_bytes`` applies to :meth:`score_text`.

    A Scorer is immutable and shared safely by any number of threads; every call releases
    the GIL while it scores.
    """

    def __init__(
        self,
        scorer: Optional[str] = None,
        *,
        benchmark: Optional[str] = None,
        mode: str = "reference",
        format: str = "auto",
        trace: Optional[str] = None,
        unterminated: Optional[str] = None,
        think_open: Optional[str] = None,
        think_close: Optional[str] = None,
        punkt_dir: Any = None,
        dataset: Any = None,
        join_key: str = "id",
        dataset_id: str = "id",
        source: str = "<python>",
        max_line_bytes: Optional[int] = None,
        **settings: Any,
    ) -> None:
        options = dict(
            scorer=scorer,
            benchmark=benchmark,
            mode=mode,
            format=format,
            trace=trace,
            unterminated=unterminated,
            think_open=think_open,
            think_close=think_close,
            punkt_dir=punkt_dir,
            dataset=dataset,
            join_key=join_key,
            dataset_id=dataset_id,
            source=source,
            max_line_bytes=max_line_bytes,
        )
        self._options = score_options(options, settings)
        self._core = _core.Scorer(self._options)

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self._options.items() if v not in ({}, None))
        return f"transferscore.Scorer({shown})"

    def score(self, record: dict) -> Union[Verdict, list]:
        """The verdict of one record (a dict in any input format the CLI reads).

        A backend line holding several samples (vLLM ``outputs``, OpenAI ``choices``) gives a
        list of verdicts, one per sample, as the CLI writes them.
        """
        return self._core.score(record)

    def score_batch(self, records: Sequence[dict], threads: int = 1) -> list:
        """Verdicts of many records, in order, on ``threads`` threads (GIL released)."""
        return self._core.score_batch(records, threads, False)

    def scores(self, records: Sequence[dict], threads: int = 1) -> list:
        """The ``score`` of each verdict of ``score_batch`` (0.0 for every status but ok)."""
        return self._core.score_batch(records, threads, True)

    def score_text(self, text: str) -> list:
        """Verdicts of JSONL text, exactly as the CLI writes them for a file holding the text."""
        return self._core.score_text(text)

    def judge(self, gold: Any, response: Optional[str]) -> Verdict:
        """The verdict of ``{"id": 0, "response": response, "reference": {"answer": gold}}``."""
        return self._core.judge(gold, response)

    def reward(self, gold: Any, response: Optional[str]) -> float:
        """The score of ``judge(gold, response)``, without building the verdict."""
        return self._core.judge_score(gold, response)

    def judge_batch(self, golds: Sequence[Any], responses: Sequence[Optional[str]], threads: int = 1) -> list:
        """``judge`` over two lists of the same length, on ``threads`` threads."""
        return self._core.judge_batch(golds, responses, threads, False)

    def rewards(self, golds: Sequence[Any], responses: Sequence[Optional[str]], threads: int = 1) -> list:
        """The scores of ``judge_batch`` as floats: the reward of each response."""
        return self._core.judge_batch(golds, responses, threads, True)


@functools.lru_cache(maxsize=128)
def _cached_core(options: tuple) -> Any:
    plain = {k: dict(v) if k == "settings" else v for k, v in options}
    return _core.Scorer(plain)


def cached_scorer(scorer: Optional[str], options: dict, settings: dict) -> Any:
    """The C++ scorer for these options, built once per distinct configuration."""
    merged = score_options(dict(options, scorer=scorer), settings)
    return _cached_core(frozen(merged))


class Family:
    """One scorer family of the registry, as ``transferscore.<name>``.

    Every method takes the options of :class:`Scorer` (``mode``, ``benchmark``, ``trace`` ...)
    and family settings as keywords, and scores with the family fixed (the CLI's
    ``--scorer NAME``).
    """

    def __init__(self, name: str, description: str = "") -> None:
        self.name = name
        self.description = description
        self.__doc__ = f"The {name} scorer family: {description}"

    def __repr__(self) -> str:
        return f"<transferscore family {self.name!r}: {self.description}>"

    def scorer(self, **options: Any) -> Scorer:
        """A :class:`Scorer` of this family."""
        return Scorer(self.name, **options)

    def score(self, record: dict, *, mode: str = "reference", **options: Any) -> Union[Verdict, list]:
        """The verdict of one record, as ``transferscore score --scorer NAME`` writes it."""
        return _split(self.name, mode, options).score(record)

    def score_batch(self, records: Sequence[dict], *, threads: int = 1, mode: str = "reference", **options: Any) -> list:
        """Verdicts of many records, in order, on ``threads`` threads (GIL released)."""
        return _split(self.name, mode, options).score_batch(records, threads, False)

    def judge(self, gold: Any, response: Optional[str], *, mode: str = "reference", **options: Any) -> Verdict:
        """The verdict of the record ``{"id": 0, "response": response, "reference": {"answer": gold}}``."""
        return _split(self.name, mode, options).judge(gold, response)

    def judge_batch(
        self, golds: Sequence[Any], responses: Sequence[Optional[str]], *, threads: int = 1, mode: str = "reference", **options: Any
    ) -> list:
        """``judge`` over two lists of the same length, on ``threads`` threads."""
        return _split(self.name, mode, options).judge_batch(golds, responses, threads, False)

    def rewards(
        self, golds: Sequence[Any], responses: Sequence[Optional[str]], *, threads: int = 1, mode: str = "reference", **options: Any
    ) -> list:
        """The score of each ``judge_batch`` verdict, as floats."""
        return _split(self.name, mode, options).judge_batch(golds, responses, threads, True)


_NAMED = ("benchmark", "format", "trace", "unterminated", "think_open", "think_close", "punkt_dir", "source")


_recent: dict = {}  # (family, mode, options) -> scorer, for calls whose options are hashable


def _split(family: Optional[str], mode: str, options: dict) -> Any:
    """The cached scorer for a family function's keywords: named options apart from settings."""
    try:
        key = (family, mode, tuple(sorted((k, type(v), v) for k, v in options.items())) if options else ())
        found = _recent.get(key)
    except TypeError:  # an unhashable value: the full path reports or converts it
        key, found = None, None
    if found is not None:
        return found
    named = {"mode": mode}
    settings = {}
    for name, value in options.items():
        if name in _NAMED:
            named[name] = value
        elif name in ("dataset", "join_key", "dataset_id", "scorer"):
            raise TypeError(f"{name} is an option of transferscore.Scorer, not of a family function")
        else:
            settings[name] = value
    scorer = cached_scorer(family, named, settings)
    if key is not None:
        if len(_recent) >= 256:
            _recent.clear()
        _recent[key] = scorer
    return scorer
