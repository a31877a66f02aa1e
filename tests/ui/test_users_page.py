"""The users page: listing, searching as you type, enabling and disabling in bulk."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_admin.app import OperatorSession
from desktop_admin.domain.errors import DomainError
from ui.feedback import ERROR_BOX
from ui.main_window import MainWindow
from ui.users_page import UsersPage

from .conftest import PASSWORD


@pytest.fixture
def users_window(
    admin_session: OperatorSession, make_window: Callable[..., MainWindow]
) -> MainWindow:
    return make_window(admin_session, page="users")


def emails(page: UsersPage) -> list[str]:
    return [user.email for user in page.users.records()]


def test_the_users_of_the_company_are_listed(
    users_window: MainWindow, admin_session: OperatorSession, company_id: int
) -> None:
    page = users_window.users_page
    assert page.current_account_id() == company_id
    assert emails(page) == [u.email for u in admin_session.users(company_id)]
    assert page.users.rowCount() == 40
    assert page.users.data(page.users.index(0, 4)) == "Designer, Named user"
    assert page.count_label.text() == "40 users"


def test_typing_in_the_search_box_filters_after_a_pause(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession, company_id: int
) -> None:
    page = users_window.users_page
    qtbot.keyClicks(page.search_edit, "garnier")
    assert page.is_loading()  # debounced: nothing asked yet
    assert page.users.rowCount() == 40
    qtbot.waitUntil(users_window.is_settled)
    expected = [u.email for u in admin_session.users(company_id, "garnier")]
    assert 0 < len(expected) < 40
    assert emails(page) == expected
    assert page.count_label.text() == f"{len(expected)} users matching “garnier”"
    page.search_edit.clear()
    qtbot.waitUntil(users_window.is_settled)
    assert page.users.rowCount() == 40


def test_choosing_another_account_lists_its_users(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession
) -> None:
    page = users_window.users_page
    maker = next(a for a in admin_session.accounts() if a.name == "Jonas Becker")
    page.select_account(maker.id or 0)
    qtbot.waitUntil(users_window.is_settled)
    assert emails(page) == ["jonas@becker-makes.example"]


def test_disabling_the_selected_users_updates_the_database(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession, company_id: int
) -> None:
    page = users_window.users_page
    assert not page.disable_action.isEnabled()  # nothing selected
    page.select_rows([1, 2])
    chosen = page.selected_ids()
    assert len(chosen) == 2
    assert page.disable_action.isEnabled() and page.enable_action.isEnabled()
    page.disable_action.trigger()
    qtbot.waitUntil(users_window.is_settled)
    assert [admin_session.user(uid).enabled for uid in chosen] == [False, False]
    assert [page.users.data(page.users.index(row, 3)) for row in (1, 2)] == ["No", "No"]
    assert page.selected_ids() == chosen  # the selection survives the reload
    assert users_window.statusBar().currentMessage() == "2 users disabled."
    # The seats of the account are recounted on the accounts page.
    users_window.show_page("accounts")
    qtbot.waitUntil(users_window.is_settled)
    seats = users_window.accounts_page.seats.records()
    assert list(seats) == admin_session.seats(company_id)
    assert next(s for s in seats if s.code == "named-user").in_use == 33


def test_a_refused_change_shows_the_services_sentence(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession, company_id: int
) -> None:
    page = users_window.users_page
    users = admin_session.users(company_id)
    bim = [u for u in users if "bim-collaboration" in u.roles]  # all 6 seats taken
    admin_session.set_enabled([bim[0].id or 0], False)
    spare = next(u for u in users if u.enabled and "bim-collaboration" not in u.roles)
    admin_session.assign_role([spare.id or 0], "bim-collaboration")  # the freed seat
    with pytest.raises(DomainError) as refused:
        admin_session.set_enabled([bim[0].id or 0], True)
    users_window.refresh_action.trigger()
    qtbot.waitUntil(users_window.is_settled)

    page.select_rows([page.users.row_where(lambda u: u.id == bim[0].id)])
    page.enable_action.trigger()
    qtbot.waitUntil(users_window.is_settled)
    box = page.findChild(QMessageBox, ERROR_BOX)
    assert box is not None and box.isVisible()
    assert box.informativeText() == str(refused.value)
    assert str(refused.value).startswith("R14: ")
    assert not admin_session.user(bim[0].id or 0).enabled
    box.close()


def test_a_billing_clerk_sees_the_disable_action_disabled(
    qtbot: QtBot, admin_session: OperatorSession, make_window: Callable[..., MainWindow]
) -> None:
    admin_session.add_operator("clerk", "billing_clerk", PASSWORD)
    clerk = admin_session.app.login("clerk", PASSWORD)
    window = make_window(clerk, page="users")
    page = window.users_page
    assert page.users.rowCount() == 40  # clerks read users
    page.select_rows([0, 1])
    assert page.selected_ids()
    assert not page.disable_action.isEnabled()
    assert not page.enable_action.isEnabled()
    assert "may not manage users" in page.disable_action.toolTip()
