"""Invoices, credit notes and quotes rendered to PDF bytes (A4, reportlab platypus).

The adapter behind the `DocumentRenderer` port of `desktop_admin.services.ports`: it
is given domain objects and never queries anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from io import BytesIO
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from desktop_admin.domain.invoicing import Invoice, InvoiceStatus, Payment
from desktop_admin.domain.quotes import Quote
from desktop_admin.pdf import layout
from desktop_admin.pdf.document import PrintedDocument, invoice_document, quote_document
from desktop_admin.pdf.einvoice import facturx_pdf
from desktop_admin.pdf.fonts import Typeface, typeface

CREATOR = "Seat Desk"


def _fit(text: str, width: float, font: str, size: float) -> str:
    """The text, shortened with an ellipsis until it fits in `width` points."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _footer_canvas(doc: PrintedDocument, face: Typeface) -> Callable[..., Canvas]:
    """A canvas class that holds its pages until the end, so that each footer can say
    "Page 1 of N" once N is known."""
    left = f"{doc.title} {doc.reference} · {doc.seller.name}"
    if doc.seller.vat_number:
        left += f" · VAT number {doc.seller.vat_number}"

    class FooterCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802  (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            count = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._footer(number, count)
                super().showPage()
            super().save()

        def _footer(self, number: int, count: int) -> None:
            width = self._pagesize[0]
            y = layout.MARGIN_BOTTOM - 9 * mm
            self.saveState()
            self.setStrokeColor(layout.RULE)
            self.setLineWidth(0.5)
            self.line(layout.MARGIN_X, y + 4 * mm, width - layout.MARGIN_X, y + 4 * mm)
            self.setFont(face.regular, 7.5)
            self.setFillColor(layout.MUTED)
            page = f"Page {number} of {count}"
            room = width - 2 * layout.MARGIN_X - stringWidth(page, face.regular, 7.5) - 8 * mm
            self.drawString(layout.MARGIN_X, y, _fit(left, room, face.regular, 7.5))
            self.drawRightString(width - layout.MARGIN_X, y, page)
            self.restoreState()

    return FooterCanvas


def render(doc: PrintedDocument) -> bytes:
    """The document as PDF bytes, with its title, author (the seller) and subject."""
    face = typeface()
    buffer = BytesIO()
    body = Frame(
        layout.MARGIN_X,
        layout.MARGIN_BOTTOM,
        layout.WIDTH,
        layout.PAGE[1] - layout.MARGIN_TOP - layout.MARGIN_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    template = BaseDocTemplate(
        buffer,
        pagesize=layout.PAGE,
        pageTemplates=[PageTemplate("page", [body])],
        leftMargin=layout.MARGIN_X,
        rightMargin=layout.MARGIN_X,
        topMargin=layout.MARGIN_TOP,
        bottomMargin=layout.MARGIN_BOTTOM,
        title=f"{doc.title} {doc.reference}",
        author=doc.seller.name,
        subject=doc.subject,
        creator=CREATOR,
        initialFontName=face.regular,  # else each page also names Helvetica
        keywords=[doc.kind, doc.reference],
    )
    template.build(layout.story(doc, layout.Styles.of(face)), canvasmaker=_footer_canvas(doc, face))
    return buffer.getvalue()


def render_invoice(
    invoice: Invoice, payments: Iterable[Payment] = (), credited_number: str | None = None
) -> bytes:
    """An invoice or a credit note (by `invoice.kind`) as PDF bytes: number, issue and
    due dates, status, parties, lines, VAT per rate, totals, the payments received and
    the balance, the VAT note; a credit note names the invoice it credits when given.

    An issued document carries its Factur-X (EN 16931) XML as `factur-x.xml`
    (`einvoice`); a draft, which is not an invoice yet, does not."""
    doc = invoice_document(invoice, payments, credited_number)
    pdf = render(doc)
    if invoice.status is InvoiceStatus.DRAFT or doc.number is None:
        return pdf
    return facturx_pdf(pdf, doc, invoice.payment_kind, CREATOR)


def render_quote(quote: Quote) -> bytes:
    """A quote (or an R04 quote request) as PDF bytes: number, issue date, validity,
    the status it carries, parties, lines, VAT per rate and totals."""
    return render(quote_document(quote))


class ReportlabRenderer:
    """The `DocumentRenderer` port (services/ports.py), drawn with reportlab."""

    def invoice(
        self, invoice: Invoice, payments: Iterable[Payment], credited_number: str | None = None
    ) -> bytes:
        return render_invoice(invoice, payments, credited_number)

    def quote(self, quote: Quote) -> bytes:
        return render_quote(quote)
