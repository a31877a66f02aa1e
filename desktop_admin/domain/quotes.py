"""Quotes (R13): a purchase or change priced exactly as it would be invoiced,
without committing it; and quote requests for contact-only roles (R04)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from desktop_admin.domain.invoicing import InvoiceLine, Party, Totals, totals
from desktop_admin.domain.lifecycle import QuoteStatus, effective_quote_status
from desktop_admin.domain.money import Currency


class QuoteKind(StrEnum):
    PURCHASE = "purchase"
    CHANGE = "change"


@dataclass(frozen=True)
class Quote:
    kind: QuoteKind
    account_id: int
    subscription_id: int | None
    request: Mapping[str, Any]  # the order or change, as given
    lines: tuple[InvoiceLine, ...]
    issue_date: date
    valid_until: date
    currency: str
    seller: Party
    buyer: Party
    vat_note: str = ""
    status: QuoteStatus = QuoteStatus.DRAFT
    contact_request: bool = False  # R04: the role is sold on request only here
    number: str | None = None
    id: int | None = None
    version: int = 0

    @property
    def totals(self) -> Totals:
        return totals(self.lines, Currency.of(self.currency))

    @property
    def prices(self) -> dict[tuple[str, str], Decimal]:
        """The unit prices the quote fixed, by `("role"|"addon", code)` (R13)."""
        return {line.price_key: line.unit_price for line in self.lines}

    def status_on(self, today: date) -> QuoteStatus:
        return effective_quote_status(self.status, self.valid_until, today)
