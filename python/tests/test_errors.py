"""Errors are exceptions with the CLI's messages; a bad argument never crashes the interpreter."""

from __future__ import annotations

import json
import math
import subprocess
import textwrap

import pytest

import transferscore as ts
from conftest import AGGREGATE_DATA, REPO

RECORD = {"id": 1, "response": "the answer is 4", "reference": {"answer": "4"}}


@pytest.mark.parametrize(
    "kwargs,cli_args",
    [
        ({"mode": "papr"}, ["--mode", "papr"]),
        ({"format": "yaml"}, ["--format", "yaml"]),
        ({"trace": "all"}, ["--trace", "all"]),
        ({"unterminated": "maybe"}, ["--unterminated", "maybe"]),
        ({"scorer": "nope"}, ["--scorer", "nope"]),
    ],
)
def test_option_errors_carry_the_cli_message(cli, tmp_path, kwargs, cli_args):
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(RECORD) + "\n")
    code, message = cli.error("score", *cli_args, path)
    assert code == 2
    with pytest.raises((ts.UsageError, ts.ConfigError)) as raised:
        ts.score(RECORD, **kwargs)
    assert str(raised.value) == message
    assert isinstance(raised.value, ValueError) and isinstance(raised.value, ts.Error)
    with pytest.raises(type(raised.value), match=message.replace("(", r"\(").replace(")", r"\)")):
        ts.score_file([path], **kwargs)


def test_a_family_setting_error_is_the_clis(cli, tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps(RECORD) + "\n")
    code, message = cli.error("score", "--scorer", "math", "--set", "percent=half", path)
    assert code == 2
    with pytest.raises(ts.ConfigError) as raised:
        ts.math.score(RECORD, percent="half")
    assert str(raised.value) == message


def test_input_errors_are_oserrors_with_the_clis_message(cli, tmp_path):
    missing = tmp_path / "missing.jsonl"
    code, message = cli.error("score", missing)
    assert code == 1
    with pytest.raises(ts.InputError) as raised:
        ts.score_file([missing])
    assert str(raised.value) == message and isinstance(raised.value, OSError)
    code, message = cli.error("aggregate", AGGREGATE_DATA / "malformed.jsonl")
    with pytest.raises(ts.InputError) as raised:
        ts.aggregate(str(AGGREGATE_DATA / "malformed.jsonl"))
    assert code == 1 and str(raised.value) == message


@pytest.mark.parametrize(
    "call,error",
    [
        (lambda: ts.score("not a dict"), TypeError),
        (lambda: ts.score(None), TypeError),
        (lambda: ts.score([RECORD]), TypeError),
        (lambda: ts.score({"id": 1, "response": {1, 2}}), TypeError),
        (lambda: ts.score({"id": 1, "response": b"bytes"}), TypeError),
        (lambda: ts.score({"id": 1, "response": object()}), TypeError),
        (lambda: ts.score({(1, 2): "tuple key", "response": "x"}), TypeError),
        (lambda: ts.score({"id": 1, "response": "\ud800"}), ValueError),
        (lambda: ts.score_batch(RECORD), TypeError),
        (lambda: ts.score_batch([RECORD, "x"]), TypeError),
        (lambda: ts.score_batch([RECORD], threads=0), ValueError),
        (lambda: ts.score_batch([RECORD], threads=-1), TypeError),
        (lambda: ts.score_batch([RECORD], threads="2"), TypeError),
        (lambda: ts.math.equivalent("4", 4), TypeError),
        (lambda: ts.math.equivalent({"a"}, "4"), TypeError),
        (lambda: ts.math.equivalent_batch(["1"], ["1", "2"]), ValueError),
        (lambda: ts.math.equivalent_batch("1", "1"), TypeError),
        (lambda: ts.math.extract(None), TypeError),
        (lambda: ts.math.extract_batch([None]), TypeError),
        (lambda: ts.math.equivalent("1", "1", boxes=[1]), TypeError),
        (lambda: ts.score(RECORD, mode=1), TypeError),
        (lambda: ts.score_file(123), TypeError),
        (lambda: ts.score_file([]), ValueError),
        (lambda: ts.aggregate([]), ValueError),
        (lambda: ts.aggregate([{"id": 1}]), ts.InputError),
        (lambda: ts.aggregate([1, 2]), TypeError),
        (lambda: ts.transfer(pairs=None, scores=[]), ts.UsageError),
        (lambda: ts.transfer(pairs=[("a",)], scores=[("a", "math500", 1.0)]), ValueError),
        (lambda: ts.Scorer(settings={"a": "b"}), TypeError),
    ],
)
def test_bad_arguments_raise_and_never_crash(call, error):
    with pytest.raises(error):
        call()


def test_an_unusable_gold_is_an_error_verdict_as_in_the_cli():
    verdict = ts.math.equivalent(None, "4")
    assert verdict["status"] == "malformed_record" and verdict["error"]["field"] == "reference.answer"


def test_deep_and_self_referencing_values_are_refused_not_overflowed():
    deep = "x"
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(ValueError, match="nested deeper than 1000 levels"):
        ts.score({"id": 1, "response": "4", "reference": {"answer": deep}})
    loop: list = []
    loop.append(loop)
    with pytest.raises(ValueError, match="holds itself"):
        ts.score({"id": 1, "response": "4", "reference": loop})
    # 300 levels is JSON the pipeline refuses itself, with an error verdict as the CLI gives.
    nested = "x"
    for _ in range(300):
        nested = [nested]
    verdict = ts.score({"id": 1, "response": "4", "reference": nested})
    assert verdict["status"] == "malformed_record" and "deeper than 256" in verdict["error"]["message"]


def test_values_json_cannot_hold_become_the_clis_error_verdicts(cli, tmp_path):
    # json.dumps writes NaN and 2**70 as NaN and the digits; the CLI refuses that line.
    for record in ({"id": 1, "response": "4", "reference": {"answer": math.nan}}, {"id": 2**70, "response": "4"}):
        verdict = ts.score(record)
        path = tmp_path / "r.jsonl"
        path.write_text(json.dumps(record) + "\n")
        done = cli.run("score", "-q", path, check=False)
        assert done.returncode == 3  # the CLI's exit code for a file of which nothing could be scored
        expected = json.loads(done.stdout.splitlines()[0])
        expected["error"]["file"] = "<python>"
        assert verdict == expected


def test_huge_strings_are_bounded():
    huge = "9" * (80 << 20)  # over the math family's 64 MiB response budget
    verdict = ts.math.equivalent("9", huge)
    assert verdict["status"] == "budget_exceeded"
    long_answer = "\\boxed{" + "1+" * (1 << 20) + "1}"
    assert ts.math.equivalent("3", long_answer)["status"] == "budget_exceeded"
    assert ts.math.extract("x" * (16 << 20))["answer"] is None
    big = {"id": 1, "response": "y " * (1 << 20), "reference": {"answer": "y"}}
    assert ts.exact_match.score(big)["correct"] is False
    assert ts.qa.score(dict(big, benchmark="coqa"))["status"] == "ok"


def test_garbage_calls_in_a_fresh_interpreter_end_normally(python, tmp_path):
    # Crash detection: the calls run in a child; a segfault or abort would show as a signal.
    script = textwrap.dedent(
        """
        import random, transferscore as ts
        rng = random.Random(7)
        pool = [None, 0, -1, 2**80, 1.5, float("nan"), float("inf"), "", "x" * 100000, "\\x00",
                [], {}, [[]], {"id": None}, {"response": None}, {"id": 1, "response": 5},
                {"id": 1, "response": "4", "reference": [None]}, b"x", object(), ("a",), {1: 2},
                {"id": "a", "benchmark": "ifeval", "response": "hi", "reference": {"instruction_id_list": [1]}},
                {"id": "a", "benchmark": "headqa", "response": "", "choice_logprobs": "x"}]
        calls = [
            lambda a, b: ts.score(a), lambda a, b: ts.score_batch([a, b], threads=2),
            lambda a, b: ts.math.equivalent(a, b), lambda a, b: ts.math.extract(a),
            lambda a, b: ts.math.equivalent_batch([a], [b], threads=2), lambda a, b: ts.aggregate([a]),
            lambda a, b: ts.score(a, scorer=b), lambda a, b: ts.Scorer().score_text(a),
        ]
        errors = 0
        for _ in range(3000):
            a, b = rng.choice(pool), rng.choice(pool)
            try:
                rng.choice(calls)(a, b)
            except (TypeError, ValueError, OSError, ts.Error):
                errors += 1
        print("done", errors)
        """
    )
    done = subprocess.run([python, "-c", script], capture_output=True, cwd=REPO, timeout=600)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert done.stdout.decode().startswith("done")
