"""R14: named users consume a seat of each role they hold while enabled; guests consume
units of the guest-user add-on; nothing is assigned past what was purchased."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pytest

from desktop_admin.app import OperatorSession
from desktop_admin.domain.accounts import Account
from desktop_admin.domain.errors import RuleViolation
from desktop_admin.domain.periods import Cycle

NAMED_USERS_FULL = "R14: Named user: 2 of 2 seats in use"


def subscribe(
    admin: OperatorSession, account: Account, seats: Mapping[str, int], **addons: int
) -> None:
    admin.subscriptions.record(
        account_id=account.id or 0,
        cycle=Cycle.YEARLY,
        seats=seats,
        addons={k.replace("_", "-"): n for k, n in addons.items()},
    )


def add(admin: OperatorSession, account: Account, name: str, *roles: str, **flags: bool) -> int:
    user = admin.users.add(
        account_id=account.id or 0,
        email=f"{name}@acme.example",
        display_name=name.title(),
        roles=roles,
        **flags,
    ).value
    assert user.id is not None
    return user.id


def in_use(admin: OperatorSession, account: Account) -> dict[str, tuple[int, int]]:
    return {s.code: (s.in_use, s.purchased) for s in admin.licences.seats(account.id or 0)}


def refused(action: Callable[[], object], message: str) -> None:
    with pytest.raises(RuleViolation) as error:
        action()
    assert error.value.rule == "R14"
    assert str(error.value) == message


@pytest.fixture
def two_seats(admin: OperatorSession, company: Account) -> tuple[int, int]:
    """2 named-user seats, both held by enabled users."""
    subscribe(admin, company, {"named-user": 2, "designer": 1})
    return add(admin, company, "ada", "named-user"), add(admin, company, "bob", "named-user")


def test_r14_adding_a_user_past_the_seats_is_refused_naming_role_and_count(
    admin: OperatorSession, company: Account, two_seats: tuple[int, int], db_snapshot: Callable
) -> None:
    before = db_snapshot()
    refused(lambda: add(admin, company, "cy", "named-user"), NAMED_USERS_FULL)
    assert db_snapshot() == before
    assert in_use(admin, company)["named-user"] == (2, 2)


def test_r14_disabling_a_user_frees_the_seat(
    admin: OperatorSession, company: Account, two_seats: tuple[int, int]
) -> None:
    admin.users.set_enabled([two_seats[0]], enabled=False)
    assert in_use(admin, company)["named-user"] == (1, 2)
    add(admin, company, "cy", "named-user")
    assert in_use(admin, company)["named-user"] == (2, 2)


def test_r14_enabling_a_user_back_when_the_seats_are_full_is_refused(
    admin: OperatorSession, company: Account, two_seats: tuple[int, int]
) -> None:
    admin.users.set_enabled([two_seats[0]], enabled=False)
    add(admin, company, "cy", "named-user")
    refused(lambda: admin.users.set_enabled([two_seats[0]], enabled=True).value, NAMED_USERS_FULL)
    assert admin.users.get(two_seats[0]).enabled is False


def test_r14_a_disabled_user_holding_the_role_does_not_count(
    admin: OperatorSession, company: Account, two_seats: tuple[int, int]
) -> None:
    dormant = add(admin, company, "cy", "named-user", enabled=False)
    assert admin.users.get(dormant).roles == {"named-user"}
    assert in_use(admin, company)["named-user"] == (2, 2)
    admin.users.set_enabled([two_seats[1]], enabled=False)
    admin.users.set_enabled([dormant], enabled=True)
    assert in_use(admin, company)["named-user"] == (2, 2)


def test_r14_unassigning_a_role_frees_its_seat(
    admin: OperatorSession, company: Account, two_seats: tuple[int, int]
) -> None:
    admin.users.unassign([two_seats[0]], role="named-user")
    assert admin.users.get(two_seats[0]).enabled is True
    cy = add(admin, company, "cy")
    admin.users.assign([cy], role="named-user")
    assert in_use(admin, company)["named-user"] == (2, 2)


def test_r14_a_bulk_assignment_past_the_free_seats_is_refused_whole(
    admin: OperatorSession, company: Account, db_snapshot: Callable
) -> None:
    subscribe(admin, company, {"named-user": 3})
    add(admin, company, "ada", "named-user")
    ids = [add(admin, company, name) for name in ("bob", "cy", "dan")]
    before = db_snapshot()
    refused(
        lambda: admin.users.assign(ids, role="named-user").value,
        "R14: Named user: 1 of 3 seats in use; 3 more requested",
    )
    assert db_snapshot() == before
    assert all(not admin.users.get(i).roles for i in ids)
    assert len(admin.users.assign(ids[:2], role="named-user").value) == 2
    assert in_use(admin, company)["named-user"] == (3, 3)


def test_r14_seats_are_counted_per_role(
    admin: OperatorSession, company: Account, two_seats: tuple[int, int]
) -> None:
    admin.users.assign([two_seats[0]], role="designer")
    refused(
        lambda: admin.users.assign([two_seats[1]], role="designer").value,
        "R14: Designer: 1 of 1 seats in use",
    )
    assert in_use(admin, company) == {"named-user": (2, 2), "designer": (1, 1)}


def test_r14_seats_are_counted_per_account(
    admin: OperatorSession, company: Account, two_seats: tuple[int, int]
) -> None:
    other = admin.accounts.create(name="Other Studio", audience="company", country="DE").value
    subscribe(admin, other, {"named-user": 1})
    add(admin, other, "ada", "named-user")
    assert in_use(admin, other)["named-user"] == (1, 1)
    assert in_use(admin, company)["named-user"] == (2, 2)


def test_r14_without_a_subscription_no_role_can_be_held(
    admin: OperatorSession, company: Account
) -> None:
    refused(lambda: add(admin, company, "ada", "designer"), "R14: Designer: 0 of 0 seats in use")


def test_r14_guests_consume_guest_user_units_up_to_the_quantity(
    admin: OperatorSession, company: Account, db_snapshot: Callable
) -> None:
    subscribe(admin, company, {"named-user": 2}, guest_users=2, storage_100gb=3)
    add(admin, company, "gina", is_guest=True)
    second = add(admin, company, "gus", is_guest=True)
    assert in_use(admin, company) == {"named-user": (0, 2), "__guests__": (2, 2)}
    before = db_snapshot()
    refused(
        lambda: add(admin, company, "guy", is_guest=True),
        "R14: Guest users: 2 of 2 guest users in use",
    )
    assert db_snapshot() == before
    admin.users.set_enabled([second], enabled=False)
    add(admin, company, "guy", is_guest=True)
    refused(
        lambda: admin.users.set_enabled([second], enabled=True).value,
        "R14: Guest users: 2 of 2 guest users in use",
    )


def test_r14_guests_hold_no_role_seat(
    admin: OperatorSession, company: Account, db_snapshot: Callable
) -> None:
    subscribe(admin, company, {"named-user": 5}, guest_users=5)
    guest = add(admin, company, "gina", is_guest=True)
    before = db_snapshot()
    with pytest.raises(RuleViolation, match=r"^R14: .* is a guest user"):
        add(admin, company, "gus", "named-user", is_guest=True)
    with pytest.raises(RuleViolation, match=r"^R14: .* is a guest user"):
        admin.users.assign([guest], role="named-user")
    assert db_snapshot() == before
    assert in_use(admin, company)["named-user"] == (0, 5)


def test_r14_a_guest_without_a_guest_user_add_on_is_refused(
    admin: OperatorSession, company: Account, two_seats: tuple[int, int]
) -> None:
    refused(
        lambda: add(admin, company, "gina", is_guest=True),
        "R14: Guest users: 0 of 0 guest users in use",
    )
