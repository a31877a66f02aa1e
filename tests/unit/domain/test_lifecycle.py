"""Stopping renewal (R09), quotes (R13), the seat check at renewal (R15), refunds (R16)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_admin.domain.catalog import Role, SeatOverflow
from desktop_admin.domain.changes import ChangeProduct, ChangeStatus, ScheduledChange
from desktop_admin.domain.errors import RuleViolation
from desktop_admin.domain.lifecycle import (
    Holder,
    PurchaseKind,
    QuoteStatus,
    SeatCheck,
    SeatSources,
    check_can_accept_quote,
    check_can_stop_renewal,
    check_refundable,
    draw_seed,
    effective_quote_status,
    quote_valid_until,
    renewal_deadline,
    seat_check,
    stop_renewal_deadline,
)
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.subscriptions import Subscription

# --- R09 stopping renewal ---------------------------------------------------------------


def test_r09_deadline_is_five_days_before_the_period_end() -> None:
    assert stop_renewal_deadline(date(2026, 7, 1)) == date(2026, 6, 26)
    assert stop_renewal_deadline(date(2026, 3, 3)) == date(2026, 2, 26)


def test_r09_a_subscriptions_deadline_is_five_days_before_its_paid_time_ends() -> None:
    sub = Subscription(1, Cycle.YEARLY, date(2025, 7, 1), id=1)
    assert renewal_deadline(sub, date(2026, 3, 1)) == date(2026, 6, 26)  # its period's end
    billed = Subscription(1, Cycle.YEARLY, date(2025, 7, 1), billed_through=date(2027, 7, 1))
    assert renewal_deadline(billed, date(2026, 3, 1)) == date(2027, 6, 26)


def test_r09_stopping_on_the_deadline_is_allowed() -> None:
    period_end = date(2026, 7, 1)
    check_can_stop_renewal(date(2026, 6, 26), period_end)
    check_can_stop_renewal(date(2026, 1, 1), period_end)


def test_r09_stopping_the_day_after_the_deadline_is_refused_naming_it() -> None:
    with pytest.raises(RuleViolation) as info:
        check_can_stop_renewal(date(2026, 6, 27), date(2026, 7, 1))
    assert info.value.rule == "R09"
    assert "the deadline was 2026-06-26" in info.value.message


@pytest.mark.parametrize("days_before_end", [0, 1, 4])
def test_r09_stopping_closer_to_the_end_is_refused(days_before_end: int) -> None:
    period_end = date(2027, 1, 1)
    with pytest.raises(RuleViolation) as info:
        check_can_stop_renewal(period_end - timedelta(days=days_before_end), period_end)
    assert "the deadline was 2026-12-27" in info.value.message


# --- R16 refund window ------------------------------------------------------------------


@pytest.mark.parametrize("cycle", [Cycle.YEARLY, Cycle.QUARTERLY])
def test_r16_purchase_refundable_up_to_day_15(cycle: Cycle) -> None:
    purchased = date(2026, 3, 10)
    check_refundable(PurchaseKind.PURCHASE, cycle, purchased, purchased)
    check_refundable(PurchaseKind.PURCHASE, cycle, purchased, date(2026, 3, 25))


@pytest.mark.parametrize("cycle", [Cycle.YEARLY, Cycle.QUARTERLY])
def test_r16_purchase_refused_on_day_16(cycle: Cycle) -> None:
    with pytest.raises(RuleViolation) as info:
        check_refundable(PurchaseKind.PURCHASE, cycle, date(2026, 3, 10), date(2026, 3, 26))
    assert info.value.rule == "R16"
    assert "2026-03-25" in info.value.message
    assert "2026-03-10" in info.value.message


def test_r16_monthly_subscription_never_refunded() -> None:
    with pytest.raises(RuleViolation) as info:
        check_refundable(PurchaseKind.PURCHASE, Cycle.MONTHLY, date(2026, 3, 10), date(2026, 3, 10))
    assert info.value.rule == "R16"
    assert info.value.message == "monthly subscriptions are never refunded"


@pytest.mark.parametrize("cycle", list(Cycle))
def test_r16_renewal_never_refunded(cycle: Cycle) -> None:
    with pytest.raises(RuleViolation) as info:
        check_refundable(PurchaseKind.RENEWAL, cycle, date(2026, 3, 10), date(2026, 3, 11))
    assert info.value.rule == "R16"
    assert info.value.message == "renewals are never refunded"


@pytest.mark.parametrize("cycle", list(Cycle))
def test_r16_trial_never_refunded(cycle: Cycle) -> None:
    with pytest.raises(RuleViolation) as info:
        check_refundable(PurchaseKind.TRIAL, cycle, date(2026, 3, 10), date(2026, 3, 11))
    assert info.value.rule == "R16"
    assert info.value.message == "a trial costs nothing and is never refunded"


# --- R13 quotes -------------------------------------------------------------------------


def test_r13_quote_valid_for_30_days_by_default() -> None:
    assert quote_valid_until(date(2026, 3, 1)) == date(2026, 3, 31)
    assert quote_valid_until(date(2026, 3, 1), days=10) == date(2026, 3, 11)


@pytest.mark.parametrize("status", [QuoteStatus.DRAFT, QuoteStatus.SENT])
def test_r13_quote_valid_on_its_last_day(status: QuoteStatus) -> None:
    valid_until = date(2026, 3, 31)
    assert effective_quote_status(status, valid_until, valid_until) is status
    check_can_accept_quote(status, valid_until, valid_until)


@pytest.mark.parametrize("status", [QuoteStatus.DRAFT, QuoteStatus.SENT])
def test_r13_quote_expired_the_day_after(status: QuoteStatus) -> None:
    valid_until = date(2026, 3, 31)
    day_after = date(2026, 4, 1)
    assert effective_quote_status(status, valid_until, day_after) is QuoteStatus.EXPIRED
    with pytest.raises(RuleViolation) as info:
        check_can_accept_quote(status, valid_until, day_after)
    assert info.value.rule == "R13"
    assert "expired on 2026-03-31" in info.value.message


def test_r13_stored_expired_quote_cannot_be_accepted() -> None:
    with pytest.raises(RuleViolation) as info:
        check_can_accept_quote(QuoteStatus.EXPIRED, date(2026, 3, 31), date(2026, 3, 1))
    assert info.value.rule == "R13"


@pytest.mark.parametrize("status", [QuoteStatus.ACCEPTED, QuoteStatus.REJECTED])
@pytest.mark.parametrize("today", [date(2026, 3, 1), date(2026, 4, 1)])
def test_r13_accepted_or_rejected_quote_cannot_be_accepted_again(
    status: QuoteStatus, today: date
) -> None:
    valid_until = date(2026, 3, 31)
    assert effective_quote_status(status, valid_until, today) is status
    with pytest.raises(RuleViolation) as info:
        check_can_accept_quote(status, valid_until, today)
    assert info.value.rule == "R13"
    assert f"the quote is {status.value}" in info.value.message


# --- R15 seat check at renewal ----------------------------------------------------------


def holders(users: int, admins: int = 0) -> list[Holder]:
    """`admins` Administrators (ids 1..admins), then ordinary users."""
    return [Holder(i, i <= admins) for i in range(1, users + 1)]


@pytest.mark.parametrize("policy", list(SeatOverflow))
def test_r15_fits(policy: SeatOverflow) -> None:
    assert seat_check("Designer", policy, holders(5, 2), 5, seed=7).outcome is SeatCheck.FITS
    assert seat_check("Designer", policy, holders(3), 10, seed=7).outcome is SeatCheck.FITS
    result = seat_check("Designer", policy, [], 0, seed=7)
    assert result.outcome is SeatCheck.FITS
    assert result.to_disable == ()


def test_r15_block_policy_blocks_the_downgrade() -> None:
    result = seat_check("Designer", SeatOverflow.BLOCK, holders(8, 1), 5, seed=7)
    assert result.outcome is SeatCheck.BLOCKED
    assert result.to_disable == ()
    assert result.message.startswith("R15: ")
    assert "Designer: 8 users hold the role, 5 seats after the change" in result.message
    assert "blocked" in result.message


def test_r15_auto_disable_draws_exactly_the_excess_never_an_admin() -> None:
    group = holders(12, admins=4)
    result = seat_check("Designer", SeatOverflow.AUTO_DISABLE, group, 9, seed=2026)
    assert result.outcome is SeatCheck.DISABLE
    assert len(result.to_disable) == 3
    assert len(set(result.to_disable)) == 3
    admins = {h.user_id for h in group if h.is_admin}
    assert not admins & set(result.to_disable)
    assert set(result.to_disable) <= {h.user_id for h in group}
    assert result.seed == 2026
    assert "seed 2026" in result.message
    assert result.message.startswith("R15: ")


def test_r15_auto_disable_same_seed_draws_the_same_users() -> None:
    group = holders(30, admins=3)
    first = seat_check("Designer", SeatOverflow.AUTO_DISABLE, group, 20, seed=42)
    again = seat_check("Designer", SeatOverflow.AUTO_DISABLE, group, 20, seed=42)
    shuffled = seat_check("Designer", SeatOverflow.AUTO_DISABLE, group[::-1], 20, seed=42)
    assert first.to_disable == again.to_disable == shuffled.to_disable
    assert len(first.to_disable) == 10


def test_r15_auto_disable_different_seeds_can_draw_differently() -> None:
    group = holders(30, admins=3)
    draws = {
        seat_check("Designer", SeatOverflow.AUTO_DISABLE, group, 27, seed=seed).to_disable
        for seed in range(10)
    }
    assert len(draws) > 1


def test_r15_auto_disable_blocks_when_non_admins_are_too_few() -> None:
    # 6 holders, 4 of them Administrators, 1 seat left: 5 must go, only 2 may.
    result = seat_check("Designer", SeatOverflow.AUTO_DISABLE, holders(6, admins=4), 1, seed=1)
    assert result.outcome is SeatCheck.BLOCKED
    assert result.to_disable == ()
    assert result.message.startswith("R15: ")
    assert "Administrators" in result.message


def test_r15_auto_disable_may_disable_every_non_admin_when_that_fits() -> None:
    result = seat_check("Designer", SeatOverflow.AUTO_DISABLE, holders(6, admins=4), 4, seed=1)
    assert result.outcome is SeatCheck.DISABLE
    assert result.to_disable == (5, 6)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.booleans(), min_size=1, max_size=40),
    st.integers(min_value=0, max_value=40),
    st.integers(min_value=0, max_value=2**32),
)
def test_r15_property_auto_disable_makes_it_fit_without_touching_admins(
    admin_flags: list[bool], new_seats: int, seed: int
) -> None:
    group = [Holder(i, flag) for i, flag in enumerate(admin_flags, start=100)]
    result = seat_check("Designer", SeatOverflow.AUTO_DISABLE, group, new_seats, seed)
    excess = len(group) - new_seats
    non_admins = {h.user_id for h in group if not h.is_admin}
    if excess <= 0:
        assert result.outcome is SeatCheck.FITS
    elif len(non_admins) < excess:
        assert result.outcome is SeatCheck.BLOCKED
        assert result.to_disable == ()
    else:
        assert result.outcome is SeatCheck.DISABLE
        assert len(result.to_disable) == excess
        assert set(result.to_disable) <= non_admins
        assert len(group) - len(set(result.to_disable)) == new_seats
        assert seat_check("Designer", SeatOverflow.AUTO_DISABLE, group, new_seats, seed) == result


# --- R15 on a scheduled change's date -------------------------------------------------

ON = date(2027, 1, 1)
DESIGNER = Role("designer", "Designer", seat_overflow=SeatOverflow.AUTO_DISABLE)


def yearly(
    sub_id: int,
    seats: int,
    auto_renew: bool = True,
    billed_through: date | None = None,
    ends_on: date | None = None,
) -> Subscription:
    return Subscription(
        1,
        Cycle.YEARLY,
        date(2026, 1, 1),
        {"designer": seats},
        auto_renew=auto_renew,
        billed_through=billed_through,
        ends_on=ends_on,
        id=sub_id,
    )


def downgrade(sub_id: int, seats: int, on: date = ON, change_id: int = 1) -> ScheduledChange:
    return ScheduledChange(sub_id, on, ChangeProduct.ROLE, "designer", seats, id=change_id)


def test_r15_the_seats_of_a_day_leave_out_what_ends_and_apply_what_is_due() -> None:
    sources = SeatSources(
        [
            yearly(1, 10),
            yearly(2, 4, auto_renew=False, billed_through=date(2026, 6, 1)),  # ends first
            yearly(3, 5),  # downgraded to 2 before the day, to 1 after it
            yearly(4, 3, ends_on=ON),  # ends that day
        ],
        {3: [downgrade(3, 1, date(2027, 2, 1), 2), downgrade(3, 2, date(2026, 12, 1), 3)]},
    )
    assert sources.seats_on("designer", ON) == 10 + 2
    assert sources.seats_on("designer", ON, besides=1) == 2
    assert sources.seats_on("designer", date(2026, 3, 1)) == 10 + 4 + 5 + 3


def test_r15_a_downgrade_is_checked_with_the_other_seats_of_its_day() -> None:
    change = downgrade(1, 6)
    sources = SeatSources(
        [yearly(1, 10), yearly(2, 2, auto_renew=False, billed_through=date(2026, 6, 1))],
        {1: [change]},
    )
    result = sources.check_downgrade(change, DESIGNER, holders(7), ON)
    assert (result.outcome, result.held, result.seats) == (SeatCheck.DISABLE, 7, 6)
    assert result.seed == draw_seed(1, "designer", ON)
    assert result == seat_check("Designer", SeatOverflow.AUTO_DISABLE, holders(7), 6, result.seed)


def test_r15_only_a_pending_role_change_of_a_renewing_subscription_is_checked() -> None:
    change = downgrade(1, 6)
    renewing = SeatSources([yearly(1, 10)], {1: [change]})
    ending = SeatSources([yearly(1, 10, auto_renew=False)], {1: [change]})
    assert renewing.checked_on_its_date(change)
    assert not ending.checked_on_its_date(change)
    assert not renewing.checked_on_its_date(replace(change, status=ChangeStatus.CANCELLED))
    cycle = ScheduledChange(1, ON, ChangeProduct.CYCLE, cycle=Cycle.QUARTERLY)
    assert not renewing.checked_on_its_date(cycle)
