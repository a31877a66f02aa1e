"""Invoices and credit notes: gapless numbering (R19) and immutable storage."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from sqlalchemy import delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from desktop_admin.domain.errors import ConflictError, NotFound
from desktop_admin.domain.invoicing import (
    DocumentKind,
    Invoice,
    InvoiceLine,
    InvoiceReason,
    InvoiceStatus,
    LineKind,
    Party,
    Payment,
    document_number,
)
from desktop_admin.domain.money import Currency
from desktop_admin.domain.periods import Period
from desktop_admin.persistence.orm import (
    DocumentSequenceRow,
    InvoiceLineRow,
    InvoiceRow,
    PaymentRow,
    QuoteLineRow,
)
from desktop_admin.persistence.repositories import chunks

LineRow = TypeVar("LineRow", InvoiceLineRow, QuoteLineRow)


def line_values(lines: Iterable[InvoiceLine]) -> list[dict[str, Any]]:
    """Column values of invoice or quote lines, numbered from 1."""
    return [
        dict(
            position=i,
            kind=line.kind.value,
            code=line.code,
            description=line.description,
            period_start=line.period.start,
            period_end=line.period.end,
            quantity=line.quantity,
            unit_price=line.unit_price,
            amount=line.amount,
            vat_rate=line.vat_rate,
        )
        for i, line in enumerate(lines, start=1)
    ]


def lines_from_rows(
    currency: str,
    rows: Iterable[InvoiceLineRow | QuoteLineRow],
) -> tuple[InvoiceLine, ...]:
    quantum = Currency.of(currency).quantum  # amounts are stored with 4 decimals
    return tuple(
        InvoiceLine(
            r.description,
            Period(r.period_start, r.period_end),
            r.quantity,
            r.unit_price.quantize(quantum),
            r.amount.quantize(quantum),
            LineKind(r.kind),
            r.code,
            r.vat_rate.normalize(),
        )
        for r in rows
    )


class SqlInvoices:
    def __init__(self, session: Session) -> None:
        self.session = session

    def next_sequence(self, series: str, year: int, count: int = 1) -> int:
        """Take the next `count` numbers of a series in this transaction; returns the
        last one. The upsert locks the sequence row until commit, so concurrent issuers
        wait rather than collide, and a rollback gives the numbers back: no gaps."""
        seq = DocumentSequenceRow
        values = {"series": series, "year": year, "last_value": count}
        bump = {"last_value": seq.last_value + count}
        if self.session.get_bind().dialect.name == "postgresql":
            statement: Any = (
                postgresql.insert(seq)
                .values(values)
                .on_conflict_do_update(index_elements=[seq.series, seq.year], set_=bump)
            )
        else:
            statement = (
                sqlite.insert(seq)
                .values(values)
                .on_conflict_do_update(index_elements=[seq.series, seq.year], set_=bump)
            )
        statement = statement.returning(seq.last_value)
        return int(self.session.execute(statement).scalar_one())

    def by_billing_key(self, key: str) -> Invoice | None:
        row = self.session.scalar(select(InvoiceRow).where(InvoiceRow.billing_key == key))
        return None if row is None else self._to_domain(row)

    def issue(self, invoice: Invoice) -> Invoice:
        """Number and store a document with its lines, in the caller's transaction."""
        return self.issue_many([invoice])[0]

    def _number(self, invoice: Invoice) -> str:
        series, year = invoice.kind.series, invoice.issue_date.year
        return document_number(series, year, self.next_sequence(series, year))

    def issue_many(self, invoices: Sequence[Invoice]) -> list[Invoice]:
        """Number documents in the order given (one sequence update per series and
        year) and store them and their lines with bulk inserts."""
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

    def _insert_many(self, invoices: Sequence[Invoice]) -> list[Invoice]:
        if not invoices:
            return []
        now = datetime.now(UTC)
        rows = []
        for invoice in invoices:
            sums = invoice.totals
            rows.append(
                dict(
                    number=invoice.number,
                    kind=invoice.kind.value,
                    reason=invoice.reason.value,
                    billing_key=invoice.billing_key,
                    account_id=invoice.account_id,
                    subscription_id=invoice.subscription_id,
                    credited_invoice_id=invoice.credited_invoice_id,
                    issue_date=invoice.issue_date,
                    due_date=invoice.due_date,
                    period_start=invoice.period.start,
                    period_end=invoice.period.end,
                    currency=invoice.currency,
                    net=sums.net,
                    vat=sums.vat,
                    total=sums.total,
                    status=invoice.status.value,
                    payment_kind=invoice.payment_kind,
                    vat_note=invoice.vat_note,
                    seller=json.dumps(vars(invoice.seller)),
                    buyer=json.dumps(vars(invoice.buyer)),
                    created_at=now,
                    version=1,
                )
            )
        ids = list(
            self.session.scalars(
                insert(InvoiceRow).returning(InvoiceRow.id, sort_by_parameter_order=True), rows
            )
        )
        lines = [
            dict(invoice_id=invoice_id, **values)
            for invoice_id, invoice in zip(ids, invoices, strict=True)
            for values in line_values(invoice.lines)
        ]
        if lines:
            self.session.execute(insert(InvoiceLineRow), lines)
        return [
            replace(invoice, id=invoice_id)
            for invoice_id, invoice in zip(ids, invoices, strict=True)
        ]

    def _insert(self, invoice: Invoice, number: str | None) -> Invoice:
        return self._insert_many([replace(invoice, number=number)])[0]

    def _write_lines(self, invoice_id: int, invoice: Invoice) -> None:
        self.session.execute(delete(InvoiceLineRow).where(InvoiceLineRow.invoice_id == invoice_id))
        self.session.execute(
            insert(InvoiceLineRow),
            [dict(invoice_id=invoice_id, **values) for values in line_values(invoice.lines)],
        )

    def save_draft(self, invoice: Invoice) -> Invoice:
        """Insert a draft, or replace the lines and totals of an existing one."""
        if invoice.status is not InvoiceStatus.DRAFT:
            raise ValueError("only a draft can be saved again")
        if invoice.id is None:
            return self._insert(invoice, None)
        sums = invoice.totals
        result = self.session.execute(
            update(InvoiceRow)
            .where(InvoiceRow.id == invoice.id, InvoiceRow.status == InvoiceStatus.DRAFT.value)
            .values(
                net=sums.net,
                vat=sums.vat,
                total=sums.total,
                period_start=invoice.period.start,
                period_end=invoice.period.end,
                version=InvoiceRow.version + 1,
            )
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise ConflictError(
                "today's upgrade invoice was issued meanwhile; try the change again"
            )
        self._write_lines(invoice.id, invoice)
        return invoice

    def issue_draft(self, invoice: Invoice) -> Invoice:
        """Give a draft its number, with the issue and due dates it is given: from now
        on it never changes (R19)."""
        assert invoice.id is not None and invoice.status is InvoiceStatus.DRAFT
        number = self._number(invoice)
        key = f"{invoice.billing_key}:{number}" if invoice.billing_key else None
        result = self.session.execute(
            update(InvoiceRow)
            .where(InvoiceRow.id == invoice.id, InvoiceRow.status == InvoiceStatus.DRAFT.value)
            .values(
                number=number,
                status=InvoiceStatus.OPEN.value,
                billing_key=key,
                issue_date=invoice.issue_date,
                due_date=invoice.due_date,
                version=InvoiceRow.version + 1,
            )
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise ConflictError(f"invoice {invoice.id} was issued meanwhile")
        return replace(invoice, number=number, status=InvoiceStatus.OPEN, billing_key=key)

    def discard_drafts(self, subscription_id: int) -> int:
        """Drop a subscription's unissued drafts (it ended before they were issued)."""
        ids = list(
            self.session.scalars(
                select(InvoiceRow.id).where(
                    InvoiceRow.subscription_id == subscription_id,
                    InvoiceRow.status == InvoiceStatus.DRAFT.value,
                )
            )
        )
        if ids:
            self.session.execute(delete(InvoiceLineRow).where(InvoiceLineRow.invoice_id.in_(ids)))
            self.session.execute(delete(InvoiceRow).where(InvoiceRow.id.in_(ids)))
        return len(ids)

    def drafts_until(self, day: date) -> list[Invoice]:
        """Drafts dated on or before `day`, locked for this transaction; drafts another
        billing run holds are skipped (PostgreSQL `SKIP LOCKED`)."""
        query = (
            select(InvoiceRow)
            .where(InvoiceRow.status == InvoiceStatus.DRAFT.value, InvoiceRow.issue_date <= day)
            .order_by(InvoiceRow.id)
        )
        if self.session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        return invoices_from_rows(self.session, list(self.session.scalars(query)))

    def get(self, invoice_id: int) -> Invoice:
        row = self.session.get(InvoiceRow, invoice_id)
        if row is None:
            raise NotFound(f"no invoice with id {invoice_id}")
        return self._to_domain(row)

    def by_number(self, number: str) -> Invoice:
        row = self.session.scalar(select(InvoiceRow).where(InvoiceRow.number == number))
        if row is None:
            raise NotFound(f"no invoice numbered {number}")
        return self._to_domain(row)

    def for_subscription(self, subscription_id: int) -> list[Invoice]:
        """A subscription's documents, drafts too, by issue date (what a refund credits)."""
        rows = self.session.scalars(
            select(InvoiceRow)
            .where(InvoiceRow.subscription_id == subscription_id)
            .order_by(InvoiceRow.issue_date, InvoiceRow.id)
        )
        return invoices_from_rows(self.session, list(rows))

    def set_status(self, invoice_id: int, status: InvoiceStatus) -> None:
        """The status is the only thing about an issued document that changes."""
        self.session.execute(
            update(InvoiceRow)
            .where(InvoiceRow.id == invoice_id)
            .values(status=status.value, version=InvoiceRow.version + 1)
        )

    def _to_domain(self, row: InvoiceRow) -> Invoice:
        return invoices_from_rows(self.session, [row])[0]


def line_rows(
    session: Session, line_type: type[LineRow], parent: Any, ids: Sequence[int]
) -> dict[int, list[LineRow]]:
    """The line rows of several documents (`parent` is the line's document id column),
    in chunks of ids, each document's in their order."""
    found: dict[int, list[LineRow]] = {i: [] for i in ids}
    for chunk in chunks(list(ids)):
        for line in session.scalars(
            select(line_type).where(parent.in_(chunk)).order_by(parent, line_type.position)
        ):
            found[getattr(line, parent.key)].append(line)
    return found


def invoices_from_rows(session: Session, rows: Sequence[InvoiceRow]) -> list[Invoice]:
    """Documents with their lines (read in one query per chunk), each checked against
    the totals stored with it (R20)."""
    lines = line_rows(session, InvoiceLineRow, InvoiceLineRow.invoice_id, [r.id for r in rows])
    return [_invoice(row, lines[row.id]) for row in rows]


def _invoice(row: InvoiceRow, lines: Iterable[InvoiceLineRow]) -> Invoice:
    invoice = Invoice(
        kind=DocumentKind(row.kind),
        reason=InvoiceReason(row.reason),
        account_id=row.account_id,
        subscription_id=row.subscription_id,
        issue_date=row.issue_date,
        due_date=row.due_date,
        currency=row.currency,
        lines=lines_from_rows(row.currency, lines),
        payment_kind=row.payment_kind,
        seller=Party(**json.loads(row.seller)),
        buyer=Party(**json.loads(row.buyer)),
        vat_note=row.vat_note,
        billing_key=row.billing_key,
        credited_invoice_id=row.credited_invoice_id,
        status=InvoiceStatus(row.status),
        number=row.number,
        id=row.id,
    )
    sums = invoice.totals
    if (sums.net, sums.vat, sums.total) != (row.net, row.vat, row.total):
        raise AssertionError(f"R20: invoice {row.number}'s lines do not sum to its totals")
    return invoice


class SqlPayments:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, payment: Payment) -> Payment:
        row = PaymentRow(
            invoice_id=payment.invoice_id,
            method=payment.method,
            reference=payment.reference,
            amount=payment.amount,
            paid_on=payment.paid_on,
            created_at=datetime.now(UTC),
        )
        self.session.add(row)
        self.session.flush()
        return replace(payment, id=row.id)

    def for_invoice(self, invoice_id: int) -> list[Payment]:
        return [
            Payment(r.invoice_id, r.method, r.reference, r.amount, r.paid_on, r.id)
            for r in self.session.scalars(
                select(PaymentRow)
                .where(PaymentRow.invoice_id == invoice_id)
                .order_by(PaymentRow.id)
            )
        ]
