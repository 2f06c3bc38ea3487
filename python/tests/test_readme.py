"""The Python shown in README.md runs (as tests/test_readme.cpp does for the C++)."""

from __future__ import annotations

import os
import re
import shutil

from conftest import DATA, REPO


def test_readme_python_block_runs(tmp_path):
    blocks = re.findall(r"```python\n(.*?)```", (REPO / "README.md").read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 1
    shutil.copy(DATA / "generations" / "math500.qwen3-14b-rl.jsonl", tmp_path / "gen.jsonl")
    namespace = {
        "response": "<think>half</think> \\boxed{0.5}",
        "golds": ["1", "2"],
        "responses": ["\\boxed{1}", "\\boxed{3}"],
    }
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        exec(compile(blocks[0], "README.md", "exec"), namespace)
    finally:
        os.chdir(cwd)
    assert (tmp_path / "verdicts.jsonl").exists()
