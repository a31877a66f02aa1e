"""The subscriptions page: an account's subscriptions; for the one selected, its seats,
add-ons, period, renewal (R09), scheduled changes with their seat check (R15); change,
stop or resume renewal, cancel (R16, R17)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_admin.app import OperatorSession
from desktop_admin.domain.accounts import Account
from desktop_admin.domain.catalog import Catalog, SeatOverflow
from desktop_admin.domain.changes import ChangeProduct, ChangeStatus, ScheduledChange
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.subscriptions import Subscription
from desktop_admin.domain.users import SeatUsage
from desktop_admin.services.cancellation import Cancellation
from desktop_admin.services.changes import renewal_deadline
from ui.account_combo import AccountCombo, account_bar
from ui.change_dialog import ChangeDialog
from ui.documents_page import amount
from ui.feedback import show_error
from ui.i18n import translate
from ui.models import CENTER, RIGHT, SEAT_COLOURS, Column, RecordsModel, SeatState
from ui.page import Page, make_table
from ui.reference import ReferenceData
from ui.tasks import BackgroundTasks


@dataclass(frozen=True)
class AccountSubscriptions:
    account_id: int
    subscriptions: list[Subscription]
    changes: dict[int, list[ScheduledChange]]
    seats: list[SeatUsage]
    catalog: Catalog


@dataclass(frozen=True)
class Item:
    """A role or an add-on of a subscription."""

    kind: str
    name: str
    quantity: int
    unit_price: str


@dataclass(frozen=True)
class ChangeRow:
    change: ScheduledChange
    text: str
    warning: str = ""


def seat_warning(
    change: ScheduledChange,
    subscription: Subscription,
    seats: Mapping[str, SeatUsage],
    catalog: Catalog,
) -> str:
    """R15, before the date: will the enabled holders fit the downgraded seats?"""
    if change.product is not ChangeProduct.ROLE or change.status is not ChangeStatus.PENDING:
        return ""
    usage = seats.get(change.code)
    if usage is None:
        return ""
    after = usage.purchased - subscription.seats.get(change.code, 0) + (change.quantity or 0)
    if usage.in_use <= after:
        return ""
    role = catalog.role(change.code)
    name = role.name if role else change.code
    text = translate(
        "SubscriptionsPage",
        "R15: {role}: {in_use} users hold the role, {after} seats after the change",
    ).format(role=name, in_use=usage.in_use, after=after)
    if role is not None and role.seat_overflow is SeatOverflow.AUTO_DISABLE:
        return text + translate(
            "SubscriptionsPage", "; {count} user(s) will be disabled by a draw"
        ).format(count=usage.in_use - after)
    return text + translate("SubscriptionsPage", "; the downgrade will be blocked")


def word(value: str) -> str:
    """A cycle, status or payment kind ("monthly", "active", "card"…) in the installed
    language; an unknown one as it is."""
    words = {
        "monthly": translate("SubscriptionsPage", "monthly"),
        "quarterly": translate("SubscriptionsPage", "quarterly"),
        "yearly": translate("SubscriptionsPage", "yearly"),
        "trial": translate("SubscriptionsPage", "trial"),
        "active": translate("SubscriptionsPage", "active"),
        "cancelled": translate("SubscriptionsPage", "cancelled"),
        "ended": translate("SubscriptionsPage", "ended"),
        "frozen": translate("SubscriptionsPage", "frozen"),
        "pending": translate("SubscriptionsPage", "pending"),
        "applied": translate("SubscriptionsPage", "applied"),
        "blocked": translate("SubscriptionsPage", "blocked"),
        "card": translate("SubscriptionsPage", "card"),
        "transfer": translate("SubscriptionsPage", "bank transfer"),
    }
    return words.get(value, value)


def renewal_text(sub: Subscription, today: date) -> str:
    if not sub.grants_seats_on(today):
        ended = sub.cancelled_on or sub.ends_on
        state = word(sub.status.value) + (
            translate("SubscriptionsPage", " since {day}").format(day=ended) if ended else ""
        )
        read_only = (
            translate("SubscriptionsPage", "; data read-only until {day}").format(
                day=sub.read_only_until
            )
            if sub.read_only_until
            else ""
        )
        return translate("SubscriptionsPage", "No renewal: the subscription is {state}.").format(
            state=state + read_only
        )
    period = sub.current_period(today)
    end = sub.billed_through or period.end
    if not sub.auto_renew:
        return translate(
            "SubscriptionsPage", "Renewal stopped: the subscription ends on {day}."
        ).format(day=end)
    deadline = renewal_deadline(sub, today)
    if today > deadline:
        return translate(
            "SubscriptionsPage",
            "Renews on {day}. The deadline to stop renewal was {deadline} (R09).",
        ).format(day=end, deadline=deadline)
    return translate(
        "SubscriptionsPage", "Renews on {day}. Renewal can be stopped until {deadline} (R09)."
    ).format(day=end, deadline=deadline)


class SubscriptionsModel(RecordsModel[Subscription]):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = (
            Column[Subscription]("#", lambda s: str(s.id), RIGHT),
            Column[Subscription](
                QT_TRANSLATE_NOOP("Models", "Cycle"), lambda s: word(s.cycle.value).capitalize()
            ),
            Column[Subscription](
                QT_TRANSLATE_NOOP("Models", "Status"), lambda s: word(s.status.value)
            ),
            Column[Subscription](
                QT_TRANSLATE_NOOP("Models", "Started"), lambda s: str(s.anchor), CENTER
            ),
            Column[Subscription](
                QT_TRANSLATE_NOOP("Models", "Renewal"),
                lambda s: (
                    (
                        translate("SubscriptionsPage", "auto")
                        if s.auto_renew
                        else translate("SubscriptionsPage", "stopped")
                    )
                    if s.grants_seats_on(today)
                    else "—"
                ),
                CENTER,
            ),
        )


class ItemsModel(RecordsModel[Item]):
    columns = (
        Column[Item](QT_TRANSLATE_NOOP("Models", "Item"), lambda i: i.name),
        Column[Item](QT_TRANSLATE_NOOP("Models", "Kind"), lambda i: i.kind),
        Column[Item](QT_TRANSLATE_NOOP("Models", "Quantity"), lambda i: str(i.quantity), RIGHT),
        Column[Item](QT_TRANSLATE_NOOP("Models", "Unit price"), lambda i: i.unit_price, RIGHT),
    )


class ChangesModel(RecordsModel[ChangeRow]):
    columns = (
        Column[ChangeRow](
            QT_TRANSLATE_NOOP("Models", "On"), lambda r: str(r.change.effective_on), CENTER
        ),
        Column[ChangeRow](QT_TRANSLATE_NOOP("Models", "Change"), lambda r: r.text),
        Column[ChangeRow](
            QT_TRANSLATE_NOOP("Models", "Status"), lambda r: word(r.change.status.value)
        ),
        Column[ChangeRow](
            QT_TRANSLATE_NOOP("Models", "Seat check"),
            lambda r: r.warning,
            tooltip=lambda r: r.warning,
        ),
    )

    def decoration(self, record: ChangeRow, column: int, role: int) -> object:
        if not record.warning:
            return None
        background, text = SEAT_COLOURS[SeatState.OVER_ASSIGNED]
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor(background)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(text)
        return None


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
        self.items = ItemsModel(self)
        self.items_view = self._small_table(self.items, (200, 70, 70), "items_table")
        self.changes = ChangesModel(self)
        self.changes_view = self._small_table(self.changes, (90, 210, 70), "changes_table")

        self.heading = QLabel()
        bold = self.heading.font()
        bold.setBold(True)
        self.heading.setFont(bold)
        self.period_label = QLabel()
        self.period_label.setObjectName("period")
        self.renewal_label = QLabel()
        self.renewal_label.setObjectName("renewal")
        self.renewal_label.setWordWrap(True)
        self.warnings_label = QLabel()
        self.warnings_label.setObjectName("seat_warnings")
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setStyleSheet(
            f"color: {SEAT_COLOURS[SeatState.OVER_ASSIGNED][1].name()};"
        )

        self.change_button = QPushButton(translate("SubscriptionsPage", "Change…"))
        self.change_button.setObjectName("change_subscription")
        self.change_button.clicked.connect(self.open_change)
        self.renewal_button = QPushButton(translate("SubscriptionsPage", "Stop renewal"))
        self.renewal_button.setObjectName("toggle_renewal")
        self.renewal_button.clicked.connect(self.toggle_renewal)
        self.cancel_button = QPushButton(translate("SubscriptionsPage", "Cancel…"))
        self.cancel_button.setObjectName("cancel_subscription")
        self.cancel_button.clicked.connect(self.open_cancel)
        if not self.may_manage:
            refusal = translate(
                "SubscriptionsPage", "{role}s may not change subscriptions."
            ).format(role=session.operator.role.label)
            for button in (self.change_button, self.renewal_button, self.cancel_button):
                button.setToolTip(refusal)
        self._layout()
        self._show_selected()

    @staticmethod
    def _small_table(model: RecordsModel[Any], widths: tuple[int, ...], name: str) -> QTableView:
        view = make_table(model, widths)
        view.setObjectName(name)
        view.setSelectionMode(view.SelectionMode.NoSelection)
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return view

    def _layout(self) -> None:
        self.body.addLayout(
            account_bar(translate("SubscriptionsPage", "Account:"), self.account_combo)
        )
        details = QWidget()
        box = QVBoxLayout(details)
        box.setContentsMargins(12, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.heading, 1)
        for button in (self.change_button, self.renewal_button, self.cancel_button):
            buttons.addWidget(button)
        box.addLayout(buttons)
        box.addWidget(self.period_label)
        box.addWidget(self.renewal_label)
        box.addWidget(self._title(translate("SubscriptionsPage", "Seats and add-ons")))
        box.addWidget(self.items_view, 3)
        box.addWidget(self._title(translate("SubscriptionsPage", "Scheduled changes")))
        box.addWidget(self.changes_view, 2)
        box.addWidget(self.warnings_label)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(details)
        self.heading.setWordWrap(True)  # a long heading must not squeeze the list
        self.table.setMinimumWidth(self.table.horizontalHeader().length() + 24)
        splitter.setSizes([420, 680])
        self.body.addWidget(splitter, 1)

    @staticmethod
    def _title(text: str) -> QLabel:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

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
            subscriptions = session.subscriptions(account_id)
            return AccountSubscriptions(
                account_id,
                subscriptions,
                {s.id: session.scheduled_changes(s.id) for s in subscriptions if s.id},
                session.seats(account_id),
                session.catalog(),
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
        sub, data, today = self.selected(), self._data, self._session.today
        if sub is None or data is None:
            self.heading.setText(translate("SubscriptionsPage", "Select a subscription."))
            for label in (self.period_label, self.renewal_label, self.warnings_label):
                label.clear()
            self.items.set_records([])
            self.changes.set_records([])
            self._update_actions()
            return
        self.heading.setText(
            translate(
                "SubscriptionsPage", "Subscription {id} · {cycle} · {status} · paid by {payment}"
            ).format(
                id=sub.id,
                cycle=word(sub.cycle.value),
                status=word(sub.status.value),
                payment=word(sub.payment_kind),
            )
        )
        period = sub.current_period(today)
        self.period_label.setText(
            translate(
                "SubscriptionsPage", "Current period {start} – {end} (started {anchor})."
            ).format(start=period.start, end=period.last_day, anchor=sub.anchor)
        )
        self.renewal_label.setText(renewal_text(sub, today))
        self.items.set_records(self._items(sub, data.catalog))
        seats = {s.code: s for s in data.seats}
        names = {r.code: r.name for r in data.catalog.roles} | {
            a.code: a.name for a in data.catalog.addons
        }
        rows = [
            ChangeRow(
                c,
                c.describe(names) + (f" ({c.note})" if c.note else ""),
                seat_warning(c, sub, seats, data.catalog),
            )
            for c in data.changes.get(sub.id or 0, [])
        ]
        self.changes.set_records(rows)
        warnings = [r.warning for r in rows if r.warning]
        self.warnings_label.setText(
            translate("SubscriptionsPage", "Before the date: ") + " · ".join(warnings)
            if warnings
            else ""
        )
        self._update_actions()

    @staticmethod
    def _items(sub: Subscription, catalog: Catalog) -> list[Item]:
        items = []
        for code, n in sorted(sub.seats.items()):
            role = catalog.role(code)
            price = sub.seat_prices.get(code)
            items.append(
                Item(
                    translate("SubscriptionsPage", "Role"),
                    role.name if role else code,
                    n,
                    amount(price) if price else "—",
                )
            )
        for code, n in sorted(sub.addons.items()):
            addon = catalog.addon(code)
            price = sub.addon_prices.get(code)
            items.append(
                Item(
                    translate("SubscriptionsPage", "Add-on"),
                    addon.name if addon else code,
                    n,
                    amount(price) if price else "—",
                )
            )
        return items

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
            lambda: session.set_auto_renew(sub_id, renew),
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
                lambda: session.cancel(sub_id, refund),
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
