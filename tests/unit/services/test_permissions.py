"""Permissions are checked in the services (architecture rule 5): a billing clerk
changes nothing but what billing grants, whatever the GUI shows."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop_admin.domain.errors import PermissionDenied
from desktop_admin.domain.operators import Operator
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.users import BulkKind
from desktop_admin.services import (
    accounts,
    catalog,
    operators,
    subscriptions,
    user_bulk,
    user_import,
    users,
)
from tests.unit.services.builders import (
    CLERK,
    MANAGER,
    seed_account,
    seed_catalog,
    seed_subscription,
    seed_user,
)
from tests.unit.services.contexts import context
from tests.unit.services.fakes import FakeClock, FakeHasher, FakeUnitOfWork

Call = Callable[[FakeUnitOfWork, FakeClock, Operator], object]
CSV = "email,roles\nnew@x.com,designer\n"
TOML = 'currency = "EUR"\n[[roles]]\ncode = "r"\nname = "R"\naudiences = ["company"]\n'
TOML += 'prices = { yearly = "1.00" }\n'

MUTATIONS: dict[str, Call] = {
    "create_account": lambda u, c, a: accounts.create_account(
        context(u, c, a), name="New", audience="company", country="FR"
    ),
    "add_card": lambda u, c, a: accounts.add_card(
        context(u, c, a), 1, token="tok", brand="visa", last4="4242", exp_month=12, exp_year=2030
    ),
    "add_bank_transfer": lambda u, c, a: accounts.add_bank_transfer(context(u, c, a), 1),
    "import_catalog": lambda u, c, a: catalog.import_catalog(context(u, c, a), TOML),
    "add_operator": lambda u, c, a: operators.add_operator(
        context(u, c, a, FakeHasher()), login="newbie", role="user_manager", password="long enough"
    ),
    "record_subscription": lambda u, c, a: subscriptions.record_subscription(
        context(u, c, a), account_id=1, cycle=Cycle.YEARLY, seats={"designer": 1}
    ),
    "add_user": lambda u, c, a: users.add_user(
        context(u, c, a), account_id=1, email="new@x.com", roles=["designer"]
    ),
    "edit_user": lambda u, c, a: users.edit_user(
        context(u, c, a), 1, expected_version=1, display_name="x"
    ),
    "set_enabled": lambda u, c, a: users.set_enabled(context(u, c, a), [1], enabled=False),
    "assign_role": lambda u, c, a: users.assign_role(context(u, c, a), [1], role="named-user"),
    "unassign_role": lambda u, c, a: users.unassign_role(context(u, c, a), [1], role="designer"),
    "bulk_change": lambda u, c, a: user_bulk.bulk_change(
        context(u, c, a), kind=BulkKind.DISABLE, user_ids=[1]
    ),
    "remove_users": lambda u, c, a: users.remove_users(context(u, c, a), [1]),
    "import_users": lambda u, c, a: user_import.import_users(
        context(u, c, a), account_id=1, text=CSV
    ),
}
#: What a user manager may do of the above.
USER_MANAGER_MAY = {
    "add_user",
    "edit_user",
    "set_enabled",
    "assign_role",
    "unassign_role",
    "bulk_change",
    "remove_users",
    "import_users",
}


@pytest.fixture
def world(uow: FakeUnitOfWork) -> FakeUnitOfWork:
    seed_catalog(uow)
    account = seed_account(uow)
    assert account.id == 1
    seed_subscription(uow, 1, {"designer": 5, "named-user": 5})
    seed_user(uow, 1, "someone@x.com", ["designer"])
    return uow


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_a_billing_clerk_is_refused_every_mutating_service(
    world: FakeUnitOfWork, clock: FakeClock, name: str
) -> None:
    before = world.picture()
    with pytest.raises(PermissionDenied) as info:
        MUTATIONS[name](world, clock, CLERK)
    assert str(info.value).startswith("clerk (Billing clerk) may not ")
    assert not world.in_transaction and world.commits == 0
    assert world.picture() == before


@pytest.mark.parametrize("name", sorted(set(MUTATIONS) - USER_MANAGER_MAY))
def test_a_user_manager_is_refused_what_is_not_users(
    world: FakeUnitOfWork, clock: FakeClock, name: str
) -> None:
    before = world.picture()
    with pytest.raises(PermissionDenied):
        MUTATIONS[name](world, clock, MANAGER)
    assert world.commits == 0 and world.picture() == before


@pytest.mark.parametrize("name", sorted(USER_MANAGER_MAY))
def test_a_user_manager_manages_users(world: FakeUnitOfWork, clock: FakeClock, name: str) -> None:
    MUTATIONS[name](world, clock, MANAGER)
    assert world.committed
