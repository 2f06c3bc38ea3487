"""The Hendrycks MATH grader in plain Python: the reference the reward benchmark compares with.

This is the rule lm-evaluation-harness's hendrycks_math task and verl's math_reward use (last
\\boxed{...} of the response, then both answers normalised by the MATH repository's
strip_string and compared as strings), written here from its description with the standard
library only; it is the grader whose quirks the math family's paper mode reproduces. It is a
fast Python grader (no SymPy): Math-Verify, which parses and simplifies with SymPy, costs
milliseconds per pair and is not installable here, so it is not measured.
"""

from __future__ import annotations

from typing import Optional


def last_box(text: str) -> Optional[str]:
    """The content of the last \\boxed{...} or \\fbox{...} (or the word after "\\boxed "), or None."""
    if "\\boxed " in text:
        return text.split("\\boxed ")[-1].split("$")[0]
    start = text.rfind("\\boxed")
    if start < 0:
        start = text.rfind("\\fbox")
        if start < 0:
            return None
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                whole = text[start : i + 1]
                opening = whole.find("{")
                return whole[opening + 1 : -1] if opening >= 0 else None
    return None


def _braced_fracs(s: str) -> str:
    """\\frac12 -> \\frac{1}{2}, \\frac1{2} -> \\frac{1}{2}; a frac too short to read leaves s as it is."""
    pieces = s.split("\\frac")
    out = pieces[0]
    for piece in pieces[1:]:
        out += "\\frac"
        if not piece:
            raise IndexError("\\frac at the end")  # the original fails here; is_equiv then compares raw strings
        if piece[0] == "{":
            out += piece
            continue
        if len(piece) < 2:
            return s
        numerator, rest = piece[0], piece[1:]
        if rest[0] != "{":
            out += "{" + numerator + "}{" + rest[0] + "}" + rest[1:]
        else:
            out += "{" + numerator + "}" + rest
    return out


def _slash_fraction(s: str) -> str:
    """A plain "a/b" of two integers becomes \\frac{a}{b}."""
    parts = s.split("/")
    if len(parts) != 2:
        return s
    try:
        a, b = int(parts[0]), int(parts[1])
    except ValueError:
        return s
    return f"\\frac{{{a}}}{{{b}}}" if s == f"{a}/{b}" else s


def _braced_sqrt(s: str) -> str:
    """\\sqrt3 -> \\sqrt{3}."""
    if "\\sqrt" not in s:
        return s
    pieces = s.split("\\sqrt")
    out = pieces[0]
    for piece in pieces[1:]:
        if not piece:
            raise IndexError("\\sqrt at the end")
        if piece[0] != "{":
            out += "\\sqrt{" + piece[0] + "}" + piece[1:]
        else:
            out += "\\sqrt" + piece
    return out


def normalize(s: str) -> str:
    """The MATH repository's strip_string rules, in their order."""
    for old, new in (("\n", ""), ("\\!", ""), ("\\\\", "\\"), ("tfrac", "frac"), ("dfrac", "frac"), ("\\left", ""),
                     ("\\right", ""), ("^{\\circ}", ""), ("^\\circ", ""), ("\\$", "")):
        s = s.replace(old, new)
    if "\\text{ " in s:  # units on the right
        parts = s.split("\\text{ ")
        if len(parts) != 2:
            raise ValueError("units")
        s = parts[0]
    s = s.replace("\\%", "")  # percent signs
    s = s.replace(" .", " 0.").replace("{.", "{0.")
    if not s:
        return s
    if s[0] == ".":
        s = "0" + s
    sides = s.split("=")
    if len(sides) == 2 and len(sides[0]) <= 2:
        s = sides[1]
    s = _braced_sqrt(s)
    s = s.replace(" ", "")
    s = _braced_fracs(s)
    if s == "0.5":
        s = "\\frac{1}{2}"
    return _slash_fraction(s)


def is_equiv(a: Optional[str], b: Optional[str]) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return normalize(a) == normalize(b)
    except (ValueError, IndexError):
        return a == b


def reward(gold: str, response: str) -> float:
    """1.0 when the last box of the response is is_equiv to the gold."""
    return 1.0 if is_equiv(last_box(response), gold) else 0.0
