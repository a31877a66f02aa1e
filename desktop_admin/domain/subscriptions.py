"""Subscriptions: the source of an account's seats and add-on units."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

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
    id: int | None = None
    version: int = 0

    def current_period(self, today: date) -> Period:
        return period_containing(self.anchor, self.cycle, today)

    def grants_seats_on(self, today: date) -> bool:
        if self.status not in SEAT_GRANTING or today < self.anchor:
            return False
        return self.ends_on is None or today < self.ends_on
