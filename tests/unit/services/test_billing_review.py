"""Regressions found by reviewing the billing engine: each test names the rule."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from desktop_admin.domain.catalog import Audience, Role
from desktop_admin.domain.changes import ChangeRequest
from desktop_admin.domain.errors import InvalidInput, RuleViolation
from desktop_admin.domain.invoicing import InvoiceReason, InvoiceStatus, Party
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.subscriptions import Subscription, SubscriptionStatus
from desktop_admin.services import cancellation, quotes
from desktop_admin.services.purchases import Order, purchase
from tests.unit.services.billing_world import D, world

M, Q, Y = Cycle.MONTHLY, Cycle.QUARTERLY, Cycle.YEARLY


def test_r08_r10_no_change_between_a_due_renewal_and_its_billing_run() -> None:
    w = world()
    sid = w.bought({"named-user": 10}, Q, on=date(2026, 3, 1))
    with pytest.raises(RuleViolation, match=r"R08: .* renews on 2026-06-01"):
        w.change(sid, {"named-user": 15}, on=date(2026, 6, 1))
    w.run(on=date(2026, 6, 1))
    w.change(sid, {"named-user": 15})
    w.run()
    [_, renewal, upgrade] = w.issued(sid)
    assert (renewal.reason, renewal.totals.net) == (InvoiceReason.RENEWAL, D("280.00"))
    assert upgrade.totals.net == D("140.00")  # the 5 seats once, for the whole new period


def test_r16_a_credit_note_keeps_the_vat_of_the_invoice_it_credits() -> None:
    w = world(country="DE", vat_number="DE811234567")
    sid = w.bought({"named-user": 10}, Y, on=date(2026, 3, 1))
    w.uow.settings.set("seller", json.dumps(vars(Party("Seat Desk GmbH", "DE"))))
    done = cancellation.cancel_subscription(w.at(date(2026, 3, 10)).ctx(), sid, refund=True)
    note = done.credit_note
    assert note is not None
    assert (note.totals.net, note.totals.vat, note.totals.total) == (
        D("-1000.00"),
        D("0.00"),
        D("-1000.00"),
    )
    assert note.seller.country == "FR"  # as on the credited invoice


def test_r16_a_refund_credits_the_upgrade_invoices_too() -> None:
    w = world()
    sid = w.bought({"named-user": 10}, Y, on=date(2026, 3, 1))
    w.change(sid, {"named-user": 12}, on=date(2026, 3, 5))
    w.run()
    done = cancellation.cancel_subscription(w.at(date(2026, 3, 10)).ctx(), sid, refund=True)
    assert len(done.credit_notes) == 2
    assert all(
        i.status is InvoiceStatus.CREDITED for i in w.issued(sid) if i.kind.value == "invoice"
    )
    assert sum(n.totals.total for n in done.credit_notes) == -sum(
        i.totals.total for i in w.issued(sid) if i.kind.value == "invoice"
    )


def test_r11_two_requests_cannot_together_leave_no_seat() -> None:
    w = world()
    sid = w.bought({"named-user": 5, "designer": 5}, Y, on=date(2026, 3, 1))
    w.change(sid, {"named-user": 0}, on=date(2026, 3, 10))
    with pytest.raises(InvalidInput, match="keeps seats"):
        w.change(sid, {"designer": 0})


def test_r15_seats_of_another_subscription_that_ends_that_day_do_not_count() -> None:
    w = world()
    a = w.bought({"named-user": 5}, Y, on=date(2026, 3, 1))
    b = w.bought({"named-user": 5}, Y)
    w.users(8, ["named-user"])
    w.uow.subscriptions.update(replace(w.subscription(b), auto_renew=False))
    w.change(a, {"named-user": 3})
    report = w.run(on=date(2027, 3, 1))
    assert len(report.blocked) == 1 and "R15" in report.blocked[0]
    assert w.subscription(a).seats == {"named-user": 5}


def test_r15_both_downgrades_due_together_are_counted_together() -> None:
    w = world()
    a = w.bought({"named-user": 5}, Y, on=date(2026, 3, 1))
    b = w.bought({"named-user": 5}, Y)
    w.users(8, ["named-user"])
    w.change(a, {"named-user": 3})
    w.change(b, {"named-user": 3})
    early = w.run(on=date(2027, 2, 10))
    assert len(early.at_risk) == 2
    report = w.run(on=date(2027, 3, 1))
    # the first is blocked (5 kept); then the second fits: 5 + 3 seats for 8 holders
    assert len(report.blocked) == 1 and report.changes_applied == 1
    seats = w.subscription(a).seats["named-user"] + w.subscription(b).seats["named-user"]
    assert seats == 8


def test_r18_a_purchase_starting_later_ends_the_trial_when_it_starts() -> None:
    w = world()
    trial = w.buy({"named-user": 3}, Y, trial=True, on=date(2026, 3, 1)).subscription
    assert trial is not None and trial.id is not None
    purchase(
        w.at(date(2026, 3, 10)).ctx(),
        Order(w.account_id, Y, {"named-user": 3}, start=date(2026, 3, 12)),
    )
    kept = w.subscription(trial.id)
    assert (kept.status, kept.ends_on) == (SubscriptionStatus.TRIAL, date(2026, 3, 12))


def test_r10_next_month_start_before_a_later_start_charges_from_the_start() -> None:
    w = world()
    done = purchase(
        w.at(date(2026, 3, 20)).ctx(),
        Order(w.account_id, Q, {"designer": 2}, start=date(2026, 4, 1)),
    )
    assert done.subscription is not None and done.subscription.id is not None
    result = w.change(done.subscription.id, {"designer": 4}, on=date(2026, 3, 25))
    assert result.preview is not None
    [line] = result.preview.lines
    assert (line.period.start, line.amount) == (date(2026, 4, 1), D("66.00"))  # 2 x 33.00


def test_r10_more_of_a_free_role_costs_nothing_and_does_not_crash() -> None:
    w = world()
    free = Role(
        "free-viewer",
        "Free viewer",
        prices={Q: D("0.00"), Y: D("0.00")},
        online_countries=frozenset({"FR"}),
    )
    w.uow.catalog.save_role(free)
    sid = w.bought({"named-user": 1, "free-viewer": 5}, Y, on=date(2026, 3, 1))
    result = w.change(sid, {"free-viewer": 10}, on=date(2026, 3, 5))
    assert result.preview is None and result.draft is None
    assert w.subscription(sid).seats["free-viewer"] == 10


def test_r13_a_change_quote_is_refused_once_the_subscription_changed() -> None:
    w = world()
    sid = w.bought({"named-user": 25}, Y, on=date(2026, 3, 1))
    quote = quotes.quote_change(
        w.at(date(2026, 3, 15)).ctx(), sid, ChangeRequest({"named-user": 100})
    )
    w.change(sid, {"named-user": 30})
    with pytest.raises(RuleViolation, match="R13: the subscription changed"):
        quotes.accept_quote(w.ctx(), quote.number or "")


def test_r13_a_change_quote_accepted_later_invoices_exactly_the_quoted_lines() -> None:
    w = world(audience=Audience.MAKER)
    sid = w.bought({"named-user": 25}, M, on=date(2026, 3, 1))
    quote = quotes.quote_change(
        w.at(date(2026, 3, 15)).ctx(), sid, ChangeRequest({"named-user": 100})
    )
    assert quote.totals.net == D("411.29")  # R10's worked example
    _, result = quotes.accept_quote(w.at(date(2026, 3, 20)).ctx(), quote.number or "")
    assert result.invoice is not None and result.invoice.lines == quote.lines
    with pytest.raises(RuleViolation, match="R13"):
        other = quotes.quote_change(
            w.at(date(2026, 3, 25)).ctx(), sid, ChangeRequest({"named-user": 110})
        )
        w.run(on=date(2026, 4, 1))
        quotes.accept_quote(w.at(date(2026, 4, 2)).ctx(), other.number or "")


def test_r16_a_recorded_subscription_has_nothing_to_refund() -> None:
    w = world()
    sub = w.uow.subscriptions.add(
        Subscription(
            w.account_id, Y, date(2026, 3, 1), {"named-user": 2}, billed_through=date(2027, 3, 1)
        )
    )
    with pytest.raises(RuleViolation, match="nothing to refund"):
        cancellation.cancel_subscription(w.at(date(2026, 3, 5)).ctx(), sub.id or 0, refund=True)


def test_a_cancellation_without_refund_issues_the_upgrades_ordered() -> None:
    w = world()
    sid = w.bought({"named-user": 10}, Y, on=date(2026, 3, 1))
    w.change(sid, {"named-user": 12}, on=date(2026, 4, 1))
    cancellation.cancel_subscription(w.at(date(2026, 4, 2)).ctx(), sid)
    upgrades = [i for i in w.issued(sid) if i.reason is InvoiceReason.UPGRADE]
    assert len(upgrades) == 1 and upgrades[0].number is not None
