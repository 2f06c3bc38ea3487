"""transferscore.math: equivalent, reward(s), extract, and their batch forms."""

from __future__ import annotations

import pytest

import transferscore as ts

PAIRS = [
    ("\\frac{1}{2}", "so the answer is \\boxed{0.5}", True),
    ("\\frac{1}{2}", "<think>it is 0.5? no, 1/3</think> \\boxed{\\frac13}", False),
    ("(1, 2]", "The solution set is $x \\in (1,2]$.", True),
    ("2\\sqrt{2}", "**Final Answer**: $\\sqrt{8}$", True),
    ("10", "I cannot tell.", False),
    ("286", "<think>counting residues", False),
    (3, "The answer is 3.", True),
    (0.25, "the answer is \\boxed{\\frac14}", True),
]


def canonical(gold, response):
    return {"id": 0, "response": response, "reference": {"answer": gold}}


@pytest.mark.parametrize("gold,response,correct", PAIRS)
def test_equivalent_is_the_verdict_of_the_canonical_record(gold, response, correct):
    verdict = ts.math.equivalent(gold, response)
    assert verdict["correct"] is correct
    assert verdict == ts.math.score(canonical(gold, response))
    assert ts.math.reward(gold, response) == (1.0 if correct else 0.0)
    assert isinstance(ts.math.reward(gold, response), float)


def test_statuses_separate_wrong_from_no_answer():
    assert ts.math.equivalent("286", "<think>counting residues")["status"] == "unterminated_trace"
    assert ts.math.equivalent("10", "I cannot tell.")["status"] == "no_answer"
    assert ts.math.equivalent("10", "The answer is 11.")["status"] == "ok"
    empty_gold = ts.math.equivalent("", "The answer is 11.")
    assert empty_gold["status"] == "malformed_record" and empty_gold["error"]["field"] == "reference.answer"
    assert ts.math.equivalent("1", None)["status"] == "no_answer"


def test_batch_forms_equal_the_single_calls_on_any_number_of_threads():
    golds = [g for g, _, _ in PAIRS] * 50
    responses = [r for _, r, _ in PAIRS] * 50
    single = [ts.math.equivalent(g, r) for g, r in zip(golds, responses)]
    for threads in (1, 2, 4):
        batch = ts.math.equivalent_batch(golds, responses, threads=threads)
        for i, v in enumerate(batch):  # error verdicts name their position as the line
            if "error" in v:
                assert v["error"]["line"] == i + 1
                v["error"]["line"] = 1
        assert batch == single
        assert ts.math.rewards(golds, responses, threads=threads) == [float(v["score"]) for v in single]


def test_batches_of_several_chunks_keep_their_order():
    # Batches are scored 1024 items per thread at a time; 3 chunks and a part here.
    golds = [str(i) for i in range(3500)]
    responses = [f"\\boxed{{{i if i % 7 else i + 1}}}" for i in range(3500)]
    expected = [0.0 if i % 7 == 0 else 1.0 for i in range(3500)]
    assert ts.math.rewards(golds, responses) == expected
    assert ts.math.rewards(golds, responses, threads=2) == expected
    verdicts = ts.math.equivalent_batch(golds, responses, threads=3)
    assert [v["extracted"] for v in verdicts] == [str(i if i % 7 else i + 1) for i in range(3500)]
    records = [{"id": i, "response": r, "reference": g} for i, (g, r) in enumerate(zip(golds, responses))]
    assert [v["id"] for v in ts.score_batch(records, threads=2)] == list(range(3500))
    assert [e["answer"] for e in ts.math.extract_batch(responses, threads=2)] == [v["extracted"] for v in verdicts]
    assert ts.math.rewards(["1"], ["\\boxed{1}"], threads=10**9) == [1.0]  # at most as many threads as items


def test_paper_mode_is_the_studys_grader():
    # Hendrycks is_equiv compares normalised strings: 0.5 and \frac12 are equal, 1/2 and 0.50 are not.
    assert ts.math.equivalent("\\frac{1}{2}", "\\boxed{0.5}", mode="paper")["correct"] is True
    assert ts.math.equivalent("\\frac{1}{2}", "\\boxed{0.50}", mode="paper")["correct"] is False
    assert ts.math.equivalent("\\frac{1}{2}", "\\boxed{0.50}")["correct"] is True
    assert ts.math.equivalent("4", "the answer is 4", mode="paper")["status"] == "no_answer"
    assert ts.math.equivalent("4", "\\boxed{4}", mode="paper")["mode"] == "paper"


def test_settings_change_the_verdict():
    # Only the last box by default; boxes=all joins them.
    response = "\\boxed{1} and \\boxed{2}"
    assert ts.math.equivalent("1, 2", response)["correct"] is True  # gold_count: two items, two boxes
    assert ts.math.equivalent("1, 2", response, boxes="last")["correct"] is False
    assert ts.math.equivalent("12", "12 apples", last_number=False)["status"] == "no_answer"
    with pytest.raises(ts.ConfigError, match="math: boxes must be gold_count, last or all, not 'some'"):
        ts.math.equivalent("1", "1", boxes="some")
    with pytest.raises(ts.ConfigError, match="setting last_number must be true or false, not 'maybe'"):
        ts.math.equivalent("1", "1", last_number="maybe")


def test_extract_finds_the_answer_as_the_family_does():
    e = ts.math.extract("<think>maybe 3</think> The answer is $\\frac12$.")
    assert e == {
        "answer": "\\frac12",
        "source": "cue",
        "boxes": 0,
        "unterminated_box": False,
        "too_long": False,
        "unterminated_trace": False,
    }
    assert ts.math.extract("\\boxed{1} then \\boxed{2}")["answer"] == "2"
    assert ts.math.extract("\\boxed{1} then \\boxed{2}", items=2)["answer"] == "1, 2"
    assert ts.math.extract("\\boxed{1} then \\boxed{2}", boxes="all")["boxes"] == 2
    assert ts.math.extract("nothing here")["answer"] is None
    assert ts.math.extract("nothing here")["source"] == "none"
    unterminated = ts.math.extract("<think>I think 5")
    assert unterminated["answer"] is None and unterminated["unterminated_trace"] is True
    assert ts.math.extract("<think>I think 5", unterminated="score")["answer"] == "5"
    assert ts.math.extract("<think>1</think> 2", trace="none")["answer"] == "2"
    assert ts.math.extract("\\boxed{3")["unterminated_box"] is True


def test_extract_batch_equals_extract():
    responses = [r for _, r, _ in PAIRS] * 10
    assert ts.math.extract_batch(responses, threads=2) == [ts.math.extract(r) for r in responses]


def test_olympiadbench_list_gold_and_benchmark_grader():
    assert ts.math.equivalent(["1", "2"], "\\boxed{1}, \\boxed{2}")["correct"] is True
    verdict = ts.math.equivalent("\\frac{1}{2}", "\\boxed{\\frac12}", mode="paper", benchmark="olympiadbench")
    assert verdict["details"]["grader"] == "lm_eval" and verdict["benchmark"] == "olympiadbench"
