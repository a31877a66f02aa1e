"""The account selected on the accounts page: its facts, address and invoice
references, subscriptions, payment methods (with the buttons that act on them; the
page connects and enables them) and seats."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from desktop_admin.domain.accounts import Account, PaymentKind, PaymentMethod
from desktop_admin.domain.subscriptions import Subscription
from desktop_admin.domain.users import SeatUsage
from ui.dialogs.account import country_name
from ui.dialogs.payment_method import method_text
from ui.formatting import day, word
from ui.i18n import translate
from ui.models.records import WARNING_SHARE, SeatsModel
from ui.widgets.basics import bare_box, bold_label, make_table, muted


@dataclass(frozen=True)
class AccountDetails:
    """What the lower half of the page shows about one account."""

    account_id: int
    seats: list[SeatUsage]
    subscriptions: list[Subscription]
    payment_methods: list[PaymentMethod]


def account_facts(account: Account) -> str:
    parts = [
        word(account.audience.value).capitalize(),
        account.country,
        translate("AccountsPage", "language {code}").format(code=account.language),
    ]
    if account.vat_number:
        parts.append(translate("AccountsPage", "VAT {number}").format(number=account.vat_number))
    if account.billing_email:
        parts.append(account.billing_email)
    return " · ".join(parts)


def address_text(account: Account) -> str:
    """The postal address on one line, with the country's name; then the references
    printed on invoices, and the archive date."""
    lines = (account.address or "").splitlines()
    parts = [", ".join([*lines, country_name(account.country)])]
    if account.buyer_reference:
        parts.append(
            translate("AccountsPage", "buyer reference {reference}").format(
                reference=account.buyer_reference
            )
        )
    if account.purchase_order:
        parts.append(
            translate("AccountsPage", "purchase order {number}").format(
                number=account.purchase_order
            )
        )
    text = " · ".join(parts)
    if account.archived_on:
        text += "\n" + translate(
            "AccountsPage", "Archived on {day}: it takes no new user, purchase or payment method."
        ).format(day=day(account.archived_on))
    return text


def subscription_summary(
    subscriptions: list[Subscription], today: date, addon_names: Mapping[str, str]
) -> str:
    if not subscriptions:
        return translate("AccountsPage", "No subscription.")
    lines = []
    for sub in subscriptions:
        cycle = word(sub.cycle.value)
        line = translate("AccountsPage", "{Cycle} subscription, {status}").format(
            Cycle=cycle.capitalize(), cycle=cycle, status=word(sub.status.value)
        )
        if sub.grants_seats_on(today):
            period = sub.current_period(today)
            text = (
                translate("AccountsPage", "; current period {start} – {end} (renews)")
                if sub.auto_renew
                else translate("AccountsPage", "; current period {start} – {end} (ends)")
            )
            line += text.format(start=day(period.start), end=day(period.last_day))
        lines.append(line + ".")
        if sub.addons:
            addons = ", ".join(
                f"{n} × {addon_names.get(code, code)}" for code, n in sorted(sub.addons.items())
            )
            lines.append(translate("AccountsPage", "Add-ons: {addons}.").format(addons=addons))
    return "\n".join(lines)


def payment_summary(methods: list[PaymentMethod]) -> str:
    if not methods:
        return translate("AccountsPage", "No payment method.")
    described = []
    for method in methods:
        if method.kind is PaymentKind.TRANSFER or method.card is None:
            described.append(translate("AccountsPage", "bank transfer"))
        else:
            card = method.card
            described.append(
                translate(
                    "AccountsPage", "{brand} card ending {last4}, expires {month:02d}/{year}"
                ).format(
                    brand=card.brand.upper(),
                    last4=card.last4,
                    month=card.exp_month,
                    year=card.exp_year,
                )
            )
    return translate("AccountsPage", "Pays by {methods}.").format(
        methods=translate("AccountsPage", " or ").join(described)
    )


class AccountPanel(QWidget):
    """What the page shows of one account, or a prompt to select one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.methods: list[PaymentMethod] = []
        self.seats = SeatsModel(self)
        self.seats_view = make_table(self.seats, (200, 80, 80, 80, 80), stretch=0)
        self.seats_view.setObjectName("seats_table")
        self.seats_view.setSelectionMode(self.seats_view.SelectionMode.NoSelection)
        self.seats_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.name = bold_label(translate("AccountsPage", "Select an account."), 1.2)
        self.name.setObjectName("account_name")
        self.facts, self.address = QLabel(), QLabel()
        self.address.setObjectName("account_address")
        self.subscription, self.payment = QLabel(), QLabel()
        self.add_button = QPushButton(translate("AccountsPage", "Add…"))
        self.replace_button = QPushButton(translate("AccountsPage", "Replace…"))
        self.remove_button = QPushButton(translate("AccountsPage", "Remove"))
        for button, name in (
            (self.add_button, "add_payment_method"),
            (self.replace_button, "replace_payment_method"),
            (self.remove_button, "remove_payment_method"),
        ):
            button.setObjectName(name)
        self.methods_list = QListWidget()
        self.methods_list.setObjectName("payment_methods")
        self.methods_list.setMaximumHeight(4 * self.methods_list.fontMetrics().height() + 16)
        self._layout()

    def _layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.name)
        for label in self.texts():
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
        layout.addSpacing(6)
        title = bold_label(translate("AccountsPage", "Payment methods"))
        buttons = (self.add_button, self.replace_button, self.remove_button)
        layout.addWidget(bare_box(QHBoxLayout, (title, 1), *buttons))
        layout.addWidget(self.methods_list)
        layout.addSpacing(6)
        layout.addWidget(bold_label(translate("AccountsPage", "Seats")))
        layout.addWidget(self.seats_view, 1)
        legend = translate(
            "AccountsPage",
            "Amber: {share} % or more of the seats in use; red: more users than seats bought.",
        ).format(share=round(100 * WARNING_SHARE))
        layout.addWidget(muted(QLabel(legend)))

    def texts(self) -> tuple[QLabel, ...]:
        return (self.facts, self.address, self.subscription, self.payment)

    def selected_method(self) -> PaymentMethod | None:
        row = self.methods_list.currentRow()
        return self.methods[row] if 0 <= row < len(self.methods) else None

    def clear(self) -> None:
        self.name.setText(translate("AccountsPage", "Select an account."))
        for label in self.texts():
            label.clear()
        self.show_methods([])
        self.seats.set_records([])

    def show_account(self, account: Account) -> None:
        """What the page knows at once (the rest comes with `show_details`)."""
        self.name.setText(account.name)
        self.facts.setText(account_facts(account))
        self.address.setText(address_text(account))

    def show_details(
        self, details: AccountDetails, today: date, addon_names: Mapping[str, str]
    ) -> None:
        self.seats.set_records(details.seats)
        self.subscription.setText(subscription_summary(details.subscriptions, today, addon_names))
        self.payment.setText(payment_summary(details.payment_methods))
        self.show_methods(details.payment_methods)

    def show_methods(self, methods: list[PaymentMethod]) -> None:
        """The methods listed, the one selected kept selected."""
        chosen = self.selected_method()
        self.methods = list(methods)
        self.methods_list.clear()
        self.methods_list.addItems([method_text(m) for m in methods])
        ids = [m.id for m in methods]
        if chosen is not None and chosen.id in ids:
            self.methods_list.setCurrentRow(ids.index(chosen.id))
