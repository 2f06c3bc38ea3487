#!/usr/bin/python3
"""The study's calculate_KL.py, restated with the standard library only: the oracle of the
`shift tokens --mode paper --study` fixtures.

arXiv 2507.00432's released code (ReasoningTransfer/Transferability-of-LLM-Reasoning,
analysis_token_distribution_shift/calculate_KL.py) reads the *token_losses*.json files of a
directory and, per (generation model, task), compares the generation model's own token losses
with every other model's. This script does the same steps in the same order, with math instead
of NumPy (NumPy's mean sums pairwise; the difference is at the 1e-16 level):

  1. every file in the directory whose name ends in .json and contains "token_losses", in
     sorted order (the original used os.listdir's order);
  2. tested model = the file's "model", "ReasoningTransferability/UniReason-Qwen3-14B-RL" ->
     "UniReason-RL", "...-think-SFT" -> "UniReason-SFT", else the part after the last "/";
     generation model = the dataset's file name up to the first "_", task = the rest with
     ".jsonl" removed;
  3. results that are null or have no "avg_loss" are dropped; the rest are listed per
     (generation model, task) and tested model;
  4. for each other model: pair the lists by position up to the shorter; per pair, truncate the
     token lists to the shorter, skip the pair if that is empty, else P = exp(-loss) + 1e-10 for
     both, mean over tokens of log(P_gen) - log(P_test);
  5. the mean over pairs, then its absolute value.

Usage: study_calculate_kl.py --data_dir DIR --target_gen_model NAME [--output_file FILE]
"""

import argparse
import json
import math
import os
import sys


def tested_model_name(model):
    if model == "ReasoningTransferability/UniReason-Qwen3-14B-RL":
        return "UniReason-RL"
    if model == "ReasoningTransferability/UniReason-Qwen3-14B-think-SFT":
        return "UniReason-SFT"
    return model.split("/")[-1]


def load(data_dir):
    entries = []
    names = sorted(f for f in os.listdir(data_dir) if f.endswith(".json") and "token_losses" in f)
    for name in names:
        with open(os.path.join(data_dir, name), encoding="utf-8") as f:
            data = json.load(f)
        tested = tested_model_name(data["model"])
        base = os.path.basename(data["dataset"])
        generation = base.split("_")[0]
        task = "_".join(base.split("_")[1:]).replace(".jsonl", "")
        for result in data["results"]:
            if result is not None and "avg_loss" in result:
                entries.append((tested, generation, task, result["token_losses"]))
    return entries


def kl_results(entries, target):
    grouped = {}
    for tested, generation, task, losses in entries:
        grouped.setdefault((generation, task), {}).setdefault(tested, []).append(losses)
    out = []
    for (generation, task), models in grouped.items():
        if generation != target:
            continue
        for model in list(models):
            if model == generation:
                continue
            gen_points = models.get(generation, [])
            test_points = models[model]
            n = min(len(gen_points), len(test_points))
            if n == 0:
                continue
            per_point = []
            total = 0
            for i in range(n):
                g, t = gen_points[i], test_points[i]
                m = min(len(g), len(t))
                if m == 0:
                    continue
                ratios = [math.log(math.exp(-g[j]["loss"]) + 1e-10) - math.log(math.exp(-t[j]["loss"]) + 1e-10) for j in range(m)]
                per_point.append(sum(ratios) / m)
                total += m
            if not per_point:
                continue
            kl = sum(per_point) / len(per_point)
            out.append({
                "generation_model": generation, "task": task, "tested_model": model,
                "kl_divergence": abs(kl), "num_data_points": len(per_point), "total_tokens": total,
                "avg_tokens_per_data_point": total / len(per_point),
            })
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data_dir", required=True)
    parser.add_argument("--target_gen_model", required=True)
    parser.add_argument("--output_file")
    args = parser.parse_args()
    results = kl_results(load(args.data_dir), args.target_gen_model)
    text = json.dumps(results, indent=2, ensure_ascii=False) + "\n"
    if args.output_file:
        with open(args.output_file, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
