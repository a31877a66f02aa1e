"""In-memory fakes of the ports in `desktop_admin.services.ports`.

After Cosmic Python's `FakeRepository` and `FakeUnitOfWork`, but faithful to what
the SQL adapters do, so that a service that passes here behaves the same on a
database:

- ids are given on insert and versions start at 1; every versioned update checks
  the version it was given (optimistic locking) and raises `ConflictError` when
  someone saved first, `NotFound` when the id does not exist;
- the constraints the schema enforces (unique login, unique role code, unique
  email per account, foreign keys to accounts and roles) raise
  `FakeIntegrityError`: a service should never reach them;
- the unit of work is a transaction: what is written inside `with uow:` is
  dropped unless `commit()` is called, exactly as `SqlUnitOfWork` rolls back on
  exit. `committed` says whether the latest transaction committed; `commits`
  counts every commit;
- audit entries are stored as JSON, as `SqlAudit` does, so a snapshot that is not
  JSON-friendly fails here too;
- the billing repositories (`fake_billing.py`) keep the promises of
  `SqlSubscriptions`, `SqlInvoices`, `SqlQuotes` and `SqlPayments`: shared gapless
  numbering, drafts, unique billing keys, amounts with at most 4 decimals.

Writes made outside a transaction (seeding a test) are kept as they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from types import TracebackType
from typing import Any, Protocol

from desktop_admin.domain.invoicing import Invoice, Payment
from desktop_admin.domain.quotes import Quote
from tests.unit.services.fake_billing import (
    FakeInvoiceRepository,
    FakePaymentRepository,
    FakeQuoteRepository,
    FakeSubscriptionRepository,
)
from tests.unit.services.fake_repositories import (
    FakeAccountRepository,
    FakeAuditRepository,
    FakeCatalogRepository,
    FakeIntegrityError,
    FakeOperatorRepository,
    FakeSettingsRepository,
    FakeUserRepository,
)

__all__ = [
    "FakeAccountRepository",
    "FakeAuditRepository",
    "FakeCatalogRepository",
    "FakeClock",
    "FakeHasher",
    "FakeIntegrityError",
    "FakeInvoiceRepository",
    "FakeOperatorRepository",
    "FakePaymentRepository",
    "FakeQuoteRepository",
    "FakeRenderer",
    "FakeSettingsRepository",
    "FakeSubscriptionRepository",
    "FakeUnitOfWork",
    "FakeUserRepository",
]


class FakeClock:
    """Today is a given date and now is a fixed time of that day (UTC)."""

    def __init__(self, day: date = date(2026, 3, 15), at: time = time(9, 30)) -> None:
        self.day, self.at = day, at

    def today(self) -> date:
        return self.day

    def now(self) -> datetime:
        return datetime.combine(self.day, self.at, tzinfo=UTC)

    def advance(self, days: int) -> None:
        self.day += timedelta(days=days)


class FakeHasher:
    """A reversible "hash" that is cheap; it remembers every verification asked."""

    PREFIX = "fake$"

    def __init__(self) -> None:
        self.verified: list[str] = []
        #: Passwords hashed (what an operator's creation and an unknown login cost).
        self.hashed: list[str] = []

    def hash(self, password: str) -> str:
        self.hashed.append(password)
        return self._hash(password)

    def _hash(self, password: str) -> str:
        return self.PREFIX + password[::-1]

    def verify(self, hashed: str, password: str) -> bool:
        self.verified.append(hashed)
        return hashed == self._hash(password)


class FakeRenderer:
    """Documents as small fake PDFs that name what was drawn; it remembers each call."""

    def __init__(self) -> None:
        self.drawn: list[tuple[str, str | None, tuple[Payment, ...], str | None]] = []

    def invoice(
        self, invoice: Invoice, payments: Iterable[Payment], credited_number: str | None = None
    ) -> bytes:
        self.drawn.append((invoice.kind.value, invoice.number, tuple(payments), credited_number))
        return f"%PDF-fake {invoice.kind.value} {invoice.number}".encode()

    def quote(self, quote: Quote) -> bytes:
        self.drawn.append(("quote", quote.number, (), quote.status.value))
        return f"%PDF-fake quote {quote.number} {quote.status.value}".encode()


class _Stateful(Protocol):
    def state(self) -> object: ...
    def restore(self, state: Any) -> None: ...


@dataclass
class _Snapshot:
    parts: tuple[object, ...]


class FakeUnitOfWork:
    """One transaction over the in-memory repositories; rolled back unless committed.

    Unlike Cosmic Python's, `committed` is reset when a transaction begins, so a
    test can assert that a refused call did not commit whatever came before it.
    """

    def __init__(self) -> None:
        self.settings = FakeSettingsRepository()
        self.accounts = FakeAccountRepository()
        self.catalog = FakeCatalogRepository(self.settings)
        self.users = FakeUserRepository(self.accounts, self.catalog)
        self.subscriptions = FakeSubscriptionRepository(self.accounts)
        self.operators = FakeOperatorRepository()
        self.audit = FakeAuditRepository()
        self.invoices = FakeInvoiceRepository(self.accounts, self.subscriptions)
        self.quotes = FakeQuoteRepository(self.accounts, self.invoices, self.subscriptions)
        self.payments = FakePaymentRepository(self.invoices)
        self.committed = False
        self.claims: list[tuple[str, int]] = []
        self.commits = 0
        self.rollbacks = 0
        self._begun: _Snapshot | None = None

    def _repositories(self) -> tuple[_Stateful, ...]:
        return (
            self.settings,
            self.accounts,
            self.catalog,
            self.users,
            self.subscriptions,
            self.operators,
            self.audit,
            self.invoices,
            self.quotes,
            self.payments,
        )

    def _snapshot(self) -> _Snapshot:
        return _Snapshot(tuple(r.state() for r in self._repositories()))

    def _restore(self, snapshot: _Snapshot) -> None:
        for repository, state in zip(self._repositories(), snapshot.parts, strict=True):
            repository.restore(state)

    @property
    def reads(self) -> Any:
        """Read models are queries, tested against real databases only."""
        raise NotImplementedError("read models are tested in tests/integration, not faked")

    @property
    def sync(self) -> Any:
        """The sync's outbox is written by the users' repository in SQL: tested against
        real databases (tests/sync), not faked."""
        raise NotImplementedError("the sync's storage is tested in tests/sync, not faked")

    @property
    def in_transaction(self) -> bool:
        return self._begun is not None

    def __enter__(self) -> FakeUnitOfWork:
        if self._begun is not None:
            raise RuntimeError("the unit of work is already in a transaction")
        self._begun = self._snapshot()
        self.committed = False
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        begun, self._begun = self._begun, None
        if begun is not None:
            self._restore(begun)  # drops whatever was not committed

    def claim(self, scope: str, key: int = 0) -> None:
        """One process here: nothing to wait for; the claims are kept for tests."""
        assert self._begun is not None, "claim outside the unit of work"
        self.claims.append((scope, key))

    def commit(self) -> None:
        assert self._begun is not None, "commit outside the unit of work"
        self._begun = self._snapshot()
        self.committed = True
        self.commits += 1

    def rollback(self) -> None:
        assert self._begun is not None, "rollback outside the unit of work"
        self._restore(self._begun)
        self.rollbacks += 1

    def picture(self) -> tuple[object, ...]:
        """Everything stored, to compare before and after a refused call."""
        return self._snapshot().parts
