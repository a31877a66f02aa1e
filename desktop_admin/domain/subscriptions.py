"""Subscriptions: the source of an account's seats and add-on units, with their
billing state (R07, R08, R09, R16-R18)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from desktop_admin.domain.errors import RuleViolation
from desktop_admin.domain.periods import Cycle, Period, period_containing


class SubscriptionStatus(StrEnum):
    TRIAL = "trial"
    ACTIVE = "active"
    CANCELLED = "cancelled"
    ENDED = "ended"
    FROZEN = "frozen"


#: The statuses in which a subscription's seats may be assigned.
SEAT_GRANTING = frozenset({SubscriptionStatus.TRIAL, SubscriptionStatus.ACTIVE})


@dataclass(frozen=True)
class Subscription:
    account_id: int
    cycle: Cycle
    anchor: date
    seats: Mapping[str, int] = field(default_factory=dict)
    addons: Mapping[str, int] = field(default_factory=dict)
    status: SubscriptionStatus = SubscriptionStatus.ACTIVE
    auto_renew: bool = True
    ends_on: date | None = None
    billed_through: date | None = None
    payment_kind: str = "card"
    cancelled_on: date | None = None
    read_only_until: date | None = None
    #: Unit prices locked for the current period, per role and per add-on code.
    seat_prices: Mapping[str, Decimal] = field(default_factory=dict)
    addon_prices: Mapping[str, Decimal] = field(default_factory=dict)
    id: int | None = None
    version: int = 0

    def current_period(self, today: date) -> Period:
        return period_containing(self.anchor, self.cycle, max(today, self.anchor))

    def paid_until(self, today: date) -> date:
        """The end of the time paid for: the day it renews, or ends (R08, R09)."""
        return self.billed_through or self.current_period(today).end

    def ends_by(self, day: date) -> bool:
        """Whether it ends, not renewing (R09), on or before `day`."""
        return (
            not self.auto_renew and self.billed_through is not None and self.billed_through <= day
        )

    def grants_seats_on(self, today: date) -> bool:
        if self.status not in SEAT_GRANTING or today < self.anchor:
            return False
        return self.ends_on is None or today < self.ends_on

    def check_changeable(self, today: date) -> None:
        """R08, R17, R18: cancelled, frozen, ended subscriptions, trials, and a renewal due
        but not yet run take no changes."""
        if self.status is SubscriptionStatus.FROZEN:
            raise RuleViolation(
                "R17",
                f"subscription {self.id} is frozen after its "
                "cancellation: its data stays readable and every change is refused",
            )
        if self.status is SubscriptionStatus.CANCELLED:
            until = f" until {self.read_only_until.isoformat()}" if self.read_only_until else ""
            raise RuleViolation(
                "R17",
                f"subscription {self.id} was cancelled on "
                f"{self.cancelled_on}; its data is read-only{until}",
            )
        if self.status is SubscriptionStatus.ENDED:
            raise RuleViolation("R08", f"subscription {self.id} ended on {self.ends_on}")
        if (
            self.status is SubscriptionStatus.ACTIVE
            and self.billed_through
            and self.billed_through <= today
        ):
            raise RuleViolation(
                "R08",
                f"subscription {self.id} renews on {self.billed_through} and the billing run "
                "has not renewed it yet; run the billing for that date first",
            )
        if self.status is SubscriptionStatus.TRIAL:
            raise RuleViolation(
                "R18",
                f"subscription {self.id} is a trial until {self.ends_on}; "
                "it converts to a paid subscription only by a purchase",
            )
