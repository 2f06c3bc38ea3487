"""Shared fixtures of the Python tests.

Run from the repository root with the interpreter the module was built for, the built
package on PYTHONPATH and the CLI named, as tools/run-tests does:

    PYTHONPATH=build/python TRANSFERSCORE_CLI=build/examples/transferscore /usr/bin/python3 -m pytest python/tests

Tests that compare with the CLI skip (saying why) when TRANSFERSCORE_CLI is not set; tests
marked `large` (the generated 200 MB file) run only with `-m large`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "examples" / "data"
AGGREGATE_DATA = REPO / "tests" / "data" / "aggregate"
PAPER_DATA = REPO / "tests" / "data" / "paper"

# The quickstart's four runs (tools/quickstart): inputs and the options of `transferscore score`.
QUICKSTART_RUNS = [
    ("math500", [DATA / "generations" / f"math500.{m}.jsonl" for m in ("qwen3-14b-base", "qwen3-14b-rl")], {}),
    (
        "aime24",
        [DATA / "generations" / f"aime24.vllm.{m}.jsonl" for m in ("qwen3-14b-base", "qwen3-14b-rl")],
        {"dataset": str(DATA / "datasets" / "aime24.jsonl")},
    ),
    (
        "ifeval",
        [DATA / "generations" / f"ifeval.batch.{m}.jsonl" for m in ("qwen3-14b-base", "qwen3-14b-rl")],
        {"dataset": str(DATA / "datasets" / "ifeval.jsonl")},
    ),
    ("trivia", sorted((DATA / "generations" / "lm-eval").glob("*/samples_trivia_*.jsonl")), {"scorer": "exact_match"}),
]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "large: needs the generated 200 MB corpus (run with -m large)")
    # Debian 12's distributed on its tornado: a deprecation inside the event loop, not ours.
    config.addinivalue_line("filterwarnings", "ignore:make_current is deprecated:DeprecationWarning")


def pytest_collection_modifyitems(config: pytest.Config, items: list) -> None:
    if "large" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="a large test: run with -m large")
    for item in items:
        if "large" in item.keywords:
            item.add_marker(skip)


def cli_flags(options: dict) -> list:
    """CLI flags of score options given as Python keywords."""
    flags = []
    for key, value in options.items():
        flags += [f"--{key.replace('_', '-')}", str(value)]
    return flags


class Cli:
    """The transferscore CLI, to compare the Python API with."""

    def __init__(self, path: str) -> None:
        self.path = path

    def run(self, *args: object, check: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run([self.path, *map(str, args)], capture_output=True, cwd=REPO)
        if check and done.returncode != 0:
            raise AssertionError(f"transferscore {args} failed ({done.returncode}): {done.stderr.decode()}")
        return done

    def output(self, *args: object) -> bytes:
        return self.run(*args).stdout

    def verdicts(self, *args: object) -> list:
        return [json.loads(line) for line in self.output("score", "-q", *args).splitlines()]

    def error(self, *args: object) -> tuple:
        """(exit code, the message after 'transferscore <command>: ')."""
        done = self.run(*args, check=False)
        first = done.stderr.decode().splitlines()[0]
        prefix = f"transferscore {args[0]}: "
        return done.returncode, first[len(prefix):] if first.startswith(prefix) else first


@pytest.fixture(scope="session")
def cli() -> Cli:
    path = os.environ.get("TRANSFERSCORE_CLI")
    if not path or not os.path.exists(path):
        pytest.skip("set TRANSFERSCORE_CLI to the transferscore CLI to compare the Python API with it")
    return Cli(path)


@pytest.fixture(scope="session")
def python() -> str:
    """The interpreter running the tests (the one the module was built for)."""
    return sys.executable
