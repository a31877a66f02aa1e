"""The audit trail as a CSV file a spreadsheet opens: what the page's filters select,
every entry (not only those shown), in words, with local times it reads as dates."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from desktop_admin.app import OperatorSession
from desktop_admin.domain.audit import AuditEntry
from desktop_admin.files import write_atomically
from ui.audit_words import action_words, record_words
from ui.i18n import translate
from ui.models.records import audit_changes
from ui.widgets.audit_filters import AuditCriteria

#: Entries read at a time.
PAGE = 2000


def write_audit_csv(
    session: OperatorSession,
    criteria: AuditCriteria,
    path: str,
    cancelled: Callable[[], bool] = lambda: False,
) -> int:
    """Write the selected entries to `path`, newest first (runs in the background);
    the number written."""
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\r\n")
    out.writerow(
        [
            translate("AuditPage", "When"),
            translate("AuditPage", "Who"),
            translate("AuditPage", "What"),
            translate("AuditPage", "Action code"),
            translate("AuditPage", "Record"),
            translate("AuditPage", "Record id"),
            translate("AuditPage", "Changes"),
        ]
    )
    count, before = 0, None
    while not cancelled():
        entries: list[AuditEntry] = session.audit.entries(
            **criteria.query(),  # type: ignore[arg-type]
            limit=PAGE,
            before_id=before,
        )
        for entry in entries:
            out.writerow(_row(entry))
        count += len(entries)
        if len(entries) < PAGE:
            break
        before = entries[-1].id
    write_atomically(Path(path), buffer.getvalue().encode("utf-8-sig"))
    return count


def _row(entry: AuditEntry) -> list[str]:
    return [
        entry.at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
        entry.actor,
        action_words(entry.action),
        entry.action,
        record_words(entry.entity),
        entry.entity_id,
        audit_changes(entry, 1000),
    ]
