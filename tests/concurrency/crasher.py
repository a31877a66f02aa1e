"""A `desktop-admin` process that kills itself (SIGKILL) at a chosen point.

    python -m tests.concurrency.crasher POINT N ARG...

POINT is where to count, N which occurrence kills (1 is the first):

- `statement`: before the N-th SQL statement sent to the database;
- `commit`: before the N-th commit reaches the database;
- `committed`: right after the N-th commit;
- `write`: in the middle of the N-th file written (half of its bytes on disk);
- `rename`: before the N-th file is renamed into place.

The application has no hook for this: the points are taken from outside, through
SQLAlchemy's engine events and by wrapping the standard library's file calls, so the
process dies exactly as a power cut or `kill -9` would take it there.
"""

from __future__ import annotations

import builtins
import io
import os
import signal
import sys
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from desktop_admin.cli.main import main


def die() -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


class Countdown:
    """Counts the points passed; `count` as POINT kills nothing and prints the counts."""

    def __init__(self, point: str, n: int) -> None:
        self.point, self.left = point, n
        self.seen: dict[str, int] = {}

    def at(self, point: str) -> None:
        self.seen[point] = self.seen.get(point, 0) + 1
        if point == self.point:
            self.left -= 1
            if self.left == 0:
                die()


def arm(countdown: Countdown) -> None:
    def statement(*_: Any) -> None:
        countdown.at("statement")

    def commit(*_: Any) -> None:
        countdown.at("commit")

    def committed(*_: Any) -> None:
        countdown.at("committed")

    event.listen(Engine, "before_cursor_execute", statement)
    event.listen(Engine, "commit", commit)
    event.listen(Session, "after_commit", committed)

    real_replace = os.replace

    def replace(source: Any, target: Any, *args: Any, **kwargs: Any) -> None:
        countdown.at("rename")
        real_replace(source, target, *args, **kwargs)

    os.replace = replace  # type: ignore[assignment]

    real_open = builtins.open

    def open_(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        opened = real_open(file, mode, *args, **kwargs)
        writing = any(flag in mode for flag in "wax+")
        return HalfWriter(opened, countdown) if writing and countdown.point == "write" else opened

    builtins.open = open_  # type: ignore[assignment]
    io.open = open_  # type: ignore[assignment]


class HalfWriter:
    """A file opened for writing whose N-th write puts half its bytes on disk and dies."""

    def __init__(self, file: Any, countdown: Countdown) -> None:
        self._file, self._countdown = file, countdown

    def write(self, data: Any) -> int:
        if self._countdown.left == 1 and len(data) > 1:
            self._file.write(data[: len(data) // 2])
            self._file.flush()
            os.fsync(self._file.fileno())
            die()
        self._countdown.at("write")
        return int(self._file.write(data))

    def __enter__(self) -> HalfWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._file, name)


if __name__ == "__main__":
    point, n, *argv = sys.argv[1:]
    countdown = Countdown(point, int(n))
    arm(countdown)
    code = main(argv)
    if point == "count":
        print(" ".join(f"{k}={v}" for k, v in sorted(countdown.seen.items())), file=sys.stderr)
    sys.stdout.flush()
    sys.exit(code)
