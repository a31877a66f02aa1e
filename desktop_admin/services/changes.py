"""Changing a subscription (R09-R12): preview, apply, cancel a scheduled change,
stop or resume auto-renewal."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

from desktop_admin.domain.catalog import UpgradePolicy
from desktop_admin.domain.changes import (
    ChangePlan,
    ChangeProduct,
    ChangeRequest,
    ChangeStatus,
    ScheduledChange,
    plan_change,
)
from desktop_admin.domain.errors import DomainError, NotFound, RuleViolation
from desktop_admin.domain.invoicing import (
    Invoice,
    InvoiceLine,
    InvoiceReason,
    InvoiceStatus,
    LineKind,
)
from desktop_admin.domain.lifecycle import check_can_stop_renewal
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.periods import Cycle, Period, period_containing
from desktop_admin.domain.pricing import Upgrade, months_fraction, period_lines, upgrade_line
from desktop_admin.domain.quotes import Quote
from desktop_admin.domain.subscriptions import Subscription, SubscriptionStatus
from desktop_admin.services import audit
from desktop_admin.services.billing_context import BillingContext
from desktop_admin.services.context import Context
from desktop_admin.services.ports import UnitOfWork


@dataclass(frozen=True)
class Charge:
    """How one upgrade is charged now (R10), to be said in words: the seats (or units)
    added, at `unit_price` per cycle, times `numerator / denominator` (days left of the
    current `period` over its days, or months charged over the cycle's), rounded once to
    `amount`. `charged` is None when nothing is due now (next_month_start on a monthly
    cycle: free until the month's end, the next period's invoice carries them)."""

    name: str
    old_quantity: int
    new_quantity: int
    unit_price: Decimal
    cycle: Cycle
    period: Period
    charged: Period | None
    numerator: Fraction
    denominator: int
    in_days: bool
    amount: Decimal

    @property
    def added(self) -> int:
        return self.new_quantity - self.old_quantity


@dataclass(frozen=True)
class ChangeResult:
    plan: ChangePlan
    preview: Invoice | None  # this change's own lines, priced with VAT
    draft: Invoice | None  # today's upgrade invoice, with earlier same-day upgrades
    scheduled: tuple[ScheduledChange, ...]
    subscription: Subscription
    invoice: Invoice | None = None  # issued at once: the lines of an accepted quote
    #: Of a preview: how each upgrade's charge now was worked out (R10).
    charges: tuple[Charge, ...] = ()
    #: Of a preview: the next period's invoice after the change (None: no renewal).
    renewal: Invoice | None = None


def draft_key(subscription_id: int, day: date) -> str:
    return f"subscription:{subscription_id}:upgrade:{day.isoformat()}"


@dataclass(frozen=True)
class PlannedChange:
    """A change planned today on a subscription, with what pricing it needs."""

    pricing: BillingContext
    before: Subscription
    plan: ChangePlan
    today: date

    def document(
        self,
        lines: Sequence[InvoiceLine],
        *,
        billing_key: str | None = None,
        status: InvoiceStatus = InvoiceStatus.OPEN,
    ) -> Invoice:
        """An upgrade invoice of the subscription, dated today."""
        return self.pricing.document(
            InvoiceReason.UPGRADE,
            lines,
            issued=self.today,
            payment_kind=self.before.payment_kind,
            subscription_id=self.before.id,
            billing_key=billing_key,
            status=status,
        )

    def preview(self) -> Invoice | None:
        """This change's own lines, priced with VAT, if it invoices anything now."""
        if not self.plan.lines:
            return None
        return self.document(self.plan.lines, status=InvoiceStatus.DRAFT)


def plan_for(
    uow: UnitOfWork,
    ctx: Context,
    subscription_id: int,
    request: ChangeRequest,
    quote: Quote | None = None,
) -> PlannedChange:
    """Plan a change in the caller's transaction (the subscription locked), at the unit
    prices of `quote` if it is the accepted quote of this change."""
    subscription = uow.subscriptions.get(subscription_id, lock=True)
    subscription.check_changeable(ctx.today)
    pricing = BillingContext.load(uow, subscription.account_id)
    plan = plan_change(
        subscription,
        request,
        pricing.change_terms(quote.prices if quote else None),
        ctx.today,
        uow.subscriptions.changes(subscription_id),
    )
    return PlannedChange(pricing, subscription, plan, ctx.today)


def preview_change(ctx: Context, subscription_id: int, request: ChangeRequest) -> ChangeResult:
    """What `change` would invoice and schedule, how each charge was worked out, and what
    the next period would cost after it; commits nothing."""
    ctx.actor.require(Permission.READ_BILLING)
    with ctx.new_uow() as uow:
        planned = plan_for(uow, ctx, subscription_id, request)
        plan = planned.plan
        still = [
            c
            for c in uow.subscriptions.changes(subscription_id)
            if (c.product, c.code) not in plan.supersedes
        ]
        return ChangeResult(
            plan,
            planned.preview(),
            None,
            plan.scheduled,
            plan.subscription,
            charges=_charges(planned, request),
            renewal=next_period(
                planned.pricing, plan.subscription, [*still, *plan.scheduled], ctx.today
            ),
        )


def _charges(planned: PlannedChange, request: ChangeRequest) -> tuple[Charge, ...]:
    """R10 in figures, per item the request increases (free items excepted)."""
    before, plan = planned.before, planned.plan
    lines = {(line.kind is LineKind.ADDON, line.code): line for line in plan.lines}
    asked = [(False, code, n) for code, n in sorted(request.seats.items())]
    asked += [(True, code, n) for code, n in sorted(request.addons.items())]
    charges = []
    for is_addon, code, new in asked:
        old = (before.addons if is_addon else before.seats).get(code, 0)
        if new > old:
            charge = _charge(planned, (is_addon, code), old, new, lines.get((is_addon, code)))
            charges += [charge] if charge else []
    return tuple(charges)


def _charge(
    planned: PlannedChange, item: tuple[bool, str], old: int, new: int, line: InvoiceLine | None
) -> Charge | None:
    (is_addon, code), pricing, plan = item, planned.pricing, planned.plan
    product = pricing.addons[code] if is_addon else pricing.roles[code]
    in_days = is_addon or pricing.roles[code].upgrade_policy is UpgradePolicy.IMMEDIATE_PRORATED
    cycle = planned.before.cycle
    if line is None:
        if in_days:
            return None  # a free item: more of it costs nothing
        prices = plan.subscription.seat_prices
        return Charge(
            product.name, old, new, prices[code], cycle, plan.period, None, Fraction(0),
            cycle.months, False, Decimal(0),
        )  # fmt: skip
    part = line.period
    share = Fraction(part.days) if in_days else months_fraction(part.start, part.end)
    whole = plan.period.days if in_days else cycle.months
    return Charge(
        product.name, old, new, line.unit_price, cycle, plan.period, part, share, whole,
        in_days, line.amount,
    )  # fmt: skip


def next_period(
    pricing: BillingContext,
    subscription: Subscription,
    pending: Iterable[ScheduledChange],
    today: date,
) -> Invoice | None:
    """The invoice of the period after today's, with the `pending` changes due by then
    applied (R11, R12), at today's catalog prices (R08 prices a renewal on its day);
    None when the subscription does not renew or could not be priced so."""
    if subscription.status is not SubscriptionStatus.ACTIVE or not subscription.auto_renew:
        return None
    renewal = subscription.paid_until(today)
    seats, addons = dict(subscription.seats), dict(subscription.addons)
    cycle = subscription.cycle
    for change in pending:
        if change.status is not ChangeStatus.PENDING or change.effective_on > renewal:
            continue
        if change.product is ChangeProduct.CYCLE:
            cycle = change.cycle or cycle
        else:
            (addons if change.product is ChangeProduct.ADDON else seats)[change.code] = (
                change.quantity or 0
            )
    anchor = subscription.anchor if cycle is subscription.cycle else renewal
    try:
        lines = period_lines(
            {pricing.roles[c]: n for c, n in seats.items() if n > 0},
            {pricing.addons[c]: n for c, n in addons.items() if n > 0},
            pricing.account.audience,
            cycle,
            period_containing(anchor, cycle, renewal),
            pricing.currency,
        )
    except (KeyError, DomainError):
        return None  # an item left the catalog or its cycle: the renewal will say so
    if not any(line.kind is LineKind.ROLE for line in lines):
        return None
    return pricing.document(
        InvoiceReason.RENEWAL,
        lines,
        issued=renewal,
        payment_kind=subscription.payment_kind,
        subscription_id=subscription.id,
        status=InvoiceStatus.DRAFT,
    )


def change_subscription(ctx: Context, subscription_id: int, request: ChangeRequest) -> ChangeResult:
    """Upgrades apply at once (their charge gathers in today's draft invoice, issued by
    the billing run, so that several changes in a day make one invoice); downgrades
    and cycle changes are scheduled for the period end, replacing pending ones."""
    ctx.actor.require(Permission.MANAGE_SUBSCRIPTIONS)
    with ctx.new_uow() as uow:
        result = apply_change(uow, ctx, subscription_id, request)
        uow.commit()
        return result


def apply_change(
    uow: UnitOfWork,
    ctx: Context,
    subscription_id: int,
    request: ChangeRequest,
    quote: Quote | None = None,
) -> ChangeResult:
    """`change_subscription` inside the caller's unit of work (which commits). With the
    accepted `quote` of this change, its lines are invoiced at once, as quoted, instead
    of today's draft."""
    planned = plan_for(uow, ctx, subscription_id, request, quote)
    plan = planned.plan
    for change in uow.subscriptions.changes(subscription_id):
        if (change.product, change.code) in plan.supersedes:
            uow.subscriptions.set_change_status(
                change, ChangeStatus.CANCELLED, "replaced by a later change"
            )
    scheduled = tuple(uow.subscriptions.add_change(c) for c in plan.scheduled)
    saved = uow.subscriptions.update(plan.subscription)
    draft = invoice = None
    if quote is not None:
        quoted = planned.document(quote.lines, billing_key=f"quote:{quote.number}")
        invoice = uow.invoices.issue(quoted)
    elif plan.lines:
        draft = _add_to_draft(uow, planned)
    audit.record_change(
        uow,
        ctx,
        "subscription.change",
        "subscription",
        subscription_id,
        before=planned.before,
        after=saved,
    )
    return ChangeResult(plan, planned.preview(), draft, scheduled, saved, invoice)


def _add_to_draft(uow: UnitOfWork, planned: PlannedChange) -> Invoice:
    """Merge this change's upgrade lines into today's draft: an item upgraded twice
    today is charged once, from its quantity at the start of the day."""
    assert planned.before.id is not None
    key = draft_key(planned.before.id, planned.today)
    draft = uow.invoices.by_billing_key(key)
    lines: dict[tuple[str, str], InvoiceLine] = {
        (line.kind.value, line.code): line for line in (draft.lines if draft else ())
    }
    for line in planned.plan.lines:
        earlier = lines.get((line.kind.value, line.code))
        if earlier is not None:
            line = _combined(planned, earlier, line)
        lines[(line.kind.value, line.code)] = line
    document = planned.document(list(lines.values()), billing_key=key, status=InvoiceStatus.DRAFT)
    return uow.invoices.save_draft(replace(document, id=draft.id if draft else None))


def _combined(planned: PlannedChange, earlier: InvoiceLine, line: InvoiceLine) -> InvoiceLine:
    before, plan, pricing = planned.before, planned.plan, planned.pricing
    addon = line.kind.value == "addon"
    quantities = before.addons if addon else before.seats
    start_of_day = quantities.get(line.code, 0) - earlier.quantity
    new = (plan.subscription.addons if addon else plan.subscription.seats)[line.code]
    name = pricing.addons[line.code].name if addon else pricing.roles[line.code].name
    policy = UpgradePolicy.IMMEDIATE_PRORATED if addon else pricing.roles[line.code].upgrade_policy
    combined = upgrade_line(
        Upgrade(name, line.code, start_of_day, new, line.unit_price, line.unit_price, addon),
        policy,
        before.cycle,
        plan.period,
        planned.today,
        pricing.currency,
    )
    assert combined is not None
    return combined


def cancel_scheduled_change(
    ctx: Context, subscription_id: int, *, change_id: int
) -> ScheduledChange:
    """R11: a scheduled downgrade can be cancelled until it takes effect."""
    ctx.actor.require(Permission.MANAGE_SUBSCRIPTIONS)
    with ctx.new_uow() as uow:
        found = [c for c in uow.subscriptions.changes(subscription_id) if c.id == change_id]
        if not found:
            raise NotFound(f"no pending change {change_id} on subscription {subscription_id}")
        change = uow.subscriptions.set_change_status(
            found[0], ChangeStatus.CANCELLED, f"cancelled by {ctx.actor.login}"
        )
        audit.record_change(
            uow,
            ctx,
            "change.cancel",
            "subscription",
            subscription_id,
            before=found[0],
            after=change,
        )
        uow.commit()
        return change


def set_auto_renew(ctx: Context, subscription_id: int, *, renew: bool) -> Subscription:
    """R09: renewal can be stopped until 5 days before the period end; the
    subscription then ends at the end of the current period."""
    ctx.actor.require(Permission.MANAGE_SUBSCRIPTIONS)
    today = ctx.today
    with ctx.new_uow() as uow:
        before = uow.subscriptions.get(subscription_id, lock=True)
        before.check_changeable(today)
        end = before.paid_until(today)
        if not renew:
            check_can_stop_renewal(today, end)
        if before.auto_renew == renew:
            state = "on" if renew else "off"
            raise RuleViolation("R09", f"auto-renewal is already {state}; the period ends on {end}")
        after = uow.subscriptions.update(replace(before, auto_renew=renew))
        action = "subscription.renewal." + ("on" if renew else "off")
        audit.record_change(
            uow, ctx, action, "subscription", subscription_id, before=before, after=after
        )
        uow.commit()
        return after
