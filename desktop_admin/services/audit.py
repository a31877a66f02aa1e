"""Recording the audit trail in the same transaction as the change."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, Concatenate, ParamSpec, Protocol

from desktop_admin.domain.audit import AuditEntry
from desktop_admin.domain.operators import Operator, Permission
from desktop_admin.services.context import Context
from desktop_admin.services.ports import Clock, UnitOfWork

P = ParamSpec("P")


class Acting(Protocol):
    """Who acts and when: a service's `Context` is one."""

    @property
    def clock(self) -> Clock: ...
    @property
    def actor(self) -> Operator: ...


def snapshot(obj: object | None) -> dict[str, Any] | None:
    """A JSON-friendly picture of a domain object, for `before` and `after`."""
    if obj is None:
        return None
    assert dataclasses.is_dataclass(obj) and not isinstance(obj, type)
    # A shallow walk: dataclasses.asdict deep-copies, and this runs once per change.
    return {
        f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj) if f.name != "version"
    }


def _plain(value: Any) -> Any:
    if value is None or type(value) in (str, int, bool):  # most values: nothing to do
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, frozenset | set):
        return sorted(_plain(v) for v in value)
    if isinstance(value, Mapping):
        return {str(_plain(k)): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


def changed(before: object, after: object) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the fields that differ, before and after: what a bulk operation records."""
    old, new = snapshot(before) or {}, snapshot(after) or {}
    keys = [k for k in new if old.get(k) != new.get(k)]
    return {k: old.get(k) for k in keys}, {k: new[k] for k in keys}


def _as_mapping(value: object | None) -> Mapping[str, Any] | None:
    if value is None or isinstance(value, Mapping):
        return value
    return snapshot(value)


def change_entry(
    ctx: Acting,
    action: str,
    entity: str,
    entity_id: object,
    *,
    before: object | None = None,
    after: object | None = None,
) -> AuditEntry:
    """The audit entry of one change made by `ctx.actor` now."""
    return AuditEntry(
        at=ctx.clock.now(),
        actor=ctx.actor.login,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        before=_as_mapping(before),
        after=_as_mapping(after),
    )


def _recorded(entry: Callable[P, AuditEntry]) -> Callable[Concatenate[UnitOfWork, P], None]:
    def record(uow: UnitOfWork, /, *args: P.args, **kwargs: P.kwargs) -> None:
        uow.audit.record([entry(*args, **kwargs)])

    record.__doc__ = "Record one change in the audit trail, in `uow`'s transaction."
    return record


#: `record_change(uow, ctx, action, entity, entity_id, before=..., after=...)`: the
#: entry of `change_entry`, recorded in `uow`'s transaction.
record_change = _recorded(change_entry)


def list_entries(
    ctx: Context,
    *,
    entity: str | None = None,
    actor: str | None = None,
    entity_id: str | None = None,
    limit: int = 500,
    before_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    search: str | None = None,
) -> list[AuditEntry]:
    """Newest first; `before_id` continues a page where the previous one ended;
    `since`/`until` bound the time (until excluded); `search` finds each word in the
    action, the record, the actor or the values, ignoring case."""
    ctx.actor.require(Permission.READ_AUDIT)
    with ctx.new_uow() as uow:
        return uow.reads.audit.entries(
            entity=entity,
            actor=actor,
            since=since,
            entity_id=entity_id,
            limit=limit,
            before_id=before_id,
            until=until,
            search=search,
        )
