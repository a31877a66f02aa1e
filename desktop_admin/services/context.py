"""The one context every service runs with."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from desktop_admin.domain.operators import Operator
from desktop_admin.services.ports import (
    Clock,
    DatabaseBackups,
    DocumentRenderer,
    PasswordHasher,
    UnitOfWork,
)
from desktop_admin.services.sync_ports import SyncAdapters


@dataclass(frozen=True)
class Context:
    """Who acts, when, and the ports to reach storage and the adapters.

    `new_uow()` gives a fresh unit of work (one transaction); a service opens one per
    transaction it needs (`with ctx.new_uow() as uow:`). The adapters a service does
    not use may be left out: a service that needs one and finds none is a wiring bug.
    """

    new_uow: Callable[[], UnitOfWork]
    clock: Clock
    actor: Operator
    hasher: PasswordHasher | None = None
    renderer: DocumentRenderer | None = None
    backups: DatabaseBackups | None = None
    sync: SyncAdapters | None = None

    @property
    def today(self) -> date:
        return self.clock.today()

    def password_hasher(self) -> PasswordHasher:
        assert self.hasher is not None, "this context was built without a password hasher"
        return self.hasher

    def database_backups(self) -> DatabaseBackups:
        assert self.backups is not None, "this context was built without backups"
        return self.backups

    def sync_adapters(self) -> SyncAdapters:
        assert self.sync is not None, "this context was built without the sync adapters"
        return self.sync

    def document_renderer(self) -> DocumentRenderer:
        assert self.renderer is not None, "this context was built without a renderer"
        return self.renderer
