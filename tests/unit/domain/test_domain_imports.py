"""The domain imports only the standard library and itself (architecture rule)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

import desktop_admin.domain

DOMAIN_DIR = Path(desktop_admin.domain.__file__).parent
DOMAIN = "desktop_admin.domain"
MODULES = sorted(DOMAIN_DIR.rglob("*.py"))


def module_name(path: Path) -> str:
    parts = list(path.relative_to(DOMAIN_DIR).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([DOMAIN, *parts])


def imported_modules(source: str, name: str, is_package: bool) -> list[str]:
    """Every module `source` (the module `name`) imports, relative imports resolved."""
    package = name if is_package else name.rpartition(".")[0]
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module in {"desktop_admin", DOMAIN} or not node.module:
                found += [f"{module}.{alias.name}" for alias in node.names]
            else:
                found.append(module)
    return found


def forbidden(modules: list[str]) -> list[str]:
    return [
        m
        for m in modules
        if m.split(".")[0] not in sys.stdlib_module_names
        and m != DOMAIN
        and not m.startswith(DOMAIN + ".")
    ]


def test_every_domain_module_is_found() -> None:
    names = {module_name(p) for p in MODULES}
    expected = {
        "errors",
        "money",
        "periods",
        "catalog",
        "catalog_file",
        "accounts",
        "users",
        "operators",
        "subscriptions",
        "audit",
    }
    assert {f"{DOMAIN}.{n}" for n in expected} | {DOMAIN} <= names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_domain_module_imports_only_the_standard_library(path: Path) -> None:
    modules = imported_modules(
        path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py"
    )
    assert forbidden(modules) == []


def test_the_import_check_catches_what_it_must() -> None:
    source = (
        "import decimal, sqlalchemy.orm\n"
        "from dateutil.relativedelta import relativedelta\n"
        "from desktop_admin.domain.money import Currency\n"
        "from desktop_admin import services\n"
        "from . import periods\n"
        "from .. import persistence\n"
        "from ..services.billing import run\n"
        "def f():\n    import babel\n"
    )
    modules = imported_modules(source, f"{DOMAIN}.money", is_package=False)
    assert forbidden(modules) == [
        "sqlalchemy.orm",
        "dateutil.relativedelta",
        "desktop_admin.services",
        "desktop_admin.persistence",
        "desktop_admin.services.billing",
        "babel",
    ]
    assert f"{DOMAIN}.periods" in modules and "decimal" in modules
