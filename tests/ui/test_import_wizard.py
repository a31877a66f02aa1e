"""The CSV import wizard: preview, every bad row listed with nothing written, then the
good rows only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop_admin.app import OperatorSession
from ui.import_wizard import ImportWizard
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
    return {u.email for u in session.users_by_ids(session.user_ids(account_id))}


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
