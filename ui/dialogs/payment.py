"""Recording money received on an open invoice (R19): by card or bank transfer, with the
card's token or the transfer's reference, for an amount that is, unless changed, what
the invoice still owes.

The service checks everything (the method, a reference that is no card number, an
amount between nothing and the balance); each problem it lists shows under its field,
a refusal by a rule at the bottom, and the dialog stays open.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import partial

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_admin.domain.errors import InvalidInput, Problem
from desktop_admin.domain.invoicing import Invoice, InvoiceStatus, Payment
from desktop_admin.services.payments import InvoiceBalance
from ui.dialogs.account import focused
from ui.formatting import amount, money, word
from ui.i18n import translate
from ui.operations import Operations
from ui.widgets.basics import bare_box, bold_label, muted
from ui.widgets.field_errors import FieldErrors

#: An amount as typed: digits, then a point or a comma and up to 2 decimals.
AMOUNT = QRegularExpression(r"\s*\d{0,9}([.,]\d{0,2})?\s*")


def typed_amount(text: str) -> Decimal | None:
    """The amount typed (`1200`, `411.29`, `411,29`), or None when there is none."""
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def balance_text(balance: InvoiceBalance) -> str:
    """What an invoice was paid and what it still owes, in a sentence."""
    invoice, currency = balance.invoice, balance.invoice.currency
    total = money(invoice.totals.total, currency)
    if invoice.status is InvoiceStatus.DRAFT:
        return translate("PaymentDialog", "A draft of {total}: it is owed once issued.").format(
            total=total
        )
    if not balance.takes_payments and not balance.paid:
        return translate("PaymentDialog", "Total {total}; nothing to pay ({status}).").format(
            total=total, status=word(invoice.status.value)
        )
    return translate("PaymentDialog", "Total {total} · paid {paid} · still owes {owed}").format(
        total=total, paid=money(balance.paid, currency), owed=money(balance.owed, currency)
    )


class PaymentDialog(QDialog):
    """A payment received on the invoice of `balance`."""

    #: The payment was recorded: the invoice (paid, if in full) and the `Payment`.
    recorded = Signal(object, object)

    def __init__(
        self, ops: Operations, balance: InvoiceBalance, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("payment_dialog")
        self._ops, self.balance = ops, balance
        self._channel = ops.tasks.channel(self)
        invoice = balance.invoice
        self.setWindowTitle(
            translate("PaymentDialog", "Record a payment on {number}").format(number=invoice.number)
        )
        self.setMinimumWidth(520)
        self.message = QLabel()
        self.message.setObjectName("payment_message")
        self.errors = FieldErrors(self.message)
        self._build_fields(invoice)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(translate("PaymentDialog", "Record payment"))
        self.ok_button.setObjectName("record_payment_ok")
        self.buttons.accepted.connect(self.record)
        self.buttons.rejected.connect(self.reject)
        self._channel.busy_changed.connect(lambda busy: self.ok_button.setEnabled(not busy))
        self._layout(invoice)
        self._method_changed()

    def _build_fields(self, invoice: Invoice) -> None:
        self.card_radio = QRadioButton(translate("PaymentDialog", "&Card"))
        self.card_radio.setObjectName("card_radio")
        self.transfer_radio = QRadioButton(translate("PaymentDialog", "&Bank transfer"))
        self.transfer_radio.setObjectName("transfer_radio")
        self.method = QButtonGroup(self)
        for radio in (self.card_radio, self.transfer_radio):
            self.method.addButton(radio)
        by_transfer = invoice.payment_kind == "transfer"
        (self.transfer_radio if by_transfer else self.card_radio).setChecked(True)
        self.method.buttonToggled.connect(lambda *_: self._method_changed())
        self.reference_edit = QLineEdit()
        self.reference_edit.setObjectName("reference_edit")
        self.amount_edit = QLineEdit(amount(self.balance.owed))
        self.amount_edit.setObjectName("amount_edit")
        self.amount_edit.setMaximumWidth(140)
        self.amount_edit.setValidator(QRegularExpressionValidator(AMOUNT, self.amount_edit))

    def _layout(self, invoice: Invoice) -> None:
        wrap = partial(focused, self.errors)
        form = QFormLayout()
        form.addRow(
            translate("PaymentDialog", "Method:"),
            bare_box(QHBoxLayout, self.card_radio, self.transfer_radio, None),
        )
        form.addRow(
            translate("PaymentDialog", "&Reference:"), wrap("reference", self.reference_edit)
        )
        currency = muted(QLabel(invoice.currency))
        form.addRow(
            translate("PaymentDialog", "&Amount:"),
            wrap("amount", bare_box(QHBoxLayout, self.amount_edit, currency, None)),
        )
        heading = bold_label(
            translate("PaymentDialog", "Invoice {number} · {buyer}").format(
                number=invoice.number, buyer=invoice.buyer.name
            )
        )
        self.balance_label = QLabel(balance_text(self.balance))
        self.balance_label.setObjectName("payment_balance")
        note = muted(
            QLabel(
                translate(
                    "PaymentDialog",
                    "The amount is what the invoice still owes unless you change it; paid in "
                    "full, the invoice is paid. Never type a card number: only the payment "
                    "processor's token.",
                )
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        for widget in (heading, self.balance_label):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def _method_changed(self) -> None:
        self.reference_edit.setPlaceholderText(
            translate("PaymentDialog", "the card's token, e.g. tok_1Nv3…")
            if self.card_radio.isChecked()
            else translate("PaymentDialog", "the transfer's reference, as the bank shows it")
        )

    def chosen_method(self) -> str:
        return "card" if self.card_radio.isChecked() else "transfer"

    def is_loading(self) -> bool:
        return self._channel.busy

    def record(self) -> None:
        """Record the payment in the background; the service says what is wrong, if so."""
        if self._channel.busy:
            return
        value = typed_amount(self.amount_edit.text())
        if value is None:
            missing = Problem(
                translate("PaymentDialog", "type the amount received, e.g. 120.00"), field="amount"
            )
            self.errors.show(
                InvalidInput(translate("PaymentDialog", "The payment was refused."), [missing])
            )
            return
        number = self.balance.invoice.number or ""
        method, reference = self.chosen_method(), self.reference_edit.text()
        self.errors.say(translate("PaymentDialog", "Recording…"))
        self._ops.run(
            self,
            lambda session: session.billing.record_payment(
                number, method=method, payment_reference=reference, amount=value
            ),
            self._recorded,
            failed=self._refused,
            channel=self._channel,
        )

    def _recorded(self, result: tuple[Invoice, Payment]) -> None:
        self.message.clear()
        self.recorded.emit(*result)
        self.accept()

    def _refused(self, error: Exception) -> None:
        self.errors.show(error)

    def reject(self) -> None:
        if not self._channel.busy:
            super().reject()
