"""transferscore as a TRL reward function, without a trainer.

    from trl import GRPOTrainer
    from transferscore.rewards import math_reward
    trainer = GRPOTrainer(model=..., reward_funcs=[math_reward], train_dataset=dataset)

GRPOTrainer calls reward_func(prompts=..., completions=..., completion_ids=..., **columns),
where every other dataset column arrives as a keyword list. This script makes those calls.
"""

from transferscore.rewards import make_reward_func, math_reward

prompts = ["What is 1/2 + 1/4?", "How many primes are below 10?", "Solve x + 1 = 3."]
columns = {"answer": ["\\frac{3}{4}", "4", "2"], "level": ["easy", "easy", "easy"]}

# Standard format: completions are strings.
completions = [
    "<think>1/2 = 2/4, plus 1/4 is 3/4</think> The answer is $\\boxed{0.75}$.",
    "<think>2, 3, 5, 7 ... and 9?</think> There are \\boxed{5} primes.",
    "<think>x = 3 - 1",  # ran out of tokens inside the trace: no answer, reward 0
]
rewards = math_reward(prompts=prompts, completions=completions, completion_ids=None, **columns)
print("plain:", rewards)
assert rewards == [1.0, 0.0, 0.0]

# Conversational format: completions are lists of messages.
chat = [[{"role": "assistant", "content": c}] for c in completions]
assert math_reward(prompts=prompts, completions=chat, **columns) == rewards

# MATH-style datasets with worked solutions: the gold is the solution's final answer.
solutions = ["$\\frac12+\\frac14=\\boxed{\\frac34}$", "They are 2, 3, 5 and 7, so $\\boxed{4}$.", "So $x=\\boxed{2}$."]
print("from solutions:", math_reward(completions=completions, solution=solutions))

# Any family: multiple choice, scored on 2 threads with the GIL released.
gpqa_reward = make_reward_func("choice", benchmark="gpqa_diamond", gold="correct_letter", threads=2)
print("choice:", gpqa_reward(completions=["The answer is (D).", "I'd say B"], correct_letter=["D", "C"]))
