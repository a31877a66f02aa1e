"""Changes through the service (R10-R12, R17, R18): upgrades at once, charged in the
day's draft invoice; downgrades and cycle changes scheduled for the period end."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from desktop_admin.domain.catalog import Audience
from desktop_admin.domain.changes import ChangeProduct, ChangeRequest, ChangeStatus
from desktop_admin.domain.errors import DomainError, InvalidInput, NotFound, RuleViolation
from desktop_admin.domain.invoicing import InvoiceReason, InvoiceStatus, LineKind
from desktop_admin.domain.money import Currency
from desktop_admin.domain.periods import Period
from desktop_admin.domain.subscriptions import SubscriptionStatus
from desktop_admin.services import cancellation, changes, purchases
from desktop_admin.services.purchases import Order
from tests.unit.services.billing_world import D, M, Q, World, Y, amounts, world
from tests.unit.services.builders import CLERK

EUR = Currency.of("EUR")
MARCH_1, MARCH_15, APRIL_1 = date(2026, 3, 1), date(2026, 3, 15), date(2026, 4, 1)


def maker_monthly(seats: dict[str, int]) -> tuple[World, int]:
    w = world(audience=Audience.MAKER)
    return w, w.bought(seats, M, on=MARCH_1)


def test_r10_immediate_prorated_upgrade_goes_into_the_days_draft_invoice() -> None:
    w, sid = maker_monthly({"named-user": 25})
    result = w.change(sid, {"named-user": 100}, on=MARCH_15)
    draft = result.draft
    assert draft is not None and draft.id is not None
    assert (draft.status, draft.number, draft.reason) == (
        InvoiceStatus.DRAFT,
        None,
        InvoiceReason.UPGRADE,
    )
    assert draft.billing_key == f"subscription:{sid}:upgrade:2026-03-15"
    [line] = draft.lines
    assert (line.code, line.kind, line.quantity, line.unit_price, line.amount) == (
        "named-user",
        LineKind.PRORATION,
        75,
        D("10.00"),
        D("411.29"),  # 75 * 10.00 * 17/31, the rule's example
    )
    assert line.period == Period(MARCH_15, APRIL_1)
    sums = draft.totals
    assert (sums.net, sums.vat, sums.total) == (D("411.29"), D("82.26"), D("493.55"))
    assert w.uow.invoices.get(draft.id) == draft
    assert dict(w.subscription(sid).seats) == {"named-user": 100}  # at once
    assert result.scheduled == () and w.uow.subscriptions.changes(sid) == []
    assert sid in w.uow.subscriptions.locked
    # Later invoices carry the new quantity.
    renewal = w.run(on=APRIL_1)
    assert renewal.renewals == 1
    assert amounts(w.issued(sid)[-1]) == [("named-user", 100, D("10.00"), D("1000.00"))]


def test_r10_next_month_start_on_a_yearly_cycle_invoices_whole_months_to_the_period_end() -> None:
    w = world()
    sid = w.bought({"designer": 10}, Y, on=date(2025, 7, 1))
    result = w.change(sid, {"designer": 15}, on=MARCH_15)
    assert result.draft is not None
    [line] = result.draft.lines
    assert (line.quantity, line.unit_price, line.amount) == (5, D("120.00"), D("150.00"))
    assert line.period == Period(APRIL_1, date(2026, 7, 1))  # free until the month's end
    assert dict(w.subscription(sid).seats) == {"designer": 15}


def test_r10_next_month_start_on_a_monthly_cycle_invoices_nothing_now() -> None:
    w, sid = maker_monthly({"designer": 10})
    result = w.change(sid, {"designer": 15}, on=MARCH_15)
    assert result.draft is None and result.preview is None and result.plan.lines == ()
    assert dict(w.subscription(sid).seats) == {"designer": 15}
    assert w.invoices(sid) == w.issued(sid) and len(w.invoices(sid)) == 1
    w.run(on=APRIL_1)  # the next period's invoice carries the new quantity
    assert amounts(w.issued(sid)[-1]) == [("designer", 15, D("12.00"), D("180.00"))]


def test_r10_same_day_upgrades_make_one_draft_rounded_once() -> None:
    w, sid = maker_monthly({"named-user": 25})
    first = w.change(sid, {"named-user": 26}, on=MARCH_15).draft
    second = w.change(sid, {"named-user": 27}).draft
    assert first is not None and second is not None and first.id == second.id
    exact = Fraction(2 * 10 * 17, 31)  # 25 -> 27 over 17 of 31 days
    once = EUR.round_exact(exact)
    separately = 2 * EUR.round_exact(Fraction(10 * 17, 31))
    assert (once, separately) == (D("10.97"), D("10.96"))  # the example tells them apart
    [line] = second.lines
    assert (line.quantity, line.amount) == (2, once)
    assert second.totals.net == once
    drafts = [i for i in w.invoices(sid) if i.status is InvoiceStatus.DRAFT]
    assert drafts == [second]


def test_r10_same_day_upgrades_of_two_items_share_the_draft() -> None:
    w, sid = maker_monthly({"named-user": 25})
    w.change(sid, {"named-user": 30}, on=MARCH_15)
    draft = w.change(sid, addons={"storage": 2}).draft
    assert draft is not None
    assert [(ln.code, ln.kind) for ln in draft.lines] == [
        ("named-user", LineKind.PRORATION),
        ("storage", LineKind.ADDON),
    ]
    assert draft.lines[1].amount == EUR.round_exact(Fraction(2 * 2 * 17, 31))


def test_r10_an_upgrade_the_next_day_makes_another_draft() -> None:
    w, sid = maker_monthly({"named-user": 25})
    w.change(sid, {"named-user": 26}, on=MARCH_15)
    w.change(sid, {"named-user": 27}, on=date(2026, 3, 16))
    drafts = [i for i in w.invoices(sid) if i.status is InvoiceStatus.DRAFT]
    assert [(d.issue_date, d.lines[0].amount) for d in drafts] == [
        (MARCH_15, EUR.round_exact(Fraction(170, 31))),
        (date(2026, 3, 16), EUR.round_exact(Fraction(160, 31))),
    ]


def test_r11_a_downgrade_is_scheduled_for_the_period_end_and_nothing_is_refunded() -> None:
    w = world()
    sid = w.bought({"named-user": 10}, Y, on=MARCH_1)
    result = w.change(sid, {"named-user": 6}, on=date(2026, 6, 1))
    assert result.draft is None and result.preview is None
    [change] = result.scheduled
    assert (change.effective_on, change.product, change.code, change.quantity, change.status) == (
        date(2027, 3, 1),
        ChangeProduct.ROLE,
        "named-user",
        6,
        ChangeStatus.PENDING,
    )
    assert dict(w.subscription(sid).seats) == {"named-user": 10}  # prepaid stays in effect
    assert w.uow.subscriptions.changes(sid) == [change]
    assert len(w.invoices(sid)) == 1
    w.run(on=date(2027, 3, 1))
    assert amounts(w.issued(sid)[-1]) == [("named-user", 6, D("100.00"), D("600.00"))]
    assert w.changes(sid)[0].status is ChangeStatus.APPLIED


def test_r11_a_later_change_supersedes_the_pending_one() -> None:
    w = world()
    sid = w.bought({"named-user": 10}, Y, on=MARCH_1)
    [first] = w.change(sid, {"named-user": 6}, on=date(2026, 6, 1)).scheduled
    [second] = w.change(sid, {"named-user": 4}).scheduled
    everything = w.changes(sid)
    assert [(c.id, c.status, c.note) for c in everything] == [
        (first.id, ChangeStatus.CANCELLED, "replaced by a later change"),
        (second.id, ChangeStatus.PENDING, ""),
    ]
    w.change(sid, {"named-user": 12})  # an upgrade of the item replaces it too
    assert w.uow.subscriptions.changes(sid) == []
    assert dict(w.subscription(sid).seats) == {"named-user": 12}


def test_r11_a_scheduled_downgrade_can_be_cancelled_until_it_takes_effect() -> None:
    w = world()
    sid = w.bought({"named-user": 10}, Y, on=MARCH_1)
    [change] = w.change(sid, {"named-user": 6}, on=date(2026, 6, 1)).scheduled
    assert change.id is not None
    cancelled = changes.cancel_scheduled_change(w.ctx(), sid, change_id=change.id)
    assert (cancelled.status, cancelled.note) == (ChangeStatus.CANCELLED, "cancelled by admin")
    assert w.changes(sid) == [cancelled]
    with pytest.raises(NotFound):
        changes.cancel_scheduled_change(w.ctx(), sid, change_id=change.id)
    w.run(on=date(2027, 3, 1))
    assert amounts(w.issued(sid)[-1]) == [("named-user", 10, D("100.00"), D("1000.00"))]


def test_r11_downgrading_the_only_role_to_zero_is_refused() -> None:
    """The plan refuses a subscription without seats ("cancel it instead"), but checks
    the seats before the downgrade: a downgrade to 0 is scheduled, and its renewal
    would be an invoice without lines."""
    w = world()
    sid = w.bought({"named-user": 10}, Y, on=MARCH_1)
    before = w.uow.picture()
    with pytest.raises(InvalidInput, match="cancel it instead"):
        w.change(sid, {"named-user": 0}, on=date(2026, 6, 1))
    assert w.uow.picture() == before


def test_r12_a_cycle_change_takes_effect_at_the_next_renewal() -> None:
    w = world()
    sid = w.bought({"named-user": 4}, Y, on=MARCH_1)
    [change] = w.change(sid, cycle=Q, on=date(2026, 6, 1)).scheduled
    assert (change.product, change.cycle, change.effective_on) == (
        ChangeProduct.CYCLE,
        Q,
        date(2027, 3, 1),
    )
    assert w.subscription(sid).cycle is Y
    w.run(on=date(2027, 3, 1))
    renewed = w.subscription(sid)
    assert (renewed.cycle, renewed.anchor, renewed.billed_through) == (
        Q,
        date(2027, 3, 1),
        date(2027, 6, 1),
    )
    invoice = w.issued(sid)[-1]
    assert amounts(invoice) == [("named-user", 4, D("28.00"), D("112.00"))]
    assert invoice.period == Period(date(2027, 3, 1), date(2027, 6, 1))


def test_r12_r01_a_cycle_the_audience_may_not_buy_is_refused() -> None:
    w = world()
    sid = w.bought({"named-user": 4}, Y, on=MARCH_1)
    with pytest.raises(RuleViolation) as refused:
        w.change(sid, cycle=M)
    assert refused.value.rule == "R01"


@pytest.mark.parametrize(
    ("seats", "rule", "message"),
    [
        ({"named-user": 2}, "R17", "read-only until 2026-03-24"),
        ({"bim": 2}, "R17", "frozen"),
    ],
)
def test_r17_a_cancelled_or_frozen_subscription_takes_no_change(
    seats: dict[str, int], rule: str, message: str
) -> None:
    w = world()
    sid = w.bought(seats, Y, on=MARCH_1)
    w.at(date(2026, 3, 10))
    cancellation.cancel_subscription(w.ctx(), sid)
    before = w.uow.picture()
    with pytest.raises(RuleViolation, match=message) as refused:
        w.change(sid, {code: 5 for code in seats})
    assert refused.value.rule == rule and w.uow.picture() == before


def test_r18_a_trial_takes_no_change() -> None:
    w = world()
    trial = w.buy({"named-user": 2}, trial=True, on=MARCH_1).subscription
    assert trial is not None and trial.id is not None
    with pytest.raises(RuleViolation, match="converts to a paid subscription") as refused:
        w.change(trial.id, {"named-user": 5})
    assert refused.value.rule == "R18"


def test_a_preview_prices_the_change_and_commits_nothing() -> None:
    w, sid = maker_monthly({"named-user": 25})
    w.at(MARCH_15)
    before, commits = w.uow.picture(), w.uow.commits
    request = ChangeRequest({"named-user": 100}, {}, None)
    preview = changes.preview_change(w.ctx(CLERK), sid, request)
    assert preview.preview is not None and preview.draft is None
    assert preview.preview.totals.net == D("411.29") and preview.preview.number is None
    assert dict(preview.subscription.seats) == {"named-user": 100}
    downgrade = changes.preview_change(
        w.ctx(CLERK), sid, ChangeRequest({"named-user": 3}, {}, None)
    )
    assert [c.quantity for c in downgrade.scheduled] == [3] and downgrade.preview is None
    assert w.uow.picture() == before and w.uow.commits == commits


def test_an_empty_or_unknown_change_is_invalid_input() -> None:
    w, sid = maker_monthly({"named-user": 25})
    with pytest.raises(InvalidInput, match="name at least one"):
        w.change(sid)
    with pytest.raises(InvalidInput, match="no role 'ghost'"):
        w.change(sid, {"ghost": 1})


def test_r09_renewal_can_be_stopped_until_five_days_before_the_end() -> None:
    w = world()
    sid = w.bought({"named-user": 4}, Y, on=MARCH_1)
    w.at(date(2027, 2, 24))
    stopped = changes.set_auto_renew(w.ctx(), sid, renew=False)
    assert not stopped.auto_renew
    changes.set_auto_renew(w.ctx(), sid, renew=True)
    w.at(date(2027, 2, 25))
    with pytest.raises(RuleViolation, match="the deadline was 2027-02-24"):
        changes.set_auto_renew(w.ctx(), sid, renew=False)


def test_an_ended_subscription_takes_no_change() -> None:
    w = world()
    sid = w.bought({"named-user": 4}, Y, on=MARCH_1)
    changes.set_auto_renew(w.ctx(), sid, renew=False)
    w.run(on=date(2027, 3, 1))
    assert w.subscription(sid).status is SubscriptionStatus.ENDED
    with pytest.raises(RuleViolation) as refused:
        w.change(sid, {"named-user": 5})
    assert refused.value.rule == "R08"


def test_r12_r03_a_cycle_change_is_refused_when_an_addon_has_no_price_for_it() -> None:
    """Roles are checked for a price on the new cycle when the change is asked; an
    add-on is always billed on its subscription's cycle (R03) and must be checked
    too, or the renewal fails at every billing run and the subscription never renews."""
    w = world()
    bought = w.buy({"named-user": 2}, Y, {"guest-users": 3}, on=MARCH_1)  # no quarterly price
    assert bought.subscription is not None and bought.subscription.id is not None
    before = w.uow.picture()
    with pytest.raises(RuleViolation, match="Guest users has no quarterly price") as refused:
        w.change(bought.subscription.id, cycle=Q, on=date(2026, 6, 1))
    assert refused.value.rule == "R03" and w.uow.picture() == before


def test_r10_an_upgrade_before_a_later_start_date_is_priced_or_refused_never_a_crash() -> None:
    """A purchase may start on a later date; an upgrade before that date falls outside
    the current period as `upgrade_line` sees it."""
    w = world()
    order = Order(w.account_id, Y, {"named-user": 10}, start=APRIL_1)
    bought = purchases.purchase(w.at(MARCH_1).ctx(), order).subscription
    assert bought is not None and bought.id is not None
    try:
        result = w.change(bought.id, {"named-user": 15}, on=MARCH_15)
    except DomainError:
        return  # a refusal the operator understands is acceptable
    assert result.draft is not None
    assert result.draft.totals.net == D("500.00")  # 5 seats for the whole first year
