# The public API of transferscore (docs/python.md). The families of the registry are module
# attributes (transferscore.choice, transferscore.qa, ...); families added to the registry
# later appear the same way, which __getattr__ below stands for.

import os
from typing import Any, Optional, Sequence, Union

from . import math as math
from ._core import ConfigError as ConfigError
from ._core import Error as Error
from ._core import InputError as InputError
from ._core import UsageError as UsageError
from ._family import Family as Family
from ._family import Scorer as Scorer

_Path = Union[str, os.PathLike[str]]
_Verdict = dict[str, Any]

__version__: str
STATUSES: tuple[str, ...]

choice: Family
exact_match: Family
instructions: Family
loglik_choice: Family
qa: Family
yesno: Family

def __getattr__(name: str) -> Family: ...
def families() -> list[dict[str, str]]: ...
def benchmarks() -> dict[str, str]: ...
def family(name: str) -> Family: ...
def score(record: dict[str, Any], scorer: Optional[str] = None, *, mode: str = "reference", **options: Any) -> Union[_Verdict, list[_Verdict]]: ...
def score_batch(
    records: Sequence[dict[str, Any]], scorer: Optional[str] = None, *, threads: int = 1, mode: str = "reference", **options: Any
) -> list[_Verdict]: ...
def score_file(
    paths: Union[_Path, Sequence[_Path]],
    output: Optional[_Path] = None,
    *,
    scorer: Optional[str] = None,
    benchmark: Optional[str] = None,
    mode: str = "reference",
    format: str = "auto",
    dataset: Optional[_Path] = None,
    join_key: str = "id",
    dataset_id: str = "id",
    threads: int = 1,
    trace: Optional[str] = None,
    unterminated: Optional[str] = None,
    think_open: Optional[str] = None,
    think_close: Optional[str] = None,
    punkt_dir: Optional[_Path] = None,
    max_line_bytes: Optional[int] = None,
    **settings: Any,
) -> Union[list[_Verdict], dict[str, Any]]: ...
def aggregate(
    verdicts: Union[_Path, Sequence[_Path], Sequence[_Verdict]],
    *,
    format: str = "dict",
    k: Union[int, Sequence[int], None] = None,
    bootstrap: Optional[int] = None,
    seed: Optional[int] = None,
    confidence: Optional[float] = None,
    non_ok: Optional[str] = None,
    average: Optional[str] = None,
    threads: Optional[int] = None,
    save_state: Optional[_Path] = None,
    track_answers: bool = True,
) -> Union[dict[str, Any], str]: ...
def merge(
    states: Union[_Path, Sequence[_Path]],
    *,
    output: Optional[_Path] = None,
    format: str = "state",
    k: Union[int, Sequence[int], None] = None,
    bootstrap: Optional[int] = None,
    seed: Optional[int] = None,
    confidence: Optional[float] = None,
    non_ok: Optional[str] = None,
    average: Optional[str] = None,
    threads: Optional[int] = None,
) -> Union[dict[str, Any], str, None]: ...
def transfer(
    verdicts: Union[_Path, Sequence[_Path], Sequence[_Verdict], None] = None,
    *,
    pairs: Union[_Path, Sequence[tuple[str, str]]],
    scores: Union[_Path, Sequence[tuple[str, str, float]], None] = None,
    groups: Union[_Path, dict[str, Any], None] = None,
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
    k: Union[int, Sequence[int], None] = None,
    bootstrap: Optional[int] = None,
    seed: Optional[int] = None,
    confidence: Optional[float] = None,
    non_ok: Optional[str] = None,
    average: Optional[str] = None,
    threads: Optional[int] = None,
) -> Union[dict[str, Any], str]: ...
