"""Quotes (R13): priced exactly as the invoice would be, without committing; a valid
quote is accepted at its prices, an expired one is refused."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_admin.domain.catalog import Audience
from desktop_admin.domain.changes import ChangeRequest
from desktop_admin.domain.errors import NotFound, RuleViolation
from desktop_admin.domain.invoicing import InvoiceStatus
from desktop_admin.domain.lifecycle import QuoteStatus
from desktop_admin.domain.quotes import Quote, QuoteKind
from desktop_admin.services import quotes
from desktop_admin.services.changes import ChangeResult
from desktop_admin.services.purchases import Order, Purchase
from tests.unit.services.billing_world import D, M, World, Y, amounts, set_price, world
from tests.unit.services.builders import CLERK

MARCH_1 = date(2026, 3, 1)


def purchase_quote(w: World, seats: dict[str, int], addons: dict[str, int] | None = None) -> Quote:
    order = Order(w.account_id, Y, seats, addons or {})
    return quotes.quote_purchase(w.ctx(), order)


def accept(w: World, reference: str) -> tuple[Quote, Purchase | ChangeResult]:
    return quotes.accept_quote(w.ctx(), reference)


def test_r13_a_purchase_quote_has_the_invoice_lines_and_commits_no_order() -> None:
    w = world(day=MARCH_1)
    quote = purchase_quote(w, {"named-user": 10}, {"storage": 1})
    assert (quote.number, quote.kind, quote.status, quote.contact_request) == (
        "Q-2026-000001",
        QuoteKind.PURCHASE,
        QuoteStatus.DRAFT,
        False,
    )
    assert (quote.issue_date, quote.valid_until) == (MARCH_1, date(2026, 3, 31))
    assert [(ln.code, ln.unit_price, ln.amount) for ln in quote.lines] == [
        ("named-user", D("100.00"), D("1000.00")),
        ("storage", D("20.00"), D("20.00")),
    ]
    assert quote.totals.total == D("1224.00")
    assert w.uow.subscriptions.for_account(w.account_id) == [] and w.invoices() == []
    assert quotes.get_quote(w.ctx(CLERK), "Q-2026-000001") == quote
    # the invoice of the same order has the same lines
    invoice = w.buy({"named-user": 10}, Y, {"storage": 1}).invoice
    assert invoice is not None and invoice.lines == quote.lines


def test_r13_accepting_applies_the_purchase_at_the_quoted_prices() -> None:
    w = world(day=MARCH_1)
    quote = purchase_quote(w, {"named-user": 10})
    set_price(w.uow, "named-user", Y, D("130.00"))
    w.at(date(2026, 3, 31))  # the last valid day
    accepted, result = accept(w, quote.number or "")
    assert accepted.status is QuoteStatus.ACCEPTED
    assert w.uow.quotes.get(str(quote.id)).status is QuoteStatus.ACCEPTED
    assert isinstance(result, Purchase) and result.invoice is not None
    assert amounts(result.invoice) == [("named-user", 10, D("100.00"), D("1000.00"))]
    assert result.subscription is not None
    assert dict(w.subscription(result.subscription.id or 0).seat_prices) == {
        "named-user": D("100.00")
    }
    assert w.uow.audit.entries()[0].action == "quote.accept"
    with pytest.raises(RuleViolation, match="the quote is accepted"):
        accept(w, quote.number or "")


def test_r13_an_expired_quote_cannot_be_accepted() -> None:
    w = world(day=MARCH_1)
    quote = purchase_quote(w, {"named-user": 10})
    w.at(date(2026, 4, 1))
    before = w.uow.picture()
    with pytest.raises(RuleViolation, match="the quote expired on 2026-03-31") as refused:
        accept(w, quote.number or "")
    assert refused.value.rule == "R13" and w.uow.picture() == before
    assert w.uow.quotes.get(quote.number or "").status_on(w.clock.today()) is QuoteStatus.EXPIRED
    with pytest.raises(RuleViolation, match="expired"):
        quotes.reject_quote(w.ctx(), quote.number or "")


def test_r13_a_rejected_quote_cannot_be_accepted() -> None:
    w = world(day=MARCH_1)
    quote = purchase_quote(w, {"named-user": 10})
    rejected = quotes.reject_quote(w.ctx(), str(quote.id))
    assert rejected.status is QuoteStatus.REJECTED and rejected.version == 2
    with pytest.raises(RuleViolation, match="the quote is rejected"):
        accept(w, str(quote.id))
    with pytest.raises(RuleViolation, match="rejected"):
        quotes.reject_quote(w.ctx(), str(quote.id))
    assert w.uow.subscriptions.for_account(w.account_id) == []
    with pytest.raises(NotFound, match="no quote Q-2026-000009"):
        quotes.get_quote(w.ctx(), "Q-2026-000009")


def test_r13_a_change_quote_is_accepted_at_the_quoted_prices() -> None:
    w = world(audience=Audience.MAKER)
    sid = w.bought({"named-user": 25}, M, on=MARCH_1)
    w.at(date(2026, 3, 15))
    request = ChangeRequest({"named-user": 100, "designer": 2}, {}, None)
    quote = quotes.quote_change(w.ctx(), sid, request)
    assert quote.kind is QuoteKind.CHANGE and quote.subscription_id == sid
    assert [(ln.code, ln.amount) for ln in quote.lines] == [("named-user", D("411.29"))]
    assert dict(w.subscription(sid).seats) == {"named-user": 25}  # nothing committed
    set_price(w.uow, "designer", M, D("15.00"))
    accepted, result = accept(w, quote.number or "")
    assert accepted.status is QuoteStatus.ACCEPTED and isinstance(result, ChangeResult)
    # accepted as quoted: its lines are invoiced at once, not gathered in a draft
    assert result.draft is None
    assert result.invoice is not None and result.invoice.status is InvoiceStatus.OPEN
    assert result.invoice.number is not None
    assert result.invoice.lines == quote.lines
    stored = w.subscription(sid)
    assert dict(stored.seats) == {"named-user": 100, "designer": 2}
    assert stored.seat_prices["named-user"] == D("10.00")


def test_r13_a_change_that_invoices_nothing_now_has_nothing_to_quote() -> None:
    w = world()
    sid = w.bought({"named-user": 10}, Y, on=MARCH_1)
    request = ChangeRequest({"named-user": 5}, {}, None)
    with pytest.raises(RuleViolation, match="nothing to quote"):
        quotes.quote_change(w.ctx(), sid, request)
    assert w.uow.quotes.rows == {}


def test_r04_r13_a_quote_request_is_accepted_as_an_order_at_the_quoted_prices() -> None:
    w = world(day=MARCH_1)
    request = w.buy({"enterprise": 1}).quote
    assert request is not None and request.contact_request
    set_price(w.uow, "enterprise", Y, D("1200.00"))
    _, result = accept(w, request.number or "")
    assert isinstance(result, Purchase) and result.invoice is not None
    assert amounts(result.invoice) == [("enterprise", 1, D("1000.00"), D("1000.00"))]
    assert result.invoice.number == "INV-2026-000001"  # the Q series is apart
