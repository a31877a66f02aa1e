"""Changes to a subscription (R10-R12): upgrades take effect at once and are charged
by the role's policy; downgrades and cycle changes wait for the period end."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import partial

from desktop_admin.domain.catalog import (
    Addon,
    Audience,
    Role,
    UpgradePolicy,
    check_cycle_for_audience,
)
from desktop_admin.domain.errors import InvalidInput, Problem
from desktop_admin.domain.invoicing import InvoiceLine
from desktop_admin.domain.money import Currency
from desktop_admin.domain.periods import Cycle, Period
from desktop_admin.domain.pricing import Upgrade, upgrade_line
from desktop_admin.domain.subscriptions import Subscription


class ChangeStatus(StrEnum):
    PENDING = "pending"
    APPLIED = "applied"
    CANCELLED = "cancelled"
    BLOCKED = "blocked"


class ChangeProduct(StrEnum):
    ROLE = "role"
    ADDON = "addon"
    CYCLE = "cycle"


@dataclass(frozen=True)
class ScheduledChange:
    """A downgrade (R11) or a cycle change (R12) due on `effective_on`."""

    subscription_id: int
    effective_on: date
    product: ChangeProduct
    code: str = ""
    quantity: int | None = None
    cycle: Cycle | None = None
    status: ChangeStatus = ChangeStatus.PENDING
    note: str = ""
    id: int | None = None
    version: int = 0

    def describe(self, names: Mapping[str, str] | None = None) -> str:
        if self.product is ChangeProduct.CYCLE:
            return f"cycle → {self.cycle.value if self.cycle else '?'} on {self.effective_on}"
        name = (names or {}).get(self.code, self.code)
        return f"{name} → {self.quantity} on {self.effective_on}"


@dataclass(frozen=True)
class ChangeRequest:
    """The wanted quantities (absolute) of the roles and add-ons named, and a cycle."""

    seats: Mapping[str, int] = field(default_factory=dict)
    addons: Mapping[str, int] = field(default_factory=dict)
    cycle: Cycle | None = None


@dataclass(frozen=True)
class ChangeTerms:
    """What a change is priced against: the catalog as the account's audience buys it,
    in the catalog's currency, and the unit prices a quote fixed, if any (keyed
    `("role"|"addon", code)`)."""

    roles: Mapping[str, Role]
    addons: Mapping[str, Addon]
    audience: Audience
    currency: Currency
    prices: Mapping[tuple[str, str], Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class ChangePlan:
    period: Period
    lines: tuple[InvoiceLine, ...]
    subscription: Subscription  # with the upgrades applied
    scheduled: tuple[ScheduledChange, ...]
    #: Items (product, code) whose pending scheduled changes this change replaces.
    supersedes: frozenset[tuple[ChangeProduct, str]]


def validate_request(
    request: ChangeRequest, roles: Mapping[str, Role], addons: Mapping[str, Addon]
) -> None:
    problems = [
        Problem(f"no role {code!r} in the catalog", field="seat")
        for code in request.seats
        if code not in roles
    ]
    problems += [
        Problem(f"no add-on {code!r} in the catalog", field="addon")
        for code in request.addons
        if code not in addons
    ]
    problems += [
        Problem(f"{n} is not a quantity (0 or more)", field=code)
        for code, n in {**request.seats, **request.addons}.items()
        if n < 0
    ]
    if not (request.seats or request.addons or request.cycle):
        problems.append(Problem("name at least one --seat, --addon or --cycle", field="change"))
    if problems:
        raise InvalidInput("The change was refused.", problems)


def plan_change(
    subscription: Subscription,
    request: ChangeRequest,
    terms: ChangeTerms,
    today: date,
    pending: Sequence[ScheduledChange] = (),
) -> ChangePlan:
    """What a change does today: the lines it invoices now, the subscription with its
    upgrades, and the downgrades/cycle change scheduled for the period end.

    `pending` are the changes already scheduled (a later change replaces them).
    """
    validate_request(request, terms.roles, terms.addons)
    planner = _Planner(subscription, terms, today)
    for code, new in sorted(request.seats.items()):
        planner.change_item(planner.role(code), new)
    for code, new in sorted(request.addons.items()):
        planner.change_item(planner.addon(code), new)
    if request.cycle is not None:
        planner.change_cycle(request.cycle)
    return planner.plan(pending)


def _first_price(
    quoted: Decimal | None, locked: Decimal | None, catalog: Callable[[], Decimal]
) -> Decimal:
    """The quoted price, else the one locked for the period, else the catalog's
    (a price of 0.00 is a price)."""
    if quoted is not None:
        return quoted
    return locked if locked is not None else catalog()


@dataclass(frozen=True)
class _Item:
    """A role or an add-on a change asks for, with the policy and unit price it is
    charged by."""

    product: ChangeProduct
    code: str
    name: str
    policy: UpgradePolicy
    price: Decimal


class _Planner:
    """A change being planned: the quantities and locked prices it leaves, the lines it
    invoices now, what it schedules for the period end and the pending changes it
    replaces."""

    def __init__(self, subscription: Subscription, terms: ChangeTerms, today: date) -> None:
        assert subscription.id is not None
        self.subscription, self.terms, self.today = subscription, terms, today
        self.subscription_id: int = subscription.id
        self.period = subscription.current_period(today)
        self.quantities = {
            ChangeProduct.ROLE: dict(subscription.seats),
            ChangeProduct.ADDON: dict(subscription.addons),
        }
        self.prices = {
            ChangeProduct.ROLE: dict(subscription.seat_prices),
            ChangeProduct.ADDON: dict(subscription.addon_prices),
        }
        self.lines: list[InvoiceLine] = []
        self.scheduled: list[ScheduledChange] = []
        self.supersedes: set[tuple[ChangeProduct, str]] = set()

    def role(self, code: str) -> _Item:
        role, cycle = self.terms.roles[code], self.subscription.cycle
        price = _first_price(
            self.terms.prices.get(("role", code)),
            self.prices[ChangeProduct.ROLE].get(code),
            partial(role.price, self.terms.audience, cycle),
        )
        return _Item(ChangeProduct.ROLE, code, role.name, role.upgrade_policy, price)

    def addon(self, code: str) -> _Item:
        addon = self.terms.addons[code]
        price = _first_price(
            self.terms.prices.get(("addon", code)),
            self.prices[ChangeProduct.ADDON].get(code),
            partial(addon.price, self.subscription.cycle),
        )
        return _Item(ChangeProduct.ADDON, code, addon.name, UpgradePolicy.IMMEDIATE_PRORATED, price)

    def change_item(self, item: _Item, new: int) -> None:
        """More: at once, charged by the item's policy (R10); fewer: at the period end (R11)."""
        quantities, prices = self.quantities[item.product], self.prices[item.product]
        old = quantities.get(item.code, 0)
        self.supersedes.add((item.product, item.code))
        if new > old:
            if item.price != 0:  # a free item: more of it costs nothing
                self._charge(item, old, new)
            quantities[item.code] = new
            prices.setdefault(item.code, item.price)
        elif new < old:
            self.scheduled.append(
                ScheduledChange(self.subscription_id, self.period.end, item.product, item.code, new)
            )

    def _charge(self, item: _Item, old: int, new: int) -> None:
        is_addon = item.product is ChangeProduct.ADDON
        line = upgrade_line(
            Upgrade(item.name, item.code, old, new, item.price, item.price, is_addon=is_addon),
            item.policy,
            self.subscription.cycle,
            self.period,
            self.today,
            self.terms.currency,
        )
        if line is not None:
            self.lines.append(line)

    def change_cycle(self, cycle: Cycle) -> None:
        """R12: at the period end, if everything is sold on the new cycle (R01-R03)."""
        self.supersedes.add((ChangeProduct.CYCLE, ""))
        if cycle is self.subscription.cycle:
            return
        terms = self.terms
        check_cycle_for_audience(terms.audience, cycle)
        for code in self.quantities[ChangeProduct.ROLE]:
            if code in terms.roles:
                terms.roles[code].price(terms.audience, cycle)
        for code in self.quantities[ChangeProduct.ADDON]:
            if code in terms.addons:
                terms.addons[code].price(cycle)
        self.scheduled.append(
            ScheduledChange(self.subscription_id, self.period.end, ChangeProduct.CYCLE, cycle=cycle)
        )

    def plan(self, pending: Sequence[ScheduledChange]) -> ChangePlan:
        self._check_seats_left(pending)
        upgraded = replace(
            self.subscription,
            seats=self.quantities[ChangeProduct.ROLE],
            addons=self.quantities[ChangeProduct.ADDON],
            seat_prices=self.prices[ChangeProduct.ROLE],
            addon_prices=self.prices[ChangeProduct.ADDON],
        )
        return ChangePlan(
            self.period,
            tuple(self.lines),
            upgraded,
            tuple(self.scheduled),
            frozenset(self.supersedes),
        )

    def _check_seats_left(self, pending: Sequence[ScheduledChange]) -> None:
        """A subscription keeps seats of at least one role, after every downgrade."""
        still_pending = [
            c
            for c in pending
            if c.product is ChangeProduct.ROLE and (c.product, c.code) not in self.supersedes
        ]
        after_downgrades = {
            **self.quantities[ChangeProduct.ROLE],
            **{
                c.code: c.quantity or 0
                for c in [*still_pending, *self.scheduled]
                if c.product is ChangeProduct.ROLE
            },
        }
        if not any(after_downgrades.values()):
            raise InvalidInput(
                "The change was refused.",
                [
                    Problem(
                        "a subscription keeps seats of at least one role; cancel it instead",
                        field="seat",
                    )
                ],
            )
