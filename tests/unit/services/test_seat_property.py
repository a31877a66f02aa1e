"""R14 as a property: whatever operators do, seats in use never pass seats bought."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hypothesis import event, given, settings
from hypothesis import strategies as st

from desktop_admin.domain.errors import RuleViolation
from desktop_admin.services import users
from tests.unit.services.builders import (
    ADMIN,
    seed_account,
    seed_catalog,
    seed_subscription,
    seed_user,
)
from tests.unit.services.contexts import context
from tests.unit.services.fakes import FakeClock, FakeUnitOfWork

ROLES = ("designer", "named-user")
USERS = 5  # ids 1-5 are named users, 6 and 7 are guests


@dataclass(frozen=True)
class Step:
    kind: str
    user_ids: tuple[int, ...]
    role: str


steps = st.builds(
    Step,
    kind=st.sampled_from(["enable", "disable", "assign", "unassign"]),
    user_ids=st.lists(st.integers(1, USERS + 2), min_size=1, max_size=4).map(tuple),
    role=st.sampled_from(ROLES),
)


def perform(uow: FakeUnitOfWork, clock: FakeClock, step: Step) -> object:
    ctx = context(uow, clock, ADMIN)
    actions: dict[str, Callable[[], object]] = {
        "enable": lambda: users.set_enabled(ctx, step.user_ids, enabled=True),
        "disable": lambda: users.set_enabled(ctx, step.user_ids, enabled=False),
        "assign": lambda: users.assign_role(ctx, step.user_ids, role=step.role),
        "unassign": lambda: users.unassign_role(ctx, step.user_ids, role=step.role),
    }
    return actions[step.kind]()


def enabled_holders(uow: FakeUnitOfWork, account_id: int) -> dict[str, int]:
    everyone = [u for u in uow.users.table.rows.values() if u.account_id == account_id]
    held = {code: sum(u.enabled and code in u.roles for u in everyone) for code in ROLES}
    held["guests"] = sum(u.enabled and u.is_guest for u in everyone)
    return held


@settings(max_examples=300, deadline=None)
@given(
    designer_seats=st.integers(0, 3),
    named_user_seats=st.integers(0, 3),
    guest_units=st.integers(0, 2),
    initial_roles=st.lists(st.frozensets(st.sampled_from(ROLES)), min_size=USERS, max_size=USERS),
    script=st.lists(steps, max_size=25),
)
def test_r14_enabled_role_holders_never_exceed_purchased_seats(
    designer_seats: int,
    named_user_seats: int,
    guest_units: int,
    initial_roles: list[frozenset[str]],
    script: list[Step],
) -> None:
    uow, clock = FakeUnitOfWork(), FakeClock()
    seed_catalog(uow)
    account = seed_account(uow)
    assert account.id is not None
    seed_subscription(
        uow,
        account.id,
        {"designer": designer_seats, "named-user": named_user_seats},
        {"guest-users": guest_units},
    )
    for n, roles in enumerate(initial_roles):  # all disabled: the rule holds at the start
        seed_user(uow, account.id, f"user{n}@x.com", roles, enabled=False)
    for n in range(2):
        seed_user(uow, account.id, f"guest{n}@x.com", is_guest=True, enabled=False)
    bought = {"designer": designer_seats, "named-user": named_user_seats, "guests": guest_units}

    for step in script:
        before, commits = uow.picture(), uow.commits
        try:
            perform(uow, clock, step)
        except RuleViolation as refusal:
            event(f"{step.kind} refused")
            assert refusal.rule == "R14", refusal
            assert uow.picture() == before and uow.commits == commits
            assert not uow.committed
        else:
            event(f"{step.kind} done")
            assert uow.committed and uow.commits == commits + 1
        held = enabled_holders(uow, account.id)
        assert all(held[code] <= bought[code] for code in bought), (step, held, bought)
