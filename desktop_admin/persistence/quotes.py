"""Quotes and their lines (R13), numbered `Q-2026-000001`."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, replace
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_admin.domain.errors import NotFound
from desktop_admin.domain.invoicing import Party, document_number
from desktop_admin.domain.lifecycle import QuoteStatus
from desktop_admin.domain.quotes import Quote, QuoteKind
from desktop_admin.persistence.invoices import (
    SqlInvoices,
    line_rows,
    line_values,
    lines_from_rows,
)
from desktop_admin.persistence.orm import QuoteLineRow, QuoteRow
from desktop_admin.persistence.repositories import versioned_update

SERIES = "Q"


class SqlQuotes:
    def __init__(self, session: Session, invoices: SqlInvoices) -> None:
        self.session, self._sequences = session, invoices

    def add(self, quote: Quote) -> Quote:
        number = document_number(
            SERIES,
            quote.issue_date.year,
            self._sequences.next_sequence(SERIES, quote.issue_date.year),
        )
        sums = quote.totals
        row = QuoteRow(
            number=number,
            account_id=quote.account_id,
            subscription_id=quote.subscription_id,
            request=json.dumps({"kind": quote.kind.value, **quote.request}, sort_keys=True),
            status=quote.status.value,
            contact_request=quote.contact_request,
            issue_date=quote.issue_date,
            valid_until=quote.valid_until,
            currency=quote.currency,
            net=sums.net,
            vat=sums.vat,
            total=sums.total,
            vat_note=quote.vat_note,
            seller=json.dumps(asdict(quote.seller)),
            buyer=json.dumps(asdict(quote.buyer)),
            created_at=datetime.now(UTC),
            version=1,
        )
        self.session.add(row)
        self.session.flush()
        self.session.add_all(
            QuoteLineRow(quote_id=row.id, **values) for values in line_values(quote.lines)
        )
        self.session.flush()
        return replace(quote, number=number, id=row.id, version=1)

    def get(self, reference: str) -> Quote:
        """By id or by number."""
        column = QuoteRow.id if reference.isdigit() else QuoteRow.number
        value: int | str = int(reference) if reference.isdigit() else reference.upper()
        row = self.session.scalar(select(QuoteRow).where(column == value))
        if row is None:
            raise NotFound(f"no quote {reference}")
        return self._to_domain(row)

    def set_status(self, quote: Quote, status: QuoteStatus) -> Quote:
        assert quote.id is not None
        version = versioned_update(
            self.session, QuoteRow, quote.id, quote.version, "quote", dict(status=status.value)
        )
        return replace(quote, status=status, version=version)

    def _to_domain(self, row: QuoteRow) -> Quote:
        return quotes_from_rows(self.session, [row])[0]


def quotes_from_rows(session: Session, rows: Sequence[QuoteRow]) -> list[Quote]:
    """Quotes with their lines, read in one query per chunk."""
    lines = line_rows(session, QuoteLineRow, QuoteLineRow.quote_id, [r.id for r in rows])
    return [_quote(row, lines[row.id]) for row in rows]


def _quote(row: QuoteRow, lines: Iterable[QuoteLineRow]) -> Quote:
    request = json.loads(row.request)
    kind = QuoteKind(request.pop("kind"))
    return Quote(
        kind=kind,
        account_id=row.account_id,
        subscription_id=row.subscription_id,
        request=request,
        lines=lines_from_rows(row.currency, lines),
        issue_date=row.issue_date,
        valid_until=row.valid_until,
        currency=row.currency,
        seller=Party(**json.loads(row.seller)),
        buyer=Party(**json.loads(row.buyer)),
        vat_note=row.vat_note,
        status=QuoteStatus(row.status),
        contact_request=row.contact_request,
        number=row.number,
        id=row.id,
        version=row.version,
    )
