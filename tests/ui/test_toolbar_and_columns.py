"""The main toolbar, the sync label, and the column layouts kept in the settings."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop_admin.app import OperatorSession
from ui.main_window import COLUMNS_KEY, PAGE_NAMES, MainWindow, main_table


def test_the_toolbar_offers_refresh_undo_redo_and_billing(main_window: MainWindow) -> None:
    actions = [a for a in main_window.toolbar.actions() if not a.isSeparator()]
    assert actions == [
        main_window.refresh_action,
        main_window.undo_action,
        main_window.redo_action,
        main_window.billing_action,
    ]
    assert all(not a.icon().isNull() for a in actions)


def test_the_status_bar_says_sync_is_off(main_window: MainWindow) -> None:
    label = main_window.statusBar().findChild(QLabel, "sync_label")
    assert label is main_window.sync_label and label.isVisible()
    assert label.text() == "Sync: off"


def test_column_widths_survive_closing_and_reopening_the_window(
    qtbot: QtBot,
    admin_session: OperatorSession,
    make_window: Callable[..., MainWindow],
    settings: QSettings,
) -> None:
    first = make_window(admin_session, page="users")
    users_header = first.users_page.table.horizontalHeader()
    audit_header = first.audit_page.table.horizontalHeader()
    users_header.resizeSection(0, 211)
    users_header.resizeSection(1, 97)
    audit_header.resizeSection(2, 123)
    first.close()
    for name in PAGE_NAMES:
        kept = settings.value(COLUMNS_KEY.format(page=name))
        assert (kept is not None) == (main_table(first.pages[name]) is not None), name
    second = make_window(admin_session, page="users")
    qtbot.waitUntil(second.is_settled)
    header = second.users_page.table.horizontalHeader()
    assert (header.sectionSize(0), header.sectionSize(1)) == (211, 97)
    assert second.audit_page.table.horizontalHeader().sectionSize(2) == 123
