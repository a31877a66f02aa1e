"""Background work (architecture rule 6): the GUI thread never waits on the database.

A callable runs on a `QThreadPool`; its result or its exception comes back to the
GUI thread through a queued signal. Work is grouped in channels: a channel stands
for one purpose (say, "the rows of the users table"), and starting a task on it
makes every earlier unfinished task of that channel stale. A stale task still runs
to its end (Python threads cannot be killed) but its outcome is dropped, so a slow
answer to an old search never overwrites the answer to the new one.

Work that takes long can accept a `TaskControl` to report progress and to notice
that it was cancelled.
"""

from __future__ import annotations

import itertools
import sys
import threading
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, SignalInstance, Slot

T = TypeVar("T")

ResultHandler = Callable[[Any], None]
ErrorHandler = Callable[[Exception], None]
#: Told the result (or None) and the exception (or None) of work that ended.
EndHandler = Callable[[object, object], None]


class Cancelled(Exception):
    """Raised by `TaskControl.check()` inside work that was cancelled meanwhile."""


class TaskControl:
    """What running work may consult: whether it was cancelled, where to report progress."""

    def __init__(self, report: Callable[[int, int], None]) -> None:
        self._report = report
        self._cancelled = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        self._cancelled.set()

    def check(self) -> None:
        """Stop the work (by raising `Cancelled`) if it was cancelled."""
        if self._cancelled.is_set():
            raise Cancelled

    def report(self, done: int, total: int) -> None:
        """Tell the GUI how far the work is; `total` 0 means unknown."""
        if not self._cancelled.is_set():
            self._report(done, total)


class BackgroundTasks(QObject):
    """The thread pool of one window, and how many of its tasks are still running.

    `busy` counts stale tasks too, until they end: when it turns false nothing of
    this window touches the database any more.

    Worker threads never hold a Qt object: outcomes travel through this object's
    signals to the channel, found by its number, in the GUI thread. (A Qt object
    whose last reference drops in a worker thread is deleted there, and crashes.)
    So `work` must capture plain Python objects only: the session, ids, text.
    """

    busy_changed = Signal(bool)
    _finished = Signal(int, int, object, object)
    _progress = Signal(int, int, int, int)

    def __init__(self, max_threads: int = 4, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._in_flight = 0
        self._channels: weakref.WeakValueDictionary[int, TaskChannel] = (
            weakref.WeakValueDictionary()
        )
        self._next_channel = itertools.count(1)
        #: Whom to tell when a task ends, by (channel, generation), whatever became of
        #: its channel: plain callables, kept in the GUI thread.
        self._endings: dict[tuple[int, int], EndHandler] = {}
        self._finished.connect(self._on_finished)
        self._progress.connect(self._on_progress)

    @property
    def busy(self) -> bool:
        return self._in_flight > 0

    def channel(self, parent: QObject | None = None) -> TaskChannel:
        """A new channel whose tasks run on this pool."""
        return TaskChannel(self, parent)

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until every task ended: only for shutting down, never in a running UI."""
        return bool(self._pool.waitForDone(msecs))

    def _register(self, channel: TaskChannel) -> int:
        key = next(self._next_channel)
        self._channels[key] = channel
        return key

    def _start(
        self,
        channel: int,
        generation: int,
        work: Callable[[TaskControl], object],
        on_end: EndHandler | None = None,
    ) -> TaskControl:
        control = TaskControl(
            lambda done, total: self._progress.emit(channel, generation, done, total)
        )
        if on_end is not None:
            self._endings[(channel, generation)] = on_end
        self._in_flight += 1
        if self._in_flight == 1:
            self.busy_changed.emit(True)
        self._pool.start(_Runnable(work, control, channel, generation, self._finished))
        return control

    def _receiver(self, channel: int) -> TaskChannel | None:
        """The channel, unless it is gone: its Python side may outlive its Qt side (say,
        kept by a reference cycle after its window was deleted)."""
        receiver = self._channels.get(channel)
        return receiver if receiver is not None and shiboken6.isValid(receiver) else None

    @Slot(int, int, object, object)
    def _on_finished(self, channel: int, generation: int, result: object, error: object) -> None:
        try:
            ending = self._endings.pop((channel, generation), None)
            if ending is not None:
                ending(result, error)
            receiver = self._receiver(channel)
            if receiver is not None:
                receiver._deliver(generation, result, error)
        finally:
            # Counted idle only now, so that the handlers may start new work first.
            self._in_flight -= 1
            if self._in_flight == 0:
                self.busy_changed.emit(False)

    @Slot(int, int, int, int)
    def _on_progress(self, channel: int, generation: int, done: int, total: int) -> None:
        receiver = self._receiver(channel)
        if receiver is not None:
            receiver._deliver_progress(generation, done, total)


class TaskChannel(QObject):
    """A stream of tasks of one purpose in which only the latest one counts.

    Keep the channel (give it a parent, or hold it): the outcome of a task whose
    channel is gone is dropped.
    """

    #: done, total (0: unknown) reported by the current task.
    progressed = Signal(int, int)
    #: True while the current task runs.
    busy_changed = Signal(bool)

    def __init__(self, tasks: BackgroundTasks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._key = tasks._register(self)
        self._generation = 0
        self._busy = False
        self._control: TaskControl | None = None
        self._handlers: tuple[ResultHandler, ErrorHandler] | None = None
        # When the channel goes (its window closed), its running work is told to stop:
        # the task's control is kept where the destroyed handler can reach it without
        # touching the deleted channel.
        current = self._current = _CurrentControl()
        self.destroyed.connect(lambda *_: current.cancel())

    @property
    def busy(self) -> bool:
        """Whether the current (not stale) task is still running."""
        return self._busy

    @property
    def generation(self) -> int:
        return self._generation

    def run(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: ErrorHandler | None = None,
        *,
        on_end: EndHandler | None = None,
    ) -> int:
        """Run `work()` in the background; `on_done(result)` or `on_error(exception)`
        is called in the GUI thread unless another task was started meanwhile.

        `on_end(result, error)` is called in the GUI thread when the work ends, even if
        the task went stale or the channel is gone meanwhile (before `on_done`): for what
        must be known whoever asked, such as what an operation changed."""
        return self.run_controlled(lambda _control: work(), on_done, on_error, on_end=on_end)

    def run_controlled(
        self,
        work: Callable[[TaskControl], T],
        on_done: Callable[[T], None],
        on_error: ErrorHandler | None = None,
        *,
        on_end: EndHandler | None = None,
    ) -> int:
        """Like `run`, but `work` receives a `TaskControl` for progress and cancelling."""
        self._drop_current()
        self._generation += 1
        self._handlers = (on_done, on_error or report_unexpected)
        self._set_busy(True)
        self._control = self._tasks._start(self._key, self._generation, work, on_end)
        self._current.control = self._control
        return self._generation

    def cancel(self) -> None:
        """Drop the current task's outcome and ask its work to stop."""
        self._drop_current()
        self._generation += 1
        self._set_busy(False)

    def _drop_current(self) -> None:
        if self._control is not None:
            self._control.cancel()
        self._control, self._handlers = None, None

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    def _deliver(self, generation: int, result: object, error: object) -> None:
        if generation != self._generation or self._handlers is None:
            return
        on_done, on_error = self._handlers
        self._control, self._handlers = None, None
        self._set_busy(False)
        if isinstance(error, Cancelled):
            return
        if isinstance(error, Exception):
            on_error(error)
        else:
            on_done(result)

    def _deliver_progress(self, generation: int, done: int, total: int) -> None:
        if generation == self._generation:
            self.progressed.emit(done, total)


class _CurrentControl:
    """The control of a channel's current task (plain Python: it outlives the channel)."""

    def __init__(self) -> None:
        self.control: TaskControl | None = None

    def cancel(self) -> None:
        if self.control is not None:
            self.control.cancel()


class _Runnable(QRunnable):
    """Runs the work on a pool thread and posts the outcome to the GUI thread."""

    def __init__(
        self,
        work: Callable[[TaskControl], object],
        control: TaskControl,
        channel: int,
        generation: int,
        finished: SignalInstance,
    ) -> None:
        super().__init__()
        self._work, self._control = work, control
        self._channel, self._generation, self._finished = channel, generation, finished

    def run(self) -> None:
        result: object = None
        error: Exception | None = None
        try:
            self._control.check()
            result = self._work(self._control)
        except Exception as exc:
            error = exc
        self._finished.emit(self._channel, self._generation, result, error)


def report_unexpected(error: Exception) -> None:
    """The default error handler: a bug, shown like any uncaught exception."""
    sys.excepthook(type(error), error, error.__traceback__)
