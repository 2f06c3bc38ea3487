#!/usr/bin/python3
"""Writes the small sample dumps of examples/data/shift/ (standard library only):

    /usr/bin/python3 tools/gen_shift_examples.py

Token dumps: the toy models of tools/gen_shift_token_cases.py; a math-RL fine-tune whose logits
lean a little towards reasoning words, and an SFT fine-tune that leans a lot, each against the
same base, on math500, gpqa_diamond and ifeval. The RL pair is written as vLLM prompt-scoring
dumps (prompt_logprobs=3), the SFT pair in the canonical shape, to show both.

Hidden-state features: float16 .npy files of 8 layers x 12 samples x 48 features per model and
benchmark, the RL model's a small perturbation of the base's and the SFT model's a larger one
that grows with depth, with a manifest.
"""

import math
import os
import random
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen_shift_token_cases as toy  # noqa: E402

OUT = os.path.join(HERE, "..", "examples", "data", "shift")
BENCHMARKS = ["math500", "gpqa_diamond", "ifeval"]


def write_npy_f16(path, shape, values):
    header = "{'descr': '<f2', 'fortran_order': False, 'shape': (%s), }" % ", ".join(str(s) for s in shape)
    pad = 64 - (10 + len(header) + 1) % 64
    header += " " * (pad % 64) + "\n"
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1"))
        f.write(struct.pack("<%de" % len(values), *values))


def features(rng, layers, samples, hidden, drift):
    """A base-like structure shared by every model (same seed), plus a per-model drift that grows with depth."""
    shared = random.Random(1234)
    out = []
    for layer in range(layers):
        directions = [[shared.gauss(0, 1) for _ in range(hidden)] for _ in range(3)]
        offset = [shared.gauss(0, 1.5) for _ in range(hidden)]
        move = [rng.gauss(0, 1) for _ in range(hidden)]
        for s in range(samples):
            z = [shared.gauss(0, sc) for sc in (3.0, 1.6, 0.8)]
            noise = [shared.gauss(0, 0.1) for _ in range(hidden)]
            for j in range(hidden):
                v = offset[j] + sum(z[k] * directions[k][j] for k in range(3)) + noise[j]
                v += drift * (1 + layer) / layers * move[j] + rng.gauss(0, 0.05 * drift)
                out.append(v)
    return out


def main():
    toy.TOP_K = 3
    tokens_dir = os.path.join(OUT, "tokens")
    latent_dir = os.path.join(OUT, "latent")
    os.makedirs(tokens_dir, exist_ok=True)
    os.makedirs(latent_dir, exist_ok=True)
    for name, strength, writer, suffix in (("rl", 0.5, toy.vllm_prompt, ".vllm.jsonl"), ("sft", 2.5, toy.canonical, ".jsonl")):
        responses = []
        for k, bench in enumerate(BENCHMARKS):
            responses += toy.make_responses(100 + 10 * k + (strength > 1), 8, strength, bench)
        for side, model in (("tuned", "qwen3-14b-" + name), ("base", "qwen3-14b-base")):
            rows = [writer(r, side, model) for r in responses]
            for row in rows:
                row.setdefault("model", model)  # the wrapper metadata users add beside vLLM's output
            toy.write_jsonl(os.path.join(tokens_dir, "%s.%s%s" % (name, side, suffix)), rows)

    rows = ["model,benchmark,path"]
    for model, drift, seed in (("qwen3-14b-base", 0.0, 1), ("qwen3-14b-rl", 0.4, 2), ("qwen3-14b-sft", 2.0, 3)):
        for k, bench in enumerate(BENCHMARKS):
            rng = random.Random(seed * 100 + k)
            values = features(rng, 8, 12, 48, drift * (1.0 + k))
            name = "%s.%s.npy" % (model, bench)
            write_npy_f16(os.path.join(latent_dir, name), (8, 12, 48), values)
            rows.append("%s,%s,%s" % (model, bench, name))
    with open(os.path.join(latent_dir, "manifest.csv"), "w") as f:
        f.write("\n".join(rows) + "\n")
    print("wrote %s" % OUT, file=sys.stderr)


if __name__ == "__main__":
    main()
