"""The billing run: everything due up to a date (R08, R11, R12, R15, R18).

Each due subscription is planned first (`billing_plan`, shared with the preview),
then its plan is written. Idempotent: a subscription's renewal for a period has a
unique billing key and advances `billed_through` in the same transaction as its
invoice, its number and its lines, so a second run, or a rerun after a crash, finds
nothing left to do for what was done. Work goes in batches of locked subscriptions, one
transaction per batch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from desktop_admin.domain.changes import ChangeProduct, ChangeStatus, ScheduledChange
from desktop_admin.domain.invoicing import Invoice
from desktop_admin.domain.lifecycle import SeatCheck, SeatCheckResult, SeatSources
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.subscriptions import Subscription
from desktop_admin.services import audit
from desktop_admin.services.billing_plan import Decision, Planner, SubscriptionPlan, seat_sources
from desktop_admin.services.context import Context
from desktop_admin.services.payments import record_issue
from desktop_admin.services.ports import UnitOfWork
from desktop_admin.services.seats import claim_seats

WARN_DAYS = 30
#: What a batch of the run claims first (see `UnitOfWork.claim`).
BILLING = "billing"
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
    ctx: Context,
    *,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> BillingReport:
    """Issue the day's draft invoices, then renew, end and convert what is due,
    `batch_size` subscriptions per transaction; `progress(invoices issued)` after each
    batch, stopping between batches when `cancelled()`."""
    ctx.actor.require(Permission.RUN_BILLING)
    report = BillingReport(ctx.today)
    _issue_drafts(ctx, report)
    after_id = 0
    while not (cancelled and cancelled()):
        with ctx.new_uow() as uow:
            uow.claim(BILLING)  # another run on the same day waits, then finds less due
            ids = uow.subscriptions.due_ids(report.today, after_id, batch_size)
            if not ids:
                break
            after_id = ids[-1]
            _run_batch(_Batch.load(uow, ctx, ids, report))
            uow.commit()
        if progress:
            progress(len(report.invoices))
    report.cancelled = bool(cancelled and cancelled())
    _warn_at_risk(ctx, report)
    return report


@dataclass
class _Batch:
    """One batch's transaction, and what it writes, gathered to be written in bulk."""

    uow: UnitOfWork
    ctx: Context
    report: BillingReport
    due: list[Subscription]
    planner: Planner
    invoices: list[Invoice] = field(default_factory=list)
    subscriptions: list[tuple[Subscription, Subscription]] = field(default_factory=list)

    @classmethod
    def load(cls, uow: UnitOfWork, ctx: Context, ids: list[int], report: BillingReport) -> _Batch:
        """Lock the subscriptions still due and read what billing them needs."""
        due = uow.subscriptions.lock_due(ids, report.today)
        claim_seats(uow, (s.account_id for s in due))  # R15 disabling counts, nobody assigns
        planner = Planner.start(uow, report.today)
        planner.load(due)
        return cls(uow, ctx, report, due, planner)


def _run_batch(batch: _Batch) -> None:
    uow = batch.uow
    for subscription in batch.due:
        _write_plan(batch, batch.planner.plan(subscription))
    issued = uow.invoices.issue_many(batch.invoices)
    batch.report.invoices += [i.number or "" for i in issued]
    saved = uow.subscriptions.update_many([after for _, after in batch.subscriptions])
    entries = []
    for (before, _), after in zip(batch.subscriptions, saved, strict=True):
        old, new = audit.changed(before, after)
        entries.append(
            audit.change_entry(
                batch.ctx, "subscription.billing", "subscription", after.id, before=old, after=new
            )
        )
    uow.audit.record(entries)


def _issue_drafts(ctx: Context, report: BillingReport) -> None:
    with ctx.new_uow() as uow:
        uow.claim(BILLING)
        for draft in uow.invoices.drafts_until(report.today):
            issued = uow.invoices.issue_draft(draft.dated(report.today))
            report.invoices.append(issued.number or "")
            record_issue(uow, ctx, issued)
        uow.commit()


def _write_plan(batch: _Batch, plan: SubscriptionPlan) -> None:
    """Write what the plan of one subscription decided, and report it."""
    report, subscription_id = batch.report, plan.before.id or 0
    if plan.trial_ended:
        report.trials_ended.append(subscription_id)
    for renewal in plan.renewals:
        for decision in renewal.decisions:
            _record(batch, decision)
        batch.invoices.append(renewal.invoice)
        report.renewals += 1
    if plan.ended:
        report.ended.append(subscription_id)
        for change in plan.cancelled:
            batch.uow.subscriptions.set_change_status(
                change, ChangeStatus.CANCELLED, "the subscription ended"
            )
    if plan.problem:
        report.problems.append(plan.problem)
    if plan.after != plan.before:
        batch.subscriptions.append((plan.before, plan.after))


def _record(batch: _Batch, decision: Decision) -> None:
    """Write a decision: the change's status and, for a draw, the users disabled."""
    uow, report = batch.uow, batch.report
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
                audit.change_entry(
                    batch.ctx,
                    "user.disable.r15",
                    "user",
                    u.id,
                    before=before,
                    after={**(audit.snapshot(u) or {}), "seed": decision.seed},
                )
                for before, u in zip(users, saved, strict=True)
            ]
        )
        report.disabled.append(decision.note)


def seat_forecasts(
    uow: UnitOfWork, changes: Sequence[ScheduledChange]
) -> dict[int, SeatCheckResult]:
    """R15 before the date: for each pending role change that the billing run will check
    on its date, the check it will make then (by change id), with the seats and the
    holders of today; the seats are read once per account."""
    roles = {r.code: r for r in uow.catalog.roles()}
    owners: dict[int, int] = {}
    accounts: dict[int, SeatSources] = {}
    found: dict[int, SeatCheckResult] = {}
    for change in changes:
        if change.id is None or change.product is not ChangeProduct.ROLE:
            continue
        if change.code not in roles or change.status is not ChangeStatus.PENDING:
            continue
        if change.subscription_id not in owners:
            account_id = uow.subscriptions.get(change.subscription_id).account_id
            accounts[account_id] = sources = seat_sources(uow, account_id)
            owners |= {s.id: account_id for s in sources.subscriptions if s.id is not None}
        account_id = owners[change.subscription_id]
        if accounts[account_id].checked_on_its_date(change):
            found[change.id] = accounts[account_id].check_downgrade(
                change,
                roles[change.code],
                uow.users.holders(account_id, change.code),
                change.effective_on,
            )
    return found


def _warn_at_risk(ctx: Context, report: BillingReport) -> None:
    """Before the date, warn about every downgrade whose holders would not fit (R15)."""
    with ctx.new_uow() as uow:
        roles = {r.code: r for r in uow.catalog.roles()}
        changes = uow.subscriptions.pending_changes_until(report.today + timedelta(days=WARN_DAYS))
        checks = seat_forecasts(uow, changes)
        for change in changes:
            check = checks.get(change.id or 0)
            if check is None or check.outcome is SeatCheck.FITS:
                continue
            role = roles[change.code]
            report.at_risk.append(
                f"R15: {role.name}: {check.held} users hold the role, {check.seats} seats from "
                f"{change.effective_on} (subscription {change.subscription_id}, "
                f"{role.seat_overflow.value})"
            )
