"""Seat accounting (R14): what an account bought against what its users hold."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date

from desktop_admin.domain.catalog import AddonKind
from desktop_admin.domain.errors import RuleViolation
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.subscriptions import Subscription, SubscriptionStatus
from desktop_admin.domain.users import GUESTS, NamedUser, SeatUsage, check_guest_units, check_seats
from desktop_admin.services.context import Context
from desktop_admin.services.ports import UnitOfWork


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
    users are read-only (two weeks for a licence, for good when frozen); an archived
    account's users are read-only for good."""
    uow.accounts.get(account_id).check_open()
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


#: What a change of the seats in use claims first (`UnitOfWork.claim`), per account.
SEATS = "seats"


def claim_seats(uow: UnitOfWork, account_ids: Iterable[int]) -> None:
    """Take turns with every other process changing the seats in use of these accounts
    (R14): the counts read next include what the one before committed. In account
    order, so that two processes claiming several accounts never wait on each other."""
    for account_id in sorted(set(account_ids)):
        uow.claim(SEATS, account_id)


def check_additions(
    uow: UnitOfWork, account_id: int, today: date, adding: Counter[str], *, claim: bool = True
) -> None:
    """Refuse (R14) if `adding` more enabled holders per role would not fit, counted
    after claiming the account's seats (nobody else counts them meanwhile); a preview,
    which writes nothing, counts without claiming."""
    if claim and +adding:
        claim_seats(uow, [account_id])
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


def account_seats(ctx: Context, account_id: int) -> list[SeatUsage]:
    """The licence inventory of an account: per role bought, in use and free."""
    ctx.actor.require(Permission.READ_USERS)
    with ctx.new_uow() as uow:
        uow.accounts.get(account_id)
        usage = seat_usage(uow, account_id, ctx.today)
        return [u for u in usage.values() if u.purchased or u.in_use]
