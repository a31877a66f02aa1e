"""The quotes and invoices pages: an account's documents, their lines and totals. A new
quote for the account, and quotes accepted or rejected; what an invoice was paid and
still owes, a payment recorded, today's drafts issued. With no document yet, the page
says what to do first."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from desktop_admin.app import Changes, OperatorSession
from desktop_admin.domain.accounts import Account
from desktop_admin.domain.invoicing import Invoice
from desktop_admin.domain.lifecycle import QuoteStatus
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.quotes import Quote
from ui.dialogs.new_quote import NewQuoteDialog
from ui.dialogs.pdf_export import PdfActions
from ui.formatting import counted, day, money, word
from ui.i18n import role_label, translate
from ui.models.documents import (
    InvoiceLinesModel,
    InvoicesModel,
    QuotesModel,
    invoice_kind,
    totals_text,
)
from ui.models.records import RecordsModel
from ui.operations import Operations
from ui.pages.base import AccountPage
from ui.pages.invoice_actions import InvoiceActions
from ui.reference import ReferenceData
from ui.widgets.basics import bold_label, lines_table, make_table, muted


class _DocumentsPage(AccountPage):
    """An account selector, the documents of the account and the lines of the one selected,
    and the PDF actions of the one selected."""

    def __init__(
        self,
        title: str,
        subtitle: str,
        model: RecordsModel[Any],
        ops: Operations,
        reference: ReferenceData,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, subtitle, ops, reference, parent)
        self.documents = model
        #: The number of a document to select once the next load brings it.
        self.select_next: str | None = None
        self.table = make_table(model, (130, 150, 90, 90, 80, 90, 80, 90), stretch=1)
        self.table.setSelectionMode(self.table.SelectionMode.SingleSelection)
        self.table.selectionModel().currentRowChanged.connect(self._show_selected)
        self.lines = InvoiceLinesModel(self)
        self.lines_view = lines_table(self.lines)
        self.heading = bold_label()
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.totals = bold_label()
        self.totals.setObjectName("document_totals")
        self.count_label = muted(QLabel())
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("documents_empty")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.empty_hint.setContentsMargins(4, 12, 4, 4)
        self.empty_hint.hide()
        self.toolbar = self.account_bar(translate("DocumentsPage", "Account:"))
        self.body.addLayout(self.toolbar)
        self.splitter = self._splitter()
        self.body.addWidget(self.splitter, 1)
        self.body.addWidget(self.empty_hint, 1)
        self.body.addWidget(self.count_label)

    def _splitter(self) -> QSplitter:
        details = QWidget()
        box = QVBoxLayout(details)
        box.setContentsMargins(0, 6, 0, 0)
        for widget in (self.heading, self.facts):
            box.addWidget(widget)
        self.details_box = box
        box.addWidget(self.lines_view, 1)
        box.addWidget(self.totals, 0, Qt.AlignmentFlag.AlignRight)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(details)
        splitter.setSizes([320, 260])
        return splitter

    def _add_pdf_actions(self, pdf: Callable[[OperatorSession, str], bytes], all_: bool) -> None:
        self.pdf = PdfActions(self, self._session, self._tasks, pdf, export_all=all_)
        self.pdf.status_message.connect(self.status_message)
        for button in self.pdf.buttons:
            self.toolbar.addWidget(button)
        self._show_selected()

    def is_loading(self) -> bool:
        return super().is_loading() or self.pdf.is_busy()

    def load(self, account_id: int) -> None:
        self._ops.query(
            self,
            self.reader(account_id),
            self._loaded,
            failed=translate("DocumentsPage", "The documents could not be loaded"),
            channel=self.rows,
        )

    def reader(self, account_id: int) -> Callable[[OperatorSession], Sequence[Any]]:
        """The read of the account's documents (runs in the background)."""
        raise NotImplementedError

    def clear(self) -> None:
        self._loaded([])

    def empty_text(self) -> str:
        """What to do first, when the account has no document of the page's kind."""
        raise NotImplementedError

    def _show_empty(self, empty: bool) -> None:
        if self.current_account_id() is None:
            text = translate(
                "DocumentsPage",
                "No account yet. Create one on the Accounts page first; its quotes and "
                "invoices show here.",
            )
        else:
            text = self.empty_text()
        self.empty_hint.setText(text)
        self.empty_hint.setVisible(empty)
        self.splitter.setVisible(not empty)

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
        if self.select_next is not None:  # a document just made
            row = self.documents.row_where(lambda d: d.number == self.select_next)
            self.select_next = None
        if row >= 0:
            self.table.selectRow(row)
        self._show_selected()
        count = len(documents)
        self._show_empty(count == 0)
        self.count_label.setText(
            counted(
                count,
                translate("DocumentsPage", "{count} document"),
                translate("DocumentsPage", "{count} documents"),
            )
        )

    def _show_selected(self) -> None:
        if not hasattr(self, "pdf"):
            return  # the subclass adds its buttons, then shows the selection
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
        self.pdf.update(document.number if document is not None else None, self.numbers())
        self.update_actions()

    def numbers(self) -> list[str]:
        """The documents "Save all as PDF…" writes (none where the page offers no such)."""
        return []

    def describe(self, document: Any) -> None:
        """Fill the heading and the facts of the selected document."""

    def update_actions(self) -> None:
        """Enable the page's own buttons for the selected document."""


class InvoicesPage(_DocumentsPage):
    shows = Changes.INVOICES

    def __init__(
        self, ops: Operations, reference: ReferenceData, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            translate("DocumentsPage", "Invoices"),
            translate(
                "DocumentsPage", "Invoices and credit notes of an account, with their lines."
            ),
            InvoicesModel(),
            ops,
            reference,
            parent,
        )
        self.table.setObjectName("invoices_table")
        self.invoice_actions = InvoiceActions(self, ops)
        self.details_box.insertWidget(2, self.invoice_actions.label)
        for button in self.invoice_actions.buttons:
            self.toolbar.addWidget(button)
        self._add_pdf_actions(lambda s, number: s.documents.invoice_pdf(number), True)

    def reader(self, account_id: int) -> Callable[[OperatorSession], list[Invoice]]:
        return lambda session: session.billing.invoices(account_id)

    def numbers(self) -> list[str]:
        return [d.number for d in self.documents.records() if d.number]

    def empty_text(self) -> str:
        return translate(
            "DocumentsPage",
            "No invoice yet for this account. Invoices come from a purchase or a change of "
            "a subscription (Subscriptions page), from an accepted quote (Quotes page), "
            "and from the billing run (Billing > Run billing…).",
        )

    def update_actions(self) -> None:
        self.invoice_actions.show(self.selected(), self.documents.records())

    def describe(self, document: Any) -> None:
        invoice: Invoice = document
        self.heading.setText(
            f"{invoice_kind(invoice)} {invoice.number or translate('DocumentsPage', '(draft)')}"
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
    shows = Changes.QUOTES

    def __init__(
        self, ops: Operations, reference: ReferenceData, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            translate("DocumentsPage", "Quotes"),
            translate(
                "DocumentsPage", "Purchases and changes priced before they are committed (R13)."
            ),
            QuotesModel(ops.session.today),
            ops,
            reference,
            parent,
        )
        self.table.setObjectName("quotes_table")
        self._decisions = self.channel()
        self._decisions.busy_changed.connect(lambda _busy: self.update_actions())
        self.may_manage = self._session.may(Permission.MANAGE_SUBSCRIPTIONS)
        self.new_quote_dialog: NewQuoteDialog | None = None
        self.new_quote_button = QPushButton(translate("DocumentsPage", "New quote…"))
        self.new_quote_button.setObjectName("new_quote")
        self.new_quote_button.clicked.connect(self.open_new_quote)
        self.toolbar.addWidget(self.new_quote_button)
        self.accept_button = self._decision_button(translate("DocumentsPage", "Accept"), True)
        self.reject_button = self._decision_button(translate("DocumentsPage", "Reject"), False)
        self._add_pdf_actions(lambda s, number: s.documents.quote_pdf(number), False)

    def _decision_button(self, text: str, accept: bool) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName("accept_quote" if accept else "reject_quote")
        button.clicked.connect(lambda: self._decide(accept))
        if not self.may_manage:
            self.new_quote_button.setToolTip(
                translate("DocumentsPage", "{role}s may not make quotes.").format(
                    role=role_label(self._session.operator.role)
                )
            )
            button.setToolTip(
                translate("DocumentsPage", "{role}s may not accept or reject quotes.").format(
                    role=role_label(self._session.operator.role)
                )
            )
        self.toolbar.addWidget(button)
        return button

    def reader(self, account_id: int) -> Callable[[OperatorSession], list[Quote]]:
        return lambda session: session.billing.quotes(account_id)

    def empty_text(self) -> str:
        return translate(
            "DocumentsPage",
            "No quote yet for this account. Make one with New quote… above (a purchase, "
            "with or without a subscription already), or with Get a quote when changing "
            "a subscription (Subscriptions page).",
        )

    def current_account(self) -> Account | None:
        row, accounts = self.account_combo.currentIndex(), self._reference.accounts
        return accounts.record(row) if 0 <= row < accounts.rowCount() else None

    def open_new_quote(self) -> NewQuoteDialog | None:
        account = self.current_account()
        if account is None or not self.may_manage:
            return None
        dialog = NewQuoteDialog(self._ops, account, self)
        dialog.quoted.connect(self._quoted)
        self.new_quote_dialog = dialog
        dialog.open()
        return dialog

    def _quoted(self, quote: Quote) -> None:
        self.select_next = quote.number
        self.status_message.emit(
            translate("DocumentsPage", "Quote {number} made: {total}, valid until {day}.").format(
                number=quote.number,
                total=money(quote.totals.total, quote.currency),
                day=day(quote.valid_until),
            )
        )

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
        quote = self.selected()
        open_ = quote is not None and quote.status_on(self._session.today) in (
            QuoteStatus.DRAFT,
            QuoteStatus.SENT,
        )
        for button in (self.accept_button, self.reject_button):
            button.setEnabled(self.may_manage and open_ and not self._decisions.busy)
        self.new_quote_button.setEnabled(self.may_manage and self.current_account_id() is not None)

    def _decide(self, accept: bool) -> None:
        quote = self.selected()
        if quote is None or quote.number is None:
            return
        number = quote.number
        done = (
            translate("DocumentsPage", "Quote {number} accepted.")
            if accept
            else translate("DocumentsPage", "Quote {number} rejected.")
        ).format(number=number)
        self.operate(
            lambda s: s.billing.accept_quote(number) if accept else s.billing.reject_quote(number),
            done,
            failed=translate("DocumentsPage", "The quote could not be changed"),
            channel=self._decisions,
        )
