"""The quotes and invoices pages: amounts with 2 decimals, lines of the one selected,
accepting and rejecting quotes."""

from __future__ import annotations

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop_admin.app import OperatorSession
from desktop_admin.domain.changes import ChangeRequest
from desktop_admin.domain.quotes import Quote
from ui.pages.documents import InvoicesPage, QuotesPage
from ui.tasks import BackgroundTasks

from .conftest import PASSWORD
from .test_inventory import open_page, settle


def student_id(session: OperatorSession) -> int:
    return next(a.id or 0 for a in session.accounts.all() if a.name == "Léa Dubois")


@pytest.fixture
def quoted(admin_session: OperatorSession) -> tuple[int, Quote]:
    """Two quotes for more seats on the student's subscription (bought today)."""
    account_id = student_id(admin_session)
    sub = admin_session.subscriptions.of_account(account_id)[0]
    quote = admin_session.billing.quote_change(
        sub.id or 0, ChangeRequest(seats={"named-user": 3})
    ).value
    admin_session.billing.quote_change(sub.id or 0, ChangeRequest(seats={"designer": 2}))
    return account_id, quote


def test_invoices_show_amounts_and_the_lines_of_the_one_selected(
    qtbot: QtBot,
    admin_session: OperatorSession,
    tasks: BackgroundTasks,
    qtmodeltester: ModelTester,
) -> None:
    page = open_page(qtbot, admin_session, tasks, InvoicesPage)
    account_id = student_id(admin_session)
    page.select_account(account_id)
    settle(qtbot, tasks, page)
    (invoice,) = admin_session.billing.invoices(account_id)
    assert page.documents.records() == (invoice,)
    cells = [page.documents.data(page.documents.index(0, c)) for c in range(8)]
    totals = invoice.totals
    assert cells == [
        invoice.number,
        "Invoice (purchase)",
        "Mar 15, 2026",  # issued today, due on issue (a card): dates as people write them
        "Mar 15, 2026",
        "open",
        f"{totals.net:.2f}",
        f"{totals.vat:.2f}",
        f"{totals.total:.2f}",
    ]
    page.select_number(invoice.number or "")
    assert page.lines.rowCount() == len(invoice.lines) == 2
    assert page.lines.data(page.lines.index(0, 1)) == "Mar 15, 2026 – Mar 14, 2027"  # a year
    assert page.totals.text().endswith(f"Total {totals.total:.2f} EUR")
    assert page.heading.text() == f"Invoice (purchase) {invoice.number}"
    qtmodeltester.check(page.documents)
    qtmodeltester.check(page.lines)


def test_accepting_a_quote_applies_it(
    qtbot: QtBot,
    admin_session: OperatorSession,
    tasks: BackgroundTasks,
    quoted: tuple[int, Quote],
    qtmodeltester: ModelTester,
) -> None:
    account_id, quote = quoted
    page = open_page(qtbot, admin_session, tasks, QuotesPage)
    page.select_account(account_id)
    settle(qtbot, tasks, page)
    assert page.documents.rowCount() == 2
    qtmodeltester.check(page.documents)
    assert not page.accept_button.isEnabled()  # nothing selected
    page.select_number(quote.number or "")
    assert page.documents.data(page.documents.index(page.table.currentIndex().row(), 4)) == "draft"
    assert page.accept_button.isEnabled() and page.reject_button.isEnabled()
    page.accept_button.click()
    settle(qtbot, tasks, page)
    assert admin_session.billing.quote(quote.number or "").status.value == "accepted"
    assert admin_session.subscriptions.of_account(account_id)[0].seats["named-user"] == 3
    assert page.selected() is not None and page.selected().status.value == "accepted"
    assert not page.accept_button.isEnabled()


def test_rejecting_a_quote(
    qtbot: QtBot,
    admin_session: OperatorSession,
    tasks: BackgroundTasks,
    quoted: tuple[int, Quote],
) -> None:
    account_id, quote = quoted
    page = open_page(qtbot, admin_session, tasks, QuotesPage)
    page.select_account(account_id)
    settle(qtbot, tasks, page)
    page.select_number(quote.number or "")
    page.reject_button.click()
    settle(qtbot, tasks, page)
    assert admin_session.billing.quote(quote.number or "").status.value == "rejected"


def test_a_billing_clerk_reads_quotes_but_cannot_accept_them(
    qtbot: QtBot,
    admin_session: OperatorSession,
    tasks: BackgroundTasks,
    quoted: tuple[int, Quote],
) -> None:
    account_id, quote = quoted
    admin_session.operators.add(login="clerk", role="billing_clerk", password=PASSWORD)
    clerk = admin_session.app.login("clerk", PASSWORD)
    page = open_page(qtbot, clerk, tasks, QuotesPage)
    page.select_account(account_id)
    settle(qtbot, tasks, page)
    page.select_number(quote.number or "")
    assert page.selected() is not None
    assert not page.accept_button.isEnabled()
