"""The users page: listing, filtering as you type, selecting a whole filter, exporting."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from desktop_admin.app import OperatorSession
from desktop_admin.domain.users import UserQuery
from ui.dialogs.bulk import BulkKind
from ui.main_window import MainWindow
from ui.models import users as users_model
from ui.pages.users import UsersPage

from .conftest import PASSWORD


@pytest.fixture
def users_window(
    admin_session: OperatorSession, make_window: Callable[..., MainWindow]
) -> MainWindow:
    return make_window(admin_session, page="users")


def shown_emails(qtbot: QtBot, page: UsersPage) -> list[str]:
    """The emails of every row, once loaded (asking for the rows loads them)."""
    model = page.users
    qtbot.waitUntil(lambda: all(model.user(row) for row in range(model.rowCount())))
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def add_bulk_users(session: OperatorSession, account_id: int, count: int) -> None:
    rows = "".join(f"bulk{i:03}@example.com,Bulk {i:03},,true\n" for i in range(count))
    session.users.import_csv(
        account_id=account_id, text="email,display_name,roles,enabled\n" + rows
    )


def test_the_users_of_the_company_are_listed(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession, company_id: int
) -> None:
    page = users_window.users_page
    assert page.current_account_id() == company_id
    assert list(page.users.ids()) == admin_session.users.ids(UserQuery(company_id))
    assert shown_emails(qtbot, page) == [
        u.email for u in admin_session.users.by_ids(admin_session.users.ids(UserQuery(company_id)))
    ]
    assert page.count_label.text() == "40 users, 0 selected"
    designer = page.users.ids().index(
        next(
            u.id
            for u in admin_session.users.export(UserQuery(company_id, sort="id"))
            if "designer" in u.roles
        )
    )
    assert "Designer" in page.users.data(page.users.index(designer, 4))


def test_typing_in_the_search_box_filters_after_a_pause(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession, company_id: int
) -> None:
    page = users_window.users_page
    qtbot.keyClicks(page.search_edit, "garnier")
    assert page.is_loading()  # debounced: nothing asked yet
    assert page.users.rowCount() == 40
    qtbot.waitUntil(users_window.is_settled)
    expected = admin_session.users.ids(UserQuery(company_id, search="garnier"))
    assert 0 < len(expected) < 40
    assert list(page.users.ids()) == expected
    assert all("garnier" in email for email in shown_emails(qtbot, page))
    assert page.count_label.text() == f"{len(expected)} users, 0 selected"
    page.search_edit.clear()
    qtbot.waitUntil(users_window.is_settled)
    assert page.users.rowCount() == 40


def test_the_status_and_role_filters_run_in_sql(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession, company_id: int
) -> None:
    page = users_window.users_page
    page.status_combo.setCurrentIndex(page.status_combo.findText("Disabled"))
    qtbot.waitUntil(users_window.is_settled)
    disabled = admin_session.users.ids(UserQuery(company_id, enabled=False))
    assert list(page.users.ids()) == disabled and disabled
    page.status_combo.setCurrentIndex(0)
    page.role_combo.setCurrentIndex(page.role_combo.findData("designer"))
    qtbot.waitUntil(users_window.is_settled)
    assert list(page.users.ids()) == admin_session.users.ids(UserQuery(company_id, role="designer"))
    model = page.users
    qtbot.waitUntil(lambda: all(model.user(row) for row in range(model.rowCount())))
    assert all("Designer" in model.data(model.index(row, 4)) for row in range(model.rowCount()))


def test_choosing_another_account_lists_its_users(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession
) -> None:
    page = users_window.users_page
    maker = next(a for a in admin_session.accounts.all() if a.name == "Jonas Becker")
    page.select_account(maker.id or 0)
    qtbot.waitUntil(users_window.is_settled)
    assert shown_emails(qtbot, page) == ["jonas@becker-makes.example"]


def test_sorting_by_a_header_fetches_the_order_from_sql(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession, company_id: int
) -> None:
    page = users_window.users_page
    header = page.table.horizontalHeader()
    name_header = QPoint(header.sectionViewportPosition(1) + 20, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=name_header)
    qtbot.waitUntil(users_window.is_settled)
    by_name = admin_session.users.ids(UserQuery(company_id, sort="display_name"))
    assert by_name != admin_session.users.ids(UserQuery(company_id))
    assert list(page.users.ids()) == by_name
    page.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(users_window.is_settled)
    assert list(page.users.ids()) == admin_session.users.ids(
        UserQuery(company_id, sort="display_name", descending=True)
    )
    names = [u.display_name for u in admin_session.users.by_ids(page.users.ids())]
    assert names == sorted(names, reverse=True)


def test_select_all_selects_every_id_of_the_filter_loaded_or_not(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    users_window: MainWindow,
    admin_session: OperatorSession,
    company_id: int,
) -> None:
    monkeypatch.setattr(users_model, "CHUNK", 10)  # far fewer rows loaded than listed
    add_bulk_users(admin_session, company_id, 150)
    page = users_window.users_page
    page.search_edit.setText("bulk")
    qtbot.waitUntil(users_window.is_settled)
    filtered = admin_session.users.ids(UserQuery(company_id, search="bulk"))
    assert len(filtered) == 150
    assert len(page.users._chunks) * 10 < 150  # only the rows in view
    page.select_all_action.trigger()
    assert page.selected_ids() == filtered
    assert page.count_label.text() == "150 users, 150 selected"


def test_disabling_a_hundred_selected_users_updates_the_database(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession, company_id: int
) -> None:
    add_bulk_users(admin_session, company_id, 120)
    page = users_window.users_page
    page.search_edit.setText("bulk")
    qtbot.waitUntil(users_window.is_settled)
    page.select_rows(range(10, 110))
    chosen = page.selected_ids()
    assert len(chosen) == 100
    assert page.disable_action.isEnabled() and page.enable_action.isEnabled()
    page.disable_action.trigger()
    dialog = page.bulk_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.confirm_button.isEnabled())
    assert dialog.confirm_button.text() == "Disable 100 users"
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(users_window.is_settled)
    assert all(not u.enabled for u in admin_session.users.by_ids(chosen))
    others = page.users.ids()[:10] + page.users.ids()[110:]
    assert all(u.enabled for u in admin_session.users.by_ids(others))
    assert users_window.statusBar().currentMessage() == "100 users disabled."
    assert page.selected_ids() == chosen  # the selection survives the reload
    qtbot.waitUntil(lambda: page.users.data(page.users.index(10, 3)) == "No")


def test_export_writes_the_users_of_the_filter(
    qtbot: QtBot,
    tmp_path: Path,
    users_window: MainWindow,
    admin_session: OperatorSession,
    company_id: int,
) -> None:
    page = users_window.users_page
    page.search_edit.setText("garnier")
    qtbot.waitUntil(users_window.is_settled)
    target = tmp_path / "garnier.csv"
    page.export_csv(str(target))
    qtbot.waitUntil(users_window.is_settled)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    expected = admin_session.users.by_ids(
        admin_session.users.ids(UserQuery(company_id, search="garnier"))
    )
    assert sorted(r["email"] for r in rows) == sorted(u.email for u in expected)
    assert users_window.statusBar().currentMessage().startswith(f"{len(expected)} users exported")

    page.search_edit.clear()
    page.status_combo.setCurrentIndex(page.status_combo.findText("Disabled"))
    qtbot.waitUntil(users_window.is_settled)
    page.export_csv(str(target))
    qtbot.waitUntil(users_window.is_settled)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    disabled = admin_session.users.by_ids(
        admin_session.users.ids(UserQuery(company_id, enabled=False))
    )
    assert [r["email"] for r in rows] == [u.email for u in disabled]
    assert {r["enabled"] for r in rows} == {"false"}


def test_a_billing_clerk_sees_the_actions_disabled(
    qtbot: QtBot, admin_session: OperatorSession, make_window: Callable[..., MainWindow]
) -> None:
    admin_session.operators.add(login="clerk", role="billing_clerk", password=PASSWORD)
    clerk = admin_session.app.login("clerk", PASSWORD)
    window = make_window(clerk, page="users")
    page = window.users_page
    assert page.users.rowCount() == 40  # clerks read users
    page.select_rows([0, 1])
    assert len(page.selected_ids()) == 2
    for action in (
        page.enable_action,
        page.disable_action,
        page.assign_action,
        page.unassign_action,
        page.import_action,
    ):
        assert not action.isEnabled()
    assert page.export_action.isEnabled()
    assert "may not manage users" in page.disable_action.toolTip()
    assert page.start_bulk(BulkKind.DISABLE) is None  # the shortcut does nothing either
