"""Recording how an account pays (R06): a card, as the payment processor's token, its
brand, last four digits and expiry (never its number or security code), or a bank
transfer (companies only); or a new card in place of one of the account's cards.

As in the account dialog, the service checks everything: each problem it lists shows
under its field, a refusal by a rule at the bottom, and the dialog stays open.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_admin.app import OperatorSession, Outcome
from desktop_admin.domain.accounts import CARD_BRANDS, Account, PaymentKind, PaymentMethod
from desktop_admin.domain.catalog import Audience
from ui.dialogs.account import focused
from ui.i18n import translate
from ui.operations import Operations
from ui.widgets.basics import muted
from ui.widgets.field_errors import FieldErrors

#: The brands as people write them.
BRAND_NAMES = {
    "visa": "Visa",
    "mastercard": "Mastercard",
    "amex": "American Express",
    "cb": "CB",
    "discover": "Discover",
    "jcb": "JCB",
    "unionpay": "UnionPay",
}


def method_text(method: PaymentMethod) -> str:
    """One payment method in a sentence's words: "Visa card ending 4242, expires 08/2028"."""
    card = method.card
    if method.kind is PaymentKind.TRANSFER or card is None:
        return translate("PaymentMethodDialog", "Bank transfer")
    return translate(
        "PaymentMethodDialog", "{brand} card ending {last4}, expires {month:02d}/{year}"
    ).format(
        brand=BRAND_NAMES.get(card.brand, card.brand.upper()),
        last4=card.last4,
        month=card.exp_month,
        year=card.exp_year,
    )


class PaymentMethodDialog(QDialog):
    """A new payment method of `account`, or a card in place of `replacing`."""

    #: The method was recorded: the `PaymentMethod` as stored.
    saved = Signal(object)

    def __init__(
        self,
        ops: Operations,
        account: Account,
        replacing: PaymentMethod | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("payment_method_dialog")
        self._ops, self.account, self.replacing = ops, account, replacing
        self._channel = ops.tasks.channel(self)
        self.setWindowTitle(
            translate("PaymentMethodDialog", "Payment method of {name}").format(name=account.name)
            if replacing is None
            else translate("PaymentMethodDialog", "Replace the {card}").format(
                card=method_text(replacing)
            )
        )
        self.setMinimumWidth(560)
        self.message = QLabel()
        self.message.setObjectName("payment_message")
        self.message.setWordWrap(True)
        self.errors = FieldErrors(self.message)
        self._build_kind()
        self._build_card(ops.session.today)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(
            translate("PaymentMethodDialog", "Record")
            if replacing is None
            else translate("PaymentMethodDialog", "Replace")
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._channel.busy_changed.connect(lambda busy: self.ok_button.setEnabled(not busy))
        self._layout()
        self._kind_changed()

    def _build_kind(self) -> None:
        self.card_radio = QRadioButton(translate("PaymentMethodDialog", "&Card"))
        self.card_radio.setObjectName("card_radio")
        self.transfer_radio = QRadioButton(
            translate("PaymentMethodDialog", "&Bank transfer (companies only, R06)")
        )
        self.transfer_radio.setObjectName("transfer_radio")
        if self.account.audience is not Audience.COMPANY:
            self.transfer_radio.setEnabled(False)
            self.transfer_radio.setToolTip(
                translate(
                    "PaymentMethodDialog", "Only company accounts may pay by bank transfer (R06)."
                )
            )
        self.kind = QButtonGroup(self)
        self.kind.addButton(self.card_radio)
        self.kind.addButton(self.transfer_radio)
        self.card_radio.setChecked(True)
        self.kind.buttonToggled.connect(lambda *_: self._kind_changed())

    def _build_card(self, today: date) -> None:
        self.token_edit = QLineEdit()
        self.token_edit.setObjectName("token_edit")
        self.token_edit.setPlaceholderText(
            translate("PaymentMethodDialog", "the payment processor's token, e.g. tok_1Nv3…")
        )
        self.brand_combo = QComboBox()
        self.brand_combo.setObjectName("brand_combo")
        for code in CARD_BRANDS:
            self.brand_combo.addItem(BRAND_NAMES.get(code, code), code)
        self.last4_edit = QLineEdit()
        self.last4_edit.setObjectName("last4_edit")
        self.last4_edit.setMaxLength(4)
        self.last4_edit.setMaximumWidth(80)
        self.last4_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"\d{0,4}"), self.last4_edit)
        )
        self.month_spin = QSpinBox()
        self.month_spin.setObjectName("month_spin")
        self.month_spin.setRange(1, 12)
        self.month_spin.setValue(today.month)
        self.year_spin = QSpinBox()
        self.year_spin.setObjectName("year_spin")
        self.year_spin.setRange(today.year - 1, today.year + 20)
        self.year_spin.setValue(today.year + 1)

    def _layout(self) -> None:
        wrap = partial(focused, self.errors)
        expiry = QWidget()
        row = QHBoxLayout(expiry)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.month_spin)
        row.addWidget(QLabel("/"))
        row.addWidget(self.year_spin)
        row.addStretch(1)
        self.card_form = QWidget()
        form = QFormLayout(self.card_form)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(translate("PaymentMethodDialog", "&Token:"), wrap("token", self.token_edit))
        form.addRow(translate("PaymentMethodDialog", "B&rand:"), wrap("brand", self.brand_combo))
        form.addRow(
            translate("PaymentMethodDialog", "&Last four digits:"), wrap("last4", self.last4_edit)
        )
        expiry.setFocusProxy(self.month_spin)
        form.addRow(
            translate("PaymentMethodDialog", "&Expires (month / year):"), wrap("expiry", expiry)
        )
        self.note = muted(
            QLabel(
                translate(
                    "PaymentMethodDialog",
                    "Never type the card number or its security code: only the processor's "
                    "token, the brand, the last four digits and the expiry are kept (R06).",
                )
            )
        )
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        if self.replacing is None:
            layout.addWidget(self.card_radio)
            layout.addWidget(self.transfer_radio)
        else:
            self.card_radio.hide()
            self.transfer_radio.hide()
        layout.addWidget(self.card_form)
        layout.addWidget(self.note)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def _kind_changed(self) -> None:
        card = self.card_radio.isChecked()
        self.card_form.setEnabled(card)
        self.note.setVisible(card)

    def is_busy(self) -> bool:
        return self._channel.busy

    def save(self) -> None:
        if self._channel.busy:
            return
        account_id, replacing = self.account.id or 0, self.replacing
        card = dict(
            token=self.token_edit.text(),
            brand=str(self.brand_combo.currentData()),
            last4=self.last4_edit.text(),
            exp_month=self.month_spin.value(),
            exp_year=self.year_spin.value(),
        )
        transfer = self.transfer_radio.isChecked()
        self.errors.say(translate("PaymentMethodDialog", "Saving…"))

        def op(session: OperatorSession) -> Outcome[PaymentMethod]:
            if transfer:
                return session.accounts.add_bank_transfer(account_id)
            if replacing is not None and replacing.id is not None:
                return session.accounts.replace_card(account_id, replacing.id, **card)
            return session.accounts.add_card(account_id, **card)

        self._ops.run(self, op, self._saved, failed=self._refused, channel=self._channel)

    def _saved(self, method: PaymentMethod) -> None:
        self.message.clear()
        self.saved.emit(method)
        self.accept()

    def _refused(self, error: Exception) -> None:
        self.errors.show(error)
        self.adjustSize()  # room for the problems under the fields

    def reject(self) -> None:
        if not self._channel.busy:
            super().reject()
