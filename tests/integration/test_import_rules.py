"""Assignment rules applied on import, on a real database: the new users get the roles
the rules name within the seats the file leaves (R14); a check writes nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop_admin.app import OperatorSession
from desktop_admin.domain.accounts import Account
from desktop_admin.domain.assignment_rules import make_rule
from desktop_admin.domain.errors import InvalidInput
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.users import UserQuery

HEADER = "email,display_name,roles,enabled,department\n"
DESIGNERS = make_rule("email_domain", "acme.example", "designer")
ENGINEERS = make_rule("department", "Engineering", "named-user")


@pytest.fixture
def account(admin: OperatorSession, company: Account) -> int:
    """3 designer seats (1 taken by ada), 10 named-user seats; rules kept."""
    account_id = company.id or 0
    admin.subscriptions.record(
        account_id=account_id, cycle=Cycle.YEARLY, seats={"named-user": 10, "designer": 3}
    )
    admin.users.add(
        account_id=account_id, email="ada@acme.example", display_name="Ada", roles=["designer"]
    )
    admin.licences.save_rules(account_id, rules=[DESIGNERS, ENGINEERS])
    return account_id


FILE = HEADER + (
    "bob@acme.example,Bob,designer,true,Sales\n"  # takes a designer seat by the file
    "cy@acme.example,Cy,,true,Engineering\n"  # rules: designer, named-user
    "dee@acme.example,Dee,,false,Engineering\n"  # disabled: no rule applies
    "eve@other.example,Eve,,true,engineering\n"  # department matches, any case
    "fay@acme.example,Fay,,true,\n"  # rules: designer, but no seat is left
)


def roles_by_email(admin: OperatorSession, account_id: int) -> dict[str, set[str]]:
    return {u.email: set(u.roles) for u in admin.users.export(UserQuery(account_id, sort="id"))}


def test_r14_import_gives_rule_roles_within_the_seats_the_file_leaves(
    admin: OperatorSession, account: int
) -> None:
    report = admin.users.import_csv(account_id=account, text=FILE).value

    assert report.imported == 5
    assert report.skipped == ()
    assert sorted((g.email, g.role) for g in report.rules.gains) == [
        ("cy@acme.example", "designer"),
        ("cy@acme.example", "named-user"),
        ("eve@other.example", "named-user"),
    ]
    assert [(s.email, s.role) for s in report.rules.shortfalls] == [
        ("fay@acme.example", "designer")
    ]
    assert report.rules.shortfalls[0].reason == (
        "R14: Designer: 2 of 3 seats in use; 2 more wanted by the rules, 1 seat free"
    )
    assert roles_by_email(admin, account) == {
        "ada@acme.example": {"designer"},
        "bob@acme.example": {"designer"},
        "cy@acme.example": {"designer", "named-user"},
        "dee@acme.example": set(),
        "eve@other.example": {"named-user"},
        "fay@acme.example": set(),
    }
    ids = {u.email: u.id for u in admin.users.export(UserQuery(account, sort="id"))}
    assert {g.user_id for g in report.rules.gains} == {
        ids["cy@acme.example"],
        ids["eve@other.example"],
    }
    assert next(s for s in admin.licences.seats(account) if s.code == "designer").in_use == 3


def test_the_import_audits_each_user_with_the_roles_the_rules_gave(
    admin: OperatorSession, account: int
) -> None:
    admin.users.import_csv(account_id=account, text=FILE)
    entries = [e for e in admin.audit.entries() if e.action == "user.import"]
    cy = next(e for e in entries if e.after and e.after.get("email") == "cy@acme.example")
    assert cy.after is not None
    assert sorted(cy.after["roles"]) == ["designer", "named-user"]


def test_without_rules_the_file_is_imported_as_written(
    admin: OperatorSession, account: int
) -> None:
    report = admin.users.import_csv(account_id=account, text=FILE, apply_rules=False).value
    assert report.rules.gains == report.rules.shortfalls == ()
    assert roles_by_email(admin, account)["cy@acme.example"] == set()


def test_a_check_reports_bad_rows_and_rule_gains_and_writes_nothing(
    admin: OperatorSession, account: int, db_snapshot: Callable[[], object]
) -> None:
    before = db_snapshot()
    report = admin.users.check_import(
        account_id=account, text=FILE + "not-an-email,X,,,\n", source="staff.csv"
    )

    assert db_snapshot() == before
    assert report.checked_only
    assert report.imported == 5
    assert [(p.line, p.field) for p in report.skipped] == [(7, "email")]
    assert sorted((g.email, g.role) for g in report.rules.gains) == [
        ("cy@acme.example", "designer"),
        ("cy@acme.example", "named-user"),
        ("eve@other.example", "named-user"),
    ]
    assert [s.email for s in report.rules.shortfalls] == ["fay@acme.example"]
    assert {g.user_id for g in report.rules.gains} == {0}


def test_the_department_column_is_kept_and_exported_back(
    admin: OperatorSession, account: int
) -> None:
    admin.users.import_csv(account_id=account, text=FILE, apply_rules=False)
    exported = admin.users.export_csv(UserQuery(account, sort="id"))
    assert exported.splitlines()[0] == "email,display_name,roles,enabled,department"
    assert "cy@acme.example,Cy,,true,Engineering" in exported.splitlines()


def test_a_control_character_in_a_department_is_a_bad_row(
    admin: OperatorSession, account: int, db_snapshot: Callable[[], object]
) -> None:
    before = db_snapshot()
    with pytest.raises(InvalidInput) as refused:
        admin.users.import_csv(
            account_id=account, text=HEADER + "gus@acme.example,Gus,,true,R&\x07D\n"
        )
    assert [(p.line, p.field) for p in refused.value.problems] == [(2, "department")]
    assert refused.value.problems[0].reason.endswith("invisible character (U+0007)")
    assert db_snapshot() == before


def test_a_line_break_in_a_quoted_name_becomes_a_space(
    admin: OperatorSession, account: int
) -> None:
    admin.users.import_csv(
        account_id=account, text=HEADER + 'gus@acme.example,"Gus\n  Grant",,true,Sales\n'
    )
    (gus,) = [
        u
        for u in admin.users.export(UserQuery(account, sort="id"))
        if u.email == "gus@acme.example"
    ]
    assert gus.display_name == "Gus Grant"
