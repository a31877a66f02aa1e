"""Named users: add, edit, enable/disable, assign/unassign roles, remove (R14)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from desktop_admin.domain.errors import ConflictError, InvalidInput, NotFound, Problem
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.users import (
    NamedUser,
    clean_detail,
    detail_problem,
    email_problem,
    normalise_email,
)
from desktop_admin.services import audit
from desktop_admin.services.context import Context
from desktop_admin.services.ports import UnitOfWork
from desktop_admin.services.seats import (
    check_additions,
    check_writable,
    claim_seats,
    refuse_roles_for_guests,
    seats_taken,
)

#: A user before and after a change.
Change = tuple[NamedUser, NamedUser]


def known_role(uow: UnitOfWork, code: str) -> None:
    if uow.catalog.role(code) is None:
        known = ", ".join(r.code for r in uow.catalog.roles()) or "none yet"
        raise InvalidInput(
            "Unknown role.",
            [Problem(f"no role {code!r} in the catalog (roles: {known})", field="role")],
        )


def _check_details(refusal: str, display_name: str | None, department: str | None) -> None:
    problems = [
        Problem(reason, field=field)
        for field, value in (("display_name", display_name), ("department", department))
        if value is not None and (reason := detail_problem(field, value))
    ]
    if problems:
        raise InvalidInput(refusal, problems)


def add_user(
    ctx: Context,
    *,
    account_id: int,
    email: str,
    display_name: str = "",
    roles: Sequence[str] = (),
    enabled: bool = True,
    is_guest: bool = False,
    is_admin: bool = False,
    department: str = "",
) -> NamedUser:
    ctx.actor.require(Permission.MANAGE_USERS)
    reason = email_problem(email)
    if reason:
        raise InvalidInput("The user was refused.", [Problem(reason, field="email")])
    _check_details("The user was refused.", display_name, department)
    user = NamedUser(
        account_id=account_id,
        email=normalise_email(email),
        display_name=clean_detail(display_name),
        department=clean_detail(department),
        enabled=enabled,
        is_guest=is_guest,
        is_admin=is_admin,
        roles=frozenset(roles),
    )
    refuse_roles_for_guests(user)
    with ctx.new_uow() as uow:
        claim_seats(uow, [account_id])  # first: the e-mail and the seats are read after it
        uow.accounts.get(account_id)
        for code in user.roles:
            known_role(uow, code)
        if uow.users.existing_emails(account_id, [user.email]):
            raise InvalidInput(
                "The user was refused.",
                [
                    Problem(
                        f"{user.email} already exists in account {account_id}; enable that user "
                        "instead of adding it again",
                        field="email",
                    )
                ],
            )
        check_additions(uow, account_id, ctx.today, seats_taken([user]))
        user = uow.users.add(user)
        audit.record_change(uow, ctx, "user.create", "user", user.id, after=user)
        uow.commit()
        return user


#: The details `edit_user` compares for `unchanged`, by field name.
DETAILS = ("display_name", "department")


def edit_user(
    ctx: Context,
    user_id: int,
    *,
    expected_version: int | None,
    display_name: str | None = None,
    department: str | None = None,
    is_admin: bool | None = None,
    unchanged: Mapping[str, str] | None = None,
) -> NamedUser:
    """Change a user's details; refused with a conflict if someone else saved first.

    "Someone else saved first" is judged by the row's version (`expected_version`),
    or, given `unchanged` (field name -> value), by those fields alone: the edit is
    made only if they still hold those values, whatever else changed meanwhile. That
    is how an undo restores a name without losing a department saved since."""
    ctx.actor.require(Permission.MANAGE_USERS)
    _check_details("The user was not changed.", display_name, department)
    unknown = sorted(set(unchanged or {}) - set(DETAILS))
    if unknown or (expected_version is None and not unchanged):
        raise ValueError(f"edit_user needs a version or details to compare, not {unknown}")
    with ctx.new_uow() as uow:
        before = uow.users.get(user_id)
        check_writable(uow, before.account_id, ctx.today)
        for field, value in (unchanged or {}).items():
            now = getattr(before, field)
            if now != clean_detail(value):
                raise ConflictError(
                    f"{before.email}: the {field.replace('_', ' ')} is now {now!r}, no longer "
                    f"{clean_detail(value)!r}; it was changed meanwhile and is left as it is"
                )
        after = replace(
            before,
            version=before.version if expected_version is None else expected_version,
            display_name=before.display_name
            if display_name is None
            else clean_detail(display_name),
            department=before.department if department is None else clean_detail(department),
            is_admin=before.is_admin if is_admin is None else is_admin,
        )
        if after == before:
            return before  # nothing changes: no new version, no audit entry
        saved = uow.users.update(after)
        audit.record_change(uow, ctx, "user.update", "user", user_id, before=before, after=saved)
        uow.commit()
        return saved


def update_user(
    ctx: Context,
    user_id: int,
    *,
    expected_version: int,
    display_name: str,
    department: str,
    is_admin: bool,
    enabled: bool,
    roles: Sequence[str],
) -> NamedUser:
    """Save what the user dialog edits (details, enabled, roles) in one transaction:
    saved whole, or refused whole (R14 past the seats, a guest given a role, a
    conflict if someone else saved the user first)."""
    ctx.actor.require(Permission.MANAGE_USERS)
    _check_details("The user was not changed.", display_name, department)
    with ctx.new_uow() as uow:
        for code in sorted(set(roles)):
            known_role(uow, code)
        before = uow.users.get(user_id)
        check_writable(uow, before.account_id, ctx.today)
        after = replace(
            before,
            version=expected_version,
            display_name=clean_detail(display_name),
            department=clean_detail(department),
            is_admin=is_admin,
            enabled=enabled,
            roles=frozenset(roles),
        )
        if replace(after, version=before.version) == before:
            return before  # nothing changes: no new version, no audit entry
        [saved] = save_changes(uow, ctx, "user.update", [(before, after)])
        uow.commit()
        return saved


def load_users(uow: UnitOfWork, user_ids: Sequence[int]) -> list[NamedUser]:
    users = uow.users.get_many(user_ids)
    missing = sorted(set(user_ids) - {u.id for u in users if u.id is not None})
    if missing:
        raise NotFound(f"no user with id {', '.join(map(str, missing))}")
    return users


def check_changes(
    uow: UnitOfWork, today: date, changes: Sequence[Change], *, claim: bool = True
) -> None:
    """Refuse changes of users that would not fit the seats bought (R14), that give a
    guest a role (R14), or that touch a read-only account (R17). Every account that
    gains seats in use is claimed first, all in account order (no two processes wait
    on each other); a preview (`claim=False`) only counts."""
    for _, after in changes:
        refuse_roles_for_guests(after)
    deltas = seat_changes(changes)
    if claim:
        claim_seats(uow, [account_id for account_id, delta in deltas.items() if +delta])
    for account_id, delta in deltas.items():
        check_additions(uow, account_id, today, delta, claim=claim)


def save_changes(
    uow: UnitOfWork, ctx: Context, action: str, changes: list[Change]
) -> list[NamedUser]:
    """Check the changed users (seats per account), then save and audit them."""
    check_changes(uow, ctx.today, changes)
    saved = uow.users.update_many([after for _, after in changes])
    uow.audit.record(
        [
            audit.change_entry(ctx, action, "user", after.id, before=before, after=after)
            for (before, _), after in zip(changes, saved, strict=True)
        ]
    )
    return saved


def seat_changes(changes: Sequence[Change]) -> dict[int, Counter[str]]:
    """Per account, the seats (and guest units) these changes take (> 0) or free."""
    by_account: dict[int, Counter[str]] = defaultdict(Counter)
    for before, after in changes:
        delta = seats_taken([after])
        delta.subtract(seats_taken([before]))
        by_account[after.account_id].update(delta)
    return by_account


def enabling(users: Sequence[NamedUser], enabled: bool) -> list[Change]:
    """The users whose state changes, before and after."""
    return [(u, replace(u, enabled=enabled)) for u in users if u.enabled != enabled]


def assigning(users: Sequence[NamedUser], role: str, assign: bool) -> list[Change]:
    """The users who gain (or lose) the role, before and after."""
    if assign:
        return [(u, replace(u, roles=u.roles | {role})) for u in users if role not in u.roles]
    return [(u, replace(u, roles=u.roles - {role})) for u in users if role in u.roles]


def set_enabled(ctx: Context, user_ids: Sequence[int], *, enabled: bool) -> list[NamedUser]:
    """Enable (seats permitting, R14) or disable users; one transaction for all."""
    ctx.actor.require(Permission.MANAGE_USERS)
    with ctx.new_uow() as uow:
        changes = enabling(load_users(uow, user_ids), enabled)
        saved = save_changes(uow, ctx, "user.enable" if enabled else "user.disable", changes)
        uow.commit()
        return saved


def assign_role(ctx: Context, user_ids: Sequence[int], *, role: str) -> list[NamedUser]:
    """Give users a role; refused whole past the purchased seats (R14)."""
    return _change_role(ctx, user_ids, role, assign=True)


def unassign_role(ctx: Context, user_ids: Sequence[int], *, role: str) -> list[NamedUser]:
    return _change_role(ctx, user_ids, role, assign=False)


def _change_role(
    ctx: Context, user_ids: Sequence[int], role: str, *, assign: bool
) -> list[NamedUser]:
    ctx.actor.require(Permission.MANAGE_USERS)
    with ctx.new_uow() as uow:
        known_role(uow, role)
        changes = assigning(load_users(uow, user_ids), role, assign)
        saved = save_changes(uow, ctx, "user.assign" if assign else "user.unassign", changes)
        uow.commit()
        return saved


def remove_users(ctx: Context, user_ids: Sequence[int]) -> int:
    """Delete users outright: an administrator's choice, recorded (R14)."""
    ctx.actor.require(Permission.MANAGE_USERS)
    with ctx.new_uow() as uow:
        users = load_users(uow, user_ids)
        for account_id in {u.account_id for u in users}:
            check_writable(uow, account_id, ctx.today)
        uow.users.remove_many([u.id for u in users if u.id is not None])
        uow.audit.record(
            [audit.change_entry(ctx, "user.remove", "user", u.id, before=u) for u in users]
        )
        uow.commit()
        return len(users)


def get_user(ctx: Context, user_id: int) -> NamedUser:
    ctx.actor.require(Permission.READ_USERS)
    with ctx.new_uow() as uow:
        return uow.users.get(user_id)
