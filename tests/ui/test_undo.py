"""Undo and redo of changes to users: the inverse call in the background, refusals (R14)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_admin.app import OperatorSession
from desktop_admin.domain.errors import DomainError
from desktop_admin.domain.users import UserQuery
from ui.dialogs.bulk import BulkKind
from ui.feedback import ERROR_BOX
from ui.main_window import MainWindow
from ui.pages.users import UsersPage


@pytest.fixture
def users_window(
    admin_session: OperatorSession, make_window: Callable[..., MainWindow]
) -> MainWindow:
    return make_window(admin_session, page="users")


def bulk_change(
    qtbot: QtBot,
    window: MainWindow,
    ids: list[int],
    kind: BulkKind,
    role: str | None = None,
) -> None:
    page: UsersPage = window.users_page
    qtbot.waitUntil(window.is_settled)
    page.select_rows([page.users.ids().index(uid) for uid in ids])
    dialog = page.start_bulk(kind)
    assert dialog is not None
    if role:
        dialog.select_role(role)
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.confirm_button.isEnabled())
    dialog.confirm()
    qtbot.waitUntil(window.is_settled)


def error_box(qtbot: QtBot, window: MainWindow) -> QMessageBox:
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, ERROR_BOX) is not None)
    box = window.findChild(QMessageBox, ERROR_BOX)
    assert isinstance(box, QMessageBox) and box.isVisible()
    return box


def test_the_edit_menu_offers_undo_and_redo_with_the_standard_keys(
    users_window: MainWindow,
) -> None:
    assert users_window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert users_window.redo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Redo)
    assert not users_window.undo_action.isEnabled()
    assert not users_window.redo_action.isEnabled()


def test_disabling_three_users_is_undone_and_redone(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession, company_id: int
) -> None:
    three = admin_session.users.ids(UserQuery(company_id, enabled=True))[:3]
    bulk_change(qtbot, users_window, three, BulkKind.DISABLE)
    assert not any(u.enabled for u in admin_session.users.by_ids(three))
    assert users_window.undo_action.isEnabled()
    assert users_window.undo_action.text() == "&Undo Disable 3 users"

    users_window.undo_action.trigger()
    assert not users_window.undo_action.isEnabled()  # until the database answered
    qtbot.waitUntil(users_window.is_settled)
    assert all(u.enabled for u in admin_session.users.by_ids(three))
    assert users_window.statusBar().currentMessage() == "Undone: Disable 3 users."
    assert users_window.redo_action.isEnabled()
    assert not users_window.undo_action.isEnabled()

    users_window.redo_action.trigger()
    qtbot.waitUntil(users_window.is_settled)
    assert not any(u.enabled for u in admin_session.users.by_ids(three))
    assert users_window.undo_stack.index() == 1
    assert users_window.users_page.users.user_filter is not None


def test_undo_touches_only_the_users_the_change_changed(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession, company_id: int
) -> None:
    already = admin_session.users.ids(UserQuery(company_id, enabled=False))[:1]
    enabled = admin_session.users.ids(UserQuery(company_id, enabled=True))[:2]
    bulk_change(qtbot, users_window, already + enabled, BulkKind.DISABLE)
    assert users_window.undo_stack.undoText() == "Disable 2 users"
    users_window.undo_action.trigger()
    qtbot.waitUntil(users_window.is_settled)
    assert all(u.enabled for u in admin_session.users.by_ids(enabled))
    assert not admin_session.users.get(already[0]).enabled


def test_an_undo_refused_for_lack_of_seats_shows_r14_and_keeps_the_change_done(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession, company_id: int
) -> None:
    holder = admin_session.users.ids(UserQuery(company_id, enabled=True, role="bim-collaboration"))[
        0
    ]
    bulk_change(qtbot, users_window, [holder], BulkKind.DISABLE)
    # Someone else takes the seat the disabled holder freed.
    other = next(
        u.id or 0
        for u in admin_session.users.export(UserQuery(company_id, sort="id"))
        if u.enabled and not u.is_guest and "bim-collaboration" not in u.roles
    )
    admin_session.users.assign([other], role="bim-collaboration")
    with pytest.raises(DomainError) as refused:
        admin_session.users.set_enabled([holder], enabled=True)

    users_window.undo_action.trigger()
    box = error_box(qtbot, users_window)
    assert box.text() == "The undo was refused"
    assert box.informativeText() == str(refused.value)
    assert str(refused.value).startswith("R14: ")
    box.close()
    qtbot.waitUntil(users_window.is_settled)
    assert not admin_session.users.get(holder).enabled
    stack = users_window.undo_stack
    assert (stack.count(), stack.index()) == (1, 1)
    assert users_window.undo_action.isEnabled() and not users_window.redo_action.isEnabled()


def test_a_redo_refused_for_lack_of_seats_removes_the_change(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession, company_id: int
) -> None:
    designer = next(s for s in admin_session.licences.seats(company_id) if s.code == "designer")
    spare = [
        u.id or 0
        for u in admin_session.users.export(UserQuery(company_id, sort="id"))
        if u.enabled and not u.is_guest and "designer" not in u.roles
    ]
    assert len(spare) > designer.free + 1
    mine, theirs = spare[:1], spare[1 : designer.free + 1]
    bulk_change(qtbot, users_window, mine, BulkKind.ASSIGN, "designer")
    assert users_window.undo_stack.undoText() == "Assign Designer to 1 user"
    users_window.undo_action.trigger()
    qtbot.waitUntil(users_window.is_settled)
    assert "designer" not in admin_session.users.get(mine[0]).roles
    admin_session.users.assign(theirs, role="designer")  # the seat is gone meanwhile

    users_window.redo_action.trigger()
    box = error_box(qtbot, users_window)
    assert box.text() == "The redo was refused"
    assert box.informativeText().startswith("R14: ")
    box.close()
    qtbot.waitUntil(users_window.is_settled)
    stack = users_window.undo_stack
    assert (stack.count(), stack.index()) == (0, 0)
    assert not users_window.undo_action.isEnabled()
    assert not users_window.redo_action.isEnabled()


def test_the_licences_page_assignments_are_undone(
    qtbot: QtBot,
    admin_session: OperatorSession,
    make_window: Callable[..., MainWindow],
    company_id: int,
) -> None:
    window = make_window(admin_session, page="licences")
    page = window.licences_page
    page.select_role("designer")
    qtbot.waitUntil(window.is_settled)
    holders = admin_session.users.ids(UserQuery(company_id, enabled=True, role="designer"))[:2]
    page.select_holders(holders)
    page.unassign_selected()
    qtbot.waitUntil(window.is_settled)
    assert all("designer" not in u.roles for u in admin_session.users.by_ids(holders))
    assert window.undo_stack.undoText() == "Unassign Designer from 2 users"
    window.undo_action.trigger()
    qtbot.waitUntil(window.is_settled)
    assert all("designer" in u.roles for u in admin_session.users.by_ids(holders))
    assert {u.id for u in page.holders.records()} >= set(holders)
