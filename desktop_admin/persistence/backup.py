"""Backups of a SQLite database, and restoring one; PostgreSQL has its own tools.

A backup is SQLite's online backup of the live database (other windows may go on
working), checked with `PRAGMA integrity_check`, written atomically and readable by
its owner only. A restore checks the file first (a sound Seat Desk database of a
schema this version knows), then copies it into the live database with the same
online backup, so that open connections see the restored content, not a file swapped
under them; an older schema is then brought up to date.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine

from desktop_admin.domain.errors import DomainError, InvalidInput, Problem
from desktop_admin.files import PRIVATE, fill_atomically
from desktop_admin.persistence.database import known_revisions, upgrade

POSTGRES_HELP = (
    "A PostgreSQL database is backed up and restored with PostgreSQL's own tools: "
    "pg_dump --format=custom --file=FILE DATABASE, and pg_restore --clean "
    "--if-exists --dbname=DATABASE FILE (see the README, Backups)."
)


class NotSQLite(DomainError):
    exit_status = 2


def _database_file(engine: Engine) -> Path:
    url = engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise NotSQLite(POSTGRES_HELP)
    return Path(url.database)


def _check(copy: sqlite3.Connection, source: str) -> str:
    """The schema revision of a sound Seat Desk database, else a refusal naming why."""
    try:
        verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
        revision = copy.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise InvalidInput(
            "This is not a Seat Desk database.", [Problem(str(exc), field="FILE")], source
        ) from None
    if verdict != "ok":
        raise InvalidInput(
            "The database is damaged.", [Problem(f"integrity check: {verdict}")], source
        )
    if revision is None:
        raise InvalidInput("This is not a Seat Desk database.", [], source)
    return str(revision[0])


class SqliteBackups:
    """`DatabaseBackups` for the database an engine opens."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def backup(self, target: Path) -> int:
        """Copy the live database to `target` (replaced atomically, mode 600); returns
        its size in bytes. The copy is a plain file (no -wal beside it), checked."""
        source = _database_file(self._engine)

        def fill(temporary: Path) -> None:
            live, copy = sqlite3.connect(source, timeout=30), sqlite3.connect(temporary)
            try:
                live.backup(copy)
                copy.execute("PRAGMA journal_mode=DELETE")
                _check(copy, str(target))
            finally:
                copy.close()
                live.close()

        try:
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fill_atomically(target, fill, PRIVATE)
        except OSError as error:
            raise InvalidInput(
                "The backup could not be written.",
                [Problem(error.strerror or str(error), field="FILE")],
                str(target),
            ) from None
        return target.stat().st_size

    def restore(self, source: Path) -> str:
        """Replace the live database's content by `source`'s, brought up to this
        version's schema; returns the schema revision the backup had."""
        database = _database_file(self._engine)
        if not source.is_file():
            raise InvalidInput(
                "No such backup.", [Problem("not a file", field="FILE")], str(source)
            )
        backup = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            revision = _check(backup, str(source))
            if revision not in known_revisions():
                raise InvalidInput(
                    "The backup was made by a newer Seat Desk; update Seat Desk to restore it.",
                    [Problem(f"schema {revision}")],
                    str(source),
                )
            live = sqlite3.connect(database, timeout=30)
            try:
                backup.backup(live)
            finally:
                live.close()
        except sqlite3.Error as error:
            raise DomainError(
                f"the database could not be restored ({error}); it is as it was, unless "
                "the message says otherwise: try again when no window is writing to it"
            ) from None
        finally:
            backup.close()
        upgrade(self._engine)
        return revision
