"""Pricing purchases, renewals and upgrades (R02, R03, R05, R10)."""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

from desktop_admin.domain.catalog import Addon, Audience, Catalog, Role, UpgradePolicy
from desktop_admin.domain.errors import DomainError, RuleViolation
from desktop_admin.domain.invoicing import InvoiceLine, LineKind
from desktop_admin.domain.money import Currency
from desktop_admin.domain.periods import Cycle, Period, add_months
from desktop_admin.domain.subscriptions import Subscription


@dataclass(frozen=True)
class CartItem:
    """One role's seats or one add-on's units in an order, with the cycle asked for."""

    code: str
    quantity: int
    cycle: Cycle
    is_addon: bool = False


def check_one_cycle(items: list[CartItem]) -> Cycle:
    """R05: one duration per cart; the error names the conflicting items."""
    if not items:
        raise RuleViolation("R05", "the cart is empty")
    cycles = {item.cycle for item in items}
    if len(cycles) > 1:
        listing = ", ".join(f"{i.code} ({i.cycle.value})" for i in items)
        raise RuleViolation("R05", f"a cart has one duration; these items differ: {listing}")
    return items[0].cycle


def period_lines(
    roles: Mapping[Role, int],
    addons: Mapping[Addon, int],
    audience: Audience,
    cycle: Cycle,
    period: Period,
    currency: Currency,
) -> list[InvoiceLine]:
    """One line per role and add-on for a whole period at catalog prices (R02, R03)."""
    lines = []
    for role, seats in sorted(roles.items(), key=lambda item: item[0].name):
        price = role.price(audience, cycle)
        lines.append(
            InvoiceLine(
                f"{role.name} ({cycle.value}, per seat)",
                period,
                seats,
                price,
                currency.round(price * seats),
                LineKind.ROLE,
                role.code,
            )
        )
    for addon, units in sorted(addons.items(), key=lambda item: item[0].name):
        price = addon.price(cycle)
        lines.append(
            InvoiceLine(
                f"{addon.name} ({cycle.value}, per unit)",
                period,
                units,
                price,
                currency.round(price * units),
                LineKind.ADDON,
                addon.code,
            )
        )
    return lines


def first_of_next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def months_fraction(start: date, end: date) -> Fraction:
    """Whole calendar months from `start` (a month's first day) to `end`, plus any
    leftover part-month counted in days of that month (R10 next_month_start)."""
    whole = 0
    while add_months(start, whole + 1) <= end:
        whole += 1
    boundary = add_months(start, whole)
    leftover = (end - boundary).days
    if not leftover:
        return Fraction(whole)
    days_in_month = calendar.monthrange(boundary.year, boundary.month)[1]
    return whole + Fraction(leftover, days_in_month)


@dataclass(frozen=True)
class Upgrade:
    """An increase of one product in a subscription's current period."""

    name: str
    code: str
    old_quantity: int
    new_quantity: int
    old_price: Decimal  # per seat per cycle, as invoiced for the current period
    new_price: Decimal  # per seat per cycle of the new role (same as old for more seats)
    is_addon: bool = False

    @property
    def difference(self) -> Decimal:
        """(new - old) per cycle, for the whole period."""
        return self.new_quantity * self.new_price - self.old_quantity * self.old_price


def upgrade_line(
    upgrade: Upgrade,
    policy: UpgradePolicy,
    cycle: Cycle,
    period: Period,
    change_date: date,
    currency: Currency,
) -> InvoiceLine | None:
    """R10: the line an upgrade invoices now, or None when nothing is due now.

    A change made before the period starts (a subscription starting later) is
    charged from the period start (immediate), or from the later of the start and
    the first of the month after the change (next_month_start).
    """
    if change_date >= period.end:
        raise ValueError(f"{change_date} is after the period {period}")
    if upgrade.difference <= 0:
        raise ValueError("not an upgrade: the new plan does not cost more")
    kind = LineKind.ADDON if upgrade.is_addon else LineKind.PRORATION
    added = upgrade.new_quantity - upgrade.old_quantity
    quantity, unit = (
        (added, upgrade.new_price)
        if upgrade.new_price == upgrade.old_price
        else (upgrade.new_quantity, upgrade.difference / upgrade.new_quantity)
    )
    if policy is UpgradePolicy.IMMEDIATE_PRORATED:
        start = max(change_date, period.start)
        remaining, days = (period.end - start).days, period.days
        amount = currency.round_exact(Fraction(upgrade.difference) * remaining / days)
        charged = Period(start, period.end)
        detail = f"{remaining}/{days} days"
    else:
        start = max(first_of_next_month(change_date), period.start)
        if cycle is Cycle.MONTHLY or start >= period.end:
            return None  # free until the month's end; the next invoice carries the new price
        fraction = months_fraction(start, period.end)
        amount = currency.round_exact(Fraction(upgrade.difference) * fraction / cycle.months)
        charged = Period(start, period.end)
        detail = f"{_months_text(fraction)}/{cycle.months} of the {cycle.value} price"
    return InvoiceLine(
        f"{upgrade.name}: {upgrade.old_quantity} → {upgrade.new_quantity}, {detail}",
        charged,
        quantity,
        currency.round(unit),
        amount,
        kind,
        upgrade.code,
    )


def _months_text(months: Fraction) -> str:
    """`3`, or `(3 + 14/31)` when a part-month is counted in days of that month."""
    whole, part = divmod(months, 1)
    return f"({int(whole)} + {part.numerator}/{part.denominator})" if part else str(int(whole))


@dataclass(frozen=True)
class ItemPrice:
    """A role or an add-on of a subscription with the unit price shown for it: the one
    the subscription recorded or, for one recorded without prices (bought elsewhere),
    today's catalog price (`from_catalog`); None when neither is known."""

    code: str
    name: str
    quantity: int
    unit_price: Decimal | None
    is_addon: bool = False
    from_catalog: bool = False


def item_prices(
    subscription: Subscription, catalog: Catalog, audience: Audience | None
) -> list[ItemPrice]:
    """The roles, then the add-ons, of a subscription, each at its unit price."""
    items = []
    for code, quantity in sorted(subscription.seats.items()):
        role = catalog.role(code)
        listed = _listed(role, audience, subscription.cycle) if role and audience else None
        recorded = subscription.seat_prices.get(code)
        items.append(_item_price(code, role.name if role else code, quantity, recorded, listed))
    for code, quantity in sorted(subscription.addons.items()):
        addon = catalog.addon(code)
        listed = _listed(addon, None, subscription.cycle) if addon else None
        recorded = subscription.addon_prices.get(code)
        item = _item_price(code, addon.name if addon else code, quantity, recorded, listed)
        items.append(replace(item, is_addon=True))
    return items


def _item_price(
    code: str, name: str, quantity: int, recorded: Decimal | None, listed: Decimal | None
) -> ItemPrice:
    if recorded:
        return ItemPrice(code, name, quantity, recorded)
    return ItemPrice(code, name, quantity, listed, from_catalog=listed is not None)


def _listed(item: Role | Addon, audience: Audience | None, cycle: Cycle) -> Decimal | None:
    """Today's catalog price of a role (for the audience) or an add-on, if offered."""
    try:
        if isinstance(item, Role):
            return item.price(audience, cycle) if audience else None
        return item.price(cycle)
    except DomainError:  # not offered so any more (R01-R03)
        return None
