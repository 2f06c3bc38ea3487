"""Keyword arguments of the Python API, turned into the option strings the CLI takes.

The C++ core receives exactly what `transferscore score --set KEY=VALUE` would: strings. A
setting may be given as a str, a bool (true/false), an int or a float; anything else is a
TypeError here, before any work is done.
"""

from __future__ import annotations

import os
from typing import Any, Iterable, Mapping

# The options of `transferscore score` that are not family settings.
SCORE_OPTIONS = (
    "scorer",
    "benchmark",
    "mode",
    "format",
    "trace",
    "unterminated",
    "think_open",
    "think_close",
    "punkt_dir",
    "dataset",
    "join_key",
    "dataset_id",
    "source",
)


def setting_text(name: str, value: Any) -> str:
    """One family setting as the text --set would carry."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return str(value)
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    raise TypeError(f"setting {name} must be a str, bool, int or float, not {type(value).__name__}")


def path_text(name: str, value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, os.PathLike):
        path = os.fspath(value)
        if isinstance(path, str):
            return path
    raise TypeError(f"{name} must be a path (str or os.PathLike), not {type(value).__name__}")


def path_list(name: str, value: Any) -> list[str]:
    """A path or an iterable of paths, as a list of str."""
    if isinstance(value, (str, os.PathLike)):
        return [path_text(name, value)]
    if isinstance(value, (bytes, dict)) or not isinstance(value, Iterable):
        raise TypeError(f"{name} must be a path or a list of paths, not {type(value).__name__}")
    return [path_text(f"{name}[{i}]", p) for i, p in enumerate(value)]


def score_options(options: Mapping[str, Any], settings: Mapping[str, Any]) -> dict[str, Any]:
    """The options dict the C++ Scorer takes: the named options, and the family settings."""
    out: dict[str, Any] = {}
    for name, value in options.items():
        if value is None:
            continue
        if name in ("punkt_dir", "dataset"):
            value = path_text(name, value)
        out[name] = value
    out["settings"] = {str(k): setting_text(str(k), v) for k, v in settings.items()}
    return out


# The options of `transferscore score FILE...` (score_file, transferscore.dask), as keywords.
FILE_OPTIONS = SCORE_OPTIONS + ("threads", "max_line_bytes")


def file_options(values: Mapping[str, Any], settings: Mapping[str, Any]) -> dict[str, Any]:
    """The options dict of the named FILE_OPTIONS among `values` (a function's locals), with the settings."""
    return score_options({name: values[name] for name in FILE_OPTIONS if name in values}, settings)


def frozen(options: Mapping[str, Any]) -> tuple:
    """A hashable form of an options dict (for caching scorers)."""
    items = []
    for k, v in sorted(options.items()):
        items.append((k, tuple(sorted(v.items())) if isinstance(v, dict) else v))
    return tuple(items)


def policy_options(
    *,
    k: Any = None,
    bootstrap: Any = None,
    seed: Any = None,
    confidence: Any = None,
    non_ok: Any = None,
    average: Any = None,
    threads: Any = None,
) -> dict[str, str]:
    """The aggregation policy as the CLI's option strings (-k 1,8 --bootstrap N ...)."""
    out: dict[str, str] = {}
    if k is not None:
        if isinstance(k, (list, tuple)):
            out["k"] = ",".join(str(x) for x in k)
        else:
            out["k"] = str(k)
    for name, value in (("bootstrap", bootstrap), ("seed", seed), ("confidence", confidence), ("threads", threads)):
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise TypeError(f"{name} must be a number, not {type(value).__name__}")
        out[name] = repr(value) if isinstance(value, float) else str(value)
    for name, value in (("non_ok", non_ok), ("average", average)):
        if value is None:
            continue
        if not isinstance(value, str):
            raise TypeError(f"{name} must be a str, not {type(value).__name__}")
        out[name] = value
    return out
