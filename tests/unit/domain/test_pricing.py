"""Pricing purchases, renewals and upgrades (R01, R02, R03, R05, R10)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from desktop_admin.domain.catalog import Addon, Audience, Catalog, Role, UpgradePolicy
from desktop_admin.domain.errors import RuleViolation
from desktop_admin.domain.invoicing import LineKind
from desktop_admin.domain.money import Currency
from desktop_admin.domain.periods import Cycle, Period, add_months, nth_period
from desktop_admin.domain.pricing import (
    CartItem,
    ItemPrice,
    Upgrade,
    check_one_cycle,
    first_of_next_month,
    item_prices,
    months_fraction,
    period_lines,
    upgrade_line,
)
from desktop_admin.domain.subscriptions import Subscription

EUR = Currency.of("EUR")
M, Q, Y = Cycle.MONTHLY, Cycle.QUARTERLY, Cycle.YEARLY
IMMEDIATE = UpgradePolicy.IMMEDIATE_PRORATED
NEXT_MONTH = UpgradePolicy.NEXT_MONTH_START


def seats(old: int, new: int, price: str, name: str = "Named user") -> Upgrade:
    return Upgrade(name, "named-user", old, new, Decimal(price), Decimal(price))


def exact_half_up(value: Fraction) -> Decimal:
    """An exact rational amount rounded once, half-up, to cents (the reference)."""
    cents = value * 100
    whole = cents.numerator // cents.denominator
    if cents - whole >= Fraction(1, 2):
        whole += 1
    return Decimal(whole) / 100


def exact_months(start: date, end: date) -> Fraction:
    """Whole months from `start` to `end` plus the leftover days of that month, exactly."""
    whole = 0
    while add_months(start, whole + 1) <= end:
        whole += 1
    boundary = add_months(start, whole)
    days_in_month = calendar.monthrange(boundary.year, boundary.month)[1]
    return whole + Fraction((end - boundary).days, days_in_month)


def expected_amount(
    upgrade: Upgrade, policy: UpgradePolicy, cycle: Cycle, period: Period, change: date
) -> Decimal:
    """R10 computed with exact fractions and rounded once: what the line must say."""
    difference = Fraction(upgrade.difference)
    if policy is IMMEDIATE:
        return exact_half_up(difference * (period.end - change).days / period.days)
    start = first_of_next_month(change)
    if cycle is M or start >= period.end:
        return Decimal(0)
    return exact_half_up(difference * exact_months(start, period.end) / cycle.months)


# --- R05 one duration per cart ------------------------------------------------------


def test_r05_single_cycle_cart_returns_its_cycle() -> None:
    items = [CartItem("designer", 3, Y), CartItem("storage", 10, Y, is_addon=True)]
    assert check_one_cycle(items) is Y
    assert check_one_cycle([CartItem("viewer", 1, Q)]) is Q


def test_r05_mixed_cycles_refused_naming_each_conflicting_item() -> None:
    items = [
        CartItem("designer", 3, Y),
        CartItem("viewer", 2, M),
        CartItem("storage", 10, Y, is_addon=True),
    ]
    with pytest.raises(RuleViolation) as info:
        check_one_cycle(items)
    assert info.value.rule == "R05"
    message = info.value.message
    assert "designer (yearly)" in message
    assert "viewer (monthly)" in message
    assert "storage (yearly)" in message


def test_r05_empty_cart_refused() -> None:
    with pytest.raises(RuleViolation) as info:
        check_one_cycle([])
    assert info.value.rule == "R05"
    assert "empty" in info.value.message


# --- R01, R02, R03 period lines at catalog prices -----------------------------------

DESIGNER = Role(
    "designer",
    "Designer",
    prices={M: Decimal("12.50"), Q: Decimal("33.00"), Y: Decimal("120.00")},
)
VIEWER = Role("viewer", "Viewer", prices={Q: Decimal("9.90"), Y: Decimal("36.00")})
STORAGE = Addon("storage", "Storage (GB)", prices={Q: Decimal("0.15"), Y: Decimal("0.50")})
GUESTS = Addon("guests", "Guest users", prices={Q: Decimal("2.00"), Y: Decimal("7.00")})


def test_r02_r03_period_lines_price_each_role_and_addon_at_catalog_prices() -> None:
    period = Period(date(2026, 1, 1), date(2027, 1, 1))
    lines = period_lines(
        {VIEWER: 4, DESIGNER: 3},
        {STORAGE: 100, GUESTS: 5},
        Audience.COMPANY,
        Y,
        period,
        EUR,
    )
    summary = [(ln.code, ln.kind, ln.quantity, ln.unit_price, ln.amount) for ln in lines]
    assert summary == [
        ("designer", LineKind.ROLE, 3, Decimal("120.00"), Decimal("360.00")),
        ("viewer", LineKind.ROLE, 4, Decimal("36.00"), Decimal("144.00")),
        ("guests", LineKind.ADDON, 5, Decimal("7.00"), Decimal("35.00")),
        ("storage", LineKind.ADDON, 100, Decimal("0.50"), Decimal("50.00")),
    ]
    assert all(ln.period == period for ln in lines)


def test_r03_addons_priced_on_the_subscription_cycle() -> None:
    period = Period(date(2026, 1, 1), date(2026, 4, 1))
    lines = period_lines({DESIGNER: 2}, {STORAGE: 7}, Audience.COMPANY, Q, period, EUR)
    assert [(ln.code, ln.unit_price, ln.amount) for ln in lines] == [
        ("designer", Decimal("33.00"), Decimal("66.00")),
        ("storage", Decimal("0.15"), Decimal("1.05")),
    ]


@pytest.mark.parametrize(
    ("audience", "cycle"),
    [(Audience.MAKER, Q), (Audience.COMPANY, M), (Audience.STUDENT, M), (Audience.STUDENT, Q)],
)
def test_r01_period_lines_refuse_a_cycle_the_audience_cannot_buy(
    audience: Audience, cycle: Cycle
) -> None:
    period = nth_period(date(2026, 1, 1), cycle, 0)
    with pytest.raises(RuleViolation) as info:
        period_lines({DESIGNER: 1}, {}, audience, cycle, period, EUR)
    assert info.value.rule == "R01"
    assert cycle.value in info.value.message


def test_r02_period_lines_refuse_a_cycle_without_a_catalog_price() -> None:
    period = nth_period(date(2026, 1, 1), M, 0)
    with pytest.raises(RuleViolation) as info:
        period_lines({VIEWER: 1}, {}, Audience.MAKER, M, period, EUR)
    assert info.value.rule == "R02"


# --- R10 worked examples --------------------------------------------------------------


def test_r10_immediate_prorated_worked_example_25_to_100_users() -> None:
    period = Period(date(2026, 3, 1), date(2026, 4, 1))
    line = upgrade_line(seats(25, 100, "10.00"), IMMEDIATE, M, period, date(2026, 3, 15), EUR)
    assert line is not None
    assert line.amount == Decimal("411.29")
    assert line.quantity == 75
    assert line.unit_price == Decimal("10.00")
    assert line.period == Period(date(2026, 3, 15), date(2026, 4, 1))
    assert line.kind is LineKind.PRORATION
    assert "17/31" in line.description


def test_r10_next_month_start_worked_example_yearly_renewal_on_1_july() -> None:
    period = Period(date(2025, 7, 1), date(2026, 7, 1))
    line = upgrade_line(seats(10, 15, "120.00"), NEXT_MONTH, Y, period, date(2026, 3, 15), EUR)
    assert line is not None
    assert line.period == Period(date(2026, 4, 1), date(2026, 7, 1))
    assert line.amount == Decimal("150.00")
    assert line.quantity == 5
    assert line.unit_price == Decimal("120.00")


def test_r10_next_month_start_monthly_cycle_invoices_nothing_now() -> None:
    period = Period(date(2026, 3, 1), date(2026, 4, 1))
    upgrade = seats(25, 100, "10.00")
    assert upgrade_line(upgrade, NEXT_MONTH, M, period, date(2026, 3, 15), EUR) is None
    assert upgrade_line(upgrade, NEXT_MONTH, M, period, date(2026, 3, 1), EUR) is None
    assert upgrade_line(upgrade, NEXT_MONTH, M, period, date(2026, 3, 31), EUR) is None


def test_r10_next_month_start_monthly_cycle_not_month_aligned_invoices_nothing_now() -> None:
    # 15 March - 15 April: the 1 April of the next month falls inside the period, yet a
    # monthly cycle never gets an upgrade invoice; the next period's invoice carries it.
    period = Period(date(2026, 3, 15), date(2026, 4, 15))
    assert upgrade_line(seats(2, 5, "10.00"), NEXT_MONTH, M, period, date(2026, 3, 20), EUR) is None


def test_r10_next_month_start_in_the_last_month_invoices_nothing_now() -> None:
    period = Period(date(2025, 7, 1), date(2026, 7, 1))
    assert (
        upgrade_line(seats(10, 15, "120.00"), NEXT_MONTH, Y, period, date(2026, 6, 3), EUR) is None
    )


def test_r10_immediate_upgrade_on_the_first_day_charges_the_full_difference() -> None:
    period = Period(date(2026, 3, 1), date(2026, 4, 1))
    line = upgrade_line(seats(25, 100, "10.00"), IMMEDIATE, M, period, period.start, EUR)
    assert line is not None
    assert line.amount == Decimal("750.00")
    assert line.period == period


def test_r10_immediate_upgrade_on_the_last_day_charges_one_days_share() -> None:
    period = Period(date(2026, 3, 1), date(2026, 4, 1))
    last_day = date(2026, 3, 31)
    line = upgrade_line(seats(25, 100, "10.00"), IMMEDIATE, M, period, last_day, EUR)
    assert line is not None
    assert line.amount == Decimal("24.19")  # 750.00 * 1/31 = 24.1935...
    assert line.period == Period(last_day, period.end)
    assert "1/31" in line.description


def test_r10_yearly_immediate_on_first_and_last_day() -> None:
    period = Period(date(2026, 1, 1), date(2027, 1, 1))
    upgrade = seats(10, 15, "120.00")  # difference 600.00 for the year
    first = upgrade_line(upgrade, IMMEDIATE, Y, period, period.start, EUR)
    last = upgrade_line(upgrade, IMMEDIATE, Y, period, date(2026, 12, 31), EUR)
    assert first is not None and last is not None
    assert first.amount == Decimal("600.00")
    assert last.amount == Decimal("1.64")  # 600 / 365 = 1.6438...


def test_r10_next_month_start_upgrade_on_the_first_day_of_a_yearly_period() -> None:
    period = Period(date(2026, 3, 1), date(2027, 3, 1))
    line = upgrade_line(seats(10, 15, "120.00"), NEXT_MONTH, Y, period, period.start, EUR)
    assert line is not None
    assert line.period == Period(date(2026, 4, 1), date(2027, 3, 1))
    assert line.amount == Decimal("550.00")  # 600.00 * 11/12


def test_r10_next_month_start_non_month_aligned_end_counts_leftover_days() -> None:
    # Yearly period 20 Aug - 20 Aug; upgrade 15 March: 1 April - 1 August is 4 whole
    # months, then 19 days of August (31 days): 600.00 * (4 + 19/31) / 12 = 230.645...
    period = Period(date(2025, 8, 20), date(2026, 8, 20))
    line = upgrade_line(seats(10, 15, "120.00"), NEXT_MONTH, Y, period, date(2026, 3, 15), EUR)
    assert line is not None
    assert line.period == Period(date(2026, 4, 1), date(2026, 8, 20))
    assert line.amount == Decimal("230.65")


def test_r10_months_fraction_whole_months_and_leftover_days() -> None:
    assert months_fraction(date(2026, 4, 1), date(2026, 7, 1)) == 3
    assert months_fraction(date(2026, 4, 1), date(2026, 8, 20)) == 4 + Fraction(19, 31)
    # The leftover month is February of a leap year: 10 of 29 days.
    assert months_fraction(date(2028, 1, 1), date(2028, 2, 11)) == 1 + Fraction(10, 29)
    assert months_fraction(date(2026, 4, 1), date(2026, 4, 16)) == Fraction(15, 30)


def test_r10_first_of_next_month() -> None:
    assert first_of_next_month(date(2026, 3, 15)) == date(2026, 4, 1)
    assert first_of_next_month(date(2026, 3, 1)) == date(2026, 4, 1)
    assert first_of_next_month(date(2026, 12, 31)) == date(2027, 1, 1)
    assert first_of_next_month(date(2028, 2, 29)) == date(2028, 3, 1)


def test_r10_next_month_start_rounds_once_on_an_exact_half_cent() -> None:
    # Quarterly period 2 Jan - 2 Apr, upgrade 10 Feb: charged 1 March - 2 April,
    # 1 whole month + 1 day of April (30 days) = 31/30 of a month. 10 -> 15 users at
    # 11.25 per quarter: 56.25 * (31/30) / 3 = 19.375 exactly, half-up -> 19.38.
    period = Period(date(2026, 1, 2), date(2026, 4, 2))
    line = upgrade_line(seats(10, 15, "11.25"), NEXT_MONTH, Q, period, date(2026, 2, 10), EUR)
    assert line is not None
    assert line.period == Period(date(2026, 3, 1), date(2026, 4, 2))
    assert line.amount == Decimal("19.38")


def test_r10_dearer_role_charges_the_price_difference() -> None:
    upgrade = Upgrade(
        "Designer", "designer", 4, 4, Decimal("10.00"), Decimal("12.50"), is_addon=False
    )
    period = Period(date(2026, 3, 1), date(2026, 4, 1))
    line = upgrade_line(upgrade, IMMEDIATE, M, period, date(2026, 3, 15), EUR)
    assert line is not None
    assert upgrade.difference == Decimal("10.00")
    assert line.amount == Decimal("5.48")  # 10.00 * 17/31 = 5.4838...


def test_r10_new_addon_line_is_an_addon_line() -> None:
    upgrade = Upgrade("Storage", "storage", 0, 50, Decimal("0.50"), Decimal("0.50"), is_addon=True)
    period = Period(date(2026, 1, 1), date(2027, 1, 1))
    line = upgrade_line(upgrade, IMMEDIATE, Y, period, date(2026, 7, 2), EUR)
    assert line is not None
    assert line.kind is LineKind.ADDON
    assert line.code == "storage"
    assert line.amount == Decimal("12.53")  # 25.00 * 183/365 = 12.5342...
    assert "183/365" in line.description


def test_r10_change_after_the_period_or_not_an_upgrade_is_refused() -> None:
    period = Period(date(2026, 3, 1), date(2026, 4, 1))
    with pytest.raises(ValueError):
        upgrade_line(seats(1, 2, "10.00"), IMMEDIATE, M, period, period.end, EUR)
    with pytest.raises(ValueError):
        upgrade_line(seats(3, 2, "10.00"), IMMEDIATE, M, period, date(2026, 3, 2), EUR)


def test_r10_a_change_before_a_later_start_is_charged_from_the_start() -> None:
    period = Period(date(2026, 4, 1), date(2027, 4, 1))
    line = upgrade_line(seats(10, 15, "100.00"), IMMEDIATE, Y, period, date(2026, 3, 15), EUR)
    assert line is not None
    assert line.period == period
    assert line.amount == Decimal("500.00")  # the whole first year of 5 more seats
    quarter = Period(date(2026, 4, 1), date(2026, 7, 1))
    later = upgrade_line(seats(2, 4, "135.00"), NEXT_MONTH, Q, quarter, date(2026, 3, 25), EUR)
    assert later is not None
    assert later.period == quarter  # M1 is 1 April, the start: no free month
    assert later.amount == Decimal("270.00")


# --- R10 properties ---------------------------------------------------------------------

anchors = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
cycles = st.sampled_from(list(Cycle))
policies = st.sampled_from(list(UpgradePolicy))
prices = st.integers(min_value=1, max_value=100_000).map(lambda cents: Decimal(cents) / 100)


@st.composite
def upgrades(draw: st.DrawFn) -> Upgrade:
    """More seats at the same price, or a dearer role (possibly with more seats)."""
    old = draw(st.integers(min_value=0, max_value=500))
    old_price = draw(prices)
    if draw(st.booleans()):
        new = draw(st.integers(min_value=old + 1, max_value=old + 500))
        return Upgrade("Named user", "named-user", old, new, old_price, old_price)
    new = draw(st.integers(min_value=max(old, 1), max_value=old + 500))
    new_price = draw(prices.filter(lambda p: p > old_price))
    return Upgrade("Designer", "designer", old, new, old_price, new_price)


@st.composite
def situations(draw: st.DrawFn) -> tuple[Upgrade, UpgradePolicy, Cycle, Period, int]:
    """An upgrade, a policy, a cycle, one period of an anchored subscription and an
    offset (days after the period start) of the change date."""
    cycle = draw(cycles)
    anchor = draw(anchors)
    n = draw(st.integers(min_value=0, max_value=5))
    period = nth_period(anchor, cycle, n)
    offset = draw(st.integers(min_value=0, max_value=period.days - 1))
    return draw(upgrades()), draw(policies), cycle, period, offset


def amount_of(
    upgrade: Upgrade, policy: UpgradePolicy, cycle: Cycle, period: Period, change: date
) -> Decimal:
    line = upgrade_line(upgrade, policy, cycle, period, change, EUR)
    return Decimal(0) if line is None else line.amount


@settings(max_examples=300, deadline=None)
@given(situations())
def test_r10_property_charge_between_zero_and_the_full_period_difference(
    situation: tuple[Upgrade, UpgradePolicy, Cycle, Period, int],
) -> None:
    upgrade, policy, cycle, period, offset = situation
    change = period.start + timedelta(days=offset)
    line = upgrade_line(upgrade, policy, cycle, period, change, EUR)
    if line is None:
        assert policy is NEXT_MONTH
        return
    assert Decimal(0) <= line.amount <= upgrade.difference
    assert line.period.end == period.end
    assert period.start <= line.period.start < period.end


@settings(max_examples=300, deadline=None)
@given(situations())
def test_r10_property_upgrade_then_downgrade_at_period_end_never_beats_staying_upgraded(
    situation: tuple[Upgrade, UpgradePolicy, Cycle, Period, int],
) -> None:
    # Upgrade on day d, downgrade back at the period end (R11: no refund, takes effect
    # at the end): what was paid for this period is old + upgrade line, which must not
    # exceed paying for the upgraded plan the whole period (old + difference).
    upgrade, policy, cycle, period, offset = situation
    change = period.start + timedelta(days=offset)
    old_cost = upgrade.old_quantity * upgrade.old_price
    new_cost = upgrade.new_quantity * upgrade.new_price
    assert old_cost + amount_of(upgrade, policy, cycle, period, change) <= new_cost


@settings(max_examples=300, deadline=None)
@given(situations(), st.data())
def test_r10_property_an_earlier_change_never_costs_less(
    situation: tuple[Upgrade, UpgradePolicy, Cycle, Period, int], data: st.DataObject
) -> None:
    upgrade, policy, cycle, period, offset = situation
    earlier = data.draw(st.integers(min_value=0, max_value=offset), label="earlier offset")
    late = period.start + timedelta(days=offset)
    early = period.start + timedelta(days=earlier)
    assert amount_of(upgrade, policy, cycle, period, early) >= amount_of(
        upgrade, policy, cycle, period, late
    )


@settings(max_examples=300, deadline=None)
@given(situations())
@example((seats(10, 15, "11.25"), NEXT_MONTH, Q, Period(date(2026, 1, 2), date(2026, 4, 2)), 39))
def test_r10_property_amount_is_the_exact_value_rounded_once(
    situation: tuple[Upgrade, UpgradePolicy, Cycle, Period, int],
) -> None:
    upgrade, policy, cycle, period, offset = situation
    change = period.start + timedelta(days=offset)
    assert amount_of(upgrade, policy, cycle, period, change) == expected_amount(
        upgrade, policy, cycle, period, change
    )


def test_r10_reference_rounding_helper_is_half_up() -> None:
    # Guards the reference used by the property above.
    assert exact_half_up(Fraction(155, 8)) == Decimal("19.38")
    assert exact_half_up(Fraction(1, 200)) == Decimal("0.01")
    assert exact_half_up(Fraction(1, 201)) == Decimal("0.00")


def test_a_subscription_recorded_without_prices_shows_the_catalogs_marked_as_such() -> None:
    designer = Role(
        "designer",
        "Designer",
        audiences=frozenset({Audience.COMPANY}),
        prices={Y: Decimal("490.00")},
    )
    storage = Addon("storage", "Storage", prices={Y: Decimal("50.00")})
    catalog = Catalog("EUR", (designer,), (storage,))
    recorded = Subscription(1, Y, date(2026, 1, 1), {"designer": 2, "gone": 1}, {"storage": 1})
    assert item_prices(recorded, catalog, Audience.COMPANY) == [
        ItemPrice("designer", "Designer", 2, Decimal("490.00"), from_catalog=True),
        ItemPrice("gone", "gone", 1, None),  # no longer in the catalog
        ItemPrice("storage", "Storage", 1, Decimal("50.00"), is_addon=True, from_catalog=True),
    ]
    bought = Subscription(
        1, Y, date(2026, 1, 1), {"designer": 2}, seat_prices={"designer": Decimal("399.50")}
    )
    assert item_prices(bought, catalog, Audience.COMPANY) == [
        ItemPrice("designer", "Designer", 2, Decimal("399.50"))
    ]
    assert item_prices(recorded, catalog, Audience.MAKER)[0].unit_price is None  # R01
