"""The documents pages' actions: a new quote for an account with or without a
subscription (R13), accepted; today's drafts issued (R19); what to do first when an
account has no quote or invoice yet; what a billing clerk may not do."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_admin.app import OperatorSession
from desktop_admin.domain.changes import ChangeRequest
from desktop_admin.domain.invoicing import InvoiceStatus
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.quotes import QuoteKind
from ui.dialogs.new_quote import NewQuoteDialog
from ui.pages.documents import InvoicesPage, QuotesPage
from ui.tasks import BackgroundTasks

from .conftest import PASSWORD
from .test_inventory import open_page, settle


def account_named(session: OperatorSession, name: str) -> int:
    return next(a.id or 0 for a in session.accounts.all() if a.name == name)


@pytest.fixture
def newcomer(admin_session: OperatorSession) -> int:
    """A company with a card and nothing else: no subscription, quote or invoice."""
    account = admin_session.accounts.create(
        name="Nouvelle SARL", audience="company", country="FR", vat_number="FR40303265045"
    ).value
    assert account.id is not None
    admin_session.accounts.add_card(
        account.id, token="tok_new", brand="visa", last4="4242", exp_month=8, exp_year=2030
    )
    return account.id


def new_quote(qtbot: QtBot, tasks: BackgroundTasks, page: QuotesPage) -> NewQuoteDialog:
    assert page.new_quote_button.isEnabled()
    qtbot.mouseClick(page.new_quote_button, Qt.MouseButton.LeftButton)
    dialog = page.new_quote_dialog
    assert dialog is not None and dialog.isVisible()
    settle(qtbot, tasks, dialog)
    qtbot.waitUntil(lambda: all(s.isVisible() for s in dialog.seat_spins.values()))
    return dialog


def test_a_quote_for_an_account_without_a_subscription_is_made_then_accepted(
    qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks, newcomer: int
) -> None:
    page = open_page(qtbot, admin_session, tasks, QuotesPage)
    said: list[str] = []
    page.status_message.connect(said.append)
    page.select_account(newcomer)
    settle(qtbot, tasks, page)
    assert page.empty_hint.isVisible() and not page.table.isVisible()
    assert page.empty_hint.text().startswith("No quote yet for this account. Make one with")
    page.grab().save("/tmp/quotes_empty.png")

    dialog = new_quote(qtbot, tasks, page)
    assert dialog.message.text() == "Choose the seats of at least one role."
    assert set(dialog.seat_spins) == {"named-user", "designer", "bim-collaboration", "zoom-licence"}
    dialog.seat_spins["named-user"].setValue(4)
    dialog.addon_spins["storage-100gb"].setValue(1)
    dialog.cycle.setCurrentIndex(dialog.cycle.findData("quarterly"))
    dialog.grab().save("/tmp/new_quote_dialog.png")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    settle(qtbot, tasks, page)

    [quote] = admin_session.billing.quotes(newcomer)
    assert (quote.kind, quote.subscription_id) == (QuoteKind.PURCHASE, None)
    assert {(ln.code, ln.quantity) for ln in quote.lines} == {
        ("named-user", 4),
        ("storage-100gb", 1),
    }
    assert quote.request["cycle"] == "quarterly"
    assert page.selected() == quote and not page.empty_hint.isVisible()
    assert page.heading.text() == f"Quote {quote.number} (purchase)"
    assert said[-1].startswith(f"Quote {quote.number} made: €")
    page.grab().save("/tmp/quotes_page.png")

    page.accept_button.click()
    settle(qtbot, tasks, page)
    [sub] = admin_session.subscriptions.of_account(newcomer)
    assert (sub.cycle, sub.seats, sub.addons) == (
        Cycle.QUARTERLY,
        {"named-user": 4},
        {"storage-100gb": 1},
    )
    [invoice] = admin_session.billing.invoices(newcomer)
    assert invoice.totals == quote.totals


def test_a_quote_for_an_account_with_a_subscription_and_a_refusal_shown(
    qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks
) -> None:
    company = account_named(admin_session, "Atelier Moreau Architectes")
    assert admin_session.subscriptions.of_account(company)  # it has one already
    before = admin_session.billing.quotes(company)
    page = open_page(qtbot, admin_session, tasks, QuotesPage)
    page.select_account(company)
    settle(qtbot, tasks, page)
    dialog = new_quote(qtbot, tasks, page)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # nothing chosen
    settle(qtbot, tasks, dialog)
    assert dialog.isVisible()
    assert dialog.message.text() == "R05: the cart is empty"
    assert admin_session.billing.quotes(company) == before

    dialog.seat_spins["designer"].setValue(2)
    dialog.payment.setCurrentIndex(dialog.payment.findData("transfer"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    settle(qtbot, tasks, page)
    [quote] = [q for q in admin_session.billing.quotes(company) if q not in before]
    assert [(ln.code, ln.quantity) for ln in quote.lines] == [("designer", 2)]
    assert quote.request["payment"] == "transfer" and quote.request["cycle"] == "yearly"
    assert page.selected() == quote


def test_invoices_say_what_to_do_first_and_today_s_drafts_are_issued(
    qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks, newcomer: int
) -> None:
    page = open_page(qtbot, admin_session, tasks, InvoicesPage)
    said: list[str] = []
    page.status_message.connect(said.append)
    page.select_account(newcomer)
    settle(qtbot, tasks, page)
    assert page.empty_hint.isVisible() and not page.table.isVisible()
    assert page.empty_hint.text().startswith("No invoice yet for this account.")
    assert not page.invoice_actions.issue_button.isEnabled()
    page.grab().save("/tmp/invoices_empty.png")

    student = account_named(admin_session, "Léa Dubois")
    sub = admin_session.subscriptions.of_account(student)[0]
    draft = admin_session.subscriptions.change(
        sub.id or 0, ChangeRequest(seats={"named-user": 3})
    ).value.draft
    assert draft is not None and draft.number is None
    page.select_account(student)
    settle(qtbot, tasks, page)
    assert page.documents.rowCount() == 2 and not page.empty_hint.isVisible()
    page.table.selectRow(page.documents.row_where(lambda i: i.number is None))
    settle(qtbot, tasks, page)
    total = f"€{draft.totals.total:,.2f}"
    assert page.invoice_actions.label.text() == f"A draft of {total}: it is owed once issued."
    assert not page.invoice_actions.pay_button.isEnabled()
    assert page.invoice_actions.issue_button.isEnabled()

    page.invoice_actions.issue_button.click()
    settle(qtbot, tasks, page)
    issued = [i for i in admin_session.billing.invoices(student) if i.id == draft.id]
    assert [i.status for i in issued] == [InvoiceStatus.OPEN]
    number = issued[0].number
    assert number is not None and said[-1] == f"1 invoice issued: {number}."
    assert page.selected() is not None and page.selected().number == number
    assert not page.invoice_actions.issue_button.isEnabled()  # none left
    assert page.invoice_actions.pay_button.isEnabled()
    assert page.invoice_actions.label.text() == f"Total {total} · paid €0.00 · still owes {total}"


def test_a_billing_clerk_neither_makes_quotes_nor_issues_drafts(
    qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks
) -> None:
    student = account_named(admin_session, "Léa Dubois")
    sub = admin_session.subscriptions.of_account(student)[0]
    admin_session.subscriptions.change(sub.id or 0, ChangeRequest(seats={"named-user": 2}))
    admin_session.operators.add(login="clerk", role="billing_clerk", password=PASSWORD)
    clerk = admin_session.app.login("clerk", PASSWORD)
    quotes = open_page(qtbot, clerk, tasks, QuotesPage)
    quotes.select_account(student)
    settle(qtbot, tasks, quotes)
    assert not quotes.new_quote_button.isEnabled()
    assert quotes.new_quote_button.toolTip() == "Billing clerks may not make quotes."
    assert quotes.open_new_quote() is None
    invoices = open_page(qtbot, clerk, tasks, InvoicesPage)
    invoices.select_account(student)
    settle(qtbot, tasks, invoices)
    actions = invoices.invoice_actions
    assert not actions.issue_button.isEnabled()
    assert actions.issue_button.toolTip() == "Billing clerks may not issue invoices."
    invoices.table.selectRow(invoices.documents.row_where(lambda i: i.number is not None))
    settle(qtbot, tasks, invoices)
    assert actions.pay_button.isEnabled()  # a clerk records payments
