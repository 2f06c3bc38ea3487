# Writes tests/data/code/*.jsonl: hand-written LiveCodeBench-style problems and solutions
# (no LiveCodeBench data), each habit that splits the graders, with the verdicts each grader
# gives, computed by tools/code_graders.py (extraction, execution and comparison transcribed
# from lcb_runner and the study's evalchemy checker).
# Usage: /usr/bin/python3 tools/gen_code_cases.py tests/data/code
import decimal
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import code_graders as g  # noqa: E402


def stdin_test(i, o, public=False):
    return {"input": i, "output": o, "testtype": "stdin", "public": public}


def func_test(i, o, public=False):
    return {"input": i, "output": o, "testtype": "functional", "public": public}


# ---- problems --------------------------------------------------------------------------
PROBLEMS = {
    # read n, print 2n
    "double": {"tests": [stdin_test("21\n", "42\n", True), stdin_test("5\n", "10\n"), stdin_test("-3\n", "-6\n")]},
    # read n then n numbers; print each pair sum on its own line
    "pairs": {"tests": [stdin_test("2\n1 2\n3 4\n", "3\n7\n", True), stdin_test("3\n1 1\n2 2\n5 5\n", "2\n4\n10\n")]},
    # print the first and last word of a line, space-separated, on two lines with a header
    "grid": {"tests": [stdin_test("2 2\n", "1 2\n3 4\n", True), stdin_test("1 3\n", "1 2 3\n")]},
    # print 1/n with 6 decimals
    "inverse": {"tests": [stdin_test("3\n", "0.333333\n", True), stdin_test("8\n", "0.125000\n")]},
    # the answer ends with "-" in the data (the study's dataset hack)
    "dash": {"tests": [stdin_test("1\n", "a-\n")]},
    # sum of the numbers on every line
    "total": {"tests": [stdin_test("1\n2\n3\n", "6\n", True), stdin_test("10\n20\n", "30\n")]},
    # functional: indices of two numbers adding up to target
    "pair_sum": {"fn_name": "pairSum",
                 "tests": [func_test("[1, 2, 3]\n4", "[0, 2]", True), func_test("[5, 7, 1]\n8", "[1, 2]")]},
    # functional: average of a list
    "mean": {"fn_name": "mean", "tests": [func_test("[1, 2]", "1.5", True), func_test("[0.1, 0.2]", "0.15")]},
    # functional: the input flag, unchanged
    "echo_flag": {"fn_name": "echo", "tests": [func_test("true", "true", True), func_test("false", "false")]},
    # functional: word counts
    "counts": {"fn_name": "counts", "tests": [func_test("\"a b a\"", "{\"a\": 2, \"b\": 1}", True), func_test("\"x\"", "{\"x\": 1}")]},
}

FENCE = "```"


def py(body, lang="python", before="Here is my solution.\n\n", after="\n"):
    return before + FENCE + lang + "\n" + body.rstrip("\n") + "\n" + FENCE + after


# ---- solutions: (id, problem, response, note, also_tolerance) ---------------------------
CASES = [
    ("double-input", "double", py("n = int(input())\nprint(2 * n)"), "input()", False),
    ("double-read", "double", py("import sys\nn = int(sys.stdin.read())\nprint(n * 2)"), "sys.stdin.read()", False),
    ("double-for-line", "double", py("import sys\nfor line in sys.stdin:\n    print(2 * int(line))"),
     "for line in sys.stdin: lcb's stdin stand-in is not iterable", False),
    ("double-buffer", "double", py("import sys\nn = int(sys.stdin.buffer.read())\nprint(2 * n)"),
     "sys.stdin.buffer: evalchemy's StringIO has none", False),
    ("double-sys-exit", "double", py("import sys\nprint(2 * int(input()))\nsys.exit(0)"),
     "sys.exit after printing: lcb swallows SystemExit, evalchemy's worker dies", False),
    ("double-exit", "double", py("print(2 * int(input()))\nexit()"), "exit(): evalchemy sets builtins.exit = None", False),
    ("double-float-format", "double", py("print('%.3f' % (2 * int(input())))"), "42.000 for 42: Decimal equality", True),
    ("double-main-single", "double", py("def main():\n    print(2 * int(input()))\n\nif __name__ == '__main__':\n    main()"),
     "__main__ with single quotes: evalchemy only handles double quotes", False),
    ("double-main-double", "double", py("def main():\n    print(2 * int(input()))\n\nif __name__ == \"__main__\":\n    main()"),
     "__main__ with double quotes", False),
    ("double-wrong", "double", py("print(int(input()) + 2)"), "wrong answer", False),
    ("double-crash", "double", py("print(2 * int(input()) // 0)"), "runtime error", False),
    ("double-stdout-write", "double", py("import sys\nsys.stdout.write(str(2 * int(input())) + '\\n')"), "sys.stdout.write", False),
    ("double-nbsp", "double", py("print(str(2 * int(input())) + '\\u00a0')"), "a trailing no-break space: Python's strip removes it", False),
    ("double-arabic-digits", "double",
     py("n = 2 * int(input())\nprint(''.join(chr(0x660 + int(c)) if c.isdigit() else c for c in str(n)))"),
     "Arabic-Indic digits: Decimal reads them", False),
    ("double-underscore", "double", py("n = 2 * int(input())\nprint(f'{n:_}' if abs(n) >= 10 else n)"),
     "underscores between digits: Decimal ignores them", False),
    ("double-exponent", "double", py("print(f'{2 * int(input()):.1e}')"), "4.2e+01: Decimal reads exponents", True),
    ("double-global", "double", py("total = 0\n\ndef add(v):\n    global total\n    total += v\n\nadd(2 * int(input()))\nprint(total)"),
     "a module variable with `global`: lcb moves it into wrapped_function", False),
    ("double-public-only-fails", "double", py("n = int(input())\nprint(42 if n != 21 else 0)"),
     "fails only the public test: the study grades private tests only", False),
    ("double-no-fence", "double", "n = int(input())\nprint(2 * n)\n", "no fenced block", False),
    ("double-one-fence", "double", "```python\nn = int(input())\nprint(2 * n)\n", "an unclosed fence", False),
    ("double-no-lang-newline", "double", "```python n = int(input())\nprint(2 * n)```\n",
     "code on the fence line: the study's regex needs a newline after the tag", False),
    ("double-two-blocks", "double",
     "First try:\n```python\nprint(int(input()) + 1)\n```\nFixed:\n```python\nprint(2 * int(input()))\n```\n",
     "two blocks: both graders take the last", False),
    ("double-thinking-block", "double",
     "<think>\nMaybe:\n```python\nprint(int(input()))\n```\n</think>\n```python\nprint(2 * int(input()))\n```\n",
     "a block inside the reasoning trace, then the answer", False),
    ("double-inline-fence", "double", "The answer uses ```print``` like so:\n```python\nprint(2 * int(input()))\n```\n",
     "a line mentioning ``` inline counts as a fence line for lcb", False),
    ("double-code-tags", "double", py("<code>print(2 * int(input()))</code>"), "<code> tags: the study's post-processing removes them", False),
    ("pairs-readline", "pairs", py("import sys\ninput = sys.stdin.readline\nn = int(input())\nfor _ in range(n):\n    a, b = map(int, input().split())\n    print(a + b)"),
     "input = sys.stdin.readline", False),
    ("pairs-readlines", "pairs", py("import sys\nlines = sys.stdin.readlines()\nfor line in lines[1:]:\n    a, b = map(int, line.split())\n    print(a + b)"),
     "readlines: lcb's has a trailing empty string", False),
    ("pairs-trailing-space", "pairs", py("n = int(input())\nfor _ in range(n):\n    a, b = map(int, input().split())\n    print(a + b, end=' \\n')"),
     "a trailing space on every line", False),
    ("pairs-blank-line", "pairs", py("n = int(input())\nfor i in range(n):\n    a, b = map(int, input().split())\n    print(a + b)\n    if i == 0:\n        print()"),
     "a blank line inside the output", False),
    ("pairs-trailing-blank-lines", "pairs", py("n = int(input())\nfor _ in range(n):\n    print(sum(map(int, input().split())))\nprint()\nprint()"),
     "blank lines after the output", False),
    ("pairs-from-sys-import", "pairs", py("from sys import stdin\nn = int(stdin.readline())\nfor _ in range(n):\n    print(sum(map(int, stdin.readline().split())))"),
     "from sys import stdin", False),
    ("grid-trailing-space", "grid", py("r, c = map(int, input().split())\nk = 1\nfor _ in range(r):\n    print(*range(k, k + c), end=' \\n')\n    k += c"),
     "a trailing space inside a non-final line", False),
    ("grid-ok", "grid", py("r, c = map(int, input().split())\nrows = [' '.join(str(i * c + j + 1) for j in range(c)) for i in range(r)]\nprint('\\n'.join(rows))"),
     "correct", False),
    ("grid-crlf", "grid", py("import sys\nr, c = map(int, input().split())\nfor i in range(r):\n    sys.stdout.write(' '.join(str(i * c + j + 1) for j in range(c)) + '\\r\\n')"),
     "\\r\\n line ends", False),
    ("inverse-more-digits", "inverse", py("print(f'{1 / int(input()):.7f}')"), "one more decimal: not equal as decimals, close as floats", True),
    ("inverse-repr", "inverse", py("print(1 / int(input()))"), "repr of the float", True),
    ("inverse-exact", "inverse", py("print(f'{1 / int(input()):.6f}')"), "correct", True),
    ("dash-plain", "dash", py("input()\nprint('a')"), "prints a: the study drops the expected trailing '-'", False),
    ("dash-with", "dash", py("input()\nprint('a-')"), "prints a-", False),
    ("total-for-line", "total", py("import sys\nprint(sum(int(x) for x in sys.stdin))"), "iterating stdin", False),
    ("total-read-split", "total", py("import sys\nprint(sum(map(int, sys.stdin.read().split())))"), "read().split()", False),
    ("total-open0", "total", py("print(sum(map(int, open(0).read().split())))"),
     "open(0): lcb's prefix imports io.open over the patched open, so it reads the real stdin", False),
    # functional
    ("pair-sum-class", "pair_sum", py("from typing import List\n\nclass Solution:\n    def pairSum(self, nums: List[int], target: int) -> List[int]:\n        seen = {}\n        for i, x in enumerate(nums):\n            if target - x in seen:\n                return [seen[target - x], i]\n            seen[x] = i\n        return []"),
     "class Solution: the study takes the name before the first '('", False),
    ("pair-sum-def", "pair_sum", py("def pairSum(nums, target):\n    for i in range(len(nums)):\n        for j in range(i + 1, len(nums)):\n            if nums[i] + nums[j] == target:\n                return [i, j]\n    return []"),
     "a top-level function", False),
    ("pair-sum-tuple", "pair_sum", py("def pairSum(nums, target):\n    for i in range(len(nums)):\n        for j in range(i + 1, len(nums)):\n            if nums[i] + nums[j] == target:\n                return (i, j)\n    return ()"),
     "a tuple for a list: lcb converts a top-level tuple", False),
    ("pair-sum-nested-tuple", "pair_sum", py("def pairSum(nums, target):\n    return [(i, j) for i in range(len(nums)) for j in range(i + 1, len(nums)) if nums[i] + nums[j] == target][0]"),
     "the first pair of a comprehension: a tuple", False),
    ("pair-sum-helper-first", "pair_sum", py("def index_of(nums, x):\n    return nums.index(x)\n\ndef pairSum(nums, target):\n    for i, x in enumerate(nums):\n        if target - x in nums[i + 1:]:\n            return [i, index_of(nums[i + 1:], target - x) + i + 1]\n    return []"),
     "a helper defined first: the study calls the helper", False),
    ("pair-sum-wrong", "pair_sum", py("def pairSum(nums, target):\n    return [0, 1]"), "wrong answer", False),
    ("mean-float", "mean", py("def mean(xs):\n    return sum(xs) / len(xs)"), "0.1 + 0.2 is not 0.3: no float tolerance", True),
    ("mean-fraction", "mean", py("from fractions import Fraction\n\ndef mean(xs):\n    return float(sum(Fraction(str(x)) for x in xs) / len(xs))"),
     "exact arithmetic", True),
    ("echo-flag", "echo_flag", py("def echo(b):\n    return b"), "the study reads 'true' as the string 'true'", False),
    ("echo-flag-int", "echo_flag", py("def echo(b):\n    return 1 if b is True else 0"), "1 for True: Python's == is numeric", False),
    ("counts-dict", "counts", py("def counts(s):\n    out = {}\n    for w in reversed(s.split()):\n        out[w] = out.get(w, 0) + 1\n    return out"),
     "a dict in another order", False),
    ("counts-items", "counts", py("def counts(s):\n    return sorted({w: s.split().count(w) for w in s.split()}.items())"),
     "a list of tuples for a dict", False),
]


def outcomes_of(results, n):
    out = [r["outcome"] for r in results] + ["not_run"] * (n - len(results))
    return out[:n]


def expectation(harness, extract, rule, case_id, problem, response, paper):
    tests = problem["tests"]
    used = [i for i, t in enumerate(tests) if not (paper and t["public"])]
    program = extract(response)
    if program is not None and not paper and not program.strip():
        program = None
    if program is None:
        return {"status": "ok" if paper else "no_answer", "correct": False, "extracted": None}
    kind = tests[0]["testtype"]
    results = g.run_in_child(harness, program, [tests[i] for i in used], kind, problem.get("fn_name"), rule)
    outcomes = outcomes_of(results, len(used))
    outputs = [None] * len(tests)
    passed = [None] * len(tests)
    for k, r in enumerate(results):
        if r["completed"]:
            outputs[used[k]] = r["output"]
        passed[used[k]] = r["outcome"] == "passed"
    messages = [r["message"] for r in results]
    return {"status": "ok", "correct": len(used) > 0 and all(o == "passed" for o in outcomes), "extracted": program,
            "tests_used": used, "outcomes": outcomes, "outputs": outputs, "passed": passed,
            "invalid": any(m == "invalid" for m in messages)}


def reference_of(problem):
    ref = {"tests": problem["tests"]}
    if "fn_name" in problem:
        ref["fn_name"] = problem["fn_name"]
    return ref


def cases_rows():
    rows = []
    for case_id, pid, response, note, tolerance in CASES:
        problem = PROBLEMS[pid]
        row = {"id": case_id, "problem": pid, "habit": note, "response": response, "reference": reference_of(problem),
               "expect": {
                   "reference": expectation("lcb", g.lcb_extract, "lcb", case_id, problem, response, False),
                   "paper": expectation("evalchemy", g.study_extract, "exact", case_id, problem, response, True)}}
        if tolerance:
            row["expect"]["tolerance"] = expectation("lcb", g.lcb_extract, "tolerance", case_id, problem, response, False)
        rows.append(row)
    return rows


# ---- comparison probes (no process) -----------------------------------------------------
STDOUT_PROBES = [
    ("42", "42"), ("42\n", "42"), ("  42  \n\n", "42"), ("42.000", "42"), ("42.0", "42"), ("4.2e1", "42"), ("4.2E+1", "42"),
    ("+42", "42"), ("042", "42"), ("4_2", "42"), ("\u0664\u0662", "42"), ("42\u00a0", "42"), ("\u3000" + "42", "42"),
    ("0.3333333333", "0.333333333333"), ("0.333333", "0.3333333"), ("1e3", "1000"), ("-0", "0"), ("0.0", "-0.00"),
    ("nan", "nan"), ("NaN", "nan"), ("nan", "NaN"), ("inf", "Infinity"), ("-inf", "-Infinity"), ("inf", "-inf"),
    ("sNaN", "1"), ("1 sNaN", "2 3"), ("sNaN 1", "sNaN 1"), ("sNaN", "sNaN 1"), ("1 2", "1 2 3"),
    ("1 2", "2 1"), ("1  2", "1 2"), ("1\t2", "1 2"), ("1 2 ", "1 2"), ("yes", "Yes"), ("a b", "a  b"),
    ("1\n\n2", "1\n2"), ("1\n2\n", "1\n2"), ("1\r\n2\r\n", "1\n2"), ("a\n b", "a\nb"), ("1,000", "1000"), ("0x10", "16"),
    ("1.", "1"), (".5", "0.5"), ("5.", "5"), ("1e", "1"), ("e1", "10"), ("--1", "1"), ("1e999999999999999999", "1e999999999999999999"),
    ("1e1000000000000000000", "1e1000000000000000000"), ("Infinity", "inf"), ("infinit", "inf"), ("nan12", "nan12"),
    ("a-", "a"), ("a", "a-"), ("a -", "a"), ("a \n-", "a"), ("--", "-"), ("x", "x-\n"), ("", ""), ("", "0"), ("0", ""),
    ("0.1000000", "0.1"), ("1.0000001", "1"), ("1.00001", "1"), ("100000001", "100000000"), ("1e-7", "0"), ("\u00b2", "2"),
    ("3.14 2.71", "3.1400 2.7100"), ("3.1400001 2.71", "3.14 2.71"), ("1_000_000", "1000000"), ("_1", "1"), ("1__0", "10"),
    ("nan_1", "NaN1"), ("sNaN", "sNaN"), ("+inf", "inf"), ("iNfInItY", "inf"), ("1E+00000000000000000000000000001", "10"),
]

FUNCTIONAL_PROBES = [
    # (returned, as tagged JSON text; expected JSON text)
    ("[0, 2]", "[0, 2]"), ("{\"__tuple__\": [0, 2]}", "[0, 2]"), ("[{\"__tuple__\": [0, 2]}]", "[[0, 2]]"),
    ("2.0", "2"), ("2", "2.0"), ("true", "1"), ("false", "0"), ("true", "1.0"), ("1", "true"), ("0.30000000000000004", "0.3"),
    ("{\"__float__\": \"nan\"}", "NaN"), ("{\"__float__\": \"inf\"}", "Infinity"), ("{\"__float__\": \"-inf\"}", "-Infinity"),
    ("{\"b\": 2, \"a\": 1}", "{\"a\": 1, \"b\": 2}"), ("{\"a\": 1}", "{\"a\": 1, \"b\": 2}"), ("{\"a\": 1.0}", "{\"a\": 1}"),
    ("\"abc\"", "\"abc\""), ("\"abc\"", "abc"), ("null", "null"), ("[]", "[]"), ("{\"__tuple__\": []}", "[]"),
    ("{\"__repr__\": \"{1, 2}\"}", "[1, 2]"), ("9007199254740993", "9007199254740992.0"), ("9007199254740992", "9007199254740992.0"),
    ("123456789012345678901234567890", "123456789012345678901234567890"), ("1e400", "Infinity"), ("-0.0", "0"),
    ("\"\\u00e9\"", "\"\u00e9\""), ("\"\\ud83d\\ude00\"", "\"\\ud83d\\ude00\""), ("[1, [2, {\"__tuple__\": [3]}]]", "[1, [2, [3]]]"),
    ("[1, 2]", "[1, 2]  "), ("1.5", " 1.5\n"), ("0.15000000000000002", "0.15"), ("[0.1, 0.2]", "[0.1, 0.2000001]"),
    ("{\"a\": 1, \"a\": 2}", "{\"a\": 2}"), ("1", "1.0000000001"), ("100000000000000000000", "1e20"),
]


def compare_rows():
    rows = []
    for got, want in STDOUT_PROBES:
        rows.append({"kind": "stdin", "got": got, "expected": want, "lcb": g.lcb_stdout(got, want),
                     "exact": g.study_stdout(got, want), "tolerance": g.tolerance_stdout(got, want)})
    for got, want in FUNCTIONAL_PROBES:
        value = g.decode_value(json.loads(got))
        try:
            lcb = g.functional(value, want, "lcb")
        except ValueError:
            lcb = "malformed"
        try:
            tol = g.functional(value, want, "tolerance")
        except ValueError:
            tol = "malformed"
        rows.append({"kind": "functional", "got": got, "expected": want, "lcb": lcb, "exact": g.functional(value, want, "exact"),
                     "tolerance": tol})
    return rows


DECIMAL_TOKENS = [
    "42", "+42", "-42", "042", "42.000", "4.2e1", "4.2E+1", "420e-1", "1_000", "_1", "1_", "_", "1__0", "1_e1_0", "\u0664\u0662",
    "\u00b2", "\uff14\uff12", "\U0001d7ce\U0001d7d9", "inf", "-Infinity", "iNfInItY", "infinit", "infx", "nan", "NaN12", "-nan", "nan_1",
    "nanx", "sNaN", "-snan7", "1e", "1e+", "e1", ".", ".5", "5.", "1.2.3", "1e5.0", "0x1", "1,000", "--1", "+-1", "", " 7 ",
    "1e999999999999999999", "1e1000000000000000000", "0e1000000000000000000", "0e999999999999999999",
    "1e-1999999999999999997", "1e-1999999999999999998", "10e-1999999999999999998", "0e-1999999999999999998",
    "123.456e-2", "0.000", "-0", "100", "1E+00000000000000000000000000001", "1e10000000010000000000000000000000000000", "-1e-10000000010000000000000000000000000000", "1\u00a0", "\u00a01", "1 2", "\x00",
]


def decimal_rows():
    rows = []
    for token in DECIMAL_TOKENS:
        try:
            d = decimal.Decimal(token)
        except decimal.InvalidOperation:
            rows.append({"token": token, "valid": False})
            continue
        t = d.as_tuple()
        row = {"token": token, "valid": True, "negative": bool(t.sign)}
        if d.is_snan():
            row["kind"] = "signaling_nan"
        elif d.is_qnan():
            row["kind"] = "quiet_nan"
        elif d.is_infinite():
            row["kind"] = "infinity"
        else:
            digits = "".join(map(str, t.digits)).lstrip("0")
            exponent = t.exponent
            while digits.endswith("0"):
                digits = digits[:-1]
                exponent += 1
            row.update({"kind": "finite", "digits": digits, "exponent": str(exponent if digits else 0)})
        rows.append(row)
    return rows


EXTRACT_PROBES = [
    "no code here", "```python\nprint(1)\n```", "```\nprint(1)\n```", "```py\nprint(1)\n```\n\n```python\nprint(2)\n```",
    "```python\nprint(1)", "text ```python\nprint(1)\n``` more", "```python print(1)```", "````python\nprint(1)\n````",
    "```python\n```", "```python\n\n```", "```c++\nint main(){}\n```", "```Python3\nprint(3)\n```", "```python\nx = '```'\n```",
    "```python\n<code>print(1)</code>\n```", "```python\nprint(1)\n</code>junk\n```", "a\n```\nb\n```\nc\n```\nd\n```\ne",
    "```python\r\nprint(1)\r\n```\r\n", "```\n```python\nprint(5)\n```", "``` \nprint(1)\n```", "```python\nprint(1)\n```python\nprint(2)\n```",
    "<think>```python\nprint(0)\n```</think>\n```python\nprint(1)\n```", "```python\nprint('é')\n```", "``````",
    "```python\nprint(1)\n```\nAnd inline ```x``` in prose.",
]


def extract_rows():
    return [{"response": r, "lcb": g.lcb_extract(r), "study": g.study_extract(r)} for r in EXTRACT_PROBES]


def record_rows(cases):
    """The fixtures as canonical livecodebench records carrying the official grader's outputs
    (execution.outputs): scored as they are, or with --execute (which ignores them)."""
    rows = []
    for row in cases:
        record = {"id": row["id"], "benchmark": "livecodebench", "model": "fixtures", "sample": 0, "response": row["response"],
                  "reference": row["reference"]}
        outputs = row["expect"]["reference"].get("outputs")
        if outputs is not None:
            record["execution"] = {"outputs": outputs}
        rows.append(record)
    return rows


def write(path, rows):
    with open(path, "w") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(path, len(rows))


if __name__ == "__main__":
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, "decimal.jsonl"), decimal_rows())
    write(os.path.join(out, "compare.jsonl"), compare_rows())
    write(os.path.join(out, "extract.jsonl"), extract_rows())
    cases = cases_rows()
    write(os.path.join(out, "cases.jsonl"), cases)
    write(os.path.join(out, "records.jsonl"), record_rows(cases))
    for mode in ("reference", "paper"):
        expects = [c["expect"][mode] for c in cases]
        print(mode, "correct", sum(e["correct"] for e in expects), "no_answer", sum(e["status"] == "no_answer" for e in expects))
