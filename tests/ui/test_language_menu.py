"""The language is chosen in the Settings menu, kept in the settings, and spoken by the
windows built after it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_admin.app import OperatorSession
from ui.i18n import LANGUAGE_KEY, LANGUAGES, chosen_language, install_language, system_language
from ui.main_window import MainWindow
from ui.tasks import BackgroundTasks


@pytest.fixture
def english_after(qapp: QApplication) -> Iterator[None]:
    yield
    install_language(qapp, "en")


def test_the_settings_menu_offers_the_system_language_and_each_language(
    admin_session: OperatorSession,
    make_window: Callable[..., MainWindow],
) -> None:
    window = make_window(admin_session)
    menu = window.language_menu
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    system = LANGUAGES[system_language()]
    assert texts == [f"System language ({system})", "English", "Français"]
    assert menu.system_action.isChecked()
    assert menu.isEnabled()
    titles = [a.text() for a in window.menuBar().actions()]
    assert "&Settings" in titles


@pytest.mark.usefixtures("english_after")
def test_choosing_french_keeps_it_and_the_next_window_speaks_it(
    qtbot: QtBot,
    qapp: QApplication,
    admin_session: OperatorSession,
    make_window: Callable[..., MainWindow],
    settings: QSettings,
) -> None:
    window = make_window(admin_session)
    window.language_menu.language_actions["fr"].trigger()

    assert settings.value(LANGUAGE_KEY) == "fr"
    assert window.language_menu.language_actions["fr"].isChecked()
    assert not window.language_menu.system_action.isChecked()
    assert window.statusBar().currentMessage() == (
        "Seat Desk will speak Français from the next start."
    )
    assert window.menuBar().actions()[0].text() == "&File"  # this window keeps its language

    install_language(qapp, chosen_language(settings))  # as the next start does
    again = make_window(admin_session)
    assert again.menuBar().actions()[0].text() == "&Fichier"
    assert again.language_menu.language_actions["fr"].isChecked()

    again.language_menu.system_action.trigger()
    assert settings.value(LANGUAGE_KEY) == ""
    assert chosen_language(settings) == system_language()


def test_the_screenshot_window_keeps_no_settings_and_offers_no_choice(
    qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks
) -> None:
    window = MainWindow(admin_session, tasks, settings=None)
    qtbot.addWidget(window)
    assert not window.language_menu.isEnabled()
    window.language_menu.choose("fr")  # nothing to keep it in: nothing happens
    assert window.language_menu.system_action.isChecked()
    qtbot.waitUntil(lambda: not tasks.busy)


@pytest.mark.usefixtures("english_after")
def test_the_operator_role_is_named_in_the_window_language(
    qapp: QApplication,
    admin_session: OperatorSession,
    make_window: Callable[..., MainWindow],
) -> None:
    admin_session.operators.add(login="clerk", role="billing_clerk", password="password123")
    install_language(qapp, "fr")
    window = make_window(admin_session.app.login("clerk", "password123"), page="users")
    assert window.operator_label.text() == "clerk · Agent de facturation"
    assert window.users_page.enable_action.toolTip() == (
        "Le rôle Agent de facturation ne permet pas de gérer les utilisateurs."
    )
