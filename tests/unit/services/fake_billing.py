"""In-memory billing repositories faithful to `persistence/{subscriptions,invoices,
quotes}.py` (see `fakes.py` for the common promises).

What the SQL adapters do and these fakes do too:

- a subscription's items are rows with a quantity above 0, so a role or add-on at
  0 is not read back, nor is the locked price of an item that is not there; locked
  prices come back with the 4 decimals of the `Amount` column;
- amounts (`Amount` columns) are `Decimal` with at most 4 decimals, else the
  SQLite adapter raises `TypeError`/`ValueError`;
- invoices, credit notes and quotes share one gapless sequence per series and
  year (`next_sequence`: INV, CN, Q), taken in the caller's transaction;
- a draft has no number; `issue_draft` numbers it, opens it and appends
  `:NUMBER` to its billing key; billing keys and numbers are unique;
- a document is read back with its lines quantized to the currency and checked
  against the totals stored when it was written (R20), as `SqlInvoices` does;
- quote requests are stored as JSON (so a request that is not JSON-friendly fails).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from desktop_admin.domain.changes import ChangeStatus, ScheduledChange
from desktop_admin.domain.errors import ConflictError, NotFound
from desktop_admin.domain.invoicing import (
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    Party,
    Payment,
    document_number,
)
from desktop_admin.domain.lifecycle import QuoteStatus
from desktop_admin.domain.money import Currency
from desktop_admin.domain.quotes import Quote, QuoteKind
from desktop_admin.domain.subscriptions import Subscription, SubscriptionStatus
from tests.unit.services.fake_repositories import (
    FakeAccountRepository,
    FakeIntegrityError,
    _Table,
)

FOUR_DECIMALS = Decimal("0.0001")


def stored_amount(value: Decimal | None) -> Decimal | None:
    """What the `Amount` column accepts and gives back (SQLite adapter)."""
    if value is None:
        return None
    if not isinstance(value, Decimal):
        raise TypeError(f"amounts are Decimal, not {type(value).__name__}")
    if value * 10000 != (value * 10000).to_integral_value():
        raise ValueError(f"{value} has more than 4 decimals")
    return value.quantize(FOUR_DECIMALS)


def _conflict(what: str, row_id: int) -> ConflictError:
    return ConflictError(
        f"this {what} (id {row_id}) was changed by someone else since it "
        "was opened; reload it and try again"
    )


def _stored_lines(lines: Iterable[InvoiceLine]) -> tuple[InvoiceLine, ...]:
    for line in lines:
        for value in (line.unit_price, line.amount, line.vat_rate):
            stored_amount(value)
    return tuple(lines)


def _read_lines(currency: str, lines: Iterable[InvoiceLine]) -> tuple[InvoiceLine, ...]:
    """As `lines_from_rows`: amounts with the currency's decimals, rates normalised."""
    quantum = Currency.of(currency).quantum
    return tuple(
        replace(
            line,
            unit_price=stored_amount(line.unit_price).quantize(quantum),  # type: ignore[union-attr]
            amount=stored_amount(line.amount).quantize(quantum),  # type: ignore[union-attr]
            vat_rate=stored_amount(line.vat_rate).normalize(),  # type: ignore[union-attr]
        )
        for line in lines
    )


def _party(party: Party) -> Party:
    return Party(**json.loads(json.dumps(asdict(party))))


class FakeSubscriptionRepository:
    """Subscriptions with their items and locked prices, and their scheduled changes."""

    def __init__(self, accounts: FakeAccountRepository) -> None:
        self._accounts = accounts
        self.table: _Table[Subscription] = _Table("subscription")
        self.change_rows: dict[int, ScheduledChange] = {}
        self.next_change_id = 1
        self.locked: list[int] = []  # ids read `FOR UPDATE`, to check a service locks

    @staticmethod
    def _row(s: Subscription) -> Subscription:
        """The subscription as its rows hold it: items above 0, prices of those items."""
        seats = {c: n for c, n in s.seats.items() if n > 0}
        addons = {c: n for c, n in s.addons.items() if n > 0}

        def prices(quantities: dict[str, int], given: Any) -> dict[str, Decimal]:
            return {
                c: stored_amount(given[c])  # type: ignore[misc]
                for c in quantities
                if given.get(c) is not None
            }

        return replace(
            s,
            seats=seats,
            addons=addons,
            seat_prices=prices(seats, s.seat_prices),
            addon_prices=prices(addons, s.addon_prices),
        )

    def _check_account(self, s: Subscription) -> None:
        if s.account_id not in self._accounts.table.rows:
            raise FakeIntegrityError(f"subscriptions.account_id: no account {s.account_id}")

    def add(self, subscription: Subscription) -> Subscription:
        self._check_account(subscription)
        saved = self.table.insert(self._row(subscription))
        return replace(subscription, id=saved.id, version=1)

    def update(self, subscription: Subscription) -> Subscription:
        return self.update_many([subscription])[0]

    def update_many(self, subscriptions: Sequence[Subscription]) -> list[Subscription]:
        """UPDATE ... WHERE id AND version for each, in order; a conflict when one of
        them changed since it was read."""
        for s in subscriptions:
            assert s.id is not None, "updating a subscription that was never saved"
            owner = self.table.get(s.id).account_id  # the UPDATE never sets account_id
            self.table.update(replace(self._row(s), account_id=owner))
        return [replace(s, version=s.version + 1) for s in subscriptions]

    def get(self, subscription_id: int, lock: bool = False) -> Subscription:
        found = self.table.get(subscription_id)
        if lock:
            self.locked.append(subscription_id)
        return found

    def for_account(self, account_id: int) -> list[Subscription]:
        return [s for _, s in sorted(self.table.rows.items()) if s.account_id == account_id]

    @staticmethod
    def _due(s: Subscription, today: date) -> bool:
        if s.status is SubscriptionStatus.ACTIVE:
            return s.billed_through is not None and s.billed_through <= today
        if s.status is SubscriptionStatus.TRIAL:
            return s.ends_on is not None and s.ends_on <= today
        return False

    def due_ids(self, today: date, after_id: int = 0, limit: int = 1000) -> list[int]:
        return [
            i for i, s in sorted(self.table.rows.items()) if i > after_id and self._due(s, today)
        ][:limit]

    def lock_due(self, ids: Sequence[int], today: date) -> list[Subscription]:
        wanted = set(ids)
        due = [s for i, s in sorted(self.table.rows.items()) if i in wanted and self._due(s, today)]
        self.locked += [s.id for s in due if s.id is not None]
        return due

    # Scheduled changes ------------------------------------------------------------
    def add_change(self, change: ScheduledChange) -> ScheduledChange:
        if change.subscription_id not in self.table.rows:
            raise FakeIntegrityError(
                f"scheduled_changes.subscription_id: no subscription {change.subscription_id}"
            )
        saved = replace(change, id=self.next_change_id, version=1)
        self.change_rows[self.next_change_id] = saved
        self.next_change_id += 1
        return saved

    def _sorted(self, changes: Iterable[ScheduledChange]) -> list[ScheduledChange]:
        return sorted(changes, key=lambda c: (c.effective_on, c.id or 0))

    def changes(self, subscription_id: int) -> list[ScheduledChange]:
        return self.pending_changes_of([subscription_id])[subscription_id]

    def pending_changes_of(
        self, subscription_ids: Sequence[int]
    ) -> dict[int, list[ScheduledChange]]:
        found: dict[int, list[ScheduledChange]] = {i: [] for i in subscription_ids}
        for change in self._sorted(self.change_rows.values()):
            if change.subscription_id in found and change.status is ChangeStatus.PENDING:
                found[change.subscription_id].append(change)
        return found

    def pending_changes_until(self, day: date) -> list[ScheduledChange]:
        return self._sorted(
            c
            for c in self.change_rows.values()
            if c.status is ChangeStatus.PENDING and c.effective_on <= day
        )

    def set_change_status(
        self, change: ScheduledChange, status: ChangeStatus, note: str = ""
    ) -> ScheduledChange:
        assert change.id is not None
        row = self.change_rows.get(change.id)
        if row is None:
            raise NotFound(f"no scheduled change with id {change.id}")
        if row.version != change.version:
            raise _conflict("scheduled change", change.id)
        version = change.version + 1
        self.change_rows[change.id] = replace(
            row, status=status, note=note or change.note, version=version
        )
        return replace(change, status=status, note=note or change.note, version=version)

    def state(self) -> object:
        return self.table.state(), dict(self.change_rows), self.next_change_id, list(self.locked)

    def restore(self, state: Any) -> None:
        table, changes, self.next_change_id, locked = state
        self.table.restore(table)
        self.change_rows, self.locked = dict(changes), list(locked)


@dataclass(frozen=True)
class _InvoiceRow:
    invoice: Invoice  # as written, with the lines as written
    net: Decimal
    vat: Decimal
    total: Decimal
    version: int


class FakeInvoiceRepository:
    """Invoices and credit notes: gapless numbering per series and year (R19),
    drafts without a number, immutable once issued but for their status."""

    def __init__(
        self,
        accounts: FakeAccountRepository,
        subscriptions: FakeSubscriptionRepository | None = None,
    ) -> None:
        self._accounts, self._subscriptions = accounts, subscriptions
        self.rows: dict[int, _InvoiceRow] = {}
        self.sequences: dict[tuple[str, int], int] = {}
        self.next_id = 1

    # Numbering -----------------------------------------------------------------------
    def next_sequence(self, series: str, year: int, count: int = 1) -> int:
        """Take the next `count` numbers of a series; returns the last one."""
        self.sequences[(series, year)] = self.sequences.get((series, year), 0) + count
        return self.sequences[(series, year)]

    def _number(self, invoice: Invoice) -> str:
        series, year = invoice.kind.series, invoice.issue_date.year
        return document_number(series, year, self.next_sequence(series, year))

    # Writing -------------------------------------------------------------------------
    def _check(self, invoice: Invoice, taken_keys: set[str], taken_numbers: set[str]) -> None:
        if invoice.account_id not in self._accounts.table.rows:
            raise FakeIntegrityError(f"invoices.account_id: no account {invoice.account_id}")
        if (
            invoice.subscription_id is not None
            and self._subscriptions is not None
            and invoice.subscription_id not in self._subscriptions.table.rows
        ):
            raise FakeIntegrityError(
                f"invoices.subscription_id: no subscription {invoice.subscription_id}"
            )
        if invoice.credited_invoice_id is not None and invoice.credited_invoice_id not in self.rows:
            raise FakeIntegrityError(
                f"invoices.credited_invoice_id: no invoice {invoice.credited_invoice_id}"
            )
        if invoice.billing_key is not None and invoice.billing_key in taken_keys:
            raise FakeIntegrityError(f"invoices.billing_key: {invoice.billing_key!r} exists")
        if invoice.number is not None and invoice.number in taken_numbers:
            raise FakeIntegrityError(f"invoices.number: {invoice.number!r} exists")
        invoice.period  # noqa: B018 -- a document has at least one line (ValueError)
        _stored_lines(invoice.lines)

    def _taken(self) -> tuple[set[str], set[str]]:
        keys = {r.invoice.billing_key for r in self.rows.values() if r.invoice.billing_key}
        numbers = {r.invoice.number for r in self.rows.values() if r.invoice.number}
        return keys, numbers

    @staticmethod
    def _sums(invoice: Invoice) -> tuple[Decimal, Decimal, Decimal]:
        sums = invoice.totals
        return (
            stored_amount(sums.net),  # type: ignore[return-value]
            stored_amount(sums.vat),
            stored_amount(sums.total),
        )

    def _insert_many(self, invoices: Sequence[Invoice]) -> list[Invoice]:
        keys, numbers = self._taken()
        for invoice in invoices:  # one INSERT: all or nothing
            self._check(invoice, keys, numbers)
            keys.add(invoice.billing_key or "")
            numbers.add(invoice.number or "")
        saved = []
        for invoice in invoices:
            invoice_id, self.next_id = self.next_id, self.next_id + 1
            written = replace(invoice, id=invoice_id, seller=_party(invoice.seller))
            self.rows[invoice_id] = _InvoiceRow(written, *self._sums(invoice), version=1)
            saved.append(replace(invoice, id=invoice_id))
        return saved

    def issue(self, invoice: Invoice) -> Invoice:
        return self.issue_many([invoice])[0]

    def issue_many(self, invoices: Sequence[Invoice]) -> list[Invoice]:
        """Numbers taken per series and year in the order given, then one insert."""
        wanted = Counter((i.kind.series, i.issue_date.year) for i in invoices)
        next_value = {
            key: self.next_sequence(*key, count) - count + 1 for key, count in wanted.items()
        }
        numbered = []
        for invoice in invoices:
            key = (invoice.kind.series, invoice.issue_date.year)
            numbered.append(replace(invoice, number=document_number(*key, next_value[key])))
            next_value[key] += 1
        return self._insert_many(numbered)

    def save_draft(self, invoice: Invoice) -> Invoice:
        """Insert a draft, or replace the lines and totals of an existing one; as in SQL,
        a draft issued meanwhile is a conflict and is left as it is."""
        if invoice.status is not InvoiceStatus.DRAFT:
            raise ValueError("only a draft can be saved again")
        if invoice.id is None:
            return self._insert_many([replace(invoice, number=None)])[0]
        row = self.rows.get(invoice.id)
        if row is None or row.invoice.status is not InvoiceStatus.DRAFT:
            raise ConflictError(
                "today's upgrade invoice was issued meanwhile; try the change again"
            )
        written = replace(row.invoice, lines=_stored_lines(invoice.lines))
        self.rows[invoice.id] = _InvoiceRow(written, *self._sums(invoice), row.version + 1)
        return invoice

    def discard_drafts(self, subscription_id: int) -> int:
        drafts = [
            i
            for i, r in self.rows.items()
            if r.invoice.subscription_id == subscription_id
            and r.invoice.status is InvoiceStatus.DRAFT
        ]
        for invoice_id in drafts:
            del self.rows[invoice_id]
        return len(drafts)

    def issue_draft(self, invoice: Invoice) -> Invoice:
        """Number a draft (R19) and open it with the issue and due dates given; its
        billing key gets `:NUMBER`."""
        assert invoice.id is not None and invoice.status is InvoiceStatus.DRAFT
        number = self._number(invoice)
        key = f"{invoice.billing_key}:{number}" if invoice.billing_key else None
        row = self.rows.get(invoice.id)
        if row is not None:  # an UPDATE that matches no row changes nothing
            keys, numbers = self._taken()
            if number in numbers or (key is not None and key in keys):
                raise FakeIntegrityError(f"invoices: {number} or {key} exists")
            written = replace(
                row.invoice,
                number=number,
                status=InvoiceStatus.OPEN,
                billing_key=key,
                issue_date=invoice.issue_date,
                due_date=invoice.due_date,
            )
            self.rows[invoice.id] = replace(row, invoice=written, version=row.version + 1)
        return replace(invoice, number=number, status=InvoiceStatus.OPEN, billing_key=key)

    def set_status(self, invoice_id: int, status: InvoiceStatus) -> None:
        row = self.rows.get(invoice_id)
        if row is not None:  # an UPDATE that matches no row changes nothing
            written = replace(row.invoice, status=status)
            self.rows[invoice_id] = replace(row, invoice=written, version=row.version + 1)

    # Reading -------------------------------------------------------------------------
    def _read(self, row: _InvoiceRow) -> Invoice:
        invoice = replace(row.invoice, lines=_read_lines(row.invoice.currency, row.invoice.lines))
        sums = invoice.totals
        if (sums.net, sums.vat, sums.total) != (row.net, row.vat, row.total):
            raise AssertionError(f"R20: invoice {invoice.number}'s lines do not sum to its totals")
        return invoice

    def _all(self) -> list[Invoice]:
        return [self._read(r) for _, r in sorted(self.rows.items())]

    def drafts_until(self, day: date) -> list[Invoice]:
        return [i for i in self._all() if i.status is InvoiceStatus.DRAFT and i.issue_date <= day]

    def get(self, invoice_id: int) -> Invoice:
        if invoice_id not in self.rows:
            raise NotFound(f"no invoice with id {invoice_id}")
        return self._read(self.rows[invoice_id])

    def by_number(self, number: str) -> Invoice:
        found = next((r for r in self.rows.values() if r.invoice.number == number), None)
        if found is None:
            raise NotFound(f"no invoice numbered {number}")
        return self._read(found)

    def by_billing_key(self, key: str) -> Invoice | None:
        found = next((r for r in self.rows.values() if r.invoice.billing_key == key), None)
        return None if found is None else self._read(found)

    def for_subscription(self, subscription_id: int) -> list[Invoice]:
        return sorted(
            (i for i in self._all() if i.subscription_id == subscription_id),
            key=lambda i: (i.issue_date, i.id or 0),
        )

    def state(self) -> object:
        return dict(self.rows), dict(self.sequences), self.next_id

    def restore(self, state: Any) -> None:
        rows, sequences, self.next_id = state
        self.rows, self.sequences = dict(rows), dict(sequences)


@dataclass(frozen=True)
class _QuoteRow:
    quote: Quote  # request as given; what is read back goes through JSON
    request: str
    version: int


class FakeQuoteRepository:
    """Quotes and their lines (R13), numbered `Q-2026-000001` from the documents'
    shared sequences."""

    SERIES = "Q"

    def __init__(
        self,
        accounts: FakeAccountRepository,
        invoices: FakeInvoiceRepository,
        subscriptions: FakeSubscriptionRepository | None = None,
    ) -> None:
        self._accounts, self._sequences = accounts, invoices
        self._subscriptions = subscriptions
        self.rows: dict[int, _QuoteRow] = {}
        self.next_id = 1

    def add(self, quote: Quote) -> Quote:
        year = quote.issue_date.year
        number = document_number(
            self.SERIES, year, self._sequences.next_sequence(self.SERIES, year)
        )
        if quote.account_id not in self._accounts.table.rows:
            raise FakeIntegrityError(f"quotes.account_id: no account {quote.account_id}")
        if (
            quote.subscription_id is not None
            and self._subscriptions is not None
            and quote.subscription_id not in self._subscriptions.table.rows
        ):
            raise FakeIntegrityError(f"quotes.subscription_id: no {quote.subscription_id}")
        request = json.dumps({"kind": quote.kind.value, **quote.request}, sort_keys=True)
        sums = quote.totals
        for value in (sums.net, sums.vat, sums.total):
            stored_amount(value)
        _stored_lines(quote.lines)
        quote_id, self.next_id = self.next_id, self.next_id + 1
        saved = replace(quote, number=number, id=quote_id, version=1)
        self.rows[quote_id] = _QuoteRow(saved, request, 1)
        return saved

    def _read(self, row: _QuoteRow) -> Quote:
        request = json.loads(row.request)
        kind = QuoteKind(request.pop("kind"))
        return replace(
            row.quote,
            kind=kind,
            request=request,
            lines=_read_lines(row.quote.currency, row.quote.lines),
            seller=_party(row.quote.seller),
            buyer=_party(row.quote.buyer),
            version=row.version,
        )

    def get(self, reference: str) -> Quote:
        """By id or by number."""
        if reference.isdigit():
            row = self.rows.get(int(reference))
        else:
            row = next((r for r in self.rows.values() if r.quote.number == reference.upper()), None)
        if row is None:
            raise NotFound(f"no quote {reference}")
        return self._read(row)

    def set_status(self, quote: Quote, status: QuoteStatus) -> Quote:
        assert quote.id is not None
        row = self.rows.get(quote.id)
        if row is None:
            raise NotFound(f"no quote with id {quote.id}")
        if row.version != quote.version:
            raise _conflict("quote", quote.id)
        version = quote.version + 1
        self.rows[quote.id] = replace(row, quote=replace(row.quote, status=status), version=version)
        return replace(quote, status=status, version=version)

    def state(self) -> object:
        return dict(self.rows), self.next_id

    def restore(self, state: Any) -> None:
        rows, self.next_id = state
        self.rows = dict(rows)


class FakePaymentRepository:
    """Payments against invoices; amounts come back with 4 decimals, as stored."""

    def __init__(self, invoices: FakeInvoiceRepository) -> None:
        self._invoices = invoices
        self.rows: dict[int, Payment] = {}
        self.next_id = 1

    def add(self, payment: Payment) -> Payment:
        if payment.invoice_id not in self._invoices.rows:
            raise FakeIntegrityError(f"payments.invoice_id: no invoice {payment.invoice_id}")
        amount = stored_amount(payment.amount)
        payment_id, self.next_id = self.next_id, self.next_id + 1
        self.rows[payment_id] = replace(payment, amount=amount, id=payment_id)  # type: ignore[arg-type]
        return replace(payment, id=payment_id)

    def for_invoice(self, invoice_id: int) -> list[Payment]:
        return [p for _, p in sorted(self.rows.items()) if p.invoice_id == invoice_id]

    def state(self) -> object:
        return dict(self.rows), self.next_id

    def restore(self, state: Any) -> None:
        rows, self.next_id = state
        self.rows = dict(rows)
