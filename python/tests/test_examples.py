"""The examples in python/examples run (CI runs them here)."""

from __future__ import annotations

import subprocess

import pytest

from conftest import REPO

EXAMPLES = sorted((REPO / "python" / "examples").glob("*.py"))


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_example_runs(python, example):
    if example.name.startswith("dask"):
        pytest.importorskip("distributed")
    done = subprocess.run([python, str(example)], capture_output=True, cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stderr.decode()[-3000:]
    assert done.stdout.strip()


def test_the_examples_are_all_here():
    assert {e.name for e in EXAMPLES} >= {"verl_reward.py", "trl_reward.py", "score_files.py", "dask_scoring.py"}
