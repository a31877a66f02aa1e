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
    admin.record_subscription(account_id, Cycle.YEARLY, {"named-user": 5, "designer": 2})
    ids = {}
    for name, department, roles, enabled in [
        ("ada", "Engineering", ["designer"], True),
        ("bob", "Engineering", [], True),
        ("cy", "Sales", [], True),
        ("dee", "Engineering", [], False),
        ("eve", "Sales", [], True),
    ]:
        user = admin.add_user(
            account_id, f"{name}@acme.example", name, roles, enabled, department=department
        )
        ids[name] = user.id or 0
    return ids


def test_r14_preview_names_gains_and_shortfalls_and_writes_nothing(
    admin: OperatorSession,
    company: Account,
    staffed: dict[str, int],
    db_snapshot: Callable[[], object],
) -> None:
    before = db_snapshot()
    outcome = admin.preview_assignment_rules(company.id or 0, [DESIGNERS, ENGINEERS])
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
    outcome = admin.apply_assignment_rules(account_id, [DESIGNERS, ENGINEERS])
    assert len(outcome.gains) == 3
    assert admin.user(staffed["bob"]).roles == {"designer", "named-user"}
    assert admin.user(staffed["ada"]).roles == {"designer", "named-user"}
    assert admin.user(staffed["cy"]).roles == frozenset()
    assert admin.user(staffed["dee"]).roles == frozenset()  # disabled: not a candidate
    seats = {s.code: (s.in_use, s.purchased) for s in admin.seats(account_id)}
    assert seats["designer"] == (2, 2) and seats["named-user"] == (2, 5)
    assigned = admin.audit_entries(entity="user")
    assert sum(e.action == "user.assign" for e in assigned) == 2  # one entry per user
    assert admin.assignment_rules(account_id) == [DESIGNERS, ENGINEERS]
    assert [e.action for e in admin.audit_entries(entity="account", limit=1)] == [
        "assignment_rules.update"
    ]
    # Applying again changes nothing: everyone who could have a seat has it.
    again = admin.apply_assignment_rules(account_id)
    assert again.gains == () and len(again.shortfalls) == 2


def test_rules_are_kept_per_account(
    admin: OperatorSession, company: Account, staffed: dict[str, int]
) -> None:
    other = admin.create_account("Other", "company", "DE")
    admin.save_assignment_rules(company.id or 0, [DESIGNERS])
    assert admin.assignment_rules(company.id or 0) == [DESIGNERS]
    assert admin.assignment_rules(other.id or 0) == []


def test_a_rule_for_an_unknown_role_is_refused(
    admin: OperatorSession, company: Account, staffed: dict[str, int]
) -> None:
    with pytest.raises(InvalidInput) as refused:
        admin.save_assignment_rules(company.id or 0, [make_rule("department", "x", "nope")])
    assert "no role 'nope' in the catalog" in str(refused.value)


def test_managing_rules_needs_the_manage_users_permission(
    admin: OperatorSession, company: Account, staffed: dict[str, int]
) -> None:
    admin.add_operator("clerk", "billing_clerk", ADMIN_PASSWORD)
    clerk = admin.app.login("clerk", ADMIN_PASSWORD)
    assert clerk.assignment_rules(company.id or 0) == []  # reading is allowed
    for action in (
        lambda: clerk.preview_assignment_rules(company.id or 0, [DESIGNERS]),
        lambda: clerk.apply_assignment_rules(company.id or 0, [DESIGNERS]),
        lambda: clerk.save_assignment_rules(company.id or 0, [DESIGNERS]),
    ):
        with pytest.raises(PermissionDenied):
            action()
