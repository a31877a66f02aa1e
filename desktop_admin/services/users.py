"""Named users: add, edit, enable/disable, assign/unassign roles, remove (R14)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from desktop_admin.domain.errors import ConflictError, InvalidInput, NotFound, Problem
from desktop_admin.domain.operators import Operator, Permission
from desktop_admin.domain.users import (
    NamedUser,
    clean_detail,
    detail_problem,
    email_problem,
    normalise_email,
)
from desktop_admin.services import audit
from desktop_admin.services.ports import Clock, UnitOfWork
from desktop_admin.services.seats import (
    check_additions,
    check_writable,
    refuse_roles_for_guests,
    seats_taken,
)


def _known_role(uow: UnitOfWork, code: str) -> None:
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
    uow: UnitOfWork,
    clock: Clock,
    actor: Operator,
    account_id: int,
    email: str,
    display_name: str = "",
    roles: Sequence[str] = (),
    enabled: bool = True,
    is_guest: bool = False,
    is_admin: bool = False,
    department: str = "",
) -> NamedUser:
    actor.require(Permission.MANAGE_USERS)
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
    with uow:
        uow.accounts.get(account_id)
        for code in user.roles:
            _known_role(uow, code)
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
        check_additions(uow, account_id, clock.today(), seats_taken([user]))
        user = uow.users.add(user)
        audit.record(uow, clock, actor, "user.create", "user", user.id, after=user)
        uow.commit()
        return user


#: The details `edit_user` compares for `unchanged`, by field name.
DETAILS = ("display_name", "department")


def edit_user(
    uow: UnitOfWork,
    clock: Clock,
    actor: Operator,
    user_id: int,
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
    actor.require(Permission.MANAGE_USERS)
    _check_details("The user was not changed.", display_name, department)
    unknown = sorted(set(unchanged or {}) - set(DETAILS))
    if unknown or (expected_version is None and not unchanged):
        raise ValueError(f"edit_user needs a version or details to compare, not {unknown}")
    with uow:
        before = uow.users.get(user_id)
        check_writable(uow, before.account_id, clock.today())
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
        audit.record(uow, clock, actor, "user.update", "user", user_id, before, saved)
        uow.commit()
        return saved


def _load(uow: UnitOfWork, user_ids: Sequence[int]) -> list[NamedUser]:
    users = uow.users.get_many(user_ids)
    missing = sorted(set(user_ids) - {u.id for u in users if u.id is not None})
    if missing:
        raise NotFound(f"no user with id {', '.join(map(str, missing))}")
    return users


def _apply(
    uow: UnitOfWork,
    clock: Clock,
    actor: Operator,
    action: str,
    changes: list[tuple[NamedUser, NamedUser]],
) -> list[NamedUser]:
    """Check seats per account for the changed users, then save and audit them."""
    by_account: dict[int, Counter[str]] = defaultdict(Counter)
    for before, after in changes:
        delta = seats_taken([after])
        delta.subtract(seats_taken([before]))
        by_account[after.account_id].update(delta)
    for account_id, delta in by_account.items():
        check_additions(uow, account_id, clock.today(), delta)
    saved = uow.users.update_many([after for _, after in changes])
    uow.audit.record(
        [
            audit.entry(clock, actor, action, "user", after.id, before, after)
            for (before, _), after in zip(changes, saved, strict=True)
        ]
    )
    return saved


def set_enabled(
    uow: UnitOfWork, clock: Clock, actor: Operator, user_ids: Sequence[int], enabled: bool
) -> list[NamedUser]:
    """Enable (seats permitting, R14) or disable users; one transaction for all."""
    actor.require(Permission.MANAGE_USERS)
    with uow:
        users = _load(uow, user_ids)
        changes = [(u, replace(u, enabled=enabled)) for u in users if u.enabled != enabled]
        saved = _apply(uow, clock, actor, "user.enable" if enabled else "user.disable", changes)
        uow.commit()
        return saved


def assign_role(
    uow: UnitOfWork, clock: Clock, actor: Operator, user_ids: Sequence[int], role: str
) -> list[NamedUser]:
    """Give users a role; refused whole past the purchased seats (R14)."""
    actor.require(Permission.MANAGE_USERS)
    with uow:
        _known_role(uow, role)
        users = _load(uow, user_ids)
        changes = [(u, replace(u, roles=u.roles | {role})) for u in users if role not in u.roles]
        for _, after in changes:
            refuse_roles_for_guests(after)
        saved = _apply(uow, clock, actor, "user.assign", changes)
        uow.commit()
        return saved


def unassign_role(
    uow: UnitOfWork, clock: Clock, actor: Operator, user_ids: Sequence[int], role: str
) -> list[NamedUser]:
    actor.require(Permission.MANAGE_USERS)
    with uow:
        _known_role(uow, role)
        users = _load(uow, user_ids)
        changes = [(u, replace(u, roles=u.roles - {role})) for u in users if role in u.roles]
        saved = _apply(uow, clock, actor, "user.unassign", changes)
        uow.commit()
        return saved


def remove_users(uow: UnitOfWork, clock: Clock, actor: Operator, user_ids: Sequence[int]) -> int:
    """Delete users outright: an administrator's choice, recorded (R14)."""
    actor.require(Permission.MANAGE_USERS)
    with uow:
        users = _load(uow, user_ids)
        for account_id in {u.account_id for u in users}:
            check_writable(uow, account_id, clock.today())
        uow.users.remove_many([u.id for u in users if u.id is not None])
        uow.audit.record(
            [audit.entry(clock, actor, "user.remove", "user", u.id, before=u) for u in users]
        )
        uow.commit()
        return len(users)


def get_user(uow: UnitOfWork, actor: Operator, user_id: int) -> NamedUser:
    actor.require(Permission.READ_USERS)
    with uow:
        return uow.users.get(user_id)


def list_users(
    uow: UnitOfWork,
    actor: Operator,
    account_id: int,
    search: str = "",
    limit: int = 1000,
    offset: int = 0,
) -> list[NamedUser]:
    actor.require(Permission.READ_USERS)
    with uow:
        uow.accounts.get(account_id)
        return uow.users.page(account_id, search, limit, offset)


def user_ids(
    uow: UnitOfWork,
    actor: Operator,
    account_id: int,
    search: str = "",
    enabled: bool | None = None,
    role: str | None = None,
    sort: str = "email",
    descending: bool = False,
) -> list[int]:
    """The matching users' ids in display order (filter and sort run in SQL)."""
    actor.require(Permission.READ_USERS)
    with uow:
        uow.accounts.get(account_id)
        return uow.users.ids(account_id, search, enabled, role, sort, descending)


def users_by_ids(uow: UnitOfWork, actor: Operator, user_ids: Sequence[int]) -> list[NamedUser]:
    """These users, in the order of `user_ids` (missing ones are left out)."""
    actor.require(Permission.READ_USERS)
    with uow:
        found = {u.id: u for u in uow.users.get_many(user_ids)}
        return [found[i] for i in user_ids if i in found]
