"""What the pages of the main window share: a header, lazy loading, reloading after the
operations that change what they show, the account bar of the pages about one account,
table set-up."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop_admin.app import Changes, OperatorSession, Outcome
from ui.operations import Operations
from ui.reference import ReferenceData
from ui.tasks import TaskChannel
from ui.widgets.account_combo import AccountCombo, account_bar
from ui.widgets.basics import bold_label, muted


class Page(QWidget):
    """One page of the main window.

    A page loads its data the first time it is shown and again whenever it was
    marked stale, so hidden pages cost nothing. It is marked stale when an operation
    changed a part of the data it `shows` (`Operations.operation_did_execute`).
    Subclasses implement `refresh`; `is_loading` counts the channels made by `channel`.
    """

    #: The parts of the data the page shows: an operation that changes one reloads it.
    shows = Changes.NONE
    #: A short sentence for the status bar ("3 users disabled").
    status_message = Signal(str)

    def __init__(
        self, title: str, subtitle: str, ops: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._stale = True
        self._ops, self._session, self._tasks = ops, ops.session, ops.tasks
        self._channels: list[TaskChannel] = []
        ops.operation_did_execute.connect(self.on_operation_did_execute)
        self.title = title
        heading = bold_label(title, 1.5)
        heading.setObjectName("page_title")
        self.subtitle = QLabel(subtitle)
        self.subtitle.setObjectName("page_subtitle")
        self.subtitle.setWordWrap(True)
        muted(self.subtitle)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(16, 12, 16, 8)
        self.body.setSpacing(8)
        self.body.addWidget(heading)
        self.body.addWidget(self.subtitle)

    def operate(
        self,
        op: Callable[[OperatorSession], Outcome[object]],
        said: str,
        *,
        failed: str,
        channel: TaskChannel,
    ) -> None:
        """Make the operation `op` in the background; once done, say `said` in the
        status bar (the pages it touched reload from `operation_did_execute`)."""
        self._ops.run(self, op, lambda _value: self.status_message.emit(said), failed=failed,
                      channel=channel)  # fmt: skip

    def activate(self) -> None:
        """Called when the page is shown: load if never loaded or stale."""
        if self._stale:
            self._stale = False
            self.refresh()

    def mark_stale(self) -> None:
        """What the page shows changed: reload now if visible, else when next shown."""
        self._stale = True
        if self.isVisible():
            self.activate()

    def refresh(self) -> None:
        """Reload the page's data in the background."""

    def on_operation_did_execute(self, changes: Changes, initiator: object) -> None:
        """An operation (asked for by `initiator`) changed `changes`: reload if the page
        shows any of them. A page that already shows the result may skip its own."""
        if changes.touches(self.shows):
            self.mark_stale()

    def channel(self) -> TaskChannel:
        """A new channel for the page's background work, counted by `is_loading`."""
        channel = self._tasks.channel(self)
        self._channels.append(channel)
        return channel

    def is_loading(self) -> bool:
        """Whether the page still has work under way (a subclass adds what it debounces)."""
        return any(channel.busy for channel in self._channels)


class AccountPage(Page):
    """A page about one account at a time, chosen in the account selector at its top.

    `refresh` loads the account selected (`load`) on the `rows` channel, or shows
    nothing (`clear`) when there is no account.
    """

    def __init__(
        self,
        title: str,
        subtitle: str,
        ops: Operations,
        reference: ReferenceData,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, subtitle, ops, parent)
        self._reference = reference
        self.rows = self.channel()
        self.account_combo = AccountCombo(reference)
        self.account_combo.account_changed.connect(self.mark_stale)

    def account_bar(self, label: str) -> QHBoxLayout:
        """The bar at the top, with the selector (the page adds its buttons at its end)."""
        return account_bar(label, self.account_combo)

    def current_account_id(self) -> int | None:
        return self.account_combo.account_id()

    def select_account(self, account_id: int) -> None:
        self.account_combo.select_account(account_id)

    def refresh(self) -> None:
        account_id = self.current_account_id()
        if account_id is None:
            self.rows.cancel()
            self.clear()
        else:
            self.load(account_id)

    def load(self, account_id: int) -> None:
        """Load what the page shows of the account, on `rows`."""

    def clear(self) -> None:
        """Show that there is no account."""
