"""The invoices page's own actions: what the invoice selected was paid and still owes,
"Record payment…" on an open one, and "Issue today's drafts" of the account."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QPushButton

from desktop_admin.domain.invoicing import Invoice, InvoiceStatus, Payment
from desktop_admin.domain.operators import Permission
from desktop_admin.services.payments import InvoiceBalance
from ui.dialogs.payment import PaymentDialog, balance_text
from ui.formatting import counted, day, money, word
from ui.i18n import role_label, translate
from ui.operations import Operations
from ui.pages.base import AccountPage


def payments_text(balance: InvoiceBalance) -> str:
    """'Payments: €200.00 by card (tok_1) on Mar 15, 2026; …', or nothing."""
    currency = balance.invoice.currency
    paid = [
        translate("InvoicesPage", "{amount} by {method} ({reference}) on {date}").format(
            amount=money(p.amount, currency),
            method=word(p.method),
            reference=p.reference,
            date=day(p.paid_on),
        )
        for p in balance.payments
    ]
    return (
        translate("InvoicesPage", "Payments: {list}").format(list="; ".join(paid)) if paid else ""
    )


class InvoiceActions(QObject):
    """The balance of the invoice selected on `page`, and the buttons that act on it."""

    def __init__(self, page: AccountPage, ops: Operations) -> None:
        super().__init__(page)
        self._page, self._ops, self._session = page, ops, ops.session
        self._balance_channel = page.channel()
        self._writes = page.channel()
        self._writes.busy_changed.connect(lambda _busy: self.update())
        self.balance: InvoiceBalance | None = None
        self._invoice: Invoice | None = None
        self._drafts: list[Invoice] = []
        self.payment_dialog: PaymentDialog | None = None
        self.label = QLabel()
        self.label.setObjectName("invoice_balance")
        self.label.setWordWrap(True)
        self.pay_button = self._button(
            translate("InvoicesPage", "Record payment…"),
            "record_payment",
            Permission.RECORD_PAYMENTS,
            translate("InvoicesPage", "{role}s may not record payments."),
        )
        self.pay_button.clicked.connect(self.open_payment)
        self.issue_button = self._button(
            translate("InvoicesPage", "Issue today's drafts"),
            "issue_drafts",
            Permission.RUN_BILLING,
            translate("InvoicesPage", "{role}s may not issue invoices."),
        )
        self.issue_button.clicked.connect(self.issue_drafts)

    def _button(self, text: str, name: str, needs: Permission, refusal: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setProperty("may", self._session.may(needs))
        if not self._session.may(needs):
            button.setToolTip(refusal.format(role=role_label(self._session.operator.role)))
        return button

    @property
    def buttons(self) -> tuple[QPushButton, QPushButton]:
        return self.pay_button, self.issue_button

    def show(self, invoice: Invoice | None, invoices: Sequence[Invoice]) -> None:
        """The page selected `invoice` among the account's `invoices`: load its balance."""
        today = self._session.today
        self._drafts = [
            i for i in invoices if i.status is InvoiceStatus.DRAFT and i.issue_date <= today
        ]
        if invoice != self._invoice or invoice is None:
            self.balance = None
            self.label.clear()
        self._invoice = invoice
        if invoice is not None and invoice.id is not None:
            reference = str(invoice.id)
            self._ops.query(
                self._page,
                lambda session: session.billing.balance(reference),
                self._balance_loaded,
                failed=translate("InvoicesPage", "What the invoice was paid could not be read"),
                channel=self._balance_channel,
            )
        self.update()

    def _balance_loaded(self, balance: InvoiceBalance) -> None:
        if self._invoice is None or balance.invoice.id != self._invoice.id:
            return
        self.balance = balance
        self.label.setText("\n".join(filter(None, (balance_text(balance), payments_text(balance)))))
        self.update()

    def update(self) -> None:
        busy = self._writes.busy
        payable = self.balance is not None and self.balance.takes_payments
        self.pay_button.setEnabled(bool(self.pay_button.property("may")) and payable and not busy)
        self.issue_button.setEnabled(
            bool(self.issue_button.property("may")) and bool(self._drafts) and not busy
        )

    def open_payment(self) -> PaymentDialog | None:
        if self.balance is None or not self.balance.takes_payments:
            return None
        dialog = PaymentDialog(self._ops, self.balance, self._page)
        dialog.recorded.connect(self._paid)
        self.payment_dialog = dialog
        dialog.open()
        return dialog

    def _paid(self, invoice: Invoice, payment: Payment) -> None:
        said = (
            translate("InvoicesPage", "Payment of {amount} recorded; {number} is paid.")
            if invoice.status is InvoiceStatus.PAID
            else translate("InvoicesPage", "Payment of {amount} recorded on {number}.")
        )
        self._page.status_message.emit(
            said.format(amount=money(payment.amount, invoice.currency), number=invoice.number)
        )

    def issue_drafts(self) -> None:
        account_id = self._page.current_account_id()
        if account_id is None or not self._drafts:
            return
        self._ops.run(
            self._page,
            lambda session: session.billing.issue_drafts(account_id),
            self._issued,
            failed=translate("InvoicesPage", "The drafts could not be issued"),
            channel=self._writes,
        )

    def _issued(self, issued: list[Invoice]) -> None:
        self._page.status_message.emit(
            counted(
                len(issued),
                translate("InvoicesPage", "{count} invoice issued: {numbers}."),
                translate("InvoicesPage", "{count} invoices issued: {numbers}."),
                numbers=", ".join(i.number or "" for i in issued),
            )
        )
