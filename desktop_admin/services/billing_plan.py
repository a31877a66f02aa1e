"""What the billing run does to one due subscription, decided before anything is
written (R08, R09, R11, R12, R15, R18).

The run (`billing_run`) writes these plans; the preview (`billing_preview`) shows them
and writes nothing. Both plan with this code, so a preview says what the run of that
day then does: the same renewals at the same prices, the same seat checks, the same
users drawn.

A `Planner` plans the due subscriptions one after another in one transaction. Each plan
reads what the plans before it settled as if it were already written (the changes
decided or cancelled, the users drawn, and the subscriptions of earlier batches
renewed): the run has written them by then, the preview never does.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from desktop_admin.domain.accounts import Account
from desktop_admin.domain.changes import ChangeProduct, ChangeStatus, ScheduledChange
from desktop_admin.domain.errors import DomainError, RuleViolation
from desktop_admin.domain.invoicing import Invoice, InvoiceLine, InvoiceReason
from desktop_admin.domain.lifecycle import Holder, SeatCheck, SeatSources
from desktop_admin.domain.periods import Period, period_containing
from desktop_admin.domain.pricing import period_lines
from desktop_admin.domain.subscriptions import Subscription, SubscriptionStatus
from desktop_admin.services.billing_context import BillingContext
from desktop_admin.services.ports import UnitOfWork


@dataclass(frozen=True)
class Decision:
    """A scheduled change due at a renewal: applied, or blocked by the seat check (R15);
    applied with `to_disable` when a draw (seeded by `seed`) disables users."""

    change: ScheduledChange
    status: ChangeStatus
    note: str = ""
    to_disable: tuple[int, ...] = ()
    seed: int | None = None
    #: For a role: its enabled holders, and its seats after the change (R15).
    held: int = 0
    seats: int = 0

    @property
    def seat_check(self) -> SeatCheck | None:
        """The outcome of R15 for a role's change; None for an add-on or a cycle."""
        if self.change.product is not ChangeProduct.ROLE:
            return None
        if self.status is ChangeStatus.BLOCKED:
            return SeatCheck.BLOCKED
        return SeatCheck.DISABLE if self.to_disable else SeatCheck.FITS


@dataclass(frozen=True)
class PlannedRenewal:
    """One period renewed (R08): the invoice it issues (not numbered yet) and the
    changes due then."""

    period: Period
    invoice: Invoice
    decisions: tuple[Decision, ...] = ()


@dataclass(frozen=True)
class SubscriptionPlan:
    """What the run does to one subscription: `before` becomes `after`."""

    before: Subscription
    after: Subscription
    renewals: tuple[PlannedRenewal, ...] = ()
    trial_ended: bool = False  # R18
    ended: bool = False  # R09: renewal was switched off
    #: The pending changes of a subscription that ends, cancelled with it.
    cancelled: tuple[ScheduledChange, ...] = ()
    #: Why it stopped renewing part way (a role gone from the catalog, no seats left).
    problem: str = ""


@dataclass
class Planner:
    """Plans due subscriptions in one transaction (see the module's docstring)."""

    uow: UnitOfWork
    today: date
    catalog: BillingContext
    accounts: dict[int, Account] = field(default_factory=dict)
    pending: dict[int, list[ScheduledChange]] = field(default_factory=dict)
    #: Changes already decided or cancelled by a plan (pending no more).
    settled: set[int] = field(default_factory=set)
    #: Users a plan's draw disables.
    disabled: set[int] = field(default_factory=set)
    #: Subscriptions as planned in earlier batches (the preview's; the run wrote them).
    renewed: dict[int, Subscription] = field(default_factory=dict)

    @classmethod
    def start(cls, uow: UnitOfWork, today: date) -> Planner:
        return cls(uow, today, BillingContext.catalog(uow))

    def load(self, due: Sequence[Subscription]) -> None:
        """Read what planning these subscriptions needs: accounts and pending changes."""
        wanted = {s.account_id for s in due} - self.accounts.keys()
        if wanted:
            self.accounts |= self.uow.accounts.get_many(wanted)
        self.pending |= self.uow.subscriptions.pending_changes_of([s.id for s in due if s.id])

    def carry(self, plans: Iterable[SubscriptionPlan]) -> None:
        """The next batch reads these subscriptions as renewed (the run writes them)."""
        self.renewed |= {p.after.id: p.after for p in plans if p.after.id is not None}

    def plan(self, subscription: Subscription) -> SubscriptionPlan:
        """Bring one subscription up to `today`, period after period, on paper."""
        plan = SubscriptionPlan(subscription, subscription)
        if subscription.status is SubscriptionStatus.TRIAL:
            ended = replace(subscription, status=SubscriptionStatus.ENDED)
            plan = replace(plan, after=ended, trial_ended=True)
        pending = list(self.pending.get(subscription.id or 0, []))
        while (
            (after := plan.after).status is SubscriptionStatus.ACTIVE
            and after.billed_through
            and after.billed_through <= self.today
        ):
            if not after.auto_renew:
                self.settled |= {c.id for c in pending if c.id is not None}
                ended = replace(
                    after, status=SubscriptionStatus.ENDED, ends_on=after.billed_through
                )
                return replace(plan, after=ended, ended=True, cancelled=tuple(pending))
            try:
                renewal, renewed = self._renew(after, pending)
            except DomainError as error:
                return replace(plan, problem=f"subscription {after.id}: {error}")
            pending = [c for c in pending if c not in (d.change for d in renewal.decisions)]
            plan = replace(plan, after=renewed, renewals=(*plan.renewals, renewal))
        return plan

    def _renew(
        self, subscription: Subscription, pending: list[ScheduledChange]
    ) -> tuple[PlannedRenewal, Subscription]:
        """R08: the next period at the then-current prices, with the changes due then."""
        assert subscription.id is not None and subscription.billed_through is not None
        renewal = subscription.billed_through
        pricing = self.catalog.for_account(self.accounts[subscription.account_id])
        due = [c for c in pending if c.effective_on <= renewal]
        decisions = tuple(self._decide(pricing, c, renewal) for c in due)
        changed = _with_changes(subscription, decisions)
        anchor = changed.anchor if changed.cycle is subscription.cycle else renewal
        period = period_containing(anchor, changed.cycle, renewal)  # it starts on `renewal`
        lines = _renewal_lines(pricing, changed, period)
        for decision in decisions:
            self.settled.add(decision.change.id or 0)
            self.disabled.update(decision.to_disable)
        invoice = pricing.document(
            InvoiceReason.RENEWAL,
            lines,
            issued=self.today,
            payment_kind=subscription.payment_kind,
            subscription_id=subscription.id,
            billing_key=f"subscription:{subscription.id}:renewal:{period.start.isoformat()}",
        )
        renewed = replace(
            changed,
            anchor=anchor,
            billed_through=period.end,
            seat_prices={ln.code: ln.unit_price for ln in lines if ln.kind.value == "role"},
            addon_prices={ln.code: ln.unit_price for ln in lines if ln.kind.value == "addon"},
        )
        return PlannedRenewal(period, invoice, decisions), renewed

    def _decide(self, pricing: BillingContext, change: ScheduledChange, on: date) -> Decision:
        """R15 for a role's downgrade: do the enabled holders fit the new seat count?"""
        if change.product is not ChangeProduct.ROLE:
            return Decision(change, ChangeStatus.APPLIED)
        account_id = pricing.account.id
        assert account_id is not None
        result = self.seat_sources(account_id).check_downgrade(
            change, pricing.roles[change.code], self.holders(account_id, change.code), on
        )
        where = f"subscription {change.subscription_id} on {on}"
        held, seats = result.held, result.seats
        if result.outcome is SeatCheck.BLOCKED:
            return Decision(
                change,
                ChangeStatus.BLOCKED,
                f"{result.message} ({where}); it renews at the previous quantity",
                held=held,
                seats=seats,
            )
        if result.outcome is SeatCheck.DISABLE:
            return Decision(
                change,
                ChangeStatus.APPLIED,
                f"{result.message} ({where}): users {', '.join(map(str, result.to_disable))}",
                result.to_disable,
                result.seed,
                held,
                seats,
            )
        return Decision(change, ChangeStatus.APPLIED, held=held, seats=seats)

    def seat_sources(self, account_id: int) -> SeatSources:
        """What R15 counts, as the plans so far leave it."""
        stored = seat_sources(self.uow, account_id)
        return SeatSources(
            [self.renewed.get(s.id or 0, s) for s in stored.subscriptions],
            {
                sub: [c for c in changes if c.id not in self.settled]
                for sub, changes in stored.pending.items()
            },
        )

    def holders(self, account_id: int, code: str) -> list[Holder]:
        """The enabled holders of a role, less those the plans so far disable."""
        return [
            h for h in self.uow.users.holders(account_id, code) if h.user_id not in self.disabled
        ]


def seat_sources(uow: UnitOfWork, account_id: int) -> SeatSources:
    """An account's subscriptions with their pending changes, in two queries however
    many it has: what the seat check of R15 counts."""
    subscriptions = uow.subscriptions.for_account(account_id)
    ids = [s.id for s in subscriptions if s.id is not None]
    return SeatSources(subscriptions, uow.subscriptions.pending_changes_of(ids))


def _renewal_lines(
    pricing: BillingContext, changed: Subscription, period: Period
) -> list[InvoiceLine]:
    """The renewal's lines at the catalog's prices of the day (R08)."""
    missing = [c for c in changed.seats if c not in pricing.roles]
    missing += [c for c in changed.addons if c not in pricing.addons]
    if missing:
        raise RuleViolation("R02", f"{', '.join(missing)} no longer in the catalog")
    if not changed.seats:
        raise RuleViolation("R08", "no seats are left to renew; cancel the subscription")
    roles = {pricing.roles[c]: n for c, n in changed.seats.items()}
    addons = {pricing.addons[c]: n for c, n in changed.addons.items()}
    return period_lines(
        roles, addons, pricing.account.audience, changed.cycle, period, pricing.currency
    )


def _with_changes(subscription: Subscription, decisions: Sequence[Decision]) -> Subscription:
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
