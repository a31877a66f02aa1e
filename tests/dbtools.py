"""Helpers shared by database tests: content snapshots and throwaway databases."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

#: Tables that are plumbing, not content: the change feed tells other windows that an
#: operation ran, even one that changed nothing.
NOT_CONTENT = {"change_feed"}


def snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every content table, sorted: equal snapshots mean unchanged content."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            tables = sorted(set(inspect(connection).get_table_names()) - NOT_CONTENT)
            return {
                table: sorted(
                    (tuple(row) for row in connection.execute(text(f'SELECT * FROM "{table}"'))),
                    key=repr,
                )
                for table in tables
            }
    finally:
        engine.dispose()


def postgres_server_url() -> str:
    """The server the tests use; scripts/test and .ci/run start one and set DATABASE_URL."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        raise RuntimeError(
            "DATABASE_URL is not set: run the tests with `bash scripts/test`, which starts a "
            "PostgreSQL server, or point DATABASE_URL at one"
        )
    return url


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """A new, empty PostgreSQL database on the test server, dropped afterwards."""
    server = make_url(postgres_server_url())
    name = f"seatdesk_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def engine_of(app: Any) -> Iterator[Any]:
    """An engine of its own, with the application's pragmas, on the database an `AdminApp`
    has open (the app keeps its engine private); disposed afterwards."""
    from desktop_admin.persistence.database import make_engine

    engine = make_engine(app.database_url)
    try:
        yield engine
    finally:
        engine.dispose()
