"""The billing dialog's preview: before "Run", what a run on the chosen date would do
(renewals and their totals, a downgrade blocked by R15, nothing due), then the run
issuing exactly the invoices shown."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from desktop_admin.app import AdminApp, OperatorSession
from desktop_admin.domain.changes import ChangeRequest
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.users import UserQuery
from desktop_admin.security import Argon2Hasher
from desktop_admin.services.purchases import Order
from tests.ui.conftest import ADMIN, PASSWORD, TODAY
from ui.dialogs.billing import BillingDialog
from ui.formatting import money
from ui.main_window import MainWindow

CATALOG = Path(__file__).resolve().parents[2] / "desktop_admin" / "demo" / "catalog.toml"
LATER = date(2026, 6, 15)


def open_at(url: str, day: date) -> AdminApp:
    return AdminApp.open(url, today=day, hasher=Argon2Hasher.cheap())


@pytest.fixture
def billing_url(tmp_path: Path) -> str:
    """A seller, the demo catalog; a company on a quarterly plan of 3 named users and 3
    designers, all held (one holder an Administrator), going down to 1 of each at its
    renewal: named users blocked, designers drawn (R15); a maker on a monthly plan."""
    url = f"sqlite:///{tmp_path / 'billing.sqlite3'}"
    app = open_at(url, TODAY)
    try:
        desk = app.create_first_administrator(ADMIN, PASSWORD)
        desk.billing.set_seller(
            name="Seat Desk SAS", country="FR", vat_number="FR40303265045", address="Paris"
        )
        desk.catalog.import_text(CATALOG.read_text(encoding="utf-8"), source="catalog.toml")
        company = desk.accounts.create(
            name="Acme Studio", audience="company", country="FR", vat_number="FR40303265045"
        ).value
        maker = desk.accounts.create(name="Léa Maker", audience="maker", country="FR").value
        assert company.id is not None and maker.id is not None
        for account in (company.id, maker.id):
            desk.accounts.add_card(
                account, token=f"tok_{account}", brand="visa", last4="4242", exp_month=8,
                exp_year=2030,
            )  # fmt: skip
        quarterly = desk.subscriptions.purchase(
            Order(company.id, Cycle.QUARTERLY, {"named-user": 3, "designer": 3})
        ).value.subscription
        assert quarterly is not None and quarterly.id is not None
        for i in range(3):
            desk.users.add(
                account_id=company.id,
                email=f"u{i}@acme.example",
                roles=["named-user", "designer"],
                is_admin=i == 0,
            )
        desk.subscriptions.change(quarterly.id, ChangeRequest({"named-user": 1, "designer": 1}))
        desk.subscriptions.purchase(Order(maker.id, Cycle.MONTHLY, {"designer": 1}))
    finally:
        app.close()
    return url


@pytest.fixture
def session_at(billing_url: str) -> Iterator[Callable[[date], OperatorSession]]:
    opened: list[AdminApp] = []

    def at(day: date) -> OperatorSession:
        opened.append(open_at(billing_url, day))
        return opened[-1].login(ADMIN, PASSWORD)

    yield at
    for app in opened:
        app.close()


def open_dialog(qtbot: QtBot, window: MainWindow) -> BillingDialog:
    window.billing_action.trigger()
    dialog = window.billing_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    return dialog


def test_the_preview_shows_what_the_run_then_issues(
    qtbot: QtBot,
    session_at: Callable[[date], OperatorSession],
    make_window: Callable[..., MainWindow],
) -> None:
    later = session_at(LATER)
    window = make_window(later)
    dialog = open_dialog(qtbot, window)
    assert dialog.preview_title.text() == "What a run on Jun 15, 2026 would do:"
    preview = dialog.preview
    assert preview is not None and len(preview.renewals) == 4
    total = sum((r.total for r in preview.renewals), Decimal(0))
    lines = dialog.preview_tree.lines()
    assert lines[0] == f"4 invoices to issue | {money(total, 'EUR')}"
    renewals = [r.invoice.totals.total for r in preview.renewals]
    assert lines[1] == (
        f"  Acme Studio, subscription 1: renewal Jun 15, 2026 – Sep 14, 2026 | "
        f"{money(renewals[0], 'EUR')}"
    )
    assert lines[2].startswith("  Léa Maker, subscription 2: renewal Apr 15, 2026 – May 14, 2026")
    assert lines[5:] == [
        "2 scheduled changes due",
        "  Acme Studio, subscription 1: Designer → 1: applied, 2 users disabled (R15)",
        "    3 enabled users hold the role, 1 seat after the change; a draw disables "
        "(never an Administrator):",
        "    u1@acme.example",
        "    u2@acme.example",
        "  Acme Studio, subscription 1: Named user → 1: blocked (R15)",
        "    3 enabled users hold the role, 1 seat after the change; it renews at the "
        "previous quantity.",
    ]
    assert not dialog.preview_empty.isVisible()
    assert dialog.run_button.isEnabled()
    dialog.preview_date.grab().save("/tmp/billing_preview_date.png")
    dialog.grab().save("/tmp/billing_preview_dialog.png")

    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    assert not dialog.preview_box.isVisible()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)
    qtbot.waitUntil(window.is_settled, timeout=10_000)
    report = dialog.report
    assert report is not None
    issued = [later.billing.invoice(number) for number in report.invoices]
    assert [(i.subscription_id, i.totals.total) for i in issued] == [
        (r.subscription_id, r.total) for r in preview.renewals
    ]
    quantities = {line.code: line.quantity for line in issued[0].lines}
    assert quantities == {"named-user": 3, "designer": 1}  # as previewed
    assert len(report.blocked) == len(report.disabled) == 1
    disabled = [u.email for u in later.users.export(UserQuery(1, sort="id")) if not u.enabled]
    assert disabled == ["u1@acme.example", "u2@acme.example"]


def test_nothing_due_says_so_and_another_date_is_previewed_but_not_run(
    qtbot: QtBot,
    session_at: Callable[[date], OperatorSession],
    make_window: Callable[..., MainWindow],
) -> None:
    today = session_at(TODAY)
    window = make_window(today)
    dialog = open_dialog(qtbot, window)
    assert dialog.preview is not None and dialog.preview.is_empty
    assert dialog.preview_empty.isVisible() and not dialog.preview_tree.isVisible()
    assert dialog.preview_empty.text().startswith("Nothing is due on Mar 15, 2026:")
    assert dialog.run_button.isEnabled()
    dialog.grab().save("/tmp/billing_preview_empty.png")

    dialog.preview_date.setDate(QDate(2026, 6, 15))
    assert not dialog.run_button.isEnabled()  # a run bills on the billing date only
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    assert dialog.preview is not None and dialog.preview.day == LATER
    assert len(dialog.preview.renewals) == 4 and dialog.preview_tree.isVisible()
    assert "bills on the billing date (Mar 15, 2026) only" in dialog.status.text()
    dialog.run()  # refused: not the billing date
    assert dialog.report is None and not dialog.is_running()
    assert today.billing.invoices() == [i for i in today.billing.invoices() if i.issue_date < LATER]

    dialog.preview_date.setDate(QDate(2026, 3, 15))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    assert dialog.run_button.isEnabled() and dialog.preview_empty.isVisible()
    assert dialog.status.text() == "Not run yet."
