"""Renewal, stopping renewal, refunds, quotes and the seat check at renewal
(R08, R09, R13, R15, R16, R18)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from desktop_admin.domain.catalog import SeatOverflow
from desktop_admin.domain.errors import RuleViolation
from desktop_admin.domain.periods import Cycle

STOP_RENEWAL_NOTICE = timedelta(days=5)
REFUND_WINDOW = timedelta(days=15)
QUOTE_VALIDITY = timedelta(days=30)
RETENTION_AFTER_CANCEL = timedelta(days=14)


def stop_renewal_deadline(period_end: date) -> date:
    """R09: the last day on which auto-renewal can be switched off."""
    return period_end - STOP_RENEWAL_NOTICE


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


def seat_check(
    role_name: str, policy: SeatOverflow, holders: Sequence[Holder], new_seats: int, seed: int
) -> SeatCheckResult:
    """R15: do the enabled holders fit the downgraded seat count? If not, `block`
    keeps the old quantity; `auto_disable` draws users to disable with a recorded
    seed, never an Administrator (if the others are too few, it blocks)."""
    excess = len(holders) - new_seats
    if excess <= 0:
        return SeatCheckResult(SeatCheck.FITS)
    message = f"{role_name}: {len(holders)} users hold the role, {new_seats} seats after the change"
    if policy is SeatOverflow.BLOCK:
        return SeatCheckResult(SeatCheck.BLOCKED, message=f"R15: {message}; downgrade blocked")
    candidates = sorted(h.user_id for h in holders if not h.is_admin)
    if len(candidates) < excess:
        return SeatCheckResult(
            SeatCheck.BLOCKED,
            message=f"R15: {message}; the other holders "
            "are Administrators, who are never disabled; downgrade blocked",
        )
    drawn = tuple(sorted(random.Random(seed).sample(candidates, excess)))
    return SeatCheckResult(
        SeatCheck.DISABLE,
        drawn,
        seed,
        f"R15: {message}; {excess} user(s) disabled by a draw (seed {seed})",
    )
