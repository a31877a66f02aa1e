"""Quotes (R13) priced exactly as the invoice, accepted at the quoted prices while
valid; payments against open invoices only, never beyond the balance."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from desktop_admin.app import OperatorSession
from desktop_admin.domain.changes import ChangeRequest
from desktop_admin.domain.errors import InvalidInput, RuleViolation
from desktop_admin.domain.invoicing import InvoiceStatus
from desktop_admin.domain.lifecycle import QuoteStatus
from desktop_admin.domain.periods import Cycle
from desktop_admin.services.changes import ChangeResult
from desktop_admin.services.purchases import Order, Purchase
from tests.conftest import TODAY
from tests.integration.billing.conftest import Buyers, SessionAt, money, with_price

Snapshot = Callable[[], dict[str, list[tuple[Any, ...]]]]


def priced(lines: Any) -> list[tuple[Any, ...]]:
    return [(ln.kind, ln.code, ln.quantity, ln.unit_price, ln.amount, ln.vat_rate) for ln in lines]


@pytest.mark.parametrize("buyer", ["fr", "de"])
def test_r13_a_purchase_quote_has_the_lines_of_the_invoice_issued_the_same_day(
    desk: OperatorSession, buyers: Buyers, buyer: str
) -> None:
    order = Order(
        buyers.id(buyer), Cycle.QUARTERLY, {"named-user": 7, "designer": 3}, {"storage-100gb": 2}
    )
    quote = desk.billing.quote_purchase(order).value
    assert quote.number is not None and not quote.contact_request
    assert (quote.status, quote.issue_date, quote.valid_until) == (
        QuoteStatus.DRAFT,
        TODAY,
        date(2026, 4, 14),
    )
    assert desk.subscriptions.of_account(buyers.id(buyer)) == []  # a quote commits no order

    invoice = desk.subscriptions.purchase(order).value.invoice
    assert invoice is not None
    assert quote.lines == invoice.lines
    assert quote.totals == invoice.totals
    assert (quote.seller, quote.buyer, quote.vat_note) == (
        invoice.seller,
        invoice.buyer,
        invoice.vat_note,
    )
    assert desk.billing.quote(quote.number).lines == invoice.lines  # as stored


def test_r13_accepting_a_purchase_quote_applies_the_quoted_prices_after_a_price_rise(
    desk: OperatorSession, buyers: Buyers, at: SessionAt, catalog_text: str
) -> None:
    order = Order(buyers.id("fr"), Cycle.YEARLY, {"named-user": 4})
    quote = desk.billing.quote_purchase(order).value
    desk.catalog.import_text(
        with_price(catalog_text, "named-user", "yearly", "150.00"), source="rise.toml"
    )
    assert desk.billing.quote_purchase(order).value.lines[0].unit_price == Decimal("150.00")

    accepted, result = at(date(2026, 3, 20)).billing.accept_quote(quote.number or "").value
    assert accepted.status is QuoteStatus.ACCEPTED
    assert isinstance(result, Purchase) and result.invoice is not None
    assert priced(result.invoice.lines) == priced(quote.lines)
    assert result.invoice.totals.total == Decimal("480.00")
    assert result.subscription is not None
    assert result.subscription.seat_prices == {"named-user": Decimal("100.00")}


def test_r13_accepting_a_change_quote_applies_the_quoted_prices(
    desk: OperatorSession, buyers: Buyers, catalog_text: str
) -> None:
    done = desk.subscriptions.purchase(
        Order(buyers.id("fr"), Cycle.YEARLY, {"named-user": 4})
    ).value
    assert done.subscription is not None
    sub = done.subscription.id or 0
    request = ChangeRequest({"designer": 2})
    quote = desk.billing.quote_change(sub, request).value
    [line] = quote.lines  # next_month_start: 1 April 2026 - 15 March 2027
    assert line.amount == money(Fraction(2 * 490) * (11 + Fraction(14, 31)) / 12)
    desk.catalog.import_text(
        with_price(catalog_text, "designer", "yearly", "600.00"), source="rise.toml"
    )

    _, result = desk.billing.accept_quote(quote.number or "").value
    assert isinstance(result, ChangeResult) and result.invoice is not None
    assert result.invoice.number is not None  # issued at once, as quoted
    assert priced(result.invoice.lines) == priced(quote.lines)
    assert desk.subscriptions.get(sub).seats == {"named-user": 4, "designer": 2}


def test_r13_an_expired_quote_cannot_be_accepted(
    desk: OperatorSession, buyers: Buyers, at: SessionAt, db_snapshot: Snapshot
) -> None:
    expired = desk.billing.quote_purchase(
        Order(buyers.id("fr"), Cycle.YEARLY, {"named-user": 1})
    ).value
    last_day = desk.billing.quote_purchase(
        Order(buyers.id("de"), Cycle.YEARLY, {"named-user": 1})
    ).value
    assert expired.valid_until == last_day.valid_until == date(2026, 4, 14)
    after = at(date(2026, 4, 15))
    assert after.billing.quote(expired.number or "").status_on(after.today) is QuoteStatus.EXPIRED
    before = db_snapshot()
    with pytest.raises(RuleViolation) as refused:
        after.billing.accept_quote(expired.number or "")
    assert refused.value.rule == "R13"
    assert "expired on 2026-04-14" in refused.value.message
    assert db_snapshot() == before
    accepted, _ = at(date(2026, 4, 14)).billing.accept_quote(last_day.number or "").value
    assert accepted.status is QuoteStatus.ACCEPTED


def test_r13_a_rejected_or_accepted_quote_cannot_be_accepted(
    desk: OperatorSession, buyers: Buyers, db_snapshot: Snapshot
) -> None:
    rejected = desk.billing.quote_purchase(
        Order(buyers.id("fr"), Cycle.YEARLY, {"named-user": 1})
    ).value
    assert desk.billing.reject_quote(rejected.number or "").value.status is QuoteStatus.REJECTED
    accepted = desk.billing.quote_purchase(
        Order(buyers.id("de"), Cycle.YEARLY, {"named-user": 1})
    ).value
    desk.billing.accept_quote(accepted.number or "")
    before = db_snapshot()
    for number, status in ((rejected.number, "rejected"), (accepted.number, "accepted")):
        with pytest.raises(RuleViolation, match=f"R13: the quote is {status}"):
            desk.billing.accept_quote(number or "")
    assert db_snapshot() == before
    assert len(desk.subscriptions.of_account(buyers.id("fr"))) == 0
    assert len(desk.subscriptions.of_account(buyers.id("de"))) == 1


@pytest.fixture
def invoice_number(desk: OperatorSession, buyers: Buyers) -> str:
    done = desk.subscriptions.purchase(
        Order(buyers.id("fr"), Cycle.YEARLY, {"named-user": 3}, payment="transfer")
    ).value
    assert done.invoice is not None and done.invoice.totals.total == Decimal("360.00")
    return done.invoice.number or ""


def test_paying_the_balance_marks_the_invoice_paid(
    desk: OperatorSession, invoice_number: str
) -> None:
    invoice, payment = desk.billing.record_payment(
        invoice_number, method="transfer", payment_reference="VIR-2026-001"
    ).value
    assert (payment.amount, payment.paid_on) == (Decimal("360.00"), TODAY)
    assert invoice.status is InvoiceStatus.PAID
    assert desk.billing.invoice(invoice_number).status is InvoiceStatus.PAID
    with pytest.raises(RuleViolation, match="R19"):
        desk.billing.record_payment(
            invoice_number,
            method="transfer",
            payment_reference="VIR-2026-002",
            amount=Decimal("1.00"),
        )


def test_a_partial_payment_leaves_the_invoice_open_until_the_rest(
    desk: OperatorSession, invoice_number: str
) -> None:
    invoice, _ = desk.billing.record_payment(
        invoice_number, method="transfer", payment_reference="VIR-1", amount=Decimal("100.00")
    ).value
    assert invoice.status is InvoiceStatus.OPEN
    invoice, rest = desk.billing.record_payment(
        invoice_number, method="card", payment_reference="tok_rest"
    ).value
    assert rest.amount == Decimal("260.00")
    assert invoice.status is InvoiceStatus.PAID


def test_overpaying_is_refused_and_changes_nothing(
    desk: OperatorSession, invoice_number: str, db_snapshot: Snapshot
) -> None:
    desk.billing.record_payment(
        invoice_number, method="transfer", payment_reference="VIR-1", amount=Decimal("300.00")
    )
    before = db_snapshot()
    for amount in (Decimal("60.01"), Decimal("0"), Decimal("-5")):
        with pytest.raises(InvalidInput, match="balance"):
            desk.billing.record_payment(
                invoice_number, method="transfer", payment_reference="VIR-2", amount=amount
            )
    assert db_snapshot() == before
    assert desk.billing.invoice(invoice_number).status is InvoiceStatus.OPEN


def test_a_credit_note_takes_no_payment(
    desk: OperatorSession, buyers: Buyers, invoice_number: str, db_snapshot: Snapshot
) -> None:
    sub = desk.billing.invoice(invoice_number).subscription_id or 0
    credit = desk.subscriptions.cancel(sub, refund=True).value.credit_note
    assert credit is not None and credit.number == "CN-2026-000001"
    before = db_snapshot()
    for number in (credit.number, invoice_number):  # the invoice is credited now
        with pytest.raises(RuleViolation, match="R19"):
            desk.billing.record_payment(number, method="transfer", payment_reference="VIR-1")
    assert db_snapshot() == before
