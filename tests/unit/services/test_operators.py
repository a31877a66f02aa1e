"""Operators: the first Administrator, logging in, adding operators."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop_admin.domain.errors import (
    AuthenticationFailed,
    InvalidInput,
    PermissionDenied,
    RuleViolation,
)
from desktop_admin.domain.operators import Operator, OperatorRole
from desktop_admin.services import operators
from tests.unit.services.builders import ADMIN, CLERK, MANAGER
from tests.unit.services.contexts import context
from tests.unit.services.fakes import FakeClock, FakeHasher, FakeUnitOfWork

VAGUE = "unknown login or wrong password"


def first_administrator(
    uow: FakeUnitOfWork, clock: FakeClock, hasher: FakeHasher, login: str, password: str
) -> Operator:
    return operators.create_first_administrator(
        lambda: uow, clock, hasher, login=login, password=password
    )


def signing_in(uow: FakeUnitOfWork, hasher: FakeHasher, login: str, password: str) -> Operator:
    return operators.authenticate(lambda: uow, hasher, login=login, password=password)


def adding(
    uow: FakeUnitOfWork, clock: FakeClock, hasher: FakeHasher, actor: Operator, *new: str
) -> Operator:
    """`operators.add_operator` of (login, role, password[, display name])."""
    login, role, password, *name = new
    return operators.add_operator(
        context(uow, clock, actor, hasher),
        login=login,
        role=role,
        password=password,
        display_name=name[0] if name else "",
    )


def fields_of(exc: InvalidInput) -> list[str | None]:
    return [p.field for p in exc.problems]


@pytest.fixture
def with_admin(uow: FakeUnitOfWork, clock: FakeClock, hasher: FakeHasher) -> Operator:
    return operators.create_first_administrator(
        lambda: uow, clock, hasher, login="root", password="s3cret-enough", display_name="Root"
    )


def test_the_first_administrator_is_created_when_there_is_no_operator(
    uow: FakeUnitOfWork, clock: FakeClock, hasher: FakeHasher
) -> None:
    admin = first_administrator(uow, clock, hasher, "root", "s3cret-enough")
    assert admin.role is OperatorRole.ADMINISTRATOR and admin.id == 1
    assert admin.display_name == "root"
    found = uow.operators.by_login("root")
    assert found is not None and found[1] == hasher.hash("s3cret-enough")
    assert uow.committed
    [entry] = uow.audit.stored
    assert (entry.actor, entry.action, entry.entity_id) == ("root", "operator.create", "1")
    assert entry.after is not None and entry.after["role"] == "administrator"
    assert entry.at == clock.now()


def test_a_second_first_administrator_is_refused(
    uow: FakeUnitOfWork, clock: FakeClock, hasher: FakeHasher, with_admin: Operator
) -> None:
    before = uow.picture()
    with pytest.raises(RuleViolation, match="already has operators"):
        first_administrator(uow, clock, hasher, "other", "s3cret-enough")
    assert not uow.committed
    assert uow.picture() == before and uow.operators.count() == 1


def test_the_first_administrator_lists_login_and_password_problems(
    uow: FakeUnitOfWork, clock: FakeClock, hasher: FakeHasher
) -> None:
    with pytest.raises(InvalidInput) as info:
        first_administrator(uow, clock, hasher, "Bad Login!", "short")
    assert fields_of(info.value) == ["login", "password"]
    assert "at least 8 characters" in str(info.value)
    assert uow.operators.count() == 0 and uow.commits == 0


@pytest.mark.parametrize("login", ["a", "Upper", "with space", "-dash-first", "x" * 65])
def test_logins_outside_the_pattern_are_refused(
    uow: FakeUnitOfWork, clock: FakeClock, hasher: FakeHasher, login: str
) -> None:
    with pytest.raises(InvalidInput) as info:
        first_administrator(uow, clock, hasher, login, "long enough")
    assert fields_of(info.value) == ["login"]


def test_authenticate_returns_the_operator_for_the_right_password(
    uow: FakeUnitOfWork, hasher: FakeHasher, with_admin: Operator
) -> None:
    assert signing_in(uow, hasher, "  ROOT ", "s3cret-enough") == with_admin
    assert not uow.committed


def disable(uow: FakeUnitOfWork, login: str) -> None:
    found = uow.operators.by_login(login)
    assert found is not None
    uow.operators.update(replace(found[0], enabled=False))


@pytest.mark.parametrize(
    ("login", "password", "disabled"),
    [
        ("root", "wrong password", False),
        ("nobody", "s3cret-enough", False),
        ("root", "s3cret-enough", True),
        ("root", "wrong password", True),
    ],
    ids=["bad-password", "unknown-login", "disabled", "disabled-and-bad-password"],
)
def test_every_authentication_failure_gets_the_same_vague_message(
    uow: FakeUnitOfWork,
    hasher: FakeHasher,
    with_admin: Operator,
    login: str,
    password: str,
    disabled: bool,
) -> None:
    if disabled:
        disable(uow, "root")
    with pytest.raises(AuthenticationFailed) as info:
        signing_in(uow, hasher, login, password)
    assert str(info.value) == VAGUE
    assert info.value.exit_status == 1


def test_an_unknown_login_costs_what_a_known_one_does(
    uow: FakeUnitOfWork, hasher: FakeHasher, with_admin: Operator
) -> None:
    """A refusal of an unknown login runs the password through the application's own
    hash parameters once, as checking a known login's password does: its time does
    not tell which logins exist (a cheaper dummy hash did)."""
    hasher.hashed.clear()
    with pytest.raises(AuthenticationFailed):
        signing_in(uow, hasher, "nobody", "whatever1")
    assert hasher.hashed == ["whatever1"] and hasher.verified == []
    with pytest.raises(AuthenticationFailed):
        signing_in(uow, hasher, with_admin.login, "wrong password")
    assert len(hasher.verified) == 1 and hasher.hashed == ["whatever1"]


def test_authenticate_on_an_empty_database_says_how_to_begin(
    uow: FakeUnitOfWork, hasher: FakeHasher
) -> None:
    with pytest.raises(AuthenticationFailed, match="create the first Administrator"):
        signing_in(uow, hasher, "root", "s3cret-enough")


@pytest.mark.parametrize("actor", [MANAGER, CLERK, replace(ADMIN, enabled=False)])
def test_add_operator_needs_the_manage_operators_permission(
    uow: FakeUnitOfWork, clock: FakeClock, hasher: FakeHasher, actor: Operator
) -> None:
    with pytest.raises(PermissionDenied, match="may not manage operators"):
        adding(uow, clock, hasher, actor, "newbie", "billing_clerk", "long enough")
    assert uow.operators.count() == 0 and uow.commits == 0


def test_an_administrator_adds_an_operator(
    uow: FakeUnitOfWork, clock: FakeClock, hasher: FakeHasher, with_admin: Operator
) -> None:
    added = adding(uow, clock, hasher, with_admin, "carl", "billing_clerk", "long enough", "Carl")
    assert (added.role, added.display_name, added.id) == (OperatorRole.BILLING_CLERK, "Carl", 2)
    assert uow.committed
    entry = uow.audit.stored[-1]
    assert (entry.actor, entry.action, entry.entity_id) == ("root", "operator.create", "2")
    assert signing_in(uow, hasher, "carl", "long enough") == added
    assert [o.login for o in operators.list_operators(context(uow, clock, with_admin))] == [
        "carl",
        "root",
    ]


def test_add_operator_refuses_a_taken_login(
    uow: FakeUnitOfWork, clock: FakeClock, hasher: FakeHasher, with_admin: Operator
) -> None:
    with pytest.raises(InvalidInput) as info:
        adding(uow, clock, hasher, with_admin, "root", "user_manager", "long pass")
    assert fields_of(info.value) == ["login"] and "taken" in str(info.value)
    assert not uow.committed and uow.operators.count() == 1


def test_add_operator_refuses_an_unknown_role(
    uow: FakeUnitOfWork, clock: FakeClock, hasher: FakeHasher, with_admin: Operator
) -> None:
    with pytest.raises(InvalidInput) as info:
        adding(uow, clock, hasher, with_admin, "boss", "owner", "long enough")
    assert fields_of(info.value) == ["role"]
    assert "administrator, user_manager, billing_clerk" in str(info.value)


def test_add_operator_lists_login_and_password_problems(
    uow: FakeUnitOfWork, clock: FakeClock, hasher: FakeHasher, with_admin: Operator
) -> None:
    with pytest.raises(InvalidInput) as info:
        adding(uow, clock, hasher, with_admin, "X", "user_manager", "short")
    assert fields_of(info.value) == ["login", "password"]
    assert uow.operators.count() == 1


def test_add_operator_lists_every_problem_not_only_the_role(
    uow: FakeUnitOfWork, clock: FakeClock, hasher: FakeHasher, with_admin: Operator
) -> None:
    """InvalidInput lists every problem found, not only the first (errors.py)."""
    with pytest.raises(InvalidInput) as info:
        adding(uow, clock, hasher, with_admin, "X", "owner", "short")
    assert sorted(f or "" for f in fields_of(info.value)) == ["login", "password", "role"]


@pytest.mark.parametrize("actor", [MANAGER, CLERK])
def test_only_an_administrator_lists_operators(
    uow: FakeUnitOfWork, clock: FakeClock, actor: Operator
) -> None:
    with pytest.raises(PermissionDenied):
        operators.list_operators(context(uow, clock, actor))
