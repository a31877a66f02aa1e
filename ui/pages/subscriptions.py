"""The subscriptions page: an account's subscriptions; for the one selected, its seats,
add-ons, period, renewal (R09), scheduled changes with their seat check (R15); change,
stop or resume renewal, cancel (R16, R17)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_admin.app import OperatorSession
from desktop_admin.domain.accounts import Account
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.subscriptions import Subscription
from desktop_admin.services.cancellation import Cancellation
from ui.dialogs.change import ChangeDialog
from ui.feedback import show_error
from ui.formatting import amount
from ui.i18n import role_label, translate
from ui.models.subscriptions import AccountSubscriptions, SubscriptionsModel, word
from ui.pages.base import Page, make_table
from ui.pages.subscription_details import SubscriptionDetails
from ui.reference import ReferenceData
from ui.tasks import BackgroundTasks
from ui.widgets.account_combo import AccountCombo, account_bar


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


class SubscriptionsPage(Page):
    #: Subscriptions of this account changed: seats, documents and audit are stale.
    subscriptions_changed = Signal(int)

    def __init__(
        self,
        session: OperatorSession,
        tasks: BackgroundTasks,
        reference: ReferenceData,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            translate("SubscriptionsPage", "Subscriptions"),
            translate(
                "SubscriptionsPage",
                "What an account bought, its renewal and the changes scheduled.",
            ),
            parent,
        )
        self._session, self._tasks, self._reference = session, tasks, reference
        self._rows = tasks.channel(self)
        self._actions = tasks.channel(self)
        self._data: AccountSubscriptions | None = None
        self.may_manage = session.may(Permission.MANAGE_SUBSCRIPTIONS)
        self.change_dialog: ChangeDialog | None = None
        self.cancel_dialog: CancelDialog | None = None

        self.account_combo = AccountCombo(reference)
        self.account_combo.account_changed.connect(self.mark_stale)
        self.subscriptions = SubscriptionsModel(session.today, self)
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
            ).format(role=role_label(session.operator.role))
            for button in (self.change_button, self.renewal_button, self.cancel_button):
                button.setToolTip(refusal)
        self._layout()
        self._show_selected()

    def _layout(self) -> None:
        self.body.addLayout(
            account_bar(translate("SubscriptionsPage", "Account:"), self.account_combo)
        )
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        self.table.setMinimumWidth(self.table.horizontalHeader().length() + 24)
        splitter.setSizes([420, 680])
        self.body.addWidget(splitter, 1)

    # Loading
    def current_account_id(self) -> int | None:
        return self.account_combo.account_id()

    def current_account(self) -> Account | None:
        row = self.account_combo.currentIndex()
        accounts = self._reference.accounts
        return accounts.record(row) if 0 <= row < accounts.rowCount() else None

    def select_account(self, account_id: int) -> None:
        self.account_combo.select_account(account_id)

    def is_loading(self) -> bool:
        return self._rows.busy or self._actions.busy

    def refresh(self) -> None:
        account_id = self.current_account_id()
        if account_id is None:
            self._rows.cancel()
            self._data = None
            self.subscriptions.set_records([])
            self._show_selected()
            return
        session = self._session

        def fetch() -> AccountSubscriptions:
            subscriptions = session.subscriptions.of_account(account_id)
            return AccountSubscriptions(
                account_id,
                subscriptions,
                {
                    s.id: session.subscriptions.scheduled_changes(s.id)
                    for s in subscriptions
                    if s.id
                },
                session.licences.seats(account_id),
                session.catalog.current(),
                session.accounts.get(account_id).audience,
            )

        self._rows.run(fetch, self._loaded, self._failed)

    def _loaded(self, data: AccountSubscriptions) -> None:
        chosen = self.selected()
        self._data = data
        self.subscriptions.set_records(data.subscriptions)
        row = self.subscriptions.row_where(lambda s: chosen is not None and s.id == chosen.id)
        if row < 0 and data.subscriptions:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self._show_selected()

    def _failed(self, error: Exception) -> None:
        show_error(
            self, translate("SubscriptionsPage", "The subscriptions could not be loaded"), error
        )

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
        dialog = ChangeDialog(self._session, self._tasks, sub, account, self._data.catalog, self)
        dialog.changed.connect(lambda result: self._done(sub, self._change_summary(result)))
        dialog.quoted.connect(lambda quote: self.subscriptions_changed.emit(sub.account_id))
        self.change_dialog = dialog
        dialog.open()
        return dialog

    @staticmethod
    def _change_summary(result: object) -> str:
        preview = getattr(result, "preview", None)
        scheduled = getattr(result, "scheduled", ())
        parts = [translate("SubscriptionsPage", "Subscription changed")]
        if preview is not None:
            parts.append(
                translate("SubscriptionsPage", "{amount} {currency} to invoice").format(
                    amount=amount(preview.totals.total), currency=preview.currency
                )
            )
        if scheduled:
            parts.append(
                translate("SubscriptionsPage", "{count} change(s) scheduled").format(
                    count=len(scheduled)
                )
            )
        return "; ".join(parts) + "."

    def toggle_renewal(self) -> None:
        sub = self.selected()
        if sub is None or sub.id is None:
            return
        renew, sub_id, session = not sub.auto_renew, sub.id, self._session
        text = (
            translate("SubscriptionsPage", "Renewal of subscription {id} resumed.")
            if renew
            else translate("SubscriptionsPage", "Renewal of subscription {id} stopped.")
        ).format(id=sub_id)
        self._actions.run(
            lambda: session.subscriptions.set_auto_renew(sub_id, renew=renew).value,
            lambda _after: self._done(sub, text),
            self._refused,
        )
        self._update_actions()

    def open_cancel(self) -> CancelDialog | None:
        sub = self.selected()
        if sub is None or sub.id is None:
            return None
        dialog = CancelDialog(sub, self)
        sub_id, session = sub.id, self._session

        def confirmed() -> None:
            refund = dialog.refund.isChecked()
            self._actions.run(
                lambda: session.subscriptions.cancel(sub_id, refund=refund).value,
                lambda done: self._done(sub, self._cancel_summary(done)),
                self._refused,
            )
            self._update_actions()

        dialog.accepted.connect(confirmed)
        self.cancel_dialog = dialog
        dialog.open()
        return dialog

    @staticmethod
    def _cancel_summary(done: Cancellation) -> str:
        note = done.credit_note
        refund = (
            translate("SubscriptionsPage", "; credit note {number}").format(number=note.number)
            if note is not None
            else ""
        )
        return translate("SubscriptionsPage", "Subscription {id} cancelled{refund}.").format(
            id=done.subscription.id, refund=refund
        )

    def _done(self, sub: Subscription, text: str) -> None:
        self.status_message.emit(text)
        self.refresh()
        self.subscriptions_changed.emit(sub.account_id)

    def _refused(self, error: Exception) -> None:
        self._update_actions()
        show_error(self, translate("SubscriptionsPage", "The subscription was not changed"), error)
