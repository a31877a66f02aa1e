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
from desktop_admin.domain.errors import InvalidInput, Problem, RuleViolation
from desktop_admin.domain.invoicing import Invoice, InvoiceLine, InvoiceReason
from desktop_admin.domain.lifecycle import quote_valid_until
from desktop_admin.domain.operators import Operator, Permission
from desktop_admin.domain.periods import Cycle, nth_period
from desktop_admin.domain.pricing import CartItem, check_one_cycle, period_lines
from desktop_admin.domain.quotes import Quote, QuoteKind
from desktop_admin.domain.subscriptions import Subscription, SubscriptionStatus
from desktop_admin.services import audit
from desktop_admin.services.billing_context import BillingContext
from desktop_admin.services.payments import find_invoice
from desktop_admin.services.ports import Clock, UnitOfWork

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


def check_order(ctx: BillingContext, order: Order) -> list[str]:
    """Validate against R01-R03 and R05; returns the roles sold on request only here (R04)."""
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
        if code not in ctx.roles
    ]
    problems += [
        Problem(f"no add-on {code!r} in the catalog", field="addon")
        for code in order.addons
        if code not in ctx.addons
    ]
    if problems:
        raise InvalidInput("The order was refused.", problems)
    check_cycle_for_audience(ctx.account.audience, order.cycle)
    for code in order.seats:
        ctx.roles[code].price(ctx.account.audience, order.cycle)
    for code in order.addons:
        ctx.addons[code].price(order.cycle)
    return [
        ctx.roles[c].name
        for c in order.seats
        if not ctx.roles[c].purchasable_online(ctx.account.country)
    ]


def order_lines(
    ctx: BillingContext, order: Order, start: date, prices: Prices | None = None
) -> list[InvoiceLine]:
    """The first period's lines at catalog prices, or at the prices a quote fixed."""
    fixed = prices or {}
    roles = {ctx.roles[c]: n for c, n in order.seats.items()}
    addons = {ctx.addons[c]: n for c, n in order.addons.items()}
    lines = period_lines(
        roles,
        addons,
        ctx.account.audience,
        order.cycle,
        nth_period(start, order.cycle, 0),
        ctx.currency,
    )
    return [_at_price(line, fixed, ctx) for line in lines]


def _at_price(line: InvoiceLine, fixed: Prices, ctx: BillingContext) -> InvoiceLine:
    key = ("addon" if line.kind.value == "addon" else "role", line.code)
    if key not in fixed:
        return line
    price = fixed[key]
    return replace(line, unit_price=price, amount=ctx.currency.round(price * line.quantity))


def _payment(uow: UnitOfWork, ctx: BillingContext, payment: str) -> PaymentKind:
    try:
        kind = PaymentKind(payment)
    except ValueError:
        raise InvalidInput(
            "The order was refused.",
            [Problem(f"{payment!r} is neither card nor transfer", field="payment")],
        ) from None
    check_payment_kind(ctx.account.audience, kind)
    assert ctx.account.id is not None
    if not any(m.kind is kind for m in uow.accounts.payment_methods(ctx.account.id)):
        how = "add-card" if kind is PaymentKind.CARD else "add-transfer"
        raise RuleViolation(
            "R06",
            f"account {ctx.account.id} has no {kind.value} payment method; "
            f"record one first (`desktop-admin account {how}`)",
        )
    return kind


def purchase(
    uow: UnitOfWork, clock: Clock, actor: Operator, order: Order, prices: Prices | None = None
) -> Purchase:
    """Create the subscription anchored on its start date and, unless it is a trial,
    issue the first period's invoice, payable upfront (R06); seats are available at once."""
    actor.require(Permission.MANAGE_SUBSCRIPTIONS)
    with uow:
        result = place_order(uow, clock, actor, order, prices)
        uow.commit()
        return result


def place_order(
    uow: UnitOfWork, clock: Clock, actor: Operator, order: Order, prices: Prices | None = None
) -> Purchase:
    """`purchase` inside the caller's unit of work (which commits)."""
    today = clock.today()
    start = order.start or today
    ctx = BillingContext.load(uow, order.account_id)
    on_request = check_order(ctx, order)
    if on_request and prices is None:
        return Purchase(
            None, None, _quote_request(uow, clock, actor, ctx, order, start, on_request)
        )
    if order.trial:
        return _start_trial(uow, clock, actor, ctx, order, start)
    kind = _payment(uow, ctx, order.payment)
    lines = order_lines(ctx, order, start, prices)
    subscription = uow.subscriptions.add(
        Subscription(
            account_id=order.account_id,
            cycle=order.cycle,
            anchor=start,
            seats=dict(order.seats),
            addons=dict(order.addons),
            billed_through=nth_period(start, order.cycle, 0).end,
            payment_kind=kind.value,
            seat_prices={ln.code: ln.unit_price for ln in lines if ln.kind.value == "role"},
            addon_prices={ln.code: ln.unit_price for ln in lines if ln.kind.value == "addon"},
        )
    )
    invoice = uow.invoices.issue(
        ctx.document(
            InvoiceReason.PURCHASE,
            subscription.id,
            today,
            lines,
            kind.value,
            f"subscription:{subscription.id}:purchase",
        )
    )
    _convert_trials(uow, clock, actor, order, today)
    audit.record(
        uow,
        clock,
        actor,
        "subscription.purchase",
        "subscription",
        subscription.id,
        after=subscription,
    )
    audit.record(
        uow,
        clock,
        actor,
        "invoice.issue",
        "invoice",
        invoice.number,
        after={"number": invoice.number, "total": str(invoice.totals.total)},
    )
    return Purchase(subscription, invoice)


def _convert_trials(
    uow: UnitOfWork, clock: Clock, actor: Operator, order: Order, today: date
) -> None:
    """R18: a purchase of the trial's roles ends the trial when the purchase starts
    (or on the trial's own end, if that comes first)."""
    start = order.start or today
    for trial in uow.subscriptions.for_account(order.account_id):
        if trial.status is SubscriptionStatus.TRIAL and set(trial.seats) <= set(order.seats):
            ends_on = min(trial.ends_on or start, start)
            status = SubscriptionStatus.ENDED if ends_on <= today else SubscriptionStatus.TRIAL
            ended = uow.subscriptions.update(replace(trial, status=status, ends_on=ends_on))
            audit.record(
                uow,
                clock,
                actor,
                "subscription.trial.converted",
                "subscription",
                trial.id,
                before=trial,
                after=ended,
            )


def _quote_request(
    uow: UnitOfWork,
    clock: Clock,
    actor: Operator,
    ctx: BillingContext,
    order: Order,
    start: date,
    on_request: list[str],
) -> Quote:
    """R04: priced like the order, marked as a request for the sales team."""
    quote = uow.quotes.add(
        Quote(
            kind=QuoteKind.PURCHASE,
            account_id=order.account_id,
            subscription_id=None,
            request=order.as_request(),
            lines=tuple(
                ctx.document(
                    InvoiceReason.PURCHASE,
                    None,
                    start,
                    order_lines(ctx, order, start),
                    order.payment,
                    None,
                ).lines
            ),
            issue_date=clock.today(),
            valid_until=quote_valid_until(clock.today()),
            currency=ctx.currency.code,
            seller=ctx.seller,
            buyer=ctx.document(InvoiceReason.PURCHASE, None, start, [], order.payment, None).buyer,
            vat_note=ctx.vat.note,
            contact_request=True,
        )
    )
    audit.record(
        uow,
        clock,
        actor,
        "quote.request",
        "quote",
        quote.number,
        after={"number": quote.number, "on_request": on_request},
    )
    uow.commit()
    return quote


def _start_trial(
    uow: UnitOfWork, clock: Clock, actor: Operator, ctx: BillingContext, order: Order, start: date
) -> Purchase:
    """R18: a trial costs nothing and ends on its date; only a purchase converts it."""
    roles = [ctx.roles[c] for c in order.seats]
    without = [r.name for r in roles if r.trial_days <= 0]
    if without or order.addons:
        raise RuleViolation("R18", f"no trial is offered for {', '.join(without) or 'add-ons'}")
    days = min(r.trial_days for r in roles)
    subscription = uow.subscriptions.add(
        Subscription(
            account_id=order.account_id,
            cycle=order.cycle,
            anchor=start,
            seats=dict(order.seats),
            status=SubscriptionStatus.TRIAL,
            auto_renew=False,
            ends_on=start + timedelta(days=days),
        )
    )
    audit.record(
        uow, clock, actor, "subscription.trial", "subscription", subscription.id, after=subscription
    )
    uow.commit()
    return Purchase(subscription, None)


def list_invoices(uow: UnitOfWork, actor: Operator, account_id: int | None = None) -> list[Invoice]:
    actor.require(Permission.READ_BILLING)
    with uow:
        return uow.invoices.for_account(account_id)


def get_invoice(uow: UnitOfWork, actor: Operator, reference: str) -> Invoice:
    """An invoice by id or by number (`INV-2026-000001`)."""
    actor.require(Permission.READ_BILLING)
    with uow:
        return find_invoice(uow, reference)
