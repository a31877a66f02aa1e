"""Operations: how the window changes data, and how every page learns what changed
(architecture rule 7).

An operation is a call of a session area that writes: it returns an `Outcome`, its
value and the `Changes` it made. `Operations.run` makes it in the background, on the
window's `BackgroundTasks`; back in the GUI thread it emits the one signal
`operation_did_execute(changes, initiator)`, then calls the success callback with the
outcome's value, or shows the failure in the service's own sentence (or hands it to a
failure callback). The signal goes out even if whoever asked is gone or asked again
meanwhile: the data changed all the same.

Every page listens to that signal and reloads what it shows when the changes touch it,
at once if it is shown, else when it is next shown; nobody wires "after X, refresh Y".
The initiator (the page or dialog that asked) may skip a reload it already did. Reads
go through `query`, which reports failures the same way and emits nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop_admin.app import Changes, OperatorSession, Outcome
from desktop_admin.domain.errors import ConflictError
from desktop_admin.domain.outcome import EVERYTHING
from ui.feedback import show_error
from ui.tasks import BackgroundTasks, TaskChannel, TaskControl

T = TypeVar("T")

#: What to do when an operation or a read fails: a callback, or the title of the box
#: that shows the service's sentence over the initiator.
Failure = str | Callable[[Exception], None]


class Operations(QObject):
    """The one way the window runs operations and reads, owned by the main window."""

    #: An operation succeeded (or changes were made elsewhere): the `Changes`, and the
    #: page or dialog that asked for it (None when nobody here did).
    operation_did_execute = Signal(object, object)

    def __init__(
        self, session: OperatorSession, tasks: BackgroundTasks, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.session, self.tasks = session, tasks

    def run(
        self,
        initiator: QObject,
        op: Callable[[OperatorSession], Outcome[T]],
        on_done: Callable[[T], None] | None = None,
        *,
        failed: Failure,
        channel: TaskChannel,
    ) -> None:
        """Make `op(session)` on `channel` (whose `busy` says it runs); `on_done(value)`
        in the GUI thread once `operation_did_execute` went out."""
        session = self.session
        self.run_controlled(
            initiator, lambda _control: op(session), on_done, failed=failed, channel=channel
        )

    def run_controlled(
        self,
        initiator: QObject,
        work: Callable[[TaskControl], Outcome[T]],
        on_done: Callable[[T], None] | None = None,
        *,
        failed: Failure,
        channel: TaskChannel,
    ) -> None:
        """Like `run`, for work that reports progress or may be cancelled through its
        `TaskControl` (the work captures the session itself)."""

        def ended(result: object, error: object) -> None:
            # (A window closed meanwhile has no pages left to tell.)
            if not shiboken6.isValid(self):
                return
            if error is None and isinstance(result, Outcome):
                self.operation_did_execute.emit(result.changes, initiator)
            elif isinstance(error, ConflictError):
                # Someone else saved first: show their version (the refusal says who).
                self.operation_did_execute.emit(EVERYTHING, None)

        def done(outcome: Outcome[T]) -> None:
            if on_done is not None:
                on_done(outcome.value)

        channel.run_controlled(work, done, failure(initiator, failed), on_end=ended)

    def query(
        self,
        initiator: QObject,
        read: Callable[[OperatorSession], T],
        on_done: Callable[[T], None],
        *,
        failed: Failure,
        channel: TaskChannel,
    ) -> None:
        """Read `read(session)` on `channel`; `on_done(result)` in the GUI thread."""
        session = self.session
        channel.run(lambda: read(session), on_done, failure(initiator, failed))

    def notify(self, changes: Changes, initiator: object = None) -> None:
        """Changes made elsewhere (File > Refresh says `EVERYTHING` may have): the pages
        that show them reload, as after an operation."""
        self.operation_did_execute.emit(changes, initiator)


def failure(initiator: QObject, failed: Failure) -> Callable[[Exception], None]:
    """The failure callback, or one showing the error under the title `failed`."""
    if callable(failed):
        return failed
    parent = initiator if isinstance(initiator, QWidget) else None

    def show(error: Exception) -> None:
        show_error(parent, failed, error)

    return show
