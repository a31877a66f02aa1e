"""The composition root: builds the engine, sessions, clock and hasher, and opens
`OperatorSession`s for the GUI and the command line. Nothing else connects."""

from __future__ import annotations

import logging
import os
import uuid
from datetime import date
from pathlib import Path

from platformdirs import user_data_path
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from desktop_admin.app.session import OperatorSession
from desktop_admin.clock import FixedClock, SystemClock
from desktop_admin.domain.operators import Operator
from desktop_admin.domain.outcome import EVERYTHING, Changes
from desktop_admin.domain.sync import SyncSettings
from desktop_admin.pdf import ReportlabRenderer
from desktop_admin.persistence.backup import SqliteBackups
from desktop_admin.persistence.change_feed import SqlChangeFeed
from desktop_admin.persistence.database import open_database
from desktop_admin.persistence.errors import in_sentences
from desktop_admin.persistence.uow import SqlUnitOfWork
from desktop_admin.security import Argon2Hasher
from desktop_admin.services import operators
from desktop_admin.services.context import Context
from desktop_admin.services.ports import Clock, DocumentRenderer, PasswordHasher
from desktop_admin.services.sync_ports import Platform, SyncAdapters, TokenStore

APP_NAME = "seat-desk"
log = logging.getLogger(__name__)


class _ScimOnDemand:
    """The SCIM adapter, imported the first time sync is used: its libraries take most
    of a second to load, which a command that never syncs should not pay."""

    def __init__(self) -> None:
        self._adapters: SyncAdapters | None = None

    def _loaded(self) -> SyncAdapters:
        if self._adapters is None:
            from desktop_admin.sync import ScimSync

            self._adapters = ScimSync()
        return self._adapters

    @property
    def tokens(self) -> TokenStore:
        return self._loaded().tokens

    def platform(self, settings: SyncSettings, token: str) -> Platform:
        return self._loaded().platform(settings, token)


def default_database_url() -> str:
    """`DESKTOP_ADMIN_DB` if set, else a SQLite file in the user data folder."""
    if os.environ.get("DESKTOP_ADMIN_DB"):
        return os.environ["DESKTOP_ADMIN_DB"]
    path = user_data_path(APP_NAME, appauthor=False) / "seatdesk.sqlite3"
    return f"sqlite:///{path}"


class AdminApp:
    """One open database with its clock and adapters: the way in for the GUI and the
    command line, which sign in here and then work through the `OperatorSession`.

    The engine and units of work stay in here; scripts and benchmarks that need the
    database itself open their own connection from `database_url`.
    """

    #: The shortest password an operator may choose (the services enforce it).
    MIN_PASSWORD_LENGTH = operators.MIN_PASSWORD_LENGTH

    def __init__(
        self,
        engine: Engine,
        sessions: sessionmaker[Session],
        clock: Clock,
        hasher: PasswordHasher,
        renderer: DocumentRenderer | None = None,
        sync: SyncAdapters | None = None,
    ) -> None:
        self._engine, self._sessions, self.clock, self._hasher = engine, sessions, clock, hasher
        self._renderer: DocumentRenderer = renderer or ReportlabRenderer()
        #: The platform adapter and its tokens (kept in memory for this session where
        #: the machine has no keyring): one for the application's life.
        self._sync: SyncAdapters = sync or _ScimOnDemand()
        self._feed = SqlChangeFeed(engine, uuid.uuid4().hex)

    @classmethod
    def open(
        cls,
        url: str | None = None,
        today: date | None = None,
        hasher: PasswordHasher | None = None,
        *,
        create: bool = True,
        sync: SyncAdapters | None = None,
    ) -> AdminApp:
        """Open (and migrate) the database; a SQLite file that does not exist is
        created, unless `create` is false (then refused with a sentence)."""
        engine, sessions = open_database(url or default_database_url(), create=create)
        clock: Clock = FixedClock(today) if today else SystemClock()
        return cls(engine, sessions, clock, hasher or Argon2Hasher(), sync=sync)

    def close(self) -> None:
        self._engine.dispose()

    @property
    def database_url(self) -> str:
        """The SQLAlchemy URL of the database, password included."""
        return self._engine.url.render_as_string(hide_password=False)

    @property
    def database_label(self) -> str:
        url = self._engine.url
        if url.get_backend_name() == "sqlite":
            return f"SQLite {Path(url.database or ':memory:').name}"
        return f"{url.get_backend_name()} {url.host or ''}/{url.database or ''}"

    def _new_uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self._sessions)

    def _session(self, operator: Operator) -> OperatorSession:
        ctx = Context(
            self._new_uow, self.clock, operator, self._hasher, self._renderer,
            SqliteBackups(self._engine), self._sync,
        )  # fmt: skip
        return OperatorSession(self, ctx, self._publish)

    def _publish(self, changes: Changes) -> None:
        try:
            self._feed.publish(changes.value)
        except Exception:  # the operation committed: a lost notice only delays others
            log.warning("could not publish a change to the change feed", exc_info=True)

    # Other applications' work on this database
    def last_change(self) -> int:
        """Where the change feed stands: start following it from here."""
        return self._feed.latest()

    def changes_since(self, last: int) -> tuple[int, Changes]:
        """What other applications changed after `last` (everything, if the feed was
        pruned past it), and where the feed now stands."""
        newest, changes, pruned = self._feed.since(last)
        return newest, EVERYTHING if pruned else Changes(changes)

    def wait_for_changes(self, timeout: float) -> None:
        """Block until another application may have changed something (at once on
        PostgreSQL, woken by NOTIFY) or `timeout` seconds; then ask `changes_since`."""
        self._feed.wait(timeout)

    def has_operators(self) -> bool:
        with in_sentences(), self._new_uow() as uow:
            return uow.operators.count() > 0

    def create_first_administrator(
        self, login: str, password: str, display_name: str = ""
    ) -> OperatorSession:
        with in_sentences():
            operator = operators.create_first_administrator(
                self._new_uow,
                self.clock,
                self._hasher,
                login=login,
                password=password,
                display_name=display_name,
            )
        return self._session(operator)

    def login(self, login: str, password: str) -> OperatorSession:
        with in_sentences():
            operator = operators.authenticate(
                self._new_uow, self._hasher, login=login, password=password
            )
        return self._session(operator)
