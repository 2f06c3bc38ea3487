"""Reward functions in the shapes RL trainers call, on transferscore's scorers.

verl (custom_reward_function.path = this file's module, .name = compute_score)::

    compute_score(data_source, solution_str, ground_truth, extra_info=None) -> float

dispatches on ``data_source`` (see DATA_SOURCES) to a scorer family and returns the verdict's
score. ``compute_score_batch`` is the same for verl's batch reward manager, and
``make_compute_score(...)`` builds variants (other mode, extra data sources, dict results).

TRL (GRPOTrainer(reward_funcs=[math_reward]))::

    reward_func(completions, **kwargs) -> list[float]

takes plain or chat-format completions and the dataset's columns as keyword lists
(``answer``, ``solution``, ``ground_truth`` ...); ``make_reward_func(...)`` builds one for any
family and column.

Every call is bounded without timers or signals: the math family counts its work against
budgets (a verdict that runs out is ``budget_exceeded``, reward 0) and every other family is
linear in the text; nothing forks, alarms or sleeps, so the functions are safe in threads,
in Ray actors and under any process manager. Any status but ``ok`` scores 0.
"""

from __future__ import annotations

import os
from typing import Any, Callable, Mapping, Optional, Sequence, Union

from . import _core
from ._family import cached_scorer

# data_source -> (family, benchmark). The benchmark is recorded in verdicts and chooses the
# paper-mode grader where a family has several (math: olympiadbench reads as lm-eval's).
DATA_SOURCES: dict = {
    # math: verl's default sources and the common Hub names
    "openai/gsm8k": ("math", "gsm8k"),
    "gsm8k": ("math", "gsm8k"),
    "lighteval/MATH": ("math", "math"),
    "DigitalLearningGmbH/MATH-lighteval": ("math", "math"),
    "HuggingFaceH4/MATH-500": ("math", "math500"),
    "hendrycks_math": ("math", "math"),
    "math": ("math", "math"),
    "math_dapo": ("math", "math_dapo"),
    "BytedTsinghua-SIA/DAPO-Math-17k": ("math", "math_dapo"),
    "agentica-org/DeepScaleR-Preview-Dataset": ("math", "deepscaler"),
    "hiyouga/geometry3k": ("math", "geometry3k"),
    "Hothan/OlympiadBench": ("math", "olympiadbench"),
    "AI-MO/aimo-validation-aime": ("math", "aime"),
    "Maxwell-Jia/AIME_2024": ("math", "aime24"),
    # multiple choice, yes/no, instructions, short answers
    "Idavidrein/gpqa": ("choice", "gpqa_diamond"),
    "gpqa": ("choice", "gpqa_diamond"),
    "google/IFEval": ("instructions", "ifeval"),
    "pminervini/HaluEval": ("yesno", "halueval"),
    "stanfordnlp/coqa": ("qa", "coqa"),
    "EleutherAI/coqa": ("qa", "coqa"),
    # code (scored by the code family when this build has it)
    "codecontests": ("code", "codecontests"),
    "apps": ("code", "apps"),
    "codeforces": ("code", "codeforces"),
    "taco": ("code", "taco"),
    "livecodebench": ("code", "livecodebench"),
    "livecodebench/code_generation_lite": ("code", "livecodebench"),
}

# Prefixes verl's default reward also routes to math: aime2024, aime25, numina_olympiads, ...
PREFIXES: tuple = (("aime", "math"), ("numina_", "math"))


def resolve(data_source: str, sources: Optional[Mapping[str, Any]] = None) -> tuple:
    """(family, benchmark) for a data_source: ``sources`` first, then DATA_SOURCES, the
    prefixes, and the registry's benchmark names (math500, gpqa_diamond, ifeval ...)."""
    if not isinstance(data_source, str):
        raise TypeError(f"data_source must be a str, not {type(data_source).__name__}")
    for table in (sources or {}, DATA_SOURCES):
        if data_source in table:
            entry = table[data_source]
            return (entry, data_source) if isinstance(entry, str) else tuple(entry)
    for prefix, family in PREFIXES:
        if data_source.startswith(prefix):
            return family, data_source
    benchmarks = _core.benchmarks()
    if data_source in benchmarks:
        return benchmarks[data_source], data_source
    raise ValueError(
        f"transferscore.rewards: no scorer for data_source '{data_source}'; map it with "
        f"make_compute_score(sources={{'{data_source}': 'math'}}) (families: "
        + ", ".join(f["name"] for f in _core.families())
        + ")"
    )


def _plain(value: Any) -> Any:
    """numpy arrays and scalars (what verl's DataProto holds) as lists and numbers."""
    tolist = getattr(value, "tolist", None)
    return tolist() if callable(tolist) and not isinstance(value, (str, bytes)) else value


def reference_of(ground_truth: Any) -> Any:
    """The record's reference: a dict as it is; a list as alternatives (``answers``); anything
    else as ``{"answer": ground_truth}``."""
    ground_truth = _plain(ground_truth)
    if isinstance(ground_truth, dict):
        return ground_truth
    if isinstance(ground_truth, (list, tuple)):
        return {"answers": list(ground_truth)}
    return {"answer": ground_truth}


_FAMILIES = frozenset(f["name"] for f in _core.families())


def _family_scorer(family: str, benchmark: str, mode: str, settings: Mapping[str, Any]) -> Any:
    if family not in _FAMILIES:
        raise ValueError(f"transferscore.rewards: the {family} family is not in this build of transferscore")
    return cached_scorer(family, {"benchmark": benchmark, "mode": mode}, dict(settings))


def _record(solution_str: Any, ground_truth: Any, extra_info: Any) -> dict:
    extra = _plain(extra_info) if extra_info is not None else {}
    if not isinstance(extra, dict):
        extra = {}
    item_id = extra.get("index", 0)
    if isinstance(item_id, bool) or not isinstance(item_id, (int, str)):
        item_id = 0
    reference = extra.get("reference")
    if not isinstance(reference, dict):
        reference = reference_of(ground_truth)
    return {"id": item_id, "response": solution_str, "reference": reference}


def _result(verdict: dict, as_dict: bool) -> Union[float, dict]:
    score = float(verdict["score"])
    if not as_dict:
        return score
    return {"score": score, "acc": 1.0 if verdict["correct"] else 0.0}


def make_compute_score(
    *,
    sources: Optional[Mapping[str, Any]] = None,
    mode: str = "reference",
    return_dict: bool = False,
    threads: Optional[int] = None,
    **settings: Any,
) -> tuple:
    """(compute_score, compute_score_batch) with other options.

    ``sources`` adds data_source names: ``{"my/dataset": "math"}`` or ``{"x": ("choice", "gpqa_diamond")}``.
    ``return_dict`` returns ``{"score", "acc"}`` (verl logs the extra key). ``threads`` is the
    batch form's thread count (default: the CPUs, at most 8). Other keywords are family
    settings (``boxes="last"`` ...), passed to every family.
    """
    batch_threads = threads if threads is not None else max(1, min(8, os.cpu_count() or 1))
    scorers: dict = {}  # data_source -> (benchmark, scorer): one lookup per call after the first

    def scorer_of(data_source: str) -> tuple:
        found = scorers.get(data_source) if isinstance(data_source, str) else None
        if found is None:
            family, benchmark = resolve(data_source, sources)
            found = (benchmark, _family_scorer(family, benchmark, mode, settings))
            scorers[data_source] = found
        return found

    def compute_score(data_source: str, solution_str: Any, ground_truth: Any, extra_info: Any = None, **_ignored: Any):
        benchmark, scorer = scorer_of(data_source)
        record = _record(solution_str, ground_truth, extra_info)
        reference = record["reference"]
        if not return_dict and isinstance(solution_str, str) and len(reference) == 1 and "answer" in reference:
            return scorer.judge_score(reference["answer"], solution_str)  # the same score, no verdict dict
        record["benchmark"] = benchmark
        return _result(scorer.score(record), return_dict)

    def compute_score_batch(
        data_sources: Sequence[str],
        solution_strs: Sequence[Any],
        ground_truths: Sequence[Any],
        extra_infos: Optional[Sequence[Any]] = None,
        **_ignored: Any,
    ) -> list:
        data_sources, solution_strs, ground_truths = list(data_sources), list(solution_strs), list(ground_truths)
        extra = list(extra_infos) if extra_infos is not None else [None] * len(data_sources)
        if not len(data_sources) == len(solution_strs) == len(ground_truths) == len(extra):
            raise ValueError("data_sources, solution_strs, ground_truths and extra_infos must have the same length")
        groups: dict = {}
        for i, source in enumerate(data_sources):
            groups.setdefault(source, []).append(i)
        out: list = [0.0] * len(data_sources)
        for source, rows in groups.items():
            benchmark, scorer = scorer_of(source)
            records = []
            for i in rows:
                record = _record(solution_strs[i], ground_truths[i], extra[i])
                record["benchmark"] = benchmark
                records.append(record)
            verdicts = scorer.score_batch(records, batch_threads, False)
            for i, verdict in zip(rows, verdicts):
                out[i] = _result(verdict, return_dict)
        return out

    return compute_score, compute_score_batch


compute_score, compute_score_batch = make_compute_score()
compute_score.__doc__ = """verl's custom reward: the score of ``solution_str`` against ``ground_truth``.

``data_source`` picks the family (DATA_SOURCES, resolve()); ``ground_truth`` is a gold answer
(str or number), a list of acceptable answers, or a reference dict (IFEval's
``instruction_id_list`` and ``kwargs``); ``extra_info["reference"]``, when a dict, is used
instead, and ``extra_info["index"]`` becomes the record id. Returns a float in [0, 1].
"""


# --- TRL ---------------------------------------------------------------------------------

_GOLD_COLUMNS = ("answer", "ground_truth", "solution", "reference", "target")


def completion_text(completion: Any) -> Optional[str]:
    """The text of a TRL completion: a str, or chat messages (the assistant turns' content,
    which may be a str or a list of {"type": "text", "text": ...} parts)."""
    if completion is None or isinstance(completion, str):
        return completion
    if isinstance(completion, dict):
        completion = [completion]
    if isinstance(completion, (list, tuple)):
        parts = []
        for message in completion:
            if not isinstance(message, dict):
                raise TypeError(f"a chat completion must be a list of message dicts, not {type(message).__name__}")
            if message.get("role", "assistant") != "assistant":
                continue
            content = message.get("content")
            if isinstance(content, str):
                parts.append(content)
            elif isinstance(content, (list, tuple)):
                parts.extend(p.get("text", "") for p in content if isinstance(p, dict) and isinstance(p.get("text"), str))
        return "".join(parts)
    raise TypeError(f"a completion must be a str or a list of chat messages, not {type(completion).__name__}")


def _column(kwargs: Mapping[str, Any], name: str, n: int) -> list:
    values = _plain(kwargs[name])
    if not isinstance(values, (list, tuple)) or len(values) != n:
        size = len(values) if isinstance(values, (list, tuple)) else type(values).__name__
        raise ValueError(f"column '{name}' must be a list of {n} values (one per completion), not {size}")
    return list(values)


def make_reward_func(
    family: str = "math",
    *,
    gold: Optional[str] = None,
    benchmark: Optional[str] = None,
    mode: str = "reference",
    threads: int = 1,
    name: Optional[str] = None,
    **settings: Any,
) -> Callable[..., list]:
    """A TRL reward function ``reward_func(completions, **kwargs) -> list[float]``.

    ``gold`` names the dataset column holding the gold (default: the first of answer,
    ground_truth, solution, reference, target that is present). A ``solution`` column of
    worked solutions (MATH) gives its final answer, found as math.extract finds one. A column
    of dicts is used as the reference itself. The ``instructions`` family (IFEval) reads the
    columns ``instruction_id_list`` and ``kwargs`` (and ``prompt``) instead. ``threads``
    scores a batch on that many threads with the GIL released.
    """
    scorer = _family_scorer(family, benchmark or family, mode, settings)

    def reward_func(completions: Sequence[Any], **kwargs: Any) -> list:
        completions = _plain(completions)
        if not isinstance(completions, (list, tuple)):
            raise TypeError(f"completions must be a list, not {type(completions).__name__}")
        texts = [completion_text(c) for c in completions]
        n = len(texts)
        if family == "instructions":
            ids = _column(kwargs, "instruction_id_list", n)
            args = _column(kwargs, "kwargs", n)
            prompts = kwargs.get("prompt")
            prompts = _column(kwargs, "prompt", n) if isinstance(prompts, (list, tuple)) else [None] * n
            references = []
            for i in range(n):
                reference = {"instruction_id_list": _plain(ids[i]), "kwargs": _plain(args[i])}
                if isinstance(prompts[i], str):
                    reference["prompt"] = prompts[i]
                references.append(reference)
        else:
            column = gold or next((c for c in _GOLD_COLUMNS if c in kwargs), None)
            if column is None or column not in kwargs:
                raise ValueError(
                    f"{reward_func.__name__}: no gold column among the dataset columns {sorted(kwargs)}; "
                    f"name it with make_reward_func(gold='column')"
                )
            values = _column(kwargs, column, n)
            if column == "solution" and family == "math":
                from . import math as _math

                found = _math.extract_batch([v if isinstance(v, str) else str(v) for v in values], trace="none")
                values = [f["answer"] if f["answer"] is not None else v for f, v in zip(found, values)]
            references = [reference_of(v) for v in values]
        if all(len(r) == 1 and "answer" in r for r in references) and all(t is None or isinstance(t, str) for t in texts):
            return scorer.judge_batch([r["answer"] for r in references], texts, threads, True)
        records = [{"id": i, "response": texts[i], "reference": references[i]} for i in range(n)]
        return scorer.score_batch(records, threads, True)

    reward_func.__name__ = name or f"transferscore_{family}_reward"
    reward_func.__qualname__ = reward_func.__name__
    return reward_func


math_reward = make_reward_func("math", name="math_reward")

__all__ = [
    "DATA_SOURCES",
    "PREFIXES",
    "completion_text",
    "compute_score",
    "compute_score_batch",
    "make_compute_score",
    "make_reward_func",
    "math_reward",
    "reference_of",
    "resolve",
]
