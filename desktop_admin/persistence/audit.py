"""The audit trail's table: written in the same transaction as each change."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select
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

    def entries(
        self,
        entity: str | None = None,
        actor: str | None = None,
        since: datetime | None = None,
        entity_id: str | None = None,
        limit: int = 500,
        before_id: int | None = None,
    ) -> list[AuditEntry]:
        query = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)
        if entity:
            query = query.where(AuditRow.entity == entity)
        if entity_id:
            query = query.where(AuditRow.entity_id == entity_id)
        if actor:
            query = query.where(AuditRow.actor == actor)
        if before_id is not None:  # keyset paging, newest first
            query = query.where(AuditRow.id < before_id)
        if since:
            query = query.where(AuditRow.at >= since)
        return [
            AuditEntry(
                at=r.at if r.at.tzinfo else r.at.replace(tzinfo=UTC),
                actor=r.actor,
                action=r.action,
                entity=r.entity,
                entity_id=r.entity_id,
                before=json.loads(r.before) if r.before else None,
                after=json.loads(r.after) if r.after else None,
                id=r.id,
            )
            for r in self.session.scalars(query)
        ]
