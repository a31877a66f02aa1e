"""Recording a payment on an open invoice (R19): what it paid and still owes, the amount
by default, a part then the rest, and the refusals shown where they belong."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_admin.app import OperatorSession
from desktop_admin.domain.invoicing import Invoice, InvoiceStatus
from ui.dialogs.payment import PaymentDialog
from ui.pages.documents import InvoicesPage
from ui.tasks import BackgroundTasks

from .test_inventory import open_page, settle


@pytest.fixture
def invoice(admin_session: OperatorSession) -> Invoice:
    """The student's purchase invoice of today, paid by card, not paid yet."""
    student = next(a.id for a in admin_session.accounts.all() if a.name == "Léa Dubois")
    [bought] = admin_session.billing.invoices(student)
    assert bought.status is InvoiceStatus.OPEN
    return bought


@pytest.fixture
def page(qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks) -> InvoicesPage:
    return open_page(qtbot, admin_session, tasks, InvoicesPage)


def open_payment(
    qtbot: QtBot, tasks: BackgroundTasks, page: InvoicesPage, invoice: Invoice
) -> PaymentDialog:
    page.select_account(invoice.account_id)
    settle(qtbot, tasks, page)
    page.select_number(invoice.number or "")
    settle(qtbot, tasks, page)
    qtbot.mouseClick(page.invoice_actions.pay_button, Qt.MouseButton.LeftButton)
    dialog = page.invoice_actions.payment_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def record(qtbot: QtBot, tasks: BackgroundTasks, dialog: PaymentDialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, tasks, dialog)


def test_a_part_then_the_rest_each_shown_with_what_is_still_owed(
    qtbot: QtBot,
    admin_session: OperatorSession,
    tasks: BackgroundTasks,
    page: InvoicesPage,
    invoice: Invoice,
) -> None:
    said: list[str] = []
    page.status_message.connect(said.append)
    total = invoice.totals.total
    dialog = open_payment(qtbot, tasks, page, invoice)
    assert page.invoice_actions.label.text() == (
        f"Total €{total:,.2f} · paid €0.00 · still owes €{total:,.2f}"
    )
    assert dialog.amount_edit.text() == f"{total:.2f}"  # what it still owes
    assert dialog.card_radio.isChecked()  # as the invoice is paid
    dialog.reference_edit.setText("tok_first_part")
    dialog.amount_edit.setText("100,00")
    dialog.grab().save("/tmp/payment_dialog.png")
    record(qtbot, tasks, dialog)
    settle(qtbot, tasks, page)
    assert not dialog.isVisible()
    balance = admin_session.billing.balance(invoice.number or "")
    assert (balance.paid, balance.owed) == (Decimal("100.00"), total - 100)
    assert [(p.method, p.reference) for p in balance.payments] == [("card", "tok_first_part")]
    assert said[-1] == f"Payment of €100.00 recorded on {invoice.number}."
    owed = f"€{total - 100:,.2f}"
    assert page.invoice_actions.label.text() == (
        f"Total €{total:,.2f} · paid €100.00 · still owes {owed}\n"
        f"Payments: €100.00 by card (tok_first_part) on Mar 15, 2026"
    )
    page.grab().save("/tmp/invoices_page_balance.png")

    dialog = open_payment(qtbot, tasks, page, invoice)
    assert dialog.amount_edit.text() == f"{total - 100:.2f}"
    dialog.transfer_radio.setChecked(True)
    dialog.reference_edit.setText("VIR-2026-0042")
    record(qtbot, tasks, dialog)
    settle(qtbot, tasks, page)
    paid = admin_session.billing.balance(invoice.number or "")
    assert (paid.invoice.status, paid.paid, paid.owed) == (InvoiceStatus.PAID, total, 0)
    assert paid.payments[-1].method == "transfer"
    assert said[-1] == f"Payment of {owed} recorded; {invoice.number} is paid."
    assert page.selected() is not None and page.selected().status is InvoiceStatus.PAID
    assert page.invoice_actions.label.text().startswith(f"Total €{total:,.2f} · paid €{total:,.2f}")
    assert not page.invoice_actions.pay_button.isEnabled()  # nothing is owed any more


def test_refusals_show_under_their_fields_and_nothing_is_recorded(
    qtbot: QtBot,
    admin_session: OperatorSession,
    tasks: BackgroundTasks,
    page: InvoicesPage,
    invoice: Invoice,
) -> None:
    total = invoice.totals.total
    dialog = open_payment(qtbot, tasks, page, invoice)
    dialog.amount_edit.setText(f"{total + 1:.2f}")
    record(qtbot, tasks, dialog)
    assert dialog.isVisible()
    assert dialog.errors.shown() == {
        "reference": "method is card or transfer, with the card token or the transfer reference"
    }
    dialog.reference_edit.setText("4242 4242 4242 4242")  # a card number, never kept (R06)
    record(qtbot, tasks, dialog)
    assert set(dialog.errors.shown()) == {"reference"}
    assert "card" in dialog.errors.shown()["reference"]
    dialog.reference_edit.setText("tok_too_much")
    record(qtbot, tasks, dialog)
    assert dialog.errors.shown() == {
        "amount": f"{total + 1:.2f} is not between 0 and the balance {total:.2f}"
    }
    assert dialog.message.text() == "The payment was refused."
    dialog.grab().save("/tmp/payment_refused.png")
    dialog.amount_edit.setText("")
    record(qtbot, tasks, dialog)
    assert dialog.errors.shown() == {"amount": "type the amount received, e.g. 120.00"}
    assert admin_session.billing.balance(invoice.number or "").payments == ()
    dialog.reject()
    assert not dialog.isVisible()
