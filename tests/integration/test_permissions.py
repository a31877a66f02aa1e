"""Operators and permissions: checked in the services, whatever the caller shows."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop_admin.app import AdminApp, OperatorSession
from desktop_admin.domain.accounts import Account
from desktop_admin.domain.errors import AuthenticationFailed, PermissionDenied, RuleViolation
from desktop_admin.domain.operators import OperatorRole, Permission
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.users import UserQuery

PASSWORDS = {"hr": "hr password 1", "clerk": "clerk password 1"}


@pytest.fixture
def operators(admin: OperatorSession, company: Account) -> None:
    admin.operators.add(
        login="hr", role="user_manager", password=PASSWORDS["hr"], display_name="Human Resources"
    )
    admin.operators.add(login="clerk", role="billing_clerk", password=PASSWORDS["clerk"])


@pytest.fixture
def hr(app: AdminApp, operators: None) -> OperatorSession:
    return app.login("hr", PASSWORDS["hr"])


@pytest.fixture
def clerk(app: AdminApp, operators: None) -> OperatorSession:
    return app.login("clerk", PASSWORDS["clerk"])


def denied(action: Callable[[], object], db_snapshot: Callable[[], object]) -> str:
    before = db_snapshot()
    with pytest.raises(PermissionDenied) as refused:
        action()
    assert db_snapshot() == before
    return str(refused.value)


def test_operators_log_in_with_the_role_they_were_given(
    admin: OperatorSession, hr: OperatorSession, clerk: OperatorSession
) -> None:
    assert (hr.operator.role, hr.operator.display_name) == (
        OperatorRole.USER_MANAGER,
        "Human Resources",
    )
    assert clerk.operator.role is OperatorRole.BILLING_CLERK
    assert [(o.login, o.role) for o in admin.operators.all()] == [
        ("admin", OperatorRole.ADMINISTRATOR),
        ("clerk", OperatorRole.BILLING_CLERK),
        ("hr", OperatorRole.USER_MANAGER),
    ]


def test_a_billing_clerk_may_not_change_users_the_catalog_or_accounts(
    clerk: OperatorSession, company: Account, catalog_text: str, db_snapshot: Callable
) -> None:
    account = company.id or 0
    assert "clerk (Billing clerk) may not manage users" in denied(
        lambda: clerk.users.add(account_id=account, email="ada@acme.example").value, db_snapshot
    )
    assert "may not manage the catalog" in denied(
        lambda: clerk.catalog.import_text(catalog_text).value, db_snapshot
    )
    assert "may not manage accounts" in denied(
        lambda: clerk.accounts.create(name="Other", audience="company", country="FR").value,
        db_snapshot,
    )
    denied(lambda: clerk.accounts.add_bank_transfer(account).value, db_snapshot)
    denied(
        lambda: (
            clerk.subscriptions.record(
                account_id=account, cycle=Cycle.YEARLY, seats={"named-user": 1}
            ).value
        ),
        db_snapshot,
    )


def test_a_billing_clerk_may_read(clerk: OperatorSession, company: Account) -> None:
    assert [a.name for a in clerk.accounts.all()] == [company.name]
    assert clerk.users.export(UserQuery(company.id or 0, sort="id")) == []
    assert clerk.catalog.current().role("named-user") is not None
    assert clerk.may(Permission.RECORD_PAYMENTS)


def test_a_user_manager_may_add_users_but_not_the_catalog_nor_operators(
    admin: OperatorSession,
    hr: OperatorSession,
    company: Account,
    catalog_text: str,
    db_snapshot: Callable,
) -> None:
    admin.subscriptions.record(
        account_id=company.id or 0, cycle=Cycle.YEARLY, seats={"named-user": 2}
    )
    user = hr.users.add(
        account_id=company.id or 0,
        email="ada@acme.example",
        display_name="Ada",
        roles=["named-user"],
    ).value
    hr.users.set_enabled([user.id or 0], enabled=False)
    assert admin.users.get(user.id or 0).enabled is False
    denied(lambda: hr.catalog.import_text(catalog_text).value, db_snapshot)
    assert "hr (User manager) may not manage operators" in denied(
        lambda: (
            hr.operators.add(login="eve", role="administrator", password="eve password 1").value
        ),
        db_snapshot,
    )
    denied(lambda: hr.operators.all(), db_snapshot)
    denied(lambda: hr.audit.entries(), db_snapshot)
    denied(
        lambda: hr.accounts.create(name="Other", audience="company", country="FR").value,
        db_snapshot,
    )


def test_a_wrong_password_and_an_unknown_login_get_the_same_refusal(
    app: AdminApp, operators: None, db_snapshot: Callable
) -> None:
    before = db_snapshot()
    refusals = []
    for login, password in [("hr", "not the password"), ("nobody", PASSWORDS["hr"])]:
        with pytest.raises(AuthenticationFailed) as refused:
            app.login(login, password)
        refusals.append(str(refused.value))
    assert refusals[0] == refusals[1] == "unknown login or wrong password"
    assert db_snapshot() == before


def test_logins_ignore_case_and_surrounding_spaces(app: AdminApp, operators: None) -> None:
    assert app.login("  HR ", PASSWORDS["hr"]).operator.login == "hr"


def test_only_the_first_administrator_is_created_without_logging_in(
    app: AdminApp, admin: OperatorSession
) -> None:
    with pytest.raises(RuleViolation, match="already has operators"):
        app.create_first_administrator("mallory", "mallory password")
    assert [o.login for o in admin.operators.all()] == ["admin"]
