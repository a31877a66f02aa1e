"""The change dialog: the price of a change as it is edited (R10), what waits for the
period end (R11), placing the order and getting a quote (R13)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop_admin.app import OperatorSession
from desktop_admin.domain.periods import Cycle
from desktop_admin.services.purchases import Order
from ui.dialogs.change import ChangeDialog
from ui.pages.subscriptions import SubscriptionsPage
from ui.tasks import BackgroundTasks

from .test_inventory import open_page, settle


@pytest.fixture
def maker_id(admin_session: OperatorSession) -> int:
    """A maker bought 25 named users monthly from 1 March (today is 15 March)."""
    maker = admin_session.accounts.create(name="Mia Maker", audience="maker", country="DE").value
    account_id = maker.id or 0
    admin_session.accounts.add_card(
        account_id, token="tok_mia", brand="visa", last4="4242", exp_month=8, exp_year=2030
    )
    admin_session.subscriptions.purchase(
        Order(account_id, Cycle.MONTHLY, {"named-user": 25}, start=date(2026, 3, 1))
    )
    return account_id


@pytest.fixture
def page(
    qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks, maker_id: int
) -> SubscriptionsPage:
    page = open_page(qtbot, admin_session, tasks, SubscriptionsPage)
    page.select_account(maker_id)
    settle(qtbot, tasks, page)
    return page


@pytest.fixture
def dialog(qtbot: QtBot, page: SubscriptionsPage, tasks: BackgroundTasks) -> ChangeDialog:
    opened = page.open_change()
    assert opened is not None
    settle(qtbot, tasks, opened)
    return opened


def test_r10_the_preview_prices_the_upgrade_over_the_rest_of_the_period(
    qtbot: QtBot, dialog: ChangeDialog, tasks: BackgroundTasks, qtmodeltester: ModelTester
) -> None:
    assert dialog.message.text() == "Change a quantity or the cycle to see its price."
    assert not dialog.order_button.isEnabled()
    dialog.seat_spins["named-user"].setValue(100)
    assert dialog.is_loading()  # debounced
    settle(qtbot, tasks, dialog)
    assert dialog.lines.rowCount() == 1
    assert dialog.lines.data(dialog.lines.index(0, 4)) == "411.29"  # 75 * 10.00 * 17/31
    assert dialog.lines.data(dialog.lines.index(0, 2)) == "75"
    vat = dialog.result_.preview.totals.vat if dialog.result_ and dialog.result_.preview else None
    assert vat is not None
    assert dialog.totals.text() == (
        f"Net 411.29  ·  VAT {vat:.2f}  ·  Total {Decimal('411.29') + vat:.2f} EUR"
    )
    assert dialog.scheduled.text() == "Nothing is scheduled for the period end."
    assert dialog.order_button.isEnabled() and dialog.quote_button.isEnabled()
    qtmodeltester.check(dialog.lines)


def test_r11_a_downgrade_is_scheduled_and_invoices_nothing(
    qtbot: QtBot, dialog: ChangeDialog, tasks: BackgroundTasks
) -> None:
    dialog.seat_spins["named-user"].setValue(10)
    settle(qtbot, tasks, dialog)
    assert dialog.lines.rowCount() == 0
    assert dialog.totals.text() == "Nothing to invoice now."
    assert dialog.scheduled.text() == (
        "Scheduled for the period end (R11, R12): Named user → 10 on 2026-04-01"
    )
    assert dialog.order_button.isEnabled()
    assert not dialog.quote_button.isEnabled()  # nothing to quote


def test_a_refused_preview_shows_the_services_sentence(
    qtbot: QtBot, dialog: ChangeDialog, tasks: BackgroundTasks
) -> None:
    dialog.seat_spins["named-user"].setValue(0)
    settle(qtbot, tasks, dialog)
    assert "a subscription keeps seats of at least one role" in dialog.message.text()
    assert not dialog.order_button.isEnabled()


def test_placing_the_order_updates_the_subscription(
    qtbot: QtBot,
    page: SubscriptionsPage,
    dialog: ChangeDialog,
    tasks: BackgroundTasks,
    admin_session: OperatorSession,
    maker_id: int,
) -> None:
    dialog.seat_spins["named-user"].setValue(100)
    settle(qtbot, tasks, dialog)
    dialog.order_button.click()
    settle(qtbot, tasks, dialog, page)
    assert not dialog.isVisible()
    assert admin_session.subscriptions.of_account(maker_id)[0].seats["named-user"] == 100
    items = {i.name: i.quantity for i in page.items.records()}
    assert items["Named user"] == 100


def test_getting_a_quote_creates_one(
    qtbot: QtBot,
    dialog: ChangeDialog,
    tasks: BackgroundTasks,
    admin_session: OperatorSession,
    maker_id: int,
) -> None:
    dialog.seat_spins["named-user"].setValue(100)
    settle(qtbot, tasks, dialog)
    dialog.quote_button.click()
    settle(qtbot, tasks, dialog)
    (quote,) = admin_session.billing.quotes(maker_id)
    assert dialog.quote == quote
    assert quote.totals.net == dialog.result_.preview.totals.net  # type: ignore[union-attr]
    assert dialog.message.text() == (
        f"Quote {quote.number}: total {quote.totals.total:.2f} EUR, valid until Apr 14, 2026."
    )
    assert (
        admin_session.subscriptions.of_account(maker_id)[0].seats["named-user"] == 25
    )  # not committed
    dialog.reject()
