"""Clocks: the real one, and a fixed date for `--today` and for tests."""

from __future__ import annotations

from datetime import UTC, date, datetime


class SystemClock:
    def today(self) -> date:
        return date.today()

    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """Today is a given date; the time of day is the real one (for the audit trail)."""

    def __init__(self, day: date) -> None:
        self.day = day

    def today(self) -> date:
        return self.day

    def now(self) -> datetime:
        return datetime.combine(self.day, datetime.now(UTC).timetz())
