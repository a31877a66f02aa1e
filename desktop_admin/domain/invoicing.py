"""Invoice lines and totals (R19, R20), as pure values.

Each line is rounded once, half-up, to the currency's minor unit; VAT is
computed per rate on the sum of the lines at that rate and rounded once; the
total is net plus VAT.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum

from desktop_admin.domain.money import ZERO, Currency
from desktop_admin.domain.periods import Period


class LineKind(StrEnum):
    ROLE = "role"
    ADDON = "addon"
    PRORATION = "proration"
    REFUND = "refund"


@dataclass(frozen=True)
class InvoiceLine:
    description: str
    period: Period
    quantity: int
    unit_price: Decimal
    amount: Decimal
    kind: LineKind = LineKind.ROLE
    code: str = ""
    vat_rate: Decimal = ZERO

    @property
    def price_key(self) -> tuple[str, str]:
        """`("role"|"addon", code)`: how the line's unit price is keyed when a quote fixes
        it (R13)."""
        return ("addon" if self.kind is LineKind.ADDON else "role", self.code)


@dataclass(frozen=True)
class VatSubtotal:
    rate: Decimal
    base: Decimal
    vat: Decimal


@dataclass(frozen=True)
class Totals:
    net: Decimal
    vat_by_rate: tuple[VatSubtotal, ...]
    vat: Decimal
    total: Decimal


def totals(lines: list[InvoiceLine] | tuple[InvoiceLine, ...], currency: Currency) -> Totals:
    """R20: net = sum of lines; VAT per rate on that rate's sum, rounded once."""
    bases: dict[Decimal, Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        bases[line.vat_rate] += line.amount
    subtotals = tuple(
        VatSubtotal(rate, base, currency.round(base * rate / 100))
        for rate, base in sorted(bases.items())
    )
    net = sum((line.amount for line in lines), ZERO)
    vat = sum((s.vat for s in subtotals), ZERO)
    return Totals(net, subtotals, vat, net + vat)


def with_vat(lines: list[InvoiceLine], rate: Decimal) -> list[InvoiceLine]:
    return [replace(line, vat_rate=rate) for line in lines]


def document_number(series: str, year: int, sequence: int) -> str:
    """R19: `INV-2026-000001`; gapless per series and year."""
    return f"{series}-{year}-{sequence:06d}"


def period_span(lines: list[InvoiceLine] | tuple[InvoiceLine, ...]) -> Period | None:
    """The span the lines cover (for `period_start` and `period_end` of a document)."""
    if not lines:
        return None
    return Period(min(line.period.start for line in lines), max(line.period.end for line in lines))


class DocumentKind(StrEnum):
    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"

    @property
    def series(self) -> str:
        return "INV" if self is DocumentKind.INVOICE else "CN"


class InvoiceReason(StrEnum):
    PURCHASE = "purchase"
    RENEWAL = "renewal"
    UPGRADE = "upgrade"
    REFUND = "refund"


class InvoiceStatus(StrEnum):
    DRAFT = "draft"  # same-day upgrades gather here until it is issued
    OPEN = "open"
    PAID = "paid"
    CREDITED = "credited"


@dataclass(frozen=True)
class Party:
    """Seller or buyer details as printed on a document, frozen at issue.

    `address` holds the postal lines as printed; the fields after `email` are optional
    (a buyer has none of them yet): the seller's legal form, its address in parts
    (`street` may hold several lines), its company registration (SIREN, SIRET...) and
    the bank account invoices are paid to (IBAN and BIC, compact, upper case)."""

    name: str
    country: str
    vat_number: str | None = None
    address: str | None = None
    email: str | None = None
    legal_form: str | None = None
    street: str | None = None
    postcode: str | None = None
    city: str | None = None
    registration: str | None = None
    iban: str | None = None
    bic: str | None = None


@dataclass(frozen=True)
class Invoice:
    """An invoice or credit note (R19). `number` is given when it is issued."""

    kind: DocumentKind
    reason: InvoiceReason
    account_id: int
    subscription_id: int | None
    issue_date: date
    due_date: date
    currency: str
    lines: tuple[InvoiceLine, ...]
    payment_kind: str
    seller: Party
    buyer: Party
    vat_note: str = ""
    billing_key: str | None = None
    credited_invoice_id: int | None = None
    status: InvoiceStatus = InvoiceStatus.OPEN
    number: str | None = None
    id: int | None = None

    @property
    def totals(self) -> Totals:
        return totals(self.lines, Currency.of(self.currency))

    def dated(self, day: date) -> Invoice:
        """The same document issued on `day`, with the same payment terms."""
        return replace(self, issue_date=day, due_date=day + (self.due_date - self.issue_date))

    @property
    def period(self) -> Period:
        span = period_span(self.lines)
        if span is None:
            raise ValueError("a document has at least one line")
        return span


@dataclass(frozen=True)
class Payment:
    """Money received against an invoice: a card token or a bank transfer reference."""

    invoice_id: int
    method: str  # card | transfer
    reference: str
    amount: Decimal
    paid_on: date
    id: int | None = None
