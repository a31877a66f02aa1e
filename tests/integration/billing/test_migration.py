"""The 0002 migration's data step: subscriptions recorded before billing existed are
billed through the end of the period in force when they were recorded (R07); a
SQLite file is copied aside first."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from alembic import command
from sqlalchemy import create_engine, inspect, text

from desktop_admin.app import AdminApp
from desktop_admin.persistence.database import (
    SCHEMA_REVISION,
    _alembic_config,
    current_revision,
    make_engine,
)
from desktop_admin.security import Argon2Hasher
from tests.conftest import ADMIN_LOGIN, ADMIN_PASSWORD, TODAY
from tests.dbtools import engine_of

#: (audience, cycle, anchor, recorded at, expected billed_through)
ROWS = [
    (
        "company",
        "quarterly",
        date(2025, 1, 10),
        datetime(2025, 11, 20, 12, tzinfo=UTC),
        date(2026, 1, 10),
    ),
    (
        "maker",
        "monthly",
        date(2025, 1, 31),
        datetime(2025, 2, 28, 12, tzinfo=UTC),
        date(2025, 3, 31),
    ),
    (
        "student",
        "yearly",
        date(2024, 2, 29),
        datetime(2025, 3, 1, 12, tzinfo=UTC),
        date(2026, 2, 28),
    ),
    ("company", "yearly", date(2025, 6, 1), datetime(2025, 6, 1, 12, tzinfo=UTC), date(2026, 6, 1)),
]


def database_at_0001(url: str) -> dict[int, date]:
    """A database at revision 0001 with one account and one subscription per row of
    ROWS, written with plain SQL; returns the billed_through expected per id."""
    engine = make_engine(url)
    try:
        command.upgrade(_alembic_config(engine), "0001")
        assert current_revision(engine) == "0001"
        expected = {}
        with engine.begin() as connection:
            for i, (audience, cycle, anchor, created, billed_through) in enumerate(ROWS):
                account = connection.execute(
                    text(
                        "INSERT INTO accounts (name, audience, country, language, created_at, "
                        "version) VALUES (:name, :audience, 'FR', 'en', :at, 1) RETURNING id"
                    ),
                    {"name": f"Old customer {i}", "audience": audience, "at": created},
                ).scalar_one()
                sub = connection.execute(
                    text(
                        "INSERT INTO subscriptions (account_id, cycle, anchor, status, "
                        "auto_renew, created_at, version) "
                        "VALUES (:account, :cycle, :anchor, 'active', :yes, :at, 1) RETURNING id"
                    ),
                    {
                        "account": account,
                        "cycle": cycle,
                        "anchor": anchor,
                        "at": created,
                        "yes": True,
                    },
                ).scalar_one()
                connection.execute(
                    text(
                        "INSERT INTO subscription_items (subscription_id, product, code, quantity)"
                        " VALUES (:sub, 'role', 'named-user', 3)"
                    ),
                    {"sub": sub},
                )
                expected[sub] = billed_through
        return expected
    finally:
        engine.dispose()


def test_r07_migration_0002_fills_billed_through_from_the_period_in_force(
    database_url: str, cheap_hasher: Argon2Hasher
) -> None:
    expected = database_at_0001(database_url)

    app = AdminApp.open(database_url, today=TODAY, hasher=cheap_hasher)
    try:
        with engine_of(app) as engine:
            assert current_revision(engine) == SCHEMA_REVISION
        session = app.create_first_administrator(ADMIN_LOGIN, ADMIN_PASSWORD)
        found = {s: session.subscriptions.get(s).billed_through for s in expected}
        assert found == expected
        assert {session.subscriptions.get(s).payment_kind for s in expected} == {"card"}
        assert {session.subscriptions.get(s).seats["named-user"] for s in expected} == {3}
    finally:
        app.close()

    if database_url.startswith("sqlite"):
        path = Path(database_url.removeprefix("sqlite:///"))
        backup = path.with_name(f"{path.name}.before-0001.bak")
        assert backup.exists()
        with sqlite3.connect(backup) as copy:
            assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
            assert copy.execute("SELECT count(*) FROM subscriptions").fetchone() == (len(ROWS),)
    else:
        engine = create_engine(database_url)
        try:
            assert inspect(engine).has_table("invoices")
        finally:
            engine.dispose()


#: Columns a later migration renamed: (table, old name) -> new name.
RENAMED = {("accounts", "address"): "street"}


def rows_by_table(url: str, columns: dict[str, list[str]] | None = None) -> Any:
    """Every row of every table (the given columns, else all), sorted; and the columns."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            found = inspect(connection)
            if columns is None:
                columns = {
                    t: [c["name"] for c in found.get_columns(t)]
                    for t in found.get_table_names()
                    if t != "alembic_version"
                }
            rows = {
                table: sorted(
                    (
                        tuple(row)
                        for row in connection.execute(
                            text(f'SELECT {", ".join(names)} FROM "{table}"')
                        )
                    ),
                    key=repr,
                )
                for table, names in columns.items()
            }
    finally:
        engine.dispose()
    return rows, columns


def test_a_database_of_the_first_schema_is_upgraded_with_every_row_intact(
    database_url: str, cheap_hasher: Argon2Hasher
) -> None:
    database_at_0001(database_url)
    before, columns = rows_by_table(database_url)
    assert sum(len(rows) for rows in before.values()) >= 3 * len(ROWS)

    AdminApp.open(database_url, today=TODAY, hasher=cheap_hasher).close()

    # 0005 renamed an account's one-text address to its street, its content whole.
    columns["accounts"] = [RENAMED.get(("accounts", c), c) for c in columns["accounts"]]
    after, _ = rows_by_table(database_url, columns)
    assert after == before
