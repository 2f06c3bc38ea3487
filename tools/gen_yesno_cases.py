# Writes tests/data/yesno/cases.jsonl: hand-written responses with the reference-mode verdict we
# decided (docs/choice.md) and the paper-mode verdicts the study's own graders give
# (study_short_answer_graders.py). Usage: python3 tools/gen_yesno_cases.py tests/data/yesno/cases.jsonl
import json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from study_short_answer_graders import acp_bool, bool_em, halueval
C = []
def c(i, resp, gold, ref, gold_field="answer"):
    C.append((i, resp, gold, ref, gold_field))
# HaluEval-style short judgements
c("halu-yes", "Yes", "yes", "yes", "hallucination")
c("halu-no", "No", "no", "no", "hallucination")
c("halu-yes-dot", "Yes.", "yes", "yes", "hallucination")
c("halu-no-reason", "No, the answer is supported by the knowledge.", "no", "no", "hallucination")
c("halu-lower-yes", "yes", "yes", "yes", "hallucination")
c("halu-lower-no", "no, it is fine", "no", "no", "hallucination")
c("halu-not", "Not hallucinated: the answer matches the knowledge.", "no", None, "hallucination")
c("halu-none", "None of the facts conflict.", "no", None, "hallucination")
c("halu-nobody", "Nobody could tell from the text.", "yes", None, "hallucination")
c("halu-yesterday", "Yesterday's match is not mentioned, so the answer is invented.", "yes", None, "hallucination")
c("halu-now", "Now I see it. Yes", "yes", "yes", "hallucination")
c("halu-both", "Yes and No, depending on the reading.", "yes", None, "hallucination")
c("halu-second-line", "Let me check the knowledge.\nYes", "yes", "yes", "hallucination")
c("halu-think-first", "<think>\nI need to compare.\n</think>\n\nNo", "no", "no", "hallucination")
c("halu-bold", "**Yes**", "yes", "yes", "hallucination")
c("halu-judgement", "#Your Judgement#: No", "no", "no", "hallucination")
c("halu-caps", "YES", "yes", "yes", "hallucination")
c("halu-not-sure", "Not sure.", "no", None, "hallucination")
c("halu-empty", "", "no", None, "hallucination")
c("halu-note", "Note: the response hallucinates a date.\nYes", "yes", "yes", "hallucination")
c("halu-both-words-last", "The claim could be read either way: yes or no.", "yes", None, "hallucination")
c("halu-noyes-stop", "No.\n\nYes", "no", "no", "hallucination")
c("halu-bool-gold", "Yes", True, "yes")
c("halu-bool-gold-no", "No", False, "no")
c("halu-wrong", "Yes", "no", "yes", "hallucination")
# cues and boxes
c("cue-answer", "The plan reaches the goal after unstack b1 b2.\nAnswer: yes", "yes", "yes")
c("cue-final-bold-end", "The preconditions of pick-up hold.\n**Final Answer**: Yes", "yes", "yes")
c("cue-final-bold-dot", "The preconditions of pick-up hold.\n**Final Answer**: Yes.", "yes", "yes")
c("cue-final-no", "Block b3 is not clear, so the action is not applicable.\n**Final Answer**: No.", "no", "no")
c("cue-first-word-wins", "There is no way to reach the state. **Final Answer**: Yes.", "yes", "yes")
c("cue-the-answer-is", "Checking each precondition in turn, the answer is no.", "no", "no")
c("cue-The-answer-is-end", "The answer is Yes", "yes", "yes")
c("cue-answer-yes-because", "Answer: Yes, because the robot holds nothing.", "yes", "yes")
c("cue-answer-no-not", "Answer: No - it is not reachable.", "no", "no")
c("cue-answer-ambiguous-then-line", "Answer: it depends\nyes", "yes", "yes")
c("cue-last-wins", "Answer: no\nWait, I misread the goal.\nFinal answer: yes", "yes", "yes")
c("cue-colon-lower", "the answer: no.", "no", "no")
c("cue-final-answer-lower", "The final answer: yes.", "yes", "yes")
c("cue-judgement", "Judgement: Yes", "yes", "yes")
c("box-yes", "All goals are satisfied, so \\boxed{Yes}.", "yes", "yes")
c("box-text-no", "Therefore $\\boxed{\\text{No}}$", "no", "no")
c("box-beats-cue", "Answer: no\nOn reflection: \\boxed{yes}", "yes", "yes")
c("box-nonanswer-then-cue", "The count is \\boxed{3}. Answer: No", "no", "no")
c("cue-none", "Answer: None of the actions apply.", "no", None)
c("cue-not", "Answer: Not applicable.", "no", None)
c("cue-nope", "Answer: Nope.", "no", None)
c("cue-yesno-both", "Answer: yes and no", "yes", None)
c("lead-no-comma", "No, because the hand is not empty.\nThe action needs an empty hand.", "no", "no")
c("lead-yes-markdown", "## Yes\nThe plan is valid.", "yes", "yes")
c("last-line-one", "Let me check: the hand is empty and b2 is clear.\nSo the action is applicable: yes.", "yes", "yes")
c("last-line-none", "The action is applicable.", "yes", None)
c("prose-nobody", "Nobody knows. Nonetheless, it holds.", "yes", None)
c("acp-first-no-in-cot", "First, is there no obstacle? Right. So the answer: Yes.", "yes", "yes")
c("acp-yes-at-end-line", "**Final Answer**: Yes\n", "yes", "yes")
c("acp-one-char", "**Final Answer**: Y\nThat is, yes.", "yes", "yes")
c("acp-invalid", "It holds.", "yes", None)
c("acp-The-answer-is-yes-comma", "The answer is Yes, since b1 is clear.", "yes", "yes")
c("acp-no-word-boundary", "Nothing blocks it. Noted. yes", "yes", "yes")
c("acp-unicode", "Réponse: ¿Yes?", "yes", "yes")
c("acp-first-yes-lower", "yes the goal holds; the answer is no", "no", "no")
c("long-cot", "Let's reason step by step.\n\n1. The initial state has b1 on b2 and b2 on the table.\n2. The action unstack(b1, b2) requires b1 clear and the hand empty. Both hold.\n3. After the action, b1 is held and b2 is clear.\n\nIs b2 clear now? Yes. Does the goal require b2 on b3? No, it requires b1 on b3.\n\n**Final Answer**: Yes.", "yes", "yes")
out = []
for i, resp, gold, ref, gf in C:
    gold_word = ("yes" if gold else "no") if isinstance(gold, bool) else gold
    p, e = acp_bool(resp)
    row = {"id": i, "response": resp, "reference": {gf: gold},
           "expect": {"answer": ref, "correct": ref == gold_word},
           "paper_halueval": {"extracted": resp.strip().split("\n")[0], "correct": halueval(resp, gold_word)},
           "paper_acpbench_bool": {"extracted": p, "empty_match": e, "correct": (not e) and bool_em(p, gold_word)}}
    out.append(json.dumps(row, ensure_ascii=False))
open(sys.argv[1], "w").write("\n".join(out) + "\n")
print(len(out))
