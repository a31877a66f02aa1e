"""The quotes and invoices pages: an account's documents, their lines and totals; quotes
can be accepted or rejected."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
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
from ui.inventory_page import AccountCombo
from ui.models import CENTER, RIGHT, Column, RecordsModel
from ui.page import Page, make_table, muted
from ui.reference import ReferenceData
from ui.tasks import BackgroundTasks


def amount(value: Decimal) -> str:
    """An amount with its 2 decimals ("411.29", "-12.00")."""
    return f"{value:.2f}"


def day(value: date | None) -> str:
    return value.isoformat() if value else "—"


def totals_text(totals: Totals, currency: str) -> str:
    return (
        f"Net {amount(totals.net)}  ·  VAT {amount(totals.vat)}  ·  "
        f"Total {amount(totals.total)} {currency}"
    )


class InvoiceLinesModel(RecordsModel[InvoiceLine]):
    """The lines of an invoice, a quote or a price preview."""

    columns = (
        Column[InvoiceLine]("Description", lambda line: line.description),
        Column[InvoiceLine]("Period", lambda line: f"{line.period.start} – {line.period.end}"),
        Column[InvoiceLine]("Qty", lambda line: str(line.quantity), RIGHT),
        Column[InvoiceLine]("Unit price", lambda line: amount(line.unit_price), RIGHT),
        Column[InvoiceLine]("Amount", lambda line: amount(line.amount), RIGHT),
        Column[InvoiceLine]("VAT %", lambda line: f"{line.vat_rate.normalize():f}", RIGHT),
    )


def lines_table(model: InvoiceLinesModel) -> Any:
    view = make_table(model, (260, 180, 50, 90, 90, 60), stretch=0)
    view.setSelectionMode(view.SelectionMode.NoSelection)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return view


def _invoice_kind(invoice: Invoice) -> str:
    kind = "Credit note" if invoice.kind is DocumentKind.CREDIT_NOTE else "Invoice"
    return f"{kind} ({invoice.reason.value})"


class InvoicesModel(RecordsModel[Invoice]):
    columns = (
        Column[Invoice]("Number", lambda i: i.number or "draft"),
        Column[Invoice]("Kind", _invoice_kind),
        Column[Invoice]("Issued", lambda i: day(i.issue_date), CENTER),
        Column[Invoice]("Due", lambda i: day(i.due_date), CENTER),
        Column[Invoice]("Status", lambda i: i.status.value),
        Column[Invoice]("Net", lambda i: amount(i.totals.net), RIGHT),
        Column[Invoice]("VAT", lambda i: amount(i.totals.vat), RIGHT),
        Column[Invoice]("Total", lambda i: amount(i.totals.total), RIGHT),
    )


class QuotesModel(RecordsModel[Quote]):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = (
            Column[Quote]("Number", lambda q: q.number or "—"),
            Column[Quote]("Kind", lambda q: q.kind.value + (" request" * q.contact_request)),
            Column[Quote]("Issued", lambda q: day(q.issue_date), CENTER),
            Column[Quote]("Valid until", lambda q: day(q.valid_until), CENTER),
            Column[Quote]("Status", lambda q: q.status_on(today).value),
            Column[Quote]("Net", lambda q: amount(q.totals.net), RIGHT),
            Column[Quote]("VAT", lambda q: amount(q.totals.vat), RIGHT),
            Column[Quote]("Total", lambda q: amount(q.totals.total), RIGHT),
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

        bar = QHBoxLayout()
        bar.addWidget(QLabel("Account:"))
        bar.addWidget(self.account_combo)
        bar.addStretch(1)
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
        row = self.table.selectionModel().currentIndex().row()
        return self.documents.record(row) if 0 <= row < self.documents.rowCount() else None

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
        self.count_label.setText(f"{count} document{'' if count == 1 else 's'}")

    def _failed(self, error: Exception) -> None:
        show_error(self, f"The {self.title.lower()} could not be loaded", error)

    def _show_selected(self) -> None:
        document = self.selected()
        if document is None:
            self.heading.setText("Select a document to see its lines.")
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
            "Invoices",
            "Invoices and credit notes of an account, with their lines.",
            InvoicesModel(),
            session,
            tasks,
            reference,
            parent,
        )
        self.table.setObjectName("invoices_table")

    def _fetch(self, account_id: int) -> list[Invoice]:
        return self._session.invoices(account_id)

    def describe(self, document: Any) -> None:
        invoice: Invoice = document
        self.heading.setText(f"{_invoice_kind(invoice)} {invoice.number or '(draft)'}")
        facts = [
            f"Issued {day(invoice.issue_date)}, due {day(invoice.due_date)}",
            f"status {invoice.status.value}",
            f"paid by {invoice.payment_kind}",
            f"buyer {invoice.buyer.name}",
        ]
        if invoice.subscription_id is not None:
            facts.append(f"subscription {invoice.subscription_id}")
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
            "Quotes",
            "Purchases and changes priced before they are committed (R13).",
            QuotesModel(session.today),
            session,
            tasks,
            reference,
            parent,
        )
        self.table.setObjectName("quotes_table")
        self.may_manage = session.may(Permission.MANAGE_SUBSCRIPTIONS)
        self.accept_button = QPushButton("Accept")
        self.accept_button.setObjectName("accept_quote")
        self.reject_button = QPushButton("Reject")
        self.reject_button.setObjectName("reject_quote")
        self.accept_button.clicked.connect(lambda: self._decide(accept=True))
        self.reject_button.clicked.connect(lambda: self._decide(accept=False))
        for button in (self.accept_button, self.reject_button):
            self.toolbar.addWidget(button)
            if not self.may_manage:
                button.setToolTip(
                    f"{session.operator.role.label}s may not accept or reject quotes."
                )
        self.update_actions()

    def _fetch(self, account_id: int) -> list[Quote]:
        return self._session.quotes(account_id)

    def describe(self, document: Any) -> None:
        quote: Quote = document
        status = quote.status_on(self._session.today)
        self.heading.setText(f"Quote {quote.number} ({quote.kind.value})")
        facts = [
            f"Issued {day(quote.issue_date)}, valid until {day(quote.valid_until)}",
            f"status {status.value}",
        ]
        if quote.subscription_id is not None:
            facts.append(f"subscription {quote.subscription_id}")
        if quote.contact_request:
            facts.append("a request for a contact-only role (R04)")
        self.facts.setText(" · ".join(facts) + ".")

    def update_actions(self) -> None:
        if not hasattr(self, "accept_button"):
            return
        quote = self.selected()
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
                session.accept_quote(number)
                return f"Quote {number} accepted."
            session.reject_quote(number)
            return f"Quote {number} rejected."

        self._actions.run(work, lambda text: self._decided(account_id, text), self._refused)
        self.update_actions()

    def _decided(self, account_id: int, text: str) -> None:
        self.status_message.emit(text)
        self.refresh()
        self.documents_changed.emit(account_id)

    def _refused(self, error: Exception) -> None:
        self.update_actions()
        show_error(self, "The quote could not be changed", error)
