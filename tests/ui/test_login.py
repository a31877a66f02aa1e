"""The sign-in dialog and, on an empty database, the first Administrator's creation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_admin.app import AdminApp
from desktop_admin.domain.errors import DomainError
from ui.dialogs.login import LoginDialog, LoginMode
from ui.tasks import BackgroundTasks

from .conftest import ADMIN, PASSWORD


def open_dialog(
    qtbot: QtBot, app: AdminApp, tasks: BackgroundTasks, mode: LoginMode
) -> LoginDialog:
    dialog = LoginDialog(app, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.mode is mode)
    assert dialog.ok_button.isEnabled()
    return dialog


def fill(qtbot: QtBot, dialog: LoginDialog, login: str, password: str, confirm: str = "") -> None:
    qtbot.keyClicks(dialog.login_edit, login)
    qtbot.keyClicks(dialog.password_edit, password)
    if confirm:
        qtbot.keyClicks(dialog.confirm_edit, confirm)


def test_good_credentials_sign_in(
    qtbot: QtBot, admin_app: AdminApp, tasks: BackgroundTasks
) -> None:
    dialog = open_dialog(qtbot, admin_app, tasks, LoginMode.SIGN_IN)
    assert not dialog.confirm_edit.isVisible()
    fill(qtbot, dialog, ADMIN, PASSWORD)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.session is not None
    assert dialog.session.operator.login == ADMIN


def test_a_wrong_password_shows_the_services_sentence(
    qtbot: QtBot, admin_app: AdminApp, tasks: BackgroundTasks
) -> None:
    with pytest.raises(DomainError) as refused:
        admin_app.login(ADMIN, "not the password")
    dialog = open_dialog(qtbot, admin_app, tasks, LoginMode.SIGN_IN)
    fill(qtbot, dialog, ADMIN, "not the password")
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.message.text() == str(refused.value))
    assert dialog.isVisible() and dialog.session is None
    assert dialog.ok_button.isEnabled()


def test_the_first_run_creates_the_administrator(
    qtbot: QtBot, empty_app: AdminApp, tasks: BackgroundTasks
) -> None:
    dialog = open_dialog(qtbot, empty_app, tasks, LoginMode.FIRST_RUN)
    assert dialog.title.text() == "Create the first Administrator"
    assert dialog.confirm_edit.isVisible()
    fill(qtbot, dialog, "chief", "long enough", "long enough")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.session is not None
    assert dialog.session.operator.role.label == "Administrator"
    assert empty_app.has_operators()
    assert empty_app.login("chief", "long enough").operator.login == "chief"
    assert dialog.session.accounts.all() == []


@pytest.mark.parametrize(
    ("password", "confirm", "sentence"),
    [
        ("short", "short", "The password needs at least 8 characters."),
        ("long enough", "long enougH", "The two passwords differ."),
    ],
)
def test_the_first_run_refuses_a_short_or_unconfirmed_password(
    qtbot: QtBot,
    empty_app: AdminApp,
    tasks: BackgroundTasks,
    password: str,
    confirm: str,
    sentence: str,
) -> None:
    dialog = open_dialog(qtbot, empty_app, tasks, LoginMode.FIRST_RUN)
    fill(qtbot, dialog, "chief", password, confirm)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == sentence
    assert not empty_app.has_operators()


def test_the_first_run_shows_the_services_refusal_of_a_bad_login(
    qtbot: QtBot, empty_app: AdminApp, tasks: BackgroundTasks
) -> None:
    dialog = open_dialog(qtbot, empty_app, tasks, LoginMode.FIRST_RUN)
    fill(qtbot, dialog, "Not A Login", "long enough", "long enough")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "The operator was refused." in dialog.message.text())
    assert "login" in dialog.message.text()
    assert not empty_app.has_operators()


def test_the_first_run_can_load_the_demo_data(
    qtbot: QtBot, empty_app: AdminApp, tasks: BackgroundTasks
) -> None:
    dialog = open_dialog(qtbot, empty_app, tasks, LoginMode.FIRST_RUN)
    fill(qtbot, dialog, "chief", "long enough", "long enough")
    dialog.demo_check.setChecked(True)
    with qtbot.waitSignal(dialog.accepted, timeout=15_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.session is not None
    assert len(dialog.session.accounts.all()) == 3
