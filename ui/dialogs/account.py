"""Creating or editing a customer account: its name, audience, country (chosen by its
name in the window's language), language, postal address, VAT number, billing e-mail,
and the buyer reference and purchase order number printed on its invoices.

The dialog checks nothing itself: OK sends the fields to `session.accounts.create` or
`edit`, and each problem the service lists shows under its field; a refusal by a rule
or a conflict shows at the bottom. The dialog stays open until the account is saved.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from functools import partial

from babel import Locale
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_admin.app import OperatorSession, Outcome
from desktop_admin.domain.accounts import LANGUAGES, Account
from desktop_admin.domain.catalog import Audience
from ui.formatting import current_locale, word
from ui.i18n import LANGUAGES as LANGUAGE_NAMES
from ui.i18n import translate
from ui.operations import Operations
from ui.widgets.basics import muted
from ui.widgets.field_errors import FieldErrors

#: Territories Babel names that are not countries (regions, unions, test codes).
NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})


def _sort_key(name: str) -> str:
    """A name without its accents, in lower case: "Émirats" sorts with "E"."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def country_names(locale: str | None = None) -> dict[str, str]:
    """Every country's ISO code and name in the language of `locale` (by default the
    window's), in the order of the names."""
    territories: Mapping[str, str] = Locale.parse(locale or current_locale()).territories
    found = {
        code: name
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    }
    return dict(sorted(found.items(), key=lambda item: _sort_key(item[1])))


def country_name(code: str, locale: str | None = None) -> str:
    """A country's name in the window's language, or its code when Babel has none."""
    name: str | None = Locale.parse(locale or current_locale()).territories.get(code)
    return name or code


def focused(errors: FieldErrors, field: str, widget: QWidget) -> QWidget:
    """`widget` with the label of its field's problems under it (`FieldErrors.wrap`); the
    box passes the focus on, so that the form label's shortcut reaches the widget."""
    box = errors.wrap(field, widget)
    box.setFocusProxy(widget)
    return box


class AccountDialog(QDialog):
    """A new account (`account` None) or the details of one."""

    #: The account was saved: the `Account` as stored.
    saved = Signal(object)

    def __init__(
        self, ops: Operations, account: Account | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("account_dialog")
        self._ops, self.account = ops, account
        self._channel = ops.tasks.channel(self)
        self.setWindowTitle(
            translate("AccountDialog", "New account")
            if account is None
            else translate("AccountDialog", "Edit {name}").format(name=account.name)
        )
        self.setMinimumWidth(560)
        self._build_fields()
        self.message = QLabel()
        self.message.setObjectName("account_message")
        self.message.setWordWrap(True)
        self.errors = FieldErrors(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(
            translate("AccountDialog", "Create")
            if account is None
            else translate("AccountDialog", "Save")
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._channel.busy_changed.connect(self._set_working)
        self._layout()
        if account is not None:
            self._fill(account)

    def _build_fields(self) -> None:
        self.name_edit = QLineEdit()
        self.audience_combo = QComboBox()
        for audience in Audience:
            self.audience_combo.addItem(word(audience.value).capitalize(), audience.value)
        self.country_combo = QComboBox()
        self.country_combo.setPlaceholderText(translate("AccountDialog", "Choose a country"))
        for code, name in country_names().items():
            self.country_combo.addItem(name, code)
        self.country_combo.setCurrentIndex(-1)
        self.country_combo.setMaxVisibleItems(20)
        self.language_combo = QComboBox()
        for code in LANGUAGES:
            self.language_combo.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.street_edit = QPlainTextEdit()
        self.street_edit.setTabChangesFocus(True)
        lines = self.street_edit.fontMetrics().lineSpacing()
        self.street_edit.setFixedHeight(3 * lines + 12)
        self.postcode_edit = QLineEdit()
        self.postcode_edit.setMaximumWidth(110)
        self.city_edit = QLineEdit()
        self.vat_edit = QLineEdit()
        self.vat_edit.setPlaceholderText("FR40303265045")
        self.email_edit = QLineEdit()
        self.email_edit.setPlaceholderText("billing@example.com")
        self.buyer_reference_edit = QLineEdit()
        self.purchase_order_edit = QLineEdit()
        for name, widget in vars(self).items():
            if name.endswith(("_edit", "_combo")):
                widget.setObjectName(name)

    def _layout(self) -> None:
        wrap = partial(focused, self.errors)
        self.postcode_edit.setPlaceholderText(translate("AccountDialog", "Postcode"))
        self.city_edit.setPlaceholderText(translate("AccountDialog", "City"))
        place = QWidget()
        row = QHBoxLayout(place)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.postcode_edit)
        row.addWidget(self.city_edit, 1)
        place.setFocusProxy(self.postcode_edit)  # Alt+P goes to the postcode
        place = wrap("postcode", wrap("city", place))  # their problems under the row
        self.form = form = QFormLayout()
        for label, field, widget in (
            (translate("AccountDialog", "&Name:"), "name", self.name_edit),
            (translate("AccountDialog", "&Audience:"), "audience", self.audience_combo),
            (translate("AccountDialog", "&Country:"), "country", self.country_combo),
            (translate("AccountDialog", "&Language:"), "language", self.language_combo),
            (translate("AccountDialog", "&Street:"), "street", self.street_edit),
            (translate("AccountDialog", "&Postcode, city:"), "", place),
            (translate("AccountDialog", "&VAT number:"), "vat-number", self.vat_edit),
            (translate("AccountDialog", "Billing &e-mail:"), "billing-email", self.email_edit),
            (
                translate("AccountDialog", "&Buyer reference:"),
                "buyer-reference",
                self.buyer_reference_edit,
            ),
            (
                translate("AccountDialog", "Purchase &order:"),
                "purchase-order",
                self.purchase_order_edit,
            ),
        ):
            form.addRow(label, wrap(field, widget) if field else widget)
        note = muted(
            QLabel(
                translate(
                    "AccountDialog",
                    "The address, VAT number, buyer reference and purchase order number are "
                    "printed on the account's invoices.",
                )
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _fill(self, account: Account) -> None:
        self.name_edit.setText(account.name)
        self.audience_combo.setCurrentIndex(self.audience_combo.findData(account.audience.value))
        row = self.country_combo.findData(account.country)
        if row < 0:
            self.country_combo.addItem(account.country, account.country)
            row = self.country_combo.count() - 1
        self.country_combo.setCurrentIndex(row)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(account.language)))
        self.street_edit.setPlainText(account.street or "")
        self.postcode_edit.setText(account.postcode or "")
        self.city_edit.setText(account.city or "")
        self.vat_edit.setText(account.vat_number or "")
        self.email_edit.setText(account.billing_email or "")
        self.buyer_reference_edit.setText(account.buyer_reference or "")
        self.purchase_order_edit.setText(account.purchase_order or "")

    def fields(self) -> dict[str, str]:
        """What the dialog sends, as typed ("" for an empty field)."""
        return {
            "name": self.name_edit.text(),
            "audience": str(self.audience_combo.currentData() or ""),
            "country": str(self.country_combo.currentData() or ""),
            "language": str(self.language_combo.currentData() or ""),
            "vat_number": self.vat_edit.text(),
            "billing_email": self.email_edit.text(),
            "street": self.street_edit.toPlainText(),
            "postcode": self.postcode_edit.text(),
            "city": self.city_edit.text(),
            "buyer_reference": self.buyer_reference_edit.text(),
            "purchase_order": self.purchase_order_edit.text(),
        }

    def is_busy(self) -> bool:
        return self._channel.busy

    def save(self) -> None:
        if self._channel.busy:
            return
        fields, account = self.fields(), self.account
        self.errors.say(translate("AccountDialog", "Saving…"))

        def op(session: OperatorSession) -> Outcome[Account]:
            if account is None or account.id is None:
                return session.accounts.create(**fields)
            return session.accounts.edit(account.id, version=account.version, **fields)

        self._ops.run(self, op, self._saved, failed=self._refused, channel=self._channel)

    def _saved(self, account: Account) -> None:
        self.message.clear()
        self.saved.emit(account)
        self.accept()

    def _refused(self, error: Exception) -> None:
        self.errors.show(error)
        self.adjustSize()  # room for the problems under the fields

    def _set_working(self, working: bool) -> None:
        self.ok_button.setEnabled(not working)

    def reject(self) -> None:
        if not self._channel.busy:  # once sent, the account is saved or refused
            super().reject()
