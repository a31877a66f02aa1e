"""The subscription selected on the subscriptions page: its heading, period, renewal (R09),
seats and add-ons, scheduled changes with their seat check (R15), and the buttons that act
on it (the page connects and enables them)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_admin.domain.subscriptions import Subscription
from ui.formatting import day, word
from ui.i18n import translate
from ui.models.records import SEAT_COLOURS, RecordsModel, SeatState
from ui.models.subscriptions import (
    AccountSubscriptions,
    ChangesModel,
    ItemsModel,
    change_rows,
    renewal_text,
    subscription_items,
)
from ui.widgets.basics import make_table


def small_table(model: RecordsModel[Any], widths: tuple[int, ...], name: str) -> QTableView:
    """A table to read, not to select in."""
    view = make_table(model, widths)
    view.setObjectName(name)
    view.setSelectionMode(view.SelectionMode.NoSelection)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return view


def bold_title(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class SubscriptionDetails(QWidget):
    """One subscription of the account shown, or a prompt to select one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items = ItemsModel(self)
        self.items_view = small_table(self.items, (200, 70, 70), "items_table")
        self.changes = ChangesModel(self)
        self.changes_view = small_table(self.changes, (90, 210, 70), "changes_table")

        self.heading = QLabel()
        bold = self.heading.font()
        bold.setBold(True)
        self.heading.setFont(bold)
        self.heading.setWordWrap(True)  # a long heading must not squeeze the list
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
        self.renewal_button = QPushButton(translate("SubscriptionsPage", "Stop renewal"))
        self.renewal_button.setObjectName("toggle_renewal")
        self.cancel_button = QPushButton(translate("SubscriptionsPage", "Cancel…"))
        self.cancel_button.setObjectName("cancel_subscription")

        box = QVBoxLayout(self)
        box.setContentsMargins(12, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.heading, 1)
        for button in self.buttons():
            buttons.addWidget(button)
        box.addLayout(buttons)
        box.addWidget(self.period_label)
        box.addWidget(self.renewal_label)
        box.addWidget(bold_title(translate("SubscriptionsPage", "Seats and add-ons")))
        box.addWidget(self.items_view, 3)
        box.addWidget(bold_title(translate("SubscriptionsPage", "Scheduled changes")))
        box.addWidget(self.changes_view, 2)
        box.addWidget(self.warnings_label)

    def buttons(self) -> tuple[QPushButton, QPushButton, QPushButton]:
        """Change…, Stop (or Resume) renewal, Cancel…"""
        return self.change_button, self.renewal_button, self.cancel_button

    def clear(self) -> None:
        self.heading.setText(translate("SubscriptionsPage", "Select a subscription."))
        for label in (self.period_label, self.renewal_label, self.warnings_label):
            label.clear()
        self.items.set_records([])
        self.changes.set_records([])

    def show_subscription(self, sub: Subscription, data: AccountSubscriptions, today: date) -> None:
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
            ).format(start=day(period.start), end=day(period.last_day), anchor=day(sub.anchor))
        )
        self.renewal_label.setText(renewal_text(sub, today))
        self.items.set_records(subscription_items(sub, data.catalog, data.audience))
        rows = change_rows(sub, data)
        self.changes.set_records(rows)
        warnings = [r.warning for r in rows if r.warning]
        self.warnings_label.setText(
            translate("SubscriptionsPage", "Before the date: ") + " · ".join(warnings)
            if warnings
            else ""
        )
