"""Buying more seats wherever a shortage shows (R14): the licences page, its refusal message
and the bulk dialog open the change dialog with the missing quantity filled in (the
purchase dialog when the account has nothing to change). The change dialog shows each
item's unit price, how the prorated amount was worked out (R10) and what the next period
costs after the change (R08)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_admin.app import OperatorSession
from desktop_admin.domain.changes import ChangeRequest
from desktop_admin.domain.users import UserQuery
from ui.dialogs.bulk import BulkKind
from ui.dialogs.change import ChangeDialog
from ui.dialogs.more_seats import buy_more_seats, seats_of
from ui.dialogs.purchase import PurchaseDialog
from ui.feedback import ERROR_BOX
from ui.main_window import MainWindow
from ui.pages.licences import InventoryPage
from ui.tasks import BackgroundTasks

from .conftest import PASSWORD
from .test_bulk import open_dialog, spare_users
from .test_inventory import open_page, settle

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def page(qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks) -> InventoryPage:
    return open_page(qtbot, admin_session, tasks, InventoryPage)


def seats(session: OperatorSession, account_id: int, code: str) -> int:
    return next(s.purchased for s in session.licences.seats(account_id) if s.code == code)


def test_the_licences_page_opens_the_change_dialog_with_one_more_seat_and_its_prices(
    qtbot: QtBot,
    page: InventoryPage,
    tasks: BackgroundTasks,
    admin_session: OperatorSession,
    company_id: int,
) -> None:
    page.select_role("bim-collaboration")  # 6 of 6: full, nothing missing yet
    settle(qtbot, tasks, page)
    assert page.buy_button.isEnabled()
    qtbot.mouseClick(page.buy_button, LEFT)
    settle(qtbot, tasks, page)
    dialog = page.buy_dialog
    assert isinstance(dialog, ChangeDialog) and dialog.isVisible()
    settle(qtbot, tasks, dialog)
    assert dialog.seat_spins["bim-collaboration"].value() == 7
    assert dialog.price_labels["bim-collaboration"].text() == ("now 6 · €320.00 per seat per year")
    assert dialog.price_labels["storage-100gb"].text() == "now 2 · €50.00 per unit per year"
    assert dialog.charges.text() == (
        "How it is worked out (R10):\n"
        "BIM collaboration, 6 → 7: 1 × €320.00 per year × 245 days of 365 "
        "(Mar 15, 2026 – Nov 14, 2026) = €214.79"
    )
    assert dialog.lines.data(dialog.lines.index(0, 4)) == "214.79"  # 320 * 245/365
    assert dialog.recurring.text() == (
        "Next period, from Nov 15, 2026: €15,384.00 per year after the change, "
        "instead of €15,000.00 per year; VAT included."
    )
    qtbot.mouseClick(dialog.order_button, LEFT)
    settle(qtbot, tasks, dialog, page)
    assert seats(admin_session, company_id, "bim-collaboration") == 7
    assert page.seats.record(page.seats.row_where(lambda s: s.code == "bim-collaboration")) == (
        next(s for s in admin_session.licences.seats(company_id) if s.code == "bim-collaboration")
    )


def test_r10_a_next_month_start_upgrade_is_explained_in_months(
    qtbot: QtBot,
    admin_session: OperatorSession,
    tasks: BackgroundTasks,
    company_id: int,
    page: InventoryPage,
) -> None:
    sub = admin_session.subscriptions.of_account(company_id)[0]
    dialog = ChangeDialog(page._ops, sub, page, proposed=ChangeRequest({"designer": 14}))
    dialog.show()
    settle(qtbot, tasks, dialog)
    assert dialog.charges.text().splitlines()[1] == (
        "Designer, 12 → 14: 2 × €490.00 per year × 7 7/15 months of 12 "
        "(Apr 1, 2026 – Nov 14, 2026; free until then) = €609.78"
    )
    dialog.seat_spins["designer"].setValue(12)
    dialog.cycle.setCurrentIndex(dialog.cycle.findData("quarterly"))
    settle(qtbot, tasks, dialog)
    assert dialog.charges.isHidden() and dialog.totals.text() == "Nothing to invoice now."
    assert dialog.recurring.text().startswith(
        "Next period, from Nov 15, 2026: €4,197.60 per quarter after the change, instead of"
    )  # (45 * 28.50 + 12 * 135 + 6 * 90 + 2 * 14 + 5 * 5.50) * 1.2
    dialog.reject()


def test_r14_the_refusal_message_offers_to_buy_the_missing_seats(
    qtbot: QtBot,
    page: InventoryPage,
    tasks: BackgroundTasks,
    admin_session: OperatorSession,
    company_id: int,
) -> None:
    page.select_role("designer")  # 10 of 12
    settle(qtbot, tasks, page)
    picker = page.open_picker()
    assert picker is not None
    settle(qtbot, tasks, picker)
    spare = spare_users(admin_session, company_id, "designer")[:5]
    picker.select_users(spare)
    picker.ok_button.click()
    settle(qtbot, tasks, page)
    box = page.findChild(QMessageBox, ERROR_BOX)
    assert box is not None and box.isVisible()
    assert box.informativeText() == "R14: Designer: 10 of 12 seats in use; 5 more requested"
    [buy] = [b for b in box.buttons() if b.objectName() == "buy_more_seats"]
    qtbot.mouseClick(buy, LEFT)
    settle(qtbot, tasks, page)
    dialog = page.buy_dialog
    assert isinstance(dialog, ChangeDialog)
    settle(qtbot, tasks, dialog)
    assert dialog.seat_spins["designer"].value() == 15  # 12 bought + the 3 missing
    qtbot.mouseClick(dialog.order_button, LEFT)
    settle(qtbot, tasks, dialog, page)
    assert seats(admin_session, company_id, "designer") == 15
    admin_session.users.assign(spare, role="designer")  # now it fits


def test_r14_the_bulk_dialog_buys_the_missing_seats_then_may_be_confirmed(
    qtbot: QtBot,
    admin_session: OperatorSession,
    make_window: Callable[..., MainWindow],
    company_id: int,
) -> None:
    window = make_window(admin_session, page="users")
    spare = spare_users(admin_session, company_id, "bim-collaboration")[:3]
    bulk = open_dialog(
        qtbot, window.users_page, spare, BulkKind.ASSIGN, "bim-collaboration", refused=True
    )
    assert bulk.buy_button.isVisible() and bulk.buy_button.isEnabled()
    qtbot.mouseClick(bulk.buy_button, LEFT)
    qtbot.waitUntil(lambda: bulk.buy_dialog is not None and window.is_settled())
    dialog = bulk.buy_dialog
    assert isinstance(dialog, ChangeDialog)
    qtbot.waitUntil(lambda: not dialog.is_loading() and dialog.result_ is not None)
    assert dialog.seat_spins["bim-collaboration"].value() == 9  # 6 + the 3 missing
    assert not bulk.confirm_button.isEnabled()  # not bought yet
    qtbot.mouseClick(dialog.order_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.isVisible() and not bulk.is_busy())
    assert seats(admin_session, company_id, "bim-collaboration") == 9
    assert bulk.confirm_button.isEnabled() and bulk.warning_label.isHidden()
    assert bulk.buy_button.isHidden()
    qtbot.mouseClick(bulk.confirm_button, LEFT)
    qtbot.waitUntil(window.is_settled)
    assert all("bim-collaboration" in u.roles for u in admin_session.users.by_ids(spare))


def test_an_account_with_nothing_to_change_gets_the_purchase_dialog_filled_in(
    qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks, page: InventoryPage
) -> None:
    account = admin_session.accounts.create(name="Nouvelle SARL", audience="company", country="FR")
    account_id = account.value.id or 0
    opened: list[object] = []
    read = seats_of(account_id, "named-user", 4)
    buy_more_seats(page, page._ops, read, channel=page.channel(), opened=opened.append)
    settle(qtbot, tasks, page)
    [dialog] = opened
    assert isinstance(dialog, PurchaseDialog)
    settle(qtbot, tasks, dialog)
    assert dialog.spins["named-user"].value() == 4
    assert dialog.totals.text() == "Net 400.00  ·  VAT 80.00  ·  Total 480.00 EUR"
    dialog.reject()


def test_a_user_manager_sees_the_shortage_but_may_not_buy(
    qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks, company_id: int
) -> None:
    admin_session.operators.add(login="manager", role="user_manager", password=PASSWORD)
    manager = admin_session.app.login("manager", PASSWORD)
    page = open_page(qtbot, manager, tasks, InventoryPage)
    page.select_role("bim-collaboration")
    settle(qtbot, tasks, page)
    assert not page.buy_button.isEnabled()
    assert "may not buy subscriptions" in page.buy_button.toolTip()
    assert manager.users.export(UserQuery(company_id))  # the page is theirs otherwise
