"""Opening a database: engine, SQLite pragmas, and migrations to the current schema.

An older database is brought up to date with Alembic when it is opened; a
SQLite file is first copied aside (`<name>.before-<revision>.bak`).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from desktop_admin.domain.errors import DomainError
from desktop_admin.files import PRIVATE, fill_atomically

MIGRATIONS = Path(__file__).with_name("migrations")
#: The newest migration; a test checks it is Alembic's head.
SCHEMA_REVISION = "0005"


class DatabaseError(DomainError):
    """The database cannot be opened or is newer than this application."""

    exit_status = 2


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA cache_size=-65536")  # 64 MiB: indexes of big tables stay in memory
    cursor.close()


def _private_file(database: Path) -> None:
    """A new SQLite file and its folder readable by their owner only: the database
    holds password hashes and personal data (its -wal and -shm files follow it)."""
    database.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not database.exists():
        database.touch(mode=PRIVATE)


def _write_ahead_log(engine: Engine) -> None:
    """Put the file in WAL mode (kept in the file). Two processes opening a new file at
    once may both try; switching needs the file to themselves, and SQLite answers
    "locked" at once rather than waiting, so the loser tries again shortly."""
    for attempt in range(100):
        try:
            with engine.connect() as connection:
                mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
                if mode != "wal":
                    connection.exec_driver_sql("PRAGMA journal_mode=WAL")
            return
        except OperationalError:
            if attempt == 99:
                raise
            time.sleep(0.05)


def make_engine(url: str) -> Engine:
    """An engine for any SQLAlchemy URL; SQLite files get WAL and foreign keys."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            _private_file(Path(parsed.database).expanduser())
        engine = create_engine(url, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        if parsed.database and parsed.database != ":memory:":
            _write_ahead_log(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(
        _alembic_config(create_engine("sqlite://"))
    ).get_current_head()
    assert head is not None
    return head


def backup_sqlite(engine: Engine, revision: str) -> Path | None:
    """Copy a SQLite database aside with SQLite's online backup; returns the copy."""
    database = engine.url.database
    if engine.url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    source = Path(database)
    target = source.with_name(f"{source.name}.before-{revision}.bak")

    def fill(temporary: Path) -> None:
        with sqlite3.connect(source) as src, sqlite3.connect(temporary) as dst:
            src.backup(dst)
        src.close()
        dst.close()

    return fill_atomically(target, fill, PRIVATE)


def upgrade(engine: Engine) -> Path | None:
    """Bring the schema to the newest revision; returns the backup made, if any."""
    revision = current_revision(engine)
    if revision == SCHEMA_REVISION:
        return None
    backup = None
    if revision is not None:
        known = known_revisions()
        if revision not in known:
            raise DatabaseError(
                f"the database's schema ({revision}) is newer than this "
                "application; update Seat Desk to open it"
            )
        backup = backup_sqlite(engine, revision)
    from alembic import command

    command.upgrade(_alembic_config(engine), "head")
    return backup


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config(create_engine("sqlite://")))
    return {r.revision for r in script.walk_revisions()}


def refuse_missing(url: str) -> None:
    """A SQLite file that does not exist is not created here (a typo in --db would
    silently start an empty database): only `init` creates one."""
    parsed = make_url(url)
    database = parsed.database
    on_disk = parsed.get_backend_name() == "sqlite" and database and database != ":memory:"
    if on_disk and not Path(str(database)).expanduser().exists():
        raise DatabaseError(
            f"there is no database at {database}; check --db, or create one with "
            "`desktop-admin --db URL init --admin LOGIN`"
        )


def open_database(
    url: str, migrate: bool = True, create: bool = True
) -> tuple[Engine, sessionmaker[Session]]:
    if not create:
        refuse_missing(url)
    try:
        engine = make_engine(url)
    except (OSError, SQLAlchemyError) as exc:
        raise DatabaseError(f"cannot open the database {make_url(url)!r}: {exc}") from None
    try:
        if migrate:
            upgrade(engine)
    except DomainError:
        engine.dispose()
        raise
    except Exception as exc:
        engine.dispose()
        raise DatabaseError(
            f"cannot open the database {engine.url.render_as_string()}: {exc}"
        ) from exc
    return engine, sessionmaker(engine, expire_on_commit=False)
