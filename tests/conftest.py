"""Fixtures shared by the database tests: a cheap hasher, one database per backend, an open
application with its first Administrator, and a small catalog."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from desktop_admin.app import AdminApp, OperatorSession
from desktop_admin.security import Argon2Hasher
from tests.dbtools import fresh_postgres_database

TODAY = date(2026, 3, 15)
ADMIN_LOGIN, ADMIN_PASSWORD = "admin", "correct horse"

CATALOG_TEXT = """\
currency = "EUR"

[[roles]]
code = "named-user"
name = "Named user"
kind = "licence"
upgrade_policy = "immediate_prorated"
seat_overflow = "block"
audiences = ["company", "maker", "student"]
online_countries = ["FR", "DE", "NL", "BE"]
trial_days = 30
prices = { monthly = "10.00", quarterly = "28.50", yearly = "100.00" }

[[roles]]
code = "designer"
name = "Designer"
kind = "licence"
upgrade_policy = "next_month_start"
seat_overflow = "auto_disable"
audiences = ["company", "maker"]
online_countries = ["FR", "DE"]
trial_days = 14
prices = { monthly = "49.00", quarterly = "135.00", yearly = "490.00" }

[[addons]]
code = "storage-100gb"
name = "Storage 100 GB"
prices = { monthly = "5.00", quarterly = "14.00", yearly = "50.00" }

[[addons]]
code = "guest-users"
name = "Guest users"
kind = "guest_users"
prices = { monthly = "2.00", quarterly = "5.50", yearly = "20.00" }
"""


@pytest.fixture
def cheap_hasher() -> Argon2Hasher:
    """argon2's strong defaults take ~0.4 s per hash; these take microseconds."""
    return Argon2Hasher.cheap()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, empty database: a SQLite file, or a database on the PostgreSQL test server
    (an error, never a skip, when DATABASE_URL is not set)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/seatdesk.sqlite3"
    else:
        with fresh_postgres_database() as url:
            yield url


@pytest.fixture
def app(database_url: str, cheap_hasher: Argon2Hasher) -> Iterator[AdminApp]:
    opened = AdminApp.open(database_url, today=TODAY, hasher=cheap_hasher)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def admin(app: AdminApp) -> OperatorSession:
    return app.create_first_administrator(ADMIN_LOGIN, ADMIN_PASSWORD)


@pytest.fixture
def catalog_text() -> str:
    return CATALOG_TEXT
