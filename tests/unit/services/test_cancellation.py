"""Cancellation (R16, R17): refunds by credit note within 15 days of a yearly or
quarterly purchase; afterwards read-only data or a frozen business experience."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_admin.domain.catalog import Audience
from desktop_admin.domain.changes import ChangeStatus
from desktop_admin.domain.errors import RuleViolation
from desktop_admin.domain.invoicing import DocumentKind, InvoiceReason, InvoiceStatus, LineKind
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.subscriptions import SubscriptionStatus
from desktop_admin.services import users
from desktop_admin.services.cancellation import Cancellation, cancel_subscription
from tests.unit.services.billing_world import D, M, Q, World, Y, world
from tests.unit.services.builders import ADMIN
from tests.unit.services.contexts import context

MARCH_1 = date(2026, 3, 1)


def cancel(w: World, sid: int, on: date, refund: bool = False) -> Cancellation:
    return cancel_subscription(w.at(on).ctx(), sid, refund=refund)


def test_r16_refund_on_day_15_by_a_credit_note_that_negates_the_purchase() -> None:
    w = world()
    sid = w.bought({"named-user": 10, "designer": 1}, Y, on=MARCH_1)
    [purchase] = w.invoices(sid)
    done = cancel(w, sid, date(2026, 3, 16), refund=True)
    note = done.credit_note
    assert note is not None and note.id is not None
    assert (note.number, note.kind, note.reason, note.credited_invoice_id) == (
        "CN-2026-000001",
        DocumentKind.CREDIT_NOTE,
        InvoiceReason.REFUND,
        purchase.id,
    )
    assert note.billing_key == f"subscription:{sid}:refund"
    assert [(ln.code, ln.kind, ln.quantity, ln.unit_price, ln.amount) for ln in note.lines] == [
        (ln.code, LineKind.REFUND, ln.quantity, -ln.unit_price, -ln.amount) for ln in purchase.lines
    ]
    assert [ln.period for ln in note.lines] == [ln.period for ln in purchase.lines]
    mine, theirs = note.totals, purchase.totals
    assert (mine.net, mine.vat, mine.total) == (-theirs.net, -theirs.vat, -theirs.total)
    assert mine.total == D("-1344.00")
    assert w.uow.invoices.get(purchase.id or 0).status is InvoiceStatus.CREDITED
    assert w.uow.invoices.by_number("CN-2026-000001") == note
    ended = w.subscription(sid)
    assert (ended.status, ended.cancelled_on, ended.ends_on, ended.auto_renew) == (
        SubscriptionStatus.CANCELLED,
        date(2026, 3, 16),
        date(2026, 3, 16),
        False,
    )
    actions = [e.action for e in reversed(w.uow.audit.entries())][-2:]
    assert actions == ["subscription.cancel", "credit_note.issue"]


def test_r16_refund_on_day_16_is_refused_and_nothing_changes() -> None:
    w = world()
    sid = w.bought({"named-user": 10}, Y, on=MARCH_1)
    w.at(date(2026, 3, 17))
    before = w.uow.picture()
    with pytest.raises(RuleViolation, match="the refund window closed on 2026-03-16") as refused:
        cancel(w, sid, date(2026, 3, 17), refund=True)
    assert refused.value.rule == "R16" and w.uow.picture() == before


def test_r16_a_quarterly_purchase_is_refundable_too() -> None:
    w = world()
    sid = w.bought({"named-user": 2}, Q, on=MARCH_1)
    note = cancel(w, sid, date(2026, 3, 10), refund=True).credit_note
    assert note is not None and note.totals.total == D("-67.20")


@pytest.mark.parametrize(
    ("audience", "cycle", "renewed", "trial", "message"),
    [
        (Audience.MAKER, M, False, False, "monthly subscriptions are never refunded"),
        (Audience.COMPANY, Y, True, False, "renewals are never refunded"),
        (Audience.COMPANY, Y, False, True, "a trial costs nothing"),
    ],
)
def test_r16_monthly_renewals_and_trials_are_never_refunded(
    audience: Audience, cycle: Cycle, renewed: bool, trial: bool, message: str
) -> None:
    w = world(audience=audience)
    bought = w.buy({"named-user": 2}, cycle, trial=trial, on=date(2025, 3, 1) if renewed else None)
    assert bought.subscription is not None and bought.subscription.id is not None
    sid = bought.subscription.id
    if renewed:
        assert w.run(on=MARCH_1).renewals == 1
    w.at(date(2026, 3, 5))
    before = w.uow.picture()
    with pytest.raises(RuleViolation, match=message) as refused:
        cancel(w, sid, date(2026, 3, 5), refund=True)
    assert refused.value.rule == "R16" and w.uow.picture() == before
    cancelled = cancel(w, sid, date(2026, 3, 5)).subscription  # without a refund
    assert cancelled.status is SubscriptionStatus.CANCELLED


def test_r16_a_credited_purchase_is_never_credited_twice() -> None:
    w = world()
    sid = w.bought({"named-user": 2}, Y, on=MARCH_1)
    cancel(w, sid, date(2026, 3, 2), refund=True)
    with pytest.raises(RuleViolation, match="already cancelled"):
        cancel(w, sid, date(2026, 3, 3), refund=True)
    assert [i.number for i in w.invoices(sid)] == ["INV-2026-000001", "CN-2026-000001"]


def test_r16_a_refunded_subscription_is_not_invoiced_for_its_pending_upgrade() -> None:
    """An upgrade waits in the day's draft for the billing run; the subscription is
    then cancelled and refunded in full. The run must not bill the upgrade of a
    subscription that ended at once and was refunded."""
    w = world()
    sid = w.bought({"named-user": 10}, Y, on=MARCH_1)
    assert w.change(sid, {"named-user": 15}, on=date(2026, 3, 10)).draft is not None
    cancel(w, sid, date(2026, 3, 10), refund=True)
    report = w.run()
    billed = [i for i in w.issued(sid) if i.kind is DocumentKind.INVOICE]
    assert report.invoices == [] and [i.reason for i in billed] == [InvoiceReason.PURCHASE]


def test_r17_a_licence_stays_readable_read_only_for_14_days() -> None:
    w = world()
    sid = w.bought({"named-user": 2}, Y, on=MARCH_1)
    w.users(1, ["named-user"])
    done = cancel(w, sid, date(2026, 3, 20))
    assert done.credit_note is None
    assert (done.subscription.status, done.subscription.read_only_until) == (
        SubscriptionStatus.CANCELLED,
        date(2026, 4, 3),
    )
    [held] = w.uow.users.enabled_of(w.account_id)
    assert users.get_user(context(w.uow, w.clock, ADMIN), held.id or 0)  # still readable
    w.at(date(2026, 4, 3))
    late = {"account_id": w.account_id, "email": "late@example.com"}
    with pytest.raises(RuleViolation, match="read-only until 2026-04-03") as refused:
        users.add_user(context(w.uow, w.clock, ADMIN), **late)
    assert refused.value.rule == "R17"
    w.at(date(2026, 4, 4))  # afterwards it may be purged: no longer held read-only
    assert users.add_user(context(w.uow, w.clock, ADMIN), **late).id


def test_r17_a_business_experience_is_frozen_for_good() -> None:
    w = world()
    sid = w.bought({"bim": 2}, Y, on=MARCH_1)
    done = cancel(w, sid, date(2026, 3, 20))
    assert (done.subscription.status, done.subscription.read_only_until) == (
        SubscriptionStatus.FROZEN,
        None,
    )
    w.at(date(2027, 6, 1))
    for refused_call in (
        lambda: users.add_user(
            context(w.uow, w.clock, ADMIN), account_id=w.account_id, email="x@example.com"
        ),
        lambda: w.change(sid, {"bim": 3}),
        lambda: cancel(w, sid, date(2027, 6, 1)),
    ):
        with pytest.raises(RuleViolation) as refused:
            refused_call()
        assert refused.value.rule == "R17"
    assert w.uow.users.enabled_of(w.account_id) == []
    assert w.run().invoices == []  # and never renewed


def test_r17_cancelling_cancels_the_pending_changes() -> None:
    w = world()
    sid = w.bought({"named-user": 10}, Y, on=MARCH_1)
    w.change(sid, {"named-user": 5}, cycle=Q, on=date(2026, 6, 1))
    cancel(w, sid, date(2026, 6, 2))
    assert w.uow.subscriptions.changes(sid) == []
    assert {c.status for c in w.changes(sid)} == {ChangeStatus.CANCELLED}
    assert w.run(on=date(2027, 3, 1)).invoices == []
