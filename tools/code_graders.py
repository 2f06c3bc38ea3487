"""The two LiveCodeBench graders the `code` family reproduces, transcribed in plain Python
(stdlib only) as the independent oracle for tests/data/code/ (see tools/gen_code_cases.py).

  lcb        LiveCodeBench's official grader (lcb_runner, commit pinned in docs/code.md):
             extract_code, testing_util.py's execution semantics and comparisons
  evalchemy  the study's grader (evalchemy LiveCodeBench, from SkyThought's checker):
             the last fenced block, its post-processing, exec semantics and comparisons

Each part is written from the behaviour documented in docs/code.md, not copied. Programs are
run by `run_in_child`, in a fresh /usr/bin/python3 with stdin from /dev/null and results
written to a file (a program writing to fd 1 cannot corrupt them). Only run the hand-written
fixture programs with this: it is not a sandbox.
"""
import ast
import decimal
import io
import json
import math
import os
import re
import subprocess
import sys
import tempfile

# ---------------------------------------------------------------------------------------
# Extraction


def lcb_extract(output):
    """extract_code for chat models: the lines between the last two lines holding ```."""
    lines = output.split("\n")
    fences = [i for i, line in enumerate(lines) if "```" in line]
    if len(fences) < 2:
        return None
    return "\n".join(lines[fences[-2] + 1 : fences[-1]])


STUDY_BLOCK = re.compile(r"```(?:[a-zA-Z]*)\n(.*?)```", re.DOTALL)


def study_extract(output):
    """The last fenced block (the study's regex), post-processed; None when there is none."""
    blocks = STUDY_BLOCK.findall(output)
    if not blocks:
        return None
    code = blocks[-1].split("</code>")[0]
    code = code.replace("```python", "")
    code = code.split("```")[0]
    return code.replace("<code>", "")


# ---------------------------------------------------------------------------------------
# Comparison. Each returns "equal", "different" or "invalid" (the grader's comparison raised).


def _lines(text):
    return [line.strip() for line in text.strip().split("\n")]


def _decimals(line):
    try:
        return [decimal.Decimal(token) for token in line.split()]
    except Exception:
        return None


def lcb_stdout(got, expected):
    g, w = _lines(got), _lines(expected)
    if len(g) != len(w):
        return "different"
    for a, b in zip(g, w):
        if a == b:
            continue
        da = _decimals(a)
        if da is None:
            return "different"
        db = _decimals(b)
        if db is None:
            return "different"
        try:
            if da == db:
                continue
        except decimal.InvalidOperation:
            return "invalid"
        return "different"
    return "equal"


def study_expected(expected):
    e = expected.strip()
    if e.endswith("-"):
        e = e[: e.rfind("-")].rstrip()
    return e


def study_stdout(got, expected):
    return "equal" if got.strip() == study_expected(expected) else "different"


RTOL, ATOL = 1e-7, 1e-6


def _token_float(token):
    try:
        d = decimal.Decimal(token)
    except Exception:
        return None
    if not d.is_finite():
        return None
    f = float(d)
    return f if math.isfinite(f) else None


def tolerance_stdout(got, expected, rtol=RTOL, atol=ATOL):
    g, w = _lines(got), _lines(expected)
    if len(g) != len(w):
        return "different"
    for a, b in zip(g, w):
        if a == b:
            continue
        ta, tb = a.split(), b.split()
        if len(ta) != len(tb):
            return "different"
        for x, y in zip(ta, tb):
            if x == y:
                continue
            fx, fy = _token_float(x), _token_float(y)
            if fx is None or fy is None or not abs(fx - fy) <= atol + rtol * abs(fy):
                return "different"
    return "equal"


def encode_value(v):
    """A Python value as the runner's tagged JSON."""
    if v is None or isinstance(v, (bool, int, str)):
        return v
    if isinstance(v, float):
        if math.isnan(v):
            return {"__float__": "nan"}
        if math.isinf(v):
            return {"__float__": "inf" if v > 0 else "-inf"}
        return v
    if isinstance(v, list):
        return [encode_value(x) for x in v]
    if isinstance(v, tuple):
        return {"__tuple__": [encode_value(x) for x in v]}
    if isinstance(v, dict) and all(isinstance(k, str) for k in v):
        return {k: encode_value(x) for k, x in v.items()}
    return {"__repr__": repr(v)}


class Opaque:
    """A value the runner could only describe: equal to nothing."""

    def __init__(self, text):
        self.text = text

    def __eq__(self, other):
        return False

    __hash__ = None


def decode_value(v):
    if isinstance(v, list):
        return [decode_value(x) for x in v]
    if isinstance(v, dict):
        if len(v) == 1:
            (key, inner), = v.items()
            if key == "__tuple__" and isinstance(inner, list):
                return tuple(decode_value(x) for x in inner)
            if key == "__float__" and inner in ("nan", "inf", "-inf"):
                return float(inner)
            if key == "__repr__" and isinstance(inner, str):
                return Opaque(inner)
        return {k: decode_value(x) for k, x in v.items()}
    return v


def study_expected_value(expected):
    e = expected.strip()
    try:
        return json.loads(e)
    except json.JSONDecodeError:
        return e.strip()


def _close(a, b, rtol, atol):
    numbers = (int, float)
    if isinstance(a, numbers) and isinstance(b, numbers):
        if a == b:
            return True
        if not (isinstance(a, float) or isinstance(b, float)):
            return False
        if not (math.isfinite(float(a)) and math.isfinite(float(b))):
            return False
        return abs(float(a) - float(b)) <= atol + rtol * abs(float(b))
    if type(a) is not type(b):
        return a == b if not (isinstance(a, (list, tuple, dict)) or isinstance(b, (list, tuple, dict))) else False
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_close(x, y, rtol, atol) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k], rtol, atol) for k in a)
    return a == b


def functional(got_value, expected_text, rule, rtol=RTOL, atol=ATOL):
    """got_value: the decoded return value; rule: lcb, exact or tolerance."""
    if rule == "exact":
        want = study_expected_value(expected_text)
        return "equal" if got_value == want else "different"
    want = json.loads(expected_text)
    got = list(got_value) if isinstance(got_value, tuple) else got_value
    if rule == "lcb":
        return "equal" if got == want else "different"
    return "equal" if _close(got, want, rtol, atol) else "different"


def compare(kind, rule, got, expected):
    """got: stdout text (stdin tests) or the tagged JSON value (functional tests)."""
    if kind == "functional":
        return functional(decode_value(got), expected, rule)
    return {"lcb": lcb_stdout, "exact": study_stdout, "tolerance": tolerance_stdout}[rule](got, expected)


# ---------------------------------------------------------------------------------------
# Execution, in the child process.

LCB_PRELUDE = "".join(
    "from %s import *\n" % m
    for m in ["string", "re", "datetime", "collections", "heapq", "bisect", "copy", "math", "random", "statistics",
              "itertools", "functools", "operator", "io", "sys", "json", "builtins", "typing"]
) + "".join(
    "import %s\n" % m
    for m in ["string", "re", "datetime", "collections", "heapq", "bisect", "copy", "math", "random", "statistics",
              "itertools", "functools", "operator", "io", "sys", "json"]
) + "sys.setrecursionlimit(50000)\n"


def _guard(disable_exit):
    """The graders' reliability_guard: monkeypatches, not a boundary."""
    import builtins
    import faulthandler
    import shutil
    import subprocess as sp

    faulthandler.disable()
    if disable_exit:
        builtins.exit = None
    builtins.quit = None
    os.environ["OMP_NUM_THREADS"] = "1"
    for name in ["kill", "system", "putenv", "remove", "removedirs", "rmdir", "fchdir", "setuid", "fork", "forkpty",
                 "killpg", "rename", "renames", "truncate", "replace", "unlink", "fchmod", "fchown", "chmod", "chown",
                 "chroot", "lchflags", "lchmod", "lchown", "getcwd", "chdir"]:
        setattr(os, name, None)
    shutil.rmtree = shutil.move = shutil.chown = None
    sp.Popen = None
    for name in ["ipdb", "joblib", "resource", "psutil", "tkinter"]:
        sys.modules[name] = None


def _lcb_unwrap_main(code):
    try:
        tree = ast.parse(code)
        last = tree.body[-1]
        if isinstance(last, ast.If) and ast.unparse(last.test).strip() == "__name__ == '__main__'":
            return ast.unparse(tree.body[:-1]) + "\n" + ast.unparse(last.body)
    except Exception:
        pass
    return code


def _lcb_wrap(code):
    try:
        tree = ast.parse(code)
        imports = [s for s in tree.body if isinstance(s, (ast.Import, ast.ImportFrom))]
        rest = [s for s in tree.body if not isinstance(s, (ast.Import, ast.ImportFrom))]
        fn = ast.FunctionDef(name="wrapped_function",
                             args=ast.arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]),
                             body=rest, decorator_list=[], lineno=-1)
        return LCB_PRELUDE + "\n" + ast.unparse(imports) + "\n" + ast.unparse(fn)
    except Exception:
        return code


class _LcbStdin:
    """lcb's stdin stand-in: read() all, readline() from a StringIO, readlines() split on
    "\\n" (trailing ""), buffer.readline() always the first line; not iterable."""

    def __init__(self, text):
        self._text = text
        self._io = io.StringIO(text)
        self.buffer = _LcbBuffer(text)

    def read(self, *args):
        return self._text

    def readline(self, *args):
        return self._io.readline(*args)

    def readlines(self, *args):
        return self._text.split("\n")

    def __getattr__(self, name):
        return getattr(self._io, name)


class _LcbBuffer:
    def __init__(self, text):
        self._bytes = text.encode("utf-8")

    def read(self, *args):
        return self._bytes

    def readline(self, *args):
        return self._bytes.split(b"\n")[0] + b"\n"


def _lcb_call(method, text):
    from unittest.mock import mock_open, patch

    pieces = iter(text.split("\n"))

    @patch("builtins.open", mock_open(read_data=text))
    @patch("sys.stdin", _LcbStdin(text))
    @patch("sys.stdin.readline", lambda *a: next(pieces))
    @patch("sys.stdin.readlines", lambda *a: text.split("\n"))
    @patch("sys.stdin.read", lambda *a: text)
    def inner(m):
        try:
            return m()
        except SystemExit:
            pass

    return inner(method)


def _result(completed, outcome, output=None, message=""):
    return {"completed": completed, "outcome": outcome, "output": output, "message": message}


def _lcb_run(job, results):
    tests, rule = job["tests"], job["rule"]
    code = job["program"]
    functional = job["kind"] == "functional"
    _guard(disable_exit=False)
    try:
        if functional:
            module = {}
            exec(LCB_PRELUDE + "\n\n" + code, module)
            target = module["Solution"]() if "class Solution" in code else None
            method = getattr(target, job["fn_name"], None) if target is not None else module.get(job["fn_name"])
            if method is None:
                results.append(_result(False, "runtime_error", message="function %s not found" % job["fn_name"]))
                return
        else:
            module = {}
            exec(_lcb_wrap(_lcb_unwrap_main(code)), module)
            method = module.get("wrapped_function")
    except BaseException as e:  # compile errors end the run before any test
        results.append(_result(False, "runtime_error", message="compile: %r" % e))
        return
    for t in tests:
        saved = sys.stdout
        if functional:
            try:
                args = [json.loads(line) for line in t["input"].split("\n")]
                value = method(*args)
            except Exception as e:
                results.append(_result(False, "runtime_error", message=repr(e)))
                return
            got = encode_value(value)
        else:
            sys.stdout = capture = io.StringIO()
            try:
                _lcb_call(method, t["input"])
            except Exception as e:
                sys.stdout = saved
                results.append(_result(False, "runtime_error", message=repr(e)))
                return
            sys.stdout = saved
            got = capture.getvalue()
        verdict = compare(job["kind"], rule, got, t["output"])
        results.append(_result(True, "passed" if verdict == "equal" else "wrong_answer", got, "" if verdict == "equal" else verdict))
        if verdict != "equal":
            return


def _study_inputs(text):
    values = []
    if "=" in text:
        for part in (text.split(",") if "," in text else [text]):
            key, value = map(str.strip, part.split("="))
            try:
                value = int(value)
            except ValueError:
                try:
                    value = float(value)
                except ValueError:
                    value = value.strip('"')
            values.append(value)
        return values
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if line.startswith('"') and line.endswith('"'):
            values.append(line.strip('"'))
        elif line.startswith("[") and line.endswith("]"):
            values.append(json.loads(line))
        else:
            try:
                values.append(int(line))
            except ValueError:
                try:
                    values.append(float(line))
                except ValueError:
                    values.append(line)
    return values


def _evalchemy_run(job, results):
    tests, rule, code = job["tests"], job["rule"], job["program"]
    functional = job["kind"] == "functional"
    _guard(disable_exit=True)
    for t in tests:
        saved_out, saved_in = sys.stdout, sys.stdin
        try:
            if functional:
                namespace = {}
                exec(code, namespace)
                name = code.split("(")[0].split()[-1]
                args = _study_inputs(t["input"])
                sys.stdout = io.StringIO()
                try:
                    value = namespace[name](*args)
                finally:
                    sys.stdout = saved_out
                got = encode_value(value)
            else:
                capture = io.StringIO()
                sys.stdout, sys.stdin = capture, io.StringIO(t["input"])
                try:
                    exec('__name__ = "__main__"\n' + code if '__name__ == "__main__"' in code else code, {})
                finally:
                    sys.stdout, sys.stdin = saved_out, saved_in
                got = capture.getvalue()
        except Exception as e:
            results.append(_result(False, "runtime_error", message=repr(e)))
            return
        except BaseException as e:  # SystemExit escapes the grader's except: the worker dies
            sys.stdout, sys.stdin = saved_out, saved_in
            results.append(_result(False, "runtime_error", message="%r ended the run" % e))
            return
        verdict = compare(job["kind"], rule, got, t["output"])
        results.append(_result(True, "passed" if verdict == "equal" else "wrong_answer", got, "" if verdict == "equal" else verdict))
        if verdict != "equal":
            return


def child_main(job_path, result_path):
    with open(job_path) as f:
        job = json.load(f)
    results = []
    try:
        (_lcb_run if job["harness"] == "lcb" else _evalchemy_run)(job, results)
    finally:
        with open(result_path, "w") as f:
            json.dump(results, f)
        os._exit(0)


def run_in_child(harness, program, tests, kind, fn_name, rule, timeout=60):
    """Runs `program` on `tests` with `harness` semantics, comparing with `rule` and stopping
    at the first failure; returns one result per test run."""
    with tempfile.TemporaryDirectory() as tmp:
        job_path, result_path = os.path.join(tmp, "job.json"), os.path.join(tmp, "result.json")
        with open(job_path, "w") as f:
            json.dump({"harness": harness, "program": program, "tests": tests, "kind": kind, "fn_name": fn_name,
                       "rule": rule}, f)
        subprocess.run(["/usr/bin/python3", os.path.abspath(__file__), "--child", job_path, result_path],
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=timeout, cwd=tmp)
        with open(result_path) as f:
            return json.load(f)


if __name__ == "__main__" and len(sys.argv) == 4 and sys.argv[1] == "--child":
    child_main(sys.argv[2], sys.argv[3])
