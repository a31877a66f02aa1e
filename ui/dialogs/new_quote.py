"""A new quote for an account, with or without a subscription (R13): the seats of each
role and the units of each add-on it would buy, in one cycle (R01, R05). The service
prices it exactly as the invoice would be and refuses what it would refuse; a role
sold on request only in the buyer's country makes a quote request (R04)."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_admin.domain.accounts import Account
from desktop_admin.domain.catalog import AUDIENCE_CYCLES, Audience, Catalog
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.quotes import Quote
from desktop_admin.services.purchases import Order
from ui.dialogs.account import focused
from ui.formatting import word
from ui.i18n import translate
from ui.operations import Operations
from ui.widgets.basics import muted
from ui.widgets.field_errors import FieldErrors

MAX_QUANTITY = 100_000


class NewQuoteDialog(QDialog):
    """Quantities per role and add-on and a cycle; "Make quote" asks the service."""

    #: The quote was made: the `Quote` as stored.
    quoted = Signal(object)

    def __init__(self, ops: Operations, account: Account, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert account.id is not None
        self.setObjectName("new_quote_dialog")
        self.setWindowTitle(
            translate("NewQuoteDialog", "New quote for {name}").format(name=account.name)
        )
        self.resize(640, 300)
        self._ops, self.account = ops, account
        self._catalog_channel = ops.tasks.channel(self)
        self._channel = ops.tasks.channel(self)
        self.quote: Quote | None = None
        self.seat_spins: dict[str, QSpinBox] = {}
        self.addon_spins: dict[str, QSpinBox] = {}
        self.message = QLabel()
        self.message.setObjectName("quote_message")
        self.errors = FieldErrors(self.message)
        self.roles_form, self.addons_form = QFormLayout(), QFormLayout()
        self.cycle = QComboBox()
        self.cycle.setObjectName("cycle")
        for cycle in sorted(AUDIENCE_CYCLES[account.audience], key=lambda c: c.months):
            self.cycle.addItem(word(cycle.value).capitalize(), cycle.value)
        self.cycle.setCurrentIndex(self.cycle.findData(Cycle.YEARLY.value))
        self.payment = QComboBox()
        self.payment.setObjectName("payment")
        self.payment.addItem(word("card").capitalize(), "card")
        if account.audience is Audience.COMPANY:  # R06
            self.payment.addItem(word("transfer").capitalize(), "transfer")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(translate("NewQuoteDialog", "Make quote"))
        self.ok_button.setObjectName("make_quote")
        self.ok_button.setEnabled(False)  # until the catalog is read
        self.buttons.accepted.connect(self.make_quote)
        self.buttons.rejected.connect(self.reject)
        self._channel.busy_changed.connect(lambda busy: self.ok_button.setEnabled(not busy))
        self._layout()
        self.errors.say(translate("NewQuoteDialog", "Reading the catalog…"))
        self._ops.query(
            self,
            lambda session: session.catalog.current(),
            self._catalog_loaded,
            failed=self.errors.show,
            channel=self._catalog_channel,
        )

    def _layout(self) -> None:
        roles_box = QGroupBox(translate("NewQuoteDialog", "Seats per role"))
        roles_box.setLayout(self.roles_form)
        addons_box = QGroupBox(translate("NewQuoteDialog", "Add-ons and cycle"))
        addons_box.setLayout(self.addons_form)
        self.addons_form.addRow(translate("NewQuoteDialog", "Cycle:"), self.cycle)
        self.addons_form.addRow(translate("NewQuoteDialog", "Paid by:"), self.payment)
        boxes = QHBoxLayout()
        boxes.addWidget(roles_box, 1)
        boxes.addWidget(addons_box, 1)
        note = muted(
            QLabel(
                translate(
                    "NewQuoteDialog",
                    "A quote prices a purchase without committing it: lines as the invoice "
                    "would have them, valid 30 days. Accepting it places the order at these "
                    "prices, whether or not the account has a subscription already.",
                )
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        # The rows come with the catalog, after the dialog is shown: it grows to fit them.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(note)
        layout.addLayout(boxes)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def is_loading(self) -> bool:
        return self._catalog_channel.busy or self._channel.busy

    def _catalog_loaded(self, catalog: Catalog) -> None:
        """A spin box per role offered to the account's audience (R01) and per add-on."""
        wrap = partial(focused, self.errors)
        audience = self.account.audience
        for role in catalog.roles:
            if role.offered_cycles(audience):
                spin = self.seat_spins[role.code] = self._spin(f"seat:{role.code}")
                self.roles_form.addRow(
                    translate("NewQuoteDialog", "{name}:").format(name=role.name),
                    wrap(role.code, spin),
                )
        for addon in catalog.addons:
            spin = self.addon_spins[addon.code] = self._spin(f"addon:{addon.code}")
            self.addons_form.insertRow(
                self.addons_form.rowCount() - 2,
                translate("NewQuoteDialog", "{name}:").format(name=addon.name),
                wrap(addon.code, spin),
            )
        self.errors.say(
            translate("NewQuoteDialog", "Choose the seats of at least one role.")
            if self.seat_spins
            else translate("NewQuoteDialog", "The catalog offers no role to this account.")
        )
        self.ok_button.setEnabled(bool(self.seat_spins))

    @staticmethod
    def _spin(name: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(0, MAX_QUANTITY)
        spin.setMinimumWidth(90)
        return spin

    def order(self) -> Order:
        """The purchase the quote prices: the quantities chosen, none at zero."""
        return Order(
            self.account.id or 0,
            Cycle(str(self.cycle.currentData())),
            {code: spin.value() for code, spin in self.seat_spins.items() if spin.value()},
            {code: spin.value() for code, spin in self.addon_spins.items() if spin.value()},
            payment=str(self.payment.currentData()),
        )

    def make_quote(self) -> None:
        if self.is_loading():
            return
        order = self.order()
        self.errors.say(translate("NewQuoteDialog", "Pricing…"))
        self._ops.run(
            self,
            lambda session: session.billing.quote_purchase(order),
            self._quoted,
            failed=self.errors.show,
            channel=self._channel,
        )

    def _quoted(self, quote: Quote) -> None:
        self.quote = quote
        self.quoted.emit(quote)
        self.accept()

    def reject(self) -> None:
        if not self._channel.busy:
            super().reject()
