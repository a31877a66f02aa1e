"""Seat accounting (R14): what an account bought against what its users hold."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date

from desktop_admin.domain.catalog import AddonKind
from desktop_admin.domain.errors import RuleViolation
from desktop_admin.domain.operators import Operator, Permission
from desktop_admin.domain.subscriptions import Subscription, SubscriptionStatus
from desktop_admin.domain.users import NamedUser, SeatUsage, check_guest_units, check_seats
from desktop_admin.services.ports import UnitOfWork

GUESTS = "__guests__"


def seat_usage(
    uow: UnitOfWork,
    account_id: int,
    today: date,
    subscriptions: Sequence[Subscription] | None = None,
) -> dict[str, SeatUsage]:
    """Per role code of the catalog (and `GUESTS` for guest units): purchased and in
    use today; roles the account never bought count 0 of 0."""
    purchased: Counter[str] = Counter()
    guest_addons = {a.code: a.name for a in uow.catalog.addons() if a.kind is AddonKind.GUEST_USERS}
    guest_units = 0
    if subscriptions is None:
        subscriptions = uow.subscriptions.for_account(account_id)
    for subscription in subscriptions:
        if subscription.grants_seats_on(today):
            purchased.update(subscription.seats)
            guest_units += sum(n for code, n in subscription.addons.items() if code in guest_addons)
    in_use = uow.users.seats_in_use(account_id)
    names = {r.code: r.name for r in uow.catalog.roles()}
    usage = {
        code: SeatUsage(code, names.get(code, code), purchased[code], in_use.get(code, 0))
        for code in sorted(set(purchased) | set(in_use) | set(names))
    }
    usage[GUESTS] = SeatUsage(
        GUESTS,
        ", ".join(guest_addons.values()) or "Guest users",
        guest_units,
        uow.users.guests_in_use(account_id),
    )
    return usage


def check_writable(
    uow: UnitOfWork,
    account_id: int,
    today: date,
    subscriptions: Sequence[Subscription] | None = None,
) -> None:
    """R17: after a cancellation with no other subscription in force, the account's
    users are read-only (two weeks for a licence, for good when frozen)."""
    if subscriptions is None:
        subscriptions = uow.subscriptions.for_account(account_id)
    if any(s.grants_seats_on(today) for s in subscriptions):
        return
    for s in subscriptions:
        if s.status is SubscriptionStatus.FROZEN or (
            s.status is SubscriptionStatus.CANCELLED
            and s.read_only_until
            and today <= s.read_only_until
        ):
            s.check_changeable(today)


def check_additions(uow: UnitOfWork, account_id: int, today: date, adding: Counter[str]) -> None:
    """Refuse (R14) if `adding` more enabled holders per role would not fit."""
    subscriptions = uow.subscriptions.for_account(account_id)
    check_writable(uow, account_id, today, subscriptions)
    if not +adding:
        return
    usage = seat_usage(uow, account_id, today, subscriptions)
    for code, count in sorted(adding.items()):
        if code == GUESTS:
            check_guest_units(usage[GUESTS], count)
        else:
            current = usage.get(code) or SeatUsage(code, code, 0, 0)
            check_seats(current, count)


def seats_taken(users: Iterable[NamedUser]) -> Counter[str]:
    """The seats these users consume as they stand (enabled ones only)."""
    taken: Counter[str] = Counter()
    for user in users:
        if user.enabled:
            if user.is_guest:
                taken[GUESTS] += 1
            else:
                taken.update(user.roles)
    return taken


def refuse_roles_for_guests(user: NamedUser) -> None:
    if user.is_guest and user.roles:
        raise RuleViolation("R14", f"{user.email} is a guest user: guests hold no role seat")


def account_seats(
    uow: UnitOfWork, actor: Operator, account_id: int, today: date
) -> list[SeatUsage]:
    """The licence inventory of an account: per role bought, in use and free."""
    actor.require(Permission.READ_USERS)
    with uow:
        uow.accounts.get(account_id)
        usage = seat_usage(uow, account_id, today)
        return [u for u in usage.values() if u.purchased or u.in_use]
