"""Named users and their role assignments: the biggest tables, read in bulk."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from desktop_admin.domain.errors import NotFound
from desktop_admin.domain.lifecycle import Holder
from desktop_admin.domain.users import NamedUser
from desktop_admin.persistence.orm import AssignmentRow, UserRow
from desktop_admin.persistence.repositories import chunks, now, versioned_update
from desktop_admin.persistence.sync import SqlOutbox


def roles_of(session: Session, user_ids: Sequence[int]) -> dict[int, set[str]]:
    """The role codes each of these users holds."""
    roles: dict[int, set[str]] = defaultdict(set)
    for chunk in chunks(user_ids):
        for user_id, code in session.execute(
            select(AssignmentRow.user_id, AssignmentRow.role_code).where(
                AssignmentRow.user_id.in_(chunk)
            )
        ):
            roles[user_id].add(code)
    return roles


def named_users(session: Session, rows: Sequence[Any]) -> list[NamedUser]:
    """Users from rows of the users table (ORM objects or Core rows), with their roles."""
    roles = roles_of(session, [r.id for r in rows])
    return [
        NamedUser(
            account_id=r.account_id,
            email=r.email,
            display_name=r.display_name,
            department=r.department,
            enabled=r.enabled,
            is_guest=r.is_guest,
            is_admin=r.is_admin,
            roles=frozenset(roles.get(r.id, ())),
            id=r.id,
            version=r.version,
        )
        for r in rows
    ]


class SqlUsers:
    """The users the rules decide on: gets, adds and updates, seats in use, holders.
    What people see of them (lists, search, exports) is `reads.users`.

    Every write queues the users it touched in the sync outbox, in the same
    transaction (accounts without sync queue nothing); `to_platform=False` is for the
    sync's own writes of what the platform told.
    """

    def __init__(self, session: Session, outbox: SqlOutbox) -> None:
        self.session, self.outbox = session, outbox

    def add(self, user: NamedUser) -> NamedUser:
        user_id = self.add_many([user])[0]
        return replace(user, id=user_id, version=1)

    def add_many(self, users: Sequence[NamedUser], *, to_platform: bool = True) -> list[int]:
        """Bulk insert, in chunks; returns the new ids in order."""
        created, ids = now(), []
        for chunk in chunks(users):
            rows = [
                dict(
                    account_id=u.account_id,
                    email=u.email,
                    display_name=u.display_name,
                    department=u.department,
                    enabled=u.enabled,
                    is_guest=u.is_guest,
                    is_admin=u.is_admin,
                    created_at=created,
                    version=1,
                )
                for u in chunk
            ]
            new_ids = list(
                self.session.scalars(
                    insert(UserRow).returning(UserRow.id, sort_by_parameter_order=True), rows
                )
            )
            assignments = [
                dict(user_id=i, role_code=code, account_id=u.account_id)
                for i, u in zip(new_ids, chunk, strict=True)
                for code in u.roles
            ]
            if assignments:
                self.session.execute(insert(AssignmentRow), assignments)
            if to_platform:
                self.outbox.enqueue(new_ids, replacing=False)
            ids += new_ids
        return ids

    def get(self, user_id: int) -> NamedUser:
        found = self.get_many([user_id])
        if not found:
            raise NotFound(f"no user with id {user_id}")
        return found[0]

    def get_many(self, user_ids: Sequence[int]) -> list[NamedUser]:
        rows: list[UserRow] = []
        for chunk in chunks(list(dict.fromkeys(user_ids))):
            rows += self.session.scalars(select(UserRow).where(UserRow.id.in_(chunk)))
        rows.sort(key=lambda r: r.id)
        return named_users(self.session, rows)

    def existing_emails(self, account_id: int, emails: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk in chunks(list(emails)):
            found.update(
                self.session.scalars(
                    select(UserRow.email).where(
                        UserRow.account_id == account_id, UserRow.email.in_(chunk)
                    )
                )
            )
        return found

    def update(self, user: NamedUser) -> NamedUser:
        return self.update_many([user])[0]

    def update_many(
        self, users: Sequence[NamedUser], *, to_platform: bool = True
    ) -> list[NamedUser]:
        """Save each user's fields and roles, checking its version (optimistic lock)."""
        current = roles_of(self.session, [u.id for u in users if u.id is not None])
        saved = []
        for user in users:
            assert user.id is not None
            version = versioned_update(
                self.session,
                UserRow,
                user.id,
                user.version,
                "user",
                dict(
                    display_name=user.display_name,
                    department=user.department,
                    enabled=user.enabled,
                    is_guest=user.is_guest,
                    is_admin=user.is_admin,
                ),
            )
            had = current.get(user.id, set())
            if had - user.roles:
                self.session.execute(
                    delete(AssignmentRow).where(
                        AssignmentRow.user_id == user.id,
                        AssignmentRow.role_code.in_(had - user.roles),
                    )
                )
            if user.roles - had:
                self.session.execute(
                    insert(AssignmentRow),
                    [
                        dict(user_id=user.id, role_code=c, account_id=user.account_id)
                        for c in sorted(user.roles - had)
                    ],
                )
            saved.append(replace(user, version=version))
        if to_platform:
            self.outbox.enqueue([u.id for u in saved if u.id is not None])
        return saved

    def remove_many(self, user_ids: Sequence[int]) -> None:
        self.outbox.enqueue(user_ids)  # while their e-mail is still there
        for chunk in chunks(list(user_ids)):
            self.session.execute(delete(AssignmentRow).where(AssignmentRow.user_id.in_(chunk)))
            self.session.execute(delete(UserRow).where(UserRow.id.in_(chunk)))

    def seats_in_use(self, account_id: int) -> dict[str, int]:
        query = (
            select(AssignmentRow.role_code, func.count())
            .join(UserRow, UserRow.id == AssignmentRow.user_id)
            .where(
                AssignmentRow.account_id == account_id,
                UserRow.enabled.is_(True),
                UserRow.is_guest.is_(False),
            )
            .group_by(AssignmentRow.role_code)
        )
        return {code: count for code, count in self.session.execute(query).all()}

    def holders(self, account_id: int, role_code: str) -> list[Holder]:
        """Enabled, non-guest users holding a role (the R15 seat check's population)."""
        query = (
            select(UserRow.id, UserRow.is_admin)
            .join(AssignmentRow, AssignmentRow.user_id == UserRow.id)
            .where(
                AssignmentRow.account_id == account_id,
                AssignmentRow.role_code == role_code,
                UserRow.enabled.is_(True),
                UserRow.is_guest.is_(False),
            )
            .order_by(UserRow.id)
        )
        return [Holder(user_id, is_admin) for user_id, is_admin in self.session.execute(query)]

    def guests_in_use(self, account_id: int) -> int:
        return (
            self.session.scalar(
                select(func.count())
                .select_from(UserRow)
                .where(
                    UserRow.account_id == account_id,
                    UserRow.enabled.is_(True),
                    UserRow.is_guest.is_(True),
                )
            )
            or 0
        )

    def enabled_of(self, account_id: int) -> list[NamedUser]:
        """The enabled users of an account, by id: whom assignment rules consider."""
        rows = self.session.scalars(
            select(UserRow)
            .where(UserRow.account_id == account_id, UserRow.enabled.is_(True))
            .order_by(UserRow.id)
        )
        return named_users(self.session, list(rows))
