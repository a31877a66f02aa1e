"""Seeding a small world outside any transaction: a test's "given"."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from desktop_admin.domain.accounts import Account
from desktop_admin.domain.catalog import Addon, AddonKind, Audience, Role
from desktop_admin.domain.operators import Operator, OperatorRole
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.subscriptions import Subscription, SubscriptionStatus
from desktop_admin.domain.users import NamedUser
from tests.unit.services.fakes import FakeUnitOfWork

ADMIN = Operator("admin", OperatorRole.ADMINISTRATOR, "Ada Admin", id=1, version=1)
MANAGER = Operator("manager", OperatorRole.USER_MANAGER, "Max Manager", id=2, version=1)
CLERK = Operator("clerk", OperatorRole.BILLING_CLERK, "Carl Clerk", id=3, version=1)

ALL_CYCLES = {
    Cycle.MONTHLY: Decimal("49.00"),
    Cycle.QUARTERLY: Decimal("135.00"),
    Cycle.YEARLY: Decimal("490.00"),
}
DESIGNER = Role("designer", "Designer", prices=ALL_CYCLES)
NAMED_USER = Role("named-user", "Named user", prices=ALL_CYCLES)
BIM = Role(
    "bim",
    "BIM collaboration",
    audiences=frozenset({Audience.COMPANY}),
    prices={Cycle.QUARTERLY: Decimal("90.00"), Cycle.YEARLY: Decimal("320.00")},
)
GUEST_USERS = Addon("guest-users", "Guest users", AddonKind.GUEST_USERS, ALL_CYCLES)
STORAGE = Addon("storage", "Storage 100 GB", AddonKind.OTHER, ALL_CYCLES)


def seed_catalog(uow: FakeUnitOfWork, currency: str = "EUR") -> None:
    uow.catalog.set_currency(currency)
    for role in (DESIGNER, NAMED_USER, BIM):
        uow.catalog.save_role(role)
    for addon in (GUEST_USERS, STORAGE):
        uow.catalog.save_addon(addon)


def seed_account(
    uow: FakeUnitOfWork, name: str = "Acme SA", audience: Audience = Audience.COMPANY
) -> Account:
    return uow.accounts.add(Account(name=name, audience=audience, country="FR"))


def seed_subscription(
    uow: FakeUnitOfWork,
    account_id: int,
    seats: dict[str, int],
    addons: dict[str, int] | None = None,
    anchor: date = date(2026, 1, 1),
    status: SubscriptionStatus = SubscriptionStatus.ACTIVE,
    ends_on: date | None = None,
    cycle: Cycle = Cycle.YEARLY,
) -> Subscription:
    return uow.subscriptions.add(
        Subscription(
            account_id=account_id,
            cycle=cycle,
            anchor=anchor,
            seats=seats,
            addons=addons or {},
            status=status,
            ends_on=ends_on,
        )
    )


def seed_user(
    uow: FakeUnitOfWork,
    account_id: int,
    email: str,
    roles: Iterable[str] = (),
    enabled: bool = True,
    is_guest: bool = False,
    is_admin: bool = False,
) -> NamedUser:
    return uow.users.add(
        NamedUser(
            account_id=account_id,
            email=email,
            enabled=enabled,
            is_guest=is_guest,
            is_admin=is_admin,
            roles=frozenset(roles),
        )
    )


def seed_users(
    uow: FakeUnitOfWork,
    account_id: int,
    count: int,
    roles: Iterable[str] = (),
    enabled: bool = True,
    prefix: str = "user",
) -> list[NamedUser]:
    codes = tuple(roles)
    return [
        seed_user(uow, account_id, f"{prefix}{i:05d}@example.com", codes, enabled)
        for i in range(count)
    ]
