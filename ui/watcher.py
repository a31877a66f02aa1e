"""Other administrators' work: the change feed, followed in a thread of its own.

Each operation anyone makes on the database leaves what it changed in the change
feed. `ChangeWatcher` waits for it (woken at once by PostgreSQL's NOTIFY; polling
every POLL_SECONDS on SQLite) and hands the changes of the others to the GUI thread,
where the window's `Operations.notify` makes the pages that show them reload, exactly
as after an operation of this window. It is a plain thread rather than a background
task, so that it never counts as work in progress (the busy indicator, waiting for
idle) while it waits.
"""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import QThread, Signal

from desktop_admin.app import Changes

log = logging.getLogger(__name__)
#: How long one wait lasts: the most a SQLite window lags, and how soon a closing
#: window's watcher stops.
POLL_SECONDS = 1.0


class ChangeFeed(Protocol):
    """What the watcher needs of the open database (`AdminApp`)."""

    def last_change(self) -> int: ...
    def changes_since(self, last: int) -> tuple[int, Changes]: ...
    def wait_for_changes(self, timeout: float) -> None: ...


class ChangeWatcher(QThread):
    #: Changes made by other applications on the database, in the GUI thread.
    changed_elsewhere = Signal(object)

    def __init__(self, feed: ChangeFeed) -> None:
        super().__init__()
        self._feed = feed

    def run(self) -> None:
        try:
            last = self._feed.last_change()
        except Exception:
            log.warning("the change feed cannot be read; other windows' work shows on Refresh")
            return
        while not self.isInterruptionRequested():
            try:
                self._feed.wait_for_changes(POLL_SECONDS)
                if self.isInterruptionRequested():
                    break
                last, changes = self._feed.changes_since(last)
            except Exception:
                log.warning("the change feed could not be read", exc_info=True)
                changes = Changes.NONE
            if changes:
                self.changed_elsewhere.emit(changes)
            for _ in range(int(POLL_SECONDS * 10)):  # a pause that a closing window cuts short
                if self.isInterruptionRequested():
                    break
                self.msleep(100)

    def stop(self) -> None:
        """Ask the thread to end, and wait for it a little: a wait on an unreachable
        server must not hold the window open (the thread then ends on its own)."""
        self.requestInterruption()
        self.wait(int(POLL_SECONDS * 3000))
