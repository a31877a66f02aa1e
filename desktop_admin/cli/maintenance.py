"""`desktop-admin backup FILE` and `desktop-admin restore FILE`."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_admin.app import AdminApp
from desktop_admin.cli import output as out
from desktop_admin.cli.auth import login


def backup(app: AdminApp, args: argparse.Namespace) -> int:
    made = login(app, args).database.backup(Path(args.file)).value
    text = f"Backup written: {made.file} ({made.size:,} bytes, readable by you only)."
    return out.say(args, {"file": str(made.file), "bytes": made.size}, text)


def restore(app: AdminApp, args: argparse.Namespace) -> int:
    done = login(app, args).database.restore(Path(args.file)).value
    text = f"Database restored from {done.file}."
    return out.say(args, {"file": str(done.file), "schema": done.revision}, text)
