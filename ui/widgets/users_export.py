"""Exporting the users of the users page's filter as CSV (in the background)."""

from __future__ import annotations

from pathlib import Path

from desktop_admin.app import OperatorSession
from desktop_admin.domain.users_csv import write_users_csv
from ui.models.users import UserFilter

#: Users read per call when exporting a filter the facade's export cannot express.
EXPORT_BATCH = 2000


def export_filtered(session: OperatorSession, f: UserFilter, sort: str, descending: bool) -> str:
    """The CSV of the users of a filter, in the table's order (runs in the background)."""
    if f.enabled is None and not f.role:
        return session.users.export_csv(f.account_id, search=f.search)
    ids = session.users.ids(
        f.account_id,
        search=f.search,
        enabled=f.enabled,
        role=f.role,
        sort=sort,
        descending=descending,
    )
    users = []
    for start in range(0, len(ids), EXPORT_BATCH):
        users += session.users.by_ids(ids[start : start + EXPORT_BATCH])
    return write_users_csv(users)


def write_export(session: OperatorSession, f: UserFilter, sort: str, desc: bool, path: str) -> int:
    """Write the CSV of a filter to `path`; the number of users written."""
    text = export_filtered(session, f, sort, desc)
    Path(path).write_text(text, encoding="utf-8", newline="")
    return max(text.count("\n") - 1, 0)
