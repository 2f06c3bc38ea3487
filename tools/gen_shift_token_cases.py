#!/usr/bin/python3
"""Writes the token-shift fixtures of tests/data/shift/tokens/ and tests/data/shift/study/.

Standard library only; run with /usr/bin/python3 tools/gen_shift_token_cases.py.

A toy vocabulary and two toy models (a base, and a fine-tune whose logits are the base's plus
a shift towards reasoning words) give, for every position of every response, the full
distribution of both models. Responses are sampled from the fine-tune. The same responses are
then written in every shape the `shift tokens` command reads (canonical, vLLM prompt_logprobs
and outputs[].logprobs, OpenAI chat and completions logprobs, an OpenAI Batch line), and the
expected figures of each are computed here from the definitions (docs/shift.md), independently
of the C++ code, in both modes:

  log ratio     log(exp(lp_ft) + 1e-10) - log(exp(lp_base) + 1e-10)
  rank shift    rank_base - rank_ft, where both ranks are known (OpenAI shapes: within the top-k)
  lumped KL     KL of the two distributions coarse-grained onto {tokens whose log-probability both
                sides give} + {everything else}
  macro         mean over responses of the mean over positions; micro: pooled over positions
  paper mode    the first response position dropped, vLLM maps read by their first entry,
                token lists truncated to the shorter

The study files are shaped as calculate_logits_and_ranks_token_level.py writes them, including
a null result, an error result and token lists of different lengths; their expected figures are
those of tools/study_calculate_kl.py (the stdlib restatement of calculate_KL.py), run here.
"""

import json
import math
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "data", "shift")
TOP_K = 4
EPS = 1e-10
BIN = 8

WORDS = [" the", " answer", " is", " We", " need", " to", " find", " x", " =", " 2", " 3", " so", " Wait", " So",
         " Let", " me", " check", " Alternatively", " Hmm", " therefore", " The", " value", ",", ".", "\n\n", " of",
         " and", " a", " number", " solve", " equation", " first", " second", " add", " This", " Now", " define", " for",
         " might", " likely", " confirm", " However", " But", " Alright", " step", " écrit", " 答案", " ✓", "**", " \\boxed"]
VOCAB = [(1000 + 37 * i, w) for i, w in enumerate(WORDS)]
REASONING = {" Wait", " So", " Let", " check", " Alternatively", " Hmm", " therefore", " However", " But", " Alright",
             " might", " likely", " confirm"}


def log_softmax(logits):
    m = max(logits)
    s = sum(math.exp(v - m) for v in logits)
    return [v - m - math.log(s) for v in logits]


def base_logits(context):
    seed = 7919
    for t in context[-2:]:
        seed = (seed * 1000003 + t) % (2 ** 61 - 1)
    r = random.Random(seed)
    return [r.gauss(0.0, 2.0) for _ in VOCAB]


def tuned_logits(context, strength):
    logits = base_logits(context)
    r = random.Random(len(context) * 31 + (context[-1] if context else 0))
    return [v + (strength if VOCAB[i][1] in REASONING else 0.0) + r.gauss(0.0, 0.3 * strength) for i, v in enumerate(logits)]


def ranks_of(lp):
    """rank = 1 + the number of tokens with a strictly higher log-probability."""
    return [1 + sum(1 for w in lp if w > v) for v in lp]


def top_k(lp):
    order = sorted(range(len(lp)), key=lambda i: (-lp[i], i))
    return order[:TOP_K]


def position(context, token, strength):
    """Both models' view of `token` after `context`."""
    views = {}
    for side, logits in (("tuned", tuned_logits(context, strength)), ("base", base_logits(context))):
        lp = log_softmax(logits)
        views[side] = {"lp": lp[token], "rank": ranks_of(lp)[token], "top": [(VOCAB[i][0], VOCAB[i][1], lp[i]) for i in top_k(lp)],
                       "all": lp}
    return views


def make_responses(seed, count, strength, benchmark):
    rng = random.Random(seed)
    out = []
    for k in range(count):
        prompt = [rng.randrange(len(VOCAB)) for _ in range(rng.randint(3, 6))]
        tokens = list(prompt)
        positions = [None]  # the first token of a text has no log-probability
        for t in range(1, len(prompt)):
            positions.append(position(tokens[:t], prompt[t], strength))
        for _ in range(rng.randint(5, 18)):
            lp = log_softmax(tuned_logits(tokens, strength))
            u, acc, pick = rng.random(), 0.0, len(VOCAB) - 1
            for i, v in enumerate(lp):
                acc += math.exp(v)
                if u < acc:
                    pick = i
                    break
            positions.append(position(tokens, pick, strength))
            tokens.append(pick)
        out.append({"id": "%s-%d" % (benchmark, k), "benchmark": benchmark, "tokens": tokens, "prompt_length": len(prompt),
                    "positions": positions})
    return out


# ---------------------------------------------------------------- the shapes, one side at a time

def canonical(resp, side, model):
    pos = resp["positions"]
    return {"id": resp["id"], "benchmark": resp["benchmark"], "model": model,
            "tokens": [VOCAB[t][1] for t in resp["tokens"]], "token_ids": [VOCAB[t][0] for t in resp["tokens"]],
            "logprobs": [None if p is None else p[side]["lp"] for p in pos],
            "ranks": [None if p is None else p[side]["rank"] for p in pos],
            "top_logprobs": [[] if p is None else [x[2] for x in p[side]["top"]] for p in pos],
            "top_ids": [[] if p is None else [x[0] for x in p[side]["top"]] for p in pos],
            "prompt_length": resp["prompt_length"]}


def vllm_map(p, side, token, topk_first):
    """A vLLM position map: the scored token first (V0, V1 since early 2025), or the top-k
    first with the scored token appended at rank k + 1 when it is not among them (the early V1)."""
    scored = (str(VOCAB[token][0]), {"logprob": p[side]["lp"], "rank": p[side]["rank"], "decoded_token": VOCAB[token][1]})
    tops = [(str(i), {"logprob": lp, "rank": r + 1, "decoded_token": text}) for r, (i, text, lp) in enumerate(p[side]["top"])]
    entries = {}
    if topk_first:
        for k, v in tops:
            entries[k] = v
        if scored[0] not in entries:
            entries[scored[0]] = dict(scored[1], rank=TOP_K + 1)
    else:
        entries[scored[0]] = scored[1]
        for k, v in tops:
            entries[k] = v  # a repeated key keeps its place, as Python's dict does in vLLM
    return entries


def vllm_prompt(resp, side, model, topk_first=False):
    return {"id": resp["id"], "benchmark": resp["benchmark"], "request_id": resp["id"],
            "prompt": "".join(VOCAB[t][1] for t in resp["tokens"][:resp["prompt_length"]]),
            "prompt_token_ids": [VOCAB[t][0] for t in resp["tokens"]],
            "prompt_logprobs": [None if p is None else vllm_map(p, side, resp["tokens"][i], topk_first) for i, p in enumerate(resp["positions"])],
            "prompt_length": resp["prompt_length"],
            "outputs": [{"index": 0, "text": "", "token_ids": [], "cumulative_logprob": None, "logprobs": None, "finish_reason": "length"}],
            "finished": True}


def vllm_outputs(resp, side, model):
    start = resp["prompt_length"]
    toks = resp["tokens"][start:]
    pos = resp["positions"][start:]
    return {"id": resp["id"], "benchmark": resp["benchmark"], "request_id": resp["id"],
            "prompt": "".join(VOCAB[t][1] for t in resp["tokens"][:start]),
            "outputs": [{"index": 0, "text": "".join(VOCAB[t][1] for t in toks), "token_ids": [VOCAB[t][0] for t in toks],
                         "cumulative_logprob": sum(p[side]["lp"] for p in pos),
                         "logprobs": [vllm_map(p, side, toks[i], False) for i, p in enumerate(pos)], "finish_reason": "stop"}],
            "finished": True}


def chat_body(resp, side, model):
    start = resp["prompt_length"]
    toks = resp["tokens"][start:]
    pos = resp["positions"][start:]
    content = []
    for i, p in enumerate(pos):
        text = VOCAB[toks[i]][1]
        content.append({"token": text, "logprob": p[side]["lp"], "bytes": list(text.encode("utf-8")),
                        "top_logprobs": [{"token": x[1], "logprob": x[2], "bytes": list(x[1].encode("utf-8"))} for x in p[side]["top"]]})
    return {"id": "chatcmpl-" + resp["id"], "object": "chat.completion", "created": 1751846400, "model": model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": "".join(VOCAB[t][1] for t in toks)},
                         "logprobs": {"content": content, "refusal": None}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": start, "completion_tokens": len(toks), "total_tokens": start + len(toks)}}


def openai_chat(resp, side, model):
    body = chat_body(resp, side, model)
    body["metadata"] = {"id": resp["id"]}
    body["benchmark"] = resp["benchmark"]
    return body


def openai_batch(resp, side, model):
    return {"id": "batch_req_" + resp["id"], "custom_id": resp["id"], "benchmark": resp["benchmark"],
            "response": {"status_code": 200, "request_id": "req_" + resp["id"], "body": chat_body(resp, side, model)}, "error": None}


def openai_completion(resp, side, model):
    """A legacy completions echo (prompt + response scored), cut by response_offset."""
    texts = [VOCAB[t][1] for t in resp["tokens"]]
    offsets, at = [], 0
    for t in texts:
        offsets.append(at)
        at += len(t)
    pos = resp["positions"]
    return {"id": resp["id"], "benchmark": resp["benchmark"], "model": model,
            "response_offset": offsets[resp["prompt_length"]],
            "choices": [{"index": 0, "text": "".join(texts), "finish_reason": "length",
                         "logprobs": {"tokens": texts, "token_logprobs": [None if p is None else p[side]["lp"] for p in pos],
                                      "top_logprobs": [None if p is None else {x[1]: x[2] for x in p[side]["top"]} for p in pos],
                                      "text_offset": offsets}}]}


# ---------------------------------------------------------------- the expected figures

def side_view(p, side, token, shape, mode):
    """What one side of one position says, as the shape carries it: (logprob, rank or None,
    token key, text, known tokens {key: logprob})."""
    v = p[side]
    known = {("id", VOCAB[token][0]): v["lp"]}
    for i, text, lp in v["top"]:
        known[("id", i)] = lp
    lp, rank, key, text = v["lp"], v["rank"], ("id", VOCAB[token][0]), VOCAB[token][1]
    if shape == "vllm_topk_first":
        if mode == "paper":
            i, t, l = v["top"][0]  # the first entry is the top-1 token
            lp, rank, key, text = l, 1, ("id", i), t
        elif rank > TOP_K:
            rank = TOP_K + 1  # the early V1 engine wrote rank k + 1 for a scored token outside the top-k
    if shape in ("openai_chat", "openai_batch", "openai_completion"):
        known = {("text", VOCAB[token][1]): v["lp"]}
        for i, t, l in v["top"]:
            known[("text", t)] = l
        listed = [l for _, t, l in v["top"]]
        rank = 1 + sum(1 for l in listed if l > v["lp"]) if VOCAB[token][1] in [t for _, t, _ in v["top"]] else None
        key = ("text", VOCAB[token][1])
    return lp, rank, key, text, known


def lumped(p_known, q_known):
    kl, p_sum, q_sum = 0.0, 0.0, 0.0

    def term(a, b):
        if not a > 0:
            return 0.0
        if not b > 0:
            b = EPS
        return a * math.log(a / b)
    for k, lp in p_known.items():
        if k in q_known:
            a, b = math.exp(lp), math.exp(q_known[k])
            kl += term(a, b)
            p_sum += a
            q_sum += b
    return kl + term(max(0.0, 1.0 - p_sum), max(0.0, 1.0 - q_sum))


def expected_figures(responses, shape, mode):
    per_response = []
    bins = {}
    shifted_tokens = {}
    for r in responses:
        start = r["prompt_length"] + (1 if mode == "paper" else 0)
        rows = []
        for t in range(start, len(r["tokens"])):
            p = r["positions"][t]
            rows.append((side_view(p, "tuned", r["tokens"][t], shape, mode), side_view(p, "base", r["tokens"][t], shape, mode)))
        s = {"n": 0, "lr": 0.0, "ranked": 0, "rs": 0.0, "ars": 0.0, "changed": 0, "shifted": 0, "kl_n": 0, "kl": 0.0}
        for t, (a, b) in enumerate(rows):
            lr = math.log(math.exp(a[0]) + EPS) - math.log(math.exp(b[0]) + EPS)
            kl = lumped(a[4], b[4])
            b_ = bins.setdefault(t // BIN, {"n": 0, "lr": 0.0, "ranked": 0, "rs": 0.0, "kl_n": 0, "kl": 0.0})
            s["n"] += 1
            s["lr"] += lr
            s["kl_n"] += 1
            s["kl"] += kl
            b_["n"] += 1
            b_["lr"] += lr
            b_["kl_n"] += 1
            b_["kl"] += kl
            if a[1] is not None and b[1] is not None:
                d = b[1] - a[1]
                s["ranked"] += 1
                s["rs"] += d
                s["ars"] += abs(d)
                s["changed"] += d != 0
                b_["ranked"] += 1
                b_["rs"] += d
                if a[1] == 1 and b[1] > 1:
                    s["shifted"] += 1
                    shifted_tokens[a[3]] = shifted_tokens.get(a[3], 0) + 1
        per_response.append(s)

    def avg(sum_key, count_key, macro):
        if macro:
            vals = [x[sum_key] / x[count_key] for x in per_response if x[count_key] > 0]
            return sum(vals) / len(vals) if vals else None
        total = sum(x[count_key] for x in per_response)
        return sum(x[sum_key] for x in per_response) / total if total else None

    out = {}
    for average in ("macro", "micro"):
        macro = average == "macro"
        lr = avg("lr", "n", macro)
        used = [x for x in per_response if x["n"] > 0]
        out[average] = {"kl_estimate": abs(lr), "log_ratio": lr, "lumped_kl": avg("kl", "kl_n", macro),
                        "rank_shift": avg("rs", "ranked", macro), "abs_rank_shift": avg("ars", "ranked", macro),
                        "rank_changed": avg("changed", "ranked", macro),
                        "shifted_per_response": sum(x["shifted"] for x in used) / len(used)}
    out["responses"] = len(per_response)
    out["used"] = sum(1 for x in per_response if x["n"] > 0)
    out["tokens"] = sum(x["n"] for x in per_response)
    out["ranked"] = sum(x["ranked"] for x in per_response)
    out["curve"] = [{"from": k * BIN, "tokens": v["n"], "log_ratio": v["lr"] / v["n"],
                     "rank_shift": v["rs"] / v["ranked"] if v["ranked"] else None, "lumped_kl": v["kl"] / v["kl_n"]}
                    for k, v in sorted(bins.items())]
    out["top_shifted"] = sorted(shifted_tokens.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    return out


SHAPES = {
    "canonical": canonical,
    "vllm_prompt": vllm_prompt,
    "vllm_topk_first": lambda r, s, m: vllm_prompt(r, s, m, topk_first=True),
    "vllm_outputs": vllm_outputs,
    "openai_chat": openai_chat,
    "openai_batch": openai_batch,
    "openai_completion": openai_completion,
}


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------- the study's intermediate files

def study_result(resp, side, drop_first=True):
    start = resp["prompt_length"] + (1 if drop_first else 0)
    losses = []
    for t in range(start, len(resp["tokens"])):
        v = resp["positions"][t][side]
        losses.append({"loss": -v["lp"], "token": VOCAB[resp["tokens"][t]][1], "rank": v["rank"]})
    if not losses:
        return None
    avg = sum(x["loss"] for x in losses) / len(losses)
    return {"avg_loss": avg, "perplexity": math.exp(avg), "token_losses": losses}


def write_study(folder, generation, hf_name, task, responses, quirks):
    os.makedirs(folder, exist_ok=True)
    dataset = "finetuned_model_response/%s_%s.jsonl" % (generation, task)
    for side, model in (("tuned", hf_name), ("base", "Qwen/Qwen3-14B-base")):
        results = [study_result(r, side) for r in responses]
        short = model.split("/")[-1] if side == "base" else generation
        if side == "base" and "null" in quirks:
            results[3] = None  # a failed sample: later results move up one place in the pairing
        if side == "tuned" and "error" in quirks:
            results[5] = {"avg_loss": 0.0, "perplexity": 0.0, "token_losses": [], "error": "CUDA out of memory"}
        if side == "base" and "short" in quirks:
            results[1]["token_losses"] = results[1]["token_losses"][:4]
        valid = [x["perplexity"] for x in results if x is not None and x["perplexity"] is not None]
        doc = {"model": model, "dataset": dataset, "results": results,
               "average_perplexity": sum(valid) / len(valid) if valid else None}
        with open(os.path.join(folder, "%s_%s_%s_token_losses.json" % (short, generation, task)), "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, indent=2)


def main():
    os.makedirs(os.path.join(OUT, "tokens"), exist_ok=True)
    expected = {"generator": "tools/gen_shift_token_cases.py", "top_k": TOP_K, "bin_width": BIN, "epsilon": EPS, "shapes": {}}
    responses = make_responses(11, 6, 1.2, "math500") + make_responses(12, 4, 1.2, "ifeval")
    for shape, writer in SHAPES.items():
        for side, model in (("tuned", "toy-rl"), ("base", "toy-base")):
            write_jsonl(os.path.join(OUT, "tokens", "%s.%s.jsonl" % (shape, side)), [writer(r, side, model) for r in responses])
        per_bench = {}
        for bench in ("math500", "ifeval"):
            rs = [r for r in responses if r["benchmark"] == bench]
            per_bench[bench] = {mode: expected_figures(rs, shape, mode) for mode in ("default", "paper")}
        expected["shapes"][shape] = per_bench
    with open(os.path.join(OUT, "tokens", "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, ensure_ascii=False)
        f.write("\n")

    # The study's files: UniReason-RL on ifeval and coqa, UniReason-SFT on ifeval.
    study = os.path.join(OUT, "study")
    rl = make_responses(21, 12, 0.4, "ifeval")
    write_study(os.path.join(study, "UniReason-RL"), "UniReason-RL", "ReasoningTransferability/UniReason-Qwen3-14B-RL", "ifeval", rl,
                {"null", "error", "short"})
    write_study(os.path.join(study, "UniReason-RL"), "UniReason-RL", "ReasoningTransferability/UniReason-Qwen3-14B-RL", "coqa",
                make_responses(22, 6, 0.4, "coqa"), set())
    write_study(os.path.join(study, "UniReason-SFT"), "UniReason-SFT", "ReasoningTransferability/UniReason-Qwen3-14B-think-SFT",
                "ifeval", make_responses(23, 10, 2.5, "ifeval"), {"short"})
    for generation in ("UniReason-RL", "UniReason-SFT"):
        folder = os.path.join(study, generation)
        subprocess.run([sys.executable, os.path.join(HERE, "study_calculate_kl.py"), "--data_dir", folder,
                        "--target_gen_model", generation, "--output_file", os.path.join(folder, "kl_divergence_results.json")],
                       check=True)
    print("wrote %s" % OUT, file=sys.stderr)


if __name__ == "__main__":
    main()
