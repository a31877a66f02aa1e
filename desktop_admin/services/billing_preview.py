"""What a billing run on a day would do, read without writing anything (R08, R09, R11,
R12, R15, R18): the drafts it issues, each renewal with its invoice, each scheduled
change due with its seat check (fits, blocked, or the users a draw disables), the
subscriptions that end and the trials that end.

It plans with the run's own code (`billing_plan`), in the run's batches, so the run of
that day, on the data of now, does what the preview says.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from desktop_admin.domain.changes import ChangeProduct, ScheduledChange
from desktop_admin.domain.invoicing import Invoice
from desktop_admin.domain.lifecycle import SeatCheck
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.periods import Period
from desktop_admin.domain.users import NamedUser
from desktop_admin.services.billing_plan import Planner, SubscriptionPlan
from desktop_admin.services.billing_run import BATCH_SIZE
from desktop_admin.services.context import Context
from desktop_admin.services.ports import UnitOfWork


@dataclass(frozen=True)
class RenewalPreview:
    """A renewal the run issues: the invoice it would be (not numbered yet)."""

    subscription_id: int
    account: str
    period: Period
    invoice: Invoice

    @property
    def total(self) -> Decimal:
        return self.invoice.totals.total


@dataclass(frozen=True)
class ChangePreview:
    """A scheduled change due at a renewal, and what the run decides for it."""

    subscription_id: int
    account: str
    change: ScheduledChange
    #: The role's or add-on's name ("" for a change of cycle).
    product: str
    #: R15's outcome for a role (fits, blocked, disable); None for an add-on or a cycle.
    seat_check: SeatCheck | None
    note: str = ""
    #: The users a draw disables (R15 `auto_disable`).
    disabled: tuple[NamedUser, ...] = ()
    #: For a role: its enabled holders, and its seats after the change.
    held: int = 0
    seats: int = 0


@dataclass(frozen=True)
class EndPreview:
    """A subscription that ends (renewal switched off, R09) or a trial that ends (R18)."""

    subscription_id: int
    account: str
    on: date


@dataclass(frozen=True)
class BillingPreview:
    day: date
    drafts: tuple[Invoice, ...] = ()
    renewals: tuple[RenewalPreview, ...] = ()
    changes: tuple[ChangePreview, ...] = ()
    ended: tuple[EndPreview, ...] = ()
    trials_ended: tuple[EndPreview, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        """Nothing is due: the run would change nothing."""
        return not (
            self.drafts
            or self.renewals
            or self.changes
            or self.ended
            or self.trials_ended
            or self.problems
        )

    @property
    def invoiced(self) -> dict[str, Decimal]:
        """What the drafts and the renewals come to, per currency."""
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for invoice in (*self.drafts, *(r.invoice for r in self.renewals)):
            totals[invoice.currency] += invoice.totals.total
        return dict(totals)

    @property
    def disabled(self) -> tuple[NamedUser, ...]:
        return tuple(u for c in self.changes for u in c.disabled)

    @property
    def blocked(self) -> tuple[ChangePreview, ...]:
        return tuple(c for c in self.changes if c.seat_check is SeatCheck.BLOCKED)


def preview_billing(
    ctx: Context, day: date | None = None, *, batch_size: int = BATCH_SIZE
) -> BillingPreview:
    """What `run_billing` would do on `day` (today by default), on the data of now;
    reads only, and locks nothing."""
    ctx.actor.require(Permission.READ_BILLING)
    on = day or ctx.today
    with ctx.new_uow() as uow:
        drafts = tuple(d.dated(on) for d in uow.invoices.drafts_until(on))
        planner = Planner.start(uow, on)
        plans: list[SubscriptionPlan] = []
        after_id = 0
        while ids := uow.subscriptions.due_ids(on, after_id, batch_size):
            after_id = ids[-1]
            due = [uow.subscriptions.get(i) for i in ids]  # read, not locked as the run does
            planner.load(due)
            batch = [planner.plan(s) for s in due]
            planner.carry(batch)
            plans += batch
        return _preview(uow, planner, on, drafts, plans)


def _preview(
    uow: UnitOfWork,
    planner: Planner,
    on: date,
    drafts: tuple[Invoice, ...],
    plans: list[SubscriptionPlan],
) -> BillingPreview:
    """The plans, told with the accounts' names and the users drawn."""
    users = {u.id: u for u in uow.users.get_many(sorted(planner.disabled))}
    names = {r.code: r.name for r in planner.catalog.roles.values()}
    names |= {a.code: a.name for a in planner.catalog.addons.values()}
    renewals, changes, ended, trials = [], [], [], []
    for plan in plans:
        sub = plan.before
        sub_id, account = sub.id or 0, planner.accounts[sub.account_id].name
        for renewal in plan.renewals:
            renewals.append(RenewalPreview(sub_id, account, renewal.period, renewal.invoice))
            changes += [
                ChangePreview(
                    sub_id,
                    account,
                    d.change,
                    "" if d.change.product is ChangeProduct.CYCLE else names.get(d.change.code, ""),
                    d.seat_check,
                    d.note,
                    tuple(users[i] for i in d.to_disable),
                    d.held,
                    d.seats,
                )
                for d in renewal.decisions
            ]
        if plan.ended:
            ended.append(EndPreview(sub_id, account, plan.after.ends_on or on))
        if plan.trial_ended:
            trials.append(EndPreview(sub_id, account, sub.ends_on or on))
    return BillingPreview(
        on,
        drafts,
        tuple(renewals),
        tuple(changes),
        tuple(ended),
        tuple(trials),
        tuple(p.problem for p in plans if p.problem),
    )
