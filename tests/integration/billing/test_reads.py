"""The billing read models on SQLite and PostgreSQL: invoices and quotes as lists (a
billing clerk reads them), and the changes scheduled on an account's subscriptions,
whatever became of them, each pending downgrade with the seat check (R15) that the
billing run makes on its date."""

from __future__ import annotations

from datetime import date

from desktop_admin.app import AdminApp, OperatorSession
from desktop_admin.domain.changes import ChangeProduct, ChangeRequest, ChangeStatus
from desktop_admin.domain.lifecycle import CheckedChange, SeatCheck
from desktop_admin.domain.periods import Cycle
from desktop_admin.services.purchases import Order
from tests.integration.billing.conftest import Buyers, SessionAt

RENEWAL = date(2027, 3, 15)


def clerk(desk: OperatorSession, app: AdminApp) -> OperatorSession:
    desk.operators.add(login="clerk", role="billing_clerk", password="long enough")
    return app.login("clerk", "long enough")


def bought(session: OperatorSession, order: Order) -> int:
    done = session.subscriptions.purchase(order).value
    assert done.subscription is not None and done.subscription.id is not None
    return done.subscription.id


def test_a_clerk_lists_the_invoices_of_an_account_or_of_all_drafts_included(
    desk: OperatorSession, buyers: Buyers, app: AdminApp
) -> None:
    fr, maker = buyers.id("fr"), buyers.id("maker")
    sub = bought(
        desk, Order(fr, Cycle.YEARLY, {"named-user": 2, "designer": 1}, {"guest-users": 3})
    )
    bought(desk, Order(maker, Cycle.MONTHLY, {"named-user": 1}))
    draft = desk.subscriptions.change(sub, ChangeRequest({"named-user": 4})).value.draft
    assert draft is not None and draft.number is None
    reader = clerk(desk, app)

    listed = reader.billing.invoices(fr)

    assert [i.number for i in listed] == ["INV-2026-000001", None]
    assert listed[0] == reader.billing.invoice("INV-2026-000001")  # as the repository reads it
    assert listed[1] == reader.billing.invoice(str(draft.id))
    assert [len(i.lines) for i in listed] == [3, 1]
    assert [i.account_id for i in reader.billing.invoices()] == [fr, maker, fr]


def test_a_clerk_lists_the_quotes_of_an_account_or_of_all(
    desk: OperatorSession, buyers: Buyers, app: AdminApp
) -> None:
    fr, maker = buyers.id("fr"), buyers.id("maker")
    first = desk.billing.quote_purchase(Order(fr, Cycle.YEARLY, {"named-user": 3})).value
    second = desk.billing.quote_purchase(Order(maker, Cycle.MONTHLY, {"designer": 1})).value
    reader = clerk(desk, app)

    assert reader.billing.quotes(fr) == [reader.billing.quote(first.number or "")]
    assert [q.number for q in reader.billing.quotes()] == [first.number, second.number]
    assert [len(q.lines) for q in reader.billing.quotes()] == [1, 1]


def test_r15_scheduled_changes_come_with_the_seat_check_of_their_date(
    desk: OperatorSession, buyers: Buyers, app: AdminApp, at: SessionAt
) -> None:
    """9 users hold the role, bought 10 + 2; the 2 end before the downgrade to 6
    applies: blocked then, whatever today's count says."""
    fr = buyers.id("fr")
    kept = bought(desk, Order(fr, Cycle.YEARLY, {"named-user": 10, "designer": 2}))
    ending = bought(desk, Order(fr, Cycle.YEARLY, {"named-user": 2}))
    for n in range(9):
        desk.users.add(account_id=fr, email=f"u{n}@acme.example", roles=["named-user"])
    desk.subscriptions.set_auto_renew(ending, renew=False)
    scheduled = desk.subscriptions.change(
        kept, ChangeRequest({"named-user": 6, "designer": 1}, cycle=Cycle.QUARTERLY)
    ).value.scheduled
    [designer] = [c for c in scheduled if c.code == "designer"]
    desk.subscriptions.cancel_change(kept, change_id=designer.id or 0)

    listed = clerk(desk, app).subscriptions.account_changes(fr)

    assert set(listed) == {kept, ending} and listed[ending] == []
    assert desk.subscriptions.scheduled_changes(kept) == listed[kept]
    checks = {(c.change.product, c.change.code): c for c in listed[kept]}
    assert checks[(ChangeProduct.CYCLE, "")].seat_check is None
    cancelled = checks[(ChangeProduct.ROLE, "designer")]
    assert cancelled.change.status is ChangeStatus.CANCELLED and cancelled.seat_check is None
    warned = checks[(ChangeProduct.ROLE, "named-user")].seat_check
    assert warned is not None and warned.outcome is SeatCheck.BLOCKED
    assert (warned.held, warned.seats) == (9, 6)

    renewal = at(RENEWAL)
    [blocked] = renewal.billing.run().value.blocked
    assert blocked.startswith(warned.message)
    after: dict[ChangeProduct, CheckedChange] = {
        c.change.product: c for c in renewal.subscriptions.scheduled_changes(kept)
    }
    assert after[ChangeProduct.ROLE].change.status is ChangeStatus.BLOCKED
    assert after[ChangeProduct.ROLE].seat_check is None  # decided: nothing left to check


def test_r15_a_downgrade_that_fits_is_checked_and_fits(
    desk: OperatorSession, buyers: Buyers
) -> None:
    maker = buyers.id("maker")
    sub = bought(desk, Order(maker, Cycle.MONTHLY, {"named-user": 3}))
    desk.users.add(account_id=maker, email="lea@maker.example", roles=["named-user"])
    desk.subscriptions.change(sub, ChangeRequest({"named-user": 2}))

    [checked] = desk.subscriptions.scheduled_changes(sub)

    assert checked.seat_check is not None
    assert (checked.seat_check.outcome, checked.seat_check.held, checked.seat_check.seats) == (
        SeatCheck.FITS,
        1,
        2,
    )
