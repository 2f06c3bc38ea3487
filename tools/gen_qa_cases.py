#!/usr/bin/env python3
"""Generate tests/data/qa/cases.jsonl, the table-driven fixtures of the `qa` family.

Each case gives a response, a reference (in one of the gold shapes the family accepts) and,
pinned by hand, the answer reference mode reads from the response (`ref_extracted`). The
expected numbers are computed here by transcriptions of the two reference implementations:

* the official CoQA metric, stanfordnlp/coqa-baselines scripts/evaluate-v1.0.py
  (CoQAEvaluator.normalize_answer / get_tokens / compute_exact / compute_f1 /
  _compute_turn_score), applied to every gold as given and to `ref_extracted`;
* lm-eval's `coqa` task as the study's fork ran it (lm_eval/tasks/coqa/utils.py:
  doc_to_target's case-insensitive de-duplication, process_results with the fork's
  `</think>` edit, compute_scores over transformers' squad_metrics), applied to the response
  cut at the generation's stop sequence "\\nQ:".

Stdlib only. Regenerating must reproduce the committed file byte for byte:
    python3 tools/gen_qa_cases.py
"""
import collections
import json
import pathlib
import re
import string

OUTPUT = pathlib.Path(__file__).resolve().parent.parent / "tests" / "data" / "qa" / "cases.jsonl"


# ---- evaluate-v1.0.py (and transformers squad_metrics: the same code) ------------------
def normalize_answer(s):
    def remove_articles(text):
        regex = re.compile(r'\b(a|an|the)\b', re.UNICODE)
        return re.sub(regex, ' ', text)

    def white_space_fix(text):
        return ' '.join(text.split())

    def remove_punc(text):
        exclude = set(string.punctuation)
        return ''.join(ch for ch in text if ch not in exclude)

    def lower(text):
        return text.lower()

    return white_space_fix(remove_articles(remove_punc(lower(s))))


def get_tokens(s):
    if not s:
        return []
    return normalize_answer(s).split()


def compute_exact(a_gold, a_pred):
    return int(normalize_answer(a_gold) == normalize_answer(a_pred))


def compute_f1(a_gold, a_pred):
    gold_toks = get_tokens(a_gold)
    pred_toks = get_tokens(a_pred)
    common = collections.Counter(gold_toks) & collections.Counter(pred_toks)
    num_same = sum(common.values())
    if len(gold_toks) == 0 or len(pred_toks) == 0:
        return int(gold_toks == pred_toks)
    if num_same == 0:
        return 0
    precision = 1.0 * num_same / len(pred_toks)
    recall = 1.0 * num_same / len(gold_toks)
    return (2 * precision * recall) / (precision + recall)


def compute_turn_score(a_gold_list, a_pred):
    f1_sum = 0.0
    em_sum = 0.0
    if len(a_gold_list) > 1:
        for i in range(len(a_gold_list)):
            gold_answers = a_gold_list[0:i] + a_gold_list[i + 1:]
            em_sum += max(compute_exact(a, a_pred) for a in gold_answers)
            f1_sum += max(compute_f1(a, a_pred) for a in gold_answers)
    else:
        em_sum += max(compute_exact(a, a_pred) for a in a_gold_list)
        f1_sum += max(compute_f1(a, a_pred) for a in a_gold_list)
    return {'em': em_sum / max(1, len(a_gold_list)), 'f1': f1_sum / max(1, len(a_gold_list))}


# ---- lm-eval coqa, the study's fork --------------------------------------------------
def lm_eval_golds(golds):
    answers = [golds[0]]
    for extra in golds[1:]:
        if extra.lower() not in map(str.lower, answers):
            answers.append(extra)
    return answers


def lm_eval_prediction(generation):
    generation = generation.split("\nQ:")[0]  # the generation's stop sequence
    pred = generation.strip()
    if "</think>" in pred:
        pred = re.sub(r".*?</think>(\n)*", "", pred, flags=re.DOTALL).strip()
    return pred.split("\n")[0]


# ---- the gold shapes of the family (qa/gold.hpp) --------------------------------------
def read_golds(reference):
    if "answers" in reference:
        answers = reference["answers"]
        if isinstance(answers, str):
            return [answers]
        if isinstance(answers, dict):
            turns = len(reference["questions"]["input_text"]) if "questions" in reference else len(answers["input_text"])
            out = [answers["input_text"][turns - 1]]
            for value in (reference.get("additional_answers") or {}).values():
                out.append(value["input_text"][turns - 1])
            return out
        return list(answers)
    answer = reference["answer"]
    return [answer] if isinstance(answer, str) else list(answer)


def golds(*answers):
    return {"answers": list(answers)}


def one(answer):
    return {"answer": answer}


COQA_DOC = {
    "source": "mctest",
    "story": "Once upon a time, in a barn near a farm house, there lived a little white kitten named Cotton.",
    "questions": {"input_text": ["What color was Cotton?", "Where did she live?"]},
    "answers": {"input_text": ["white", "in a barn"], "answer_start": [59, 18], "answer_end": [93, 80]},
    "additional_answers": {
        "0": {"input_text": ["white", "in a barn"]},
        "1": {"input_text": ["white", "a barn"]},
        "2": {"input_text": ["white", "In a barn"]},
    },
}

LM_EVAL_SAMPLE_REFERENCE = dict(COQA_DOC, answer=["in a barn", "a barn"])

# (id, response, reference, ref_extracted)
CASES = [
    # plain answers, one gold
    ("exact", "white", one("white"), "white"),
    ("leading_space", " white", one("white"), "white"),
    ("case", "WHITE", one("white"), "WHITE"),
    ("yes", "Yes", one("yes"), "Yes"),
    ("no_vs_yes", "no", one("yes"), "no"),
    ("trailing_period", "Blue.", one("blue"), "Blue."),
    ("blank_lines", "\n\n  blue  \n", one("blue"), "blue"),
    ("crlf", "blue\r\n", one("blue"), "blue"),
    ("stop_sequence", " white\nQ: What else did she see?\n\nA: a dog", one("white"), "white"),
    ("second_line_ignored", "a red ball\nIt was in the garden.", one("red ball"), "a red ball"),
    # articles
    ("article_a", "a red ball", one("red ball"), "a red ball"),
    ("article_an", "an apple", one("apple"), "an apple"),
    ("article_the", "The Hague", one("Hague"), "The Hague"),
    ("article_inside_word", "Theatre", one("the atre"), "Theatre"),
    ("articles_only", "the", one("a"), "the"),
    ("article_vs_nothing", "the", one("unknown"), "the"),
    ("articles_repeated", "the the the cat", one("cat"), "the the the cat"),
    ("article_capital_a", "A dog", one("dog"), "A dog"),
    # punctuation
    ("comma_number", "1,000", one("1000"), "1,000"),
    ("decimal_number", "3.5", one("35"), "3.5"),
    ("hyphen", "well-known", one("well known"), "well-known"),
    ("apostrophe", "didn't", one("did not"), "didn't"),
    ("quotes_ascii", "\"Rome\"", one("Rome"), "Rome"),
    ("quotes_curly", "\u201cRome\u201d", one("Rome"), "Rome"),
    ("single_curly", "\u2018Rome\u2019", one("Rome"), "Rome"),
    ("fullwidth_period", "white\u3002", one("white"), "white\u3002"),
    ("ellipsis_unicode", "maybe\u2026", one("maybe"), "maybe\u2026"),
    ("parentheses", "(in the barn)", one("in the barn"), "(in the barn)"),
    # numbers
    ("digit_vs_word", "3", one("three"), "3"),
    ("number_in_phrase", "3 times", one("three times"), "3 times"),
    ("ordinal", "the 3rd", one("3rd"), "the 3rd"),
    # unknown / empty (the official script has no special case beyond empty token lists)
    ("unknown", "unknown", one("unknown"), "unknown"),
    ("unknown_caps", "Unknown.", one("unknown"), "Unknown."),
    ("dont_know", "I don't know", one("unknown"), "I don't know"),
    ("no_answer_words", "no answer", one("unknown"), "no answer"),
    ("empty_vs_unknown", "", one("unknown"), ""),
    ("blank_vs_unknown", "  \n  ", one("unknown"), ""),
    ("empty_vs_article_gold", "", one("The"), ""),
    ("punct_only_vs_empty_gold", "...", one("!"), "..."),
    # partial overlaps
    ("partial_superset", "he went to the store", one("to the store"), "he went to the store"),
    ("partial_subset", "store", one("to the store"), "store"),
    ("partial_repeated", "very very good", one("very good"), "very very good"),
    ("no_overlap", "in the kitchen", one("barn"), "in the kitchen"),
    ("partial_explanation", "Yes, because she said so.", one("yes"), "Yes, because she said so."),
    ("shared_preposition", "in the kitchen", one("in a barn"), "in the kitchen"),
    # answer cues and wrappers (reference mode reads past them; paper mode does not)
    ("cue_answer", "Answer: three", one("three"), "three"),
    ("cue_bold", "**Answer:** a red ball", one("red ball"), "a red ball"),
    ("cue_a", "A: Yes", one("yes"), "Yes"),
    ("cue_a_quoted", "A: \"Paris\"", one("Paris"), "Paris"),
    ("cue_final_bold", "Final Answer: **Paris**", one("Paris"), "Paris"),
    ("cue_the_answer_is", "The answer is: Paris", one("Paris"), "Paris"),
    ("not_a_cue", "Answering machines", one("answering machines"), "Answering machines"),
    ("boxed", "\\boxed{Paris}", one("Paris"), "Paris"),
    ("boxed_text", "$\\boxed{\\text{in the barn}}$", one("in a barn"), "in the barn"),
    # echoed questions and reasoning traces
    ("echo_question", "Q: What color was the cat?\nA: white", one("white"), "white"),
    ("echo_question_blank", "Q: What color was the cat?\n\nA: white\n\nQ: Where?", one("white"), "white"),
    ("echo_without_answer", "Q: What color was the cat?", one("white"), "Q: What color was the cat?"),
    ("think_closed", "<think>hmm\nit is white</think>\n\nwhite", one("white"), "white"),
    ("think_twice", "a</think>b</think>\n\nc", one("c"), "c"),
    ("think_unterminated", "<think> the kitten is white", one("white"), "<think> the kitten is white"),
    ("think_then_lines", "<think>x</think>\n\nwhite\nbecause the story says so", one("white"), "white"),
    # Unicode
    ("unicode_lower", "CAF\u00c9", one("caf\u00e9"), "CAF\u00c9"),
    ("unicode_eszett", "Stra\u00dfe", one("STRASSE"), "Stra\u00dfe"),
    ("unicode_dotted_i", "\u0130stanbul", one("istanbul"), "\u0130stanbul"),
    ("unicode_final_sigma", "\u039f\u0394\u039f\u03a3", one("\u03bf\u03b4\u03bf\u03c2"), "\u039f\u0394\u039f\u03a3"),
    ("unicode_accents", "resume", one("r\u00e9sum\u00e9"), "resume"),
    ("unicode_nbsp", "in\u00a0the\u00a0park", one("in the park"), "in\u00a0the\u00a0park"),
    ("unicode_ideographic_space", "\u6771\u4eac\u3000\u99c5", one("\u6771\u4eac \u99c5"), "\u6771\u4eac\u3000\u99c5"),
    ("unicode_cjk_joined", "\u6771\u4eac\u99c5", one("\u6771\u4eac \u99c5"), "\u6771\u4eac\u99c5"),
    ("unicode_emoji", "the cat \U0001F431", one("cat"), "the cat \U0001F431"),
    ("unicode_article_boundary", "\u00e9the", one("the"), "\u00e9the"),
    # several golds: leave-one-out
    ("multi_dupes_official_vs_dedup", "X", golds("X", "X", "Y", "Z"), "X"),
    ("multi_case_dupes", "white", golds("white", "White", "white cat", "a white cat"), "white"),
    ("multi_two_distinct", "cat", golds("cat", "dog"), "cat"),
    ("multi_articles_differ", "cat", golds("the cat", "a cat"), "cat"),
    ("multi_all_unknown", "unknown", golds("unknown", "unknown", "unknown", "unknown"), "unknown"),
    ("multi_yes_variants", "Yes.", golds("yes", "Yes", "yes", "YES"), "Yes."),
    ("multi_none_match", "a big red barn", golds("in the barn", "barn", "the red barn", "near the farm house"), "a big red barn"),
    ("multi_partial", "to the park", golds("to the park with her mom", "the park", "park", "she went to the park"), "to the park"),
    ("multi_three", "Jessica", golds("Jessica", "Jess", "her friend Jessica"), "Jessica"),
    ("multi_empty_gold", "", golds("", "unknown"), ""),
    # gold shapes
    ("shape_answers_string", "white", {"answers": "white"}, "white"),
    ("shape_answer_list", "in a barn", {"answer": ["in a barn", "a barn"]}, "in a barn"),
    ("shape_coqa_doc", "in a barn", COQA_DOC, "in a barn"),
    ("shape_coqa_doc_partial", "barn", COQA_DOC, "barn"),
    ("shape_lm_eval_sample", " In a barn\n\nQ: Who lived there?", LM_EVAL_SAMPLE_REFERENCE, "In a barn"),
]


def row(case):
    case_id, response, reference, ref_extracted = case
    raw = read_golds(reference)
    official = compute_turn_score(raw, ref_extracted)
    paper_golds = lm_eval_golds(raw)
    paper_pred = lm_eval_prediction(response)
    paper = compute_turn_score(paper_golds, paper_pred)
    return {
        "id": case_id,
        "response": response,
        "reference": reference,
        "expect_reference": {"extracted": ref_extracted, "em": official["em"], "f1": official["f1"], "golds": len(raw)},
        "expect_paper": {"extracted": paper_pred, "em": paper["em"], "f1": paper["f1"], "golds": len(paper_golds)},
    }


def main():
    ids = [c[0] for c in CASES]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    lines = [json.dumps(row(c), ensure_ascii=False) for c in CASES]
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} cases to {OUTPUT.relative_to(OUTPUT.parent.parent.parent.parent)}")


if __name__ == "__main__":
    main()
