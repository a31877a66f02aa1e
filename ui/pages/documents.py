"""The quotes and invoices pages: an account's documents, their lines and totals; quotes
can be accepted or rejected."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_admin.app import OperatorSession
from desktop_admin.domain.invoicing import DocumentKind, Invoice, InvoiceLine, Totals
from desktop_admin.domain.lifecycle import QuoteStatus
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.quotes import Quote
from ui.feedback import show_error
from ui.formatting import amount
from ui.i18n import role_label, translate
from ui.models.records import CENTER, RIGHT, Column, RecordsModel
from ui.pages.base import Page, make_table, muted
from ui.reference import ReferenceData
from ui.tasks import BackgroundTasks
from ui.widgets.account_combo import AccountCombo, account_bar
from ui.widgets.pdf_export import PdfActions


def day(value: date | None) -> str:
    return value.isoformat() if value else "—"


def word(value: str) -> str:
    """A status, reason, kind or payment kind of a document in the installed language."""
    words = {
        "draft": translate("DocumentsPage", "draft"),
        "open": translate("DocumentsPage", "open"),
        "paid": translate("DocumentsPage", "paid"),
        "credited": translate("DocumentsPage", "credited"),
        "purchase": translate("DocumentsPage", "purchase"),
        "renewal": translate("DocumentsPage", "renewal"),
        "upgrade": translate("DocumentsPage", "upgrade"),
        "refund": translate("DocumentsPage", "refund"),
        "trial": translate("DocumentsPage", "trial"),
        "sent": translate("DocumentsPage", "sent"),
        "accepted": translate("DocumentsPage", "accepted"),
        "rejected": translate("DocumentsPage", "rejected"),
        "expired": translate("DocumentsPage", "expired"),
        "change": translate("DocumentsPage", "change"),
        "card": translate("DocumentsPage", "card"),
        "transfer": translate("DocumentsPage", "bank transfer"),
    }
    return words.get(value, value)


def totals_text(totals: Totals, currency: str) -> str:
    return (
        translate("DocumentsPage", "Net {net}  ·  VAT {vat}  ·  Total {total} {currency}")
    ).format(
        net=amount(totals.net),
        vat=amount(totals.vat),
        total=amount(totals.total),
        currency=currency,
    )


class InvoiceLinesModel(RecordsModel[InvoiceLine]):
    """The lines of an invoice, a quote or a price preview."""

    columns = (
        Column[InvoiceLine](
            QT_TRANSLATE_NOOP("Models", "Description"), lambda line: line.description
        ),
        Column[InvoiceLine](
            QT_TRANSLATE_NOOP("Models", "Period"),
            lambda line: line.period.shown(),
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


def lines_table(model: InvoiceLinesModel) -> Any:
    view = make_table(model, (260, 180, 50, 90, 90, 60), stretch=0)
    view.setSelectionMode(view.SelectionMode.NoSelection)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return view


def _invoice_kind(invoice: Invoice) -> str:
    kind = (
        translate("DocumentsPage", "Credit note")
        if invoice.kind is DocumentKind.CREDIT_NOTE
        else translate("DocumentsPage", "Invoice")
    )
    return f"{kind} ({word(invoice.reason.value)})"


class InvoicesModel(RecordsModel[Invoice]):
    columns = (
        Column[Invoice](QT_TRANSLATE_NOOP("Models", "Number"), lambda i: i.number or word("draft")),
        Column[Invoice](QT_TRANSLATE_NOOP("Models", "Kind"), _invoice_kind),
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
            Column[Quote](QT_TRANSLATE_NOOP("Models", "Number"), lambda q: q.number or "—"),
            Column[Quote](
                QT_TRANSLATE_NOOP("Models", "Kind"),
                lambda q: (
                    translate("DocumentsPage", "{kind} request").format(kind=word(q.kind.value))
                    if q.contact_request
                    else word(q.kind.value)
                ),
            ),
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


class _DocumentsPage(Page):
    """An account selector, the documents of the account and the lines of the one selected."""

    #: Documents of this account changed (a quote accepted: a subscription too).
    documents_changed = Signal(int)

    def __init__(
        self,
        title: str,
        subtitle: str,
        model: RecordsModel[Any],
        session: OperatorSession,
        tasks: BackgroundTasks,
        reference: ReferenceData,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, subtitle, parent)
        self._session = session
        self._reference = reference
        self._rows = tasks.channel(self)
        self._actions = tasks.channel(self)
        self.documents = model
        self.account_combo = AccountCombo(reference)
        self.account_combo.account_changed.connect(self.mark_stale)
        self.table = make_table(model, (130, 150, 90, 90, 80, 90, 80, 90), stretch=1)
        self.table.setSelectionMode(self.table.SelectionMode.SingleSelection)
        self.table.selectionModel().currentRowChanged.connect(self._show_selected)
        self.lines = InvoiceLinesModel(self)
        self.lines_view = lines_table(self.lines)
        self.heading = QLabel()
        bold = QFont(self.heading.font())
        bold.setBold(True)
        self.heading.setFont(bold)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.totals = QLabel()
        self.totals.setObjectName("document_totals")
        self.totals.setFont(bold)
        self.count_label = muted(QLabel())

        bar = account_bar(translate("DocumentsPage", "Account:"), self.account_combo)
        self.toolbar = bar
        details = QWidget()
        box = QVBoxLayout(details)
        box.setContentsMargins(0, 6, 0, 0)
        for widget in (self.heading, self.facts):
            box.addWidget(widget)
        box.addWidget(self.lines_view, 1)
        box.addWidget(self.totals, 0, Qt.AlignmentFlag.AlignRight)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(details)
        splitter.setSizes([320, 260])
        self.body.addLayout(bar)
        self.body.addWidget(splitter, 1)
        self.body.addWidget(self.count_label)
        self._show_selected()

    def current_account_id(self) -> int | None:
        return self.account_combo.account_id()

    def select_account(self, account_id: int) -> None:
        self.account_combo.select_account(account_id)

    def is_loading(self) -> bool:
        return self._rows.busy or self._actions.busy

    def refresh(self) -> None:
        account_id = self.current_account_id()
        if account_id is None:
            self._rows.cancel()
            self._loaded([])
            return
        self._rows.run(lambda: self._fetch(account_id), self._loaded, self._failed)

    def _fetch(self, account_id: int) -> list[Any]:
        raise NotImplementedError

    def selected(self) -> Any | None:
        return self.documents.current_record(self.table)

    def select_number(self, number: str) -> None:
        row = self.documents.row_where(lambda d: d.number == number)
        if row >= 0:
            self.table.selectRow(row)

    def _loaded(self, documents: Sequence[Any]) -> None:
        chosen = self.selected()
        self.documents.set_records(documents)
        row = self.documents.row_where(lambda d: chosen is not None and d.id == chosen.id)
        if row >= 0:
            self.table.selectRow(row)
        self._show_selected()
        count = len(documents)
        self.count_label.setText(
            (
                translate("DocumentsPage", "{count} document")
                if count == 1
                else translate("DocumentsPage", "{count} documents")
            ).format(count=count)
        )

    def _failed(self, error: Exception) -> None:
        show_error(self, translate("DocumentsPage", "The documents could not be loaded"), error)

    def _show_selected(self) -> None:
        document = self.selected()
        if document is None:
            self.heading.setText(translate("DocumentsPage", "Select a document to see its lines."))
            self.facts.clear()
            self.totals.clear()
            self.lines.set_records([])
        else:
            self.lines.set_records(document.lines)
            self.totals.setText(totals_text(document.totals, document.currency))
            self.describe(document)
        self.update_actions()

    def describe(self, document: Any) -> None:
        """Fill the heading and the facts of the selected document."""

    def update_actions(self) -> None:
        """Enable the page's buttons for the selected document."""


class InvoicesPage(_DocumentsPage):
    def __init__(
        self,
        session: OperatorSession,
        tasks: BackgroundTasks,
        reference: ReferenceData,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            translate("DocumentsPage", "Invoices"),
            translate(
                "DocumentsPage", "Invoices and credit notes of an account, with their lines."
            ),
            InvoicesModel(),
            session,
            tasks,
            reference,
            parent,
        )
        self.table.setObjectName("invoices_table")
        self.pdf = PdfActions(
            self, session, tasks, lambda s, number: s.documents.invoice_pdf(number), export_all=True
        )
        self.pdf.status_message.connect(self.status_message)
        for button in self.pdf.buttons:
            self.toolbar.addWidget(button)
        self.update_actions()

    def _fetch(self, account_id: int) -> list[Invoice]:
        return self._session.billing.invoices(account_id)

    def is_loading(self) -> bool:
        return super().is_loading() or self.pdf.is_busy()

    def update_actions(self) -> None:
        if not hasattr(self, "pdf"):
            return  # the base class calls it before the buttons exist
        invoice = self.selected()
        numbers = [d.number for d in self.documents.records() if d.number]
        self.pdf.update(invoice.number if invoice is not None else None, numbers)

    def describe(self, document: Any) -> None:
        invoice: Invoice = document
        self.heading.setText(
            f"{_invoice_kind(invoice)} {invoice.number or translate('DocumentsPage', '(draft)')}"
        )
        facts = [
            translate("DocumentsPage", "Issued {issued}, due {due}").format(
                issued=day(invoice.issue_date), due=day(invoice.due_date)
            ),
            translate("DocumentsPage", "status {status}").format(status=word(invoice.status.value)),
            translate("DocumentsPage", "paid by {payment}").format(
                payment=word(invoice.payment_kind)
            ),
            translate("DocumentsPage", "buyer {name}").format(name=invoice.buyer.name),
        ]
        if invoice.subscription_id is not None:
            facts.append(
                translate("DocumentsPage", "subscription {id}").format(id=invoice.subscription_id)
            )
        note = f"\n{invoice.vat_note}" if invoice.vat_note else ""
        self.facts.setText(" · ".join(facts) + "." + note)


class QuotesPage(_DocumentsPage):
    def __init__(
        self,
        session: OperatorSession,
        tasks: BackgroundTasks,
        reference: ReferenceData,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            translate("DocumentsPage", "Quotes"),
            translate(
                "DocumentsPage", "Purchases and changes priced before they are committed (R13)."
            ),
            QuotesModel(session.today),
            session,
            tasks,
            reference,
            parent,
        )
        self.table.setObjectName("quotes_table")
        self.may_manage = session.may(Permission.MANAGE_SUBSCRIPTIONS)
        self.accept_button = QPushButton(translate("DocumentsPage", "Accept"))
        self.accept_button.setObjectName("accept_quote")
        self.reject_button = QPushButton(translate("DocumentsPage", "Reject"))
        self.reject_button.setObjectName("reject_quote")
        self.accept_button.clicked.connect(lambda: self._decide(accept=True))
        self.reject_button.clicked.connect(lambda: self._decide(accept=False))
        for button in (self.accept_button, self.reject_button):
            self.toolbar.addWidget(button)
            if not self.may_manage:
                button.setToolTip(
                    translate("DocumentsPage", "{role}s may not accept or reject quotes.").format(
                        role=role_label(session.operator.role)
                    )
                )
        self.pdf = PdfActions(
            self, session, tasks, lambda s, number: s.documents.quote_pdf(number), export_all=False
        )
        self.pdf.status_message.connect(self.status_message)
        for button in self.pdf.buttons:
            self.toolbar.addWidget(button)
        self.update_actions()

    def is_loading(self) -> bool:
        return super().is_loading() or self.pdf.is_busy()

    def _fetch(self, account_id: int) -> list[Quote]:
        return self._session.billing.quotes(account_id)

    def describe(self, document: Any) -> None:
        quote: Quote = document
        status = quote.status_on(self._session.today)
        self.heading.setText(
            translate("DocumentsPage", "Quote {number} ({kind})").format(
                number=quote.number, kind=word(quote.kind.value)
            )
        )
        facts = [
            translate("DocumentsPage", "Issued {issued}, valid until {valid}").format(
                issued=day(quote.issue_date), valid=day(quote.valid_until)
            ),
            translate("DocumentsPage", "status {status}").format(status=word(status.value)),
        ]
        if quote.subscription_id is not None:
            facts.append(
                translate("DocumentsPage", "subscription {id}").format(id=quote.subscription_id)
            )
        if quote.contact_request:
            facts.append(translate("DocumentsPage", "a request for a contact-only role (R04)"))
        self.facts.setText(" · ".join(facts) + ".")

    def update_actions(self) -> None:
        if not hasattr(self, "pdf"):
            return  # the base class calls it before the buttons exist
        quote = self.selected()
        self.pdf.update(quote.number if quote is not None else None, [])
        open_ = quote is not None and quote.status_on(self._session.today) in (
            QuoteStatus.DRAFT,
            QuoteStatus.SENT,
        )
        for button in (self.accept_button, self.reject_button):
            button.setEnabled(self.may_manage and open_ and not self._actions.busy)

    def _decide(self, accept: bool) -> None:
        quote = self.selected()
        account_id = self.current_account_id()
        if quote is None or quote.number is None or account_id is None:
            return
        number, session = quote.number, self._session

        def work() -> str:
            if accept:
                session.billing.accept_quote(number)
                return translate("DocumentsPage", "Quote {number} accepted.").format(number=number)
            session.billing.reject_quote(number)
            return translate("DocumentsPage", "Quote {number} rejected.").format(number=number)

        self._actions.run(work, lambda text: self._decided(account_id, text), self._refused)
        self.update_actions()

    def _decided(self, account_id: int, text: str) -> None:
        self.status_message.emit(text)
        self.refresh()
        self.documents_changed.emit(account_id)

    def _refused(self, error: Exception) -> None:
        self.update_actions()
        show_error(self, translate("DocumentsPage", "The quote could not be changed"), error)
