"""Managing operators on real databases: change a role, disable and enable, reset a
password; never the last enabled Administrator nor yourself; Administrators only; every
change in the audit trail, without the password or its hash."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from desktop_admin.app import AdminApp, OperatorSession
from desktop_admin.domain.errors import (
    AuthenticationFailed,
    InvalidInput,
    NotFound,
    PermissionDenied,
    RuleViolation,
)
from desktop_admin.domain.operators import Operator, OperatorRole
from desktop_admin.domain.outcome import Changes
from tests.integration.conftest import Query

CLERK_PASSWORD = "clerk password 1"


@pytest.fixture
def clerk(admin: OperatorSession) -> Operator:
    return admin.operators.add(login="clerk", role="billing_clerk", password=CLERK_PASSWORD).value


def by_login(session: OperatorSession, login: str) -> Operator:
    return next(o for o in session.operators.all() if o.login == login)


def test_an_administrator_changes_a_role_and_the_operator_signs_in_with_it(
    app: AdminApp, admin: OperatorSession, clerk: Operator
) -> None:
    assert clerk.id is not None
    outcome = admin.operators.change_role(clerk.id, role="user_manager")
    assert outcome.changes == Changes.OPERATORS | Changes.AUDIT
    assert by_login(admin, "clerk").role is OperatorRole.USER_MANAGER
    assert app.login("clerk", CLERK_PASSWORD).operator.role is OperatorRole.USER_MANAGER
    [entry] = admin.audit.entries(entity="operator", entity_id=str(clerk.id), limit=1)
    assert (entry.action, entry.actor) == ("operator.role", "admin")
    assert entry.before == {"login": "clerk", "role": "billing_clerk"}
    assert entry.after == {"login": "clerk", "role": "user_manager"}


def test_an_unknown_role_or_operator_is_refused(
    admin: OperatorSession, clerk: Operator, db_snapshot: Callable[[], object]
) -> None:
    assert clerk.id is not None
    before = db_snapshot()
    with pytest.raises(InvalidInput, match="'boss' is not one of"):
        admin.operators.change_role(clerk.id, role="boss")
    with pytest.raises(NotFound, match="no operator with id 999"):
        admin.operators.set_enabled(999, enabled=False)
    assert db_snapshot() == before


def test_a_disabled_operator_cannot_sign_in_until_enabled_again(
    app: AdminApp, admin: OperatorSession, clerk: Operator
) -> None:
    assert clerk.id is not None
    admin.operators.set_enabled(clerk.id, enabled=False)
    assert by_login(admin, "clerk").enabled is False
    with pytest.raises(AuthenticationFailed):
        app.login("clerk", CLERK_PASSWORD)
    admin.operators.set_enabled(clerk.id, enabled=True)
    assert app.login("clerk", CLERK_PASSWORD).operator.enabled
    actions = [e.action for e in admin.audit.entries(entity="operator", entity_id=str(clerk.id))]
    assert actions == ["operator.enable", "operator.disable", "operator.create"]


def test_the_last_enabled_administrator_is_never_demoted_or_disabled(
    app: AdminApp, admin: OperatorSession, clerk: Operator, db_snapshot: Callable[[], object]
) -> None:
    second = admin.operators.add(login="boss", role="administrator", password="boss password")
    boss_id = second.value.id
    assert boss_id is not None and admin.operator.id is not None
    boss = app.login("boss", "boss password")
    # The admin is not alone: boss may disable them; then boss is the last one.
    boss.operators.set_enabled(admin.operator.id, enabled=False)
    before = db_snapshot()
    with pytest.raises(RuleViolation, match="you cannot disable yourself"):
        boss.operators.set_enabled(boss_id, enabled=False)
    with pytest.raises(RuleViolation, match="you cannot demote yourself"):
        boss.operators.change_role(boss_id, role="billing_clerk")
    assert db_snapshot() == before
    # Another Administrator who is disabled does not count as one who remains.
    boss.operators.change_role(admin.operator.id, role="billing_clerk")
    boss.operators.change_role(admin.operator.id, role="administrator")
    assert not by_login(boss, "admin").enabled


def test_an_administrator_is_refused_on_the_last_enabled_one_from_another_desk(
    open_app: Callable[[], AdminApp], admin: OperatorSession, sql: Query
) -> None:
    """Two Administrators; the first is disabled behind the second's back by SQL: the
    second, now the last, may still not be demoted by the first's stale session."""
    boss_id = admin.operators.add(login="boss", role="administrator", password="boss pw 12").value
    assert boss_id.id is not None and admin.operator.id is not None
    sql("UPDATE operators SET enabled = :no WHERE login = 'admin'", no=False)
    with pytest.raises(RuleViolation, match="boss is the last enabled Administrator"):
        admin.operators.change_role(boss_id.id, role="user_manager")
    with pytest.raises(RuleViolation, match="boss is the last enabled Administrator"):
        admin.operators.set_enabled(boss_id.id, enabled=False)
    other = open_app().login("boss", "boss pw 12")
    assert by_login(other, "boss").role is OperatorRole.ADMINISTRATOR


def test_a_reset_password_replaces_the_old_one_and_stays_out_of_the_audit(
    app: AdminApp, admin: OperatorSession, clerk: Operator, sql: Query
) -> None:
    assert clerk.id is not None
    [(old_hash,)] = sql("SELECT password_hash FROM operators WHERE login = 'clerk'")
    admin.operators.reset_password(clerk.id, password="brand new secret")
    with pytest.raises(AuthenticationFailed):
        app.login("clerk", CLERK_PASSWORD)
    assert app.login("clerk", "brand new secret").operator.login == "clerk"
    [(new_hash,)] = sql("SELECT password_hash FROM operators WHERE login = 'clerk'")
    assert new_hash != old_hash and new_hash.startswith("$argon2")
    [entry] = admin.audit.entries(entity="operator", entity_id=str(clerk.id), limit=1)
    assert entry.action == "operator.password"
    recorded = json.dumps([entry.before, entry.after])
    assert "brand new secret" not in recorded and new_hash not in recorded
    assert "argon2" not in recorded


def test_a_short_password_is_refused_and_the_old_one_kept(
    app: AdminApp, admin: OperatorSession, clerk: Operator, db_snapshot: Callable[[], object]
) -> None:
    assert clerk.id is not None
    before = db_snapshot()
    with pytest.raises(InvalidInput, match="at least 8 characters"):
        admin.operators.reset_password(clerk.id, password="short")
    assert db_snapshot() == before
    assert app.login("clerk", CLERK_PASSWORD)


def test_only_administrators_manage_operators(
    app: AdminApp, admin: OperatorSession, clerk: Operator, db_snapshot: Callable[[], object]
) -> None:
    admin.operators.add(login="hr", role="user_manager", password="hr password 1")
    assert clerk.id is not None and admin.operator.id is not None
    before = db_snapshot()
    admin_id, clerk_id = admin.operator.id, clerk.id
    for login, password in (("clerk", CLERK_PASSWORD), ("hr", "hr password 1")):
        area = app.login(login, password).operators
        attempts: tuple[Callable[[], object], ...] = (
            area.all,
            lambda area=area: area.change_role(clerk_id, role="administrator"),
            lambda area=area: area.set_enabled(admin_id, enabled=False),
            lambda area=area: area.reset_password(admin_id, password="x" * 12),
        )
        for attempt in attempts:
            with pytest.raises(PermissionDenied, match="may not manage operators"):
                attempt()
    assert db_snapshot() == before


def test_nothing_changes_when_the_operator_already_is_so(
    admin: OperatorSession, clerk: Operator
) -> None:
    assert clerk.id is not None
    count = len(admin.audit.entries())
    admin.operators.change_role(clerk.id, role="billing_clerk")
    admin.operators.set_enabled(clerk.id, enabled=True)
    assert len(admin.audit.entries()) == count
