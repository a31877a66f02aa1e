"""Fixtures for the integration tests: an imported catalog, a company account, raw SQL on
the database under test, content snapshots and a second application on the same database."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text

from desktop_admin.app import AdminApp, OperatorSession
from desktop_admin.domain.accounts import Account
from desktop_admin.security import Argon2Hasher
from desktop_admin.services.catalog import CatalogImport
from tests.dbtools import snapshot

#: The password the root conftest's `admin` fixture gives the first Administrator.
ADMIN_PASSWORD = "correct horse"

Query = Callable[..., list[tuple[Any, ...]]]


@pytest.fixture
def backend(database_url: str) -> str:
    """`sqlite` or `postgresql`."""
    return database_url.split(":", 1)[0].split("+", 1)[0]


@pytest.fixture
def catalog(admin: OperatorSession, catalog_text: str) -> CatalogImport:
    return admin.catalog.import_text(catalog_text, source="catalog.toml").value


@pytest.fixture
def company(admin: OperatorSession, catalog: CatalogImport) -> Account:
    return admin.accounts.create(
        name="Acme Studio", audience="company", country="FR", vat_number="FR40303265045"
    ).value


@pytest.fixture
def raw_engine(database_url: str, app: AdminApp) -> Iterator[Engine]:
    """An engine of the test's own, beside the application's (which has migrated)."""
    engine = create_engine(database_url)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def sql(raw_engine: Engine) -> Query:
    """Run one statement in its own transaction; returns its rows, if any."""

    def run(statement: str, **params: Any) -> list[tuple[Any, ...]]:
        with raw_engine.begin() as connection:
            result = connection.execute(text(statement), params)
            return [tuple(row) for row in result] if result.returns_rows else []

    return run


@pytest.fixture
def db_snapshot(database_url: str) -> Callable[[], dict[str, list[tuple[Any, ...]]]]:
    """Every row of every table: equal snapshots mean nothing was written."""
    return lambda: snapshot(database_url)


@pytest.fixture
def open_app(
    database_url: str, app: AdminApp, cheap_hasher: Argon2Hasher
) -> Iterator[Callable[[], AdminApp]]:
    """Open more applications on the test's database (another administrator's desk)."""
    opened: list[AdminApp] = []

    def open_another() -> AdminApp:
        another = AdminApp.open(database_url, today=app.clock.today(), hasher=cheap_hasher)
        opened.append(another)
        return another

    yield open_another
    for another in opened:
        another.close()
