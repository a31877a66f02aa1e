"""The Qt binding itself: a version that corrupts reference counts must not ship."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from PySide6.QtCore import QObject, Signal

class Probe(QObject):
    ping = Signal(int)

probe = Probe()
before = sys.getrefcount(True)
for n in range(5000):
    probe.ping.emit(n)
print(sys.getrefcount(True) - before)
"""


def test_emitting_signals_keeps_reference_counts_intact() -> None:
    # PySide6 6.12.0 drops a reference to True on every emit and aborts the interpreter
    # ("bool_dealloc") after a few thousand: pyproject.toml keeps it out.
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert abs(int(done.stdout.strip())) < 50, done.stdout
