"""`session.operators` and `session.audit`: who may use Seat Desk, and what they did."""

from __future__ import annotations

from datetime import datetime

from desktop_admin.app.areas import Area
from desktop_admin.domain.audit import AuditEntry
from desktop_admin.domain.operators import Operator
from desktop_admin.domain.outcome import Changes, Outcome
from desktop_admin.services import audit, operators


class OperatorsArea(Area):
    def add(
        self, *, login: str, role: str, password: str, display_name: str = ""
    ) -> Outcome[Operator]:
        c = self._ctx
        added = operators.add_operator(
            c.new_uow(), c.clock, c.password_hasher(), c.actor, login, role, password,
            display_name,
        )  # fmt: skip
        return Outcome(added, Changes.OPERATORS | Changes.AUDIT)

    def all(self) -> list[Operator]:
        return operators.list_operators(self._ctx.new_uow(), self._ctx.actor)


class AuditArea(Area):
    def entries(
        self,
        *,
        entity: str | None = None,
        actor: str | None = None,
        entity_id: str | None = None,
        limit: int = 500,
        before_id: int | None = None,
        since: datetime | None = None,
    ) -> list[AuditEntry]:
        """Newest first; `before_id` continues a page where the previous one ended."""
        c = self._ctx
        return audit.list_entries(
            c.new_uow(), c.actor, entity, actor, since, entity_id, limit, before_id
        )
