"""The audit trail's table: written in the same transaction as each change (read by
`reads.audit`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from desktop_admin.domain.audit import AuditEntry
from desktop_admin.persistence.orm import AuditRow


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, sort_keys=True, ensure_ascii=False)


class SqlAudit:
    def __init__(self, session: Session) -> None:
        self.session = session

    def record(self, entries: Sequence[AuditEntry]) -> None:
        rows = [
            dict(
                at=e.at,
                actor=e.actor,
                action=e.action,
                entity=e.entity,
                entity_id=e.entity_id,
                before=_dump(e.before),
                after=_dump(e.after),
            )
            for e in entries
        ]
        for start in range(0, len(rows), 1000):
            self.session.execute(insert(AuditRow), rows[start : start + 1000])
