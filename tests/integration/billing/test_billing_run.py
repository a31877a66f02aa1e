"""The billing run (R08, R09, R15): renewals at the then-current prices, idempotent,
catching up missed periods; ends; the seat check when a downgrade is due."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import Any

import pytest

from desktop_admin.app import OperatorSession
from desktop_admin.domain.changes import ChangeRequest, ChangeStatus
from desktop_admin.domain.errors import RuleViolation
from desktop_admin.domain.invoicing import InvoiceReason
from desktop_admin.domain.periods import Cycle, Period
from desktop_admin.domain.subscriptions import SubscriptionStatus
from desktop_admin.domain.users import UserQuery
from desktop_admin.services.purchases import Order
from tests.integration.billing.conftest import (
    Buyers,
    SessionAt,
    check_totals,
    numbering_problems,
    scheduled,
    with_price,
)

Snapshot = Callable[[], dict[str, list[tuple[Any, ...]]]]
RENEWAL = date(2027, 3, 15)


def buy(session: OperatorSession, account: int, cycle: Cycle, seats: dict[str, int]) -> int:
    done = session.subscriptions.purchase(Order(account, cycle, seats)).value
    assert done.subscription is not None and done.subscription.id is not None
    return done.subscription.id


def test_r08_renewal_is_invoiced_at_the_then_current_catalog_prices(
    desk: OperatorSession, buyers: Buyers, at: SessionAt, catalog_text: str
) -> None:
    sub = buy(desk, buyers.id("fr"), Cycle.YEARLY, {"named-user": 10})
    desk.catalog.import_text(
        with_price(catalog_text, "named-user", "yearly", "120.00"), source="new.toml"
    )
    session = at(RENEWAL)
    report = session.billing.run().value
    assert report.invoices == ["INV-2027-000001"]  # a new year, a new sequence
    renewal = session.billing.invoice("INV-2027-000001")
    assert (renewal.reason, renewal.subscription_id, renewal.issue_date) == (
        InvoiceReason.RENEWAL,
        sub,
        RENEWAL,
    )
    [line] = renewal.lines
    assert (line.quantity, line.unit_price, line.amount) == (
        10,
        Decimal("120.00"),
        Decimal("1200.00"),
    )
    assert line.period == Period(RENEWAL, date(2028, 3, 15))
    assert renewal.totals.total == Decimal("1440.00")
    check_totals(renewal)
    assert session.billing.invoice("INV-2026-000001").lines[0].unit_price == Decimal("100.00")
    assert session.subscriptions.get(sub).billed_through == date(2028, 3, 15)


def test_r08_running_twice_for_the_same_date_issues_nothing_more(
    desk: OperatorSession, buyers: Buyers, at: SessionAt, db_snapshot: Snapshot
) -> None:
    buy(desk, buyers.id("fr"), Cycle.QUARTERLY, {"named-user": 3})
    buy(desk, buyers.id("maker"), Cycle.MONTHLY, {"designer": 1})
    session = at(date(2026, 6, 15))
    first = session.billing.run().value
    assert len(first.invoices) == 4  # quarterly once, monthly three times
    invoices = session.billing.invoices()
    content = db_snapshot()
    again = at(date(2026, 6, 15)).billing.run().value
    assert (again.invoices, again.renewals) == ([], 0)
    assert session.billing.invoices() == invoices
    assert db_snapshot() == content


def test_r08_a_run_after_missed_periods_catches_up_one_invoice_per_period(
    desk: OperatorSession, buyers: Buyers, at: SessionAt
) -> None:
    sub = buy(desk, buyers.id("maker"), Cycle.MONTHLY, {"named-user": 2})
    session = at(date(2026, 7, 20))
    report = session.billing.run().value
    assert report.invoices == [f"INV-2026-00000{n}" for n in range(2, 6)]
    periods = [
        i.lines[0].period
        for i in session.billing.invoices(buyers.id("maker"))
        if i.reason is InvoiceReason.RENEWAL
    ]
    starts = [date(2026, m, 15) for m in range(4, 9)]
    assert periods == [Period(a, b) for a, b in pairwise(starts)]
    assert session.subscriptions.get(sub).billed_through == date(2026, 8, 15)
    assert numbering_problems(i.number for i in session.billing.invoices()) == []


def test_r08_r11_r12_a_catch_up_applies_the_changes_due_at_the_first_missed_renewal(
    desk: OperatorSession, buyers: Buyers, at: SessionAt
) -> None:
    fewer = buy(desk, buyers.id("maker"), Cycle.MONTHLY, {"named-user": 5})
    yearly = buy(desk, buyers.id("maker"), Cycle.MONTHLY, {"designer": 2})
    desk.subscriptions.change(fewer, ChangeRequest({"named-user": 2}))
    desk.subscriptions.change(yearly, ChangeRequest(cycle=Cycle.YEARLY))
    session = at(date(2026, 7, 20))
    report = session.billing.run().value
    assert (report.renewals, report.changes_applied) == (5, 2)
    lines = [
        (i.subscription_id, i.lines[0].quantity, i.lines[0].period.start, i.lines[0].period.end)
        for i in session.billing.invoices(buyers.id("maker"))
        if i.reason is InvoiceReason.RENEWAL
    ]
    months = [date(2026, m, 15) for m in range(4, 9)]
    assert lines == [
        *((fewer, 2, a, b) for a, b in pairwise(months)),
        (yearly, 2, date(2026, 4, 15), date(2027, 4, 15)),
    ]


def test_r09_renewal_can_be_stopped_until_5_days_before_the_end_and_then_it_ends(
    desk: OperatorSession, buyers: Buyers, at: SessionAt
) -> None:
    account = buyers.id("fr")
    stopped = buy(desk, account, Cycle.YEARLY, {"named-user": 2})
    late = buy(desk, account, Cycle.YEARLY, {"designer": 1})
    desk.users.add(account_id=account, email="a@acme.example", roles=["named-user"])
    assert (
        at(date(2027, 3, 10)).subscriptions.set_auto_renew(stopped, renew=False).value.auto_renew
        is False
    )
    with pytest.raises(RuleViolation) as refused:
        at(date(2027, 3, 11)).subscriptions.set_auto_renew(late, renew=False)
    assert refused.value.rule == "R09"
    assert "2027-03-10" in refused.value.message

    assert at(date(2027, 3, 14)).billing.run().value.ended == []
    session = at(RENEWAL)
    report = session.billing.run().value
    assert report.ended == [stopped]
    assert len(report.invoices) == 1  # only the subscription that still renews
    ended = session.subscriptions.get(stopped)
    assert (ended.status, ended.ends_on) == (SubscriptionStatus.ENDED, RENEWAL)
    seats = {s.code: s for s in session.licences.seats(account)}
    assert seats["named-user"].purchased == 0
    with pytest.raises(RuleViolation, match="R14"):
        session.users.add(account_id=account, email="b@acme.example", roles=["named-user"])


def holders(session: OperatorSession, account: int, count: int, role: str, admins: int = 0) -> None:
    for i in range(count):
        session.users.add(
            account_id=account, email=f"u{i}@acme.example", roles=[role], is_admin=i < admins
        )


def test_r15_block_keeps_the_previous_quantity_and_warns(
    desk: OperatorSession, buyers: Buyers, at: SessionAt
) -> None:
    account = buyers.id("fr")
    sub = buy(desk, account, Cycle.YEARLY, {"named-user": 5})
    holders(desk, account, 5, "named-user")
    desk.subscriptions.change(sub, ChangeRequest({"named-user": 3}))

    for day in (date(2027, 2, 20), date(2027, 3, 14)):
        [warning] = at(day).billing.run().value.at_risk
        assert "Named user" in warning and "2027-03-15" in warning and "block" in warning

    session = at(RENEWAL)
    report = session.billing.run().value
    [blocked] = report.blocked
    assert "R15" in blocked and blocked in report.needs_attention
    [number] = report.invoices
    assert session.billing.invoice(number).lines[0].quantity == 5
    assert session.subscriptions.get(sub).seats == {"named-user": 5}
    [change] = scheduled(session, sub)
    assert change.status is ChangeStatus.BLOCKED
    assert all(u.enabled for u in session.users.export(UserQuery(account, sort="id")))


def auto_disable_scenario(
    session: OperatorSession, later: OperatorSession
) -> tuple[list[str], str]:
    """8 designers (2 of them administrators) go down to 5 seats at the renewal;
    returns the emails disabled by the draw and the report's note."""
    account = session.accounts.create(name="Draw SA", audience="company", country="FR").value
    session.accounts.add_card(
        account.id or 0, token="tok_draw", brand="visa", last4="4242", exp_month=8, exp_year=2030
    )
    done = session.subscriptions.purchase(
        Order(account.id or 0, Cycle.YEARLY, {"designer": 8})
    ).value
    assert done.subscription is not None
    holders(session, account.id or 0, 8, "designer", admins=2)
    session.subscriptions.change(done.subscription.id or 0, ChangeRequest({"designer": 5}))
    report = later.billing.run().value
    [note] = report.disabled
    assert "3 user(s) disabled" in note
    [number] = report.invoices
    assert later.billing.invoice(number).lines[0].quantity == 5
    users = later.users.export(UserQuery(account.id or 0, sort="id"))
    assert sum(u.enabled for u in users) == 5
    assert all(u.enabled for u in users if u.is_admin)
    return sorted(u.email for u in users if not u.enabled), note


def test_r15_auto_disable_disables_exactly_the_excess_never_an_administrator(
    desk: OperatorSession,
    at: SessionAt,
    twin_sessions: tuple[OperatorSession, OperatorSession],
) -> None:
    later = at(RENEWAL)
    disabled, note = auto_disable_scenario(desk, later)
    assert len(disabled) == 3
    entries = later.audit.entries(entity="user")
    draws = [e for e in entries if e.action == "user.disable.r15"]
    assert len(draws) == 3
    seeds = {e.after["seed"] for e in draws if isinstance(e.after, dict)}
    assert len(seeds) == 1 and None not in seeds
    assert f"seed {seeds.pop()}" in note
    assert later.billing.run().value.disabled == []  # nothing left to do on a second run

    # The same data on another database gives the same draw.
    assert auto_disable_scenario(*twin_sessions)[0] == disabled
