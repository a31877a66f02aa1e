"""What an account may buy, as the window's purchase and change dialogs offer it: the
cycles of its audience (R01), the roles and add-ons with their unit prices (R02, R03),
where a role is sold on request only (R04), how it may pay (R06); and, for a shortage of
seats (R14), which subscription more seats would go to. Reads only."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from desktop_admin.domain.accounts import Account, PaymentKind, PaymentMethod, check_payment_kind
from desktop_admin.domain.catalog import AUDIENCE_CYCLES, Addon, AddonKind, Role
from desktop_admin.domain.errors import DomainError, NotFound
from desktop_admin.domain.invoicing import Invoice
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.periods import Cycle, Period
from desktop_admin.domain.subscriptions import Subscription
from desktop_admin.domain.users import GUESTS
from desktop_admin.services.billing_context import BillingContext
from desktop_admin.services.changes import next_period
from desktop_admin.services.context import Context
from desktop_admin.services.seats import seat_usage


@dataclass(frozen=True)
class Product:
    """A role or an add-on as an account may buy it: its unit price (per seat or unit,
    per cycle) on each cycle the account may buy it on."""

    code: str
    name: str
    prices: Mapping[Cycle, Decimal]
    is_addon: bool = False
    #: R04: sold on request only in the account's country (a purchase becomes a quote request).
    contact_only: bool = False


@dataclass(frozen=True)
class PurchaseOffer:
    """What an account may buy (R01-R04) at today's catalog prices, and how it may pay (R06)."""

    account: Account
    currency: str
    #: R01: the cycles the account's audience may buy (with a role priced), shortest first.
    cycles: tuple[Cycle, ...]
    roles: tuple[Product, ...]
    addons: tuple[Product, ...]
    #: R06: the ways the audience may pay, and the payment methods the account has on record.
    payment_kinds: tuple[PaymentKind, ...]
    methods: tuple[PaymentMethod, ...]


def _price_on(item: Role | Addon, account: Account, cycle: Cycle) -> Decimal | None:
    """The catalog's unit price of the item on `cycle` for the account, if sold so."""
    try:
        if isinstance(item, Role):
            return item.price(account.audience, cycle)
        return item.price(cycle)
    except DomainError:  # not sold so (R01-R03)
        return None


def _offered(item: Role | Addon, account: Account) -> dict[Cycle, Decimal]:
    """The item's unit prices on the cycles the account's audience may buy (R01)."""
    cycles = sorted(AUDIENCE_CYCLES[account.audience], key=lambda c: c.months)
    return {c: price for c in cycles if (price := _price_on(item, account, c)) is not None}


def _payment_kinds(account: Account) -> tuple[PaymentKind, ...]:
    kinds = []
    for kind in PaymentKind:
        try:
            check_payment_kind(account.audience, kind)
        except DomainError:
            continue
        kinds.append(kind)
    return tuple(kinds)


def purchase_offer(ctx: Context, account_id: int) -> PurchaseOffer:
    """The roles and add-ons the account may buy, per cycle, at today's prices."""
    ctx.actor.require(Permission.READ_BILLING)
    with ctx.new_uow() as uow:
        pricing = BillingContext.load(uow, account_id)
        account = pricing.account
        roles = tuple(
            Product(r.code, r.name, prices, contact_only=not r.purchasable_online(account.country))
            for r in sorted(pricing.roles.values(), key=lambda r: r.name)
            if (prices := _offered(r, account))
        )
        addons = tuple(
            Product(a.code, a.name, prices, is_addon=True)
            for a in sorted(pricing.addons.values(), key=lambda a: a.name)
            if (prices := _offered(a, account))
        )
        cycles = {cycle for role in roles for cycle in role.prices}
        return PurchaseOffer(
            account,
            pricing.currency.code,
            tuple(sorted(cycles, key=lambda c: c.months)),
            roles,
            addons,
            _payment_kinds(account),
            tuple(uow.accounts.payment_methods(account_id)),
        )


@dataclass(frozen=True)
class ItemTerms:
    """A role or an add-on of a change: the quantity held and the unit price a change
    charges (the one locked for the period, else today's catalog price, R10); None
    when it is not sold on the subscription's cycle."""

    code: str
    name: str
    quantity: int
    unit_price: Decimal | None
    is_addon: bool = False


@dataclass(frozen=True)
class ChangeOptions:
    """What a change of a subscription may ask for, and what the next period costs as
    things stand (R08, with the changes already scheduled); None: it does not renew."""

    subscription: Subscription
    account: Account
    currency: str
    period: Period
    roles: tuple[ItemTerms, ...]
    addons: tuple[ItemTerms, ...]
    #: R01, R12: the cycles the subscription may change to (its own first among them).
    cycles: tuple[Cycle, ...]
    renewal: Invoice | None


def _terms(item: Role | Addon, held: int, locked: Decimal | None, account: Account,
           cycle: Cycle) -> ItemTerms:  # fmt: skip
    price = locked if locked is not None else _price_on(item, account, cycle)
    return ItemTerms(item.code, item.name, held, price, isinstance(item, Addon))


def change_options(ctx: Context, subscription_id: int) -> ChangeOptions:
    """The roles held or offered to the account, the add-ons, their unit prices and the
    cycles on offer, for the change dialog."""
    ctx.actor.require(Permission.READ_BILLING)
    with ctx.new_uow() as uow:
        sub = uow.subscriptions.get(subscription_id)
        pricing = BillingContext.load(uow, sub.account_id)
        account, cycle = pricing.account, sub.cycle
        roles = [
            _terms(r, sub.seats.get(r.code, 0), sub.seat_prices.get(r.code), account, cycle)
            for r in sorted(pricing.roles.values(), key=lambda r: r.name)
            if r.code in sub.seats or _offered(r, account)
        ]
        addons = [
            _terms(a, sub.addons.get(a.code, 0), sub.addon_prices.get(a.code), account, cycle)
            for a in sorted(pricing.addons.values(), key=lambda a: a.name)
        ]
        return ChangeOptions(
            sub,
            account,
            pricing.currency.code,
            sub.current_period(ctx.today),
            tuple(roles),
            tuple(addons),
            tuple(sorted(AUDIENCE_CYCLES[account.audience] | {cycle}, key=lambda c: c.months)),
            next_period(pricing, sub, uow.subscriptions.changes(subscription_id), ctx.today),
        )


@dataclass(frozen=True)
class SeatTopUp:
    """Where the seats a shortage needs (R14) would be bought: more of the role (or of
    the guest-user add-on) on `subscription`, or, when the account has none that may
    change, in a new purchase."""

    account: Account
    code: str
    name: str
    is_addon: bool
    #: Seats short, counting the `adding` ones asked for (0: none short).
    missing: int
    subscription: Subscription | None
    #: Of the role (or add-on) on that subscription, now and to ask for: `missing` more,
    #: or one more when none is missing (the operator asked to buy more).
    quantity_now: int
    quantity: int


def seat_top_up(ctx: Context, account_id: int, code: str, *, adding: int = 0) -> SeatTopUp:
    """More seats of the role `code` (or guest units, `GUESTS`) for `adding` more
    holders than today: how many are missing, and on which subscription they would go
    (the live one holding most of them, else one on a cycle that sells them)."""
    ctx.actor.require(Permission.READ_BILLING)
    today = ctx.today
    with ctx.new_uow() as uow:
        pricing = BillingContext.load(uow, account_id)
        subscriptions = uow.subscriptions.for_account(account_id)
        usage = seat_usage(uow, account_id, today, subscriptions)
        item: Role | Addon | None = pricing.roles.get(code)
        if code == GUESTS:
            guests = [a for a in pricing.addons.values() if a.kind is AddonKind.GUEST_USERS]
            item = min(guests, key=lambda a: a.code) if guests else None
        if item is None:
            raise NotFound(f"no role {code!r} in the catalog")
        seats = usage.get(code)
        missing = max(seats.in_use + adding - seats.purchased, 0) if seats else adding
        is_addon = isinstance(item, Addon)
        live = [s for s in subscriptions if _changeable(s, ctx)]
        held = [s for s in live if (s.addons if is_addon else s.seats).get(item.code)]
        sold = [s for s in live if s.cycle in _offered(item, pricing.account)]
        chosen = max(held or sold, key=lambda s: _quantity(s, item), default=None)
        now = _quantity(chosen, item) if chosen else 0
        return SeatTopUp(
            pricing.account, item.code, item.name, is_addon, missing, chosen, now,
            now + max(missing, 1),
        )  # fmt: skip


def _quantity(subscription: Subscription | None, item: Role | Addon) -> int:
    if subscription is None:
        return 0
    held = subscription.addons if isinstance(item, Addon) else subscription.seats
    return held.get(item.code, 0)


def _changeable(subscription: Subscription, ctx: Context) -> bool:
    if not subscription.grants_seats_on(ctx.today):
        return False
    try:
        subscription.check_changeable(ctx.today)
    except DomainError:
        return False
    return True
