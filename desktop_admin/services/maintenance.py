"""Backing up and restoring the whole database (Administrators only: a backup holds
every password hash and every person's data)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_admin.domain.operators import Permission
from desktop_admin.services import audit
from desktop_admin.services.context import Context


@dataclass(frozen=True)
class Backup:
    file: Path
    size: int


@dataclass(frozen=True)
class Restore:
    file: Path
    #: The schema the backup had (brought up to the current one if older).
    revision: str


def backup_database(ctx: Context, target: Path) -> Backup:
    """Copy the database to `target`, checked, readable by its owner only."""
    ctx.actor.require(Permission.MANAGE_OPERATORS)
    size = ctx.database_backups().backup(Path(target))
    _audit(ctx, "database.backup", Path(target), {"bytes": size})
    return Backup(Path(target), size)


def restore_database(ctx: Context, source: Path) -> Restore:
    """Replace the whole database by a backup's content (every change since the
    backup is lost); recorded in the restored audit trail."""
    ctx.actor.require(Permission.MANAGE_OPERATORS)
    revision = ctx.database_backups().restore(Path(source))
    _audit(ctx, "database.restore", Path(source), {"schema": revision})
    return Restore(Path(source), revision)


def _audit(ctx: Context, action: str, file: Path, details: dict[str, object]) -> None:
    with ctx.new_uow() as uow:
        after = {"file": str(file.resolve()), **details}
        audit.record_change(uow, ctx, action, "database", file.name, after=after)
        uow.commit()
