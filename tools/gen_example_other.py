# Writes the quickstart sample of the study's "other reasoning" group into examples/data:
# gpqa_diamond (canonical records), acpbench and headqa (lm-evaluation-harness sample logs),
# livecodebench (LiveCodeBench dataset rows + canonical generations). Everything is written
# by hand here for this project: no benchmark data. Deterministic.
# Usage: /usr/bin/python3 tools/gen_example_other.py examples/data
import hashlib
import json
import os
import sys

MODELS = ["qwen3-14b-base", "qwen3-14b-rl"]
STAMP = "2025-07-01T12-00-00.000000"


def sha(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def think(text):
    return "<think>\n" + text + "\n</think>\n\n"


# ---- gpqa_diamond: canonical records, gold inline ----------------------------------------
GPQA = [  # (id, gold, base response, rl response)
    ("gpqa-01", "C", "The answer is (C).",
     think("The spin-orbit term splits the level into j = 3/2 and j = 1/2; the ratio of degeneracies is 4:2.") + "The ratio is 2, so \\boxed{C}."),
    ("gpqa-02", "A", "Answer: B",
     think("Only the first compound has a stereocentre without an internal mirror plane.") + "**Answer:** A"),
    ("gpqa-03", "D", "D",
     think("Energy resolution needs the difference to exceed both linewidths; hbar/tau gives 10^-7 eV for the longer lifetime.") + "\\boxed{D}"),
    ("gpqa-04", "B", "The answer is (A).",
     think("Hydroboration-oxidation puts the OH on the less substituted carbon, syn addition.") + "The anti-Markovnikov alcohol.\n\n**Answer:** B"),
    ("gpqa-05", "B", "I think it depends on the solvent.",
     think("A polar aprotic solvent favours SN2... but the substrate is tertiary, so SN1. Hmm, then D.") + "\\boxed{D}"),
    ("gpqa-06", "D", "Answer: D",
     think("The expectation value of S_z in the given state is (1/2)(hbar/2) - (1/2)(hbar/2) = 0... no, weights 3/4 and 1/4.") + "So <S_z> = hbar/4: \\boxed{D}"),
    ("gpqa-07", "A", "The answer is (C).",
     think("Count the signals: two aromatic environments and one methyl.") + "Three signals, option A.\n\nThe answer is \\boxed{A}."),
    ("gpqa-08", "C", "(C)",
     "<think>\nThe reaction sequence: first an aldol, then dehydration, then a Michael addition; the product carbon count is 14, wait, let me recount the"),
]


def gpqa_rows(model):
    rows = []
    for i, gold, base, rl in GPQA:
        rows.append({"id": i, "benchmark": "gpqa_diamond", "model": model, "sample": 0,
                     "response": base if model.endswith("base") else rl, "reference": {"answer": gold}})
    return rows


# ---- acpbench: lm-eval samples of acp_app_mcq_cot_2shot -----------------------------------
BLOCKS = "There are 4 blocks b1, b2, b3, b4. The hand is empty. b1 is on b2, b2 is on the table, b3 is on the table, b4 is on b3. b1 and b4 are clear."
ACP = [  # (question, [options], gold, base, rl)
    ("Which of the following actions can be applied in the current state?",
     ["pick up b2", "unstack b1 from b2", "stack b3 on b1", "put down b4"], "B",
     "Let's think step by step. b2 has b1 on it, so b2 cannot be picked up. b1 is clear and the hand is empty. The answer is A.",
     "Let's think step by step. The hand is empty, b1 is clear and on b2, so unstack b1 from b2 applies. **Final Answer**: B."),
    ("Which action is applicable now?",
     ["unstack b4 from b3", "stack b1 on b4", "put down b1", "pick up b3"], "A",
     "Let's think step by step. b4 is clear and on b3, the hand is empty. **Final Answer**: A.",
     "Let's think step by step. b4 is clear, on b3, and the hand is empty: unstack b4 from b3. **Final Answer**: A."),
    ("Which of the following actions cannot be applied?",
     ["unstack b1 from b2", "unstack b4 from b3", "pick up b3", "unstack b1 from b2 and then put down b1"], "C",
     "Let's think step by step. Every action seems fine. The answer is D.",
     "Let's think step by step. Unstacking b1 twice is impossible, so the combined action fails. **Final Answer**: D."),
    ("After unstacking b1 from b2, which action is applicable?",
     ["pick up b2", "put down b1", "unstack b4 from b3", "pick up b3"], "B",
     "Let's think step by step. Holding b1, we can only put it down or stack it. **Final Answer**: B.",
     "Let's think step by step. The hand holds b1, so only put-down or stack actions apply; put down b1. **Final Answer**: B."),
    ("Which action makes b3 clear?",
     ["unstack b1 from b2", "unstack b4 from b3", "pick up b2", "stack b4 on b1"], "B",
     "Let's think step by step. b4 is on b3. Removing b1 does not help. The answer is A.",
     "Let's think step by step. b1 is on b2, and b3 is under b4; removing the top block first: **Final Answer**: A."),
    ("Which of the following is applicable in the initial state?",
     ["stack b1 on b3", "put down b2", "unstack b4 from b3", "pick up b1"], "C",
     "Let's think step by step. b4 is clear and the hand is empty, so unstack b4 from b3. **Final Answer**: C.",
     "Let's think step by step. Holding nothing, we can unstack a clear block from another: unstack b4 from b3. Also b1 could be unstacked. **Final Answer**: C."),
    ("Which action is applicable when the hand holds b4?",
     ["stack b4 on b1", "unstack b1 from b2", "pick up b3", "pick up b2"], "A",
     "Let's think step by step. b1 is clear. The answer is D.",
     "Let's think step by step. With b4 held, stacking it on a clear block applies; b1 is clear. So the answer is B... no, stacking: A."),
    ("Which action can be applied after putting b4 on the table?",
     ["pick up b3", "stack b3 on b4", "unstack b4 from b3", "put down b3"], "A",
     "Let's think step by step. b3 is now clear. The answer is C.",
     "Let's think step by step. b3 is clear and on the table with an empty hand, so pick up b3. **Final Answer**: A."),
]


def acp_rows(model):
    rows = []
    for k, (question, options, gold, base, rl) in enumerate(ACP):
        doc = {"id": 100 + k, "group": "applicable_actions_mcq", "context": BLOCKS, "question": question,
               "choices": {"text": options, "label": ["A", "B", "C", "D"]}, "query": BLOCKS + " " + question, "answer": gold}
        prompt = "**Question**: " + BLOCKS + "  " + question + " " + " ".join("(%s) %s" % (l, t) for l, t in zip("ABCD", options)) + " **Thoughts**:"
        if model.endswith("rl"):
            prompt = "<|im_start|>user\n" + prompt + "<|im_end|>\n<|im_start|>assistant\n"
        text = " " + (base if model.endswith("base") else rl)
        rows.append({"model": model, "doc_id": k, "doc": doc, "target": gold,
                     "arguments": {"gen_args_0": {"arg_0": prompt, "arg_1": {"until": ["\n\n\n\n", "**Question**"], "do_sample": False, "max_gen_toks": 1024}}},
                     "resps": [[text]], "filtered_resps": [text], "filter": "get_response", "metrics": ["exact_match"],
                     "doc_hash": sha(json.dumps(doc, indent=2, ensure_ascii=False)), "prompt_hash": sha(prompt),
                     "target_hash": sha(gold)})
    return rows


# ---- headqa: lm-eval log-likelihood samples ----------------------------------------------
HEADQA = [  # (question, [options], ra (1-based), base logprobs, rl logprobs)
    ("Which vitamin deficiency causes scurvy?", ["Vitamin A", "Vitamin B12", "Vitamin C", "Vitamin D"], 3,
     [-6.2, -7.9, -3.1, -5.5], [-6.0, -7.1, -2.9, -5.8]),
    ("Which organ produces insulin?", ["Liver", "Pancreas", "Kidney", "Spleen"], 2,
     [-4.4, -2.6, -5.0, -6.3], [-4.1, -2.8, -5.2, -6.0]),
    ("Which blood cells carry oxygen?", ["Erythrocytes", "Neutrophils", "Platelets", "Lymphocytes"], 1,
     [-5.1, -4.8, -6.6, -6.0], [-4.2, -4.9, -6.5, -6.1]),
    ("Which enzyme digests starch in the mouth?", ["Pepsin", "Lipase", "Salivary amylase", "Trypsin"], 3,
     [-5.3, -6.1, -7.0, -5.9], [-4.5, -6.4, -4.7, -6.2]),
    ("Which nerve innervates the diaphragm?", ["Vagus nerve", "Phrenic nerve", "Radial nerve", "Sciatic nerve"], 2,
     [-3.9, -4.6, -7.2, -6.8], [-3.6, -4.4, -7.0, -6.9]),
    ("Which hormone raises blood calcium?", ["Calcitonin", "Parathyroid hormone", "Aldosterone", "Oxytocin"], 2,
     [-4.0, -3.5, -6.1, -6.6], [-3.7, -3.9, -6.0, -6.4]),
    ("Which bone is in the upper arm?", ["Femur", "Tibia", "Humerus", "Radius"], 3,
     [-6.4, -7.0, -2.2, -4.9], [-6.1, -6.9, -2.5, -4.6]),
    ("Which gas is exchanged for oxygen in the lungs?", ["Nitrogen", "Carbon dioxide", "Helium", "Argon"], 2,
     [-5.5, -5.9, -8.1, -8.4], [-5.8, -5.6, -8.0, -8.2]),
]


def headqa_rows(model):
    rows = []
    for k, (question, options, ra, base, rl) in enumerate(HEADQA):
        doc = {"name": "Cuaderno_sample_%d" % k, "year": "2025", "category": "medicine", "qid": k + 1, "qtext": question, "ra": ra,
               "image": None, "answers": [{"aid": i + 1, "atext": t} for i, t in enumerate(options)]}
        prompt = "Question: " + question + "\nAnswer:"
        logprobs = base if model.endswith("base") else rl
        target = str(ra - 1)
        best = max(range(4), key=lambda i: logprobs[i])
        best_norm = max(range(4), key=lambda i: logprobs[i] / len(" " + options[i]))
        rows.append({"model": model, "doc_id": k, "doc": doc, "target": target,
                     "arguments": {"gen_args_%d" % i: {"arg_0": prompt, "arg_1": " " + t} for i, t in enumerate(options)},
                     "resps": [[[repr(lp), "False"]] for lp in logprobs], "filtered_resps": [[repr(lp), "False"] for lp in logprobs],
                     "filter": "none", "metrics": ["acc", "acc_norm"],
                     "doc_hash": sha(json.dumps(doc, indent=2, ensure_ascii=False)), "prompt_hash": sha(prompt), "target_hash": sha(target),
                     "acc": float(best == ra - 1), "acc_norm": float(best_norm == ra - 1)})
    return rows


# ---- livecodebench: dataset rows (LiveCodeBench's shape) and generations -------------------
def tests_json(tests, testtype):
    return json.dumps([{"input": i, "output": o, "testtype": testtype} for i, o in tests])


LCB_PROBLEMS = [
    {"question_id": "sample_a01", "question_title": "Double It", "platform": "atcoder", "contest_id": "sample01", "contest_date": "2025-01-04T00:00:00",
     "difficulty": "easy", "starter_code": "", "metadata": "{}",
     "question_content": "You are given an integer N. Print 2N.\n\nInput\n\nN\n\nOutput\n\nPrint the answer.",
     "public": [("21\n", "42\n")], "private": [("5\n", "10\n"), ("-3\n", "-6\n")], "type": "stdin"},
    {"question_id": "sample_a02", "question_title": "Pair Sums", "platform": "atcoder", "contest_id": "sample01", "contest_date": "2025-01-04T00:00:00",
     "difficulty": "easy", "starter_code": "", "metadata": "{}",
     "question_content": "You are given N pairs of integers. For each pair, print its sum on its own line.",
     "public": [("2\n1 2\n3 4\n", "3\n7\n")], "private": [("3\n1 1\n2 2\n5 5\n", "2\n4\n10\n")], "type": "stdin"},
    {"question_id": "sample_a03", "question_title": "Average", "platform": "atcoder", "contest_id": "sample02", "contest_date": "2025-02-01T00:00:00",
     "difficulty": "medium", "starter_code": "", "metadata": "{}",
     "question_content": "Given N integers, print their average with exactly three digits after the decimal point.",
     "public": [("2\n1 2\n", "1.500\n")], "private": [("3\n1 1 2\n", "1.333\n"), ("1\n7\n", "7.000\n")], "type": "stdin"},
    {"question_id": "sample_a04", "question_title": "Count Lines", "platform": "codeforces", "contest_id": "sample03", "contest_date": "2025-02-15T00:00:00",
     "difficulty": "medium", "starter_code": "", "metadata": "{}",
     "question_content": "The input has several lines, each with one integer. Print their sum.",
     "public": [("1\n2\n3\n", "6\n")], "private": [("10\n20\n", "30\n")], "type": "stdin"},
    {"question_id": "sample_l01", "question_title": "two-indices-with-sum", "platform": "leetcode", "contest_id": "sample-weekly-1", "contest_date": "2025-03-01T00:00:00",
     "difficulty": "easy", "metadata": json.dumps({"func_name": "twoIndices"}),
     "starter_code": "class Solution:\n    def twoIndices(self, nums: List[int], target: int) -> List[int]:\n        ",
     "question_content": "Return the indices [i, j] with i < j of the two numbers of nums that add up to target.",
     "public": [("[1, 2, 3]\n4", "[0, 2]")], "private": [("[5, 7, 1]\n8", "[1, 2]"), ("[3, 3]\n6", "[0, 1]")], "type": "functional"},
    {"question_id": "sample_l02", "question_title": "count-vowels", "platform": "leetcode", "contest_id": "sample-weekly-1", "contest_date": "2025-03-01T00:00:00",
     "difficulty": "easy", "metadata": json.dumps({"func_name": "countVowels"}),
     "starter_code": "class Solution:\n    def countVowels(self, s: str) -> int:\n        ",
     "question_content": "Return the number of vowels (a, e, i, o, u) in the lower-case string s.",
     "public": [("\"banana\"", "3")], "private": [("\"rhythm\"", "0"), ("\"aeiou\"", "5")], "type": "functional"},
]


def fenced(code):
    return "```python\n" + code.strip("\n") + "\n```"


LCB_GENERATIONS = {  # question_id -> (base response, rl response)
    "sample_a01": ("Read N and print it doubled.\n\n" + fenced("n = int(input())\nprint(n * 2)"),
                   think("Simple: read N, print 2N. Negative numbers work the same way.") + fenced("def main():\n    n = int(input())\n    print(2 * n)\n\nif __name__ == '__main__':\n    main()")),
    "sample_a02": ("n = int(input())\nfor _ in range(n):\n    a, b = map(int, input().split())\n    print(a + b)",
                   think("Read N, then N lines. Use sys.stdin for speed.") + fenced("import sys\ninput = sys.stdin.readline\nn = int(input())\nfor _ in range(n):\n    a, b = map(int, input().split())\n    print(a + b)")),
    "sample_a03": (fenced("n = int(input())\nxs = list(map(int, input().split()))\nprint(sum(xs) / n)"),
                   think("Average with three decimals: format with .3f.") + fenced("n = int(input())\nxs = list(map(int, input().split()))\nprint(f'{sum(xs) / n:.3f}')")),
    "sample_a04": (fenced("import sys\nprint(sum(int(x) for x in sys.stdin.read().split()))"),
                   think("Sum every line of standard input.") + fenced("import sys\ntotal = 0\nfor line in sys.stdin:\n    total += int(line)\nprint(total)")),
    "sample_l01": (fenced("class Solution:\n    def twoIndices(self, nums, target):\n        return [0, len(nums) - 1]"),
                   think("Hash map from value to index; return the first pair found.") + fenced("class Solution:\n    def twoIndices(self, nums: List[int], target: int) -> List[int]:\n        seen = {}\n        for j, x in enumerate(nums):\n            if target - x in seen:\n                return [seen[target - x], j]\n            seen[x] = j\n        return []")),
    "sample_l02": ("You can count the vowels with a loop over the string.",
                   think("Count characters in 'aeiou'.") + fenced("class Solution:\n    def countVowels(self, s: str) -> int:\n        return sum(1 for c in s if c in 'aeiou')")),
}


def lcb_dataset():
    rows = []
    for p in LCB_PROBLEMS:
        row = {k: v for k, v in p.items() if k not in ("public", "private", "type")}
        row["public_test_cases"] = tests_json(p["public"], p["type"])
        row["private_test_cases"] = tests_json(p["private"], p["type"])
        rows.append(row)
    return rows


def lcb_generations(model):
    return [{"question_id": p["question_id"], "benchmark": "livecodebench", "model": model, "sample": 0,
             "response": LCB_GENERATIONS[p["question_id"]][0 if model.endswith("base") else 1]} for p in LCB_PROBLEMS]


if __name__ == "__main__":
    out = sys.argv[1]
    for model in MODELS:
        write(os.path.join(out, "generations", "gpqa_diamond.%s.jsonl" % model), gpqa_rows(model))
        write(os.path.join(out, "generations", "lm-eval", model, "samples_acp_app_mcq_cot_2shot_%s.jsonl" % STAMP), acp_rows(model))
        write(os.path.join(out, "generations", "lm-eval", model, "samples_headqa_en_%s.jsonl" % STAMP), headqa_rows(model))
        write(os.path.join(out, "generations", "livecodebench.%s.jsonl" % model), lcb_generations(model))
    write(os.path.join(out, "datasets", "livecodebench.jsonl"), lcb_dataset())
