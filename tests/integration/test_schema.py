"""Schema and migrations on a real SQLite file and a real PostgreSQL database."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

from desktop_admin.app import AdminApp, OperatorSession
from desktop_admin.persistence import database
from desktop_admin.persistence.database import (
    SCHEMA_REVISION,
    DatabaseError,
    backup_sqlite,
    current_revision,
    head_revision,
)
from desktop_admin.persistence.schema import metadata
from desktop_admin.security import Argon2Hasher
from tests.dbtools import engine_of, snapshot

SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

#: The revision of a migration written into a copy of the migrations folder, after the
#: head: the application's own schema then looks older than the code.
NEXT_REVISION = "next_probe"
NEXT_MIGRATION = '''\
"""a later schema"""
from alembic import op
import sqlalchemy as sa

revision = "{revision}"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("upgrade_probe", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("upgrade_probe")
'''


def open_app(url: str, hasher: Argon2Hasher) -> AdminApp:
    return AdminApp.open(url, hasher=hasher)


def set_revision(url: str, revision: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    finally:
        engine.dispose()


def backups(url: str) -> list[Path]:
    path = Path(url.removeprefix("sqlite:///"))
    return sorted(path.parent.glob(f"{path.name}.before-*.bak")) if url.startswith("sqlite") else []


def test_a_new_database_is_created_at_the_newest_revision(app: AdminApp) -> None:
    assert head_revision() == SCHEMA_REVISION
    with engine_of(app) as engine:
        assert current_revision(engine) == head_revision()


def test_the_orm_mapping_matches_what_the_migrations_create(app: AdminApp) -> None:
    with engine_of(app) as engine, engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": True}
        )
        assert compare_metadata(context, metadata) == []
        tables = set(inspect(connection).get_table_names())
    assert tables == set(metadata.tables) | {"alembic_version"}


def test_an_empty_database_without_alembic_version_is_migrated(
    database_url: str, cheap_hasher: Argon2Hasher
) -> None:
    if database_url.startswith("sqlite"):
        sqlite3.connect(database_url.removeprefix("sqlite:///")).close()  # an empty file
    opened = open_app(database_url, cheap_hasher)
    try:
        with engine_of(opened) as engine:
            assert current_revision(engine) == head_revision()
        assert not opened.has_operators()
    finally:
        opened.close()
    assert backups(database_url) == []


def test_a_database_newer_than_the_application_is_refused_untouched(
    database_url: str, cheap_hasher: Argon2Hasher
) -> None:
    open_app(database_url, cheap_hasher).close()
    set_revision(database_url, "0000")
    before = snapshot(database_url)
    with pytest.raises(DatabaseError, match="newer than this application") as refused:
        open_app(database_url, cheap_hasher)
    assert "(0000)" in str(refused.value)
    assert snapshot(database_url) == before
    assert backups(database_url) == []


@pytest.fixture
def later_migrations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The application as its next version: one migration after the head."""
    folder = tmp_path / "migrations"
    shutil.copytree(database.MIGRATIONS, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "versions" / f"{NEXT_REVISION}.py").write_text(
        NEXT_MIGRATION.format(revision=NEXT_REVISION, head=head_revision())
    )
    monkeypatch.setattr(database, "MIGRATIONS", folder)
    monkeypatch.setattr(database, "SCHEMA_REVISION", NEXT_REVISION)


def make_older_database(url: str, hasher: Argon2Hasher) -> dict[str, list[tuple[object, ...]]]:
    """A database at today's head revision with some rows; returns its content."""
    older = open_app(url, hasher)
    try:
        admin = older.create_first_administrator("admin", "correct horse")
        admin.accounts.create(name="Acme Studio", audience="company", country="FR")
    finally:
        older.close()
    return snapshot(url)


def test_an_older_database_is_upgraded_when_opened(
    database_url: str, cheap_hasher: Argon2Hasher, request: pytest.FixtureRequest
) -> None:
    content = make_older_database(database_url, cheap_hasher)
    request.getfixturevalue("later_migrations")
    newer = open_app(database_url, cheap_hasher)
    try:
        with engine_of(newer) as engine:
            assert current_revision(engine) == NEXT_REVISION
            assert inspect(engine).has_table("upgrade_probe")
        session = newer.login("admin", "correct horse")
        assert [a.name for a in session.accounts.all()] == ["Acme Studio"]
    finally:
        newer.close()
    upgraded = snapshot(database_url)
    assert upgraded.pop("upgrade_probe") == []
    assert upgraded.pop("alembic_version") == [(NEXT_REVISION,)]
    assert upgraded == {k: v for k, v in content.items() if k != "alembic_version"}


@SQLITE_ONLY
def test_an_older_sqlite_file_is_copied_aside_before_the_upgrade(
    database_url: str, cheap_hasher: Argon2Hasher, request: pytest.FixtureRequest
) -> None:
    content = make_older_database(database_url, cheap_hasher)
    older_revision = head_revision()
    request.getfixturevalue("later_migrations")
    open_app(database_url, cheap_hasher).close()
    (copy,) = backups(database_url)
    assert copy.name == f"seatdesk.sqlite3.before-{older_revision}.bak"
    assert snapshot(f"sqlite:///{copy}") == content


def test_backup_sqlite_copies_every_row_and_ignores_other_backends(
    admin: OperatorSession, app: AdminApp, database_url: str
) -> None:
    admin.accounts.create(name="Acme Studio", audience="company", country="FR")
    with engine_of(app) as engine:
        copy = backup_sqlite(engine, "0001")
    if not database_url.startswith("sqlite"):
        assert copy is None
        return
    assert copy is not None
    assert copy == Path(database_url.removeprefix("sqlite:///")).with_name(
        "seatdesk.sqlite3.before-0001.bak"
    )
    assert snapshot(f"sqlite:///{copy}") == snapshot(database_url)


@SQLITE_ONLY
def test_sqlite_runs_in_wal_mode_with_foreign_keys_on(app: AdminApp) -> None:
    with engine_of(app) as engine, engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_foreign_keys_are_enforced(app: AdminApp) -> None:
    with engine_of(app) as engine, pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO role_assignments (user_id, role_code, account_id) "
                "VALUES (999, 'nobody', 999)"
            )
        )
