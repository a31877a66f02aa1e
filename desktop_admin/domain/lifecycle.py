"""Renewal, stopping renewal, refunds, quotes and the seat check at renewal
(R08, R09, R13, R15, R16, R18)."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from desktop_admin.domain.catalog import Role, SeatOverflow
from desktop_admin.domain.changes import ChangeProduct, ChangeStatus, ScheduledChange
from desktop_admin.domain.errors import RuleViolation
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.subscriptions import Subscription, SubscriptionStatus

STOP_RENEWAL_NOTICE = timedelta(days=5)
REFUND_WINDOW = timedelta(days=15)
QUOTE_VALIDITY = timedelta(days=30)
RETENTION_AFTER_CANCEL = timedelta(days=14)


def stop_renewal_deadline(period_end: date) -> date:
    """R09: the last day on which auto-renewal can be switched off."""
    return period_end - STOP_RENEWAL_NOTICE


def renewal_deadline(subscription: Subscription, today: date) -> date:
    """R09: the last day on which the subscription's renewal can be stopped."""
    return stop_renewal_deadline(subscription.paid_until(today))


def check_purgeable(subscriptions: Sequence[Subscription], today: date) -> None:
    """R17: an account's personal data may be purged once none of its subscriptions is
    in force, none is frozen (kept readable for good), and every cancelled licence is
    past its two weeks of read-only data."""
    for s in subscriptions:
        if s.status is SubscriptionStatus.FROZEN:
            raise RuleViolation(
                "R17", f"subscription {s.id} is frozen: its data stays readable, never purged"
            )
        if s.grants_seats_on(today) or s.status in (
            SubscriptionStatus.ACTIVE,
            SubscriptionStatus.TRIAL,
        ):
            raise RuleViolation("R17", f"subscription {s.id} is in force; cancel it first")
        kept_until = s.read_only_until if s.status is SubscriptionStatus.CANCELLED else None
        if kept_until and today <= kept_until:
            raise RuleViolation(
                "R17",
                f"subscription {s.id} keeps its data until {kept_until.isoformat()}; "
                "the account may be purged after",
            )


def check_can_stop_renewal(today: date, period_end: date) -> None:
    """R09: allowed while `today <= end - 5 days`; refused afterwards, naming the deadline."""
    deadline = stop_renewal_deadline(period_end)
    if today > deadline:
        raise RuleViolation(
            "R09", f"renewal can no longer be stopped; the deadline was {deadline.isoformat()}"
        )


class PurchaseKind(StrEnum):
    PURCHASE = "purchase"
    RENEWAL = "renewal"
    TRIAL = "trial"


def check_refundable(
    kind: PurchaseKind, cycle: Cycle, purchase_date: date, request_date: date
) -> None:
    """R16: yearly or quarterly purchases, within 15 days; never trials, monthly
    subscriptions or renewals."""
    if kind is PurchaseKind.TRIAL:
        raise RuleViolation("R16", "a trial costs nothing and is never refunded")
    if kind is PurchaseKind.RENEWAL:
        raise RuleViolation("R16", "renewals are never refunded")
    if cycle is Cycle.MONTHLY:
        raise RuleViolation("R16", "monthly subscriptions are never refunded")
    last_day = purchase_date + REFUND_WINDOW
    if request_date > last_day:
        raise RuleViolation(
            "R16",
            f"the refund window closed on {last_day.isoformat()} "
            f"(15 days after the purchase on {purchase_date.isoformat()})",
        )


class QuoteStatus(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    EXPIRED = "expired"


def quote_valid_until(issued: date, days: int = 30) -> date:
    return issued + timedelta(days=days)


def effective_quote_status(status: QuoteStatus, valid_until: date, today: date) -> QuoteStatus:
    """An open quote past its validity date is expired (R13)."""
    if status in (QuoteStatus.DRAFT, QuoteStatus.SENT) and today > valid_until:
        return QuoteStatus.EXPIRED
    return status


def check_can_accept_quote(status: QuoteStatus, valid_until: date, today: date) -> None:
    """R13: only a valid draft or sent quote can be accepted."""
    current = effective_quote_status(status, valid_until, today)
    if current is QuoteStatus.EXPIRED:
        raise RuleViolation(
            "R13", f"the quote expired on {valid_until.isoformat()} and can no longer be accepted"
        )
    if current is not QuoteStatus.DRAFT and current is not QuoteStatus.SENT:
        raise RuleViolation("R13", f"the quote is {current.value} and can no longer be accepted")


@dataclass(frozen=True)
class Holder:
    """An enabled user holding a role, as the seat check at renewal sees them."""

    user_id: int
    is_admin: bool


class SeatCheck(StrEnum):
    FITS = "fits"
    BLOCKED = "blocked"
    DISABLE = "disable"


@dataclass(frozen=True)
class SeatCheckResult:
    outcome: SeatCheck
    to_disable: tuple[int, ...] = ()
    seed: int | None = None
    message: str = ""
    #: The enabled users holding the role, and the seats of it after the change.
    held: int = 0
    seats: int = 0


def seat_check(
    role_name: str, policy: SeatOverflow, holders: Sequence[Holder], new_seats: int, seed: int
) -> SeatCheckResult:
    """R15: do the enabled holders fit the downgraded seat count? If not, `block`
    keeps the old quantity; `auto_disable` draws users to disable with a recorded
    seed, never an Administrator (if the others are too few, it blocks)."""
    held, excess = len(holders), len(holders) - new_seats
    if excess <= 0:
        return SeatCheckResult(SeatCheck.FITS, held=held, seats=new_seats)
    message = f"R15: {role_name}: {held} users hold the role, {new_seats} seats after the change"
    candidates = sorted(h.user_id for h in holders if not h.is_admin)
    if policy is SeatOverflow.BLOCK or len(candidates) < excess:
        why = (
            ""
            if policy is SeatOverflow.BLOCK
            else "; the other holders are Administrators, who are never disabled"
        )
        blocked = f"{message}{why}; downgrade blocked"
        return SeatCheckResult(SeatCheck.BLOCKED, message=blocked, held=held, seats=new_seats)
    drawn = tuple(sorted(random.Random(seed).sample(candidates, excess)))
    disabled = f"{message}; {excess} user(s) disabled by a draw (seed {seed})"
    return SeatCheckResult(SeatCheck.DISABLE, drawn, seed, disabled, held, new_seats)


def draw_seed(subscription_id: int, code: str, on: date) -> int:
    """A seed recorded with the draw, and the same on a rerun after a crash."""
    digest = hashlib.sha256(f"{subscription_id}:{code}:{on.isoformat()}".encode()).digest()
    return int.from_bytes(digest[:4], "big")


@dataclass(frozen=True)
class SeatSources:
    """An account's subscriptions and their pending changes, read together: where its
    seats of a role come from on a later day (R15)."""

    subscriptions: Sequence[Subscription]
    pending: Mapping[int, Sequence[ScheduledChange]]

    def seats_on(self, code: str, on: date, *, besides: int | None = None) -> int:
        """Seats of a role that the subscriptions (but `besides`) will grant on `on`:
        without those that end by then, after their own changes due by then."""
        total = 0
        for other in self.subscriptions:
            if other.id is None or other.id == besides:
                continue
            if not other.grants_seats_on(on) or other.ends_by(on):
                continue
            quantity = other.seats.get(code, 0)
            for change in sorted(self.pending.get(other.id, ()), key=_by_date):
                if _sets_seats(change, code, on):
                    quantity = change.quantity or 0
            total += quantity
        return total

    def check_downgrade(
        self, change: ScheduledChange, role: Role, holders: Sequence[Holder], on: date
    ) -> SeatCheckResult:
        """R15 for a role's downgrade taking effect on `on`: what the billing run decides
        that day, and what is warned before it."""
        others = self.seats_on(change.code, on, besides=change.subscription_id)
        seed = draw_seed(change.subscription_id, change.code, on)
        return seat_check(
            role.name, role.seat_overflow, holders, others + (change.quantity or 0), seed
        )

    def checked_on_its_date(self, change: ScheduledChange) -> bool:
        """Whether the billing run will check this change on its date: a pending role
        change of a subscription that renews then (one that ends cancels it)."""
        if change.product is not ChangeProduct.ROLE or change.status is not ChangeStatus.PENDING:
            return False
        owner = next((s for s in self.subscriptions if s.id == change.subscription_id), None)
        return owner is not None and owner.status is SubscriptionStatus.ACTIVE and owner.auto_renew


def _by_date(change: ScheduledChange) -> tuple[date, int]:
    return change.effective_on, change.id or 0


def _sets_seats(change: ScheduledChange, code: str, on: date) -> bool:
    return (
        change.product is ChangeProduct.ROLE and change.code == code and change.effective_on <= on
    )


@dataclass(frozen=True)
class CheckedChange:
    """A scheduled change and, for a pending role downgrade, the seat check (R15) that
    the billing run will make on its date with the seats and holders known today."""

    change: ScheduledChange
    seat_check: SeatCheckResult | None = None
