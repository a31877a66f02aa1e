"""`session.catalog`: the roles and add-ons sold, and their prices."""

from __future__ import annotations

from desktop_admin.app.areas import Area, reads, writes
from desktop_admin.domain.outcome import Changes
from desktop_admin.services import catalog


class CatalogArea(Area):
    #: Import a catalog file's text (TOML); `source` names the file in messages.
    import_text = writes(catalog.import_catalog, Changes.CATALOG | Changes.AUDIT)
    #: What importing the text would change (new, changed, left out), writing nothing.
    preview_text = reads(catalog.preview_catalog)
    current = reads(catalog.current_catalog)
