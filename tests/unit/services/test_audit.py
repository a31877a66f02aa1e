"""The audit trail: JSON-friendly snapshots, recorded with the change, read by permission."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum

import pytest

from desktop_admin.domain.catalog import Audience
from desktop_admin.domain.errors import PermissionDenied
from desktop_admin.domain.operators import Operator
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.subscriptions import Subscription, SubscriptionStatus
from desktop_admin.services import audit
from tests.unit.services.builders import CLERK, DESIGNER, MANAGER
from tests.unit.services.contexts import context
from tests.unit.services.fakes import FakeClock, FakeUnitOfWork


class Colour(Enum):
    RED = 1
    BLUE = 2


@dataclass(frozen=True)
class Everything:
    amount: Decimal
    colour: Colour
    audience: Audience
    day: date
    at: datetime
    tags: frozenset[str]
    cycles: frozenset[Cycle]
    prices: dict[Cycle, Decimal]
    pair: tuple[date, Decimal]
    nested: list[set[int]] = field(default_factory=list)
    nothing: None = None
    version: int = 7


def test_snapshot_turns_domain_values_into_json_friendly_ones() -> None:
    at = datetime(2026, 3, 15, 9, 30, tzinfo=UTC)
    value = Everything(
        amount=Decimal("411.29"),
        colour=Colour.BLUE,
        audience=Audience.MAKER,
        day=date(2026, 2, 28),
        at=at,
        tags=frozenset({"b", "a", "c"}),
        cycles=frozenset({Cycle.YEARLY, Cycle.MONTHLY}),
        prices={Cycle.YEARLY: Decimal("490.00"), Cycle.MONTHLY: Decimal("49.00")},
        pair=(date(2026, 1, 31), Decimal("0.10")),
        nested=[{3, 1, 2}],
    )
    picture = audit.snapshot(value)
    assert picture == {
        "amount": "411.29",
        "colour": 2,
        "audience": "maker",
        "day": "2026-02-28",
        "at": "2026-03-15T09:30:00+00:00",
        "tags": ["a", "b", "c"],
        "cycles": ["monthly", "yearly"],
        "prices": {"yearly": "490.00", "monthly": "49.00"},
        "pair": ["2026-01-31", "0.10"],
        "nested": [[1, 2, 3]],
        "nothing": None,
    }
    assert json.loads(json.dumps(picture)) == picture


def test_snapshot_of_a_role_and_a_subscription_round_trips_through_json() -> None:
    role = audit.snapshot(DESIGNER)
    assert role is not None
    assert role["audiences"] == ["company", "maker", "student"]
    assert role["prices"] == {"monthly": "49.00", "quarterly": "135.00", "yearly": "490.00"}
    assert role["kind"] == "licence" and "version" not in role
    subscription = audit.snapshot(
        Subscription(1, Cycle.QUARTERLY, date(2026, 1, 31), {"designer": 3}, ends_on=None, id=4)
    )
    assert subscription is not None
    assert subscription["anchor"] == "2026-01-31"
    assert subscription["status"] == SubscriptionStatus.ACTIVE.value == "active"
    assert subscription["seats"] == {"designer": 3}
    for picture in (role, subscription):
        assert json.loads(json.dumps(picture)) == picture


def test_snapshot_of_nothing_is_nothing() -> None:
    assert audit.snapshot(None) is None


def test_an_entry_records_who_when_and_what(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    ctx = context(uow, clock, MANAGER)
    entry = audit.change_entry(ctx, "user.update", "user", 12, before={"a": 1}, after=DESIGNER)
    assert (entry.at, entry.actor, entry.entity_id) == (clock.now(), "manager", "12")
    assert entry.before == {"a": 1}
    assert entry.after is not None and entry.after["code"] == "designer"
    with uow:
        audit.record_change(uow, ctx, "role.create", "role", "designer", after=DESIGNER)
        uow.commit()
    assert [(e.actor, e.action, e.entity_id) for e in uow.audit.stored] == [
        ("manager", "role.create", "designer")
    ]


@pytest.mark.parametrize("actor", [MANAGER, CLERK])
def test_reading_the_trail_needs_read_audit(
    uow: FakeUnitOfWork, clock: FakeClock, actor: Operator
) -> None:
    """(Reading it, a read model, is tested in tests/integration.)"""
    with pytest.raises(PermissionDenied, match="may not read the audit trail"):
        audit.list_entries(context(uow, clock, actor))
