"""Anchored periods (R07): `anchor + n * cycle`, never chained, half-open."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from desktop_admin.domain.periods import (
    Cycle,
    Period,
    add_months,
    nth_period,
    period_containing,
    period_index,
    period_start,
)

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2300, 12, 31))
cycles = st.sampled_from(list(Cycle))
month_offsets = st.integers(min_value=-2400, max_value=2400)
period_numbers = st.integers(min_value=-100, max_value=400)


def test_cycle_months() -> None:
    assert [(c.value, c.months) for c in Cycle] == [
        ("monthly", 1),
        ("quarterly", 3),
        ("yearly", 12),
    ]


def test_r07_worked_example_anchor_31_january() -> None:
    anchor = date(2026, 1, 31)
    starts = [period_start(anchor, Cycle.MONTHLY, n) for n in range(13)]
    assert starts == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
        date(2026, 5, 31),
        date(2026, 6, 30),
        date(2026, 7, 31),
        date(2026, 8, 31),
        date(2026, 9, 30),
        date(2026, 10, 31),
        date(2026, 11, 30),
        date(2026, 12, 31),
        date(2027, 1, 31),
    ]


def test_r07_anchor_31_january_through_a_leap_year() -> None:
    anchor = date(2027, 12, 31)
    starts = [period_start(anchor, Cycle.MONTHLY, n) for n in range(4)]
    assert starts == [date(2027, 12, 31), date(2028, 1, 31), date(2028, 2, 29), date(2028, 3, 31)]
    assert nth_period(date(2028, 1, 31), Cycle.MONTHLY, 1) == Period(
        date(2028, 2, 29), date(2028, 3, 31)
    )
    assert nth_period(date(2028, 1, 31), Cycle.MONTHLY, 1).days == 31
    assert add_months(date(2100, 1, 31), 1) == date(2100, 2, 28)  # 2100 is not leap
    assert add_months(date(2000, 1, 31), 1) == date(2000, 2, 29)  # 2000 is


def test_r07_periods_are_never_chained() -> None:
    anchor = date(2026, 1, 31)
    chained = add_months(add_months(anchor, 1), 1)
    assert chained == date(2026, 3, 28)
    assert nth_period(anchor, Cycle.MONTHLY, 2).start == date(2026, 3, 31)
    assert nth_period(anchor, Cycle.MONTHLY, 1) == Period(date(2026, 2, 28), date(2026, 3, 31))


def test_r07_yearly_anchor_29_february() -> None:
    anchor = date(2024, 2, 29)
    starts = [period_start(anchor, Cycle.YEARLY, n) for n in range(5)]
    assert starts == [
        date(2024, 2, 29),
        date(2025, 2, 28),
        date(2026, 2, 28),
        date(2027, 2, 28),
        date(2028, 2, 29),
    ]


def test_r07_quarterly_anchor_30_november() -> None:
    anchor = date(2023, 11, 30)
    starts = [period_start(anchor, Cycle.QUARTERLY, n) for n in range(-1, 4)]
    assert starts == [
        date(2023, 8, 30),
        date(2023, 11, 30),
        date(2024, 2, 29),
        date(2024, 5, 30),
        date(2024, 8, 30),
    ]


def test_r07_period_containing_the_worked_example() -> None:
    anchor = date(2026, 1, 31)
    assert period_containing(anchor, Cycle.MONTHLY, date(2026, 3, 30)) == Period(
        date(2026, 2, 28), date(2026, 3, 31)
    )
    assert period_containing(anchor, Cycle.MONTHLY, date(2026, 3, 31)) == Period(
        date(2026, 3, 31), date(2026, 4, 30)
    )
    assert period_index(anchor, Cycle.MONTHLY, date(2026, 1, 30)) == -1
    assert period_index(anchor, Cycle.MONTHLY, date(2026, 1, 31)) == 0
    assert period_index(anchor, Cycle.YEARLY, date(2027, 1, 30)) == 0
    assert period_index(anchor, Cycle.YEARLY, date(2027, 1, 31)) == 1


def test_period_is_half_open() -> None:
    period = Period(date(2026, 3, 1), date(2026, 4, 1))
    assert date(2026, 3, 1) in period
    assert date(2026, 3, 31) in period
    assert date(2026, 4, 1) not in period
    assert date(2026, 2, 28) not in period
    assert "2026-03-15" not in period
    assert period.days == 31
    assert str(period) == "2026-03-01 – 2026-04-01"


@pytest.mark.parametrize("end", [date(2026, 3, 1), date(2026, 2, 28)])
def test_period_refuses_an_empty_or_reversed_span(end: date) -> None:
    with pytest.raises(ValueError, match="empty period"):
        Period(date(2026, 3, 1), end)


def test_r07_add_months_agrees_with_relativedelta_for_every_month_end() -> None:
    # every anchor on day 28-31 of every month for 401 years, several offsets
    day, last = date(1900, 1, 28), date(2300, 12, 31)
    checked = 0
    while day <= last:
        if day.day >= 28:
            for n in (-12, -1, 1, 2, 3, 6, 11, 12, 13, 24):
                assert add_months(day, n) == day + relativedelta(months=n), (day, n)
                checked += 1
        day += timedelta(days=1)
    assert checked == 10 * sum(
        (date(y + (m == 12), m % 12 + 1, 1) - date(y, m, 28)).days
        for y in range(1900, 2301)
        for m in range(1, 13)
    )


@given(dates, month_offsets)
def test_r07_add_months_equals_relativedelta(day: date, months: int) -> None:
    assert add_months(day, months) == day + relativedelta(months=months)


@given(dates, cycles, period_numbers)
def test_r07_period_starts_at_anchor_plus_n_cycles(anchor: date, cycle: Cycle, n: int) -> None:
    expected = anchor + relativedelta(months=n * cycle.months)
    assert period_start(anchor, cycle, n) == expected
    assert nth_period(anchor, cycle, n).start == expected
    assert nth_period(anchor, cycle, n).end == anchor + relativedelta(months=(n + 1) * cycle.months)


@given(dates, cycles, period_numbers)
def test_r07_consecutive_periods_tile_without_gap_or_overlap(
    anchor: date, cycle: Cycle, n: int
) -> None:
    this, following = nth_period(anchor, cycle, n), nth_period(anchor, cycle, n + 1)
    assert this.end == following.start
    assert this.start < this.end
    assert this < following
    last_day = this.end - timedelta(days=1)
    assert last_day in this and last_day not in following
    assert this.end in following and this.end not in this
    low, high = {Cycle.MONTHLY: (28, 31), Cycle.QUARTERLY: (89, 92), Cycle.YEARLY: (365, 366)}[
        cycle
    ]
    assert low <= this.days <= high


@given(dates, cycles, dates)
def test_r07_period_containing_contains_the_day(anchor: date, cycle: Cycle, day: date) -> None:
    period = period_containing(anchor, cycle, day)
    assert day in period
    n = period_index(anchor, cycle, day)
    assert period == nth_period(anchor, cycle, n)
    assert period.start == anchor + relativedelta(months=n * cycle.months)
    assert (n >= 0) == (day >= anchor)


@given(dates, cycles, period_numbers)
def test_r07_every_day_of_a_period_maps_back_to_it(anchor: date, cycle: Cycle, n: int) -> None:
    period = nth_period(anchor, cycle, n)
    for day in (
        period.start,
        period.start + timedelta(days=period.days // 2),
        period.end - timedelta(days=1),
    ):
        assert period_index(anchor, cycle, day) == n
    assert period_index(anchor, cycle, period.end) == n + 1
    assert period_index(anchor, cycle, period.start - timedelta(days=1)) == n - 1


def test_r07_a_period_is_shown_with_its_last_day_inclusive() -> None:
    year = Period(date(2026, 3, 15), date(2027, 3, 15))
    assert year.last_day == date(2027, 3, 14)
    assert year.shown() == "2026-03-15 – 2027-03-14"
    assert Period(date(2026, 2, 28), date(2026, 3, 1)).shown() == "2026-02-28"
    assert date(2027, 3, 14) in year and date(2027, 3, 15) not in year
