"""The CSV import wizard: preview, every bad row listed with nothing written, then the
good rows only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_admin.app import OperatorSession
from desktop_admin.domain.assignment_rules import make_rule
from desktop_admin.domain.users import UserQuery
from ui.dialogs.import_wizard import ImportWizard
from ui.main_window import MainWindow

GOOD = "new.one@example.com,New One,named-user,true\nnew.two@example.com,New Two,,true\n"
BAD = "not-an-email,Bad Row,,true\n"


@pytest.fixture
def users_window(
    admin_session: OperatorSession, make_window: Callable[..., MainWindow]
) -> MainWindow:
    return make_window(admin_session, page="users")


def open_wizard(qtbot: QtBot, window: MainWindow, path: Path) -> ImportWizard:
    page = window.users_page
    assert page.import_action.isEnabled()
    page.import_action.trigger()
    wizard = page.import_wizard
    assert wizard is not None and wizard.isVisible()
    assert not wizard.choose_page.isComplete()
    wizard.choose_page.path_edit.setText(str(path))
    assert wizard.choose_page.isComplete()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.isComplete())
    return wizard


def emails(session: OperatorSession, account_id: int) -> set[str]:
    return {u.email for u in session.users.by_ids(session.users.ids(UserQuery(account_id)))}


def test_a_bad_row_is_listed_nothing_is_written_then_the_good_rows_are_imported(
    qtbot: QtBot,
    tmp_path: Path,
    users_window: MainWindow,
    admin_session: OperatorSession,
    company_id: int,
) -> None:
    path = tmp_path / "users.csv"
    path.write_text("email,display_name,roles,enabled\n" + GOOD + BAD, encoding="utf-8")
    before = emails(admin_session, company_id)
    wizard = open_wizard(qtbot, users_window, path)
    preview = wizard.preview_page
    assert preview.table.rowCount() == 3
    assert preview.table.item(2, 0).text() == "not-an-email"
    assert "email, display_name, roles, enabled" in preview.columns_label.text()

    wizard.next()  # the check: a dry run
    check = wizard.check_page
    qtbot.waitUntil(lambda: check.problems is not None)
    assert [(p.line, p.field) for p in check.problems or []] == [(4, "email")]
    assert check.table.rowCount() == 1
    assert check.table.item(0, 0).text() == "4"
    assert check.table.item(0, 1).text() == "email"
    assert check.table.item(0, 2).text()  # the service's reason
    assert "1 bad row" in check.result_label.text()
    assert "nothing was written" in check.result_label.text()
    assert emails(admin_session, company_id) == before  # nothing written
    assert not check.isComplete()  # all or nothing: the bad row must be fixed or skipped

    check.good_rows_only.setChecked(True)
    assert check.isComplete()
    wizard.next()  # commit: import
    qtbot.waitUntil(lambda: wizard.import_page.isComplete())
    assert wizard.import_page.summary_label.text().startswith("2 users imported into")
    assert "1 bad row skipped" in wizard.import_page.summary_label.text()
    assert wizard.import_page.table.rowCount() == 1
    assert emails(admin_session, company_id) == before | {
        "new.one@example.com",
        "new.two@example.com",
    }
    qtbot.waitUntil(users_window.is_settled)
    assert users_window.users_page.users.rowCount() == len(before) + 2  # the table reloaded
    wizard.accept()


def test_a_good_file_is_checked_then_imported_whole(
    qtbot: QtBot,
    tmp_path: Path,
    users_window: MainWindow,
    admin_session: OperatorSession,
    company_id: int,
) -> None:
    path = tmp_path / "good.csv"
    path.write_text("email,display_name,roles,enabled\n" + GOOD, encoding="utf-8")
    before = emails(admin_session, company_id)
    wizard = open_wizard(qtbot, users_window, path)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.check_page.problems is not None)
    assert wizard.check_page.problems == []
    assert wizard.check_page.result_label.text() == "All 2 rows can be imported."
    assert emails(admin_session, company_id) == before  # the check wrote nothing
    wizard.next()
    qtbot.waitUntil(lambda: wizard.import_page.isComplete())
    assert len(emails(admin_session, company_id)) == len(before) + 2
    wizard.accept()


def test_existing_emails_and_full_seats_are_found_by_the_check(
    qtbot: QtBot,
    tmp_path: Path,
    users_window: MainWindow,
    admin_session: OperatorSession,
    company_id: int,
) -> None:
    existing = sorted(emails(admin_session, company_id))[0]
    path = tmp_path / "clash.csv"
    path.write_text(
        f"email,roles\n{existing},\nbim.more@example.com,bim-collaboration\n",
        encoding="utf-8",
    )
    wizard = open_wizard(qtbot, users_window, path)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.check_page.problems is not None)
    problems = wizard.check_page.problems or []
    assert [p.line for p in problems] == [2, 3]
    assert "already exists" in problems[0].reason
    assert problems[1].reason.startswith("R14: ")
    assert not wizard.check_page.good_rows_only.isVisible()  # no good row to import
    wizard.reject()


def test_an_unreadable_file_is_explained_not_crashed_on(
    qtbot: QtBot, tmp_path: Path, users_window: MainWindow
) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("email\nzoé@example.com\n".encode("latin-1"))
    page = users_window.users_page
    page.import_action.trigger()
    wizard = page.import_wizard
    assert wizard is not None
    wizard.choose_page.path_edit.setText(str(path))
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.is_busy())
    assert "not UTF-8" in wizard.preview_page.columns_label.text()
    assert not wizard.preview_page.isComplete()
    wizard.reject()


def seat_with_room(session: OperatorSession, account_id: int) -> tuple[str, str, int]:
    """The role of the account with the fewest free seats (at least one)."""
    usage = min((s for s in session.licences.seats(account_id) if s.free > 0), key=lambda s: s.free)
    return usage.code, usage.name, usage.free


@pytest.mark.parametrize("apply_rules", [True, False])
def test_r14_the_check_shows_what_the_rules_give_and_the_import_applies_them(
    qtbot: QtBot,
    tmp_path: Path,
    users_window: MainWindow,
    admin_session: OperatorSession,
    company_id: int,
    apply_rules: bool,
) -> None:
    code, name, free = seat_with_room(admin_session, company_id)
    admin_session.licences.save_rules(
        company_id, rules=[make_rule("email_domain", "rules.example", code)]
    )
    new = [f"new{n:02}@rules.example" for n in range(free + 1)]
    path = tmp_path / "ruled.csv"
    path.write_text("email\n" + "\n".join(new) + "\n", encoding="utf-8")
    wizard = open_wizard(qtbot, users_window, path)
    wizard.next()
    check = wizard.check_page
    qtbot.waitUntil(lambda: check.problems is not None)

    assert check.problems == []
    assert check.apply_rules.isVisible() and check.apply_rules.isChecked()
    assert f"{free} role(s) given, 1 not for lack of seats" in check.apply_rules.text()
    rows = [
        tuple(check.rules_table.item(r, c).text() for c in range(3))
        for r in range(check.rules_table.rowCount())
    ]
    assert rows[:free] == [(email, name, "gets a seat") for email in new[:free]]
    assert rows[free][:2] == (new[-1], name)
    assert rows[free][2].startswith(f"no seat: R14: {name}: ")
    assert not {
        u.email
        for u in admin_session.users.export(
            UserQuery(company_id, search="rules.example", sort="id")
        )
    }

    check.apply_rules.setChecked(apply_rules)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.import_page.isComplete())
    users = {
        u.email: u.roles
        for u in admin_session.users.export(
            UserQuery(company_id, search="rules.example", sort="id")
        )
    }
    assert sorted(users) == new
    holders = sorted(email for email, roles in users.items() if code in roles)
    assert holders == (new[:free] if apply_rules else [])
    assert wizard.import_page.rules_table.isVisible() == apply_rules
    if apply_rules:
        assert wizard.import_page.rules_label.text() == (
            f"The assignment rules gave {free} role(s); 1 could not be given for lack of seats."
        )
    wizard.accept()
