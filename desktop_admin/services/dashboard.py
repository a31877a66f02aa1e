"""The dashboard: seats bought against seats used per role, recurring revenue by month,
and what falls due soon (renewals, scheduled downgrades) or is stuck (blocked ones).

Read only; one transaction, so that the figures agree with each other.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from desktop_admin.domain.changes import ChangeStatus, ScheduledChange
from desktop_admin.domain.money import ZERO, Currency
from desktop_admin.domain.operators import Operator, Permission
from desktop_admin.domain.periods import Cycle, add_months
from desktop_admin.services.ports import UnitOfWork
from desktop_admin.services.seats import GUESTS, seat_usage

#: How far ahead the dashboard looks for renewals and scheduled changes.
HORIZON_DAYS = 30
#: Months of revenue before the current one, and after it.
MONTHS_BEFORE, MONTHS_AFTER = 11, 3
#: The longest list of blocked changes shown.
BLOCKED_LIMIT = 200


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


def seats_by_role(uow: UnitOfWork, today: date) -> tuple[RoleSeats, ...]:
    """Per role, the sum over every account of what the accounts page shows for each."""
    purchased: Counter[str] = Counter()
    in_use: Counter[str] = Counter()
    for account in uow.accounts.all():
        assert account.id is not None
        for code, usage in seat_usage(uow, account.id, today).items():
            if code != GUESTS:
                purchased[code] += usage.purchased
                in_use[code] += usage.in_use
    roles = uow.catalog.roles()
    order = [r.code for r in roles] + sorted(set(purchased) - {r.code for r in roles})
    names = {r.code: r.name for r in roles}
    return tuple(
        RoleSeats(code, names.get(code, code), purchased[code], in_use[code])
        for code in order
        if purchased[code] or in_use[code]
    )


def _changes_due(
    uow: UnitOfWork, changes: list[ScheduledChange], names: Mapping[str, str]
) -> tuple[ChangeDue, ...]:
    owners = {i: uow.subscriptions.get(i).account_id for i in {c.subscription_id for c in changes}}
    accounts = uow.accounts.get_many(set(owners.values()))
    return tuple(
        ChangeDue(
            change,
            owners[change.subscription_id],
            accounts[owners[change.subscription_id]].name,
            names.get(change.code, change.code),
        )
        for change in changes
    )


def dashboard(uow: UnitOfWork, actor: Operator, today: date) -> Dashboard:
    """What the dashboard shows; revenue only to operators who may read billing."""
    actor.require(Permission.READ_ACCOUNTS)
    horizon = today + timedelta(days=HORIZON_DAYS)
    with uow:
        revenue = None
        if actor.may(Permission.READ_BILLING):
            months = month_starts(today)
            last = add_months(months[-1], 1) - timedelta(days=1)
            days = uow.invoices.net_by_issue_day(months[0], last)
            revenue = revenue_by_month(days, months, uow.catalog.currency())
        subscriptions = uow.subscriptions.renewing_until(horizon)
        accounts = uow.accounts.get_many({s.account_id for s in subscriptions})
        renewals = tuple(
            Renewal(
                s.id or 0,
                s.account_id,
                accounts[s.account_id].name,
                s.billed_through or horizon,
                s.cycle,
                s.auto_renew,
            )
            for s in subscriptions
        )
        names = {r.code: r.name for r in uow.catalog.roles()}
        names |= {a.code: a.name for a in uow.catalog.addons()}
        pending = uow.subscriptions.pending_changes_until(horizon)
        blocked = uow.subscriptions.changes_with_status(ChangeStatus.BLOCKED, BLOCKED_LIMIT)
        return Dashboard(
            today,
            horizon,
            seats_by_role(uow, today),
            revenue,
            renewals,
            _changes_due(uow, pending, names),
            _changes_due(uow, blocked, names),
        )
