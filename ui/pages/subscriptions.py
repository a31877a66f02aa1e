"""The subscriptions page: an account's subscriptions; for the one selected, its seats,
add-ons, period, renewal (R09), scheduled changes with their seat check (R15); change,
stop or resume renewal, cancel (R16, R17)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_admin.app import Changes, OperatorSession
from desktop_admin.domain.accounts import Account
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.subscriptions import Subscription
from desktop_admin.services.cancellation import Cancellation
from desktop_admin.services.changes import ChangeResult
from desktop_admin.services.purchases import Purchase
from ui.dialogs.change import ChangeDialog
from ui.dialogs.purchase import PurchaseDialog, purchase_summary
from ui.formatting import amount, word
from ui.i18n import role_label, translate
from ui.models.subscriptions import AccountSubscriptions, SubscriptionsModel
from ui.operations import Operations
from ui.pages.base import AccountPage
from ui.pages.subscription_details import SubscriptionDetails
from ui.reference import ReferenceData
from ui.widgets.basics import bare_box, bold_label, make_table, muted


class CancelDialog(QDialog):
    """Confirm a cancellation, with or without a refund (R16)."""

    def __init__(self, subscription: Subscription, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cancel_dialog")
        self.setWindowTitle(
            translate("SubscriptionsPage", "Cancel subscription {id}").format(id=subscription.id)
        )
        self.refund = QCheckBox(
            translate(
                "SubscriptionsPage",
                "Refund the purchase (R16: yearly or quarterly, within 15 days)",
            )
        )
        self.refund.setObjectName("refund")
        text = QLabel(
            translate(
                "SubscriptionsPage",
                "Cancel the {cycle} subscription {id}? "
                "Its seats end at once; a licence keeps its data readable for 2 weeks, "
                "a business experience is frozen (R17).",
            ).format(cycle=word(subscription.cycle.value), id=subscription.id)
        )
        text.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.confirm_button = buttons.addButton(
            translate("SubscriptionsPage", "Cancel the subscription"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.confirm_button.setObjectName("confirm_cancel")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            translate("SubscriptionsPage", "Keep it")
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.refund)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)


class SubscriptionsPage(AccountPage):
    shows = Changes.SUBSCRIPTIONS | Changes.ASSIGNMENTS | Changes.CATALOG | Changes.INVOICES

    def __init__(
        self, ops: Operations, reference: ReferenceData, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            translate("SubscriptionsPage", "Subscriptions"),
            translate(
                "SubscriptionsPage",
                "What an account bought, its renewal and the changes scheduled.",
            ),
            ops,
            reference,
            parent,
        )
        self._actions = self.channel()
        self._actions.busy_changed.connect(lambda _busy: self._update_actions())
        self._data: AccountSubscriptions | None = None
        self.may_manage = self._session.may(Permission.MANAGE_SUBSCRIPTIONS)
        self.change_dialog: ChangeDialog | None = None
        self.cancel_dialog: CancelDialog | None = None
        self.purchase_dialog: PurchaseDialog | None = None
        self._bought: int | None = None  # the subscription to select once loaded

        self.subscriptions = SubscriptionsModel(self._session.today, self)
        self.table = make_table(self.subscriptions, (40, 80, 80, 95, 70), stretch=4)
        self.table.setObjectName("subscriptions_table")
        self.table.setSelectionMode(self.table.SelectionMode.SingleSelection)
        self.table.selectionModel().currentRowChanged.connect(self._show_selected)
        details = self.details = SubscriptionDetails()
        # The panel's parts keep the names the page gave them before it had a panel.
        self.heading, self.period_label = details.heading, details.period_label
        self.renewal_label, self.warnings_label = details.renewal_label, details.warnings_label
        self.items, self.items_view = details.items, details.items_view
        self.changes, self.changes_view = details.changes, details.changes_view
        self.change_button, self.renewal_button, self.cancel_button = details.buttons()
        self.change_button.clicked.connect(self.open_change)
        self.renewal_button.clicked.connect(self.toggle_renewal)
        self.cancel_button.clicked.connect(self.open_cancel)
        if not self.may_manage:
            refusal = translate(
                "SubscriptionsPage", "{role}s may not change subscriptions."
            ).format(role=role_label(self._session.operator.role))
            for button in (self.change_button, self.renewal_button, self.cancel_button):
                button.setToolTip(refusal)
        self._build_empty_state()
        self._layout()
        self._show_selected()

    def _build_empty_state(self) -> None:
        """What to do first for an account without any subscription, and the buttons
        that buy one (the bar's for an account that has some already)."""
        self.buy_button = QPushButton(translate("SubscriptionsPage", "Buy a subscription…"))
        self.buy_button.setObjectName("buy_subscription")
        self.empty_buy_button = QPushButton(translate("SubscriptionsPage", "Buy a subscription…"))
        self.empty_buy_button.setObjectName("buy_first_subscription")
        for button in (self.buy_button, self.empty_buy_button):
            button.clicked.connect(self.open_purchase)
            if not self.may_manage:
                button.setToolTip(
                    translate("SubscriptionsPage", "{role}s may not buy subscriptions.").format(
                        role=role_label(self._session.operator.role)
                    )
                )
        self.empty_title = bold_label("", 1.2)
        self.empty_title.setObjectName("empty_title")
        self.empty_text = muted(QLabel(translate(
            "SubscriptionsPage",
            "Buy one first: choose the seats of each role its users need, any add-ons, the "
            "cycle and how the account pays. The seats can be assigned at once and the first "
            "invoice is issued; a role sold only on request in the account's country makes a "
            "quote request for the sales team instead (R04).",
        )))  # fmt: skip
        self.empty_text.setWordWrap(True)
        self.empty_text.setMaximumWidth(560)
        self.empty_state = bare_box(
            QVBoxLayout, None, self.empty_title, self.empty_text, self.empty_buy_button, None
        )
        self.empty_state.setObjectName("empty_state")
        self.empty_state.layout().setAlignment(Qt.AlignmentFlag.AlignHCenter)

    def _layout(self) -> None:
        bar = self.account_bar(translate("SubscriptionsPage", "Account:"))
        bar.addWidget(self.buy_button)
        self.body.addLayout(bar)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        self.table.setMinimumWidth(self.table.horizontalHeader().length() + 24)
        splitter.setSizes([420, 680])
        self.stack = QStackedWidget()
        self.stack.addWidget(splitter)
        self.stack.addWidget(self.empty_state)
        self.body.addWidget(self.stack, 1)

    def is_empty(self) -> bool:
        """Whether the page shows what to do first (the account has no subscription)."""
        return self.stack.currentWidget() is self.empty_state

    # Loading
    def current_account(self) -> Account | None:
        row = self.account_combo.currentIndex()
        accounts = self._reference.accounts
        return accounts.record(row) if 0 <= row < accounts.rowCount() else None

    def load(self, account_id: int) -> None:
        self._ops.query(
            self,
            lambda session: account_subscriptions(session, account_id),
            self._loaded,
            failed=translate("SubscriptionsPage", "The subscriptions could not be loaded"),
            channel=self.rows,
        )

    def clear(self) -> None:
        self._data = None
        self.subscriptions.set_records([])
        self.stack.setCurrentIndex(0)
        self._show_selected()

    def _loaded(self, data: AccountSubscriptions) -> None:
        chosen = self.selected()
        wanted = self._bought if self._bought is not None else chosen.id if chosen else None
        self._data, self._bought = data, None
        self.subscriptions.set_records(data.subscriptions)
        account = self.current_account()
        self.empty_title.setText(
            translate("SubscriptionsPage", "{name} has no subscription yet").format(
                name=account.name if account else ""
            )
        )
        self.stack.setCurrentWidget(
            self.empty_state if not data.subscriptions else self.stack.widget(0)
        )
        row = self.subscriptions.row_where(lambda s: wanted is not None and s.id == wanted)
        if row < 0 and data.subscriptions:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self._show_selected()

    def selected(self) -> Subscription | None:
        return self.subscriptions.current_record(self.table)

    def select_subscription(self, subscription_id: int) -> None:
        row = self.subscriptions.row_where(lambda s: s.id == subscription_id)
        if row >= 0:
            self.table.selectRow(row)

    # The subscription selected
    def _show_selected(self) -> None:
        sub, data = self.selected(), self._data
        if sub is None or data is None:
            self.details.clear()
        else:
            self.details.show_subscription(sub, data, self._session.today)
        self._update_actions()

    def _update_actions(self) -> None:
        sub = self.selected()
        live = sub is not None and sub.grants_seats_on(self._session.today)
        idle = not self._actions.busy
        self.change_button.setEnabled(self.may_manage and live and idle)
        self.cancel_button.setEnabled(self.may_manage and live and idle)
        self.renewal_button.setEnabled(self.may_manage and live and idle)
        account = self.current_account_id() is not None
        self.buy_button.setEnabled(self.may_manage and account)
        self.buy_button.setVisible(not self.is_empty())
        self.empty_buy_button.setEnabled(self.may_manage and account)
        resume = sub is not None and not sub.auto_renew
        self.renewal_button.setText(
            translate("SubscriptionsPage", "Resume renewal")
            if resume
            else translate("SubscriptionsPage", "Stop renewal")
        )

    # Actions
    def open_change(self) -> ChangeDialog | None:
        sub, account = self.selected(), self.current_account()
        if sub is None or account is None or self._data is None:
            return None
        dialog = ChangeDialog(self._ops, sub, self)
        dialog.changed.connect(lambda result: self.status_message.emit(change_summary(result)))
        self.change_dialog = dialog
        dialog.open()
        return dialog

    def open_purchase(self) -> PurchaseDialog | None:
        account_id = self.current_account_id()
        if account_id is None:
            return None
        dialog = PurchaseDialog(self._ops, account_id, self)
        dialog.purchased.connect(self._purchased)
        self.purchase_dialog = dialog
        dialog.open()
        return dialog

    def _purchased(self, bought: Purchase) -> None:
        if bought.subscription is not None:
            self._bought = bought.subscription.id
        self.status_message.emit(purchase_summary(bought))

    def toggle_renewal(self) -> None:
        sub = self.selected()
        if sub is None or sub.id is None:
            return
        renew, sub_id = not sub.auto_renew, sub.id
        text = (
            translate("SubscriptionsPage", "Renewal of subscription {id} resumed.")
            if renew
            else translate("SubscriptionsPage", "Renewal of subscription {id} stopped.")
        ).format(id=sub_id)
        self.operate(
            lambda session: session.subscriptions.set_auto_renew(sub_id, renew=renew),
            text,
            failed=translate("SubscriptionsPage", "The subscription was not changed"),
            channel=self._actions,
        )

    def open_cancel(self) -> CancelDialog | None:
        sub = self.selected()
        if sub is None or sub.id is None:
            return None
        dialog = CancelDialog(sub, self)
        sub_id = sub.id

        def confirmed() -> None:
            refund = dialog.refund.isChecked()
            self._ops.run(
                self,
                lambda session: session.subscriptions.cancel(sub_id, refund=refund),
                lambda done: self.status_message.emit(cancel_summary(done)),
                failed=translate("SubscriptionsPage", "The subscription was not changed"),
                channel=self._actions,
            )

        dialog.accepted.connect(confirmed)
        self.cancel_dialog = dialog
        dialog.open()
        return dialog


def account_subscriptions(session: OperatorSession, account_id: int) -> AccountSubscriptions:
    """What the page shows of an account (runs in the background)."""
    return AccountSubscriptions(
        account_id,
        session.subscriptions.of_account(account_id),
        session.subscriptions.account_changes(account_id),
        session.catalog.current(),
        session.accounts.get(account_id).audience,
    )


def change_summary(result: ChangeResult) -> str:
    parts = [translate("SubscriptionsPage", "Subscription changed")]
    if result.preview is not None:
        parts.append(
            translate("SubscriptionsPage", "{amount} {currency} to invoice").format(
                amount=amount(result.preview.totals.total), currency=result.preview.currency
            )
        )
    if result.scheduled:
        parts.append(
            translate("SubscriptionsPage", "{count} change(s) scheduled").format(
                count=len(result.scheduled)
            )
        )
    return "; ".join(parts) + "."


def cancel_summary(done: Cancellation) -> str:
    note = done.credit_note
    refund = (
        translate("SubscriptionsPage", "; credit note {number}").format(number=note.number)
        if note is not None
        else ""
    )
    return translate("SubscriptionsPage", "Subscription {id} cancelled{refund}.").format(
        id=done.subscription.id, refund=refund
    )
