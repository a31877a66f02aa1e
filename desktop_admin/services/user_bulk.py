"""Changing many users at once (enable, disable, assign or unassign a role) and, before
it is made, what such a change does to the account's seats and whether it would be
refused (R14, R17): the same checks as the change itself, writing nothing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

from desktop_admin.domain.errors import DomainError
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.users import BulkKind, BulkPreview, NamedUser, SeatEffect, SeatUsage
from desktop_admin.services.context import Context
from desktop_admin.services.ports import UnitOfWork
from desktop_admin.services.seats import check_additions, refuse_roles_for_guests, seat_usage
from desktop_admin.services.users import (
    Change,
    assign_role,
    assigning,
    check_changes,
    enabling,
    known_role,
    seat_changes,
    set_enabled,
    unassign_role,
)

#: Up to this many users, a preview reads their rows; beyond, it counts from id lists
#: (a million rows are never loaded to count seats).
ROWS_LIMIT = 5000


def bulk_change(
    ctx: Context, *, kind: BulkKind, user_ids: Sequence[int], role: str | None = None
) -> list[NamedUser]:
    """Make the change in one transaction: every user changes, or none (R14 refuses
    the whole change when the seats run out). The users it changed."""
    if kind is BulkKind.ENABLE or kind is BulkKind.DISABLE:
        return set_enabled(ctx, user_ids, enabled=kind is BulkKind.ENABLE)
    if role is None:
        raise ValueError(f"to {kind} a role, name the role")
    if kind is BulkKind.ASSIGN:
        return assign_role(ctx, user_ids, role=role)
    return unassign_role(ctx, user_ids, role=role)


def preview_bulk_change(
    ctx: Context,
    *,
    account_id: int,
    kind: BulkKind,
    user_ids: Sequence[int],
    role: str | None = None,
) -> BulkPreview:
    """What the change would do to each role's seats of the account (and to its guest
    units), and the refusal it would meet; the users of other accounts are left out.
    Changes nothing."""
    ctx.actor.require(Permission.MANAGE_USERS)
    if kind.needs_role and role is None:
        raise ValueError(f"to {kind} a role, name the role")
    with ctx.new_uow() as uow:
        uow.accounts.get(account_id)
        if role is not None and kind.needs_role:
            known_role(uow, role)
        usage = seat_usage(uow, account_id, ctx.today)
        codes = [role] if role is not None and kind.needs_role else list(usage)
        if len(user_ids) <= ROWS_LIMIT:
            changes = _changes(uow, account_id, kind, user_ids, role)
            delta = seat_changes(changes).get(account_id, Counter())
            refusal = _refusal(lambda: check_changes(uow, ctx.today, changes, claim=False))
        else:
            selected, holdings = set(user_ids), uow.reads.users.holdings(account_id)
            delta = holdings.seat_change(kind, selected, codes)
            given_a_role = sorted(selected & holdings.guests) if kind is BulkKind.ASSIGN else []
            refusal = _refusal(
                lambda: _check_ids(
                    uow,
                    ctx,
                    delta,
                    account_id=account_id,
                    guests=given_a_role,
                    role=role,
                    claim=False,
                )
            )
        return BulkPreview(_effects(usage, codes, delta, kind, len(user_ids)), refusal)


def _changes(
    uow: UnitOfWork, account_id: int, kind: BulkKind, user_ids: Sequence[int], role: str | None
) -> list[Change]:
    users = [u for u in uow.users.get_many(user_ids) if u.account_id == account_id]
    if kind is BulkKind.ENABLE or kind is BulkKind.DISABLE:
        return enabling(users, kind is BulkKind.ENABLE)
    assert role is not None
    return assigning(users, role, kind is BulkKind.ASSIGN)


def _check_ids(
    uow: UnitOfWork,
    ctx: Context,
    delta: Counter[str],
    *,
    account_id: int,
    guests: Sequence[int],
    role: str | None,
    claim: bool = True,
) -> None:
    """The checks of a change counted from id lists: no role for a guest (`guests`, the
    guests it would give `role`), the seats (R14) and a writable account (R17)."""
    if guests and role is not None:
        guest = uow.users.get(guests[0])
        refuse_roles_for_guests(replace(guest, roles=guest.roles | {role}))
    check_additions(uow, account_id, ctx.today, delta, claim=claim)


def _refusal(check: Callable[[], None]) -> str | None:
    """The sentence of the refusal `check` raises, or None."""
    try:
        check()
    except DomainError as refused:
        return str(refused)
    return None


def _effects(
    usage: dict[str, SeatUsage], codes: list[str], delta: Counter[str], kind: BulkKind, count: int
) -> tuple[SeatEffect, ...]:
    """A line per role the change is about (assigning, unassigning) or whose seats it
    moves (enabling, disabling)."""
    effects = []
    for code in codes:
        seats = usage.get(code) or SeatUsage(code, code, 0, 0)
        change = delta.get(code, 0)
        if kind.needs_role:
            effects.append(SeatEffect(seats, change, count))
        elif change:
            effects.append(SeatEffect(seats, change, abs(change)))
    return tuple(effects)
