"""Every public function and method of model/ says what it takes and what it returns."""

import ast
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _unannotated(source: str) -> list[str]:
    """``name(missing, ...)`` for each public def of ``source`` without full annotations.

    Public: a name without a leading underscore, in a class whose name has none (``__init__`` and
    ``__call__`` count too; ``__init__`` needs no return annotation); ``self``/``cls`` need none.
    """
    found = []

    def visit(body, prefix: str, in_class: bool) -> None:
        for node in body:
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                visit(node.body, f"{prefix}{node.name}.", True)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if node.name.startswith("_") and node.name not in ("__init__", "__call__"):
                    continue
                a = node.args
                args = [*a.posonlyargs, *a.args, *a.kwonlyargs]
                if in_class and args and args[0].arg in ("self", "cls"):
                    args = args[1:]
                missing = [x.arg for x in args if x.annotation is None]
                missing += [f"*{x.arg}" for x in (a.vararg,) if x is not None and x.annotation is None]
                missing += [f"**{x.arg}" for x in (a.kwarg,) if x is not None and x.annotation is None]
                if node.returns is None and node.name != "__init__":
                    missing.append("return")
                if missing:
                    found.append(f"{prefix}{node.name}({', '.join(missing)})")

    visit(ast.parse(source).body, "", False)
    return found


def test_the_checker_finds_what_is_missing():
    source = """
def ok(a: int, *b: str, c: float = 1, **d: object) -> None: ...
def _private(a): ...
def bad(a, b: int): ...
class C:
    def __init__(self, x: int): ...
    def m(self, y) -> int: ...
    @classmethod
    def k(cls) : ...
    @property
    def p(self) -> int: ...
class _Hidden:
    def m(self, y): ...
"""
    assert _unannotated(source) == ["bad(a, return)", "C.m(y)", "C.k(return)"]


def test_every_public_function_of_model_is_annotated():
    missing = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in sorted((ROOT / "model").rglob("*.py"))
        for name in _unannotated(path.read_text(encoding="utf-8"))
    ]
    assert not missing, "\n".join(missing)
