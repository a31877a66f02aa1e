"""The unit of work: one session, one transaction, rolled back unless committed."""

from __future__ import annotations

from types import TracebackType

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
        self.users = SqlUsers(session)
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

    def commit(self) -> None:
        assert self._session is not None, "commit outside the unit of work"
        self._session.commit()

    def rollback(self) -> None:
        assert self._session is not None, "rollback outside the unit of work"
        self._session.rollback()
