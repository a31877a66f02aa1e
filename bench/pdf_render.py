"""Invoice PDF throughput against a bare reportlab floor.

    .venv/bin/python bench/pdf_render.py [--invoices N] [--lines L]

Times, per invoice of L lines:
- `render(doc)`: the laid-out page (platypus tables, embedded DejaVu, page numbers);
- `render_invoice(invoice)`: the same page as a Factur-X e-invoice (CII XML built and
  checked against the XSD, attached, PDF/A metadata), what the application writes;
against the floor: a reportlab canvas drawing the same strings at fixed places in the
built-in Helvetica, with no layout, no font embedding and no XML. A figure, never an
assertion.
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from decimal import Decimal
from io import BytesIO

from reportlab.pdfgen.canvas import Canvas

from desktop_admin.domain.invoicing import (
    DocumentKind,
    Invoice,
    InvoiceLine,
    InvoiceReason,
    Party,
    with_vat,
)
from desktop_admin.domain.money import Currency
from desktop_admin.domain.periods import Period
from desktop_admin.domain.vat import vat_treatment
from desktop_admin.pdf import invoice_document, render, render_invoice
from desktop_admin.pdf.fonts import typeface

EUR = Currency.of("EUR")
SELLER = Party("Seat Desk SAS", "FR", "FR40303265045", "1 rue de la Paix\n75002 Paris")
BUYER = Party("Bäckerei Müller GmbH", "DE", "DE123456789", "Hauptstraße 5\n10115 Berlin")
YEAR = Period(date(2026, 3, 15), date(2027, 3, 15))


def make_invoice(number: int, lines: int) -> Invoice:
    vat = vat_treatment(SELLER.country, BUYER.country, BUYER.vat_number)
    price = Decimal("100.00")
    items = [
        InvoiceLine(f"Role {n} (yearly, per seat)", YEAR, n + 1, price, EUR.round(price * (n + 1)))
        for n in range(lines)
    ]
    return Invoice(
        kind=DocumentKind.INVOICE,
        reason=InvoiceReason.PURCHASE,
        account_id=1,
        subscription_id=1,
        issue_date=YEAR.start,
        due_date=date(2026, 4, 14),
        currency="EUR",
        lines=tuple(with_vat(items, vat.rate)),
        payment_kind="card",
        seller=SELLER,
        buyer=BUYER,
        vat_note=vat.note,
        number=f"INV-2026-{number:06d}",
        id=number,
    )


def floor(invoice: Invoice, font: str = "Helvetica") -> bytes:
    """The same strings drawn at fixed places: what any PDF of it must at least cost."""
    out = BytesIO()
    canvas = Canvas(out)
    canvas.setFont(font, 9)
    y = 800.0
    for text in (invoice.seller.name, invoice.buyer.name, invoice.number or ""):
        canvas.drawString(40, y, text)
        y -= 12
    for item in invoice.lines:
        if y < 60:
            canvas.showPage()
            canvas.setFont(font, 9)
            y = 800.0
        canvas.drawString(40, y, item.description)
        canvas.drawString(300, y, f"{item.period.shown()}")
        canvas.drawRightString(540, y, str(item.amount))
        y -= 12
    totals = invoice.totals
    canvas.drawRightString(540, y - 12, f"{totals.net} {totals.vat} {totals.total}")
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def timed(name: str, work: list[Invoice], render_one: object) -> float:
    start = time.perf_counter()
    size = 0
    for invoice in work:
        size += len(render_one(invoice))  # type: ignore[operator]
    seconds = time.perf_counter() - start
    per = seconds / len(work) * 1000
    print(f"{name:<34} {seconds:7.2f} s  {per:7.1f} ms/invoice  {size / len(work) / 1024:6.1f} KiB")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--invoices", type=int, default=200)
    parser.add_argument("--lines", type=int, default=5)
    args = parser.parse_args()
    work = [make_invoice(n + 1, args.lines) for n in range(args.invoices)]
    render_invoice(work[0])  # fonts registered and schemas loaded once, as in the app
    print(f"{args.invoices} invoices of {args.lines} lines, one thread")
    base = timed("floor (canvas, Helvetica, no XML)", work, floor)
    face = typeface().regular
    embedded = timed("canvas, embedded font, no XML", work, lambda i: floor(i, face))
    page = timed("laid-out page (render)", work, lambda i: render(invoice_document(i)))
    full = timed("Factur-X e-invoice (render_invoice)", work, render_invoice)
    print(f"ratios to the floor: page {page / base:.1f}x, e-invoice {full / base:.1f}x")
    print(
        f"ratios to the canvas with the embedded font: page {page / embedded:.1f}x, "
        f"e-invoice {full / embedded:.1f}x"
    )


if __name__ == "__main__":
    main()
