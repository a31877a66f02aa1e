"""Editing a user's name and department in the users table: saved through the service in
the background, refused in the service's own sentence, undone and redone."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_admin.app import OperatorSession
from desktop_admin.domain.users import NamedUser
from ui.dialogs.bulk import BulkKind
from ui.feedback import ERROR_BOX
from ui.main_window import MainWindow
from ui.models.users import UsersModel
from ui.undo import UserChange

NAME, DEPARTMENT = 1, 2


@pytest.fixture
def users_window(
    admin_session: OperatorSession, make_window: Callable[..., MainWindow]
) -> MainWindow:
    return make_window(admin_session, page="users")


def loaded_cell(qtbot: QtBot, window: MainWindow, row: int, column: int) -> QModelIndex:
    model: UsersModel = window.users_page.users
    qtbot.waitUntil(window.is_settled)
    qtbot.waitUntil(lambda: model.user(row) is not None)
    return model.index(row, column)


def loaded_user(
    qtbot: QtBot, window: MainWindow, row: int, column: int
) -> tuple[QModelIndex, NamedUser]:
    """A cell of a loaded row, and the user the row shows."""
    index = loaded_cell(qtbot, window, row, column)
    user = window.users_page.users.user(row)
    assert user is not None and user.id is not None
    return index, user


def edit_cell(qtbot: QtBot, window: MainWindow, index: QModelIndex, text: str) -> None:
    """Type into the cell's editor as the operator does: F2, the text, Enter."""
    table = window.users_page.table
    table.setFocus()
    table.setCurrentIndex(index)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.findChild(QLineEdit)
    assert isinstance(editor, QLineEdit) and editor.isVisible()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits on the next turn of the event loop.
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)


def test_a_name_typed_in_the_table_is_saved_and_undone_and_redone(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession
) -> None:
    index, user = loaded_user(qtbot, users_window, 0, NAME)
    model = users_window.users_page.users
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable  # the email

    edit_cell(qtbot, users_window, index, "Grace Hopper")
    assert index.data() == "Grace Hopper"  # shown at once, in italics, while it saves
    qtbot.waitUntil(users_window.is_settled)
    saved = admin_session.users.get(user.id)
    assert saved.display_name == "Grace Hopper"
    assert saved.version == user.version + 1
    assert index.data() == "Grace Hopper"
    assert index.data(Qt.ItemDataRole.FontRole) is None
    assert users_window.undo_action.text() == f"&Undo Rename {user.email}"
    assert users_window.statusBar().currentMessage() == f"{user.email} saved."

    users_window.undo_action.trigger()
    qtbot.waitUntil(users_window.is_settled)
    assert admin_session.users.get(user.id).display_name == user.display_name
    qtbot.waitUntil(lambda: index.data() == user.display_name)

    users_window.redo_action.trigger()
    qtbot.waitUntil(users_window.is_settled)
    assert admin_session.users.get(user.id).display_name == "Grace Hopper"
    qtbot.waitUntil(lambda: index.data() == "Grace Hopper")
    audit = [e for e in admin_session.audit.entries() if e.action == "user.update"]
    assert len(audit) == 3


def test_a_refused_department_shows_the_service_sentence_and_the_old_value(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession
) -> None:
    index, user = loaded_user(qtbot, users_window, 1, DEPARTMENT)

    assert users_window.users_page.users.setData(index, "x" * 201)
    qtbot.waitUntil(lambda: users_window.findChild(QMessageBox, ERROR_BOX) is not None)
    box = users_window.findChild(QMessageBox, ERROR_BOX)
    assert isinstance(box, QMessageBox)
    assert box.text() == f"{user.email} was not changed"
    assert "field 'department': longer than 200 characters (201)" in box.informativeText()
    box.close()
    qtbot.waitUntil(users_window.is_settled)
    assert index.data() == user.department
    assert admin_session.users.get(user.id) == user
    assert not users_window.undo_action.isEnabled()


def test_an_undo_after_another_administrator_saved_is_refused_as_a_conflict(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession
) -> None:
    index, user = loaded_user(qtbot, users_window, 0, DEPARTMENT)
    model = users_window.users_page.users
    assert model.setData(index, "Research")
    qtbot.waitUntil(users_window.is_settled)
    theirs = admin_session.users.get(user.id)
    admin_session.users.edit(user.id, expected_version=theirs.version, department="Sales")

    users_window.undo_action.trigger()
    qtbot.waitUntil(lambda: users_window.findChild(QMessageBox, ERROR_BOX) is not None)
    box = users_window.findChild(QMessageBox, ERROR_BOX)
    assert isinstance(box, QMessageBox) and box.text() == "The undo was refused"
    box.close()
    qtbot.waitUntil(users_window.is_settled)
    assert admin_session.users.get(user.id).department == "Sales"  # their edit stands
    assert users_window.undo_action.isEnabled()  # the edit is still there to undo


def test_the_same_value_is_not_saved_again(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession
) -> None:
    index, user = loaded_user(qtbot, users_window, 0, NAME)
    assert not users_window.users_page.users.setData(index, f"  {user.display_name} ")
    qtbot.waitUntil(users_window.is_settled)
    assert admin_session.users.get(user.id).version == user.version


def test_a_billing_clerk_cannot_edit_in_place(
    qtbot: QtBot, admin_session: OperatorSession, make_window: Callable[..., MainWindow]
) -> None:
    admin_session.operators.add(login="clerk", role="billing_clerk", password="password123")
    window = make_window(admin_session.app.login("clerk", "password123"), page="users")
    index = loaded_cell(qtbot, window, 0, NAME)
    model = window.users_page.users
    assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(index, "Someone else")
    triggers = window.users_page.table.editTriggers()
    assert triggers == QAbstractItemView.EditTrigger.NoEditTriggers


def test_edits_typed_in_a_row_are_all_saved_in_order_and_all_undone(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession
) -> None:
    name, ada = loaded_user(qtbot, users_window, 0, NAME)
    department = users_window.users_page.users.index(0, DEPARTMENT)
    other, bob = loaded_user(qtbot, users_window, 1, NAME)
    model = users_window.users_page.users
    # Three edits before the first is saved: none may be dropped for the next.
    assert model.setData(name, "Ada Lovelace")
    assert model.setData(department, "Analytical Engines")
    assert model.setData(other, "Bob Babbage")
    qtbot.waitUntil(users_window.is_settled)

    saved = admin_session.users.get(ada.id or 0)
    assert (saved.display_name, saved.department) == ("Ada Lovelace", "Analytical Engines")
    assert admin_session.users.get(bob.id or 0).display_name == "Bob Babbage"
    for index in (name, department, other):
        assert index.data(Qt.ItemDataRole.FontRole) is None  # nothing left pending
    assert users_window.undo_stack.count() == 3

    for _ in range(3):  # each undo, in stack order, though the user changed since
        users_window.undo_action.trigger()
        qtbot.waitUntil(users_window.is_settled)
    assert users_window.findChild(QMessageBox, ERROR_BOX) is None
    assert admin_session.users.get(ada.id or 0).display_name == ada.display_name
    assert admin_session.users.get(ada.id or 0).department == ada.department
    assert admin_session.users.get(bob.id or 0).display_name == bob.display_name


def test_a_rename_is_undone_after_a_bulk_change_of_the_same_user(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession
) -> None:
    index, user = loaded_user(qtbot, users_window, 0, NAME)
    assert users_window.users_page.users.setData(index, "Renamed")
    qtbot.waitUntil(users_window.is_settled)
    changed = admin_session.users.set_enabled([user.id or 0], enabled=not user.enabled).value
    users_window.history.record(
        UserChange.of(
            user.account_id,
            BulkKind.ENABLE if changed[0].enabled else BulkKind.DISABLE,
            [user.id or 0],
        )
    )

    users_window.undo_action.trigger()  # the bulk change
    qtbot.waitUntil(users_window.is_settled)
    users_window.undo_action.trigger()  # the rename
    qtbot.waitUntil(users_window.is_settled)

    assert users_window.findChild(QMessageBox, ERROR_BOX) is None
    after = admin_session.users.get(user.id or 0)
    assert (after.display_name, after.enabled) == (user.display_name, user.enabled)


def test_no_cell_is_edited_while_an_undo_is_on_its_way(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession
) -> None:
    index, _user = loaded_user(qtbot, users_window, 0, NAME)
    model = users_window.users_page.users
    assert model.setData(index, "First")
    qtbot.waitUntil(users_window.is_settled)

    users_window.undo_action.trigger()
    assert users_window.history.busy
    assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
    qtbot.waitUntil(users_window.is_settled)
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
