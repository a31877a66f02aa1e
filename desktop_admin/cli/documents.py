"""Documents on the command line: how invoices, credit notes and quotes print, as
text, JSON or PDF files."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop_admin.app import AdminApp
from desktop_admin.cli import output as out
from desktop_admin.cli.auth import login
from desktop_admin.domain.errors import InvalidInput, Problem
from desktop_admin.domain.invoicing import Invoice, InvoiceLine, Party, Totals
from desktop_admin.domain.money import Currency
from desktop_admin.domain.quotes import Quote
from desktop_admin.files import write_atomically


def _lines(lines: tuple[InvoiceLine, ...], currency: Currency) -> list[dict[str, Any]]:
    return [
        {
            "description": line.description,
            "period_start": line.period.start,
            "period_end": line.period.end,
            "quantity": line.quantity,
            "unit_price": currency.format(line.unit_price),
            "amount": currency.format(line.amount),
            "vat_rate": format(line.vat_rate.normalize(), "f"),
        }
        for line in lines
    ]


def _money(sums: Totals, currency: Currency) -> dict[str, Any]:
    return {
        "vat_by_rate": [
            {
                "rate": format(v.rate.normalize(), "f"),
                "base": currency.format(v.base),
                "vat": currency.format(v.vat),
            }
            for v in sums.vat_by_rate
        ],
        "net": currency.format(sums.net),
        "vat": currency.format(sums.vat),
        "total": currency.format(sums.total),
    }


def invoice_doc(invoice: Invoice) -> dict[str, Any]:
    currency = Currency.of(invoice.currency)
    doc = out.fields_of(
        invoice, "id", "number", "kind", "reason", "account_id", "subscription_id",
        "credited_invoice_id", "issue_date", "due_date",
    )  # fmt: skip
    return doc | {
        "period_start": invoice.period.start,
        "period_end": invoice.period.end,
        **out.fields_of(invoice, "currency", "status", "vat_note", payment_method="payment_kind"),
        **_parts(invoice.lines, invoice.totals, invoice.seller, invoice.buyer, currency),
    }


def quote_doc(quote: Quote, today: Any) -> dict[str, Any]:
    currency = Currency.of(quote.currency)
    doc = out.fields_of(
        quote, "id", "number", "kind", "account_id", "subscription_id", "issue_date",
        "valid_until",
    )  # fmt: skip
    return doc | {
        "status": quote.status_on(today),
        **out.fields_of(quote, "contact_request", "currency", "vat_note"),
        **_parts(quote.lines, quote.totals, quote.seller, quote.buyer, currency),
        "request": dict(quote.request),
    }


def _parts(
    lines: tuple[InvoiceLine, ...], sums: Totals, seller: Party, buyer: Party, currency: Currency
) -> dict[str, Any]:
    """The lines, the sums and both parties of a document, as JSON."""
    return {
        "lines": _lines(lines, currency),
        **_money(sums, currency),
        "seller": vars(seller),
        "buyer": vars(buyer),
    }


def document_text(
    title: str,
    buyer: Party,
    lines: tuple[InvoiceLine, ...],
    sums: Totals,
    currency_code: str,
    note: str = "",
) -> str:
    currency = Currency.of(currency_code)
    rows = [
        (
            line.description,
            line.period.shown(),
            line.quantity,
            currency.format(line.unit_price),
            currency.format(line.amount),
        )
        for line in lines
    ]
    text = (
        f"{title}\n{buyer.name} ({buyer.country})\n\n"
        + out.table(rows, ("line", "period", "qty", "unit price", "amount"))
        + f"\n\nNet {currency.format(sums.net)}  VAT {currency.format(sums.vat)}  "
        f"Total {currency.format(sums.total)} {currency_code}"
    )
    return text + (f"\n{note}" if note else "")


def invoice_text(invoice: Invoice) -> str:
    title = (
        f"{invoice.number or 'DRAFT'}  {invoice.kind.value.replace('_', ' ')}  issued "
        f"{invoice.issue_date}  due {invoice.due_date}  {invoice.status.value}"
    )
    return document_text(
        title, invoice.buyer, invoice.lines, invoice.totals, invoice.currency, invoice.vat_note
    )


def quote_text(quote: Quote, today: Any) -> str:
    title = (
        f"{quote.number}  quote ({quote.kind.value})  issued {quote.issue_date}  valid "
        f"until {quote.valid_until}  {quote.status_on(today).value}"
        + ("  [request: sold on request only in this country]" if quote.contact_request else "")
    )
    return document_text(
        title, quote.buyer, quote.lines, quote.totals, quote.currency, quote.vat_note
    )


def _save_pdf(args: argparse.Namespace, number: str, content: bytes) -> int:
    """Write the PDF to `--out` (a file, or a folder to hold `<number>.pdf`), by default
    `<number>.pdf` in the current folder; print its path."""
    target = Path(args.out) if args.out else Path(f"{number}.pdf")
    if target.is_dir():
        target = target / f"{number}.pdf"
    try:
        write_atomically(target, content)  # a crash leaves the old file, never half of one
    except OSError as error:
        raise InvalidInput(
            f"{target} could not be written.",
            [Problem(error.strerror or str(error), field="--out")],
        ) from None
    path = target.resolve()
    return out.say(args, {"path": str(path), "number": number}, str(path))


def invoice_pdf(app: AdminApp, args: argparse.Namespace) -> int:
    """`invoice pdf ID|NUMBER [--out FILE]`: an issued invoice or credit note as PDF."""
    session = login(app, args)
    content = session.documents.invoice_pdf(args.reference)
    number = session.billing.invoice(args.reference).number
    assert number is not None  # a draft is refused above
    return _save_pdf(args, number, content)


def quote_pdf(app: AdminApp, args: argparse.Namespace) -> int:
    """`quote pdf ID|NUMBER [--out FILE]`: a quote as PDF."""
    session = login(app, args)
    content = session.documents.quote_pdf(args.reference)
    quote = session.billing.quote(args.reference)
    return _save_pdf(args, quote.number or f"quote-{quote.id}", content)
