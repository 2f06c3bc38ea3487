"""Reward functions: verl's compute_score and TRL's reward_func shapes."""

from __future__ import annotations

import threading

import pytest

import transferscore as ts
from transferscore import rewards


def test_verl_compute_score_dispatches_on_data_source():
    right, wrong = "so the answer is \\boxed{72}", "so the answer is \\boxed{71}"
    for source in ("openai/gsm8k", "lighteval/MATH", "DigitalLearningGmbH/MATH-lighteval", "math_dapo", "aime2024",
                   "numina_olympiads", "math500", "HuggingFaceH4/MATH-500"):
        assert rewards.compute_score(source, right, "72") == 1.0, source
        assert rewards.compute_score(source, wrong, "72") == 0.0, source
    assert rewards.compute_score("gpqa", "The answer is (B).", "B") == 1.0
    assert rewards.compute_score("gpqa_diamond", "The answer is (B).", "C") == 0.0
    assert rewards.compute_score("halueval", "No.", "no") == 1.0
    # CoQA's official F1 leaves each gold out in turn: (F1 vs "white cat" = 2/3, vs "white" = 1) / 2
    assert rewards.compute_score("coqa", "white", ["white", "a white cat"]) == pytest.approx(5 / 6)
    ifeval = {"instruction_id_list": ["punctuation:no_comma"], "kwargs": [{}]}
    assert rewards.compute_score("google/IFEval", "no commas here", ifeval) == 1.0
    assert rewards.compute_score("google/IFEval", "a, b", None, extra_info={"reference": ifeval}) == 0.0


def test_verl_results_are_the_families_verdicts():
    response = "<think>try 3</think> The answer is $\\frac{1}{2}$."
    verdict = ts.math.score({"id": 7, "benchmark": "math", "response": response, "reference": {"answer": "0.5"}})
    assert rewards.compute_score("lighteval/MATH", response, "0.5", extra_info={"index": 7}) == float(verdict["score"])
    assert rewards.compute_score("lighteval/MATH", "<think>never closed", "0.5") == 0.0


def test_verl_unknown_sources_and_custom_mappings():
    with pytest.raises(ValueError, match="no scorer for data_source 'my/set'"):
        rewards.compute_score("my/set", "4", "4")
    compute_score, compute_score_batch = rewards.make_compute_score(sources={"my/set": "math"}, return_dict=True)
    assert compute_score("my/set", "\\boxed{4}", "4") == {"score": 1.0, "acc": 1.0}
    assert compute_score_batch(["my/set", "gpqa"], ["\\boxed{4}", "(A)"], ["5", "A"], [None, None]) == [
        {"score": 0.0, "acc": 0.0},
        {"score": 1.0, "acc": 1.0},
    ]
    if "code" not in {f["name"] for f in ts.families()}:
        with pytest.raises(ValueError, match="the code family is not in this build"):
            rewards.compute_score("codecontests", "print(1)", "{}")


def test_verl_batch_equals_single_calls():
    sources = ["openai/gsm8k", "gpqa", "math500", "halueval"] * 25
    solutions = ["#### 72", "(C)", "\\boxed{\\frac12}", "Yes"] * 25
    truths = ["72", "B", "0.5", "yes"] * 25
    infos = [{"index": i} for i in range(100)]
    single = [rewards.compute_score(s, r, g, e) for s, r, g, e in zip(sources, solutions, truths, infos)]
    assert rewards.compute_score_batch(sources, solutions, truths, infos) == single
    assert single[:4] == [1.0, 0.0, 1.0, 1.0]


def test_verl_reads_numpy_like_values():
    class FakeArray:  # what a DataProto column holds: .tolist()
        def __init__(self, value):
            self.value = value

        def tolist(self):
            return self.value

    assert rewards.compute_score("gpqa", "(A)", FakeArray(["A"])) == 0.0  # a list is alternatives: choice has none
    assert rewards.compute_score("openai/gsm8k", "72", FakeArray(["72", "72.0"])) == 1.0
    assert rewards.compute_score("openai/gsm8k", "72", "72", extra_info=FakeArray({"index": 3})) == 1.0


def test_trl_reward_with_plain_and_chat_completions():
    prompts = ["What is 1/2 as a decimal?", "2+2?"]
    plain = ["It is \\boxed{0.5}", "<think>4?</think> 5"]
    chat = [[{"role": "assistant", "content": c}] for c in plain]
    parts = [[{"role": "assistant", "content": [{"type": "text", "text": c}]}] for c in plain]
    for completions in (plain, chat, parts):
        assert rewards.math_reward(completions, prompts=prompts, answer=["\\frac{1}{2}", "4"]) == [1.0, 0.0]
    assert rewards.math_reward.__name__ == "math_reward"


def test_trl_gold_columns():
    completions = ["\\boxed{3}", "\\boxed{4}"]
    solutions = ["We find $x=3$, so the answer is $\\boxed{3}$.", "Thus \\boxed{5}."]
    assert rewards.math_reward(completions, solution=solutions) == [1.0, 0.0]
    assert rewards.math_reward(completions, ground_truth=["3", "4"]) == [1.0, 1.0]
    reward = rewards.make_reward_func("math", gold="target_answer", threads=2)
    assert reward(completions, target_answer=["3", "5"], answer=["x", "x"]) == [1.0, 0.0]
    with pytest.raises(ValueError, match="no gold column"):
        rewards.math_reward(completions, prompts=["a", "b"])
    with pytest.raises(ValueError, match="column 'answer' must be a list of 2 values"):
        rewards.math_reward(completions, answer=["3"])
    with pytest.raises(TypeError):
        rewards.math_reward("not a list", answer=["3"])
    assert rewards.math_reward([None, "\\boxed{4}"], answer=["3", "4"]) == [0.0, 1.0]


def test_trl_other_families():
    choice = rewards.make_reward_func("choice", benchmark="gpqa_diamond")
    assert choice(["The answer is (B)", "I pick C."], answer=["B", "B"]) == [1.0, 0.0]
    ifeval = rewards.make_reward_func("instructions")
    ids = [["punctuation:no_comma"], ["change_case:english_lowercase"]]
    assert ifeval(["no commas", "Not Lower"], instruction_id_list=ids, kwargs=[[{}], [{}]]) == [1.0, 0.0]


def test_rewards_are_thread_safe_and_deterministic():
    golds = [str(i) for i in range(200)]
    responses = [f"the answer is \\boxed{{{i if i % 3 else i + 1}}}" for i in range(200)]
    expected = [rewards.compute_score("math500", r, g) for r, g in zip(responses, golds)]
    results = [None] * 8

    def work(slot):
        results[slot] = [rewards.compute_score("math500", r, g) for r, g in zip(responses, golds)]

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == expected for r in results)
    assert sum(expected) == sum(1 for i in range(200) if i % 3)
