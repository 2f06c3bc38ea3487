#pragma once
// The Python harness the runner starts in every sandbox: it reproduces each grader's
// execution semantics (see the comments in the source and docs/sandbox.md) and speaks the
// frames of protocol.hpp on fd 3. Embedded as text so the library stays header-only; the
// literal is split in pieces below every compiler's limit for one string literal.

#include <transferscore/config.hpp>

#include <string_view>

TRANSFERSCORE_BEGIN_NAMESPACE
namespace code::sandbox {

/// What `python -c` runs: reads the harness, compiled once at start-up by the same
/// interpreter and marshaled, from fd 3 (a u32 length, then the code), and runs it.
/// Compiling ~20 KB of source at every start would cost more than the sandbox does.
inline constexpr std::string_view harness_boot =
    "import marshal, os\n"
    "def _take(n):\n"
    "    b = b''\n"
    "    while len(b) < n:\n"
    "        c = os.read(3, n - len(b))\n"
    "        if not c:\n"
    "            os._exit(0)\n"
    "        b += c\n"
    "    return b\n"
    "exec(marshal.loads(_take(int.from_bytes(_take(4), 'little'))))\n";

inline constexpr std::string_view harness_source =
R"harness(# transferscore's code harness. One process runs one program against its tests, which
# arrive one at a time on fd 3 (inputs only); each result goes back raw, and the runner
# compares it with the expected output outside the sandbox. The execution semantics are
# those of the grader named in the 'P' frame: LiveCodeBench's lcb_runner
# (lcb_runner/evaluation/testing_util.py) or the study's evalchemy checker
# (eval/chat_benchmarks/LiveCodeBench/livecodebench_utils.py), quirks included, because
# verdicts depend on them. Started as `python -I -S -B -c <this> <import path entries>`.
import sys, builtins, io, os, _signal

_read, _write, _exit = os.read, os.write, os._exit
_setitimer, _ITIMER_PROF = _signal.setitimer, _signal.ITIMER_PROF
_CHANNEL = 3
_COMPLETED, _RUNTIME_ERROR, _MEMORY_LIMIT, _OUTPUT_LIMIT = 0, 1, 2, 3
_LCB = 0


def _read_exactly(n):
    parts = []
    while n:
        chunk = _read(_CHANNEL, min(n, 1 << 20))
        if not chunk:
            _exit(0)
        parts.append(chunk)
        n -= len(chunk)
    return b"".join(parts)


def _receive():
    head = _read_exactly(5)
    return head[4:5], _read_exactly(int.from_bytes(head[:4], "little"))


def _send(kind, body=b""):
    data = memoryview(len(body).to_bytes(4, "little") + kind + body)
    while data:
        data = data[_write(_CHANNEL, data):]


def _report(outcome, message="", output=b""):
    text = message.encode("utf-8", "backslashreplace")[:4000]
    _send(b"R", bytes((outcome,)) + len(text).to_bytes(4, "little") + text + output)


def _describe(exc):
    try:
        detail = str(exc)
    except BaseException:
        detail = ""
    name = type(exc).__name__
    return f"{name}: {detail}" if detail else name


def _fail(exc, note=""):
    _setitimer(_ITIMER_PROF, 0)
    outcome = _MEMORY_LIMIT if isinstance(exc, MemoryError) else _RUNTIME_ERROR
    _report(outcome, _describe(exc) + note)
    _exit(0)


class _Limits:
    cpu = 6.0
    output = 1 << 24
    capture = None


# Per-test CPU limit: a CPU-time itimer whose SIGPROF kills the process (the default
# action), so no exception the program could catch is involved; the runner reads the
# signal as cpu_time_limit. The output cap is checked every 50 ms of CPU by SIGVTALRM.
def _begin(capture=None):
    _Limits.capture = capture
    _setitimer(_ITIMER_PROF, _Limits.cpu)


def _end():
    _setitimer(_ITIMER_PROF, 0)
    _Limits.capture = None


def _over_output_limit():
    _setitimer(_ITIMER_PROF, 0)
    _report(_OUTPUT_LIMIT, f"captured output exceeded {_Limits.output} bytes")
    _exit(0)


def _watch_output(signum, frame):
    stream = _Limits.capture
    if stream is not None:
        try:
            size = stream.tell()
        except BaseException:
            return
        if size > _Limits.output:
            _over_output_limit()


def _report_output(text):
    data = text.encode("utf-8", "surrogatepass")
    if len(data) > _Limits.output:
        _over_output_limit()
    _report(_COMPLETED, "", data)


_ESCAPES = {c: f"\\u{c:04x}" for c in range(32)}
_ESCAPES.update({8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r", 34: '\\"', 92: "\\\\"})
_TAGS = ("__tuple__", "__repr__", "__float__")


def _json_string(s):
    return '"' + s.translate(_ESCAPES) + '"'


def _tagged_repr(value):
    text = repr(value).encode("utf-8", "backslashreplace").decode("utf-8")
    return '{"__repr__":' + _json_string(text) + "}"


class _Raw:
    __slots__ = ("text", "leave")

    def __init__(self, text, leave=None):
        self.text, self.leave = text, leave


def _number(value):
    import numbers
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    if type(value).__name__ == "bool_":
        return bool(value)
    return value


# Return values as JSON, with the Python types JSON cannot tell apart tagged:
# {"__tuple__": [...]}, {"__float__": "nan"|"inf"|"-inf"}, {"__repr__": "..."} for
# anything else (sets, objects, dicts with non-string keys). Iterative: deep values do not
# hit the recursion limit, and a cycle is written as its repr.
def _encode(root):
    out, work, active = [], [root], set()
    while work:
        value = work.pop()
        if type(value) is _Raw:
            out.append(value.text)
            if value.leave is not None:
                active.discard(value.leave)
            continue
        if not isinstance(value, (bool, int, float, str, list, tuple, dict)) and value is not None:
            value = _number(value)
        if value is None:
            out.append("null")
        elif isinstance(value, bool):
            out.append("true" if value else "false")
        elif isinstance(value, int):
            out.append(int.__repr__(value))
        elif isinstance(value, float):
            number = float(value)
            if number != number:
                out.append('{"__float__":"nan"}')
            elif number in (float("inf"), float("-inf")):
                out.append('{"__float__":"%s"}' % ("inf" if number > 0 else "-inf"))
            else:
                out.append(float.__repr__(number))
        elif isinstance(value, str):
            text = str.__str__(value)
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                out.append(_tagged_repr(text))
            else:
                out.append(_json_string(text))
        elif isinstance(value, (list, tuple, dict)):
            key = id(value)
            if key in active:
                out.append(_tagged_repr(value))
                continue
            if isinstance(value, dict):
                items = list(value.items())
                if any(not isinstance(k, str) or k in _TAGS for k, _ in items) or any(
                        _not_utf8(k) for k, _ in items):
                    out.append(_tagged_repr(value))
                    continue
                active.add(key)
                out.append("{")
                work.append(_Raw("}", key))
                for i in range(len(items) - 1, -1, -1):
                    k, v = items[i]
                    work.append(v)
                    work.append(_Raw(("," if i else "") + _json_string(str.__str__(k)) + ":"))
            else:
                items = list(value)
                active.add(key)
                is_tuple = isinstance(value, tuple)
                out.append('{"__tuple__":[' if is_tuple else "[")
                work.append(_Raw("]}" if is_tuple else "]", key))
                for i in range(len(items) - 1, -1, -1):
                    work.append(items[i])
                    if i:
                        work.append(_Raw(","))
        else:
            out.append(_tagged_repr(value))
    return "".join(out)


def _not_utf8(text):
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _serve(run_test):
    """Says the program is ready, then runs each test the runner sends until it stops."""
    _send(b"C")
    while True:
        kind, body = _receive()
        if kind != b"T":
            _exit(0)
        run_test(body.decode("utf-8", "surrogateescape"))


def _digits(limit):
    setter = getattr(sys, "set_int_max_str_digits", None)
    if setter is not None:
        setter(limit)


def _report_value(value):
    getter = getattr(sys, "get_int_max_str_digits", None)
    saved = getter() if getter is not None else None
    _digits(0)
    _begin()
    try:
        text = _encode(value)
    except BaseException as exc:
        _fail(exc, " (while encoding the return value)")
    _end()
    if saved is not None:
        _digits(saved)
    _report_output(text)


class _PatchOnImport:
    """reliability_guard imports shutil and subprocess to disable parts of them; doing
    that when the program imports them gives the same modules at a fraction of the
    start-up cost."""

    def __init__(self, fixes):
        self.fixes = fixes

    def find_spec(self, name, path=None, target=None):
        fix = self.fixes.get(name)
        if fix is None:
            return None
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            if finder is self or find is None:
                continue
            spec = find(name, path, target)
            if spec is not None:
                spec.loader = _FixingLoader(spec.loader, fix)
                return spec
        return None


class _FixingLoader:
    def __init__(self, loader, fix):
        self.loader, self.fix = loader, fix

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        self.loader.exec_module(module)
        self.fix(module)

    def __getattr__(self, name):
        return getattr(self.loader, name)


def _fix_shutil(module):
    module.rmtree = None
    module.move = None
    module.chown = None


def _fix_subprocess(module):
    module.Popen = None


def _reliability_guard(semantics):
    import faulthandler
    faulthandler.disable()
    if semantics != _LCB:
        builtins.exit = None
    builtins.quit = None
    os.environ["OMP_NUM_THREADS"] = "1"
    for name in ("kill", "system", "putenv", "remove", "removedirs", "rmdir", "fchdir",
                 "setuid", "fork", "forkpty", "killpg", "rename", "renames", "truncate",
                 "replace", "unlink", "fchmod", "fchown", "chmod", "chown", "chroot",
                 "lchflags", "lchmod", "lchown", "getcwd", "chdir"):
        setattr(os, name, None)
    fixes = {"shutil": _fix_shutil, "subprocess": _fix_subprocess}
    for name, fix in fixes.items():
        if name in sys.modules:
            fix(sys.modules[name])
    sys.meta_path.insert(0, _PatchOnImport(fixes))
    if semantics == _LCB:
        builtins.help = None
    for name in ("ipdb", "joblib", "resource", "psutil", "tkinter"):
        sys.modules[name] = None


# -S skips site for speed (and its .pth files); the names site adds to builtins are
# restored here, since programs and the lcb prefix's `from builtins import *` see them.
def _site_builtins():
    import _sitebuiltins
    if not hasattr(builtins, "exit"):
        eof = "Ctrl-D (i.e. EOF)"
        builtins.exit = _sitebuiltins.Quitter("exit", eof)
        builtins.quit = _sitebuiltins.Quitter("quit", eof)
        builtins.help = _sitebuiltins._Helper()
        builtins.copyright = _sitebuiltins._Printer("copyright", sys.copyright)
        builtins.credits = _sitebuiltins._Printer("credits", "See https://www.python.org.")
        builtins.license = _sitebuiltins._Printer("license", "See https://www.python.org/psf/license/")


# ---- lcb_runner (LiveCodeBench, lcb_runner/evaluation/testing_util.py) ----

_LCB_STAR = ("string", "re", "datetime", "collections", "heapq", "bisect", "copy", "math",
             "random", "statistics", "itertools", "functools", "operator", "io", "sys",
             "json", "builtins", "typing")
_LCB_PREFIX = ("".join(f"from {m} import *\n" for m in _LCB_STAR)
               + "".join(f"import {m}\n" for m in _LCB_STAR if m not in ("builtins", "typing"))
               + "sys.setrecursionlimit(50000)\n")


# clean_if_name: a trailing `if __name__ == '__main__':` (either quote style, compared
# after ast.unparse) is replaced by its body.
def _lcb_unwrap_main(code):
    try:
        import ast
        tree = ast.parse(code)
        last = tree.body[-1]
        if isinstance(last, ast.If) and ast.unparse(last.test).strip() == "__name__ == '__main__'":
            code = ast.unparse(tree.body[:-1]) + "\n" + ast.unparse(last.body)
    except:  # noqa: E722 -- lcb_runner ignores every failure here
        pass
    return code


# make_function: imports stay at module level (they run once, at compile time); every
# other statement becomes the body of wrapped_function(), so module-level names become its
# locals (a `global` in a nested function then misses them, as in lcb_runner).
def _lcb_wrap(code):
    try:
        import ast
)harness"
R"harness(        tree = ast.parse(code)
        imports = [s for s in tree.body if isinstance(s, (ast.Import, ast.ImportFrom))]
        others = [s for s in tree.body if not isinstance(s, (ast.Import, ast.ImportFrom))]
        function = ast.FunctionDef(
            name="wrapped_function",
            args=ast.arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]),
            body=others, decorator_list=[], lineno=-1)
        return _LCB_PREFIX + "\n" + ast.unparse(imports) + "\n" + ast.unparse(function)
    except Exception:
        return code


# lcb_runner's stdin mock: read() returns everything, readline() is a StringIO's (newline
# kept, "" at EOF), readlines() splits on "\n" (a trailing "" when the input ends with a
# newline), buffer.readline() always returns the first line, other attributes go to a
# StringIO, and it is not iterable (`for line in sys.stdin` is a TypeError).
class MockBuffer:
    def __init__(self, text):
        self.data = text.encode("utf-8")

    def read(self, *args):
        return self.data

    def readline(self, *args):
        return self.data.split(b"\n")[0] + b"\n"


class MockStdinWithBuffer:
    def __init__(self, text):
        self.inputs = text
        self._stringio = io.StringIO(text)
        self.buffer = MockBuffer(text)

    def read(self, *args):
        return self.inputs

    def readline(self, *args):
        return self._stringio.readline(*args)

    def readlines(self, *args):
        return self.inputs.split("\n")

    def __getattr__(self, name):
        return getattr(self._stringio, name)


def _mock_open(text):
    def open(*args, **kwargs):
        return io.StringIO(text)
    return open


_MISSING = object()


# unittest.mock.patch's effect without importing unittest.mock (which imports asyncio):
# the attribute is replaced, then restored (or deleted when it was not the object's own).
# The patches are entered in the order lcb_runner's stacked decorators enter them, so
# read/readline/readlines of the *real* sys.stdin are replaced too (names bound by the
# prefix's `from sys import *` reach them; that readline is a line iterator without
# newlines that raises StopIteration at the end).
def _patch(undo, target, name, value):
    original = target.__dict__.get(name, _MISSING) if hasattr(target, "__dict__") else _MISSING
    if original is _MISSING:
        getattr(target, name)
    setattr(target, name, value)
    undo.append((target, name, original))


def _unpatch(undo):
    while undo:
        target, name, original = undo.pop()
        if original is _MISSING:
            delattr(target, name)
        else:
            setattr(target, name, original)


def _lcb_stdin_test(method, text):
    capture = io.StringIO()
    capture.close = lambda x: 1
    saved_stdout = sys.stdout
    sys.stdout = capture
    _begin(capture)
    try:
        lines = iter(text.split("\n"))
        mock = MockStdinWithBuffer(text)
        undo = []
        try:
            real_stdin = sys.stdin
            _patch(undo, real_stdin, "read", lambda *args: text)
            _patch(undo, real_stdin, "readlines", lambda *args: text.split("\n"))
            _patch(undo, real_stdin, "readline", lambda *args: next(lines))
            _patch(undo, sys, "stdin", mock)
            _patch(undo, builtins, "open", _mock_open(text))
            try:
                method()
            except SystemExit:
                pass
        finally:
            _unpatch(undo)
    except BaseException as exc:
        sys.stdout = saved_stdout
        _fail(exc)
    _end()
    sys.stdout = saved_stdout
    try:
        output = capture.getvalue()
    except BaseException as exc:
        _fail(exc)
    _report_output(output)


def _lcb_call_test(method, text):
    import json
    _begin()
    try:
        args = [json.loads(line) for line in text.split("\n")]
        result = method(*args)
    except BaseException as exc:
        _fail(exc)
    _end()
    _report_value(result)


# grade_stdio / grade_call_based. lcb_runner's evaluator sets the integer-digit limit to
# 50000 before forking its workers; the import prefix sets the recursion limit to 50000.
def _lcb(code, functional, fn_name):
    _digits(50000)
    _reliability_guard(_LCB)
    source = _LCB_PREFIX + "\n\n" + code if functional else _lcb_wrap(_lcb_unwrap_main(code))
    wanted = fn_name if functional else "wrapped_function"
    _begin()
    try:
        module = type(sys)("tmp_sol", "")
        exec(source, module.__dict__)
        solution = module.Solution() if "class Solution" in source else module
    except BaseException as exc:
        _fail(exc, " (while compiling)")
    try:
        method = getattr(solution, wanted) if hasattr(solution, wanted) else None
    except BaseException:
        method = None
    _end()
    if method is None:
        _report(_RUNTIME_ERROR, f"the program defines no {wanted!r}"
                + (" (class Solution is instantiated when the text 'class Solution' appears)"
                   if solution is not module else ""))
        _exit(0)
    if functional:
        _serve(lambda text: _lcb_call_test(method, text))
    else:
        _serve(lambda text: _lcb_stdin_test(method, text))


# ---- evalchemy (the study's LiveCodeBench checker, livecodebench_utils.py) ----

# prepare_test_input_output_functional's input side: `k = v` pairs split on commas, or
# one value per non-empty line ("..." unquoted without unescaping, [...] as JSON, int,
# float, else the raw text).
def _evalchemy_inputs(text):
    inputs = []
    if "=" in text:
        for part in text.split(",") if "," in text else [text]:
            key, value = map(str.strip, part.split("="))
            try:
                value = int(value)
            except ValueError:
                try:
                    value = float(value)
                except ValueError:
                    value = value.strip('"')
            inputs.append(value)
        return inputs
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if line.startswith('"') and line.endswith('"'):
            inputs.append(line.strip('"'))
            continue
        if line.startswith("[") and line.endswith("]"):
            import json
            inputs.append(json.loads(line))
            continue
        try:
            inputs.append(int(line))
        except ValueError:
            try:
                inputs.append(float(line))
            except ValueError:
                inputs.append(line)
    return inputs


_ESCAPED = " (SystemExit escapes evalchemy's checker: its run ends here)"


def _evalchemy_fail(exc):
    _fail(exc, _ESCAPED if not isinstance(exc, Exception) else "")


# run_test_func: the program is executed again for every test in a fresh namespace, the
# function is the last token before the first "(" of the text, its prints are discarded.
def _evalchemy_call_test(code, text):
    _begin()
    try:
        inputs = _evalchemy_inputs(text)
        namespace = {}
        exec(code, namespace)
        name = code.split("(")[0].split()[-1]
        sys.stdout = io.StringIO()
        try:
            result = namespace[name](*inputs)
        finally:
            sys.stdout = sys.__stdout__
    except BaseException as exc:
        _evalchemy_fail(exc)
    _end()
    _report_value(result)


# run_test_std: exec(code, {}) with StringIO stdin and stdout; `__name__ = "__main__"` is
# prepended only when the text holds `__name__ == "__main__"` in double quotes. A
# SystemExit is not an Exception there: it escapes, kills the worker, and ends the run.
def _evalchemy_stdin_test(source, text):
    _begin()
    try:
        with io.StringIO() as output:
            sys.stdout = output
            sys.stdin = io.StringIO(text)
            _Limits.capture = output
            try:
                exec(source, {})
                value = output.getvalue()
            finally:
                sys.stdout = sys.__stdout__
    except BaseException as exc:
        _evalchemy_fail(exc)
    _end()
    _report_output(value)


def _evalchemy(code, functional):
    _reliability_guard(1)
    marker = '__name__ == "__main__"'
    source = '__name__ = "__main__"\n' + code if marker in code else code
    if functional:
        _serve(lambda text: _evalchemy_call_test(code, text))
    else:
        _serve(lambda text: _evalchemy_stdin_test(source, text))


def _main():
    os.set_inheritable(_CHANNEL, False)  # what the program execs does not get the channel
    for entry in sys.argv[1:]:
        if entry not in sys.path:
            sys.path.append(entry)
    del sys.argv[1:]
    _site_builtins()
    _send(b"H")
    kind, body = _receive()
    if kind != b"P":
        _exit(0)
    semantics, functional = body[0], body[1] == 1
    _Limits.cpu = int.from_bytes(body[2:6], "little") / 1000.0
    _Limits.output = int.from_bytes(body[6:14], "little")
    name_length = int.from_bytes(body[14:18], "little")
    fn_name = body[18:18 + name_length].decode("utf-8", "surrogateescape")
    code = body[18 + name_length:].decode("utf-8", "surrogateescape")
    _signal.signal(_signal.SIGVTALRM, _watch_output)
    _signal.setitimer(_signal.ITIMER_VIRTUAL, 0.05, 0.05)
    if semantics == _LCB:
        _lcb(code, functional, fn_name)
    else:
        _evalchemy(code, functional)


_main()
)harness";

}  // namespace code::sandbox
TRANSFERSCORE_END_NAMESPACE
