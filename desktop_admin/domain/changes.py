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
    roles: Mapping[str, Role],
    addons: Mapping[str, Addon],
    audience: Audience,
    today: date,
    currency: Currency,
    prices: Mapping[tuple[str, str], Decimal] | None = None,
    pending: Sequence[ScheduledChange] = (),
) -> ChangePlan:
    """What a change does today: the lines it invoices now, the subscription with its
    upgrades, and the downgrades/cycle change scheduled for the period end.

    `prices` (keyed `("role"|"addon", code)`) fixes unit prices, as a quote does;
    `pending` are the changes already scheduled (a later change replaces them).
    """
    validate_request(request, roles, addons)
    assert subscription.id is not None
    period = subscription.current_period(today)
    seats, addon_units = dict(subscription.seats), dict(subscription.addons)
    seat_prices, addon_prices = dict(subscription.seat_prices), dict(subscription.addon_prices)
    lines: list[InvoiceLine] = []
    scheduled: list[ScheduledChange] = []
    supersedes: set[tuple[ChangeProduct, str]] = set()
    fixed = prices or {}
    for code, new in sorted(request.seats.items()):
        role = roles[code]
        price = _first_price(
            fixed.get(("role", code)),
            seat_prices.get(code),
            partial(role.price, audience, subscription.cycle),
        )
        _item(
            ChangeProduct.ROLE,
            code,
            role.name,
            role.upgrade_policy,
            seats,
            seat_prices,
            price,
            new,
            subscription,
            period,
            today,
            currency,
            lines,
            scheduled,
            supersedes,
        )
    for code, new in sorted(request.addons.items()):
        addon = addons[code]
        price = _first_price(
            fixed.get(("addon", code)),
            addon_prices.get(code),
            partial(addon.price, subscription.cycle),
        )
        _item(
            ChangeProduct.ADDON,
            code,
            addon.name,
            UpgradePolicy.IMMEDIATE_PRORATED,
            addon_units,
            addon_prices,
            price,
            new,
            subscription,
            period,
            today,
            currency,
            lines,
            scheduled,
            supersedes,
        )
    if request.cycle is not None:
        supersedes.add((ChangeProduct.CYCLE, ""))
        if request.cycle is not subscription.cycle:
            check_cycle_for_audience(audience, request.cycle)
            for code in seats:  # R01/R02/R03: everything must be sold on the new cycle
                if code in roles:
                    roles[code].price(audience, request.cycle)
            for code in addon_units:
                if code in addons:
                    addons[code].price(request.cycle)
            scheduled.append(
                ScheduledChange(
                    subscription.id, period.end, ChangeProduct.CYCLE, cycle=request.cycle
                )
            )
    still_pending = [
        c
        for c in pending
        if c.product is ChangeProduct.ROLE and (c.product, c.code) not in supersedes
    ]
    after_downgrades = {
        **seats,
        **{
            c.code: c.quantity or 0
            for c in [*still_pending, *scheduled]
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
    upgraded = replace(
        subscription,
        seats=seats,
        addons=addon_units,
        seat_prices=seat_prices,
        addon_prices=addon_prices,
    )
    return ChangePlan(period, tuple(lines), upgraded, tuple(scheduled), frozenset(supersedes))


def _first_price(
    quoted: Decimal | None, locked: Decimal | None, catalog: Callable[[], Decimal]
) -> Decimal:
    """The quoted price, else the one locked for the period, else the catalog's
    (a price of 0.00 is a price)."""
    if quoted is not None:
        return quoted
    return locked if locked is not None else catalog()


def _item(
    product: ChangeProduct,
    code: str,
    name: str,
    policy: UpgradePolicy,
    quantities: dict[str, int],
    prices: dict[str, Decimal],
    price: Decimal,
    new: int,
    subscription: Subscription,
    period: Period,
    today: date,
    currency: Currency,
    lines: list[InvoiceLine],
    scheduled: list[ScheduledChange],
    supersedes: set[tuple[ChangeProduct, str]],
) -> None:
    old = quantities.get(code, 0)
    supersedes.add((product, code))
    if new > old and price == 0:  # a free item: more of it costs nothing
        quantities[code] = new
        prices.setdefault(code, price)
    elif new > old:
        line = upgrade_line(
            Upgrade(name, code, old, new, price, price, is_addon=product is ChangeProduct.ADDON),
            policy,
            subscription.cycle,
            period,
            today,
            currency,
        )
        if line is not None:
            lines.append(line)
        quantities[code] = new
        prices.setdefault(code, price)
    elif new < old:
        assert subscription.id is not None
        scheduled.append(ScheduledChange(subscription.id, period.end, product, code, new))
