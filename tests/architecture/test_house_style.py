"""The house style of architecture.md, checked: short modules and functions, services
that take one context and keywords, and entry points that reach services only for
the types of their results."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = [ROOT / "desktop_admin", ROOT / "ui"]
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
MAX_SERVICE_POSITIONAL = 5


def modules() -> Iterator[Path]:
    for folder in PRODUCTION:
        for path in sorted(folder.rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_no_production_module_is_over_400_lines() -> None:
    long = {
        relative(p): n
        for p in modules()
        if (n := len(p.read_text("utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_function_is_over_60_lines() -> None:
    long = {
        f"{relative(p)}:{f.lineno} {f.name}": (f.end_lineno or f.lineno) - f.lineno + 1
        for p in modules()
        for f in functions(ast.parse(p.read_text("utf-8")))
        if (f.end_lineno or f.lineno) - f.lineno + 1 > MAX_FUNCTION_LINES
    }
    assert long == {}


def test_no_service_function_takes_more_than_five_positional_parameters() -> None:
    wide = {
        f"{relative(p)}:{f.lineno} {f.name}": len(f.args.posonlyargs) + len(f.args.args)
        for p in sorted((ROOT / "desktop_admin" / "services").glob("*.py"))
        for f in functions(ast.parse(p.read_text("utf-8")))
        if len(f.args.posonlyargs) + len(f.args.args) > MAX_SERVICE_POSITIONAL
    }
    assert wide == {}


def service_imports(path: Path) -> Iterator[tuple[str, str]]:
    """(module, name) of every `from desktop_admin.services... import name` in a file,
    and (module, "") of every whole service module imported."""
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "desktop_admin.services"
        ):
            for alias in node.names:
                yield node.module or "", alias.name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("desktop_admin.services"):
                    yield alias.name, ""


def test_the_window_and_the_command_line_take_only_result_types_from_services() -> None:
    """They go through the session's areas; from a service module they may name the
    types of what it returns or accepts (`Order`, `ChangeResult`), never call it."""
    import importlib

    entry_points = [ROOT / "ui", ROOT / "desktop_admin" / "cli", ROOT / "main.py"]
    files = [p for e in entry_points for p in ([e] if e.is_file() else sorted(e.rglob("*.py")))]
    calls = sorted(
        f"{relative(path)}: {module}.{name}".rstrip(".")
        for path in files
        for module, name in service_imports(path)
        if not name or not isinstance(getattr(importlib.import_module(module), name), type)
    )
    assert calls == []
