"""Purchases: a cart on one cycle becomes a subscription and its first invoice
(R01-R06, R18, R19, R20)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from desktop_admin.domain.accounts import Account, PaymentKind, check_payment_kind
from desktop_admin.domain.catalog import Addon, Role, check_cycle_for_audience
from desktop_admin.domain.errors import InvalidInput, Problem, RuleViolation
from desktop_admin.domain.invoicing import (
    DocumentKind,
    Invoice,
    InvoiceReason,
    Party,
    with_vat,
)
from desktop_admin.domain.money import Currency
from desktop_admin.domain.operators import Operator, Permission
from desktop_admin.domain.periods import Cycle, nth_period
from desktop_admin.domain.pricing import period_lines
from desktop_admin.domain.subscriptions import Subscription, SubscriptionStatus
from desktop_admin.domain.vat import vat_treatment
from desktop_admin.services import audit
from desktop_admin.services.ports import Clock, UnitOfWork
from desktop_admin.services.seller import current_seller

TRANSFER_TERMS = timedelta(days=30)


@dataclass(frozen=True)
class Order:
    account_id: int
    cycle: Cycle
    seats: Mapping[str, int]
    addons: Mapping[str, int]
    payment: str = "card"
    start: date | None = None
    trial: bool = False


@dataclass(frozen=True)
class Purchase:
    subscription: Subscription
    invoice: Invoice | None


def _resolve(
    uow: UnitOfWork, account: Account, order: Order
) -> tuple[dict[Role, int], dict[Addon, int]]:
    """The catalog products of the order, checked against R01-R04."""
    problems = [
        Problem(f"{n} is not a positive quantity", field=code)
        for code, n in {**order.seats, **order.addons}.items()
        if n <= 0
    ]
    if not order.seats:
        problems.append(Problem("an order has seats of at least one role", field="seat"))
    roles: dict[Role, int] = {}
    addons: dict[Addon, int] = {}
    for code, n in order.seats.items():
        role = uow.catalog.role(code)
        if role is None:
            problems.append(Problem(f"no role {code!r} in the catalog", field="seat"))
        else:
            roles[role] = n
    for code, n in order.addons.items():
        addon = uow.catalog.addon(code)
        if addon is None:
            problems.append(Problem(f"no add-on {code!r} in the catalog", field="addon"))
        else:
            addons[addon] = n
    if problems:
        raise InvalidInput("The order was refused.", problems)
    check_cycle_for_audience(account.audience, order.cycle)
    for role in roles:
        role.price(account.audience, order.cycle)
        if not role.purchasable_online(account.country):
            raise RuleViolation(
                "R04",
                f"{role.name} is not sold online in {account.country}; "
                "ask for a quote instead (contact us)",
            )
    for addon in addons:
        addon.price(order.cycle)
    return roles, addons


def _payment(uow: UnitOfWork, account: Account, payment: str) -> PaymentKind:
    try:
        kind = PaymentKind(payment)
    except ValueError:
        raise InvalidInput(
            "The order was refused.",
            [Problem(f"{payment!r} is neither card nor transfer", field="payment")],
        ) from None
    check_payment_kind(account.audience, kind)
    assert account.id is not None
    if not any(m.kind is kind for m in uow.accounts.payment_methods(account.id)):
        how = "add-card" if kind is PaymentKind.CARD else "add-transfer"
        raise RuleViolation(
            "R06",
            f"account {account.id} has no {kind.value} payment method; "
            f"record one first (`desktop-admin account {how}`)",
        )
    return kind


def buyer_of(account: Account) -> Party:
    return Party(
        account.name, account.country, account.vat_number, account.address, account.billing_email
    )


def purchase(uow: UnitOfWork, clock: Clock, actor: Operator, order: Order) -> Purchase:
    """Create the subscription anchored on its start date and, unless it is a trial,
    issue the first period's invoice, payable upfront (R06); seats are available at once."""
    actor.require(Permission.MANAGE_SUBSCRIPTIONS)
    today = clock.today()
    start = order.start or today
    with uow:
        account = uow.accounts.get(order.account_id)
        roles, addons = _resolve(uow, account, order)
        if order.trial:
            return _start_trial(uow, clock, actor, account, order, roles, start)
        kind = _payment(uow, account, order.payment)
        seller = current_seller(uow)
        subscription = uow.subscriptions.add(
            Subscription(
                account_id=order.account_id,
                cycle=order.cycle,
                anchor=start,
                seats=dict(order.seats),
                addons=dict(order.addons),
            )
        )
        currency = Currency.of(uow.catalog.currency() or "EUR")
        treatment = vat_treatment(seller.country, account.country, account.vat_number)
        lines = period_lines(
            roles,
            addons,
            account.audience,
            order.cycle,
            nth_period(start, order.cycle, 0),
            currency,
        )
        invoice = uow.invoices.issue(
            Invoice(
                kind=DocumentKind.INVOICE,
                reason=InvoiceReason.PURCHASE,
                account_id=order.account_id,
                subscription_id=subscription.id,
                issue_date=today,
                due_date=today + (TRANSFER_TERMS if kind is PaymentKind.TRANSFER else timedelta()),
                currency=currency.code,
                lines=tuple(with_vat(lines, treatment.rate)),
                payment_kind=kind.value,
                seller=seller,
                buyer=buyer_of(account),
                vat_note=treatment.note,
                billing_key=f"subscription:{subscription.id}:purchase",
            )
        )
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
        uow.commit()
        return Purchase(subscription, invoice)


def _start_trial(
    uow: UnitOfWork,
    clock: Clock,
    actor: Operator,
    account: Account,
    order: Order,
    roles: Mapping[Role, int],
    start: date,
) -> Purchase:
    """R18: a trial costs nothing and ends on its date; only a purchase converts it."""
    without = [r.name for r in roles if r.trial_days <= 0]
    if without or order.addons:
        what = ", ".join(without) or "add-ons"
        raise RuleViolation("R18", f"no trial is offered for {what}")
    days = min(r.trial_days for r in roles)
    subscription = uow.subscriptions.add(
        Subscription(
            account_id=account.id or 0,
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
        if reference.isdigit():
            return uow.invoices.get(int(reference))
        return uow.invoices.by_number(reference.strip().upper())
