"""The import wizard shows, before importing, what the file does to the account's seats:
per role, in use now and after the import, of those purchased (R14), as the services'
check counts it (with the assignment rules' roles, or without as chosen). The import
then leaves the seats as shown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_admin.app import OperatorSession
from desktop_admin.demo import load_demo
from desktop_admin.domain.assignment_rules import make_rule
from desktop_admin.domain.users import GUESTS, UserQuery
from ui.dialogs.import_wizard import ImportWizard
from ui.main_window import MainWindow

HEADER = "email,display_name,roles,enabled\n"
GOOD = (
    "ana@seats.example,Ana,designer,true\n"
    "ben@seats.example,Ben,designer;named-user,true\n"
    "cat@seats.example,Cat,named-user,false\n"  # disabled: holds the role, takes no seat
    "dan@seats.example,Dan,,true\n"
)


@pytest.fixture
def users_window(
    admin_session: OperatorSession, make_window: Callable[..., MainWindow]
) -> MainWindow:
    return make_window(admin_session, page="users")


def in_use(session: OperatorSession, account_id: int) -> dict[str, tuple[int, int]]:
    return {s.code: (s.in_use, s.purchased) for s in session.licences.seats(account_id)}


def checked(qtbot: QtBot, window: MainWindow, path: Path) -> ImportWizard:
    """The wizard, on its check step, once the check is back."""
    page = window.users_page
    page.import_action.trigger()
    wizard = page.import_wizard
    assert wizard is not None
    wizard.choose_page.path_edit.setText(str(path))
    wizard.next()
    qtbot.waitUntil(wizard.preview_page.isComplete)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.check_page.check is not None)
    return wizard


def seat_table(wizard: ImportWizard) -> list[tuple[str, ...]]:
    table = wizard.check_page.seats_table
    return [
        tuple(table.item(row, column).text() for column in range(table.columnCount()))
        for row in range(table.rowCount())
    ]


def test_r14_the_check_shows_each_roles_seats_now_and_after_and_the_import_matches(
    qtbot: QtBot,
    tmp_path: Path,
    users_window: MainWindow,
    admin_session: OperatorSession,
    company_id: int,
) -> None:
    before = in_use(admin_session, company_id)
    (designers, designer_seats), (named, named_seats) = before["designer"], before["named-user"]
    path = tmp_path / "good.csv"
    path.write_text(HEADER + GOOD, encoding="utf-8")
    wizard = checked(qtbot, users_window, path)
    check = wizard.check_page

    assert check.problems == []
    assert check.seats_label.isVisible()
    assert check.seats_label.text() == "The seats the import takes:"
    assert check.seats_table.isVisible()
    assert seat_table(wizard) == [
        ("Designer", str(designers), f"{designers + 2} (+2)", str(designer_seats)),
        ("Named user", str(named), f"{named + 1} (+1)", str(named_seats)),
    ]
    assert in_use(admin_session, company_id) == before  # the check wrote nothing

    wizard.next()
    qtbot.waitUntil(wizard.import_page.isComplete)
    after = in_use(admin_session, company_id)
    assert after["designer"] == (designers + 2, designer_seats)
    assert after["named-user"] == (named + 1, named_seats)
    wizard.accept()


def test_with_bad_rows_the_seats_are_those_of_the_good_rows(
    qtbot: QtBot,
    tmp_path: Path,
    users_window: MainWindow,
    admin_session: OperatorSession,
    company_id: int,
) -> None:
    designers, bought = in_use(admin_session, company_id)["designer"]
    path = tmp_path / "mixed.csv"
    path.write_text(
        HEADER + "eva@seats.example,Eva,designer,true\nnot-an-email,Bad,designer,true\n",
        encoding="utf-8",
    )
    wizard = checked(qtbot, users_window, path)
    check = wizard.check_page
    assert [p.line for p in check.problems or []] == [3]
    assert check.seats_label.text() == "The seats an import of the 1 good rows takes:"
    assert seat_table(wizard) == [
        ("Designer", str(designers), f"{designers + 1} (+1)", str(bought))
    ]
    wizard.reject()


def test_a_file_whose_users_hold_no_role_takes_no_seat(
    qtbot: QtBot, tmp_path: Path, users_window: MainWindow
) -> None:
    path = tmp_path / "plain.csv"
    path.write_text(HEADER + "fay@seats.example,Fay,,true\n", encoding="utf-8")
    wizard = checked(qtbot, users_window, path)
    check = wizard.check_page
    assert check.seats_label.text() == "The import takes no seat: no new user holds a role."
    assert not check.seats_table.isVisible()
    wizard.reject()


def test_r14_the_seats_follow_the_choice_of_applying_the_assignment_rules(
    qtbot: QtBot,
    tmp_path: Path,
    users_window: MainWindow,
    admin_session: OperatorSession,
    company_id: int,
) -> None:
    named, bought = in_use(admin_session, company_id)["named-user"]
    admin_session.licences.save_rules(
        company_id, rules=[make_rule("email_domain", "ruled.example", "named-user")]
    )
    path = tmp_path / "ruled.csv"
    path.write_text(
        HEADER + "gil@ruled.example,Gil,,true\nhal@ruled.example,Hal,,true\n", encoding="utf-8"
    )
    wizard = checked(qtbot, users_window, path)
    check = wizard.check_page
    assert check.apply_rules.isChecked()
    assert seat_table(wizard) == [("Named user", str(named), f"{named + 2} (+2)", str(bought))]

    check.apply_rules.setChecked(False)
    assert not check.seats_table.isVisible()
    assert check.seats_label.text() == "The import takes no seat: no new user holds a role."
    check.apply_rules.setChecked(True)
    assert seat_table(wizard) == [("Named user", str(named), f"{named + 2} (+2)", str(bought))]
    wizard.reject()


def test_r14_the_check_report_counts_the_seats_the_import_takes(
    admin: OperatorSession,
) -> None:
    """The service's report, on SQLite and PostgreSQL: the seats the check counts are
    the ones the import then takes, guests in guest units."""
    load_demo(admin)
    account_id = next(a.id or 0 for a in admin.accounts.all() if a.audience.value == "company")
    before = {s.code: s for s in admin.licences.seats(account_id)}
    text = HEADER + GOOD
    report = admin.users.check_import(account_id=account_id, text=text)
    effects = {e.seats.code: e for e in report.seats}

    assert sorted(effects) == ["designer", "named-user"]
    assert (effects["designer"].change, effects["designer"].selected) == (2, 2)
    assert (effects["named-user"].change, effects["named-user"].selected) == (1, 2)
    assert effects["designer"].seats == before["designer"]

    imported = admin.users.import_csv(account_id=account_id, text=text).value
    assert imported.seats == report.seats
    now = {s.code: s.in_use for s in admin.licences.seats(account_id)}
    assert now["designer"] == effects["designer"].after
    assert now["named-user"] == effects["named-user"].after
    assert now[GUESTS] == before[GUESTS].in_use
    assert admin.users.count(UserQuery(account_id, search="seats.example")) == 4
