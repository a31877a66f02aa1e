"""The change feed: how open applications on one database learn of each other's work.

Every operation that writes appends one row: its `Changes` flags and the origin (one
id per open application). Another application reads the rows after the last one it
saw, leaving out its own; on PostgreSQL a `NOTIFY` wakes it at once, on SQLite it
polls (an indexed read of nothing, most of the time). Old rows are pruned.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, delete, func, insert, select, text

from desktop_admin.persistence.orm import ChangeFeedRow

CHANNEL = "seatdesk_changes"
#: pg_advisory_xact_lock key that orders the feed's inserts ("SDfeed").
FEED_LOCK = 0x534466656564
#: Rows kept; a window that fell further behind reloads everything.
KEPT = 10_000


class SqlChangeFeed:
    def __init__(self, engine: Engine, origin: str) -> None:
        self._engine, self.origin = engine, origin
        self._published = 0

    @property
    def instant(self) -> bool:
        """Whether `wait` is woken by the database (PostgreSQL) rather than a timer."""
        return self._engine.dialect.name == "postgresql"

    def publish(self, changes: int) -> None:
        """Append what one operation changed (after it committed)."""
        with self._engine.begin() as connection:
            if self.instant:  # ids in commit order, so that a reader never skips one
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": FEED_LOCK})
            connection.execute(
                insert(ChangeFeedRow),
                {"changes": changes, "origin": self.origin, "at": datetime.now(UTC)},
            )
            if self.instant:
                connection.execute(text(f"NOTIFY {CHANNEL}"))
            self._published += 1
            if self._published % 1000 == 0:
                newest = connection.execute(select(func.max(ChangeFeedRow.id))).scalar() or 0
                connection.execute(delete(ChangeFeedRow).where(ChangeFeedRow.id <= newest - KEPT))

    def latest(self) -> int:
        with self._engine.connect() as connection:
            return int(connection.execute(select(func.max(ChangeFeedRow.id))).scalar() or 0)

    def since(self, last: int) -> tuple[int, int, bool]:
        """(newest id, the others' changes after `last` OR-ed, whether rows were pruned
        since `last` so that some may be missing)."""
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(ChangeFeedRow.id, ChangeFeedRow.changes, ChangeFeedRow.origin)
                .where(ChangeFeedRow.id > last)
                .order_by(ChangeFeedRow.id)
            ).all()
            oldest, newest = connection.execute(
                select(func.min(ChangeFeedRow.id), func.max(ChangeFeedRow.id))
            ).one()
        if (newest or 0) < last:  # the database was restored from a backup: all changed
            return newest or 0, 0, True
        changes = 0
        for _, flags, origin in rows:
            if origin != self.origin:
                changes |= flags
        return (rows[-1][0] if rows else last), changes, bool(last) and (oldest or 0) > last + 1

    def wait(self, timeout: float) -> None:
        """Return when another application may have changed something (PostgreSQL:
        at its NOTIFY) or after `timeout` seconds."""
        if not self.instant:
            return
        connection = self._engine.raw_connection()
        driver = connection.driver_connection
        assert driver is not None
        try:
            driver.autocommit = True
            driver.execute(f"LISTEN {CHANNEL}")
            for _ in driver.notifies(timeout=timeout, stop_after=1):
                break
            driver.execute(f"UNLISTEN {CHANNEL}")
            driver.autocommit = False
        finally:
            connection.close()
