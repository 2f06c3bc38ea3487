# The study's short-answer graders (evalchemy GPQA, lm-eval ACPBench mcq/bool, lm-eval HaluEval),
# transcribed with their original Python regexes: the oracle for the paper-mode expectations in
# tests/data/choice and tests/data/yesno (tools/gen_choice_cases.py, tools/gen_yesno_cases.py).
import re, string, json, sys

def gpqa(pred):
    tmp = re.findall(r"\b(A|B|C|D)\b", pred.upper())
    if tmp: pred = tmp
    else: pred = [pred.strip().strip(".")]
    pred = pred[-1] if pred else ""
    return pred.rstrip(".").rstrip("/")

ACP = r"(((?<=[answer is ])[A-D])|([A-D]\n)|([A-D]\.)|( [A-D] )|(^[A-D]$)|(\[[A-D]\])|([A-D])|(?<=..Final Answer..: )(.*)(?=.)|(?<=..answer..: )(.*)(?=.)|(?<=..Answer..: )(.*)(?=.))"
IGN = [r"\.$", ",", r"\\", "\n", '"']
def hf_norm(s):
    for r in IGN: s = re.sub(r, "", s)
    s = s.lower()
    return s.translate(str.maketrans("", "", string.punctuation))

def acp_filter(resp):
    m = re.findall(ACP, resp)
    if m:
        t = m[-1]
        ne = [x for x in t if x]
        if not ne: return ("", True)
        return (ne[0].strip(), False)
    def ign(st):
        for r in IGN: st = re.sub(r, "", st)
        st = st.lower()
        import unicodedata
        return "".join(ch for ch in st if not unicodedata.category(ch).startswith("P"))
    fb = re.findall("text|label", ign(resp))
    if fb: return ({"text": "(A)", "label": "(B)"}[fb[-1]], False)
    return ("[invalid]", False)

BOOL = r"((?<=The answer is )(.*)(?=.)|(?<=the answer is )(.*)(?=.)|(?<=The answer: )(.*)(?=.)|(?<=The final answer: )(.*)(?=.)|(?<=..Final Answer..: )(.*)(?=.)|(?<=..answer..: )(.*)(?=.)|(?<=..Answer..: )(.*)(?=.)|\b(Yes|No|yes|no)\b)"
def acp_bool(resp):
    m = re.findall(BOOL, resp)
    if m:
        ne = [x for x in m[0] if x]
        if not ne: return ("", True)
        return (ne[0].strip(), False)
    return ("[invalid]", False)
def bool_em(pred, gold):
    return hf_norm(pred) == hf_norm(gold)

def halueval(resp, gold):
    pred = resp.strip().split("\n")[0]
    if ("Yes" in pred and "No" in pred) or ("Yes" not in pred and "No" not in pred): return False
    return ("yes" if "Yes" in pred else "no") == gold
