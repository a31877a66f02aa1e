"""Files the application writes, written so that a crash never leaves half of one.

Every file (a PDF, an export, a backup) is written to a temporary file in the same
folder, flushed to the disk and renamed over its name in one step: after a crash or a
power cut the name holds the old file or the new one, never an empty or cut one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

#: Owner-only, for files that hold personal data or password hashes.
PRIVATE = 0o600


def write_atomically(path: Path, data: bytes, mode: int = 0o644) -> Path:
    """Write `data` as `path` (replacing it whole) with the permission bits `mode`."""
    return fill_atomically(path, lambda target: target.write_bytes(data), mode)


def fill_atomically(path: Path, fill: Callable[[Path], object], mode: int = 0o644) -> Path:
    """Let `fill(temporary)` write a temporary file beside `path`, then make it `path`.

    The temporary file is created with `mode` from the start (never wider), synced,
    renamed over `path`, and the folder is synced so that the rename survives a power
    cut. If `fill` raises, the temporary file goes and `path` is left as it was.
    """
    path = Path(path)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    temporary = Path(name)
    try:
        os.fchmod(handle, mode)
        os.close(handle)
        fill(temporary)
        with open(temporary, "rb+") as written:
            os.fsync(written.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)
    return path


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every system can open a folder to sync it
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
