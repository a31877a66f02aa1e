"""The user CSV: all or nothing, every bad row listed (the export, a read model, is
tested in tests/integration)."""

from __future__ import annotations

from typing import Any

import pytest

from desktop_admin.domain.errors import InvalidInput, NotFound
from desktop_admin.domain.operators import Operator
from desktop_admin.services import user_import
from tests.unit.services.builders import (
    ADMIN,
    MANAGER,
    seed_account,
    seed_catalog,
    seed_subscription,
    seed_user,
)
from tests.unit.services.contexts import context
from tests.unit.services.fakes import FakeClock, FakeUnitOfWork

HEADER = "email,display_name,roles,enabled\n"
MIXED = HEADER + (
    "ann@x.com,Ann,designer,true\n"  # line 2: good
    "not-an-email,Bad,,\n"  # line 3: email
    "bob@x.com,Bob,pilot,\n"  # line 4: unknown role
    "cat@x.com,Cat,,maybe\n"  # line 5: enabled
    "ANN@x.com,Ann again,,\n"  # line 6: already on line 2
    "dan@x.com,Dan,named-user,\n"  # line 7: good
)


@pytest.fixture
def account_id(uow: FakeUnitOfWork) -> int:
    seed_catalog(uow)
    account = seed_account(uow)
    assert account.id is not None
    seed_subscription(uow, account.id, {"designer": 2, "named-user": 10})
    return account.id


def where(exc: InvalidInput | user_import.ImportReport) -> list[tuple[int | None, str | None]]:
    problems = exc.problems if isinstance(exc, InvalidInput) else exc.skipped
    return [(p.line, p.field) for p in problems]


def emails(uow: FakeUnitOfWork, account_id: int) -> list[str]:
    """The account's users, in the order they were added."""
    return [u.email for _, u in sorted(uow.users.table.rows.items()) if u.account_id == account_id]


def importing(
    uow: FakeUnitOfWork,
    clock: FakeClock,
    actor: Operator,
    account_id: int,
    text: str,
    **options: Any,
) -> user_import.ImportReport:
    return user_import.import_users(
        context(uow, clock, actor), account_id=account_id, text=text, **options
    )


def test_a_file_with_bad_rows_imports_nothing_and_lists_every_one(
    uow: FakeUnitOfWork, clock: FakeClock, account_id: int
) -> None:
    before = uow.picture()
    with pytest.raises(InvalidInput) as info:
        importing(uow, clock, MANAGER, account_id, MIXED, source="users.csv")
    assert info.value.summary.startswith("4 bad row(s); nothing was imported")
    assert where(info.value) == [(3, "email"), (4, "roles"), (5, "enabled"), (6, "email")]
    assert "users.csv: line 4, field 'roles': unknown role 'pilot'" in str(info.value)
    assert "already appears on line 2" in str(info.value)
    assert info.value.exit_status == 2
    assert not uow.committed and uow.picture() == before


def test_good_rows_only_imports_the_good_rows_and_reports_the_others(
    uow: FakeUnitOfWork, clock: FakeClock, account_id: int
) -> None:
    report = importing(uow, clock, MANAGER, account_id, MIXED, good_rows_only=True)
    assert report.imported == 2
    assert where(report) == [(3, "email"), (4, "roles"), (5, "enabled"), (6, "email")]
    assert emails(uow, account_id) == ["ann@x.com", "dan@x.com"]
    assert uow.committed


def test_a_row_whose_email_exists_is_a_bad_row(
    uow: FakeUnitOfWork, clock: FakeClock, account_id: int
) -> None:
    seed_user(uow, account_id, "eve@x.com")
    text = HEADER + "new@x.com,New,,\nEve@X.com,Eve,,\n"
    with pytest.raises(InvalidInput) as info:
        importing(uow, clock, MANAGER, account_id, text)
    [problem] = info.value.problems
    assert (problem.line, problem.field) == (3, "email")
    assert problem.reason == "eve@x.com already exists in this account"
    assert emails(uow, account_id) == ["eve@x.com"]
    report = importing(uow, clock, MANAGER, account_id, text, good_rows_only=True)
    assert report.imported == 1 and where(report) == [(3, "email")]


SEATS = HEADER + (
    "a@x.com,A,designer,\n"  # line 2: the last free seat
    "b@x.com,B,designer,\n"  # line 3: no seat left
    "c@x.com,C,designer,false\n"  # line 4: disabled, takes no seat
    "d@x.com,D,named-user,\n"  # line 5
    "e@x.com,E,designer;named-user,\n"  # line 6: no Designer seat left
)


def test_r14_seats_are_checked_for_the_whole_file(
    uow: FakeUnitOfWork, clock: FakeClock, account_id: int
) -> None:
    seed_user(uow, account_id, "held@x.com", ["designer"])
    with pytest.raises(InvalidInput) as info:
        importing(uow, clock, MANAGER, account_id, SEATS)
    assert where(info.value) == [(3, "roles"), (6, "roles")]
    assert {p.reason for p in info.value.problems} == {"R14: Designer: 2 of 2 seats in use"}
    assert emails(uow, account_id) == ["held@x.com"] and not uow.committed


def test_r14_good_rows_only_keeps_file_order_while_seats_last(
    uow: FakeUnitOfWork, clock: FakeClock, account_id: int
) -> None:
    seed_user(uow, account_id, "held@x.com", ["designer"])
    report = importing(uow, clock, MANAGER, account_id, SEATS, good_rows_only=True)
    assert report.imported == 3 and where(report) == [(3, "roles"), (6, "roles")]
    assert emails(uow, account_id) == ["held@x.com", "a@x.com", "c@x.com", "d@x.com"]
    assert uow.users.seats_in_use(account_id) == {"designer": 2, "named-user": 1}


def test_each_imported_user_has_its_audit_entry(
    uow: FakeUnitOfWork, clock: FakeClock, account_id: int
) -> None:
    text = HEADER + "a@x.com,A,designer,\nb@x.com,B,,false\n"
    importing(uow, clock, MANAGER, account_id, text)
    new_ids = sorted(str(u.id) for u in uow.users.table.rows.values())
    entries = uow.audit.stored
    assert sorted(e.entity_id for e in entries) == new_ids
    assert {(e.action, e.actor) for e in entries} == {("user.import", "manager")}


def test_a_bad_header_imports_nothing(
    uow: FakeUnitOfWork, clock: FakeClock, account_id: int
) -> None:
    with pytest.raises(InvalidInput, match="header"):
        importing(uow, clock, MANAGER, account_id, "mail,name\na@x.com,A\n")
    assert emails(uow, account_id) == [] and uow.commits == 0


def test_importing_into_an_unknown_account_is_not_found(
    uow: FakeUnitOfWork, clock: FakeClock, account_id: int
) -> None:
    with pytest.raises(NotFound):
        importing(uow, clock, ADMIN, 99, HEADER + "a@x.com,,,\n")
