"""Changes (R10-R12): upgrades invoiced at once by policy, downgrades and cycle changes
scheduled for the period end; previews commit nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from desktop_admin.app import OperatorSession
from desktop_admin.domain.changes import ChangeProduct, ChangeRequest, ChangeStatus
from desktop_admin.domain.errors import NotFound
from desktop_admin.domain.invoicing import InvoiceReason, InvoiceStatus
from desktop_admin.domain.periods import Cycle, Period
from desktop_admin.services.purchases import Order
from tests.conftest import TODAY
from tests.integration.billing.conftest import (
    Buyers,
    SessionAt,
    check_totals,
    money,
    scheduled,
)

Snapshot = Callable[[], dict[str, list[tuple[Any, ...]]]]
RENEWAL = date(2027, 3, 15)


def buy(
    session: OperatorSession, account: int, cycle: Cycle, seats: dict[str, int], **kw: Any
) -> int:
    done = session.subscriptions.purchase(Order(account, cycle, seats, **kw)).value
    assert done.subscription is not None and done.subscription.id is not None
    return done.subscription.id


def test_r10_worked_example_25_to_100_named_users_monthly(
    desk: OperatorSession, buyers: Buyers, at: SessionAt
) -> None:
    account = buyers.id("maker")
    sub = buy(desk, account, Cycle.MONTHLY, {"named-user": 25}, start=date(2026, 3, 1))
    result = desk.subscriptions.change(sub, ChangeRequest({"named-user": 100})).value

    assert result.draft is not None and result.draft.status is InvoiceStatus.DRAFT
    assert result.draft.number is None
    [line] = result.draft.lines
    assert (line.quantity, line.unit_price, line.amount) == (
        75,
        Decimal("10.00"),
        Decimal("411.29"),
    )
    assert line.period == Period(TODAY, date(2026, 4, 1))
    assert desk.subscriptions.get(sub).seats == {"named-user": 100}  # available at once
    check_totals(result.draft)

    report = desk.billing.run().value
    assert report.invoices == ["INV-2026-000002"]
    issued = desk.billing.invoice("INV-2026-000002")
    assert (issued.reason, issued.status, issued.lines) == (
        InvoiceReason.UPGRADE,
        InvoiceStatus.OPEN,
        result.draft.lines,
    )
    renewal = at(date(2026, 4, 1)).billing.run().value
    [number] = renewal.invoices
    [later] = desk.billing.invoice(number).lines
    assert (later.quantity, later.amount) == (100, Decimal("1000.00"))  # the new quantity


def test_r10_immediate_prorated_upgrade_of_a_yearly_subscription(
    desk: OperatorSession, buyers: Buyers, at: SessionAt
) -> None:
    sub = buy(desk, buyers.id("fr"), Cycle.YEARLY, {"named-user": 10})
    day = date(2026, 6, 1)
    result = at(day).subscriptions.change(sub, ChangeRequest({"named-user": 25})).value
    assert result.draft is not None
    [line] = result.draft.lines
    expected = money(Fraction(15 * 100) * (RENEWAL - day).days / (RENEWAL - TODAY).days)
    assert expected == Decimal("1179.45")
    assert (line.quantity, line.amount, line.period) == (15, expected, Period(day, RENEWAL))
    assert result.draft.totals.total == expected + money(expected * Decimal("0.2"))


def test_r10_next_month_start_upgrade_of_a_yearly_subscription(
    desk: OperatorSession, buyers: Buyers
) -> None:
    sub = desk.subscriptions.record(
        account_id=buyers.id("fr"),
        cycle=Cycle.YEARLY,
        seats={"designer": 10},
        start=date(2025, 7, 1),
    ).value.id
    assert sub is not None
    result = desk.subscriptions.change(sub, ChangeRequest({"designer": 15})).value
    assert result.draft is not None
    [line] = result.draft.lines
    assert line.period == Period(date(2026, 4, 1), date(2026, 7, 1))
    assert (line.quantity, line.amount) == (5, money(Fraction(5 * 490 * 3, 12)))
    assert line.amount == Decimal("612.50")


def test_r10_two_upgrades_the_same_day_make_one_draft_rounded_once(
    desk: OperatorSession, buyers: Buyers, at: SessionAt
) -> None:
    twice = buy(desk, buyers.id("fr"), Cycle.YEARLY, {"named-user": 10})
    once = buy(desk, buyers.id("de"), Cycle.YEARLY, {"named-user": 10})
    day = date(2026, 3, 16)  # 364 of 365 days left: 2 x 99.73 but 1 x 199.45
    session = at(day)
    session.subscriptions.change(twice, ChangeRequest({"named-user": 11}))
    second = session.subscriptions.change(twice, ChangeRequest({"named-user": 12})).value.draft
    single = session.subscriptions.change(once, ChangeRequest({"named-user": 12})).value.draft
    assert second is not None and single is not None

    drafts = [
        i for i in session.billing.invoices(buyers.id("fr")) if i.status is InvoiceStatus.DRAFT
    ]
    assert [d.id for d in drafts] == [second.id]
    [line] = drafts[0].lines
    assert (line.quantity, line.amount) == (2, Decimal("199.45"))
    assert line.amount == money(Fraction(2 * 100 * 364, 365))
    assert drafts[0].totals.net == single.totals.net
    assert drafts[0].totals.total == Decimal("239.34")  # 199.45 + 39.89 (FR VAT)
    check_totals(drafts[0])

    report = session.billing.run().value
    assert sorted(report.invoices) == ["INV-2026-000003", "INV-2026-000004"]
    issued = [
        i for i in session.billing.invoices(buyers.id("fr")) if i.reason is InvoiceReason.UPGRADE
    ]
    assert [(i.number is not None, i.status, i.lines) for i in issued] == [
        (True, InvoiceStatus.OPEN, drafts[0].lines)
    ]


def test_r11_a_downgrade_is_scheduled_at_the_period_end_and_cancellable_until_then(
    desk: OperatorSession, buyers: Buyers, at: SessionAt
) -> None:
    kept = buy(desk, buyers.id("fr"), Cycle.YEARLY, {"named-user": 10})
    applied = buy(desk, buyers.id("fr"), Cycle.YEARLY, {"named-user": 10})
    result = desk.subscriptions.change(kept, ChangeRequest({"named-user": 4})).value
    desk.subscriptions.change(applied, ChangeRequest({"named-user": 4}))
    assert result.preview is None and result.draft is None  # nothing refunded or invoiced
    [change] = result.scheduled
    assert (change.product, change.code, change.quantity) == (ChangeProduct.ROLE, "named-user", 4)
    assert change.effective_on == RENEWAL
    assert desk.subscriptions.get(kept).seats == {"named-user": 10}  # prepaid stays in effect
    [pending] = scheduled(desk, kept)
    assert pending.status is ChangeStatus.PENDING

    cancelled = (
        at(date(2027, 3, 14)).subscriptions.cancel_change(kept, change_id=pending.id or 0).value
    )
    assert cancelled.status is ChangeStatus.CANCELLED
    renewal = at(RENEWAL)
    renewal.billing.run()
    quantities = {
        i.subscription_id: i.lines[0].quantity
        for i in renewal.billing.invoices(buyers.id("fr"))
        if i.reason is InvoiceReason.RENEWAL
    }
    assert quantities == {kept: 10, applied: 4}
    assert renewal.subscriptions.get(applied).seats == {"named-user": 4}
    [done] = scheduled(renewal, applied)
    assert done.status is ChangeStatus.APPLIED
    with pytest.raises(NotFound):
        renewal.subscriptions.cancel_change(applied, change_id=done.id or 0)


def test_r11_a_later_change_replaces_a_pending_one(
    desk: OperatorSession, buyers: Buyers, at: SessionAt
) -> None:
    sub = buy(desk, buyers.id("fr"), Cycle.YEARLY, {"named-user": 10})
    desk.subscriptions.change(sub, ChangeRequest({"named-user": 5}))
    at(date(2026, 5, 1)).subscriptions.change(sub, ChangeRequest({"named-user": 7}))
    first, second = scheduled(desk, sub)
    assert (first.quantity, first.status) == (5, ChangeStatus.CANCELLED)
    assert "replaced" in first.note
    assert (second.quantity, second.status) == (7, ChangeStatus.PENDING)

    renewal = at(RENEWAL)
    [number] = renewal.billing.run().value.invoices
    assert renewal.billing.invoice(number).lines[0].quantity == 7


def test_r12_a_cycle_change_takes_effect_at_the_next_renewal(
    desk: OperatorSession, buyers: Buyers, at: SessionAt
) -> None:
    sub = buy(desk, buyers.id("fr"), Cycle.QUARTERLY, {"named-user": 4})
    [change] = desk.subscriptions.change(sub, ChangeRequest(cycle=Cycle.YEARLY)).value.scheduled
    assert (change.product, change.cycle) == (ChangeProduct.CYCLE, Cycle.YEARLY)
    renewal_day = date(2026, 6, 15)
    assert change.effective_on == renewal_day
    assert desk.subscriptions.get(sub).cycle is Cycle.QUARTERLY

    session = at(renewal_day)
    [number] = session.billing.run().value.invoices
    [line] = session.billing.invoice(number).lines
    assert line.period == Period(renewal_day, date(2027, 6, 15))
    assert (line.quantity, line.unit_price, line.amount) == (
        4,
        Decimal("100.00"),
        Decimal("400.00"),
    )
    after = session.subscriptions.get(sub)
    assert (after.cycle, after.anchor, after.billed_through) == (
        Cycle.YEARLY,
        renewal_day,
        date(2027, 6, 15),
    )
    assert at(date(2026, 9, 15)).billing.run().value.invoices == []  # no quarterly renewal


def test_r13_a_preview_commits_nothing(
    desk: OperatorSession, buyers: Buyers, at: SessionAt, db_snapshot: Snapshot
) -> None:
    sub = buy(desk, buyers.id("fr"), Cycle.QUARTERLY, {"named-user": 4, "designer": 1})
    session = at(date(2026, 4, 2))
    before = db_snapshot()
    up = session.subscriptions.preview_change(
        sub, ChangeRequest({"named-user": 9}, {"storage-100gb": 2})
    )
    down = session.subscriptions.preview_change(
        sub, ChangeRequest({"designer": 0}, cycle=Cycle.YEARLY)
    )
    assert db_snapshot() == before
    assert up.preview is not None and up.draft is None
    assert [ln.code for ln in up.preview.lines] == ["named-user", "storage-100gb"]
    assert down.preview is None and len(down.scheduled) == 2
    assert scheduled(session, sub) == []
    assert session.subscriptions.get(sub).seats == {"named-user": 4, "designer": 1}
