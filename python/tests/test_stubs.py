"""The type stubs name what the package and the extension define, with the same parameters."""

from __future__ import annotations

import ast
import inspect

import transferscore as ts
from transferscore import _core
from conftest import REPO

PACKAGE = REPO / "python" / "transferscore"


def stub_names(path):
    tree = ast.parse(path.read_text())
    names = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names[node.name] = node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] = node
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                names[alias.asname or alias.name] = node
    return names


def test_package_stub_covers_the_public_api_with_its_parameters():
    stub = stub_names(PACKAGE / "__init__.pyi")
    for name in ts.__all__:
        assert name in stub or "__getattr__" in stub, name
        node = stub.get(name)
        if isinstance(node, ast.FunctionDef):
            stub_params = [a.arg for a in node.args.args + node.args.kwonlyargs]
            real = [p for p in inspect.signature(getattr(ts, name)).parameters if p not in ("options", "settings")]
            assert stub_params == real, name


def test_extension_stub_covers_the_extension():
    stub = stub_names(PACKAGE / "_core.pyi")
    public = {n for n in dir(_core) if not n.startswith("_")} | {"__version__"}
    assert public <= set(stub), public - set(stub)
