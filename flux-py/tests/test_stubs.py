"""The type stubs are complete: every public name and member of the native module is declared in
`_flux.pyi`, and `__init__.pyi` re-exports everything `fluxos.__all__` names."""

from __future__ import annotations

import ast
import importlib.resources as res

import fluxos
from fluxos import _flux


def _stub(name: str) -> ast.Module:
    return ast.parse((res.files("fluxos") / name).read_text())


def _declared(tree: ast.Module) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            out[node.name] = {n.name for n in node.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))} | {
                n.target.id for n in node.body if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)
            }
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out[node.name] = set()
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            out[node.target.id] = set()
        elif isinstance(node, ast.Assign):
            for t in node.targets:
                if isinstance(t, ast.Name):
                    out[t.id] = set()
    return out


def test_native_stub_is_complete() -> None:
    declared = _declared(_stub("_flux.pyi"))
    for name in dir(_flux):
        if name.startswith("_") and name != "__version__":
            continue
        assert name in declared, f"_flux.{name} missing from _flux.pyi"
        obj = getattr(_flux, name)
        if isinstance(obj, type) and not issubclass(obj, BaseException):
            for member in vars(obj):
                if member.startswith("_") and member not in ("__len__", "__getitem__", "__bool__", "__init__"):
                    continue
                if member == "__init__" and "__init__" not in vars(obj):
                    continue
                assert member in declared[name], f"{name}.{member} missing from _flux.pyi"


def test_facade_stub_exports_all() -> None:
    tree = _stub("__init__.pyi")
    exported: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            exported |= {a.asname or a.name for a in node.names}
        elif isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            exported.add(node.name)
    missing = [n for n in fluxos.__all__ if n not in exported]
    assert not missing, f"__init__.pyi lacks {missing}"
    for name in fluxos.__all__:
        assert hasattr(fluxos, name), name
