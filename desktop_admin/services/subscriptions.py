"""Subscription records: the seats and add-on units an account holds.

Purchases with their invoices, changes, renewals and cancellations build on
these records in the billing services.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from desktop_admin.domain.accounts import PaymentKind, check_payment_kind
from desktop_admin.domain.catalog import check_cycle_for_audience
from desktop_admin.domain.errors import InvalidInput, Problem
from desktop_admin.domain.operators import Operator, Permission
from desktop_admin.domain.periods import Cycle, period_containing
from desktop_admin.domain.subscriptions import Subscription, SubscriptionStatus
from desktop_admin.services import audit
from desktop_admin.services.ports import Clock, UnitOfWork


def _quantities(kind: str, quantities: Mapping[str, int]) -> list[Problem]:
    return [
        Problem(f"{quantity} is not a positive number of {kind}", field=code)
        for code, quantity in quantities.items()
        if quantity <= 0
    ]


def record_subscription(
    uow: UnitOfWork,
    clock: Clock,
    actor: Operator,
    account_id: int,
    cycle: Cycle,
    seats: Mapping[str, int],
    addons: Mapping[str, int] | None = None,
    start: date | None = None,
    status: SubscriptionStatus = SubscriptionStatus.ACTIVE,
    payment: str = "card",
) -> Subscription:
    """Record a subscription whose roles and cycle the account may buy (R01-R03),
    paid by a method its audience may use (R06)."""
    actor.require(Permission.MANAGE_SUBSCRIPTIONS)
    try:
        payment_kind = PaymentKind(payment)
    except ValueError:
        raise InvalidInput(
            "The subscription was refused.",
            [Problem(f"{payment!r} is neither card nor transfer", field="payment")],
        ) from None
    addons = dict(addons or {})
    problems = _quantities("seats", seats) + _quantities("units", addons)
    if not seats:
        problems.append(Problem("a subscription has seats of at least one role", field="seat"))
    with uow:
        account = uow.accounts.get(account_id)
        check_payment_kind(account.audience, payment_kind)
        check_cycle_for_audience(account.audience, cycle)
        for code in seats:
            role = uow.catalog.role(code)
            if role is None:
                problems.append(Problem(f"no role {code!r} in the catalog", field="seat"))
            else:
                role.price(account.audience, cycle)
        for code in addons:
            addon = uow.catalog.addon(code)
            if addon is None:
                problems.append(Problem(f"no add-on {code!r} in the catalog", field="addon"))
            else:
                addon.price(cycle)
        if problems:
            raise InvalidInput("The subscription was refused.", problems)
        anchor = start or clock.today()
        subscription = uow.subscriptions.add(
            Subscription(
                account_id=account_id,
                cycle=cycle,
                anchor=anchor,
                payment_kind=payment_kind.value,
                # Recorded as paid through the period in force when it is recorded.
                billed_through=period_containing(anchor, cycle, max(anchor, clock.today())).end,
                seats=dict(seats),
                addons=addons,
                status=status,
            )
        )
        audit.record(
            uow,
            clock,
            actor,
            "subscription.create",
            "subscription",
            subscription.id,
            after=subscription,
        )
        uow.commit()
        return subscription


def subscriptions_of(uow: UnitOfWork, actor: Operator, account_id: int) -> list[Subscription]:
    actor.require(Permission.READ_ACCOUNTS)
    with uow:
        uow.accounts.get(account_id)
        return uow.subscriptions.for_account(account_id)


def get_subscription(uow: UnitOfWork, actor: Operator, subscription_id: int) -> Subscription:
    actor.require(Permission.READ_ACCOUNTS)
    with uow:
        return uow.subscriptions.get(subscription_id)
