"""The user CSV (interfaces.md): all or nothing, every bad row listed with its line and
field, or the good rows only on request; an export imports back."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop_admin.app import OperatorSession
from desktop_admin.domain.accounts import Account
from desktop_admin.domain.errors import InvalidInput, Problem
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.users import UserQuery

GOOD = '''\
email,display_name,roles,enabled
ada@acme.example,Ada Lovelace,named-user;designer,true
Bob@Acme.example,Bob,named-user,
cy@acme.example,"Cy, the ""intern""",,false
dan@acme.example,Dan,designer;named-user,false
'''

#: Line 1 is the header; the comment says what is wrong with each bad line.
BAD = """\
email,display_name,roles,enabled
ok1@acme.example,First,named-user,true
not-an-email,Bad email,,true
ok2@acme.example,Unknown role,pilot,true
OK1@acme.example,Duplicate of line 2,,true
existing@acme.example,Already in the account,,true
ok3@acme.example,Maybe,,maybe
ok4@acme.example,Last seat,named-user,true
ok5@acme.example,Over the seats,named-user,true
ok6@acme.example,Disabled holders need no seat,named-user,false
"""
BAD_ROWS = {(3, "email"), (4, "roles"), (5, "email"), (6, "email"), (7, "enabled"), (9, "roles")}
GOOD_IN_BAD = {"ok1@acme.example", "ok4@acme.example", "ok6@acme.example"}


@pytest.fixture
def account(admin: OperatorSession, company: Account) -> int:
    """3 named-user and 2 designer seats; one named-user seat held already."""
    assert company.id is not None
    admin.subscriptions.record(
        account_id=company.id, cycle=Cycle.YEARLY, seats={"named-user": 3, "designer": 2}
    )
    admin.users.add(
        account_id=company.id,
        email="existing@acme.example",
        display_name="Existing",
        roles=["named-user"],
    )
    return company.id


Users = dict[str, tuple[str, set[str], bool]]


def users_by_email(admin: OperatorSession, account_id: int) -> Users:
    return {
        u.email: (u.display_name, set(u.roles), u.enabled)
        for u in admin.users.export(UserQuery(account_id, sort="id"))
    }


def where(problems: list[Problem] | tuple[Problem, ...]) -> set[tuple[int | None, str | None]]:
    return {(p.line, p.field) for p in problems}


def test_a_good_file_imports_every_row_in_one_transaction(
    admin: OperatorSession, account: int
) -> None:
    report = admin.users.import_csv(account_id=account, text=GOOD, source="hr.csv").value
    assert (report.imported, report.skipped) == (4, ())
    assert users_by_email(admin, account) == {
        "existing@acme.example": ("Existing", {"named-user"}, True),
        "ada@acme.example": ("Ada Lovelace", {"named-user", "designer"}, True),
        "bob@acme.example": ("Bob", {"named-user"}, True),
        "cy@acme.example": ('Cy, the "intern"', set(), False),
        "dan@acme.example": ("Dan", {"designer", "named-user"}, False),
    }
    imports = admin.audit.entries(entity="user")
    assert sorted(e.action for e in imports) == ["user.create"] + ["user.import"] * 4


def test_r14_a_file_with_bad_rows_is_refused_whole_listing_every_bad_row(
    admin: OperatorSession, account: int, db_snapshot: Callable
) -> None:
    before = db_snapshot()
    with pytest.raises(InvalidInput) as refused:
        admin.users.import_csv(account_id=account, text=BAD, source="hr.csv")
    assert where(refused.value.problems) == BAD_ROWS
    assert refused.value.source == "hr.csv"
    message = str(refused.value)
    assert "6 bad row(s); nothing was imported" in message
    for line, field in BAD_ROWS:
        assert f"hr.csv: line {line}, field '{field}'" in message
    assert "R14: Named user: 3 of 3 seats in use" in message
    assert db_snapshot() == before


def test_r14_good_rows_only_imports_the_good_rows_and_reports_the_others(
    admin: OperatorSession, account: int
) -> None:
    report = admin.users.import_csv(account_id=account, text=BAD, good_rows_only=True).value
    assert report.imported == len(GOOD_IN_BAD)
    assert where(report.skipped) == BAD_ROWS
    assert set(users_by_email(admin, account)) == GOOD_IN_BAD | {"existing@acme.example"}
    seats = {s.code: (s.in_use, s.purchased) for s in admin.licences.seats(account)}
    assert seats["named-user"] == (3, 3)


def test_a_file_whose_every_row_is_bad_imports_nothing_even_with_good_rows_only(
    admin: OperatorSession, account: int, db_snapshot: Callable
) -> None:
    before = db_snapshot()
    report = admin.users.import_csv(
        account_id=account, text="email,roles\nnope,\nexisting@acme.example,\n", good_rows_only=True
    ).value
    assert (report.imported, where(report.skipped)) == (0, {(2, "email"), (3, "email")})
    assert db_snapshot() == before


def test_a_bad_header_is_refused_naming_line_1(
    admin: OperatorSession, account: int, db_snapshot: Callable
) -> None:
    before = db_snapshot()
    with pytest.raises(InvalidInput) as refused:
        admin.users.import_csv(
            account_id=account, text="mail,name\nada@acme.example,Ada\n", good_rows_only=True
        )
    assert {(1, "email"), (1, "mail"), (1, "name")} <= where(refused.value.problems)
    assert db_snapshot() == before


def test_a_bad_row_is_reported_at_the_line_where_it_starts(
    admin: OperatorSession, account: int
) -> None:
    text = 'email,display_name\nada@acme.example,"Ada\nLovelace"\nnot-an-email,"Two\nlines"\n'
    with pytest.raises(InvalidInput) as refused:
        admin.users.import_csv(account_id=account, text=text)
    assert where(refused.value.problems) == {(4, "email")}


def test_an_export_imports_back_into_another_account(admin: OperatorSession, account: int) -> None:
    admin.users.import_csv(account_id=account, text=GOOD)
    admin.users.add(
        account_id=account,
        email="eve@acme.example",
        display_name="Ève Müller; «chef»",
        roles=["designer"],
        enabled=False,
    )
    exported = admin.users.export_csv(UserQuery(account, sort="id"))

    other = admin.accounts.create(name="Acme Twin", audience="company", country="FR").value
    assert other.id is not None
    admin.subscriptions.record(
        account_id=other.id, cycle=Cycle.YEARLY, seats={"named-user": 3, "designer": 2}
    )
    report = admin.users.import_csv(account_id=other.id, text=exported).value

    assert report.imported == len(admin.users.export(UserQuery(account, sort="id"))) == 6
    assert users_by_email(admin, other.id) == users_by_email(admin, account)
    assert admin.users.export_csv(UserQuery(other.id, sort="id")) == exported
