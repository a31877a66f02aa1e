"""`session.database`: backups of the whole database, and restoring one."""

from __future__ import annotations

from desktop_admin.app.areas import Area, writes
from desktop_admin.domain.outcome import EVERYTHING, Changes
from desktop_admin.services import maintenance


class DatabaseArea(Area):
    backup = writes(maintenance.backup_database, Changes.AUDIT)
    restore = writes(maintenance.restore_database, EVERYTHING)
