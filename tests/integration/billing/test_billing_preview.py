"""The billing run's preview (R08, R09, R15, R18): what a run on a day would do, read
without writing anything, and then exactly what that day's run does."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from desktop_admin.app import OperatorSession
from desktop_admin.domain.changes import ChangeRequest
from desktop_admin.domain.errors import PermissionDenied
from desktop_admin.domain.invoicing import Invoice, InvoiceReason
from desktop_admin.domain.lifecycle import SeatCheck
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.users import UserQuery
from desktop_admin.services.billing_preview import BillingPreview
from desktop_admin.services.billing_run import BillingReport
from desktop_admin.services.purchases import Order
from tests.conftest import TODAY
from tests.integration.billing.conftest import Buyers, SessionAt, with_price

Snapshot = Callable[[], dict[str, list[tuple[Any, ...]]]]
RENEWAL = date(2027, 3, 15)


def buy(session: OperatorSession, account: int, cycle: Cycle, seats: dict[str, int]) -> int:
    done = session.subscriptions.purchase(Order(account, cycle, seats)).value
    assert done.subscription is not None and done.subscription.id is not None
    return done.subscription.id


def holders(session: OperatorSession, account: int, count: int, role: str, admins: int = 0) -> None:
    for i in range(count):
        session.users.add(
            account_id=account,
            email=f"{role}{i}@acct{account}.example",
            roles=[role],
            is_admin=i < admins,
        )


def disabled_ids(session: OperatorSession, *accounts: int) -> set[int]:
    return {
        u.id or 0
        for account in accounts
        for u in session.users.export(UserQuery(account, sort="id"))
        if not u.enabled
    }


def printed(invoice: Invoice) -> tuple[Any, ...]:
    """What an invoice says, less its number and ids."""
    lines = tuple(
        (ln.code, ln.period, ln.quantity, ln.unit_price, ln.amount, ln.vat_rate)
        for ln in invoice.lines
    )
    return (invoice.subscription_id, invoice.reason, invoice.issue_date, lines, invoice.totals)


def issued(session: OperatorSession, report: BillingReport) -> list[Invoice]:
    return [session.billing.invoice(number) for number in report.invoices]


def check_the_run_does_what_was_previewed(
    preview: BillingPreview, report: BillingReport, session: OperatorSession, *accounts: int
) -> None:
    invoices = issued(session, report)
    drafts = len(preview.drafts)
    assert [printed(d) for d in preview.drafts] == [printed(i) for i in invoices[:drafts]]
    assert [printed(r.invoice) for r in preview.renewals] == [printed(i) for i in invoices[drafts:]]
    assert [r.period for r in preview.renewals] == [i.lines[0].period for i in invoices[drafts:]]
    assert len(preview.renewals) == report.renewals
    assert {u.id for u in preview.disabled} == disabled_ids(session, *accounts)
    assert [c.note for c in preview.blocked] == report.blocked
    drawn = [c.note for c in preview.changes if c.seat_check is SeatCheck.DISABLE]
    assert drawn == report.disabled
    assert len(preview.changes) - len(preview.blocked) == report.changes_applied
    assert [e.subscription_id for e in preview.ended] == report.ended
    assert [t.subscription_id for t in preview.trials_ended] == report.trials_ended
    assert list(preview.problems) == report.problems


def test_r08_r09_r15_r18_the_run_does_what_its_preview_said(
    desk: OperatorSession,
    buyers: Buyers,
    at: SessionAt,
    catalog_text: str,
    db_snapshot: Snapshot,
) -> None:
    fr, de, maker = buyers.id("fr"), buyers.id("de"), buyers.id("maker")
    blocked = buy(desk, fr, Cycle.YEARLY, {"named-user": 5})
    holders(desk, fr, 5, "named-user")
    desk.subscriptions.change(blocked, ChangeRequest({"named-user": 3}))
    drawn = buy(desk, de, Cycle.YEARLY, {"designer": 8})
    holders(desk, de, 8, "designer", admins=2)
    desk.subscriptions.change(drawn, ChangeRequest({"designer": 5}))
    monthly = buy(desk, maker, Cycle.MONTHLY, {"named-user": 2})  # due since Apr 15, 2026
    desk.subscriptions.change(monthly, ChangeRequest(cycle=Cycle.YEARLY))
    ending = buy(desk, de, Cycle.YEARLY, {"named-user": 1})
    desk.subscriptions.set_auto_renew(ending, renew=False)
    trial = desk.subscriptions.purchase(
        Order(maker, Cycle.YEARLY, {"designer": 1}, trial=True)
    ).value.subscription
    assert trial is not None
    desk.catalog.import_text(
        with_price(catalog_text, "named-user", "yearly", "120.00"), source="new.toml"
    )

    before = db_snapshot()
    ahead = desk.billing.preview_run(RENEWAL)  # today's session looks a year ahead
    preview = at(RENEWAL).billing.preview_run()
    assert db_snapshot() == before  # a preview writes nothing
    assert preview == ahead and preview.day == RENEWAL

    assert [r.subscription_id for r in preview.renewals] == [blocked, drawn, monthly]
    by_sub = {r.subscription_id: r for r in preview.renewals}
    assert by_sub[blocked].invoice.lines[0].quantity == 5  # blocked: renews at 5
    assert by_sub[blocked].invoice.lines[0].unit_price == Decimal("120.00")  # R08
    assert by_sub[blocked].total == Decimal("720.00")  # 5 x 120.00 + 20 % VAT
    assert by_sub[drawn].invoice.lines[0].quantity == 5
    assert by_sub[monthly].period.start == date(2026, 4, 15)  # R12 at the first renewal
    outcomes = {(c.subscription_id, c.product, c.seat_check) for c in preview.changes}
    assert outcomes == {
        (blocked, "Named user", SeatCheck.BLOCKED),
        (drawn, "Designer", SeatCheck.DISABLE),
        (monthly, "", None),
    }
    [draw] = [c for c in preview.changes if c.disabled]
    assert len(draw.disabled) == 3 and not any(u.is_admin for u in draw.disabled)
    assert [(e.subscription_id, e.on) for e in preview.ended] == [(ending, RENEWAL)]
    assert [(t.subscription_id, t.on) for t in preview.trials_ended] == [
        (trial.id, date(2026, 3, 29))
    ]
    assert preview.invoiced == {"EUR": sum((r.total for r in preview.renewals), Decimal(0))}
    assert disabled_ids(desk, de) == set()

    session = at(RENEWAL)
    report = session.billing.run().value
    check_the_run_does_what_was_previewed(preview, report, session, fr, de, maker)
    assert session.billing.preview_run().is_empty  # nothing left to do that day


def test_r15_the_preview_counts_the_seats_as_the_run_does_batch_after_batch(
    desk: OperatorSession, buyers: Buyers, at: SessionAt
) -> None:
    """Two subscriptions of one account go down on the same day: the second one's seat
    check counts what the first one's left, in the same batch or in the next."""
    de = buyers.id("de")
    first = buy(desk, de, Cycle.YEARLY, {"designer": 4})
    second = buy(desk, de, Cycle.YEARLY, {"designer": 4})
    holders(desk, de, 8, "designer", admins=1)
    for sub in (first, second):
        desk.subscriptions.change(sub, ChangeRequest({"designer": 2}))
    session = at(RENEWAL)
    preview = session.billing.preview_run(batch_size=1)
    assert [c.seat_check for c in preview.changes] == [SeatCheck.DISABLE, SeatCheck.FITS]
    assert len(preview.disabled) == 4
    report = session.billing.run(batch_size=1).value
    check_the_run_does_what_was_previewed(preview, report, session, de)


def test_the_preview_lists_today_s_drafts_as_the_run_issues_them(
    desk: OperatorSession, buyers: Buyers
) -> None:
    sub = buy(desk, buyers.id("fr"), Cycle.YEARLY, {"designer": 2})
    draft = desk.subscriptions.change(sub, ChangeRequest({"designer": 4})).value.draft
    assert draft is not None
    preview = desk.billing.preview_run()
    assert (preview.day, preview.renewals, preview.changes) == (TODAY, (), ())
    [shown] = preview.drafts
    assert (shown.number, shown.reason, shown.totals) == (None, InvoiceReason.UPGRADE, draft.totals)
    report = desk.billing.run().value
    check_the_run_does_what_was_previewed(preview, report, desk)
    assert desk.billing.preview_run().is_empty


def test_a_user_manager_may_not_preview_the_billing(desk: OperatorSession) -> None:
    desk.operators.add(login="manager", role="user_manager", password="manager password")
    manager = desk.app.login("manager", "manager password")
    with pytest.raises(PermissionDenied):
        manager.billing.preview_run()
