"""The accounts page: the customer accounts and, for the one selected, its details, its
subscriptions, how it pays and its seats; creating, editing and archiving an account,
adding, replacing and removing its payment methods. With no account yet, it says what
to do first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_admin.app import Changes
from desktop_admin.domain.accounts import Account, PaymentKind, PaymentMethod
from desktop_admin.domain.operators import Permission
from ui.dialogs.account import AccountDialog
from ui.dialogs.payment_method import PaymentMethodDialog, method_text
from ui.i18n import role_label, translate
from ui.operations import Operations
from ui.pages.account_details import (
    AccountDetails,
    AccountPanel,
    account_facts,
    address_text,
    payment_summary,
    subscription_summary,
)
from ui.pages.base import Page
from ui.reference import ReferenceData
from ui.widgets.basics import bare_box, bold_label, make_table

#: What other modules take from here (the summaries live with the panel).
__all__ = [
    "AccountsPage",
    "account_facts",
    "address_text",
    "payment_summary",
    "subscription_summary",
]


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
        self._details, self._actions = self.channel(), self.channel()
        self._actions.busy_changed.connect(lambda _busy: self._update_actions())
        self._selected_id: int | None = None
        self.may_manage = self._session.may(Permission.MANAGE_ACCOUNTS)
        self.account_dialog: AccountDialog | None = None
        self.payment_dialog: PaymentMethodDialog | None = None
        self.confirm_box: QMessageBox | None = None

        self.accounts_view = make_table(reference.accounts, (220, 90, 70, 80), stretch=0)
        self.accounts_view.setObjectName("accounts_table")
        self.accounts_view.setSelectionMode(self.accounts_view.SelectionMode.SingleSelection)
        self.accounts_view.selectionModel().currentRowChanged.connect(self._current_changed)
        reference.loaded.connect(self._accounts_reloaded)

        panel = self.panel = AccountPanel()
        # The panel's parts keep the names the page gave them before it had a panel.
        self.seats, self.seats_view, self.account_name = panel.seats, panel.seats_view, panel.name
        self.account_facts, self.account_address = panel.facts, panel.address
        self.account_subscription, self.account_payment = panel.subscription, panel.payment
        self.methods_list = panel.methods_list
        self.methods_list.currentRowChanged.connect(lambda _row: self._update_actions())

        self._build_buttons()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.accounts_view)
        splitter.addWidget(panel)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([440, 560])
        self.stack = QStackedWidget()
        self.stack.addWidget(bare_box(QVBoxLayout, self._account_bar(), (splitter, 1)))
        self.stack.addWidget(self._empty_panel())
        self.body.addWidget(self.stack, 1)
        self._update_actions()

    # Building
    def _build_buttons(self) -> None:
        refusal = translate("AccountsPage", "{role}s may not manage accounts.").format(
            role=role_label(self._session.operator.role)
        )

        def button(made: QPushButton, name: str, slot: Callable[[], object]) -> QPushButton:
            made.setObjectName(name)
            made.clicked.connect(lambda: slot())
            made.setToolTip("" if self.may_manage else refusal)
            return made

        panel, new = self.panel, translate("AccountsPage", "New account…")
        self.new_button = button(QPushButton(new), "new_account", self.open_new)
        self.empty_new_button = button(QPushButton(new), "empty_new_account", self.open_new)
        self.edit_button = button(
            QPushButton(translate("AccountsPage", "Edit…")), "edit_account", self.open_edit
        )
        self.archive_button = button(
            QPushButton(translate("AccountsPage", "Archive…")),
            "archive_account",
            self.confirm_archive,
        )
        self.add_method_button = button(
            panel.add_button, "add_payment_method", self.open_add_method
        )
        self.replace_method_button = button(
            panel.replace_button, "replace_payment_method", self.open_replace_method
        )
        self.remove_method_button = button(
            panel.remove_button, "remove_payment_method", self.confirm_remove_method
        )

    def _account_bar(self) -> QWidget:
        return bare_box(QHBoxLayout, self.new_button, self.edit_button, self.archive_button, None)

    def _empty_panel(self) -> QWidget:
        title = bold_label(translate("AccountsPage", "No customer account yet"), 1.2)
        self.empty_text = QLabel(
            translate(
                "AccountsPage",
                "Start with one: its name, whether it is a company, a maker or a student, and "
                "its country. Then record how it pays, what it buys and who uses it.",
            )
            if self.may_manage
            else translate("AccountsPage", "An Administrator creates them.")
        )
        self.empty_text.setObjectName("accounts_empty")
        self.empty_text.setWordWrap(True)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text.setFixedWidth(520)
        self.empty_new_button.setVisible(self.may_manage)
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.addStretch(1)
        layout.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        # (No alignment for the text: a wrapped label aligned in a layout gets one line.)
        layout.addWidget(bare_box(QHBoxLayout, None, self.empty_text, None))
        layout.addWidget(self.empty_new_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return panel

    # Selection and loading
    def selected_account(self) -> Account | None:
        return self._reference.accounts.current_record(self.accounts_view)

    def selected_method(self) -> PaymentMethod | None:
        return self.panel.selected_method()

    def select_account(self, account_id: int) -> None:
        row = self._reference.accounts.row_where(lambda a: a.id == account_id)
        if row >= 0:
            index = self._reference.accounts.index(row, 0)
            self.accounts_view.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def is_empty(self) -> bool:
        """Whether the page shows its empty state (no account yet)."""
        return self.stack.currentIndex() == 1

    def refresh(self) -> None:
        """Reload the selected account's details (the accounts are `ReferenceData`'s)."""
        self._load_details(self.selected_account())

    def _accounts_reloaded(self) -> None:
        accounts = self._reference.accounts
        self.stack.setCurrentIndex(0 if accounts.rowCount() else 1)
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
        previous, self._selected_id = self._selected_id, account.id if account else None
        if account is None or account.id is None:
            self._details.cancel()
            self.panel.clear()
            self._update_actions()
            return
        self.panel.show_account(account)
        if account.id != previous:  # not another account's methods meanwhile
            self.panel.show_methods([])
        self._update_actions()
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
        self.panel.show_details(details, self._session.today, self._reference.addon_names)
        self._update_actions()

    def _update_actions(self) -> None:
        account, method = self.selected_account(), self.selected_method()
        idle, manage = not self._actions.busy, self.may_manage
        live = account is not None and not account.archived
        self.new_button.setEnabled(manage)
        self.empty_new_button.setEnabled(manage)
        self.edit_button.setEnabled(manage and account is not None)
        self.archive_button.setEnabled(manage and live and idle)
        self.add_method_button.setEnabled(manage and live)
        self.replace_method_button.setEnabled(
            manage and live and method is not None and method.kind is PaymentKind.CARD
        )
        self.remove_method_button.setEnabled(manage and method is not None and idle)

    # Actions
    def open_new(self) -> AccountDialog:
        return self._open_account_dialog(None)

    def open_edit(self) -> AccountDialog | None:
        account = self.selected_account()
        return None if account is None else self._open_account_dialog(account)

    def _open_account_dialog(self, account: Account | None) -> AccountDialog:
        dialog = AccountDialog(self._ops, account, self)
        dialog.saved.connect(self._account_saved)
        self.account_dialog = dialog
        dialog.open()
        return dialog

    def _account_saved(self, account: Account) -> None:
        self._selected_id = account.id  # shown once the accounts are reloaded
        self.status_message.emit(
            translate("AccountsPage", "Account {name} saved.").format(name=account.name)
        )

    def open_add_method(self) -> PaymentMethodDialog | None:
        return self._open_payment_dialog(None)

    def open_replace_method(self) -> PaymentMethodDialog | None:
        method = self.selected_method()
        return None if method is None else self._open_payment_dialog(method)

    def _open_payment_dialog(self, replacing: PaymentMethod | None) -> PaymentMethodDialog | None:
        account = self.selected_account()
        if account is None:
            return None
        dialog = PaymentMethodDialog(self._ops, account, replacing, self)
        dialog.saved.connect(
            lambda method: self.status_message.emit(
                translate("AccountsPage", "{method} recorded.").format(method=method_text(method))
            )
        )
        self.payment_dialog = dialog
        dialog.open()
        return dialog

    def _confirm(
        self, title: str, text: str, action: str, then: Callable[[], None], detail: str = ""
    ) -> QMessageBox:
        """A question over the page, answered without blocking; `then()` if confirmed."""
        box = QMessageBox(
            QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, self
        )
        box.setInformativeText(detail)
        box.setObjectName("confirm_box")
        confirm = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        confirm.setObjectName("confirm_button")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.accepted.connect(then)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.confirm_box = box
        box.open()
        return box

    def confirm_remove_method(self) -> QMessageBox | None:
        account, method = self.selected_account(), self.selected_method()
        if account is None or account.id is None or method is None or method.id is None:
            return None
        account_id, method_id, described = account.id, method.id, method_text(method)
        return self._confirm(
            translate("AccountsPage", "Remove a payment method"),
            translate("AccountsPage", "Remove “{method}” from {name}?").format(
                method=described, name=account.name
            ),
            translate("AccountsPage", "Remove"),
            lambda: self.operate(
                lambda session: session.accounts.remove_payment_method(account_id, method_id),
                translate("AccountsPage", "{method} removed.").format(method=described),
                failed=translate("AccountsPage", "The payment method was not removed"),
                channel=self._actions,
            ),
        )

    def confirm_archive(self) -> QMessageBox | None:
        account = self.selected_account()
        if account is None or account.id is None:
            return None
        account_id, version, name = account.id, account.version, account.name
        return self._confirm(
            translate("AccountsPage", "Archive an account"),
            translate("AccountsPage", "Archive {name}?").format(name=name),
            translate("AccountsPage", "Archive"),
            lambda: self.operate(
                lambda session: session.accounts.archive(account_id, version=version),
                translate("AccountsPage", "Account {name} archived.").format(name=name),
                failed=translate("AccountsPage", "The account was not archived"),
                channel=self._actions,
            ),
            translate(
                "AccountsPage",
                "An archived account takes no new user, purchase or payment method; its "
                "users, subscriptions and invoices stay readable. Nothing may run or be "
                "owed: no subscription in force, no open invoice.",
            ),
        )
