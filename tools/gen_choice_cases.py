# Writes tests/data/choice/cases.jsonl: hand-written responses with the reference-mode verdict we
# decided (docs/choice.md) and the paper-mode verdicts the study's own graders give
# (study_short_answer_graders.py). Usage: python3 tools/gen_choice_cases.py tests/data/choice/cases.jsonl
import json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from study_short_answer_graders import gpqa, acp_filter, hf_norm
C = []
def c(i, resp, gold, ref, **extra):
    C.append((i, resp, gold, ref, extra))
# boxes
c("box-plain", "The energy difference must exceed the linewidth, so only 10^-4 eV works.\n\nThe answer is \\boxed{D}.", "D", "D")
c("box-text", "Comparing the four structures, the product is the diketone.\n\n\\boxed{\\text{B}}", "B", "B")
c("box-paren", "So the final answer is $\\boxed{(C)}$", "C", "C")
c("box-option-text", "Therefore the correct choice is \\boxed{A) 4-methylcyclohexan-1-one}", "A", "A")
c("box-then-article", "Thus \\boxed{C}, which is a reasonable value for a bound state.", "C", "C")
c("box-lower", "Final: \\boxed{b}", "B", "B")
c("box-wrong", "I conclude \\boxed{A}.", "C", "A")
c("box-last-of-two", "Initially I thought \\boxed{B}, but rechecking the sign gives \\boxed{D}.", "D", "D")
c("box-out-of-range", "The answer is \\boxed{E}.", "B", "E")
c("box-number-then-cue", "The ratio is \\boxed{2.5}. Looking at the options, that is option C.\nAnswer: C", "C", "C")
# cues
c("cue-answer-is-paren", "Let's think step by step. The reaction proceeds by SN2, so inversion occurs.\nThe answer is (B).", "B", "B")
c("cue-answer-colon", "Both effects cancel at first order.\n\nAnswer: A", "A", "A")
c("cue-bold", "Mass balance gives 12 protons.\n\n**Answer:** C", "C", "C")
c("cue-final-bold", "Step 1: identify the planning task. Step 2: check preconditions.\n**Final Answer**: D.", "D", "D")
c("cue-final-lowercase-word", "so the final answer is (a)", "A", "A")
c("cue-correct-option", "After eliminating the others, the correct option is B.", "B", "B")
c("cue-correction", "Answer: A... no wait, C", "C", "C")
c("cue-correction-actually", "Answer: B (actually, D since the spin is 3/2)", "D", "D")
c("cue-last-wins", "First pass answer: A.\nOn reflection that ignores the solvent.\nFinal answer: B", "B", "B")
c("cue-lower-letter", "The answer is b because the other compounds are achiral.", "B", None)
c("cue-article", "The answer is a compound with two chiral centres.", "A", None)
c("cue-I-think", "Answer: I think it is the second one.", "B", None)
c("cue-answer-next-line", "**Final Answer**\n\nB", "B", "B")
c("cue-restated-option", "Answer: (C) 3.2 x 10^4 s", "C", "C")
c("cue-answer-the-question", "To answer the question we need the Hamiltonian. Answer: D", "D", "D")
c("cue-dollar", "The answer is $C$.", "C", "C")
c("cue-out-of-range", "Answer: F", "A", "F")
c("cue-num6", "Answer: F", "F", "F", num_choices=6)
c("cue-bold-letter", "Answer: **B**", "B", "B")
# last line
c("line-letter", "Weighing the evidence, the second mechanism dominates.\nB", "B", "B")
c("line-paren", "Considering symmetry:\n(D)", "D", "D")
c("line-letter-dot", "So it has to be the third option.\n\nC.", "C", "C")
c("line-letter-text", "Summary of reasoning above.\nA) 1.5 eV", "A", "A")
c("line-option", "All constraints check out.\nOption C", "C", "C")
c("line-article-prose", "A careful reading shows that all four options are plausible.", "A", None)
c("line-roman", "Statements I and II are true.\nI", "A", "I")
c("line-none-above", "None of the above options match my result of 7.", "A", None)
c("line-not-sure", "Not sure.", "B", None)
c("empty", "", "A", None)
c("prose-no-letter", "The compound is chiral because it lacks a mirror plane, so the optical rotation is nonzero.", "C", None)
# option text
c("text-one-option", "The final answer: 4-methylpentan-2-one", "B", "B", choices=["hexan-2-one", "4-methylpentan-2-one", "pentan-3-one", "cyclohexanone"])
c("text-two-options", "It is either hexan-2-one or pentan-3-one.", "C", None, choices=["hexan-2-one", "4-methylpentan-2-one", "pentan-3-one", "cyclohexanone"])
c("text-last-line", "After all that:\n10^-4 eV", "D", "D", choices=["10^-8 eV", "10^-11 eV", "10^-9 eV", "10^-4 eV"])
c("text-acp-dict", "**Final Answer**: the block b1 is clear", "A", None, choices={"text": ["b1 is on b2", "b2 is clear", "b3 is held", "b4 is on table"], "label": ["A", "B", "C", "D"]})
# paper-mode quirks (gpqa/acpbench)
c("quirk-gpqa-article-after-box", "\\boxed{C} is a good answer", "C", "C")
c("quirk-gpqa-thinking", "Option A seems wrong; B too. Let me settle: the answer is D.", "D", "D")
c("quirk-acp-done", "The answer is B. **Final Answer**: C. Done", "C", "C")
c("quirk-acp-cars", "The answer is B because Cars", "B", "B")
c("quirk-acp-final", "Checking each action... **Final Answer**: D.", "D", "D")
c("quirk-acp-final-prose", "**Final Answer**: the third one, c", "C", None)
c("quirk-acp-one-char", "**Final Answer**: 3", "C", None)
c("quirk-acp-text-key", "i would pick the text that says b2 is clear", "A", None)
c("quirk-acp-label-key", "no capital letters: the label of the second option is b", "B", None)
c("quirk-acp-invalid", "i cannot decide.", "A", None)
c("quirk-lowercase-gpqa", "answer: b", "B", None)
c("quirk-gpqa-slash", "c/", "C", None)
c("quirk-bracket", "Choice [B] fits.", "B", None)
c("quirk-answer-colon-space", "Answer: A is excluded, so D", "D", None)
c("quirk-dont", "So the answer is B. Don't forget units.", "B", "B")
c("quirk-roman-last", "The answer is (B), since claims I and II hold", "B", "B")
c("quirk-unicode", "答案：\\boxed{C}", "C", "C")
c("quirk-utf8-boundary", "The answer is (B)éA", "B", "B")
c("long-cot", "Let me work through this carefully.\n\nFirst, the Hamiltonian H = p^2/2m + V(x). A bound state requires E < 0.\nFor option A, the potential is repulsive. For option B, there's a well of depth V0.\nComputing the ground state: E0 = -mV0^2a^2/(2hbar^2).\n\nComparing, option B is the only one with a bound state.\n\n**Answer: B**", "B", "B")
c("long-cot-cue-then-prose", "Therefore, the answer is C.\n\nNote: a similar problem appears in Griffiths.", "C", "C")
out = []
for i, resp, gold, ref, extra in C:
    reference = {"answer": gold}
    reference.update(extra)
    g, e = acp_filter(resp)
    row = {"id": i, "response": resp, "reference": reference,
           "expect": {"letter": ref, "correct": ref == gold},
           "paper_gpqa": {"extracted": gpqa(resp), "correct": gpqa(resp) == gold},
           "paper_acpbench": {"extracted": g, "empty_match": e, "correct": (not e) and hf_norm(g) == hf_norm(gold)}}
    out.append(json.dumps(row, ensure_ascii=False))
open(sys.argv[1], "w").write("\n".join(out) + "\n")
print(len(out))
