"""Buying a subscription in the window: what an account without one shows first, the
purchase dialog (unit prices, the cycles of the audience, the payment method on record,
the price and what each period costs), "Place order", "Get a quote", and a contact-only
country that makes a quote request, said before anything is created (R01, R04, R06, R08)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop_admin.app import OperatorSession
from desktop_admin.domain.periods import Cycle
from desktop_admin.services.purchases import Order
from ui.dialogs.purchase import PurchaseDialog
from ui.pages.subscriptions import SubscriptionsPage
from ui.tasks import BackgroundTasks

from .conftest import PASSWORD
from .test_inventory import open_page, settle

NewAccount = Callable[..., int]
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def new_account(admin_session: OperatorSession) -> NewAccount:
    """An account of the audience and country given, with a card unless `card=False`."""

    def create(name: str, audience: str, country: str, *, card: bool = True) -> int:
        account = admin_session.accounts.create(name=name, audience=audience, country=country)
        account_id = account.value.id or 0
        if card:
            admin_session.accounts.add_card(
                account_id, token=f"tok_{account_id}", brand="visa", last4="4242",
                exp_month=8, exp_year=2030,
            )  # fmt: skip
        return account_id

    return create


def page_of(
    qtbot: QtBot, session: OperatorSession, tasks: BackgroundTasks, account_id: int
) -> SubscriptionsPage:
    page = open_page(qtbot, session, tasks, SubscriptionsPage)
    page.select_account(account_id)
    settle(qtbot, tasks, page)
    return page


def opened(qtbot: QtBot, page: SubscriptionsPage, tasks: BackgroundTasks) -> PurchaseDialog:
    qtbot.mouseClick(page.empty_buy_button if page.is_empty() else page.buy_button, LEFT)
    dialog = page.purchase_dialog
    assert dialog is not None and dialog.isVisible()
    settle(qtbot, tasks, dialog)
    return dialog


def combo_texts(dialog: PurchaseDialog, name: str) -> list[str]:
    combo = dialog.cycle if name == "cycle" else dialog.payment
    return [combo.itemText(i) for i in range(combo.count())]


def test_an_account_without_a_subscription_shows_what_to_do_first_then_buys_one(
    qtbot: QtBot,
    admin_session: OperatorSession,
    tasks: BackgroundTasks,
    new_account: NewAccount,
    qtmodeltester: ModelTester,
) -> None:
    account = new_account("Nouvelle SARL", "company", "FR")
    page = page_of(qtbot, admin_session, tasks, account)
    assert page.is_empty() and page.empty_state.isVisible()
    assert page.empty_title.text() == "Nouvelle SARL has no subscription yet"
    assert "Buy one first" in page.empty_text.text()
    assert page.empty_buy_button.isEnabled() and page.buy_button.isHidden()

    dialog = opened(qtbot, page, tasks)
    assert dialog.heading.text() == "Nouvelle SARL · company account · FR"
    assert dialog.price_labels["named-user"].text() == "€100.00 per seat per year"
    assert dialog.price_labels["storage-100gb"].text() == "€50.00 per unit per year"
    assert dialog.message.text() == "Choose the seats of at least one role."
    assert not dialog.order_button.isEnabled()
    dialog.spins["named-user"].setValue(5)
    dialog.spins["designer"].setValue(2)
    dialog.spins["storage-100gb"].setValue(1)
    assert dialog.is_loading()  # debounced
    settle(qtbot, tasks, dialog)

    order = Order(account, Cycle.YEARLY, {"named-user": 5, "designer": 2}, {"storage-100gb": 1})
    expected = admin_session.subscriptions.preview_purchase(order)
    assert dialog.preview_ == expected
    assert dialog.lines.rowCount() == 3
    assert [dialog.lines.data(dialog.lines.index(r, 3)) for r in range(3)] == [
        "490.00",
        "100.00",
        "50.00",
    ]
    assert dialog.totals.text() == "Net 1530.00  ·  VAT 306.00  ·  Total 1836.00 EUR"
    assert dialog.recurring.text() == (
        "Then €1,836.00 per year from Mar 15, 2027, VAT included, renewed automatically "
        "at the prices of that day (R08)."
    )
    assert dialog.notice.isHidden()
    assert admin_session.subscriptions.of_account(account) == []  # nothing bought yet
    qtmodeltester.check(dialog.lines)

    qtbot.mouseClick(dialog.order_button, LEFT)
    settle(qtbot, tasks, page)
    assert not dialog.isVisible()
    [bought] = admin_session.subscriptions.of_account(account)
    assert (dict(bought.seats), dict(bought.addons)) == (
        {"named-user": 5, "designer": 2},
        {"storage-100gb": 1},
    )
    [invoice] = admin_session.billing.invoices(account)
    assert invoice.totals == expected.invoice.totals and invoice.lines == expected.invoice.lines
    assert not page.is_empty() and page.buy_button.isVisible()
    assert page.selected() == bought


def test_r01_the_cycles_are_those_the_audience_may_buy_with_their_prices(
    qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks, new_account: NewAccount
) -> None:
    page = page_of(qtbot, admin_session, tasks, new_account("Co", "company", "FR"))
    company = opened(qtbot, page, tasks)
    assert combo_texts(company, "cycle") == ["Quarterly", "Yearly"]
    assert combo_texts(company, "payment") == [
        "Card: Visa •••• 4242, expires 08/2030",
        "Bank transfer: none on record",
    ]
    company.cycle.setCurrentIndex(company.cycle.findData("quarterly"))
    assert company.price_labels["designer"].text() == "€135.00 per seat per quarter"
    company.reject()

    maker = PurchaseDialog(page._ops, new_account("Mia", "maker", "DE"))
    qtbot.addWidget(maker)
    settle(qtbot, tasks, maker)
    assert combo_texts(maker, "cycle") == ["Monthly", "Yearly"]
    assert combo_texts(maker, "payment") == ["Card: Visa •••• 4242, expires 08/2030"]  # R06
    assert "bim-collaboration" not in maker.spins  # not offered to makers
    student = PurchaseDialog(page._ops, new_account("Léa", "student", "FR"))
    qtbot.addWidget(student)
    settle(qtbot, tasks, student)
    assert combo_texts(student, "cycle") == ["Yearly"]


def test_r04_a_contact_only_country_says_it_is_a_quote_request_before_anything_is_created(
    qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks, new_account: NewAccount
) -> None:
    account = new_account("Studio Roma", "company", "IT", card=False)
    dialog = opened(qtbot, page_of(qtbot, admin_session, tasks, account), tasks)
    assert dialog.price_labels["zoom-licence"].text() == (
        "€120.00 per seat per year · on request in IT"
    )
    assert dialog.price_labels["designer"].text() == "€490.00 per seat per year"  # online there
    dialog.spins["zoom-licence"].setValue(3)
    settle(qtbot, tasks, dialog)
    assert dialog.notice.isVisible()
    assert dialog.notice.text() == (
        "Zoom licence can be bought only on request in IT (R04): placing this order sends a "
        "quote request to the sales team. No subscription is created and nothing is invoiced "
        "until the quote is accepted."
    )
    assert dialog.order_button.text() == "Send the quote request"
    assert dialog.order_button.isEnabled()  # a request needs no payment method
    assert admin_session.billing.quotes(account) == []  # said before anything is created

    qtbot.mouseClick(dialog.order_button, LEFT)
    settle(qtbot, tasks, dialog)
    assert not dialog.isVisible()
    [quote] = admin_session.billing.quotes(account)
    assert quote.contact_request and quote.lines == dialog.preview_.invoice.lines  # type: ignore[union-attr]
    assert admin_session.subscriptions.of_account(account) == []


def test_r06_without_a_payment_method_only_a_quote_can_be_had(
    qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks, new_account: NewAccount
) -> None:
    account = new_account("No Card SARL", "company", "FR", card=False)
    dialog = opened(qtbot, page_of(qtbot, admin_session, tasks, account), tasks)
    assert combo_texts(dialog, "payment")[0] == "Card: none on record"
    dialog.spins["named-user"].setValue(2)
    settle(qtbot, tasks, dialog)
    assert dialog.message.text().startswith("R06: account")
    assert dialog.totals.text() == "Net 200.00  ·  VAT 40.00  ·  Total 240.00 EUR"
    assert not dialog.order_button.isEnabled() and dialog.quote_button.isEnabled()

    qtbot.mouseClick(dialog.quote_button, LEFT)
    settle(qtbot, tasks, dialog)
    [quote] = admin_session.billing.quotes(account)
    assert dialog.quote == quote and not quote.contact_request
    assert dialog.message.text() == (
        f"Quote {quote.number}: total €240.00, valid until Apr 14, 2026. Nothing was bought."
    )
    assert admin_session.subscriptions.of_account(account) == []
    dialog.reject()


def test_a_billing_clerk_sees_the_prices_but_may_not_buy(
    qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks, new_account: NewAccount
) -> None:
    account = new_account("Nouvelle SARL", "company", "FR")
    admin_session.operators.add(login="clerk", role="billing_clerk", password=PASSWORD)
    clerk = admin_session.app.login("clerk", PASSWORD)
    page = page_of(qtbot, clerk, tasks, account)
    assert page.is_empty() and not page.empty_buy_button.isEnabled()
    assert "may not buy subscriptions" in page.empty_buy_button.toolTip()
    dialog = page.open_purchase()
    assert dialog is not None
    settle(qtbot, tasks, dialog)
    dialog.spins["named-user"].setValue(1)
    settle(qtbot, tasks, dialog)
    assert dialog.totals.text().startswith("Net 100.00")
    assert not dialog.order_button.isEnabled() and not dialog.quote_button.isEnabled()
    dialog.reject()
