"""Exporting the users of the users page's filter as CSV (in the background)."""

from __future__ import annotations

from pathlib import Path

from desktop_admin.app import OperatorSession
from desktop_admin.domain.users import UserQuery
from desktop_admin.files import write_atomically


def write_export(session: OperatorSession, query: UserQuery, path: str) -> int:
    """Write the CSV of the query's users, in its order, to `path` (runs in the
    background); the number of users written."""
    text = session.users.export_csv(query)
    write_atomically(Path(path), text.encode("utf-8-sig"))  # the mark spreadsheets read
    return max(text.count("\n") - 1, 0)
