"""One racing `desktop-admin` process: imports everything, waits at the start line,
then runs the command line's `main` with its arguments and exits with its status.

    python -m tests.concurrency.racer START_FILE ARG...

The start line is a file: every racer polls for it, so all of them are ready (the
interpreter started, the application imported) before the harness creates it, and
they leave it within a millisecond of one another: a barrier, not a sleep.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from desktop_admin.cli.main import main


def wait_for(start: Path, ready: Path) -> None:
    ready.touch()
    deadline = time.monotonic() + 60
    while not start.exists():
        if time.monotonic() > deadline:
            raise SystemExit("the race never started")
        time.sleep(0.0005)


if __name__ == "__main__":
    start_file, *argv = sys.argv[1:]
    start = Path(start_file)
    wait_for(start, start.with_name(f"ready-{time.monotonic_ns()}-{id(start)}"))
    sys.exit(main(argv))
