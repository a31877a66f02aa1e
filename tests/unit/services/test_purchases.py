"""Purchases: a subscription and its first invoice (R02-R06, R18-R20)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop_admin.domain.catalog import Audience
from desktop_admin.domain.errors import InvalidInput, RuleViolation
from desktop_admin.domain.invoicing import (
    DocumentKind,
    InvoiceReason,
    InvoiceStatus,
    LineKind,
    VatSubtotal,
)
from desktop_admin.domain.lifecycle import QuoteStatus
from desktop_admin.domain.periods import Period
from desktop_admin.domain.subscriptions import SubscriptionStatus
from desktop_admin.services import purchases
from desktop_admin.services.purchases import Order
from tests.unit.services.billing_world import D, M, Y, amounts, world

MARCH_1 = date(2026, 3, 1)
YEAR = Period(MARCH_1, date(2027, 3, 1))


def test_r02_r03_r19_a_purchase_issues_one_line_per_role_and_addon_with_vat() -> None:
    w = world()
    bought = w.buy({"named-user": 10, "designer": 2}, Y, {"storage": 3})
    subscription, invoice = bought.subscription, bought.invoice
    assert subscription is not None and invoice is not None and bought.quote is None
    assert amounts(invoice) == [  # roles by name, then add-ons
        ("designer", 2, D("120.00"), D("240.00")),
        ("named-user", 10, D("100.00"), D("1000.00")),
        ("storage", 3, D("20.00"), D("60.00")),
    ]
    assert [ln.kind for ln in invoice.lines] == [LineKind.ROLE, LineKind.ROLE, LineKind.ADDON]
    assert {ln.period for ln in invoice.lines} == {YEAR}
    sums = invoice.totals
    assert (sums.net, sums.vat, sums.total) == (D("1300.00"), D("260.00"), D("1560.00"))
    assert sums.vat_by_rate == (VatSubtotal(D(20), D("1300.00"), D("260.00")),)
    assert (invoice.number, invoice.kind, invoice.reason, invoice.status) == (
        "INV-2026-000001",
        DocumentKind.INVOICE,
        InvoiceReason.PURCHASE,
        InvoiceStatus.OPEN,
    )
    assert invoice.billing_key == f"subscription:{subscription.id}:purchase"
    assert (invoice.issue_date, invoice.due_date, invoice.payment_kind) == (
        MARCH_1,
        MARCH_1,
        "card",
    )
    assert invoice.seller.name == "Seat Desk SAS" and invoice.buyer.name == "Acme SA"
    stored = w.subscription(subscription.id or 0)
    assert (stored.anchor, stored.billed_through, stored.status) == (
        MARCH_1,
        YEAR.end,
        SubscriptionStatus.ACTIVE,
    )
    assert dict(stored.seats) == {"named-user": 10, "designer": 2}
    assert dict(stored.seat_prices) == {"named-user": D("100"), "designer": D("120")}
    assert dict(stored.addon_prices) == {"storage": D("20")}
    assert w.uow.invoices.get(invoice.id or 0) == invoice
    assert [e.action for e in reversed(w.uow.audit.entries())] == [
        "subscription.purchase",
        "invoice.issue",
    ]


def test_r06_a_bank_transfer_is_due_in_30_days() -> None:
    w = world(transfer=True)
    invoice = w.buy({"named-user": 1}, payment="transfer").invoice
    assert invoice is not None
    assert (invoice.payment_kind, invoice.due_date) == ("transfer", MARCH_1 + timedelta(30))


@pytest.mark.parametrize(
    ("country", "vat_number", "rate", "vat", "note"),
    [
        ("FR", None, D(20), D("20.00"), ""),
        ("BE", None, D(21), D("21.00"), ""),
        ("DE", "DE123456789", D(0), D("0.00"), "Reverse charge"),
        ("US", None, D(0), D("0.00"), "VAT not applicable"),
    ],
)
def test_vat_follows_the_buyer_country(
    country: str, vat_number: str | None, rate: D, vat: D, note: str
) -> None:
    w = world(country=country, vat_number=vat_number)
    invoice = w.buy({"named-user": 1}).invoice
    assert invoice is not None
    assert {ln.vat_rate for ln in invoice.lines} == {rate}
    assert invoice.totals.vat == vat and invoice.totals.total == D("100.00") + vat
    assert invoice.vat_note.startswith(note)


def test_r04_a_role_sold_on_request_makes_a_quote_request_not_an_order() -> None:
    w = world()
    bought = w.buy({"enterprise": 2, "named-user": 1})
    quote = bought.quote
    assert bought.subscription is None and bought.invoice is None and quote is not None
    assert quote.contact_request and quote.status is QuoteStatus.DRAFT
    assert quote.number == "Q-2026-000001"
    assert [(ln.code, ln.amount, ln.vat_rate) for ln in quote.lines] == [
        ("enterprise", D("2000.00"), D(20)),
        ("named-user", D("100.00"), D(20)),
    ]
    assert quote.totals.total == D("2520.00")
    assert (quote.valid_until, dict(quote.request)["seats"]) == (
        MARCH_1 + timedelta(30),
        {"enterprise": 2, "named-user": 1},
    )
    assert w.uow.subscriptions.for_account(w.account_id) == [] and w.invoices() == []
    assert w.uow.committed and w.uow.quotes.get("q-2026-000001") == quote
    assert w.uow.audit.entries()[0].action == "quote.request"


@pytest.mark.parametrize(
    ("audience", "payment", "card", "message"),
    [
        (Audience.MAKER, "transfer", True, "only company accounts may pay by bank transfer"),
        (Audience.COMPANY, "transfer", True, "no transfer payment method"),
        (Audience.COMPANY, "card", False, "no card payment method"),
    ],
)
def test_r06_payment_refusals_commit_nothing(
    audience: Audience, payment: str, card: bool, message: str
) -> None:
    w = world(audience=audience, card=card)
    before, commits = w.uow.picture(), w.uow.commits
    with pytest.raises(RuleViolation, match=message) as refused:
        w.buy({"named-user": 1}, payment=payment)
    assert refused.value.rule == "R06"
    assert w.uow.picture() == before and w.uow.commits == commits and not w.uow.committed


def test_r06_an_unknown_payment_method_is_invalid_input() -> None:
    w = world()
    with pytest.raises(InvalidInput, match="'cash' is neither card nor transfer"):
        w.buy({"named-user": 1}, payment="cash")


def test_r05_r01_an_order_outside_the_catalog_is_refused() -> None:
    w = world(audience=Audience.STUDENT)
    with pytest.raises(RuleViolation) as refused:
        w.buy({"named-user": 1}, M)
    assert refused.value.rule == "R01"
    with pytest.raises(InvalidInput) as invalid:
        w.buy({"nothing": 1, "named-user": 0})
    assert [p.field for p in invalid.value.problems] == ["named-user", "seat"]


def test_r18_a_trial_costs_nothing_and_ends_on_its_date() -> None:
    w = world()
    trial = w.buy({"named-user": 3}, trial=True)
    assert trial.invoice is None and trial.subscription is not None
    stored = w.subscription(trial.subscription.id or 0)
    assert (stored.status, stored.ends_on, stored.auto_renew, stored.billed_through) == (
        SubscriptionStatus.TRIAL,
        MARCH_1 + timedelta(14),
        False,
        None,
    )
    assert w.invoices() == [] and w.uow.audit.entries()[0].action == "subscription.trial"
    assert w.run(on=MARCH_1 + timedelta(13)).trials_ended == []
    report = w.run(on=MARCH_1 + timedelta(14))
    assert report.trials_ended == [stored.id] and report.invoices == []
    assert w.subscription(stored.id or 0).status is SubscriptionStatus.ENDED


@pytest.mark.parametrize(
    ("seats", "addons", "message"),
    [
        ({"designer": 1}, {}, "no trial is offered for Designer"),
        ({"named-user": 1}, {"storage": 1}, "no trial is offered for add-ons"),
    ],
)
def test_r18_no_trial_without_trial_days_or_with_addons(
    seats: dict[str, int], addons: dict[str, int], message: str
) -> None:
    w = world()
    before = w.uow.picture()
    with pytest.raises(RuleViolation, match=message):
        w.buy(seats, addons=addons, trial=True)
    assert w.uow.picture() == before


def test_r18_a_trial_converts_only_by_a_purchase_of_its_roles() -> None:
    w = world()
    trial = w.buy({"named-user": 3}, trial=True).subscription
    assert trial is not None and trial.id is not None
    w.buy({"designer": 1}, on=date(2026, 3, 5))  # another role: the trial goes on
    assert w.subscription(trial.id).status is SubscriptionStatus.TRIAL
    paid = w.buy({"named-user": 5}, on=date(2026, 3, 10)).subscription
    assert paid is not None
    converted = w.subscription(trial.id)
    assert (converted.status, converted.ends_on) == (SubscriptionStatus.ENDED, date(2026, 3, 10))
    assert w.subscription(paid.id or 0).status is SubscriptionStatus.ACTIVE
    actions = [e.action for e in w.uow.audit.entries(entity_id=str(trial.id))]
    assert "subscription.trial.converted" in actions


def test_invoices_are_read_by_id_or_number() -> None:
    w = world()
    invoice = w.buy({"named-user": 1}).invoice
    assert invoice is not None
    assert purchases.get_invoice(w.ctx(), "inv-2026-000001") == invoice
    assert purchases.get_invoice(w.ctx(), str(invoice.id)) == invoice


def test_a_purchase_may_start_on_a_later_date() -> None:
    w = world()
    order = Order(w.account_id, Y, {"named-user": 1}, start=date(2026, 4, 1))
    bought = purchases.purchase(w.ctx(), order)
    assert bought.invoice is not None and bought.subscription is not None
    assert bought.invoice.issue_date == MARCH_1
    assert bought.invoice.period == Period(date(2026, 4, 1), date(2027, 4, 1))
    assert w.subscription(bought.subscription.id or 0).billed_through == date(2027, 4, 1)


def test_r05_a_cart_mixing_cycles_is_refused_naming_the_items() -> None:
    w = world()
    order = Order(w.account_id, Y, {"named-user": 2}, {"storage": 1}, item_cycles={"storage": M})
    before = w.uow.picture()
    with pytest.raises(RuleViolation, match=r"named-user \(yearly\), storage \(monthly\)") as no:
        purchases.purchase(w.ctx(), order)
    assert no.value.rule == "R05" and w.uow.picture() == before
