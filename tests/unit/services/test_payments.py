"""Payments against invoices (R06, R19): the balance by default, part payments, no
more than the balance, never against a credit note or a draft."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desktop_admin.domain.catalog import Audience
from desktop_admin.domain.errors import InvalidInput, NotFound, RuleViolation
from desktop_admin.domain.invoicing import Invoice, InvoiceStatus, Payment
from desktop_admin.services import payments
from desktop_admin.services.cancellation import cancel_subscription
from tests.unit.services.billing_world import D, M, World, Y, world
from tests.unit.services.builders import CLERK

MARCH_1 = date(2026, 3, 1)


def bought() -> tuple[World, Invoice]:
    w = world()
    invoice = w.buy({"named-user": 10}, Y, on=MARCH_1).invoice  # 1200.00 with VAT
    assert invoice is not None and invoice.totals.total == D("1200.00")
    return w, invoice


def pay(
    w: World, reference: str, amount: Decimal | None = None, method: str = "transfer"
) -> tuple[Invoice, Payment]:
    return payments.record_payment(
        w.ctx(CLERK), reference, method=method, payment_reference="VIR-42", amount=amount
    )


def test_a_full_payment_marks_the_invoice_paid() -> None:
    w, invoice = bought()
    paid, payment = pay(w, "INV-2026-000001")
    assert paid.status is InvoiceStatus.PAID and w.uow.invoices.get(1).status is InvoiceStatus.PAID
    assert (payment.invoice_id, payment.amount, payment.paid_on, payment.reference) == (
        invoice.id,
        D("1200.00"),
        MARCH_1,
        "VIR-42",
    )
    assert w.uow.payments.for_invoice(invoice.id or 0) == [payment]
    [entry] = w.uow.audit.entries(entity="invoice", limit=1)
    assert entry.action == "invoice.payment" and entry.after == {
        "amount": "1200.00",
        "method": "transfer",
        "reference": "VIR-42",
    }


def test_part_payments_leave_it_open_until_the_balance_is_paid() -> None:
    w, invoice = bought()
    first, _ = pay(w, str(invoice.id), D("1000"))
    assert first.status is InvoiceStatus.OPEN
    second, payment = pay(w, "inv-2026-000001")  # the balance by default
    assert payment.amount == D("200.00") and second.status is InvoiceStatus.PAID
    with pytest.raises(RuleViolation, match="INV-2026-000001 is paid"):
        pay(w, str(invoice.id), D("1"))


@pytest.mark.parametrize("amount", [D("1100.01"), D("0"), D("-5")])
def test_more_than_the_balance_or_nothing_is_refused(amount: Decimal) -> None:
    w, invoice = bought()
    pay(w, str(invoice.id), D("100.00"))
    before = w.uow.picture()
    with pytest.raises(InvalidInput, match=r"is not between 0 and the balance 1100\.00"):
        pay(w, str(invoice.id), amount)
    assert w.uow.picture() == before and not w.uow.committed


def test_a_credit_note_and_a_credited_invoice_take_no_payment() -> None:
    w, invoice = bought()
    cancel_subscription(w.ctx(), invoice.subscription_id or 0, refund=True)
    with pytest.raises(RuleViolation, match="CN-2026-000001 is open; only an open invoice"):
        pay(w, "CN-2026-000001")
    with pytest.raises(RuleViolation, match="INV-2026-000001 is credited"):
        pay(w, "INV-2026-000001")
    assert w.uow.payments.rows == {}


def test_a_draft_takes_no_payment() -> None:
    w = world(audience=Audience.MAKER)
    sid = w.bought({"named-user": 25}, M, on=MARCH_1)
    draft = w.change(sid, {"named-user": 30}, on=date(2026, 3, 15)).draft
    assert draft is not None
    with pytest.raises(RuleViolation, match="the draft is draft"):
        pay(w, str(draft.id))


def test_a_payment_names_a_method_and_a_reference() -> None:
    w, invoice = bought()
    with pytest.raises(InvalidInput, match="card or transfer"):
        pay(w, str(invoice.id), method="cash")
    with pytest.raises(InvalidInput):
        payments.record_payment(
            w.ctx(CLERK), str(invoice.id), method="card", payment_reference="  "
        )
    with pytest.raises(NotFound):
        pay(w, "INV-2026-000099")
