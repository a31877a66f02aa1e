"""Subscription records: the seats and add-on units an account holds, and the changes
scheduled on them with their seat check (R15).

Purchases with their invoices, changes, renewals and cancellations build on
these records in the billing services.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from desktop_admin.domain.accounts import Account, PaymentKind, check_payment_kind
from desktop_admin.domain.catalog import check_cycle_for_audience
from desktop_admin.domain.errors import InvalidInput, Problem
from desktop_admin.domain.lifecycle import CheckedChange
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.periods import Cycle, period_containing
from desktop_admin.domain.subscriptions import Subscription, SubscriptionStatus
from desktop_admin.services import audit
from desktop_admin.services.billing_run import seat_forecasts
from desktop_admin.services.context import Context
from desktop_admin.services.ports import UnitOfWork

REFUSED = "The subscription was refused."


def payment_kind(payment: str, refusal: str) -> PaymentKind:
    """`card` or `transfer` (R06), else `InvalidInput` with the sentence `refusal`."""
    try:
        return PaymentKind(payment)
    except ValueError:
        raise InvalidInput(
            refusal, [Problem(f"{payment!r} is neither card nor transfer", field="payment")]
        ) from None


def _quantities(kind: str, quantities: Mapping[str, int]) -> list[Problem]:
    return [
        Problem(f"{quantity} is not a positive number of {kind}", field=code)
        for code, quantity in quantities.items()
        if quantity <= 0
    ]


def _catalog_problems(
    uow: UnitOfWork,
    account: Account,
    cycle: Cycle,
    seats: Mapping[str, int],
    addons: Mapping[str, int],
) -> list[Problem]:
    """R01-R03: every role and add-on in the catalog and sold on that cycle."""
    check_cycle_for_audience(account.audience, cycle)
    problems = []
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
    return problems


def record_subscription(
    ctx: Context,
    *,
    account_id: int,
    cycle: Cycle,
    seats: Mapping[str, int],
    addons: Mapping[str, int] | None = None,
    start: date | None = None,
    status: SubscriptionStatus = SubscriptionStatus.ACTIVE,
    payment: str = "card",
) -> Subscription:
    """A subscription bought elsewhere, recorded without billing it: roles and cycle the
    account may buy (R01-R03), paid by a method its audience may use (R06)."""
    ctx.actor.require(Permission.MANAGE_SUBSCRIPTIONS)
    kind = payment_kind(payment, REFUSED)
    addons = dict(addons or {})
    problems = _quantities("seats", seats) + _quantities("units", addons)
    if not seats:
        problems.append(Problem("a subscription has seats of at least one role", field="seat"))
    with ctx.new_uow() as uow:
        account = uow.accounts.get(account_id)
        account.check_open()
        check_payment_kind(account.audience, kind)
        problems += _catalog_problems(uow, account, cycle, seats, addons)
        if problems:
            raise InvalidInput(REFUSED, problems)
        anchor, today = start or ctx.today, ctx.today
        subscription = uow.subscriptions.add(
            Subscription(
                account_id=account_id,
                cycle=cycle,
                anchor=anchor,
                payment_kind=kind.value,
                # Recorded as paid through the period in force when it is recorded.
                billed_through=period_containing(anchor, cycle, max(anchor, today)).end,
                seats=dict(seats),
                addons=addons,
                status=status,
            )
        )
        audit.record_change(
            uow, ctx, "subscription.create", "subscription", subscription.id, after=subscription
        )
        uow.commit()
        return subscription


def subscriptions_of(ctx: Context, account_id: int) -> list[Subscription]:
    ctx.actor.require(Permission.READ_ACCOUNTS)
    with ctx.new_uow() as uow:
        uow.accounts.get(account_id)
        return uow.subscriptions.for_account(account_id)


def get_subscription(ctx: Context, subscription_id: int) -> Subscription:
    ctx.actor.require(Permission.READ_ACCOUNTS)
    with ctx.new_uow() as uow:
        return uow.subscriptions.get(subscription_id)


def scheduled_changes(ctx: Context, subscription_id: int) -> list[CheckedChange]:
    """Every scheduled change of a subscription, pending or not, by date; a pending
    role downgrade with the seat check that the billing run will make on its date (R15)."""
    ctx.actor.require(Permission.READ_ACCOUNTS)
    with ctx.new_uow() as uow:
        account_id = uow.subscriptions.get(subscription_id).account_id
        return _checked_changes(uow, account_id).get(subscription_id, [])


def account_changes(ctx: Context, account_id: int) -> dict[int, list[CheckedChange]]:
    """The scheduled changes of each subscription of an account, as `scheduled_changes`
    gives them, read together."""
    ctx.actor.require(Permission.READ_ACCOUNTS)
    with ctx.new_uow() as uow:
        uow.accounts.get(account_id)
        return _checked_changes(uow, account_id)


def _checked_changes(uow: UnitOfWork, account_id: int) -> dict[int, list[CheckedChange]]:
    listed = uow.reads.billing.scheduled_changes(account_id)
    checks = seat_forecasts(uow, [c for changes in listed.values() for c in changes])
    return {
        subscription_id: [CheckedChange(c, checks.get(c.id or 0)) for c in changes]
        for subscription_id, changes in listed.items()
    }
