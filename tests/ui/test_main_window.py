"""The main window: navigation, status bar, menus, the accounts and audit pages, settings."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_admin.app import OperatorSession
from ui.main_window import GEOMETRY_KEY, PAGE_NAMES, MainWindow
from ui.models.records import SeatState, SeatStateRole


def test_the_status_bar_names_the_database_and_the_operator(
    main_window: MainWindow, admin_session: OperatorSession
) -> None:
    assert main_window.database_label.text() == admin_session.app.database_label
    assert main_window.database_label.text().startswith("SQLite ")
    assert main_window.operator_label.text() == "admin · Administrator"


def test_the_navigation_lists_the_pages(main_window: MainWindow) -> None:
    count = main_window.navigation.count()
    titles = [main_window.navigation.item(row).text() for row in range(count)]
    assert titles == [
        "Dashboard",
        "Accounts",
        "Users",
        "Licences",
        "Subscriptions",
        "Quotes",
        "Invoices",
        "Sync",
        "Audit trail",
    ]
    for row, name in enumerate(PAGE_NAMES):
        main_window.navigation.setCurrentRow(row)
        assert main_window.current_page() is main_window.pages[name]


def test_the_accounts_page_shows_the_accounts_and_the_seats_of_the_selected_one(
    main_window: MainWindow, admin_session: OperatorSession
) -> None:
    page = main_window.accounts_page
    names = [a.name for a in main_window.reference.accounts.records()]
    assert names == [a.name for a in admin_session.accounts.all()]
    assert len(names) == 3
    company = page.selected_account()
    assert company is not None and company.name == "Atelier Moreau Architectes"
    assert page.account_name.text() == company.name
    assert list(page.seats.records()) == admin_session.licences.seats(company.id or 0)
    states = {
        page.seats.data(page.seats.index(row, 0)): page.seats.data(
            page.seats.index(row, 0), SeatStateRole
        )
        for row in range(page.seats.rowCount())
    }
    assert states["BIM collaboration"] == SeatState.WARNING.value  # 6 of 6
    assert states["Named user"] == SeatState.NORMAL.value  # 35 of 45
    assert "Pays by bank transfer." in page.account_payment.text()


def test_selecting_another_account_shows_its_seats(
    qtbot: QtBot, main_window: MainWindow, admin_session: OperatorSession
) -> None:
    page = main_window.accounts_page
    maker = next(a for a in admin_session.accounts.all() if a.name == "Jonas Becker")
    page.select_account(maker.id or 0)
    qtbot.waitUntil(main_window.is_settled)
    assert page.account_name.text() == "Jonas Becker"
    assert list(page.seats.records()) == admin_session.licences.seats(maker.id or 0)
    assert "VISA card ending 4242" in page.account_payment.text()


def test_the_audit_page_lists_the_latest_entries(
    qtbot: QtBot, main_window: MainWindow, admin_session: OperatorSession
) -> None:
    main_window.show_page("audit")
    qtbot.waitUntil(main_window.is_settled)
    entries = main_window.audit_page.entries
    assert list(entries.records()) == admin_session.audit.entries(limit=500)
    assert entries.rowCount() > 40
    assert entries.headerData(0, Qt.Orientation.Horizontal) == "When"


def test_a_billing_clerk_may_not_read_the_audit_trail(
    admin_session: OperatorSession, make_window: Callable[..., MainWindow]
) -> None:
    admin_session.operators.add(login="clerk", role="billing_clerk", password="password123")
    clerk = admin_session.app.login("clerk", "password123")
    window = make_window(clerk, page="audit")
    refused = window.audit_page.findChild(QLabel, "audit_refused")
    assert refused is not None and refused.isVisible()
    assert "Billing clerk" in refused.text()
    assert window.audit_page.entries.rowCount() == 0
    assert window.operator_label.text() == "clerk · Billing clerk"


def test_the_menus_quit_and_tell_about_the_application(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    assert main_window.quit_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Quit)
    box = main_window.show_about()
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "Seat Desk" in box.text()
    box.close()
    main_window.quit_action.trigger()
    qtbot.waitUntil(lambda: not main_window.isVisible())


def test_the_window_keeps_its_geometry_and_page(
    qtbot: QtBot,
    admin_session: OperatorSession,
    make_window: Callable[..., MainWindow],
    settings: QSettings,
) -> None:
    first = make_window(admin_session)
    first.resize(1000, 650)
    first.show_page("users")
    qtbot.waitUntil(first.is_settled)
    first.close()
    assert settings.value(GEOMETRY_KEY) is not None
    second = make_window(admin_session)
    assert second.size() == QSize(1000, 650)
    assert second.current_page() is second.users_page


def test_refresh_reloads_what_changed_elsewhere(
    qtbot: QtBot, main_window: MainWindow, admin_session: OperatorSession
) -> None:
    admin_session.accounts.create(
        name="Nouvelle Agence", audience="company", country="FR", language="fr"
    )
    main_window.refresh_action.trigger()
    qtbot.waitUntil(main_window.is_settled)
    names = [a.name for a in main_window.reference.accounts.records()]
    assert "Nouvelle Agence" in names
    assert main_window.accounts_page.account_name.text() == "Atelier Moreau Architectes"
