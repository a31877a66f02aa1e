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
    quote = desk.quote_purchase(order)
    assert quote.number is not None and not quote.contact_request
    assert (quote.status, quote.issue_date, quote.valid_until) == (
        QuoteStatus.DRAFT,
        TODAY,
        date(2026, 4, 14),
    )
    assert desk.subscriptions(buyers.id(buyer)) == []  # a quote commits no order

    invoice = desk.purchase(order).invoice
    assert invoice is not None
    assert quote.lines == invoice.lines
    assert quote.totals == invoice.totals
    assert (quote.seller, quote.buyer, quote.vat_note) == (
        invoice.seller,
        invoice.buyer,
        invoice.vat_note,
    )
    assert desk.quote(quote.number).lines == invoice.lines  # as stored


def test_r13_accepting_a_purchase_quote_applies_the_quoted_prices_after_a_price_rise(
    desk: OperatorSession, buyers: Buyers, at: SessionAt, catalog_text: str
) -> None:
    order = Order(buyers.id("fr"), Cycle.YEARLY, {"named-user": 4})
    quote = desk.quote_purchase(order)
    desk.import_catalog(with_price(catalog_text, "named-user", "yearly", "150.00"), "rise.toml")
    assert desk.quote_purchase(order).lines[0].unit_price == Decimal("150.00")

    accepted, result = at(date(2026, 3, 20)).accept_quote(quote.number or "")
    assert accepted.status is QuoteStatus.ACCEPTED
    assert isinstance(result, Purchase) and result.invoice is not None
    assert priced(result.invoice.lines) == priced(quote.lines)
    assert result.invoice.totals.total == Decimal("480.00")
    assert result.subscription is not None
    assert result.subscription.seat_prices == {"named-user": Decimal("100.00")}


def test_r13_accepting_a_change_quote_applies_the_quoted_prices(
    desk: OperatorSession, buyers: Buyers, catalog_text: str
) -> None:
    done = desk.purchase(Order(buyers.id("fr"), Cycle.YEARLY, {"named-user": 4}))
    assert done.subscription is not None
    sub = done.subscription.id or 0
    request = ChangeRequest({"designer": 2})
    quote = desk.quote_change(sub, request)
    [line] = quote.lines  # next_month_start: 1 April 2026 - 15 March 2027
    assert line.amount == money(Fraction(2 * 490) * (11 + Fraction(14, 31)) / 12)
    desk.import_catalog(with_price(catalog_text, "designer", "yearly", "600.00"), "rise.toml")

    _, result = desk.accept_quote(quote.number or "")
    assert isinstance(result, ChangeResult) and result.invoice is not None
    assert result.invoice.number is not None  # issued at once, as quoted
    assert priced(result.invoice.lines) == priced(quote.lines)
    assert desk.subscription(sub).seats == {"named-user": 4, "designer": 2}


def test_r13_an_expired_quote_cannot_be_accepted(
    desk: OperatorSession, buyers: Buyers, at: SessionAt, db_snapshot: Snapshot
) -> None:
    expired = desk.quote_purchase(Order(buyers.id("fr"), Cycle.YEARLY, {"named-user": 1}))
    last_day = desk.quote_purchase(Order(buyers.id("de"), Cycle.YEARLY, {"named-user": 1}))
    assert expired.valid_until == last_day.valid_until == date(2026, 4, 14)
    after = at(date(2026, 4, 15))
    assert after.quote(expired.number or "").status_on(after.today) is QuoteStatus.EXPIRED
    before = db_snapshot()
    with pytest.raises(RuleViolation) as refused:
        after.accept_quote(expired.number or "")
    assert refused.value.rule == "R13"
    assert "expired on 2026-04-14" in refused.value.message
    assert db_snapshot() == before
    accepted, _ = at(date(2026, 4, 14)).accept_quote(last_day.number or "")
    assert accepted.status is QuoteStatus.ACCEPTED


def test_r13_a_rejected_or_accepted_quote_cannot_be_accepted(
    desk: OperatorSession, buyers: Buyers, db_snapshot: Snapshot
) -> None:
    rejected = desk.quote_purchase(Order(buyers.id("fr"), Cycle.YEARLY, {"named-user": 1}))
    assert desk.reject_quote(rejected.number or "").status is QuoteStatus.REJECTED
    accepted = desk.quote_purchase(Order(buyers.id("de"), Cycle.YEARLY, {"named-user": 1}))
    desk.accept_quote(accepted.number or "")
    before = db_snapshot()
    for number, status in ((rejected.number, "rejected"), (accepted.number, "accepted")):
        with pytest.raises(RuleViolation, match=f"R13: the quote is {status}"):
            desk.accept_quote(number or "")
    assert db_snapshot() == before
    assert len(desk.subscriptions(buyers.id("fr"))) == 0
    assert len(desk.subscriptions(buyers.id("de"))) == 1


@pytest.fixture
def invoice_number(desk: OperatorSession, buyers: Buyers) -> str:
    done = desk.purchase(
        Order(buyers.id("fr"), Cycle.YEARLY, {"named-user": 3}, payment="transfer")
    )
    assert done.invoice is not None and done.invoice.totals.total == Decimal("360.00")
    return done.invoice.number or ""


def test_paying_the_balance_marks_the_invoice_paid(
    desk: OperatorSession, invoice_number: str
) -> None:
    invoice, payment = desk.record_payment(invoice_number, "transfer", "VIR-2026-001")
    assert (payment.amount, payment.paid_on) == (Decimal("360.00"), TODAY)
    assert invoice.status is InvoiceStatus.PAID
    assert desk.invoice(invoice_number).status is InvoiceStatus.PAID
    with pytest.raises(RuleViolation, match="R19"):
        desk.record_payment(invoice_number, "transfer", "VIR-2026-002", Decimal("1.00"))


def test_a_partial_payment_leaves_the_invoice_open_until_the_rest(
    desk: OperatorSession, invoice_number: str
) -> None:
    invoice, _ = desk.record_payment(invoice_number, "transfer", "VIR-1", Decimal("100.00"))
    assert invoice.status is InvoiceStatus.OPEN
    invoice, rest = desk.record_payment(invoice_number, "card", "tok_rest")
    assert rest.amount == Decimal("260.00")
    assert invoice.status is InvoiceStatus.PAID


def test_overpaying_is_refused_and_changes_nothing(
    desk: OperatorSession, invoice_number: str, db_snapshot: Snapshot
) -> None:
    desk.record_payment(invoice_number, "transfer", "VIR-1", Decimal("300.00"))
    before = db_snapshot()
    for amount in (Decimal("60.01"), Decimal("0"), Decimal("-5")):
        with pytest.raises(InvalidInput, match="balance"):
            desk.record_payment(invoice_number, "transfer", "VIR-2", amount)
    assert db_snapshot() == before
    assert desk.invoice(invoice_number).status is InvoiceStatus.OPEN


def test_a_credit_note_takes_no_payment(
    desk: OperatorSession, buyers: Buyers, invoice_number: str, db_snapshot: Snapshot
) -> None:
    sub = desk.invoice(invoice_number).subscription_id or 0
    credit = desk.cancel(sub, refund=True).credit_note
    assert credit is not None and credit.number == "CN-2026-000001"
    before = db_snapshot()
    for number in (credit.number, invoice_number):  # the invoice is credited now
        with pytest.raises(RuleViolation, match="R19"):
            desk.record_payment(number, "transfer", "VIR-1")
    assert db_snapshot() == before
