"""Operators: what each role may do, and refusals that name the permission."""

from __future__ import annotations

import pytest

from desktop_admin.domain.errors import PermissionDenied
from desktop_admin.domain.operators import GRANTS, LOGIN, Operator, OperatorRole, Permission

P = Permission
ADMIN = Operator("alice", OperatorRole.ADMINISTRATOR)
MANAGER = Operator("ursula", OperatorRole.USER_MANAGER)
CLERK = Operator("bob", OperatorRole.BILLING_CLERK)

MANAGER_MAY = {P.READ_CATALOG, P.READ_ACCOUNTS, P.MANAGE_USERS, P.READ_USERS}
CLERK_MAY = {
    P.READ_CATALOG,
    P.READ_ACCOUNTS,
    P.READ_USERS,
    P.READ_BILLING,
    P.PRINT_DOCUMENTS,
    P.RECORD_PAYMENTS,
}


def test_role_labels() -> None:
    assert [r.label for r in OperatorRole] == ["Administrator", "User manager", "Billing clerk"]


@pytest.mark.parametrize("permission", list(Permission))
def test_administrator_may_do_everything(permission: Permission) -> None:
    assert ADMIN.may(permission)
    assert ADMIN.require(permission) is None


def test_every_role_has_exactly_its_grants() -> None:
    assert GRANTS[OperatorRole.ADMINISTRATOR] == set(Permission)
    assert GRANTS[OperatorRole.USER_MANAGER] == MANAGER_MAY
    assert GRANTS[OperatorRole.BILLING_CLERK] == CLERK_MAY
    assert set(GRANTS) == set(OperatorRole)


@pytest.mark.parametrize("permission", list(Permission))
def test_user_manager_manages_users_but_not_catalog_or_billing(permission: Permission) -> None:
    assert MANAGER.may(permission) is (permission in MANAGER_MAY)


def test_user_manager_key_permissions() -> None:
    assert MANAGER.may(P.MANAGE_USERS) and MANAGER.may(P.READ_USERS)
    for denied in (
        P.MANAGE_CATALOG,
        P.MANAGE_SUBSCRIPTIONS,
        P.READ_BILLING,
        P.RUN_BILLING,
        P.RECORD_PAYMENTS,
        P.PRINT_DOCUMENTS,
        P.MANAGE_OPERATORS,
    ):
        assert not MANAGER.may(denied), denied


@pytest.mark.parametrize("permission", list(Permission))
def test_billing_clerk_grants(permission: Permission) -> None:
    assert CLERK.may(permission) is (permission in CLERK_MAY)


def test_billing_clerk_reads_billing_prints_and_records_payments_only() -> None:
    assert CLERK.may(P.READ_BILLING) and CLERK.may(P.PRINT_DOCUMENTS)
    assert CLERK.may(P.RECORD_PAYMENTS)
    for denied in (
        P.MANAGE_USERS,
        P.MANAGE_CATALOG,
        P.MANAGE_OPERATORS,
        P.MANAGE_SUBSCRIPTIONS,
        P.MANAGE_ACCOUNTS,
    ):
        assert not CLERK.may(denied), denied


def test_require_names_the_operator_role_and_permission() -> None:
    with pytest.raises(PermissionDenied) as info:
        CLERK.require(P.MANAGE_USERS)
    assert info.value.message == "bob (Billing clerk) may not manage users and assignments"
    assert info.value.rule is None
    assert info.value.exit_status == 1
    with pytest.raises(PermissionDenied) as info:
        MANAGER.require(P.MANAGE_CATALOG)
    assert str(info.value) == "ursula (User manager) may not manage the catalog"


@pytest.mark.parametrize("role", list(OperatorRole))
@pytest.mark.parametrize("permission", list(Permission))
def test_a_disabled_operator_may_nothing(role: OperatorRole, permission: Permission) -> None:
    operator = Operator("gone", role, enabled=False)
    assert not operator.may(permission)
    with pytest.raises(PermissionDenied) as info:
        operator.require(permission)
    assert info.value.message.endswith(f"may not {permission.value}")


@pytest.mark.parametrize("login", ["alice", "a.b-c_d@corp", "x1", "0admin"])
def test_login_pattern_accepts(login: str) -> None:
    assert LOGIN.match(login)


@pytest.mark.parametrize("login", ["a", "Alice", "-alice", "al ice", "", "a" * 65])
def test_login_pattern_refuses(login: str) -> None:
    assert not LOGIN.match(login)
