"""What a printed invoice, credit note or quote says, before any layout.

`PrintedDocument` gathers the facts of one document (parties, lines, VAT per rate,
totals, dates, payment terms, notes) as domain values, so that the PDF layout and
later an embedded Factur-X (EN 16931) description read the same data. Amounts stay
`Decimal` and are formatted only with `Currency.format`, as everywhere else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from desktop_admin.domain.invoicing import (
    DocumentKind,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    Party,
    Payment,
    Totals,
)
from desktop_admin.domain.money import ZERO, Currency
from desktop_admin.domain.periods import Period
from desktop_admin.domain.quotes import Quote

#: How a payment method reads in a sentence.
METHODS = {"card": "card", "transfer": "bank transfer"}

#: Currency symbols printed beside totals; other currencies print their code.
SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}


@dataclass(frozen=True)
class PrintedDocument:
    """One document as printed: every fact the page shows, as domain values.

    `kind` is `invoice`, `credit_note` or `quote`; `due_date` is set for invoices and
    credit notes, `valid_until` for quotes.
    """

    kind: str
    title: str
    number: str | None
    issue_date: date
    status: str
    currency: Currency
    seller: Party
    buyer: Party
    lines: tuple[InvoiceLine, ...]
    totals: Totals
    payment_terms: str
    vat_note: str = ""
    due_date: date | None = None
    valid_until: date | None = None
    credited_number: str | None = None
    payments: tuple[Payment, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def reference(self) -> str:
        """The number, or a word saying there is none yet (a draft)."""
        return self.number or "not issued yet"

    @property
    def paid(self) -> Decimal:
        return sum((p.amount for p in self.payments), ZERO)

    @property
    def balance_due(self) -> Decimal:
        return self.totals.total - self.paid

    @property
    def subject(self) -> str:
        """The PDF's subject: what the document is, for whom."""
        return f"{self.title} {self.reference} for {self.buyer.name}"

    def money(self, amount: Decimal) -> str:
        """An amount as the domain formats it (`1200.00`), a negative zero (the VAT at
        0 % of a credit note) printed as `0.00`."""
        return self.currency.format(abs(amount) if amount.is_zero() else amount)

    def money_with_symbol(self, amount: Decimal) -> str:
        """`1200.00 €`, or `1200.00 CHF` for a currency without a symbol here."""
        symbol = SYMBOLS.get(self.currency.code, self.currency.code)
        return f"{self.money(amount)} {symbol}"

    def unit_price(self, price: Decimal) -> str:
        """A unit price with the currency's decimals, or all of its own when it has more
        (a prorated price), so that what is printed is the price that was charged."""
        if price == self.currency.round(price):
            return self.money(price)
        return format(price.normalize(), "f")

    @property
    def dates(self) -> tuple[tuple[str, str], ...]:
        """The header's facts, label and value, in the order printed."""
        rows = [("Number", self.reference), ("Issue date", self.issue_date.isoformat())]
        if self.due_date is not None:
            rows.append(("Due date", self.due_date.isoformat()))
        if self.valid_until is not None:
            rows.append(("Valid until", self.valid_until.isoformat()))
        if self.credited_number:
            rows.append(("Credits invoice", self.credited_number))
        rows.append(("Status", self.status))
        return tuple(rows)


def vat_rate_text(rate: Decimal) -> str:
    """`20`, `25.5`, `0`: a VAT rate in percent without trailing zeros."""
    return format(rate.normalize(), "f") if rate else "0"


def printed_period(period: Period) -> str:
    """The days a line covers, both inclusive, as a reader expects on an invoice
    (periods are half-open in the domain: `[start, end)`)."""
    return period.shown()


def _invoice_terms(invoice: Invoice) -> str:
    method = METHODS.get(invoice.payment_kind, invoice.payment_kind)
    if invoice.kind is DocumentKind.CREDIT_NOTE:
        return f"The amount credited is refunded by {method}."
    days = (invoice.due_date - invoice.issue_date).days
    if days <= 0:
        return f"Payment by {method}, due on receipt."
    return f"Payment by {method} within {days} days, by {invoice.due_date.isoformat()}."


def _status_label(value: str) -> str:
    return value.replace("_", " ").capitalize()


def invoice_document(
    invoice: Invoice, payments: Iterable[Payment] = (), credited_number: str | None = None
) -> PrintedDocument:
    """An invoice or a credit note as printed, with the payments received against it
    and, for a credit note, the number of the invoice it credits."""
    credit = invoice.kind is DocumentKind.CREDIT_NOTE
    title = "Credit note" if credit else "Invoice"
    notes: list[str] = []
    if invoice.status is InvoiceStatus.DRAFT:
        notes.append("Draft: this document is not an invoice until it is issued and numbered.")
    return PrintedDocument(
        kind=invoice.kind.value,
        title=title,
        number=invoice.number,
        issue_date=invoice.issue_date,
        status=_status_label(invoice.status.value),
        currency=Currency.of(invoice.currency),
        seller=invoice.seller,
        buyer=invoice.buyer,
        lines=invoice.lines,
        totals=invoice.totals,
        payment_terms=_invoice_terms(invoice),
        vat_note=invoice.vat_note,
        due_date=invoice.due_date,
        credited_number=credited_number if credit else None,
        payments=tuple(sorted(payments, key=lambda p: (p.paid_on, p.id or 0))),
        notes=tuple(notes),
    )


def quote_document(quote: Quote) -> PrintedDocument:
    """A quote as printed, with its stored status (the caller gives the status of the
    day, e.g. `replace(quote, status=quote.status_on(today))`). A quote request (R04)
    says that the sales team confirms it."""
    notes = ["This quote is not an invoice."]
    if quote.contact_request:
        notes.insert(
            0,
            "Quote request: some of these products are sold on request only in "
            f"{quote.buyer.country}. Our sales team will contact you to confirm this quote.",
        )
    return PrintedDocument(
        kind="quote",
        title="Quote request" if quote.contact_request else "Quote",
        number=quote.number,
        issue_date=quote.issue_date,
        status=_status_label(quote.status.value),
        currency=Currency.of(quote.currency),
        seller=quote.seller,
        buyer=quote.buyer,
        lines=quote.lines,
        totals=quote.totals,
        payment_terms=(
            f"Valid until {quote.valid_until.isoformat()}: the prices quoted apply to "
            "an order placed by then."
        ),
        vat_note=quote.vat_note,
        valid_until=quote.valid_until,
        notes=tuple(notes),
    )
