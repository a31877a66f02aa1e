"""Cancellation (R16, R17): a refund within 15 days of a yearly or quarterly purchase
is a credit note; afterwards a licence is read-only for two weeks, a business
experience frozen for good."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from desktop_admin.app import OperatorSession
from desktop_admin.domain.changes import ChangeRequest
from desktop_admin.domain.errors import RuleViolation
from desktop_admin.domain.invoicing import DocumentKind, InvoiceReason, InvoiceStatus, LineKind
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.subscriptions import SubscriptionStatus
from desktop_admin.domain.users import UserQuery
from desktop_admin.services.purchases import Order
from tests.conftest import TODAY
from tests.integration.billing.conftest import Buyers, SessionAt, check_totals

Snapshot = Callable[[], dict[str, list[tuple[Any, ...]]]]


def buy(session: OperatorSession, account: int, cycle: Cycle, seats: dict[str, int]) -> int:
    done = session.subscriptions.purchase(Order(account, cycle, seats, {"storage-100gb": 1})).value
    assert done.subscription is not None and done.subscription.id is not None
    return done.subscription.id


def test_r16_refund_on_day_15_is_a_credit_note_negating_the_purchase(
    desk: OperatorSession, buyers: Buyers, at: SessionAt
) -> None:
    sub = buy(desk, buyers.id("fr"), Cycle.YEARLY, {"named-user": 3, "designer": 1})
    purchase = desk.billing.invoice("INV-2026-000001")
    day_15 = date(2026, 3, 30)
    session = at(day_15)
    done = session.subscriptions.cancel(sub, refund=True).value

    credit = done.credit_note
    assert credit is not None and credit.number == "CN-2026-000001"
    assert (credit.kind, credit.reason, credit.issue_date) == (
        DocumentKind.CREDIT_NOTE,
        InvoiceReason.REFUND,
        day_15,
    )
    assert credit.credited_invoice_id == purchase.id
    assert [(ln.kind, ln.code, ln.quantity, ln.period) for ln in credit.lines] == [
        (LineKind.REFUND, ln.code, ln.quantity, ln.period) for ln in purchase.lines
    ]
    assert [ln.amount for ln in credit.lines] == [-ln.amount for ln in purchase.lines]
    assert [ln.unit_price for ln in credit.lines] == [-ln.unit_price for ln in purchase.lines]
    assert credit.totals.net == -purchase.totals.net
    assert credit.totals.vat == -purchase.totals.vat
    assert credit.totals.total == -purchase.totals.total
    check_totals(credit)
    assert session.billing.invoice("CN-2026-000001") == credit
    assert session.billing.invoice("INV-2026-000001").status is InvoiceStatus.CREDITED
    ended = session.subscriptions.get(sub)
    assert (ended.status, ended.ends_on, ended.auto_renew) == (
        SubscriptionStatus.CANCELLED,
        day_15,
        False,
    )
    assert [s.purchased for s in session.licences.seats(buyers.id("fr"))] == []  # seats end at once


def test_r16_a_refund_on_day_16_is_refused(
    desk: OperatorSession, buyers: Buyers, at: SessionAt, db_snapshot: Snapshot
) -> None:
    sub = buy(desk, buyers.id("fr"), Cycle.QUARTERLY, {"named-user": 3})
    before = db_snapshot()
    with pytest.raises(RuleViolation) as refused:
        at(date(2026, 3, 31)).subscriptions.cancel(sub, refund=True)
    assert refused.value.rule == "R16"
    assert "2026-03-30" in refused.value.message
    assert db_snapshot() == before


def test_r16_monthly_subscriptions_are_never_refunded(
    desk: OperatorSession, buyers: Buyers, db_snapshot: Snapshot
) -> None:
    sub = buy(desk, buyers.id("maker"), Cycle.MONTHLY, {"named-user": 1})
    before = db_snapshot()
    with pytest.raises(RuleViolation, match="monthly") as refused:
        desk.subscriptions.cancel(sub, refund=True)
    assert refused.value.rule == "R16"
    assert db_snapshot() == before


def test_r16_a_renewed_subscription_is_never_refunded(
    desk: OperatorSession, buyers: Buyers, at: SessionAt, db_snapshot: Snapshot
) -> None:
    sub = buy(desk, buyers.id("fr"), Cycle.QUARTERLY, {"named-user": 2})
    renewal = at(date(2026, 6, 15))
    assert len(renewal.billing.run().value.invoices) == 1
    before = db_snapshot()
    with pytest.raises(RuleViolation, match="renewal") as refused:
        at(date(2026, 6, 20)).subscriptions.cancel(sub, refund=True)
    assert refused.value.rule == "R16"
    assert db_snapshot() == before


def test_r17_a_cancelled_licence_is_read_only_for_14_days(
    desk: OperatorSession, buyers: Buyers, at: SessionAt
) -> None:
    account = buyers.id("fr")
    sub = buy(desk, account, Cycle.YEARLY, {"named-user": 3})
    user = desk.users.add(account_id=account, email="a@acme.example", roles=["named-user"]).value
    cancelled = desk.subscriptions.cancel(sub).value.subscription
    assert cancelled.read_only_until == date(2026, 3, 29)
    assert cancelled.status is SubscriptionStatus.CANCELLED

    for day in (TODAY, date(2026, 3, 29)):
        session = at(day)
        with pytest.raises(RuleViolation) as refused:
            session.users.add(account_id=account, email="b@acme.example")
        assert refused.value.rule == "R17"
        assert "2026-03-29" in refused.value.message
        with pytest.raises(RuleViolation, match="R17"):
            session.users.set_enabled([user.id or 0], enabled=False)
        with pytest.raises(RuleViolation, match="R17"):
            session.users.edit(user.id or 0, expected_version=user.version, display_name="A")
        assert [u.email for u in session.users.export(UserQuery(account, sort="id"))] == [
            "a@acme.example"
        ]  # readable
        with pytest.raises(RuleViolation, match="R17"):
            session.subscriptions.change(sub, ChangeRequest({"named-user": 5}))

    after = at(date(2026, 3, 30))
    assert (
        after.users.edit(
            user.id or 0, expected_version=user.version, display_name="A"
        ).value.display_name
        == "A"
    )
    after.users.set_enabled([user.id or 0], enabled=False)
    assert (
        after.users.add(account_id=account, email="b@acme.example").value.email == "b@acme.example"
    )


def test_r17_a_cancelled_business_experience_is_frozen_readable_and_unchangeable(
    desk: OperatorSession, buyers: Buyers, at: SessionAt
) -> None:
    account = buyers.id("fr")
    sub = buy(desk, account, Cycle.YEARLY, {"bim-project": 2})
    user = desk.users.add(account_id=account, email="a@acme.example", roles=["bim-project"]).value
    frozen = desk.subscriptions.cancel(sub).value.subscription
    assert frozen.status is SubscriptionStatus.FROZEN

    for day in (date(2026, 3, 16), date(2026, 6, 1), date(2028, 1, 1)):
        session = at(day)
        with pytest.raises(RuleViolation, match="R17"):
            session.subscriptions.change(sub, ChangeRequest({"bim-project": 3}))
        with pytest.raises(RuleViolation, match="R17"):
            session.subscriptions.set_auto_renew(sub, renew=True)
        with pytest.raises(RuleViolation, match="R17"):
            session.users.add(account_id=account, email="b@acme.example")
        with pytest.raises(RuleViolation, match="R17"):
            session.users.set_enabled([user.id or 0], enabled=False)
        with pytest.raises(RuleViolation, match="R17"):
            session.subscriptions.cancel(sub)
        assert session.subscriptions.get(sub).seats == {"bim-project": 2}
        assert [u.email for u in session.users.export(UserQuery(account, sort="id"))] == [
            "a@acme.example"
        ]
        assert [i.number for i in session.billing.invoices(account)] == ["INV-2026-000001"]
