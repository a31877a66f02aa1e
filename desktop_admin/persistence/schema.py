"""The whole schema: every mapped table, which the migrations build and are checked
against (the sync's tables are mapped in their own module)."""

from __future__ import annotations

from desktop_admin.persistence import sync_rows
from desktop_admin.persistence.orm import Base

metadata = Base.metadata

__all__ = ["metadata", "sync_rows"]
