"""The accounts page: the customer accounts and, for the one selected, its seats."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from desktop_admin.app import Changes
from desktop_admin.domain.accounts import Account, PaymentKind, PaymentMethod
from desktop_admin.domain.subscriptions import Subscription
from desktop_admin.domain.users import SeatUsage
from ui.formatting import day, word
from ui.i18n import translate
from ui.models.records import WARNING_SHARE, SeatsModel
from ui.operations import Operations
from ui.pages.base import Page
from ui.reference import ReferenceData
from ui.widgets.basics import bold_label, make_table, muted


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


class AccountsPage(Page):
    shows = Changes.ACCOUNTS | Changes.SUBSCRIPTIONS | Changes.ASSIGNMENTS

    def __init__(
        self, ops: Operations, reference: ReferenceData, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            translate("AccountsPage", "Accounts"),
            translate("AccountsPage", "Customer accounts and the seats they bought."),
            ops,
            parent,
        )
        self._reference = reference
        self._details = self.channel()
        self._selected_id: int | None = None

        self.accounts_view = make_table(reference.accounts, (220, 90, 70, 80), stretch=0)
        self.accounts_view.setObjectName("accounts_table")
        self.accounts_view.setSelectionMode(self.accounts_view.SelectionMode.SingleSelection)
        self.accounts_view.selectionModel().currentRowChanged.connect(self._current_changed)
        reference.loaded.connect(self._accounts_reloaded)

        self.seats = SeatsModel(self)
        self.seats_view = make_table(self.seats, (200, 80, 80, 80, 80), stretch=0)
        self.seats_view.setObjectName("seats_table")
        self.seats_view.setSelectionMode(self.seats_view.SelectionMode.NoSelection)
        self.seats_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.accounts_view)
        splitter.addWidget(self._details_panel())
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([440, 560])
        self.body.addWidget(splitter, 1)

    def _details_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(12, 0, 0, 0)
        layout.setSpacing(4)
        self.account_name = bold_label(translate("AccountsPage", "Select an account."), 1.2)
        self.account_name.setObjectName("account_name")
        self.account_facts = QLabel()
        self.account_subscription = QLabel()
        self.account_payment = QLabel()
        for label in (self.account_facts, self.account_subscription, self.account_payment):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
        layout.insertWidget(0, self.account_name)
        layout.addSpacing(6)
        layout.addWidget(bold_label(translate("AccountsPage", "Seats")))
        layout.addWidget(self.seats_view, 1)
        layout.addWidget(
            muted(
                QLabel(
                    translate(
                        "AccountsPage",
                        "Amber: {share} % or more of the seats in use; "
                        "red: more users than seats bought.",
                    ).format(share=round(100 * WARNING_SHARE))
                )
            )
        )
        return panel

    def selected_account(self) -> Account | None:
        return self._reference.accounts.current_record(self.accounts_view)

    def select_account(self, account_id: int) -> None:
        row = self._reference.accounts.row_where(lambda a: a.id == account_id)
        if row >= 0:
            index = self._reference.accounts.index(row, 0)
            self.accounts_view.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def refresh(self) -> None:
        """Reload the selected account's details (the accounts are `ReferenceData`'s)."""
        self._load_details(self.selected_account())

    def _accounts_reloaded(self) -> None:
        accounts = self._reference.accounts
        row = accounts.row_where(lambda a: a.id == self._selected_id)
        if row < 0 and accounts.rowCount():
            row = 0
        if row >= 0:
            self.select_account(accounts.record(row).id or 0)
        else:
            self._load_details(None)

    def _current_changed(self) -> None:
        self._load_details(self.selected_account())

    def _load_details(self, account: Account | None) -> None:
        self._selected_id = account.id if account else None
        if account is None or account.id is None:
            self._details.cancel()
            self.account_name.setText(translate("AccountsPage", "Select an account."))
            for label in (self.account_facts, self.account_subscription, self.account_payment):
                label.clear()
            self.seats.set_records([])
            return
        self.account_name.setText(account.name)
        self.account_facts.setText(account_facts(account))
        account_id = account.id
        self._ops.query(
            self,
            lambda session: AccountDetails(
                account_id,
                session.licences.seats(account_id),
                session.subscriptions.of_account(account_id),
                session.accounts.payment_methods(account_id),
            ),
            self._show_details,
            failed=translate("AccountsPage", "The account could not be loaded"),
            channel=self._details,
        )

    def _show_details(self, details: AccountDetails) -> None:
        self.seats.set_records(details.seats)
        self.account_subscription.setText(
            subscription_summary(
                details.subscriptions, self._session.today, self._reference.addon_names
            )
        )
        self.account_payment.setText(payment_summary(details.payment_methods))
