"""What the user dialog asks of the session: the seats to show, and adding or saving one
user. The rules (R14 seats, R17 read-only accounts, who may manage users) are the
services'; this only says which operations the form's changes need."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_admin.app import OperatorSession, Outcome
from desktop_admin.domain.users import NamedUser, SeatUsage


@dataclass(frozen=True)
class UserForm:
    """What the dialog's fields say the user should be."""

    email: str
    display_name: str
    department: str
    roles: frozenset[str]
    is_guest: bool
    is_admin: bool
    enabled: bool


@dataclass(frozen=True)
class Saved:
    """What saving did: the user as it now stands (an edit is saved whole or refused
    whole)."""

    user: NamedUser


def load_user(
    session: OperatorSession, account_id: int, user_id: int | None
) -> tuple[dict[str, SeatUsage], NamedUser | None]:
    """The account's seats per role code (and guest units), and the user to edit."""
    seats = {usage.code: usage for usage in session.licences.seats(account_id)}
    return seats, None if user_id is None else session.users.get(user_id)


def add_user(session: OperatorSession, account_id: int, form: UserForm) -> Outcome[Saved]:
    """One operation: the user, its roles and their seats, or nothing (R14)."""
    added = session.users.add(
        account_id=account_id,
        email=form.email,
        display_name=form.display_name,
        department=form.department,
        roles=sorted(form.roles),
        enabled=form.enabled,
        is_guest=form.is_guest,
        is_admin=form.is_admin,
    )
    return Outcome(Saved(added.value), added.changes)


def save_user(session: OperatorSession, before: NamedUser, form: UserForm) -> Outcome[Saved]:
    """One operation: the details, enabled and roles as the form says, saved whole or
    refused whole (R14 past the seats, or someone else saved the user first)."""
    assert before.id is not None
    saved = session.users.update(
        before.id,
        expected_version=before.version,
        display_name=form.display_name,
        department=form.department,
        is_admin=form.is_admin,
        enabled=form.enabled,
        roles=sorted(form.roles),
    )
    return Outcome(Saved(saved.value), saved.changes)
