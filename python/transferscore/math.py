"""transferscore.math: math answers (math500, aime24, aime25, olympiadbench), and the RL reward.

    >>> import transferscore as ts
    >>> ts.math.equivalent("\\\\frac{1}{2}", "so the answer is \\\\boxed{0.5}")["correct"]
    True
    >>> ts.math.extract("<think>maybe 3</think> The answer is $\\\\frac12$.")["answer"]
    '\\\\frac12'

``equivalent`` is the verdict the CLI writes for the canonical record
``{"id": 0, "response": response, "reference": {"answer": gold}}`` scored by the math family:
the reasoning-trace policy, extraction, then exact equivalence, with work bounded by counted
budgets (never timers or signals); a verdict takes microseconds. ``reward`` is its score.
"""

from __future__ import annotations

import functools
from typing import Any, Optional, Sequence, Union

from . import _core
from ._family import Family, Verdict, _split
from ._options import frozen, score_options

_family = Family("math", "final answers: extraction, then exact and numeric equivalence")


def score(record: dict, *, mode: str = "reference", **options: Any) -> Union[Verdict, list]:
    """The verdict of one record, as ``transferscore score --scorer math`` writes it."""
    return _family.score(record, mode=mode, **options)


def score_batch(records: Sequence[dict], *, threads: int = 1, mode: str = "reference", **options: Any) -> list:
    """Verdicts of many records, in order, on ``threads`` threads (GIL released)."""
    return _family.score_batch(records, threads=threads, mode=mode, **options)


def equivalent(gold: Any, response: Optional[str], *, mode: str = "reference", **options: Any) -> Verdict:
    """The verdict on ``response`` against the gold answer ``gold`` (a str, a number, or a list).

    ``correct`` is the judgement, ``score`` the reward (1.0 or 0.0), ``status`` says why there is
    none (``no_answer``, ``unterminated_trace``, ``budget_exceeded``, ``malformed_record`` for an
    unusable gold). ``mode="paper"`` is the study's Hendrycks ``is_equiv`` grader; options are
    those of :class:`transferscore.Scorer` (``benchmark``, ``trace`` ...) and the math settings
    (``boxes``, ``percent``, ``relative_tolerance``, the ``max_*`` budgets: docs/math.md).
    """
    return _split("math", mode, options).judge(gold, response)


def equivalent_batch(
    golds: Sequence[Any], responses: Sequence[Optional[str]], *, threads: int = 1, mode: str = "reference", **options: Any
) -> list:
    """``equivalent`` over two lists of the same length, on ``threads`` threads (GIL released)."""
    return _split("math", mode, options).judge_batch(golds, responses, threads, False)


def reward(gold: Any, response: Optional[str], *, mode: str = "reference", **options: Any) -> float:
    """``equivalent(gold, response)["score"]``: 1.0 for a right answer, else 0.0."""
    return _split("math", mode, options).judge_score(gold, response)


def rewards(
    golds: Sequence[Any], responses: Sequence[Optional[str]], *, threads: int = 1, mode: str = "reference", **options: Any
) -> list:
    """The rewards of many responses, as floats, on ``threads`` threads (GIL released)."""
    return _split("math", mode, options).judge_batch(golds, responses, threads, True)


@functools.lru_cache(maxsize=64)
def _extractor(options: tuple) -> Any:
    plain = {k: dict(v) if k == "settings" else v for k, v in options}
    return _core.MathExtractor(plain)


def _extractor_for(options: dict) -> Any:
    named = {}
    settings = {}
    for key, value in options.items():
        if key in ("benchmark", "trace", "unterminated", "think_open", "think_close"):
            named[key] = value
        else:
            settings[key] = value
    return _extractor(frozen(score_options(named, settings)))


def extract(response: str, *, items: int = 1, **options: Any) -> dict:
    """The final answer of a response, as the math family finds it.

    The reasoning-trace policy applies first (``trace``, ``unterminated``, ``think_open``,
    ``think_close``, as in :class:`transferscore.Scorer`); then boxes, answer cues, a bold last
    line, a last math span, or the last number (docs/math.md). ``items`` is the number of items
    of the gold (for ``boxes=gold_count``). Returns ``answer`` (None when there is none),
    ``source`` (boxed, cue, bold, math, last_number or none), ``boxes``, ``unterminated_box``,
    ``too_long`` and ``unterminated_trace``.
    """
    return _extractor_for(options).extract(response, items)


def extract_batch(responses: Sequence[str], *, items: int = 1, threads: int = 1, **options: Any) -> list:
    """``extract`` over a list, on ``threads`` threads (GIL released)."""
    return _extractor_for(options).extract_batch(responses, items, threads)
