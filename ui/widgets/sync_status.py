"""The sync's state: a run under way (`SyncRunBar`: "Sync now", its progress, Cancel)
and the status bar's word on every account (`SyncStatusLabel`: off, syncing, failed,
pending, or when it last synced), reloaded in the background whenever an operation
changes the queue."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop_admin.app import Changes, Outcome
from desktop_admin.domain.errors import DomainError
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.sync import SyncStatus
from desktop_admin.services.sync_pull import PullReport
from desktop_admin.services.sync_push import PushReport
from ui.feedback import error_sentence, show_error
from ui.formatting import counted, moment
from ui.i18n import translate
from ui.operations import Operations
from ui.tasks import TaskChannel, TaskControl, report_unexpected
from ui.widgets.basics import busy_bar, muted

#: What changes the queue: a change of users is queued in its own transaction.
QUEUE = Changes.SYNC | Changes.USERS | Changes.ASSIGNMENTS


def aware(value: datetime) -> datetime:
    """A time of the database (UTC; naive where the database keeps no zone) as aware."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def sync_state(statuses: list[SyncStatus], running: bool) -> tuple[str, str]:
    """The label's text and tooltip for the accounts' statuses (`running`: a sync of
    this window is under way)."""
    configured = [s for s in statuses if s.configured]
    if not configured:
        return translate("SyncStatus", "Sync: off"), translate(
            "SyncStatus", "No account syncs with a platform"
        )
    errors = "\n".join(s.last_error for s in configured if s.last_error)
    tip = counted(
        len(configured),
        translate("SyncStatus", "{count} account syncs with its platform"),
        translate("SyncStatus", "{count} accounts sync with their platforms"),
    )
    failed, queued = sum(s.failed for s in configured), sum(s.queued for s in configured)
    last = max((aware(s.last_sync_at) for s in configured if s.last_sync_at), default=None)
    if last is not None:
        tip += "\n" + translate("SyncStatus", "Last sync: {time}").format(time=moment(last))
    if running:
        text = translate("SyncStatus", "Sync: syncing…")
    elif failed:
        text = translate("SyncStatus", "Sync: failed {count}").format(count=failed)
    elif errors:
        text = translate("SyncStatus", "Sync: error")
    elif queued:
        text = translate("SyncStatus", "Sync: pending {count}").format(count=queued)
    elif last is not None:
        text = translate("SyncStatus", "Sync: synced at {time}").format(
            time=last.astimezone().strftime("%H:%M")
        )
    else:
        text = translate("SyncStatus", "Sync: on")
    return text, tip + (f"\n{errors}" if errors else "")


class SyncStatusLabel(QLabel):
    """The sync's state in the status bar (`set_syncing` while a run of this window goes)."""

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(translate("SyncStatus", "Sync: off"), parent)
        self.setObjectName("sync_label")
        self.setContentsMargins(8, 0, 8, 0)
        self.setToolTip(translate("SyncStatus", "No account syncs with a platform"))
        self._ops, self._running = ops, False
        self.statuses: list[SyncStatus] = []
        self._channel = ops.tasks.channel(self)
        # (Those who may not read users may not read the queue either: it stays off.)
        self._may_read = ops.session.may(Permission.READ_USERS)
        ops.operation_did_execute.connect(self._changed)
        self.reload()

    def _changed(self, changes: Changes, _initiator: object) -> None:
        if changes.touches(QUEUE):
            self.reload()

    def reload(self) -> None:
        if self._may_read:
            self._ops.query(
                self,
                lambda session: session.sync.status(),
                self._loaded,
                failed=self._failed,
                channel=self._channel,
            )

    def set_syncing(self, running: bool) -> None:
        self._running = running
        self._show()

    def _loaded(self, statuses: list[SyncStatus]) -> None:
        self.statuses = statuses
        self._show()

    def _failed(self, error: Exception) -> None:
        self.setToolTip(error_sentence(error))
        if not isinstance(error, DomainError):
            report_unexpected(error)

    def _show(self) -> None:
        text, tip = sync_state(self.statuses, self._running)
        self.setText(text)
        self.setToolTip(tip)


@dataclass(frozen=True)
class SyncRun:
    pushed: list[PushReport]
    pulled: list[PullReport]


class _Phase:
    """Which half of a run reports its progress (plain Python, set by the worker)."""

    pulling = False


class SyncRunBar(QWidget):
    """ "Sync now" (its button is the page's to enable), then the run's progress with Cancel,
    then what it did. The run goes on `channel`, in the background."""

    #: A sentence for the status bar once a run ended.
    said = Signal(str)

    def __init__(
        self, ops: Operations, channel: TaskChannel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ops, self.channel = ops, channel
        self.last_run: SyncRun | None = None
        self._stop, self._phase = threading.Event(), _Phase()
        self.sync_button = QPushButton(translate("SyncPage", "Sync now"))
        self.sync_button.setObjectName("sync_now")
        self.progress = busy_bar("sync_progress", 16)
        self.progress.setFixedWidth(240)
        self.cancel_button = QPushButton(translate("SyncPage", "Cancel"))
        self.cancel_button.setObjectName("cancel_sync")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.label = muted(QLabel())
        self.label.setObjectName("sync_progress_label")
        self.label.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.sync_button, self.progress, self.cancel_button):
            layout.addWidget(widget)
        layout.addWidget(self.label, 1)
        channel.progressed.connect(self._progressed)

    def start(self, account_id: int) -> None:
        """Push, then pull (unless cancelled meanwhile) the account's sync."""
        session, stop, phase = self._ops.session, threading.Event(), _Phase()
        self._stop, self._phase = stop, phase

        def work(control: TaskControl) -> Outcome[SyncRun]:
            def cancelled() -> bool:
                return stop.is_set() or control.cancelled

            pushed = session.sync.push(account_id, progress=control.report, cancelled=cancelled)
            if cancelled():
                return Outcome(SyncRun(pushed.value, []), pushed.changes)
            phase.pulling = True
            pulled = session.sync.pull(account_id, progress=control.report, cancelled=cancelled)
            return Outcome(SyncRun(pushed.value, pulled.value), pushed.changes | pulled.changes)

        self._running(True)
        self.label.setText(translate("SyncPage", "Sending…"))
        self._ops.run_controlled(
            self, work, self._synced, failed=self._failed, channel=self.channel
        )

    def cancel(self) -> None:
        """Stop after the requests under way; what was sent is kept."""
        if self.channel.busy:
            self._stop.set()
            self.cancel_button.setEnabled(False)
            self.label.setText(translate("SyncPage", "Stopping after the requests under way…"))

    def _running(self, running: bool) -> None:
        self.progress.setRange(0, 0)
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.sync_button.setVisible(not running)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(min(done, total))
        if not self._stop.is_set():
            text = (
                translate("SyncPage", "Reading the platform: {done} of {total}…")
                if self._phase.pulling
                else translate("SyncPage", "Sending: {done} of {total}…")
            )
            self.label.setText(text.format(done=done, total=total))

    def _synced(self, run: SyncRun) -> None:
        self._running(False)
        self.last_run = run
        if self._stop.is_set():
            said = translate("SyncPage", "Sync cancelled: what was sent is kept.")
        else:
            said = translate("SyncPage", "Synced: {sent} sent, {failed} failed, {read} read.")
        said = said.format(
            sent=sum(r.sent for r in run.pushed),
            failed=sum(r.failed for r in run.pushed),
            read=sum(r.read for r in run.pulled),
        )
        self.label.setText(said)
        self.said.emit(said)

    def _failed(self, error: Exception) -> None:
        self._running(False)
        self.label.setText(error_sentence(error))
        show_error(self, translate("SyncPage", "The sync failed"), error)
        # The run recorded its error (and what it sent before): show them.
        self._ops.notify(Changes.SYNC, self)
