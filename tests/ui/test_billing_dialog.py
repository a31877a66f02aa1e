"""The billing run dialog: renewals issued in the background, the report, Cancel, rights."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop_admin.app import AdminApp, OperatorSession
from desktop_admin.domain.periods import Cycle
from desktop_admin.security import Argon2Hasher
from desktop_admin.services.billing_run import BillingReport
from desktop_admin.services.purchases import Order
from tests.ui.conftest import ADMIN, PASSWORD, TODAY
from ui.dialogs.billing import BillingDialog
from ui.main_window import MainWindow

CATALOG = Path(__file__).resolve().parents[2] / "desktop_admin" / "demo" / "catalog.toml"
LATER = date(2026, 6, 15)
MANY = 1000


def open_at(url: str, day: date) -> AdminApp:
    return AdminApp.open(url, today=day, hasher=Argon2Hasher.cheap())


@pytest.fixture
def billing_url(tmp_path: Path) -> str:
    """A database with a seller, the demo catalog, and two accounts paying by card."""
    url = f"sqlite:///{tmp_path / 'billing.sqlite3'}"
    app = open_at(url, TODAY)
    try:
        desk = app.create_first_administrator(ADMIN, PASSWORD)
        desk.billing.set_seller(
            name="Seat Desk SAS",
            country="FR",
            vat_number="FR40303265045",
            address="1 rue de la Paix, Paris",
        )
        desk.catalog.import_text(CATALOG.read_text(encoding="utf-8"), source="catalog.toml")
        company = desk.accounts.create(
            name="Acme Studio", audience="company", country="FR", vat_number="FR40303265045"
        ).value
        maker = desk.accounts.create(name="Léa Maker", audience="maker", country="FR").value
        for account in (company, maker):
            assert account.id is not None
            desk.accounts.add_card(
                account.id,
                token=f"tok_{account.id}",
                brand="visa",
                last4="4242",
                exp_month=8,
                exp_year=2030,
            )
        assert company.id is not None and maker.id is not None
        desk.subscriptions.purchase(Order(company.id, Cycle.QUARTERLY, {"named-user": 3}))
        desk.subscriptions.purchase(Order(maker.id, Cycle.MONTHLY, {"designer": 1}))
        desk.operators.add(login="clerk", role="billing_clerk", password=PASSWORD)
    finally:
        app.close()
    return url


@pytest.fixture
def later(billing_url: str) -> Iterator[OperatorSession]:
    """The Administrator, three months later: renewals are due."""
    app = open_at(billing_url, LATER)
    yield app.login(ADMIN, PASSWORD)
    app.close()


def run_dialog(qtbot: QtBot, window: MainWindow) -> BillingDialog:
    window.billing_action.trigger()
    dialog = window.billing_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def wait_for_report(qtbot: QtBot, window: MainWindow, dialog: BillingDialog) -> BillingReport:
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)
    qtbot.waitUntil(window.is_settled, timeout=10_000)
    assert dialog.report is not None
    return dialog.report


def test_the_billing_run_issues_the_renewals_and_shows_the_report(
    qtbot: QtBot, later: OperatorSession, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(later)
    assert window.billing_action.isEnabled()
    dialog = run_dialog(qtbot, window)
    date_label = dialog.findChild(QLabel, "billing_date")
    assert date_label is not None and date_label.text() == "Billing date: Jun 15, 2026"
    assert later.billing.invoices() == [i for i in later.billing.invoices() if i.issue_date < LATER]
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    assert dialog.is_running() and dialog.progress.isVisible()
    assert dialog.cancel_button.isVisible() and not dialog.close_button.isEnabled()
    report = wait_for_report(qtbot, window, dialog)

    assert not report.cancelled
    assert (len(report.invoices), report.renewals) == (4, 4)  # quarterly once, monthly thrice
    renewals = [i for i in later.billing.invoices() if i.issue_date == LATER]
    assert sorted(i.number for i in renewals) == sorted(report.invoices)
    lines = dialog.report_lines()
    assert lines[:5] == [
        "Invoices issued: 4",
        "Renewals: 4",
        "Subscriptions ended: 0",
        "Trials ended: 0",
        "Scheduled changes applied: 0",
    ]
    assert lines[5:] == report.needs_attention or "Nothing needs attention." in lines[5:]
    assert dialog.status.text() == "Billing run finished."
    assert dialog.close_button.isEnabled() and not dialog.run_button.isVisible()
    dialog.close_button.click()
    qtbot.waitUntil(lambda: window.billing_dialog is None)


def test_cancel_stops_the_run_between_batches(
    qtbot: QtBot, billing_url: str, make_window: Callable[..., MainWindow]
) -> None:
    app = open_at(billing_url, TODAY)
    desk = app.login(ADMIN, PASSWORD)
    maker = next(a for a in desk.accounts.all() if a.name == "Léa Maker")
    assert maker.id is not None
    for _ in range(MANY):
        desk.subscriptions.record(
            account_id=maker.id, cycle=Cycle.MONTHLY, seats={"named-user": 1}, start=TODAY
        )
    app.close()
    month_later = open_at(billing_url, date(2026, 4, 15))
    try:
        session = month_later.login(ADMIN, PASSWORD)
        window = make_window(session)
        dialog = run_dialog(qtbot, window)
        dialog.progressed.connect(lambda _issued: dialog.cancel_run())
        dialog.run()
        report = wait_for_report(qtbot, window, dialog)
        assert report.cancelled
        assert 0 < report.renewals < MANY  # the batch of 200 under way ends, no other starts
        assert dialog.status.text() == "Stopped before the end: what was done is kept."
        assert dialog.report_lines()[1] == f"Renewals: {report.renewals}"
        again = session.billing.run().value  # what was left is still due
        assert report.renewals + again.renewals > MANY
    finally:
        qtbot.waitUntil(lambda: not window.tasks.busy, timeout=10_000)
        month_later.close()


def test_a_billing_clerk_sees_run_billing_disabled(
    billing_url: str, make_window: Callable[..., MainWindow]
) -> None:
    app = open_at(billing_url, LATER)
    try:
        clerk = app.login("clerk", PASSWORD)
        window = make_window(clerk)
        assert not window.billing_action.isEnabled()
        assert window.billing_action.toolTip() == "Billing clerks may not run billing."
        assert window.open_billing() is None
    finally:
        app.close()
