"""The billing run: everything due up to a date (R08, R11, R12, R15, R18).

Idempotent: a subscription's renewal for a period has a unique billing key and
advances `billed_through` in the same transaction as its invoice, its number
and its lines, so a second run, or a rerun after a crash, finds nothing left to
do for what was done. Work goes in batches of locked subscriptions, one
transaction per batch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from desktop_admin.domain.accounts import Account
from desktop_admin.domain.changes import ChangeProduct, ChangeStatus, ScheduledChange
from desktop_admin.domain.errors import DomainError, RuleViolation
from desktop_admin.domain.invoicing import Invoice, InvoiceReason
from desktop_admin.domain.lifecycle import SeatCheck, seat_check
from desktop_admin.domain.operators import Operator, Permission
from desktop_admin.domain.periods import period_containing
from desktop_admin.domain.pricing import period_lines
from desktop_admin.domain.subscriptions import Subscription, SubscriptionStatus
from desktop_admin.services import audit
from desktop_admin.services.billing_context import BillingContext
from desktop_admin.services.ports import Clock, UnitOfWork

WARN_DAYS = 30
#: Subscriptions billed per transaction.
BATCH_SIZE = 200


@dataclass
class BillingReport:
    today: date
    invoices: list[str] = field(default_factory=list)
    renewals: int = 0
    ended: list[int] = field(default_factory=list)
    trials_ended: list[int] = field(default_factory=list)
    changes_applied: int = 0
    blocked: list[str] = field(default_factory=list)
    disabled: list[str] = field(default_factory=list)
    at_risk: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    cancelled: bool = False

    @property
    def needs_attention(self) -> list[str]:
        return self.blocked + self.disabled + self.at_risk + self.problems


def run_billing(
    new_uow: Callable[[], UnitOfWork],
    clock: Clock,
    actor: Operator,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> BillingReport:
    """Issue the day's draft invoices, then renew, end and convert what is due."""
    actor.require(Permission.RUN_BILLING)
    today = clock.today()
    report = BillingReport(today)
    _issue_drafts(new_uow(), clock, actor, today, report)
    after_id = 0
    while not (cancelled and cancelled()):
        with new_uow() as uow:
            ids = uow.subscriptions.due_ids(today, after_id, batch_size)
            if not ids:
                break
            after_id = ids[-1]
            _run_batch(uow, clock, actor, ids, today, report)
            uow.commit()
        if progress:
            progress(len(report.invoices))
    report.cancelled = bool(cancelled and cancelled())
    _warn_at_risk(new_uow(), today, report)
    return report


@dataclass
class _Batch:
    """What one batch writes, gathered so that it is written in bulk."""

    catalog: BillingContext
    accounts: dict[int, Account]
    pending: dict[int, list[ScheduledChange]]
    invoices: list[Invoice] = field(default_factory=list)
    subscriptions: list[tuple[Subscription, Subscription]] = field(default_factory=list)


def _run_batch(
    uow: UnitOfWork,
    clock: Clock,
    actor: Operator,
    ids: list[int],
    today: date,
    report: BillingReport,
) -> None:
    due = uow.subscriptions.lock_due(ids, today)
    batch = _Batch(
        BillingContext.catalog(uow),
        uow.accounts.get_many({s.account_id for s in due}),
        uow.subscriptions.pending_changes_of([s.id for s in due if s.id]),
    )
    for subscription in due:
        _advance(uow, clock, actor, batch, subscription, today, report)
    issued = uow.invoices.issue_many(batch.invoices)
    report.invoices += [i.number or "" for i in issued]
    saved = uow.subscriptions.update_many([after for _, after in batch.subscriptions])
    uow.audit.record(
        [
            audit.entry(
                clock,
                actor,
                "subscription.billing",
                "subscription",
                a.id,
                *audit.changed(before, a),
            )
            for (before, _), a in zip(batch.subscriptions, saved, strict=True)
        ]
    )


def _issue_drafts(
    uow: UnitOfWork, clock: Clock, actor: Operator, today: date, report: BillingReport
) -> None:
    with uow:
        for draft in uow.invoices.drafts_until(today):
            issued = uow.invoices.issue_draft(draft.dated(today))
            report.invoices.append(issued.number or "")
            audit.record(
                uow,
                clock,
                actor,
                "invoice.issue",
                "invoice",
                issued.number,
                after={"number": issued.number, "total": str(issued.totals.total)},
            )
        uow.commit()


def _advance(
    uow: UnitOfWork,
    clock: Clock,
    actor: Operator,
    batch: _Batch,
    subscription: Subscription,
    today: date,
    report: BillingReport,
) -> None:
    """Bring one subscription up to `today`, period after period."""
    before = subscription
    if subscription.status is SubscriptionStatus.TRIAL:
        subscription = replace(subscription, status=SubscriptionStatus.ENDED)
        report.trials_ended.append(subscription.id or 0)
    while (
        subscription.status is SubscriptionStatus.ACTIVE
        and subscription.billed_through
        and subscription.billed_through <= today
    ):
        if not subscription.auto_renew:
            subscription = replace(
                subscription, status=SubscriptionStatus.ENDED, ends_on=subscription.billed_through
            )
            report.ended.append(subscription.id or 0)
            for change in batch.pending.pop(subscription.id or 0, []):
                uow.subscriptions.set_change_status(
                    change, ChangeStatus.CANCELLED, "the subscription ended"
                )
            break
        try:
            subscription = _renew(uow, clock, actor, batch, subscription, report)
        except DomainError as error:
            report.problems.append(f"subscription {subscription.id}: {error}")
            break
    if subscription != before:
        batch.subscriptions.append((before, subscription))


@dataclass(frozen=True)
class _Decision:
    change: ScheduledChange
    status: ChangeStatus
    note: str = ""
    to_disable: tuple[int, ...] = ()
    seed: int | None = None


def _renew(
    uow: UnitOfWork,
    clock: Clock,
    actor: Operator,
    batch: _Batch,
    subscription: Subscription,
    report: BillingReport,
) -> Subscription:
    """R08: the next period at the then-current prices, with the changes due then.
    Everything is decided and priced before anything is written."""
    assert subscription.id is not None and subscription.billed_through is not None
    renewal = subscription.billed_through
    ctx = batch.catalog.for_account(batch.accounts[subscription.account_id])
    pending = batch.pending.get(subscription.id, [])
    due = [c for c in pending if c.effective_on <= renewal]
    decisions = [_decide(uow, ctx, subscription, c, renewal) for c in due]
    changed = _with_changes(subscription, decisions)
    anchor = changed.anchor if changed.cycle is subscription.cycle else renewal
    period = period_containing(anchor, changed.cycle, renewal)  # it starts on `renewal`
    missing = [c for c in changed.seats if c not in ctx.roles]
    missing += [c for c in changed.addons if c not in ctx.addons]
    if missing:
        raise RuleViolation("R02", f"{', '.join(missing)} no longer in the catalog")
    if not changed.seats:
        raise RuleViolation("R08", "no seats are left to renew; cancel the subscription")
    roles = {ctx.roles[c]: n for c, n in changed.seats.items()}
    addons = {ctx.addons[c]: n for c, n in changed.addons.items()}
    lines = period_lines(roles, addons, ctx.account.audience, changed.cycle, period, ctx.currency)
    for decision in decisions:
        _record(uow, clock, actor, subscription, decision, renewal, report)
    batch.pending[subscription.id] = [c for c in pending if c not in due]
    batch.invoices.append(
        ctx.document(
            InvoiceReason.RENEWAL,
            subscription.id,
            clock.today(),
            lines,
            subscription.payment_kind,
            f"subscription:{subscription.id}:renewal:{period.start.isoformat()}",
        )
    )
    report.renewals += 1
    return replace(
        changed,
        anchor=anchor,
        billed_through=period.end,
        seat_prices={ln.code: ln.unit_price for ln in lines if ln.kind.value == "role"},
        addon_prices={ln.code: ln.unit_price for ln in lines if ln.kind.value == "addon"},
    )


def _with_changes(subscription: Subscription, decisions: list[_Decision]) -> Subscription:
    seats, addons, cycle = dict(subscription.seats), dict(subscription.addons), subscription.cycle
    for d in decisions:
        if d.status is not ChangeStatus.APPLIED:
            continue
        if d.change.product is ChangeProduct.CYCLE and d.change.cycle is not None:
            cycle = d.change.cycle  # R12
        elif d.change.product is ChangeProduct.ADDON:
            addons[d.change.code] = d.change.quantity or 0
        else:
            seats[d.change.code] = d.change.quantity or 0
    return replace(
        subscription,
        seats={c: n for c, n in seats.items() if n > 0},
        addons={c: n for c, n in addons.items() if n > 0},
        cycle=cycle,
    )


def draw_seed(subscription_id: int, code: str, on: date) -> int:
    """A seed recorded with the draw, and the same on a rerun after a crash."""
    digest = hashlib.sha256(f"{subscription_id}:{code}:{on.isoformat()}".encode()).digest()
    return int.from_bytes(digest[:4], "big")


def seats_elsewhere(uow: UnitOfWork, subscription: Subscription, code: str, on: date) -> int:
    """Seats of a role that the account's other subscriptions will grant on `on`:
    without those that end by then, after their own changes due by then (R15)."""
    total = 0
    for other in uow.subscriptions.for_account(subscription.account_id):
        if other.id == subscription.id or other.id is None or not other.grants_seats_on(on):
            continue
        if not other.auto_renew and other.billed_through and other.billed_through <= on:
            continue  # it ends by then
        quantity = other.seats.get(code, 0)
        for change in uow.subscriptions.changes(other.id):
            if (
                change.product is ChangeProduct.ROLE
                and change.code == code
                and change.effective_on <= on
            ):
                quantity = change.quantity or 0
        total += quantity
    return total


def _decide(
    uow: UnitOfWork,
    ctx: BillingContext,
    subscription: Subscription,
    change: ScheduledChange,
    on: date,
) -> _Decision:
    """R15 for a role's downgrade: do the enabled holders fit the new seat count?"""
    if change.product is not ChangeProduct.ROLE:
        return _Decision(change, ChangeStatus.APPLIED)
    assert subscription.id is not None
    role = ctx.roles[change.code]
    others = seats_elsewhere(uow, subscription, change.code, on)
    holders = uow.users.holders(subscription.account_id, change.code)
    seed = draw_seed(subscription.id, change.code, on)
    result = seat_check(
        role.name, role.seat_overflow, holders, others + (change.quantity or 0), seed
    )
    where = f"subscription {subscription.id} on {on}"
    if result.outcome is SeatCheck.BLOCKED:
        return _Decision(
            change,
            ChangeStatus.BLOCKED,
            f"{result.message} ({where}); it renews at the previous quantity",
        )
    if result.outcome is SeatCheck.DISABLE:
        return _Decision(
            change,
            ChangeStatus.APPLIED,
            f"{result.message} ({where}): users {', '.join(map(str, result.to_disable))}",
            result.to_disable,
            seed,
        )
    return _Decision(change, ChangeStatus.APPLIED)


def _record(
    uow: UnitOfWork,
    clock: Clock,
    actor: Operator,
    subscription: Subscription,
    decision: _Decision,
    on: date,
    report: BillingReport,
) -> None:
    """Write a decision: the change's status and, for a draw, the users disabled."""
    uow.subscriptions.set_change_status(decision.change, decision.status, decision.note)
    if decision.status is ChangeStatus.BLOCKED:
        report.blocked.append(decision.note)
        return
    report.changes_applied += 1
    if decision.to_disable:
        users = uow.users.get_many(decision.to_disable)
        saved = uow.users.update_many([replace(u, enabled=False) for u in users])
        uow.audit.record(
            [
                audit.entry(
                    clock,
                    actor,
                    "user.disable.r15",
                    "user",
                    u.id,
                    before,
                    {**(audit.snapshot(u) or {}), "seed": decision.seed},
                )
                for before, u in zip(users, saved, strict=True)
            ]
        )
        report.disabled.append(decision.note)


def _warn_at_risk(uow: UnitOfWork, today: date, report: BillingReport) -> None:
    """Before the date, warn about every downgrade whose holders would not fit (R15)."""
    with uow:
        names = {r.code: r for r in uow.catalog.roles()}
        for change in uow.subscriptions.pending_changes_until(today + timedelta(days=WARN_DAYS)):
            if change.product is not ChangeProduct.ROLE or change.code not in names:
                continue
            subscription = uow.subscriptions.get(change.subscription_id)
            if subscription.status is not SubscriptionStatus.ACTIVE or not subscription.auto_renew:
                continue  # it ends before the change would apply
            others = seats_elsewhere(uow, subscription, change.code, change.effective_on)
            holders = len(uow.users.holders(subscription.account_id, change.code))
            seats = others + (change.quantity or 0)
            if holders > seats:
                role = names[change.code]
                report.at_risk.append(
                    f"R15: {role.name}: {holders} users hold the role, {seats} seats from "
                    f"{change.effective_on} (subscription {subscription.id}, "
                    f"{role.seat_overflow.value})"
                )
