"""Billing as people read it: the invoices and quotes of an account (or of all), and
the changes scheduled on an account's subscriptions, whatever became of them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_admin.domain.changes import ScheduledChange
from desktop_admin.domain.invoicing import Invoice
from desktop_admin.domain.quotes import Quote
from desktop_admin.persistence.invoices import invoices_from_rows
from desktop_admin.persistence.orm import (
    InvoiceRow,
    QuoteRow,
    ScheduledChangeRow,
    SubscriptionRow,
)
from desktop_admin.persistence.quotes import quotes_from_rows
from desktop_admin.persistence.subscriptions import change_from_row


class SqlBillingReads:
    def __init__(self, session: Session) -> None:
        self._session = session

    def invoices(self, account_id: int | None = None) -> list[Invoice]:
        """Invoices and credit notes, drafts too, by issue date and id; with their lines,
        read a chunk of documents at a time."""
        query = select(InvoiceRow).order_by(InvoiceRow.issue_date, InvoiceRow.id)
        if account_id is not None:
            query = query.where(InvoiceRow.account_id == account_id)
        return invoices_from_rows(self._session, list(self._session.scalars(query)))

    def quotes(self, account_id: int | None = None) -> list[Quote]:
        """Quotes, oldest first, with their lines."""
        query = select(QuoteRow).order_by(QuoteRow.id)
        if account_id is not None:
            query = query.where(QuoteRow.account_id == account_id)
        return quotes_from_rows(self._session, list(self._session.scalars(query)))

    def scheduled_changes(self, account_id: int) -> dict[int, list[ScheduledChange]]:
        """Every change scheduled on the account's subscriptions, pending or not, by
        subscription and date; every subscription of the account has its list."""
        subscriptions = self._session.scalars(
            select(SubscriptionRow.id)
            .where(SubscriptionRow.account_id == account_id)
            .order_by(SubscriptionRow.id)
        )
        found: dict[int, list[ScheduledChange]] = {i: [] for i in subscriptions}
        rows = self._session.scalars(
            select(ScheduledChangeRow)
            .join(SubscriptionRow, SubscriptionRow.id == ScheduledChangeRow.subscription_id)
            .where(SubscriptionRow.account_id == account_id)
            .order_by(ScheduledChangeRow.effective_on, ScheduledChangeRow.id)
        )
        for row in rows:
            found[row.subscription_id].append(change_from_row(row))
        return found
