"""`session.catalog`: the roles and add-ons sold, and their prices."""

from __future__ import annotations

from desktop_admin.app.areas import Area
from desktop_admin.domain.catalog import Catalog
from desktop_admin.domain.outcome import Changes, Outcome
from desktop_admin.services import catalog
from desktop_admin.services.catalog import CatalogImport


class CatalogArea(Area):
    def import_text(self, text: str, *, source: str | None = None) -> Outcome[CatalogImport]:
        """Import a catalog file's text (TOML); `source` names the file in messages."""
        c = self._ctx
        imported = catalog.import_catalog(c.new_uow(), c.clock, c.actor, text, source)
        return Outcome(imported, Changes.CATALOG | Changes.AUDIT)

    def current(self) -> Catalog:
        return catalog.current_catalog(self._ctx.new_uow(), self._ctx.actor)
