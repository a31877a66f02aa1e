"""The subscriptions page: details, renewal (R09), the seat check warning (R15),
cancelling (R16, R17) and what a billing clerk may do."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop_admin.app import OperatorSession
from desktop_admin.domain.changes import ChangeRequest
from desktop_admin.domain.periods import Cycle, add_months
from desktop_admin.domain.subscriptions import SubscriptionStatus
from ui.feedback import ERROR_BOX
from ui.models.subscriptions import renewal_text, subscription_items
from ui.pages.subscriptions import SubscriptionsPage
from ui.tasks import BackgroundTasks

from .conftest import PASSWORD
from .test_inventory import open_page, settle


@pytest.fixture
def page(qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks) -> SubscriptionsPage:
    return open_page(qtbot, admin_session, tasks, SubscriptionsPage)


def account_named(session: OperatorSession, name: str) -> int:
    return next(a.id or 0 for a in session.accounts.all() if a.name == name)


def test_the_selected_subscription_shows_items_period_and_renewal_deadline(
    page: SubscriptionsPage, admin_session: OperatorSession, company_id: int
) -> None:
    sub = admin_session.subscriptions.of_account(company_id)[0]
    assert page.selected() == sub
    assert page.renewal_label.text() == (
        "Renews on Nov 15, 2026. Renewal can be stopped until Nov 10, 2026 (R09)."
    )
    assert page.period_label.text().startswith("Current period Nov 15, 2025 – Nov 14, 2026")
    items = {(i.name, i.quantity) for i in page.items.records()}
    assert ("Designer", 12) in items and ("Storage 100 GB", 2) in items
    assert page.change_button.isEnabled() and page.cancel_button.isEnabled()
    assert page.renewal_button.text() == "Stop renewal"


def test_r15_a_downgrade_below_the_holders_is_warned_before_the_date(
    qtbot: QtBot,
    page: SubscriptionsPage,
    tasks: BackgroundTasks,
    admin_session: OperatorSession,
    company_id: int,
) -> None:
    sub = admin_session.subscriptions.of_account(company_id)[0]
    admin_session.subscriptions.change(
        sub.id or 0, ChangeRequest(seats={"designer": 8, "bim-collaboration": 4})
    )
    page.refresh()
    settle(qtbot, tasks, page)
    rows = {r.change.code: r for r in page.changes.records()}
    assert rows["designer"].warning == (
        "R15: Designer: 10 users hold the role, 8 seats after the change; "
        "2 user(s) will be disabled by a draw"
    )
    assert rows["bim-collaboration"].warning.endswith("the downgrade will be blocked")
    assert page.changes.data(page.changes.index(0, 2)) == "pending"
    assert "R15: Designer" in page.warnings_label.text()


def test_stopping_and_resuming_renewal(
    qtbot: QtBot,
    page: SubscriptionsPage,
    tasks: BackgroundTasks,
    admin_session: OperatorSession,
    company_id: int,
) -> None:
    page.renewal_button.click()
    settle(qtbot, tasks, page)
    assert not admin_session.subscriptions.of_account(company_id)[0].auto_renew
    assert page.renewal_button.text() == "Resume renewal"
    assert page.renewal_label.text() == "Renewal stopped: the subscription ends on Nov 15, 2026."
    page.renewal_button.click()
    settle(qtbot, tasks, page)
    assert admin_session.subscriptions.of_account(company_id)[0].auto_renew


def test_r09_stopping_renewal_after_the_deadline_shows_the_refusal(
    qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks
) -> None:
    account = admin_session.accounts.create(name="Late", audience="maker", country="DE").value
    admin_session.subscriptions.record(
        account_id=account.id or 0,
        cycle=Cycle.MONTHLY,
        seats={"named-user": 1},
        start=date(2026, 2, 17),
    )
    page = open_page(qtbot, admin_session, tasks, SubscriptionsPage)
    page.select_account(account.id or 0)
    settle(qtbot, tasks, page)
    assert page.renewal_label.text() == (
        "Renews on Mar 17, 2026. The deadline to stop renewal was Mar 12, 2026 (R09)."
    )
    page.renewal_button.click()
    settle(qtbot, tasks, page)
    box = page.findChild(QMessageBox, ERROR_BOX)
    assert box is not None and box.isVisible()
    assert box.informativeText() == (
        "R09: renewal can no longer be stopped; the deadline was 2026-03-12"
    )
    assert admin_session.subscriptions.of_account(account.id or 0)[0].auto_renew
    box.close()


def test_cancelling_with_a_refund_within_the_window(
    qtbot: QtBot, page: SubscriptionsPage, tasks: BackgroundTasks, admin_session: OperatorSession
) -> None:
    student = account_named(admin_session, "Léa Dubois")
    page.select_account(student)
    settle(qtbot, tasks, page)
    dialog = page.open_cancel()
    assert dialog is not None
    dialog.refund.setChecked(True)
    dialog.confirm_button.click()
    settle(qtbot, tasks, page)
    sub = admin_session.subscriptions.of_account(student)[0]
    assert sub.status is SubscriptionStatus.CANCELLED
    assert [i.kind.value for i in admin_session.billing.invoices(student)].count("credit_note") == 1
    assert not page.change_button.isEnabled()  # a cancelled subscription takes no change


def test_r16_a_refused_refund_shows_the_sentence(
    qtbot: QtBot, page: SubscriptionsPage, tasks: BackgroundTasks, admin_session: OperatorSession
) -> None:
    maker = account_named(admin_session, "Jonas Becker")  # recorded, not bought here
    page.select_account(maker)
    settle(qtbot, tasks, page)
    dialog = page.open_cancel()
    assert dialog is not None
    dialog.refund.setChecked(True)
    dialog.confirm_button.click()
    settle(qtbot, tasks, page)
    box = page.findChild(QMessageBox, ERROR_BOX)
    assert box is not None
    assert box.informativeText().startswith("R16: subscription ")
    assert "there is nothing to refund" in box.informativeText()
    assert admin_session.subscriptions.of_account(maker)[0].status is SubscriptionStatus.ACTIVE
    box.close()


def test_a_billing_clerk_sees_change_and_cancel_disabled(
    qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks
) -> None:
    admin_session.operators.add(login="clerk", role="billing_clerk", password=PASSWORD)
    clerk = admin_session.app.login("clerk", PASSWORD)
    page = open_page(qtbot, clerk, tasks, SubscriptionsPage)
    assert page.selected() is not None  # clerks read subscriptions
    for button in (page.change_button, page.cancel_button, page.renewal_button):
        assert not button.isEnabled()
    assert "may not change subscriptions" in page.change_button.toolTip()


def test_the_models_pass_the_model_tester(
    qtmodeltester: ModelTester,
    qtbot: QtBot,
    page: SubscriptionsPage,
    tasks: BackgroundTasks,
    admin_session: OperatorSession,
    company_id: int,
) -> None:
    sub = admin_session.subscriptions.of_account(company_id)[0]
    admin_session.subscriptions.change(sub.id or 0, ChangeRequest(seats={"designer": 8}))
    page.refresh()
    settle(qtbot, tasks, page)
    for model in (page.subscriptions, page.items, page.changes):
        assert model.rowCount() > 0
        qtmodeltester.check(model)


def test_a_subscription_that_has_not_started_says_when_it_starts(
    admin_session: OperatorSession, company_id: int
) -> None:
    start = admin_session.today + timedelta(days=20)
    sub = admin_session.subscriptions.record(
        account_id=company_id, cycle=Cycle.QUARTERLY, seats={"named-user": 1}, start=start
    ).value
    assert start == date(2026, 4, 4) and add_months(start, 3) == date(2026, 7, 4)
    assert renewal_text(sub, admin_session.today) == (
        "Starts on Apr 4, 2026: no seats until then, nothing to renew yet."
    )
    assert renewal_text(sub, start).startswith("Renews on Jul 4, 2026. ")


def test_a_recorded_subscription_shows_the_catalog_prices_marked_as_such(
    admin_session: OperatorSession, company_id: int
) -> None:
    sub = admin_session.subscriptions.record(
        account_id=company_id,
        cycle=Cycle.YEARLY,
        seats={"designer": 2},
        addons={"storage-100gb": 1},
    ).value
    catalog = admin_session.catalog.current()
    audience = admin_session.accounts.get(company_id).audience
    role, addon = catalog.role("designer"), catalog.addon("storage-100gb")
    assert role is not None and addon is not None
    items = subscription_items(sub, catalog, audience)
    assert [(i.name, i.quantity, i.unit_price) for i in items] == [
        ("Designer", 2, f"{role.price(audience, Cycle.YEARLY):.2f} (catalog)"),
        (addon.name, 1, f"{addon.price(Cycle.YEARLY):.2f} (catalog)"),
    ]
    bought = replace(sub, seat_prices={"designer": Decimal("399.50")})
    assert subscription_items(bought, catalog, audience)[0].unit_price == "399.50"
