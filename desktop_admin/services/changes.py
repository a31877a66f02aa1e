"""Changing a subscription (R09-R12): preview, apply, cancel a scheduled change,
stop or resume auto-renewal."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from desktop_admin.domain.catalog import UpgradePolicy
from desktop_admin.domain.changes import (
    ChangePlan,
    ChangeRequest,
    ChangeStatus,
    ScheduledChange,
    plan_change,
)
from desktop_admin.domain.errors import NotFound, RuleViolation
from desktop_admin.domain.invoicing import Invoice, InvoiceLine, InvoiceReason, InvoiceStatus
from desktop_admin.domain.lifecycle import check_can_stop_renewal, stop_renewal_deadline
from desktop_admin.domain.operators import Operator, Permission
from desktop_admin.domain.pricing import Upgrade, upgrade_line
from desktop_admin.domain.subscriptions import Subscription
from desktop_admin.services import audit
from desktop_admin.services.billing_context import BillingContext
from desktop_admin.services.ports import Clock, UnitOfWork

Prices = Mapping[tuple[str, str], Decimal]


@dataclass(frozen=True)
class ChangeResult:
    plan: ChangePlan
    preview: Invoice | None  # this change's own lines, priced with VAT
    draft: Invoice | None  # today's upgrade invoice, with earlier same-day upgrades
    scheduled: tuple[ScheduledChange, ...]
    subscription: Subscription
    invoice: Invoice | None = None  # issued at once: the lines of an accepted quote


def draft_key(subscription_id: int, day: date) -> str:
    return f"subscription:{subscription_id}:upgrade:{day.isoformat()}"


def plan_for(
    uow: UnitOfWork,
    clock: Clock,
    subscription_id: int,
    request: ChangeRequest,
    prices: Prices | None,
) -> tuple[BillingContext, Subscription, ChangePlan]:
    subscription = uow.subscriptions.get(subscription_id, lock=True)
    subscription.check_changeable(clock.today())
    ctx = BillingContext.load(uow, subscription.account_id)
    plan = plan_change(
        subscription,
        request,
        ctx.roles,
        ctx.addons,
        ctx.account.audience,
        clock.today(),
        ctx.currency,
        prices,
        uow.subscriptions.changes(subscription_id),
    )
    return ctx, subscription, plan


def _preview(
    ctx: BillingContext, subscription: Subscription, plan: ChangePlan, today: date
) -> Invoice | None:
    if not plan.lines:
        return None
    return ctx.document(
        InvoiceReason.UPGRADE,
        subscription.id,
        today,
        list(plan.lines),
        subscription.payment_kind,
        None,
        status=InvoiceStatus.DRAFT,
    )


def preview_change(
    uow: UnitOfWork, clock: Clock, actor: Operator, subscription_id: int, request: ChangeRequest
) -> ChangeResult:
    """What `change` would invoice and schedule; commits nothing."""
    actor.require(Permission.READ_BILLING)
    with uow:
        ctx, subscription, plan = plan_for(uow, clock, subscription_id, request, None)
        return ChangeResult(
            plan,
            _preview(ctx, subscription, plan, clock.today()),
            None,
            plan.scheduled,
            plan.subscription,
        )


def change_subscription(
    uow: UnitOfWork,
    clock: Clock,
    actor: Operator,
    subscription_id: int,
    request: ChangeRequest,
    prices: Prices | None = None,
) -> ChangeResult:
    """Upgrades apply at once (their charge gathers in today's draft invoice, issued by
    the billing run, so that several changes in a day make one invoice); downgrades
    and cycle changes are scheduled for the period end, replacing pending ones."""
    actor.require(Permission.MANAGE_SUBSCRIPTIONS)
    with uow:
        result = apply_change(uow, clock, actor, subscription_id, request, prices)
        uow.commit()
        return result


def apply_change(
    uow: UnitOfWork,
    clock: Clock,
    actor: Operator,
    subscription_id: int,
    request: ChangeRequest,
    prices: Prices | None = None,
    quoted: tuple[InvoiceLine, ...] | None = None,
    quote_number: str | None = None,
) -> ChangeResult:
    """`change_subscription` inside the caller's unit of work (which commits). With
    `quoted`, those lines are invoiced at once, as quoted, instead of today's draft."""
    today = clock.today()
    ctx, before, plan = plan_for(uow, clock, subscription_id, request, prices)
    for change in uow.subscriptions.changes(subscription_id):
        if (change.product, change.code) in plan.supersedes:
            uow.subscriptions.set_change_status(
                change, ChangeStatus.CANCELLED, "replaced by a later change"
            )
    scheduled = tuple(uow.subscriptions.add_change(c) for c in plan.scheduled)
    saved = uow.subscriptions.update(plan.subscription)
    invoice = None
    if quoted is not None:
        draft = None
        invoice = uow.invoices.issue(
            ctx.document(
                InvoiceReason.UPGRADE,
                subscription_id,
                today,
                list(quoted),
                before.payment_kind,
                f"quote:{quote_number}",
            )
        )
    else:
        draft = _add_to_draft(uow, ctx, before, plan, today) if plan.lines else None
    audit.record(
        uow,
        clock,
        actor,
        "subscription.change",
        "subscription",
        subscription_id,
        before=before,
        after=saved,
    )
    return ChangeResult(plan, _preview(ctx, before, plan, today), draft, scheduled, saved, invoice)


def _add_to_draft(
    uow: UnitOfWork, ctx: BillingContext, before: Subscription, plan: ChangePlan, today: date
) -> Invoice:
    """Merge this change's upgrade lines into today's draft: an item upgraded twice
    today is charged once, from its quantity at the start of the day."""
    assert before.id is not None
    key = draft_key(before.id, today)
    draft = uow.invoices.by_billing_key(key)
    lines: dict[tuple[str, str], InvoiceLine] = {
        (line.kind.value, line.code): line for line in (draft.lines if draft else ())
    }
    for line in plan.lines:
        earlier = lines.get((line.kind.value, line.code))
        if earlier is not None:
            line = _combined(ctx, before, plan, earlier, line, today)
        lines[(line.kind.value, line.code)] = line
    document = ctx.document(
        InvoiceReason.UPGRADE,
        before.id,
        today,
        list(lines.values()),
        before.payment_kind,
        key,
        status=InvoiceStatus.DRAFT,
    )
    return uow.invoices.save_draft(replace(document, id=draft.id if draft else None))


def _combined(
    ctx: BillingContext,
    before: Subscription,
    plan: ChangePlan,
    earlier: InvoiceLine,
    line: InvoiceLine,
    today: date,
) -> InvoiceLine:
    addon = line.kind.value == "addon"
    quantities = before.addons if addon else before.seats
    start_of_day = quantities.get(line.code, 0) - earlier.quantity
    new = (plan.subscription.addons if addon else plan.subscription.seats)[line.code]
    name = ctx.addons[line.code].name if addon else ctx.roles[line.code].name
    policy = UpgradePolicy.IMMEDIATE_PRORATED if addon else ctx.roles[line.code].upgrade_policy
    combined = upgrade_line(
        Upgrade(name, line.code, start_of_day, new, line.unit_price, line.unit_price, addon),
        policy,
        before.cycle,
        plan.period,
        today,
        ctx.currency,
    )
    assert combined is not None
    return combined


def cancel_scheduled_change(
    uow: UnitOfWork, clock: Clock, actor: Operator, change_id: int, subscription_id: int
) -> ScheduledChange:
    """R11: a scheduled downgrade can be cancelled until it takes effect."""
    actor.require(Permission.MANAGE_SUBSCRIPTIONS)
    with uow:
        found = [c for c in uow.subscriptions.changes(subscription_id) if c.id == change_id]
        if not found:
            raise NotFound(f"no pending change {change_id} on subscription {subscription_id}")
        change = uow.subscriptions.set_change_status(
            found[0], ChangeStatus.CANCELLED, f"cancelled by {actor.login}"
        )
        audit.record(
            uow,
            clock,
            actor,
            "change.cancel",
            "subscription",
            subscription_id,
            before=found[0],
            after=change,
        )
        uow.commit()
        return change


def set_auto_renew(
    uow: UnitOfWork, clock: Clock, actor: Operator, subscription_id: int, renew: bool
) -> Subscription:
    """R09: renewal can be stopped until 5 days before the period end; the
    subscription then ends at the end of the current period."""
    actor.require(Permission.MANAGE_SUBSCRIPTIONS)
    today = clock.today()
    with uow:
        before = uow.subscriptions.get(subscription_id, lock=True)
        before.check_changeable(today)
        end = before.billed_through or before.current_period(today).end
        if not renew:
            check_can_stop_renewal(today, end)
        if before.auto_renew == renew:
            state = "on" if renew else "off"
            raise RuleViolation("R09", f"auto-renewal is already {state}; the period ends on {end}")
        after = uow.subscriptions.update(replace(before, auto_renew=renew))
        audit.record(
            uow,
            clock,
            actor,
            "subscription.renewal." + ("on" if renew else "off"),
            "subscription",
            subscription_id,
            before=before,
            after=after,
        )
        uow.commit()
        return after


def renewal_deadline(subscription: Subscription, today: date) -> date:
    return stop_renewal_deadline(
        subscription.billed_through or subscription.current_period(today).end
    )


def scheduled_changes(
    uow: UnitOfWork, actor: Operator, subscription_id: int
) -> list[ScheduledChange]:
    """Every scheduled change of a subscription, pending or not, by date."""
    actor.require(Permission.READ_ACCOUNTS)
    with uow:
        uow.subscriptions.get(subscription_id)
        return uow.subscriptions.changes(subscription_id, pending_only=False)
