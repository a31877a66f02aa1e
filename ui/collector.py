"""Python's cyclic garbage collector, run in the GUI thread only.

The collector runs in whichever thread happens to allocate when a threshold is
reached, so with a thread pool it may run in a worker thread; if it then frees a
widget caught in a reference cycle (a lambda connected to a signal is enough),
Qt deletes the widget outside the GUI thread and the process crashes. As in
qutebrowser and Anki, automatic collection is turned off and a timer in the GUI
thread collects instead, generation by generation as the thresholds say.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadGarbageCollector(QObject):
    """While started, cyclic garbage is collected in the GUI thread, on a timer."""

    def __init__(self, interval_ms: int = 1000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_due)

    def start(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        """Collect everything now and give collection back to Python."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()

    def collect_due(self) -> int:
        """Collect the oldest generation whose count passed its threshold; objects freed."""
        due = [
            generation
            for generation, (count, threshold) in enumerate(
                zip(gc.get_count(), self._thresholds, strict=True)
            )
            if threshold and count > threshold
        ]
        return gc.collect(due[-1]) if due else 0
