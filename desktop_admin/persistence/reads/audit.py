"""The audit trail as people read it: newest first, filtered, paged by key."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desktop_admin.domain.audit import AuditEntry
from desktop_admin.persistence.orm import AuditRow

TRAIL = AuditRow.__table__.c


class SqlAuditReads:
    """`uow.reads.audit`."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def entries(
        self,
        *,
        entity: str | None = None,
        actor: str | None = None,
        since: datetime | None = None,
        entity_id: str | None = None,
        limit: int = 500,
        before_id: int | None = None,
        until: datetime | None = None,
        search: str | None = None,
    ) -> list[AuditEntry]:
        """Newest first; `before_id` continues a page where the previous one ended.
        `since` and `until` bound the time (until excluded); `search` finds words in
        the action, the record, the actor and the values before and after, ignoring
        case."""
        query = select(AuditRow.__table__).order_by(TRAIL.id.desc()).limit(limit)
        if until:
            query = query.where(TRAIL.at < until)
        for term in (search or "").lower().split():
            pattern = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            query = query.where(
                or_(
                    *(
                        func.lower(column).like(pattern, escape="\\")
                        for column in (
                            TRAIL.action,
                            TRAIL.entity_id,
                            TRAIL.actor,
                            TRAIL.before,
                            TRAIL.after,
                        )
                    )
                )
            )
        if entity:
            query = query.where(TRAIL.entity == entity)
        if entity_id:
            query = query.where(TRAIL.entity_id == entity_id)
        if actor:
            query = query.where(TRAIL.actor == actor)
        if before_id is not None:  # keyset paging, newest first
            query = query.where(TRAIL.id < before_id)
        if since:
            query = query.where(TRAIL.at >= since)
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
            for r in self._session.connection().execute(query)
        ]
