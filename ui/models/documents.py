"""What the quotes and invoices pages show, as table models: the documents of an account
and the lines of one (also a change's price preview), with their totals."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from desktop_admin.domain.invoicing import DocumentKind, Invoice, InvoiceLine, Totals
from desktop_admin.domain.quotes import Quote
from ui.formatting import NOTHING, amount, day, span, word
from ui.i18n import translate
from ui.models.records import CENTER, RIGHT, Column, RecordsModel


def totals_text(totals: Totals, currency: str) -> str:
    return (
        translate("DocumentsPage", "Net {net}  ·  VAT {vat}  ·  Total {total} {currency}")
    ).format(
        net=amount(totals.net),
        vat=amount(totals.vat),
        total=amount(totals.total),
        currency=currency,
    )


def invoice_kind(invoice: Invoice) -> str:
    """'Invoice (renewal)', 'Credit note (refund)'."""
    kind = (
        translate("DocumentsPage", "Credit note")
        if invoice.kind is DocumentKind.CREDIT_NOTE
        else translate("DocumentsPage", "Invoice")
    )
    return f"{kind} ({word(invoice.reason.value)})"


def quote_kind(quote: Quote) -> str:
    """'purchase', 'change', or a request for a contact-only role."""
    if quote.contact_request:
        return translate("DocumentsPage", "{kind} request").format(kind=word(quote.kind.value))
    return word(quote.kind.value)


class InvoiceLinesModel(RecordsModel[InvoiceLine]):
    """The lines of an invoice, a quote or a price preview."""

    columns = (
        Column[InvoiceLine](
            QT_TRANSLATE_NOOP("Models", "Description"), lambda line: line.description
        ),
        Column[InvoiceLine](
            QT_TRANSLATE_NOOP("Models", "Period"),
            lambda line: span(line.period.start, line.period.last_day),
        ),
        Column[InvoiceLine](
            QT_TRANSLATE_NOOP("Models", "Qty"), lambda line: str(line.quantity), RIGHT
        ),
        Column[InvoiceLine](
            QT_TRANSLATE_NOOP("Models", "Unit price"), lambda line: amount(line.unit_price), RIGHT
        ),
        Column[InvoiceLine](
            QT_TRANSLATE_NOOP("Models", "Amount"), lambda line: amount(line.amount), RIGHT
        ),
        Column[InvoiceLine](
            QT_TRANSLATE_NOOP("Models", "VAT %"),
            lambda line: f"{line.vat_rate.normalize():f}",
            RIGHT,
        ),
    )


class InvoicesModel(RecordsModel[Invoice]):
    columns = (
        Column[Invoice](QT_TRANSLATE_NOOP("Models", "Number"), lambda i: i.number or word("draft")),
        Column[Invoice](QT_TRANSLATE_NOOP("Models", "Kind"), invoice_kind),
        Column[Invoice](QT_TRANSLATE_NOOP("Models", "Issued"), lambda i: day(i.issue_date), CENTER),
        Column[Invoice](QT_TRANSLATE_NOOP("Models", "Due"), lambda i: day(i.due_date), CENTER),
        Column[Invoice](QT_TRANSLATE_NOOP("Models", "Status"), lambda i: word(i.status.value)),
        Column[Invoice](QT_TRANSLATE_NOOP("Models", "Net"), lambda i: amount(i.totals.net), RIGHT),
        Column[Invoice](QT_TRANSLATE_NOOP("Models", "VAT"), lambda i: amount(i.totals.vat), RIGHT),
        Column[Invoice](
            QT_TRANSLATE_NOOP("Models", "Total"), lambda i: amount(i.totals.total), RIGHT
        ),
    )


class QuotesModel(RecordsModel[Quote]):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = (
            Column[Quote](QT_TRANSLATE_NOOP("Models", "Number"), lambda q: q.number or NOTHING),
            Column[Quote](QT_TRANSLATE_NOOP("Models", "Kind"), quote_kind),
            Column[Quote](
                QT_TRANSLATE_NOOP("Models", "Issued"), lambda q: day(q.issue_date), CENTER
            ),
            Column[Quote](
                QT_TRANSLATE_NOOP("Models", "Valid until"), lambda q: day(q.valid_until), CENTER
            ),
            Column[Quote](
                QT_TRANSLATE_NOOP("Models", "Status"), lambda q: word(q.status_on(today).value)
            ),
            Column[Quote](
                QT_TRANSLATE_NOOP("Models", "Net"), lambda q: amount(q.totals.net), RIGHT
            ),
            Column[Quote](
                QT_TRANSLATE_NOOP("Models", "VAT"), lambda q: amount(q.totals.vat), RIGHT
            ),
            Column[Quote](
                QT_TRANSLATE_NOOP("Models", "Total"), lambda q: amount(q.totals.total), RIGHT
            ),
        )
