"""Purchases (R01-R06, R18-R20): the subscription and its first invoice, or a quote
request, or a trial; refusals leave the database as it was."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from desktop_admin.app import OperatorSession
from desktop_admin.domain.errors import RuleViolation
from desktop_admin.domain.invoicing import DocumentKind, InvoiceReason, InvoiceStatus, LineKind
from desktop_admin.domain.periods import Cycle, Period
from desktop_admin.domain.subscriptions import SubscriptionStatus
from desktop_admin.services.purchases import Order
from tests.conftest import TODAY
from tests.integration.billing.conftest import Buyers, SessionAt, check_totals

Snapshot = Callable[[], dict[str, list[tuple[Any, ...]]]]
YEAR = Period(TODAY, date(2027, 3, 15))


def test_r02_r03_r19_r20_purchase_invoice_for_a_french_company_with_vat_20(
    desk: OperatorSession, buyers: Buyers
) -> None:
    order = Order(
        buyers.id("fr"),
        Cycle.YEARLY,
        {"named-user": 3, "designer": 2},
        {"storage-100gb": 1, "guest-users": 4},
    )
    done = desk.subscriptions.purchase(order).value

    invoice = done.invoice
    assert invoice is not None and done.subscription is not None and done.quote is None
    assert invoice.number == "INV-2026-000001"
    assert (invoice.kind, invoice.reason, invoice.status) == (
        DocumentKind.INVOICE,
        InvoiceReason.PURCHASE,
        InvoiceStatus.OPEN,
    )
    assert [(ln.kind, ln.code, ln.quantity, ln.unit_price, ln.amount) for ln in invoice.lines] == [
        (LineKind.ROLE, "designer", 2, Decimal("490.00"), Decimal("980.00")),
        (LineKind.ROLE, "named-user", 3, Decimal("100.00"), Decimal("300.00")),
        (LineKind.ADDON, "guest-users", 4, Decimal("20.00"), Decimal("80.00")),
        (LineKind.ADDON, "storage-100gb", 1, Decimal("50.00"), Decimal("50.00")),
    ]
    assert {ln.period for ln in invoice.lines} == {YEAR}
    assert {ln.vat_rate for ln in invoice.lines} == {Decimal(20)}
    totals = invoice.totals
    assert (totals.net, totals.vat, totals.total) == (
        Decimal("1410.00"),
        Decimal("282.00"),
        Decimal("1692.00"),
    )
    check_totals(invoice)
    assert invoice.issue_date == invoice.due_date == TODAY  # card: due at once
    assert invoice.payment_kind == "card"
    assert (invoice.seller.name, invoice.seller.country) == ("Seat Desk SAS", "FR")
    assert invoice.seller.vat_number == "FR40303265045"
    assert (invoice.buyer.name, invoice.buyer.vat_number) == ("Acme Studio", "FR40303265045")
    assert invoice.vat_note == ""

    stored = desk.billing.invoice("INV-2026-000001")
    assert stored == invoice
    subscription = desk.subscriptions.get(done.subscription.id or 0)
    assert subscription.status is SubscriptionStatus.ACTIVE
    assert subscription.billed_through == YEAR.end
    assert dict(subscription.seats) == {"named-user": 3, "designer": 2}
    assert dict(subscription.addons) == {"storage-100gb": 1, "guest-users": 4}
    seats = {s.code: s.purchased for s in desk.licences.seats(buyers.id("fr"))}
    assert (seats["named-user"], seats["designer"]) == (3, 2)  # available at once


def test_r19_reverse_charge_for_a_german_company_with_a_vat_number(
    desk: OperatorSession, buyers: Buyers
) -> None:
    done = desk.subscriptions.purchase(
        Order(buyers.id("de"), Cycle.QUARTERLY, {"named-user": 7})
    ).value
    invoice = done.invoice
    assert invoice is not None
    assert [(ln.quantity, ln.unit_price, ln.amount) for ln in invoice.lines] == [
        (7, Decimal("28.50"), Decimal("199.50"))
    ]
    assert invoice.lines[0].period == Period(TODAY, date(2026, 6, 15))
    assert (invoice.totals.net, invoice.totals.vat, invoice.totals.total) == (
        Decimal("199.50"),
        Decimal("0.00"),
        Decimal("199.50"),
    )
    assert invoice.vat_note.startswith("Reverse charge")
    assert invoice.buyer.vat_number == "DE123456789"
    check_totals(invoice)


def test_r06_bank_transfer_is_due_30_days_after_issue(
    desk: OperatorSession, buyers: Buyers
) -> None:
    done = desk.subscriptions.purchase(
        Order(buyers.id("fr"), Cycle.YEARLY, {"named-user": 1}, payment="transfer")
    ).value
    assert done.invoice is not None
    assert done.invoice.payment_kind == "transfer"
    assert done.invoice.due_date == TODAY + timedelta(days=30) == date(2026, 4, 14)


def test_r06_makers_cannot_pay_by_bank_transfer(
    desk: OperatorSession, buyers: Buyers, db_snapshot: Snapshot
) -> None:
    before = db_snapshot()
    with pytest.raises(RuleViolation) as refused:
        desk.subscriptions.purchase(
            Order(buyers.id("maker"), Cycle.YEARLY, {"named-user": 1}, payment="transfer")
        )
    assert refused.value.rule == "R06"
    assert db_snapshot() == before


def test_r06_no_payment_method_recorded_refuses_and_changes_nothing(
    desk: OperatorSession, buyers: Buyers, db_snapshot: Snapshot
) -> None:
    before = db_snapshot()
    with pytest.raises(RuleViolation) as refused:
        desk.subscriptions.purchase(Order(buyers.id("bare"), Cycle.YEARLY, {"named-user": 2}))
    assert refused.value.rule == "R06"
    assert "payment method" in refused.value.message
    assert db_snapshot() == before
    assert desk.subscriptions.of_account(buyers.id("bare")) == []


def test_r01_a_company_cannot_buy_a_monthly_cycle(
    desk: OperatorSession, buyers: Buyers, db_snapshot: Snapshot
) -> None:
    before = db_snapshot()
    with pytest.raises(RuleViolation) as refused:
        desk.subscriptions.purchase(Order(buyers.id("fr"), Cycle.MONTHLY, {"named-user": 2}))
    assert refused.value.rule == "R01"
    assert db_snapshot() == before


def test_r04_a_contact_only_role_gives_a_quote_request_not_an_order(
    desk: OperatorSession, buyers: Buyers
) -> None:
    account = buyers.id("it")
    done = desk.subscriptions.purchase(
        Order(account, Cycle.YEARLY, {"designer": 3, "named-user": 1})
    ).value
    assert done.subscription is None and done.invoice is None
    assert done.quote is not None and done.quote.contact_request
    assert done.quote.number is not None
    assert [(ln.code, ln.quantity, ln.amount) for ln in done.quote.lines] == [
        ("designer", 3, Decimal("1470.00")),
        ("named-user", 1, Decimal("100.00")),
    ]
    assert {ln.vat_rate for ln in done.quote.lines} == {Decimal(0)}  # reverse charge (IT)
    assert desk.subscriptions.of_account(account) == []
    assert desk.billing.invoices(account) == []
    assert [q.number for q in desk.billing.quotes(account)] == [done.quote.number]


def test_r18_a_trial_costs_nothing_grants_seats_and_ends_on_its_date(
    desk: OperatorSession, buyers: Buyers, at: SessionAt
) -> None:
    account = buyers.id("fr")
    done = desk.subscriptions.purchase(
        Order(account, Cycle.YEARLY, {"named-user": 2}, trial=True)
    ).value
    trial = done.subscription
    assert trial is not None and done.invoice is None
    assert trial.status is SubscriptionStatus.TRIAL
    assert trial.ends_on == TODAY + timedelta(days=30)
    assert desk.billing.invoices(account) == []
    desk.users.add(account_id=account, email="a@acme.example", roles=["named-user"])
    desk.users.add(account_id=account, email="b@acme.example", roles=["named-user"])
    with pytest.raises(RuleViolation, match="Named user: 2 of 2 seats in use"):
        desk.users.add(account_id=account, email="c@acme.example", roles=["named-user"])

    assert at(trial.ends_on - timedelta(days=1)).billing.run().value.trials_ended == []
    end = at(trial.ends_on)
    report = end.billing.run().value
    assert report.trials_ended == [trial.id]
    assert report.invoices == []
    assert end.subscriptions.get(trial.id or 0).status is SubscriptionStatus.ENDED
    assert end.billing.invoices(account) == []
    with pytest.raises(RuleViolation, match="R14"):
        end.users.add(account_id=account, email="d@acme.example", roles=["named-user"])


def test_r18_purchasing_the_trial_roles_ends_the_trial(
    desk: OperatorSession, buyers: Buyers
) -> None:
    account = buyers.id("fr")
    trial = desk.subscriptions.purchase(
        Order(account, Cycle.YEARLY, {"named-user": 2}, trial=True)
    ).value
    assert trial.subscription is not None
    bought = desk.subscriptions.purchase(Order(account, Cycle.YEARLY, {"named-user": 5})).value
    assert bought.invoice is not None and bought.invoice.number == "INV-2026-000001"
    ended = desk.subscriptions.get(trial.subscription.id or 0)
    assert ended.status is SubscriptionStatus.ENDED
    seats = {s.code: s.purchased for s in desk.licences.seats(account)}
    assert seats["named-user"] == 5  # the trial's seats no longer count


def test_r05_a_cart_mixing_cycles_is_refused_naming_the_items(
    desk: OperatorSession, buyers: Buyers, db_snapshot: Snapshot
) -> None:
    account = buyers.id("fr")
    before = db_snapshot()
    mixed = Order(
        account,
        Cycle.YEARLY,
        {"named-user": 2, "designer": 1},
        {"storage-100gb": 1},
        item_cycles={"designer": Cycle.QUARTERLY},
    )
    with pytest.raises(RuleViolation) as refused:
        desk.subscriptions.purchase(mixed)
    assert refused.value.rule == "R05"
    assert "designer (quarterly)" in refused.value.message
    assert "named-user (yearly)" in refused.value.message
    assert db_snapshot() == before
    same = Order(account, Cycle.YEARLY, {"named-user": 2}, item_cycles={"named-user": Cycle.YEARLY})
    assert desk.subscriptions.purchase(same).value.invoice is not None
