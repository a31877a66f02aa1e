"""What the dashboard shows: seats bought against seats used per role, recurring
revenue by month, and what falls due soon (renewals, scheduled downgrades) or is
stuck (blocked ones); and how the revenue is summed into months."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from desktop_admin.domain.changes import ScheduledChange
from desktop_admin.domain.money import ZERO, Currency
from desktop_admin.domain.periods import Cycle, add_months

#: Months of revenue before the current one, and after it.
MONTHS_BEFORE, MONTHS_AFTER = 11, 3


@dataclass(frozen=True)
class RoleSeats:
    """Seats of one role over every account: bought (in subscriptions granting seats
    today) and in use (held by enabled users)."""

    code: str
    name: str
    purchased: int
    in_use: int


@dataclass(frozen=True)
class MonthRevenue:
    """The net (VAT excluded) of the documents issued in one month; credit notes count
    negative. `month` is the month's first day."""

    month: date
    net: Decimal


@dataclass(frozen=True)
class Revenue:
    currency: str
    months: tuple[MonthRevenue, ...]

    @property
    def total(self) -> Decimal:
        return sum((m.net for m in self.months), ZERO)


@dataclass(frozen=True)
class Renewal:
    """An active subscription whose paid time ends on `due_on`: it renews then, or ends
    when it does not renew automatically. A `due_on` before today is overdue (the
    billing run for that date has not run yet)."""

    subscription_id: int
    account_id: int
    account_name: str
    due_on: date
    cycle: Cycle
    auto_renew: bool


@dataclass(frozen=True)
class ChangeDue:
    """A scheduled change (a downgrade or a cycle change) with its account."""

    change: ScheduledChange
    account_id: int
    account_name: str
    #: The role's or add-on's name ("" for a cycle change).
    item_name: str


@dataclass(frozen=True)
class Dashboard:
    today: date
    horizon: date
    seats: tuple[RoleSeats, ...]
    #: Per currency, the catalog's first; None when the operator may not read billing.
    revenue: tuple[Revenue, ...] | None
    renewals: tuple[Renewal, ...]
    changes: tuple[ChangeDue, ...]
    blocked: tuple[ChangeDue, ...]


def month_starts(today: date, before: int = MONTHS_BEFORE, after: int = MONTHS_AFTER) -> list[date]:
    """The first days of the months from `before` months ago to `after` months ahead."""
    this_month = today.replace(day=1)
    return [add_months(this_month, n) for n in range(-before, after + 1)]


def revenue_by_month(
    days: list[tuple[date, str, Decimal]], months: list[date], main_currency: str | None
) -> tuple[Revenue, ...]:
    """Sum the nets per issue day into months, per currency (the main one first, shown
    even without any document); each month rounded to the currency's minor unit."""
    sums: dict[str, dict[date, Decimal]] = {}
    for day, currency, net in days:
        by_month = sums.setdefault(currency, {})
        month = day.replace(day=1)
        by_month[month] = by_month.get(month, ZERO) + net
    currencies = sorted(sums, key=lambda c: (c != main_currency, c))
    if main_currency and main_currency not in sums:
        currencies.insert(0, main_currency)
    return tuple(
        Revenue(
            code,
            tuple(
                MonthRevenue(m, Currency.of(code).round(sums.get(code, {}).get(m, ZERO)))
                for m in months
            ),
        )
        for code in currencies
    )
