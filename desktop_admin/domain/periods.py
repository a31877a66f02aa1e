"""Cycles and anchored periods (R07): `anchor + n * cycle`, never chained.

Periods are half-open `[start, end)`. Month arithmetic clamps the day to the
month's length exactly as `dateutil.relativedelta(months=n)` does; the tests
check the two agree across 400 years.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum


class Cycle(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"

    @property
    def months(self) -> int:
        return {"monthly": 1, "quarterly": 3, "yearly": 12}[self.value]


def add_months(day: date, months: int) -> date:
    """`day + months`, clamping the day of month (31 Jan + 1 month = 28/29 Feb)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"empty period {self.start}..{self.end}")

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def __contains__(self, day: object) -> bool:
        if isinstance(day, datetime):
            day = day.date()
        return isinstance(day, date) and self.start <= day < self.end

    def __str__(self) -> str:
        return f"{self.start.isoformat()} – {self.end.isoformat()}"

    @property
    def last_day(self) -> date:
        """The period's last day (the end is the first day after it)."""
        return self.end - timedelta(days=1)

    def shown(self) -> str:
        """The days covered, both inclusive, as people read a period on an invoice:
        `2026-03-15 – 2027-03-14`, or the one day."""
        if self.last_day == self.start:
            return self.start.isoformat()
        return f"{self.start.isoformat()} – {self.last_day.isoformat()}"


def period_start(anchor: date, cycle: Cycle, n: int) -> date:
    """Start of the n-th period (n = 0 is the first) of an anchored subscription."""
    return add_months(anchor, n * cycle.months)


def nth_period(anchor: date, cycle: Cycle, n: int) -> Period:
    return Period(period_start(anchor, cycle, n), period_start(anchor, cycle, n + 1))


def period_index(anchor: date, cycle: Cycle, day: date) -> int:
    """The n whose period contains `day` (negative before the anchor)."""
    months = (day.year - anchor.year) * 12 + (day.month - anchor.month)
    n = months // cycle.months
    while period_start(anchor, cycle, n) > day:
        n -= 1
    while period_start(anchor, cycle, n + 1) <= day:
        n += 1
    return n


def period_containing(anchor: date, cycle: Cycle, day: date) -> Period:
    return nth_period(anchor, cycle, period_index(anchor, cycle, day))
