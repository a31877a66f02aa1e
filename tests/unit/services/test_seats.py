"""Seat accounting (R14): what an account bought against what its users hold."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_admin.domain.errors import PermissionDenied, RuleViolation
from desktop_admin.domain.subscriptions import SubscriptionStatus
from desktop_admin.domain.users import GUESTS, SeatUsage
from desktop_admin.services import seats, users
from tests.unit.services.builders import (
    ADMIN,
    CLERK,
    seed_account,
    seed_catalog,
    seed_subscription,
    seed_user,
)
from tests.unit.services.contexts import context
from tests.unit.services.fakes import FakeClock, FakeUnitOfWork

TODAY = date(2026, 3, 15)


@pytest.fixture
def account_id(uow: FakeUnitOfWork) -> int:
    seed_catalog(uow)
    account = seed_account(uow)
    assert account.id is not None
    return account.id


@pytest.mark.parametrize(
    ("status", "anchor", "ends_on", "counted"),
    [
        (SubscriptionStatus.ACTIVE, date(2026, 1, 1), None, True),
        (SubscriptionStatus.TRIAL, date(2026, 3, 1), date(2026, 3, 31), True),
        (SubscriptionStatus.ACTIVE, TODAY, None, True),  # from its first day
        (SubscriptionStatus.ACTIVE, date(2026, 3, 16), None, False),  # not started yet
        (SubscriptionStatus.ACTIVE, date(2025, 3, 15), TODAY, False),  # ends today: [start, end)
        (SubscriptionStatus.ACTIVE, date(2025, 3, 15), date(2026, 3, 16), True),
        (SubscriptionStatus.CANCELLED, date(2026, 1, 1), None, False),
        (SubscriptionStatus.ENDED, date(2026, 1, 1), None, False),
        (SubscriptionStatus.FROZEN, date(2026, 1, 1), None, False),
    ],
)
def test_r14_only_subscriptions_granting_seats_today_count(
    uow: FakeUnitOfWork,
    account_id: int,
    status: SubscriptionStatus,
    anchor: date,
    ends_on: date | None,
    counted: bool,
) -> None:
    seed_subscription(uow, account_id, {"designer": 1})  # always granting
    seed_subscription(
        uow, account_id, {"designer": 10}, {"guest-users": 4}, anchor, status, ends_on
    )
    with uow:
        usage = seats.seat_usage(uow, account_id, TODAY)
    assert usage["designer"].purchased == (11 if counted else 1)
    assert usage[GUESTS].purchased == (4 if counted else 0)


def test_r14_subscriptions_add_up_and_other_accounts_do_not_count(
    uow: FakeUnitOfWork, account_id: int
) -> None:
    other = seed_account(uow, "Other")
    assert other.id is not None
    seed_subscription(uow, account_id, {"designer": 2, "named-user": 5})
    seed_subscription(uow, account_id, {"designer": 3})
    seed_subscription(uow, other.id, {"designer": 100})
    seed_user(uow, other.id, "a@other.com", ["designer"])
    with uow:
        usage = seats.seat_usage(uow, account_id, TODAY)
    assert usage["designer"] == SeatUsage("designer", "Designer", 5, 0)
    assert usage["named-user"] == SeatUsage("named-user", "Named user", 5, 0)


def test_r14_only_enabled_non_guest_users_hold_seats(uow: FakeUnitOfWork, account_id: int) -> None:
    seed_subscription(uow, account_id, {"designer": 5}, {"guest-users": 3, "storage": 7})
    seed_user(uow, account_id, "on@x.com", ["designer", "named-user"])
    seed_user(uow, account_id, "on2@x.com", ["designer"])
    seed_user(uow, account_id, "off@x.com", ["designer"], enabled=False)
    seed_user(uow, account_id, "guest@x.com", is_guest=True)
    seed_user(uow, account_id, "guest-off@x.com", is_guest=True, enabled=False)
    with uow:
        usage = seats.seat_usage(uow, account_id, TODAY)
    assert usage["designer"] == SeatUsage("designer", "Designer", 5, 2)
    # Held without a seat bought: shown as over-assigned, never hidden.
    assert usage["named-user"] == SeatUsage("named-user", "Named user", 0, 1)
    assert usage["named-user"].over_assigned
    # Only guest-user add-ons seat guests; the storage units do not.
    assert usage[GUESTS] == SeatUsage(GUESTS, "Guest users", 3, 1)


def test_r14_guests_count_against_guest_user_units_not_role_seats(
    uow: FakeUnitOfWork, clock: FakeClock, account_id: int
) -> None:
    seed_subscription(uow, account_id, {"designer": 1}, {"guest-users": 2})
    for n in range(2):
        users.add_user(
            context(uow, clock, ADMIN), account_id=account_id, email=f"g{n}@x.com", is_guest=True
        )
    users.add_user(
        context(uow, clock, ADMIN), account_id=account_id, email="d@x.com", roles=["designer"]
    )
    with pytest.raises(RuleViolation, match="Guest users: 2 of 2 guest users in use"):
        users.add_user(
            context(uow, clock, ADMIN), account_id=account_id, email="g3@x.com", is_guest=True
        )
    assert seats.account_seats(context(uow, FakeClock(TODAY), CLERK), account_id) == [
        SeatUsage("designer", "Designer", 1, 1),
        SeatUsage(GUESTS, "Guest users", 2, 2),
    ]


def test_account_seats_leaves_out_guests_when_none_bought_nor_used(
    uow: FakeUnitOfWork, account_id: int
) -> None:
    seed_subscription(uow, account_id, {"designer": 3})
    assert seats.account_seats(context(uow, FakeClock(TODAY), ADMIN), account_id) == [
        SeatUsage("designer", "Designer", 3, 0)
    ]


def test_r14_seats_of_an_ended_subscription_cannot_be_assigned(
    uow: FakeUnitOfWork, clock: FakeClock, account_id: int
) -> None:
    seed_subscription(uow, account_id, {"designer": 1}, ends_on=date(2026, 3, 20))
    user = seed_user(uow, account_id, "a@x.com", enabled=False, roles=["designer"])
    assert user.id is not None
    clock.advance(5)  # 20 March: the subscription has ended
    with pytest.raises(RuleViolation, match=r"(?i)^R14: designer: 0 of 0 seats in use$"):
        users.set_enabled(context(uow, clock, ADMIN), [user.id], enabled=True)


def test_account_seats_needs_read_users(uow: FakeUnitOfWork, account_id: int) -> None:
    from dataclasses import replace

    with pytest.raises(PermissionDenied):
        seats.account_seats(
            context(uow, FakeClock(TODAY), replace(CLERK, enabled=False)), account_id
        )
