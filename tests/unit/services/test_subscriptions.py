"""Recording subscriptions: roles and cycles the account may buy (R01-R03)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from desktop_admin.domain.catalog import Audience
from desktop_admin.domain.errors import InvalidInput, NotFound, PermissionDenied, RuleViolation
from desktop_admin.domain.operators import Operator
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.subscriptions import Subscription, SubscriptionStatus
from desktop_admin.services import subscriptions
from tests.unit.services.builders import ADMIN, CLERK, MANAGER, seed_account, seed_catalog
from tests.unit.services.contexts import context
from tests.unit.services.fakes import FakeClock, FakeUnitOfWork


def account_of(uow: FakeUnitOfWork, audience: Audience) -> int:
    seed_catalog(uow)
    account = seed_account(uow, audience.value, audience)
    assert account.id is not None
    return account.id


def record(
    uow: FakeUnitOfWork,
    clock: FakeClock,
    actor: Operator,
    account_id: int,
    cycle: Cycle,
    seats: dict[str, int],
    addons: dict[str, int] | None = None,
    **options: Any,
) -> Subscription:
    return subscriptions.record_subscription(
        context(uow, clock, actor),
        account_id=account_id,
        cycle=cycle,
        seats=seats,
        addons=addons,
        **options,
    )


def where(exc: InvalidInput) -> list[tuple[str | None, str]]:
    return [(p.field, p.reason) for p in exc.problems]


def test_a_subscription_is_recorded_from_today(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    account_id = account_of(uow, Audience.COMPANY)
    recorded = record(
        uow, clock, ADMIN, account_id, Cycle.YEARLY, {"designer": 5}, {"guest-users": 2}
    )
    assert (recorded.id, recorded.anchor, recorded.status) == (
        1,
        clock.today(),
        SubscriptionStatus.ACTIVE,
    )
    assert dict(recorded.seats) == {"designer": 5} and dict(recorded.addons) == {"guest-users": 2}
    assert uow.committed
    assert subscriptions.subscriptions_of(context(uow, clock, CLERK), account_id) == [recorded]
    [entry] = uow.audit.entries()
    assert (entry.action, entry.entity, entry.entity_id) == (
        "subscription.create",
        "subscription",
        "1",
    )
    assert entry.after is not None
    assert entry.after["anchor"] == "2026-03-15" and entry.after["cycle"] == "yearly"


def test_a_trial_may_start_on_a_given_date(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    account_id = account_of(uow, Audience.STUDENT)
    trial = record(
        uow,
        clock,
        ADMIN,
        account_id,
        Cycle.YEARLY,
        {"named-user": 1},
        start=date(2026, 4, 1),
        status=SubscriptionStatus.TRIAL,
    )
    assert (trial.anchor, trial.status) == (date(2026, 4, 1), SubscriptionStatus.TRIAL)


@pytest.mark.parametrize(
    ("audience", "cycle"),
    [
        (Audience.COMPANY, Cycle.MONTHLY),
        (Audience.MAKER, Cycle.QUARTERLY),
        (Audience.STUDENT, Cycle.MONTHLY),
        (Audience.STUDENT, Cycle.QUARTERLY),
    ],
)
def test_r01_a_cycle_the_audience_may_not_buy_is_refused(
    uow: FakeUnitOfWork, clock: FakeClock, audience: Audience, cycle: Cycle
) -> None:
    account_id = account_of(uow, audience)
    before = uow.picture()
    with pytest.raises(RuleViolation) as info:
        record(uow, clock, ADMIN, account_id, cycle, {"designer": 1})
    assert info.value.rule == "R01"
    assert f"a {audience.value} account cannot buy a {cycle.value} cycle" in str(info.value)
    assert not uow.committed and uow.picture() == before


def test_r01_a_role_not_offered_to_the_audience_is_refused(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    account_id = account_of(uow, Audience.MAKER)
    with pytest.raises(RuleViolation) as info:
        record(uow, clock, ADMIN, account_id, Cycle.YEARLY, {"bim": 1})
    assert info.value.rule == "R01" and "not offered to maker" in str(info.value)
    assert uow.subscriptions.for_account(account_id) == []


def test_r01_unknown_roles_and_add_ons_are_all_listed(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    account_id = account_of(uow, Audience.COMPANY)
    with pytest.raises(InvalidInput) as info:
        record(
            uow,
            clock,
            ADMIN,
            account_id,
            Cycle.YEARLY,
            {"designer": 1, "pilot": 2, "copilot": 1},
            {"guest-users": 1, "jetpack": 3},
        )
    assert where(info.value) == [
        ("seat", "no role 'pilot' in the catalog"),
        ("seat", "no role 'copilot' in the catalog"),
        ("addon", "no add-on 'jetpack' in the catalog"),
    ]
    assert not uow.committed and uow.subscriptions.for_account(account_id) == []


def test_non_positive_quantities_are_all_listed(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    account_id = account_of(uow, Audience.COMPANY)
    with pytest.raises(InvalidInput) as info:
        record(
            uow,
            clock,
            ADMIN,
            account_id,
            Cycle.QUARTERLY,
            {"designer": 0, "named-user": -2, "pilot": 1},
            {"guest-users": -1},
        )
    assert where(info.value) == [
        ("designer", "0 is not a positive number of seats"),
        ("named-user", "-2 is not a positive number of seats"),
        ("guest-users", "-1 is not a positive number of units"),
        ("seat", "no role 'pilot' in the catalog"),
    ]
    assert uow.commits == 0


def test_a_subscription_without_seats_is_refused(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    account_id = account_of(uow, Audience.COMPANY)
    with pytest.raises(InvalidInput) as info:
        record(uow, clock, ADMIN, account_id, Cycle.YEARLY, {}, {"storage": 1})
    assert [p.field for p in info.value.problems] == ["seat"]


def test_an_unknown_account_is_not_found(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    seed_catalog(uow)
    with pytest.raises(NotFound):
        record(uow, clock, ADMIN, 7, Cycle.YEARLY, {"designer": 1})
    with pytest.raises(NotFound):
        subscriptions.subscriptions_of(context(uow, clock, ADMIN), 7)


@pytest.mark.parametrize("actor", [MANAGER, CLERK])
def test_recording_needs_manage_subscriptions(
    uow: FakeUnitOfWork, clock: FakeClock, actor: Operator
) -> None:
    account_id = account_of(uow, Audience.COMPANY)
    with pytest.raises(PermissionDenied, match="may not manage subscriptions"):
        record(uow, clock, actor, account_id, Cycle.YEARLY, {"designer": 1})
    assert uow.subscriptions.for_account(account_id) == [] and uow.commits == 0


def test_r06_a_recorded_subscription_is_paid_by_a_method_its_audience_may_use(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    company = account_of(uow, Audience.COMPANY)
    recorded = record(uow, clock, ADMIN, company, Cycle.YEARLY, {"designer": 5}, payment="transfer")
    assert recorded.payment_kind == "transfer"
    maker = seed_account(uow, "maker", Audience.MAKER).id or 0
    with pytest.raises(RuleViolation, match="R06: only company accounts"):
        record(uow, clock, ADMIN, maker, Cycle.YEARLY, {"designer": 1}, payment="transfer")
    with pytest.raises(InvalidInput):
        record(uow, clock, ADMIN, company, Cycle.YEARLY, {"designer": 1}, payment="cheque")
