"""transferscore as verl's custom reward function, without a trainer.

In a verl config:

    custom_reward_function:
      path: <site-packages>/transferscore/rewards.py   # or a file of your own that imports it
      name: compute_score

verl then calls compute_score(data_source=..., solution_str=..., ground_truth=..., extra_info=...)
once per response (or compute_score_batch with lists, for its batch reward manager). This
script makes the same calls on a few responses, as verl's reward manager would.
"""

from transferscore.rewards import compute_score, compute_score_batch, make_compute_score

# (data_source, decoded response, ground_truth, extra_info): what verl's DataProto holds.
batch = [
    ("openai/gsm8k", "Natalia sold 48 + 24 = 72 clips.\n#### 72", "72", {"index": 0}),
    ("lighteval/MATH", "<think>1/2 = 0.5</think> The answer is $\\boxed{\\dfrac{1}{2}}$.", "\\frac{1}{2}", {"index": 1}),
    ("lighteval/MATH", "<think>Let me think about the sum of the roots for a long time", "7", {"index": 2}),
    ("aime2024", "After checking all cases: \\boxed{286}", "286", {"index": 3}),
    ("gpqa", "Both (A) and (C) look close, but the answer is (C).", "C", {"index": 4}),
    ("google/IFEval", "all lower case, no capitals here",
     {"instruction_id_list": ["change_case:english_lowercase"], "kwargs": [{}]}, {"index": 5}),
]

for data_source, response, ground_truth, extra_info in batch:
    reward = compute_score(data_source=data_source, solution_str=response, ground_truth=ground_truth, extra_info=extra_info)
    print(f"{data_source:16} reward={reward}")

# verl's batch reward manager: one call with lists, scored on a thread pool without the GIL.
rewards = compute_score_batch(*map(list, zip(*batch)))
print("batch:", rewards)
assert rewards == [1.0, 1.0, 0.0, 1.0, 1.0, 1.0]

# A dataset of your own, the study's grader, and {"score", "acc"} results for verl's logs.
compute_paper, _ = make_compute_score(sources={"my-org/olympiad-rl": ("math", "olympiadbench")}, mode="paper",
                                      return_dict=True)
print("paper mode:", compute_paper("my-org/olympiad-rl", "so $\\boxed{\\frac12}$", "\\frac{1}{2}"))
