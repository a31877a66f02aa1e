"""The log file: where unexpected errors leave their details for support.

A rotating file in the user log folder (`~/.local/state/seat-desk/log/` on Linux),
readable by its owner only. Database errors reach it without their SQL parameters
(the engine hides them), so it holds no password, token or card data.
"""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

from platformdirs import user_log_path

LOGGER = "desktop_admin"


def log_file() -> Path:
    """The log file, its handler installed on first use."""
    logger = logging.getLogger(LOGGER)
    for handler in logger.handlers:
        if isinstance(handler, RotatingFileHandler):
            return Path(handler.baseFilename)
    folder = user_log_path("seat-desk", appauthor=False)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / "seat-desk.log"
    if not path.exists():
        path.touch(mode=0o600)
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    os.chmod(path, 0o600)
    return path
