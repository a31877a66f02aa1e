"""The unit of work: one session, one transaction, rolled back unless committed."""

from __future__ import annotations

import zlib
from types import TracebackType

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from desktop_admin.persistence.audit import SqlAudit
from desktop_admin.persistence.invoices import SqlInvoices, SqlPayments
from desktop_admin.persistence.quotes import SqlQuotes
from desktop_admin.persistence.reads import SqlReads
from desktop_admin.persistence.repositories import (
    SqlAccounts,
    SqlCatalog,
    SqlOperators,
    SqlSettings,
)
from desktop_admin.persistence.subscriptions import SqlSubscriptions
from desktop_admin.persistence.sync import SqlOutbox, SqlSync
from desktop_admin.persistence.users import SqlUsers


class SqlUnitOfWork:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._factory = session_factory
        self._session: Session | None = None

    def __enter__(self) -> SqlUnitOfWork:
        if self._session is not None:
            raise RuntimeError("a unit of work is entered once")
        self._session = session = self._factory()
        self.accounts = SqlAccounts(session)
        self.catalog = SqlCatalog(session)
        outbox = SqlOutbox(session)
        self.users = SqlUsers(session, outbox)
        self.sync = SqlSync(session, outbox)
        self.subscriptions = SqlSubscriptions(session)
        self.operators = SqlOperators(session)
        self.audit = SqlAudit(session)
        self.invoices = SqlInvoices(session)
        self.quotes = SqlQuotes(session, self.invoices)
        self.payments = SqlPayments(session)
        self.settings = SqlSettings(session)
        self.reads = SqlReads(session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session, self._session = self._session, None
        if session is not None:
            session.rollback()
            session.close()

    def claim(self, scope: str, key: int = 0) -> None:
        """Hold `scope` (e.g. "seats" of account `key`) until this transaction ends, so
        that a rule counted next (seats in use, what an invoice still owes) cannot be
        beaten by another process counting at the same time: it waits for this
        transaction, then counts what it committed.

        SQLite takes the database's write lock (`BEGIN IMMEDIATE`), which must come
        before anything else in the transaction; PostgreSQL takes a transaction-level
        advisory lock on the scope and key. Services claim first, then read.
        """
        assert self._session is not None, "claim outside the unit of work"
        connection = self._session.connection()
        if connection.dialect.name == "sqlite":
            driver = connection.connection.driver_connection
            if driver is not None and not driver.in_transaction:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            return
        lock = (zlib.crc32(scope.encode()) << 31) ^ (key & 0x7FFFFFFF)
        connection.execute(text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": lock})

    def commit(self) -> None:
        assert self._session is not None, "commit outside the unit of work"
        self._session.commit()

    def rollback(self) -> None:
        assert self._session is not None, "rollback outside the unit of work"
        self._session.rollback()
