# Writes tests/data/loglik_choice/cases.jsonl and expected_metrics.json: hand-written
# log-likelihood records with the verdict lm-eval's multiple_choice rule gives them
# (api/task.py: pred = np.argmax(lls), pred_norm = np.argmax(lls / [len(c) for c in choices]),
# len = Python's len of the choice text, no delimiter), transcribed here with the standard
# library only, and the malformed records with the field the scorer must name.
# Usage: python3 tools/gen_loglik_choice_cases.py tests/data/loglik_choice
import json, math, os, sys

NEG_INF = float("-inf")


def argmax(values):  # np.argmax: the first maximum
    best = 0
    for i, v in enumerate(values):
        if v > values[best]:
            best = i
    return best


def number(v):  # the documented reading: null is -inf, numeric strings as Python writes them
    if v is None:
        return NEG_INF
    if isinstance(v, str):
        return float(v)
    return float(v)


def gold_index(value, choices):  # digits, then a choice text, then a label letter
    if isinstance(value, int):
        return value
    if value.isdigit():
        return int(value)
    if value in choices:
        return choices.index(value)
    return ord(value) - ord("A")


C = []


def ok(i, bench, lls, ref, where="top", extra=None, note=""):
    C.append(dict(kind="ok", id=i, bench=bench, lls=lls, ref=ref, where=where, extra=extra or {}, note=note))


def bad(i, bench, lls, ref, field, where="top", extra=None, note=""):
    C.append(dict(kind="bad", id=i, bench=bench, lls=lls, ref=ref, where=where, extra=extra or {}, field=field, note=note))


def hq(texts, gold=None, **kw):
    ref = {"answers": [{"aid": k + 1, "atext": t} for k, t in enumerate(texts)]}
    if gold is not None:
        ref["answer"] = gold
    ref.update(kw)
    return ref


# --- HeadQA: lm-eval documents (answers[*].atext) and canonical records (choices) ---
ok("hq-plain", "headqa", [-12.5, -3.25, -9.0, -7.5], hq(["Aspirina", "Paracetamol", "Ibuprofeno", "Codeína"], 1))
ok("hq-wrong", "headqa", [-2.0, -5.5, -8.0, -9.0], hq(["Hígado", "Riñón", "Bazo", "Páncreas"], 2))
ok("hq-ra-only", "headqa", [-4.0, -6.0, -1.5, -3.0], hq(["A", "B", "C", "D"], None, ra=3), note="gold from ra (1-based)")
ok("hq-target-string", "headqa", [-4.0, -2.0, -6.0, -3.0], hq(["Insulina", "Glucagón", "Cortisol", "Adrenalina"], "1"),
   note="lm-eval >= 0.4.3 writes the target as a string")
ok("hq-tie-first", "headqa", [-1.0, -1.0, -2.0, -3.0], hq(["uno", "dos", "tres", "cuatro"], 1), note="np.argmax: first maximum")
ok("hq-tie-first-gold", "headqa", [-1.0, -1.0, -2.0, -3.0], hq(["uno", "dos", "tres", "cuatro"], 0))
ok("hq-tie-norm", "headqa", [-2.0, -4.0, -9.0], {"choices": ["ab", "abcd", "x"], "answer": 1},
   note="-2/2 == -4/4: the first wins acc_norm")
ok("hq-norm-flips", "headqa", [-6.0, -4.0], {"choices": ["ñandú común", "emu"], "answer": 0},
   note="longer text wins per character")
ok("hq-cjk-chars-not-bytes", "headqa", [-2.5, -4.0], {"choices": ["水", "ab"], "answer": 1},
   note="by characters -2.5 < -2.0 so choice 1; by bytes (3) choice 0 would win")
ok("hq-emoji", "headqa", [-3.0, -2.0], {"choices": ["😀😀", "abc"], "answer": 0},
   note="2 code points (8 bytes): -1.5 vs -0.667")
ok("hq-combining", "headqa", [-3.0, -2.9], {"choices": ["e\u0301", "x"], "answer": 0},
   note="e + combining acute: Python len 2")
ok("hq-accents-es", "headqa", [-8.8, -7.9, -9.6, -11.2],
   hq(["Síndrome de Down", "Fenilcetonuria", "Corea de Huntington", "Distrofia muscular de Duchenne"], 3))
ok("hq-long-vs-short", "headqa", [-30.0, -6.0, -12.0, -9.0],
   hq(["La administración intravenosa de suero fisiológico", "Reposo", "Cirugía urgente", "Antibióticos"], 0))
ok("hq-very-small", "headqa", [-1e308, -1.7976931348623157e308, -5.0, -4.9e-324], hq(["a", "b", "c", "d"], 3),
   note="-inf written as a very small number")
ok("hq-null-is-neg-inf", "headqa", [None, -3.0, -2.0, None], hq(["a", "bb", "ccc", "dddd"], 2), note="null reads as -inf")
ok("hq-null-first", "headqa", [None, None, -50.0], hq(["a", "b", "c"], 2))
ok("hq-numeric-strings", "headqa", ["-12.5", "-3.25", "-inf", "-1e-05"], hq(["a", "b", "c", "d"], 3),
   note="lm-eval >= 0.4.3 writes str(float)")
ok("hq-integers", "headqa", [-3, -1, -2], hq(["x", "y", "z"], 1), note="integral JSON numbers")
ok("hq-zero-and-minus-zero", "headqa", [-0.0, 0.0], {"choices": ["a", "b"], "answer": 1}, note="-0.0 == 0.0: first wins")
ok("hq-in-reference", "headqa", [-5.0, -1.0, -3.0], {"choices": ["p", "q", "r"], "answer": 1}, where="reference",
   note="reference.choice_logprobs")
ok("hq-no-texts", "headqa", [-5.0, -1.0, -3.0], {"answer": 1}, note="no choice texts: no acc_norm")
ok("hq-empty-text", "headqa", [-5.0, -1.0], {"choices": ["", "q"], "answer": 1}, note="empty text: no acc_norm")
ok("hq-gold-letter", "headqa", [-5.0, -1.0, -3.0, -4.0], {"choices": ["p", "q", "r", "s"], "answer": "D"})
ok("hq-gold-text", "headqa", [-5.0, -1.0, -3.0, -4.0], {"choices": ["p", "q", "r", "s"], "answer": "q"},
   note="lm-eval: choices.index(gold)")
ok("hq-gold-text-before-letter", "headqa", [-5.0, -1.0, -3.0], {"choices": ["B", "A", "C"], "answer": "A"},
   note="a choice text equal to the string wins over the letter")
ok("hq-gold-field", "headqa", [-5.0, -1.0, -3.0], {"choices": ["p", "q", "r"], "gold": 1}, note="reference.gold")
ok("hq-top-level-target", "headqa", [-5.0, -1.0, -3.0], {"choices": ["p", "q", "r"]}, extra={"target": 2},
   note="top-level target of a canonical record")
ok("hq-single-choice", "headqa", [-7.0], {"choices": ["only"], "answer": 0})
ok("hq-many-choices", "headqa", [-9.0, -8.0, -7.0, -6.0, -5.5, -5.0, -4.5, -4.0, -3.5, -3.0, -2.9, -2.8],
   {"choices": [c * (k + 1) for k, c in enumerate("abcdefghijkl")], "answer": 11})
ok("hq-norm-precision", "headqa", [-3.0, -1.0], {"choices": ["abc", "d"], "answer": 0},
   note="-3/3 == -1/1 exactly: tie, first wins")
ok("arc-generic", "arc_easy", [-4.0, -2.0, -6.0], {"choices": ["red", "blue", "green"], "answer": "B"}, note="generic task")
ok("arc-generic-norm", "arc_easy", [-10.0, -4.0], {"choices": ["photosynthesis", "heat"], "answer": 0})

# --- MC-TACO: one record per (question, candidate answer); choices no / yes; gold = label ---
S1 = "He went to the store after work."
Q1 = "How long did he stay at the store?"
S2 = "The committee meets every spring to review the budget."
Q2 = "How often does the committee meet?"
S3 = "Marie finished her thesis in 1903."
Q3 = "What happened after she finished her thesis?"
def mt(sentence, question, answer, label, category="Event Duration"):
    return {"sentence": sentence, "question": question, "answer": answer, "label": label, "category": category}
ok("mt-q1-a", "mc_taco", [-2.1, -0.4], mt(S1, Q1, "20 minutes", 1))
ok("mt-q1-b", "mc_taco", [-0.3, -2.6], mt(S1, Q1, "3 years", 0))
ok("mt-q1-c", "mc_taco", [-1.2, -0.9], mt(S1, Q1, "1 hour", 1))
ok("mt-q1-d", "mc_taco", [-0.8, -1.1], mt(S1, Q1, "10 seconds", 0))
ok("mt-q2-a", "mc_taco", [-1.0, -0.7], mt(S2, Q2, "once a year", 1, "Frequency"))
ok("mt-q2-b", "mc_taco", [-0.9, -0.8], mt(S2, Q2, "every minute", 0, "Frequency"), note="yes wins: a false positive")
ok("mt-q2-c", "mc_taco", [-0.5, -1.5], mt(S2, Q2, "annually", 1, "Frequency"), note="no wins: a false negative")
ok("mt-q3-a", "mc_taco", [-1.4, -1.4], mt(S3, Q3, "she got her doctorate", 1, "Event Ordering"), note="tie: no (index 0)")
ok("mt-q3-b", "mc_taco", [-0.2, -3.0], mt(S3, Q3, "she was born", 0, "Event Ordering"))
ok("mt-q3-c", "mc_taco", ["-0.6", "-1.9"], mt(S3, Q3, "she started school", 0, "Event Ordering"))
ok("mt-canonical-yes", "mc_taco", [-3.0, -0.1], {"answer": "yes"}, note="a canonical record: gold as a choice text")
ok("mt-key-given", "mc_taco", [-0.1, -3.0], {"label": 0, "question_key": "q-17"})

# --- malformed ---
bad("bad-missing", "headqa", None, hq(["a", "b"], 0), "choice_logprobs")
bad("bad-empty", "headqa", [], hq(["a", "b"], 0), "choice_logprobs")
bad("bad-not-list", "headqa", "-1.0", hq(["a", "b"], 0), "choice_logprobs")
bad("bad-string", "headqa", [-1.0, "abc"], hq(["a", "b"], 0), "choice_logprobs[1]")
bad("bad-nan-string", "headqa", [-1.0, "nan"], hq(["a", "b"], 0), "choice_logprobs[1]")
bad("bad-plus-inf", "headqa", ["inf", -1.0], hq(["a", "b"], 0), "choice_logprobs[0]")
bad("bad-bool", "headqa", [True, -1.0], hq(["a", "b"], 0), "choice_logprobs[0]")
bad("bad-nested", "headqa", [[-1.0, False], -1.0], hq(["a", "b"], 0), "choice_logprobs[0]")
bad("bad-all-null", "headqa", [None, None], hq(["a", "b"], 0), "choice_logprobs")
bad("bad-all-neg-inf", "headqa", ["-inf", None], hq(["a", "b"], 0), "choice_logprobs")
bad("bad-ref-string", "headqa", [-1.0, "x"], {"choices": ["a", "b"], "answer": 0}, "reference.choice_logprobs[1]",
    where="reference")
bad("bad-gold-range", "headqa", [-1.0, -2.0], hq(["a", "b"], 2), "reference.answer")
bad("bad-gold-negative", "headqa", [-1.0, -2.0], hq(["a", "b"], -1), "reference.answer")
bad("bad-gold-letter-range", "headqa", [-1.0, -2.0, -3.0, -4.0], {"choices": ["a", "b", "c", "d"], "answer": "E"},
    "reference.answer")
bad("bad-gold-float", "headqa", [-1.0, -2.0], {"choices": ["a", "b"], "answer": 1.5}, "reference.answer")
bad("bad-gold-word", "headqa", [-1.0, -2.0], {"choices": ["a", "b"], "answer": "neither"}, "reference.answer")
bad("bad-gold-missing", "headqa", [-1.0, -2.0], {"choices": ["a", "b"]}, "reference.answer")
bad("bad-ra-range", "headqa", [-1.0, -2.0], hq(["a", "b"], None, ra=3), "reference.ra")
bad("bad-count", "headqa", [-1.0, -2.0, -3.0], {"choices": ["a", "b"], "answer": 0}, "reference.choices")
bad("bad-choice-type", "headqa", [-1.0, -2.0], {"choices": ["a", 2], "answer": 0}, "reference.choices[1]")
bad("bad-atext", "headqa", [-1.0, -2.0], {"answers": [{"aid": 1, "atext": "a"}, {"aid": 2}], "answer": 0},
    "reference.answers[1].atext")
bad("bad-mt-label", "mc_taco", [-1.0, -2.0], mt(S1, Q1, "forever", 2), "reference.label")
bad("bad-mt-three", "mc_taco", [-1.0, -2.0, -3.0], mt(S1, Q1, "forever", 0), "reference.choices")


def record_row(c):
    row = {"id": c["id"], "benchmark": c["bench"]}
    ref = dict(c["ref"])
    if c["lls"] is not None:
        if c["where"] == "reference":
            ref["choice_logprobs"] = c["lls"]
        else:
            row["choice_logprobs"] = c["lls"]
    row["reference"] = ref
    row.update(c["extra"])
    if c["note"]:
        row["note"] = c["note"]
    return row


def choice_texts(c):
    ref = c["ref"]
    if "choices" in ref:
        return ref["choices"]
    if c["bench"] == "mc_taco":
        return ["no", "yes"]
    if "answers" in ref:
        return [a["atext"] for a in ref["answers"]]
    return []


def expected(c):
    lls = [number(v) for v in c["lls"]]
    texts = choice_texts(c)
    ref = c["ref"]
    if c["bench"] == "mc_taco":
        gold = ref["label"] if "label" in ref else gold_index(ref["answer"], texts)
    elif "answer" in ref:
        gold = gold_index(ref["answer"], texts)
    elif "gold" in ref:
        gold = ref["gold"]
    elif "target" in c["extra"]:
        gold = c["extra"]["target"]
    else:
        gold = ref["ra"] - 1
    pred = argmax(lls)
    e = {"status": "ok", "acc": int(pred == gold), "pred": pred, "gold": gold}
    if c["bench"] == "mc_taco":
        e["pred_yes"] = pred == 1
        e["gold_yes"] = gold == 1
        if "question_key" in ref:
            e["question"] = ref["question_key"]
        elif "sentence" in ref:
            e["question"] = ref["sentence"] + " " + ref["question"]
    elif texts and all(len(t) > 0 for t in texts):
        pred_norm = argmax([ll / float(len(t)) for ll, t in zip(lls, texts)])
        e["acc_norm"] = int(pred_norm == gold)
        e["pred_norm"] = pred_norm
    return e


# --- lm-eval samples files (>= 0.4.3 shape: resps sanitized to strings, target a string) ---
MODEL_DIR = "Qwen__Qwen3-14B"
HEADQA_FILE = "samples_headqa_en_2025-07-12T10-21-33.512044.jsonl"
MC_TACO_FILE = "samples_mc_taco_2025-07-12T10-40-02.118530.jsonl"
HEADQA_DOCS = [
    ("Cuaderno_2013_1_B", "biology", 1, "Which organelle contains hydrolytic enzymes that digest macromolecules?",
     ["Ribosome", "Golgi apparatus", "Lysosome", "Peroxisome"], 3, [-9.125, -6.5, -5.875, -7.25]),
    ("Cuaderno_2013_1_B", "biology", 2, "The enzyme that unwinds the DNA double helix during replication is:",
     ["Helicase", "Ligase", "Primase", "Topoisomerase I"], 1, [-4.5, -5.25, -6.0, -4.0]),
    ("Cuaderno_2014_1_M", "medicine", 7, "Which drug is the first-line treatment of anaphylaxis?",
     ["Intramuscular adrenaline", "Oral antihistamines", "Salbutamol", "IV hydrocortisone"], 1, [-14.0, -9.0, -8.5, -12.0]),
    ("Cuaderno_2014_1_M", "medicine", 9, "Koplik spots are characteristic of:",
     ["Measles", "Rubella", "Scarlet fever", "Chickenpox"], 1, [-3.0, -3.0, -5.0, -6.0]),
    ("Cuaderno_2015_1_E", "nursery", 12, "The Glasgow Coma Scale score of a fully alert patient is:",
     ["3", "8", "12", "15"], 4, [-2.2, -2.9, -3.4, -2.6]),
    ("Cuaderno_2015_1_F", "pharmacology", 3, "Warfarin acts by antagonising:",
     ["Vitamin K", "Vitamin C", "Thrombin directly", "Factor Xa directly"], 1, [-6.6, -3.1, -9.0, -9.4]),
]
MC_TACO_DOCS = [
    ("Ratners's chairman, Gerald Ratner, said the deal remains of substantial benefit to Ratners.",
     "How long did the chairman speak?", [("30 minutes", 1, [-1.9, -0.6]), ("5 seconds", 0, [-0.7, -1.3]),
                                          ("10 years", 0, [-0.2, -2.8]), ("a few minutes", 1, [-0.9, -1.0])], 1),
    ("She ordered the tea and waited by the window.", "How often does she order tea?",
     [("every day", 1, [-1.2, -0.8]), ("twice a century", 0, [-0.4, -2.0]), ("every second", 0, [-1.1, -1.0])], 2),
    ("The bridge was completed in 1937 after four years of work.", "What happened before the bridge was completed?",
     [("workers built the towers", 1, [-2.0, -0.5]), ("cars crossed it for decades", 0, [-0.3, -1.7])], 0),
]


def sanitized_pair(ll):
    return [repr(ll) if ll != int(ll) else str(float(ll)), "False"]


def headqa_lines():
    lines = []
    for doc_id, (name, category, qid, qtext, texts, ra, lls) in enumerate(HEADQA_DOCS):
        doc = {"name": name, "year": name.split("_")[1], "category": category, "qid": qid, "qtext": qtext, "ra": ra,
               "image": None, "answers": [{"aid": k + 1, "atext": t} for k, t in enumerate(texts)]}
        gold = ra - 1
        pred = argmax(lls)
        pred_norm = argmax([ll / float(len(t)) for ll, t in zip(lls, texts)])
        prompt = "Question: " + qtext + "\nAnswer:"
        lines.append({
            "doc_id": doc_id, "doc": doc, "target": str(gold),
            "arguments": {"gen_args_%d" % k: {"arg_0": prompt, "arg_1": " " + t} for k, t in enumerate(texts)},
            "resps": [[sanitized_pair(ll)] for ll in lls], "filtered_resps": [sanitized_pair(ll) for ll in lls],
            "filter": "none", "metrics": ["acc", "acc_norm"],
            "doc_hash": "%064x" % (1000 + doc_id), "prompt_hash": "%064x" % (2000 + doc_id), "target_hash": "%064x" % (3000 + gold),
            "acc": float(pred == gold), "acc_norm": float(pred_norm == gold)})
    return lines


def mc_taco_lines():
    lines = []
    doc_id = 0
    for sentence, question, candidates, category in MC_TACO_DOCS:
        for answer, label, lls in candidates:
            doc = {"sentence": sentence, "question": question, "answer": answer, "label": label, "category": category}
            pred = argmax(lls)
            prompt = sentence + "\nQuestion: " + question + "\nAnswer: " + answer + "\nPlausible:"
            lines.append({
                "doc_id": doc_id, "doc": doc, "target": str(label),
                "arguments": {"gen_args_0": {"arg_0": prompt, "arg_1": " no"}, "gen_args_1": {"arg_0": prompt, "arg_1": " yes"}},
                "resps": [[sanitized_pair(ll)] for ll in lls], "filtered_resps": [sanitized_pair(ll) for ll in lls],
                "filter": "none", "metrics": ["acc", "f1"],
                "doc_hash": "%064x" % (4000 + doc_id), "prompt_hash": "%064x" % (5000 + doc_id), "target_hash": "%064x" % (6000 + label),
                "acc": float(pred == label), "f1": [label, pred]})
            doc_id += 1
    return lines


def question_level(lines):  # the official evaluator (MC-TACO evaluator.py), for the docs
    groups = {}
    for l in lines:
        key = l["doc"]["sentence"] + " " + l["doc"]["question"]
        groups.setdefault(key, []).append((l["doc"]["label"], l["f1"][1]))
    em, f1 = [], []
    for pairs in groups.values():
        em.append(all(g == p for g, p in pairs))
        predicted_yes = sum(p for _, p in pairs)
        gold_yes = sum(g for g, _ in pairs)
        correct_yes = sum(1 for g, p in pairs if g == p == 1)
        precision = correct_yes / predicted_yes if predicted_yes else 1.0
        recall = correct_yes / gold_yes if gold_yes else 1.0
        f1.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(em) / len(em), sum(f1) / len(f1)


def write_samples(folder):
    out = {}
    os.makedirs(os.path.join(folder, MODEL_DIR), exist_ok=True)
    for name, lines in ((HEADQA_FILE, headqa_lines()), (MC_TACO_FILE, mc_taco_lines())):
        with open(os.path.join(folder, MODEL_DIR, name), "w", encoding="utf-8") as f:
            for l in lines:
                f.write(json.dumps(l, ensure_ascii=False) + "\n")
        s = {"records": len(lines), "acc": sum(l["acc"] for l in lines) / len(lines)}
        if "acc_norm" in lines[0]:
            s["acc_norm"] = sum(l["acc_norm"] for l in lines) / len(lines)
        else:
            tp = sum(1 for l in lines if l["f1"] == [1, 1])
            fp = sum(1 for l in lines if l["f1"] == [0, 1])
            fn = sum(1 for l in lines if l["f1"] == [1, 0])
            s["f1"] = 2 * tp / (2 * tp + fp + fn)
            s["official_em"], s["official_f1"] = question_level(lines)
        out[name] = s
    return out


def main(folder):
    rows, metrics = [], {}
    for c in C:
        row = record_row(c)
        row["expect"] = expected(c) if c["kind"] == "ok" else {"status": "malformed_record", "field": c["field"]}
        rows.append(row)
        if c["kind"] == "ok":
            m = metrics.setdefault(c["bench"], {"n": 0, "acc": 0, "norm_n": 0, "acc_norm": 0, "tp": 0, "fp": 0, "fn": 0})
            e = row["expect"]
            m["n"] += 1
            m["acc"] += e["acc"]
            if "acc_norm" in e:
                m["norm_n"] += 1
                m["acc_norm"] += e["acc_norm"]
            if c["bench"] == "mc_taco":
                m["tp"] += e["pred_yes"] and e["gold_yes"]
                m["fp"] += e["pred_yes"] and not e["gold_yes"]
                m["fn"] += (not e["pred_yes"]) and e["gold_yes"]
    summary = {}
    for bench, m in metrics.items():
        s = {"records": m["n"], "acc": m["acc"] / m["n"]}
        if m["norm_n"]:
            s["acc_norm"] = m["acc_norm"] / m["norm_n"]
        if bench == "mc_taco":  # sklearn f1_score(golds, preds), positive class 1, pooled
            s["f1"] = 2 * m["tp"] / (2 * m["tp"] + m["fp"] + m["fn"])
        summary[bench] = s
    with open(os.path.join(folder, "cases.jsonl"), "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    summary["samples"] = write_samples(folder)
    with open(os.path.join(folder, "expected_metrics.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=1, sort_keys=True)
        f.write("\n")
    print(len(rows), "cases;", sum(c["kind"] == "ok" for c in C), "judged;", json.dumps(summary))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "loglik_choice"))
