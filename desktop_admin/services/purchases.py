"""Purchases: a cart on one cycle becomes a subscription and its first invoice
(R01-R06, R18, R19, R20). A role sold on request only in the buyer's country
turns the purchase into a quote request (R04)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from desktop_admin.domain.accounts import PaymentKind, check_payment_kind
from desktop_admin.domain.catalog import check_cycle_for_audience
from desktop_admin.domain.errors import DomainError, InvalidInput, Problem, RuleViolation
from desktop_admin.domain.invoicing import Invoice, InvoiceLine, InvoiceReason, Totals
from desktop_admin.domain.lifecycle import quote_valid_until
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.periods import Cycle, nth_period
from desktop_admin.domain.pricing import CartItem, check_one_cycle, period_lines
from desktop_admin.domain.quotes import Quote, QuoteKind
from desktop_admin.domain.subscriptions import Subscription, SubscriptionStatus
from desktop_admin.services import audit
from desktop_admin.services.billing_context import BillingContext
from desktop_admin.services.context import Context
from desktop_admin.services.payments import find_invoice, record_issue
from desktop_admin.services.ports import UnitOfWork
from desktop_admin.services.subscriptions import payment_kind

Prices = Mapping[tuple[str, str], Decimal]


@dataclass(frozen=True)
class Order:
    account_id: int
    cycle: Cycle
    seats: Mapping[str, int]
    addons: Mapping[str, int] = field(default_factory=dict)
    payment: str = "card"
    start: date | None = None
    trial: bool = False
    #: Cycles asked for item by item (a cart from a shop); all must be `cycle` (R05).
    item_cycles: Mapping[str, Cycle] = field(default_factory=dict)

    def subscription(self, start: date) -> Subscription:
        """The subscription of the order's seats, anchored on `start`."""
        return Subscription(self.account_id, self.cycle, start, seats=dict(self.seats))

    def as_request(self) -> dict[str, Any]:
        data = asdict(self)
        data["cycle"] = self.cycle.value
        data["start"] = self.start.isoformat() if self.start else None
        data["item_cycles"] = {code: c.value for code, c in self.item_cycles.items()}
        return data

    @classmethod
    def from_request(cls, data: Mapping[str, Any]) -> Order:
        start = data.get("start")
        return cls(
            int(data["account_id"]),
            Cycle(data["cycle"]),
            dict(data["seats"]),
            dict(data.get("addons") or {}),
            str(data.get("payment", "card")),
            date.fromisoformat(start) if start else None,
            bool(data.get("trial")),
            {code: Cycle(c) for code, c in (data.get("item_cycles") or {}).items()},
        )


@dataclass(frozen=True)
class Purchase:
    subscription: Subscription | None
    invoice: Invoice | None
    quote: Quote | None = None  # R04: a quote request instead of an order


def check_order(pricing: BillingContext, order: Order) -> list[str]:
    """Validate against R01-R03 and R05; returns the roles sold on request only here (R04).
    An archived account buys nothing."""
    pricing.account.check_open()
    check_one_cycle(
        [
            CartItem(code, n, order.item_cycles.get(code, order.cycle))
            for code, n in {**order.seats, **order.addons}.items()
        ]
    )
    problems = [
        Problem(f"{n} is not a positive quantity", field=code)
        for code, n in {**order.seats, **order.addons}.items()
        if n <= 0
    ]
    if not order.seats:
        problems.append(Problem("an order has seats of at least one role", field="seat"))
    problems += [
        Problem(f"no role {code!r} in the catalog", field="seat")
        for code in order.seats
        if code not in pricing.roles
    ]
    problems += [
        Problem(f"no add-on {code!r} in the catalog", field="addon")
        for code in order.addons
        if code not in pricing.addons
    ]
    if problems:
        raise InvalidInput("The order was refused.", problems)
    check_cycle_for_audience(pricing.account.audience, order.cycle)
    for code in order.seats:
        pricing.roles[code].price(pricing.account.audience, order.cycle)
    for code in order.addons:
        pricing.addons[code].price(order.cycle)
    return [
        pricing.roles[c].name
        for c in order.seats
        if not pricing.roles[c].purchasable_online(pricing.account.country)
    ]


def order_lines(
    pricing: BillingContext, order: Order, start: date, prices: Prices | None = None
) -> list[InvoiceLine]:
    """The first period's lines at catalog prices, or at the prices a quote fixed."""
    fixed = prices or {}
    roles = {pricing.roles[c]: n for c, n in order.seats.items()}
    addons = {pricing.addons[c]: n for c, n in order.addons.items()}
    lines = period_lines(
        roles,
        addons,
        pricing.account.audience,
        order.cycle,
        nth_period(start, order.cycle, 0),
        pricing.currency,
    )
    return [_at_price(line, fixed, pricing) for line in lines]


def _at_price(line: InvoiceLine, fixed: Prices, pricing: BillingContext) -> InvoiceLine:
    if line.price_key not in fixed:
        return line
    price = fixed[line.price_key]
    return replace(line, unit_price=price, amount=pricing.currency.round(price * line.quantity))


def priced_order(pricing: BillingContext, order: Order, issued: date) -> Invoice:
    """The first invoice an order would have, issued on `issued`: what a quote shows."""
    return pricing.document(
        InvoiceReason.PURCHASE,
        order_lines(pricing, order, order.start or issued),
        issued=issued,
        payment_kind=order.payment,
    )


def _payment(uow: UnitOfWork, pricing: BillingContext, payment: str) -> PaymentKind:
    kind = payment_kind(payment, "The order was refused.")
    check_payment_kind(pricing.account.audience, kind)
    assert pricing.account.id is not None
    if not any(m.kind is kind for m in uow.accounts.payment_methods(pricing.account.id)):
        how = "add-card" if kind is PaymentKind.CARD else "add-transfer"
        raise RuleViolation(
            "R06",
            f"account {pricing.account.id} has no {kind.value} payment method; "
            f"record one first (`desktop-admin account {how}`)",
        )
    return kind


def purchase(ctx: Context, order: Order) -> Purchase:
    """Create the subscription anchored on its start date and, unless it is a trial,
    issue the first period's invoice, payable upfront (R06); seats are available at
    once. In a contact-only country, a quote request instead (R04)."""
    ctx.actor.require(Permission.MANAGE_SUBSCRIPTIONS)
    with ctx.new_uow() as uow:
        result = place_order(uow, ctx, order)
        uow.commit()
        return result


def place_order(
    uow: UnitOfWork, ctx: Context, order: Order, prices: Prices | None = None
) -> Purchase:
    """`purchase` inside the caller's unit of work (which commits), at the unit prices
    of an accepted quote if given."""
    today = ctx.today
    start = order.start or today
    pricing = BillingContext.load(uow, order.account_id)
    on_request = check_order(pricing, order)
    if on_request and prices is None:
        return Purchase(None, None, _quote_request(uow, ctx, pricing, order, on_request))
    if order.trial:
        return _start_trial(uow, ctx, pricing, order)
    kind = _payment(uow, pricing, order.payment)
    lines = order_lines(pricing, order, start, prices)
    subscription = uow.subscriptions.add(
        replace(
            order.subscription(start),
            addons=dict(order.addons),
            billed_through=nth_period(start, order.cycle, 0).end,
            payment_kind=kind.value,
            seat_prices={ln.code: ln.unit_price for ln in lines if ln.kind.value == "role"},
            addon_prices={ln.code: ln.unit_price for ln in lines if ln.kind.value == "addon"},
        )
    )
    invoice = uow.invoices.issue(
        pricing.document(
            InvoiceReason.PURCHASE,
            lines,
            issued=today,
            payment_kind=kind.value,
            subscription_id=subscription.id,
            billing_key=f"subscription:{subscription.id}:purchase",
        )
    )
    _convert_trials(uow, ctx, order)
    audit.record_change(
        uow, ctx, "subscription.purchase", "subscription", subscription.id, after=subscription
    )
    record_issue(uow, ctx, invoice)
    return Purchase(subscription, invoice)


def _convert_trials(uow: UnitOfWork, ctx: Context, order: Order) -> None:
    """R18: a purchase of the trial's roles ends the trial when the purchase starts
    (or on the trial's own end, if that comes first)."""
    today = ctx.today
    start = order.start or today
    for trial in uow.subscriptions.for_account(order.account_id):
        if trial.status is SubscriptionStatus.TRIAL and set(trial.seats) <= set(order.seats):
            ends_on = min(trial.ends_on or start, start)
            status = SubscriptionStatus.ENDED if ends_on <= today else SubscriptionStatus.TRIAL
            ended = uow.subscriptions.update(replace(trial, status=status, ends_on=ends_on))
            audit.record_change(
                uow,
                ctx,
                "subscription.trial.converted",
                "subscription",
                trial.id,
                before=trial,
                after=ended,
            )


def _quote_request(
    uow: UnitOfWork, ctx: Context, pricing: BillingContext, order: Order, on_request: list[str]
) -> Quote:
    """R04: priced like the order, marked as a request for the sales team."""
    quote = pricing.quote(
        QuoteKind.PURCHASE,
        priced_order(pricing, order, ctx.today),
        request=order.as_request(),
        valid_until=quote_valid_until(ctx.today),
    )
    saved = uow.quotes.add(replace(quote, contact_request=True))
    audit.record_change(
        uow,
        ctx,
        "quote.request",
        "quote",
        saved.number,
        after={"number": saved.number, "on_request": on_request},
    )
    uow.commit()
    return saved


def _start_trial(uow: UnitOfWork, ctx: Context, pricing: BillingContext, order: Order) -> Purchase:
    """R18: a trial costs nothing and ends on its date; only a purchase converts it."""
    roles = [pricing.roles[c] for c in order.seats]
    without = [r.name for r in roles if r.trial_days <= 0]
    if without or order.addons:
        raise RuleViolation("R18", f"no trial is offered for {', '.join(without) or 'add-ons'}")
    start = order.start or ctx.today
    subscription = uow.subscriptions.add(
        replace(
            order.subscription(start),
            status=SubscriptionStatus.TRIAL,
            auto_renew=False,
            ends_on=start + timedelta(days=min(r.trial_days for r in roles)),
        )
    )
    audit.record_change(
        uow, ctx, "subscription.trial", "subscription", subscription.id, after=subscription
    )
    uow.commit()
    return Purchase(subscription, None)


@dataclass(frozen=True)
class PurchasePreview:
    """What `purchase` would do with an order, committing nothing: its first invoice (or
    the lines of the quote request, R04), each line with its unit price, quantity and
    amount, VAT and totals; what every later period costs; why it would be refused."""

    invoice: Invoice
    #: The first period ends, and the subscription renews, on this day (R07, R08).
    renews_on: date
    #: R04: the roles sold on request only in the buyer's `country`: a quote request then.
    on_request: tuple[str, ...] = ()
    country: str = ""
    #: Why placing the order would be refused (R06: no payment method on record), if so.
    refusal: str | None = None

    @property
    def quote_request(self) -> bool:
        """Placing the order makes a quote request for the sales team, not a purchase."""
        return bool(self.on_request)

    @property
    def recurring(self) -> Totals:
        """What each period costs at today's catalog prices: a renewal is priced at the
        prices of its day (R08), a purchase invoices one whole period."""
        return self.invoice.totals


def preview_purchase(ctx: Context, order: Order) -> PurchasePreview:
    """The invoice `purchase` would issue for `order` today, to the cent, or the quote
    request it would make (R04). R01-R05 refuse as the purchase does; R06 (no payment
    method on record) is told in `refusal`, with the prices still shown."""
    ctx.actor.require(Permission.READ_BILLING)
    if order.trial:
        raise RuleViolation("R18", "a trial costs nothing; there is no price to preview")
    with ctx.new_uow() as uow:
        pricing = BillingContext.load(uow, order.account_id)
        on_request = check_order(pricing, order)
        refusal = None
        if not on_request:
            try:
                _payment(uow, pricing, order.payment)
            except DomainError as error:
                refusal = str(error)
        return PurchasePreview(
            priced_order(pricing, order, ctx.today),
            nth_period(order.start or ctx.today, order.cycle, 0).end,
            tuple(on_request),
            pricing.account.country,
            refusal,
        )


def list_invoices(ctx: Context, account_id: int | None = None) -> list[Invoice]:
    """Invoices and credit notes, drafts too, of one account or of all, by issue date."""
    ctx.actor.require(Permission.READ_BILLING)
    with ctx.new_uow() as uow:
        return uow.reads.billing.invoices(account_id)


def get_invoice(ctx: Context, reference: str) -> Invoice:
    """An invoice by id or by number (`INV-2026-000001`)."""
    ctx.actor.require(Permission.READ_BILLING)
    with ctx.new_uow() as uow:
        return find_invoice(uow, reference)
