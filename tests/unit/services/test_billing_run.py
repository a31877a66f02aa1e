"""The billing run (R08, R11, R12, R15, R18, R19): drafts issued, renewals at the
then-current prices, catch-up, idempotency, seat checks, problems and callbacks."""

from __future__ import annotations

import random
from datetime import date

import pytest

from desktop_admin.domain.catalog import Audience
from desktop_admin.domain.changes import ChangeProduct, ChangeStatus, ScheduledChange
from desktop_admin.domain.errors import PermissionDenied
from desktop_admin.domain.invoicing import InvoiceReason, InvoiceStatus
from desktop_admin.domain.lifecycle import draw_seed
from desktop_admin.domain.periods import Period
from desktop_admin.domain.subscriptions import SubscriptionStatus
from desktop_admin.services import changes, payments
from desktop_admin.services.billing_run import run_billing
from tests.unit.services.billing_world import D, M, World, Y, amounts, set_price, world
from tests.unit.services.builders import CLERK

MARCH_1 = date(2026, 3, 1)
RENEWAL = date(2027, 3, 1)


def yearly(seats: dict[str, int], w: World | None = None) -> tuple[World, int]:
    w = w or world()
    return w, w.bought(seats, Y, on=MARCH_1)


def test_r19_the_run_issues_the_days_drafts() -> None:
    w = world(audience=Audience.MAKER)
    sid = w.bought({"named-user": 25}, M, on=MARCH_1)
    draft = w.change(sid, {"named-user": 30}, on=date(2026, 3, 15)).draft
    assert draft is not None and draft.id is not None
    report = w.run()
    assert report.invoices == ["INV-2026-000002"] and report.renewals == 0
    issued = w.uow.invoices.get(draft.id)
    assert (issued.number, issued.status) == ("INV-2026-000002", InvoiceStatus.OPEN)
    assert issued.billing_key == f"subscription:{sid}:upgrade:2026-03-15:INV-2026-000002"
    assert issued.lines == draft.lines and issued.totals == draft.totals
    assert w.uow.audit.entries(entity="invoice")[0].entity_id == "INV-2026-000002"
    # the next upgrade that day starts a new draft under the day's key
    again = w.change(sid, {"named-user": 31}).draft
    assert again is not None and again.id != draft.id and again.number is None


def test_r08_a_renewal_is_invoiced_at_the_then_current_prices() -> None:
    w, sid = yearly({"named-user": 10, "designer": 1})
    set_price(w.uow, "named-user", Y, D("110.00"))
    report = w.run(on=RENEWAL)
    assert report.renewals == 1 and report.invoices == ["INV-2027-000001"]
    invoice = w.uow.invoices.by_number("INV-2027-000001")
    assert amounts(invoice) == [
        ("designer", 1, D("120.00"), D("120.00")),
        ("named-user", 10, D("110.00"), D("1100.00")),
    ]
    assert (invoice.reason, invoice.period, invoice.billing_key) == (
        InvoiceReason.RENEWAL,
        Period(RENEWAL, date(2028, 3, 1)),
        f"subscription:{sid}:renewal:2027-03-01",
    )
    renewed = w.subscription(sid)
    assert renewed.billed_through == date(2028, 3, 1) and renewed.anchor == MARCH_1
    assert dict(renewed.seat_prices) == {"named-user": D("110"), "designer": D("120")}
    assert [e.action for e in w.uow.audit.entries(entity="subscription", limit=1)] == [
        "subscription.billing"
    ]


def test_r08_nothing_is_due_before_the_period_end() -> None:
    w, _ = yearly({"named-user": 10})
    report = w.run(on=date(2027, 2, 28))
    assert (report.invoices, report.renewals, report.needs_attention) == ([], 0, [])


def test_r07_r08_a_run_catches_up_over_missed_periods() -> None:
    w = world(audience=Audience.MAKER)
    sid = w.bought({"named-user": 2}, M, on=date(2026, 1, 31))
    report = w.run(on=date(2026, 4, 30))
    assert report.renewals == 3
    assert report.invoices == ["INV-2026-000002", "INV-2026-000003", "INV-2026-000004"]
    assert [i.period for i in w.issued(sid)[1:]] == [  # anchored, never chained
        Period(date(2026, 2, 28), date(2026, 3, 31)),
        Period(date(2026, 3, 31), date(2026, 4, 30)),
        Period(date(2026, 4, 30), date(2026, 5, 31)),
    ]
    assert w.subscription(sid).billed_through == date(2026, 5, 31)


def test_r08_a_second_run_issues_nothing() -> None:
    w, sid = yearly({"named-user": 10})
    first = w.run(on=RENEWAL)
    before = w.uow.invoices.state()
    second = w.run()
    assert first.renewals == 1
    assert (second.invoices, second.renewals, second.ended) == ([], 0, [])
    assert w.uow.invoices.state() == before
    assert len(w.issued(sid)) == 2


def test_r09_a_subscription_that_does_not_renew_ends_and_its_changes_are_cancelled() -> None:
    w, sid = yearly({"named-user": 10})
    w.change(sid, {"named-user": 5}, on=date(2026, 6, 1))
    changes.set_auto_renew(w.ctx(), sid, renew=False)
    report = w.run(on=RENEWAL)
    assert (report.ended, report.invoices, report.renewals) == ([sid], [], 0)
    ended = w.subscription(sid)
    assert (ended.status, ended.ends_on) == (SubscriptionStatus.ENDED, RENEWAL)
    [change] = w.changes(sid)
    assert (change.status, change.note) == (ChangeStatus.CANCELLED, "the subscription ended")
    assert w.run().ended == []


def test_r15_block_keeps_the_previous_quantity_and_warns() -> None:
    w, sid = yearly({"named-user": 5})
    users = w.users(5, ["named-user"])
    w.change(sid, {"named-user": 3}, on=date(2026, 6, 1))
    report = w.run(on=RENEWAL)
    [blocked] = report.blocked
    assert blocked.startswith("R15: Named user: 5 users hold the role, 3 seats after the change")
    assert report.needs_attention == [blocked] and report.changes_applied == 0
    [change] = w.changes(sid)
    assert change.status is ChangeStatus.BLOCKED and change.note == blocked
    assert amounts(w.issued(sid)[-1]) == [("named-user", 5, D("100.00"), D("500.00"))]
    assert dict(w.subscription(sid).seats) == {"named-user": 5}
    assert all(w.uow.users.get(u.id or 0).enabled for u in users)


def test_r15_auto_disable_draws_users_never_admins_and_records_the_seed() -> None:
    w, sid = yearly({"designer": 6})
    users = w.users(6, ["designer"], admins=2)
    w.change(sid, {"designer": 3}, on=date(2026, 6, 1))
    report = w.run(on=RENEWAL)
    seed = draw_seed(sid, "designer", RENEWAL)
    candidates = sorted(u.id or 0 for u in users[2:])
    drawn = sorted(random.Random(seed).sample(candidates, 3))
    assert [u.id for u in users if not w.uow.users.get(u.id or 0).enabled] == drawn
    assert all(w.uow.users.get(u.id or 0).enabled for u in users[:2])  # the admins
    [note] = report.disabled
    assert f"seed {seed}" in note and ", ".join(map(str, drawn)) in note
    entries = w.uow.audit.entries(entity="user")
    assert sorted(int(e.entity_id) for e in entries) == drawn
    assert {e.action for e in entries} == {"user.disable.r15"}
    assert all(e.after and e.after["seed"] == seed and not e.after["enabled"] for e in entries)
    assert amounts(w.issued(sid)[-1]) == [("designer", 3, D("120.00"), D("360.00"))]
    [change] = w.changes(sid)
    assert change.status is ChangeStatus.APPLIED


def test_r15_auto_disable_never_disables_an_administrator_it_blocks_instead() -> None:
    w, sid = yearly({"designer": 4})
    users = w.users(4, ["designer"], admins=3)
    w.change(sid, {"designer": 1}, on=date(2026, 6, 1))
    report = w.run(on=RENEWAL)
    assert report.disabled == [] and len(report.blocked) == 1
    assert "Administrators, who are never disabled" in report.blocked[0]
    assert all(w.uow.users.get(u.id or 0).enabled for u in users)
    assert dict(w.subscription(sid).seats) == {"designer": 4}


def test_r15_seats_of_another_subscription_count_for_the_check() -> None:
    w, sid = yearly({"named-user": 5})
    w.bought({"named-user": 2}, Y, on=date(2026, 6, 1))
    w.users(5, ["named-user"])
    w.change(sid, {"named-user": 3}, on=date(2026, 6, 1))
    report = w.run(on=RENEWAL)
    assert report.blocked == [] and report.changes_applied == 1


def test_r15_the_run_warns_ahead_about_downgrades_at_risk() -> None:
    w, sid = yearly({"named-user": 5, "designer": 5})
    w.users(5, ["named-user", "designer"])
    w.change(sid, {"named-user": 3, "designer": 4}, on=date(2026, 6, 1))
    assert w.run(on=date(2027, 1, 29)).at_risk == []  # 31 days ahead
    report = w.run(on=date(2027, 1, 30))
    assert report.at_risk == [
        "R15: Designer: 5 users hold the role, 4 seats from 2027-03-01 "
        f"(subscription {sid}, auto_disable)",
        "R15: Named user: 5 users hold the role, 3 seats from 2027-03-01 "
        f"(subscription {sid}, block)",
    ]
    assert report.invoices == [] and report.renewals == 0


def test_a_problem_in_one_subscription_is_reported_and_the_others_renew() -> None:
    w = world()
    broken = w.bought({"designer": 1}, Y, on=MARCH_1)
    fine = w.bought({"named-user": 1}, Y, on=MARCH_1)
    set_price(w.uow, "designer", Y, None)  # no longer sold yearly
    report = w.run(on=RENEWAL)
    [problem] = report.problems
    assert problem.startswith(f"subscription {broken}: R02: Designer has no yearly price")
    assert report.renewals == 1 and report.invoices == ["INV-2027-000001"]
    assert w.subscription(fine).billed_through == date(2028, 3, 1)
    assert w.subscription(broken).billed_through == RENEWAL  # still due, reported again
    assert w.run().problems == [problem]


def test_a_renewal_without_lines_is_reported_and_the_others_renew() -> None:
    """A pending downgrade to 0 of the only role (see test_changes for how one gets
    scheduled) must not stop the run."""
    w = world()
    broken = w.bought({"named-user": 2}, Y, on=MARCH_1)
    fine = w.bought({"designer": 1}, Y, on=MARCH_1)
    w.uow.subscriptions.add_change(
        ScheduledChange(broken, RENEWAL, ChangeProduct.ROLE, "named-user", 0)
    )
    report = w.run(on=RENEWAL)
    assert w.subscription(fine).billed_through == date(2028, 3, 1)
    assert broken in report.ended or any(f"subscription {broken}" in p for p in report.problems)


def test_the_cancelled_callback_stops_the_run_between_batches() -> None:
    w = world()
    ids = [w.bought({"named-user": n}, Y, on=MARCH_1) for n in (1, 2, 3)]
    seen: list[int] = []
    report = w.run(on=RENEWAL, batch_size=1, progress=seen.append, cancelled=lambda: len(seen) >= 1)
    assert report.cancelled and seen == [1] and report.renewals == 1
    assert [w.subscription(i).billed_through for i in ids] == [date(2028, 3, 1), RENEWAL, RENEWAL]
    rest = w.run()
    assert not rest.cancelled and rest.renewals == 2


def test_the_progress_callback_is_called_after_each_batch() -> None:
    w = world(audience=Audience.MAKER)
    sid = w.bought({"named-user": 1}, M, on=MARCH_1)
    w.bought({"named-user": 2}, M, on=MARCH_1)
    w.bought({"named-user": 3}, M, on=MARCH_1)
    w.change(sid, {"named-user": 2}, on=date(2026, 3, 20))
    seen: list[int] = []
    report = w.run(on=date(2026, 4, 1), batch_size=2, progress=seen.append)
    assert seen == [3, 4]  # the draft, then two renewals, then one
    assert len(report.invoices) == 4 and not report.cancelled


def test_a_draft_can_be_issued_before_the_run() -> None:
    w = world(audience=Audience.MAKER)
    sid = w.bought({"named-user": 25}, M, on=MARCH_1)
    draft = w.change(sid, {"named-user": 30}, on=date(2026, 3, 15)).draft
    assert draft is not None
    issued = payments.issue_draft_now(w.ctx(), str(draft.id))
    assert issued.number == "INV-2026-000002" and w.run().invoices == []
    with pytest.raises(Exception, match="already issued"):
        payments.issue_draft_now(w.ctx(), str(draft.id))


def test_a_billing_clerk_may_not_run_billing() -> None:
    w, _ = yearly({"named-user": 1})
    with pytest.raises(PermissionDenied, match="may not run billing"):
        run_billing(w.ctx(CLERK))
