"""Assignment rules on a real database: preview writes nothing, apply assigns within the
seats in one transaction, audited; the rules are kept in the settings."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop_admin.app import OperatorSession
from desktop_admin.domain.accounts import Account
from desktop_admin.domain.assignment_rules import make_rule
from desktop_admin.domain.errors import InvalidInput, PermissionDenied
from desktop_admin.domain.periods import Cycle

from .conftest import ADMIN_PASSWORD

DESIGNERS = make_rule("email_domain", "acme.example", "designer")
ENGINEERS = make_rule("department", "Engineering", "named-user")


@pytest.fixture
def staffed(admin: OperatorSession, company: Account) -> dict[str, int]:
    """2 designer seats (1 taken), 5 named-user seats; five users."""
    account_id = company.id or 0
    admin.subscriptions.record(
        account_id=account_id, cycle=Cycle.YEARLY, seats={"named-user": 5, "designer": 2}
    )
    ids = {}
    for name, department, roles, enabled in [
        ("ada", "Engineering", ["designer"], True),
        ("bob", "Engineering", [], True),
        ("cy", "Sales", [], True),
        ("dee", "Engineering", [], False),
        ("eve", "Sales", [], True),
    ]:
        user = admin.users.add(
            account_id=account_id,
            email=f"{name}@acme.example",
            display_name=name,
            roles=roles,
            enabled=enabled,
            department=department,
        ).value
        ids[name] = user.id or 0
    return ids


def test_r14_preview_names_gains_and_shortfalls_and_writes_nothing(
    admin: OperatorSession,
    company: Account,
    staffed: dict[str, int],
    db_snapshot: Callable[[], object],
) -> None:
    before = db_snapshot()
    outcome = admin.licences.preview_rules(company.id or 0, rules=[DESIGNERS, ENGINEERS])
    assert db_snapshot() == before
    assert [(g.role, g.email) for g in outcome.gains] == [
        ("designer", "bob@acme.example"),
        ("named-user", "ada@acme.example"),
        ("named-user", "bob@acme.example"),
    ]
    assert [(s.role, s.email) for s in outcome.shortfalls] == [
        ("designer", "cy@acme.example"),
        ("designer", "eve@acme.example"),
    ]
    assert outcome.shortfalls[0].reason.startswith("R14: Designer: 1 of 2 seats in use")


def test_applying_assigns_the_seats_audits_and_keeps_the_rules(
    admin: OperatorSession, company: Account, staffed: dict[str, int]
) -> None:
    account_id = company.id or 0
    outcome = admin.licences.apply_rules(account_id, rules=[DESIGNERS, ENGINEERS]).value
    assert len(outcome.gains) == 3
    assert admin.users.get(staffed["bob"]).roles == {"designer", "named-user"}
    assert admin.users.get(staffed["ada"]).roles == {"designer", "named-user"}
    assert admin.users.get(staffed["cy"]).roles == frozenset()
    assert admin.users.get(staffed["dee"]).roles == frozenset()  # disabled: not a candidate
    seats = {s.code: (s.in_use, s.purchased) for s in admin.licences.seats(account_id)}
    assert seats["designer"] == (2, 2) and seats["named-user"] == (2, 5)
    assigned = admin.audit.entries(entity="user")
    assert sum(e.action == "user.assign" for e in assigned) == 2  # one entry per user
    assert admin.licences.rules(account_id) == [DESIGNERS, ENGINEERS]
    assert [e.action for e in admin.audit.entries(entity="account", limit=1)] == [
        "assignment_rules.update"
    ]
    # Applying again changes nothing: everyone who could have a seat has it.
    again = admin.licences.apply_rules(account_id).value
    assert again.gains == () and len(again.shortfalls) == 2


def test_rules_are_kept_per_account(
    admin: OperatorSession, company: Account, staffed: dict[str, int]
) -> None:
    other = admin.accounts.create(name="Other", audience="company", country="DE").value
    admin.licences.save_rules(company.id or 0, rules=[DESIGNERS])
    assert admin.licences.rules(company.id or 0) == [DESIGNERS]
    assert admin.licences.rules(other.id or 0) == []


def test_a_rule_for_an_unknown_role_is_refused(
    admin: OperatorSession, company: Account, staffed: dict[str, int]
) -> None:
    with pytest.raises(InvalidInput) as refused:
        admin.licences.save_rules(company.id or 0, rules=[make_rule("department", "x", "nope")])
    assert "no role 'nope' in the catalog" in str(refused.value)


def test_managing_rules_needs_the_manage_users_permission(
    admin: OperatorSession, company: Account, staffed: dict[str, int]
) -> None:
    admin.operators.add(login="clerk", role="billing_clerk", password=ADMIN_PASSWORD)
    clerk = admin.app.login("clerk", ADMIN_PASSWORD)
    assert clerk.licences.rules(company.id or 0) == []  # reading is allowed
    for action in (
        lambda: clerk.licences.preview_rules(company.id or 0, rules=[DESIGNERS]),
        lambda: clerk.licences.apply_rules(company.id or 0, rules=[DESIGNERS]).value,
        lambda: clerk.licences.save_rules(company.id or 0, rules=[DESIGNERS]).value,
    ):
        with pytest.raises(PermissionDenied):
            action()
