"""`session.users`: named users, their roles, CSV import and export."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from desktop_admin.app.areas import Area
from desktop_admin.domain.outcome import Changes, Outcome
from desktop_admin.domain.users import NamedUser
from desktop_admin.services import user_import, users
from desktop_admin.services.user_import import ImportReport

#: A change of who holds which role: users, seats in use, the trail.
HOLDERS = Changes.USERS | Changes.ASSIGNMENTS | Changes.AUDIT


class UsersArea(Area):
    def add(
        self,
        *,
        account_id: int,
        email: str,
        display_name: str = "",
        roles: Sequence[str] = (),
        enabled: bool = True,
        is_guest: bool = False,
        is_admin: bool = False,
        department: str = "",
    ) -> Outcome[NamedUser]:
        c = self._ctx
        user = users.add_user(
            c.new_uow(), c.clock, c.actor, account_id, email, display_name, roles, enabled,
            is_guest, is_admin, department,
        )  # fmt: skip
        return Outcome(user, HOLDERS)

    def edit(
        self,
        user_id: int,
        *,
        expected_version: int | None,
        display_name: str | None = None,
        department: str | None = None,
        is_admin: bool | None = None,
        unchanged: Mapping[str, str] | None = None,
    ) -> Outcome[NamedUser]:
        """Change a user's details, refused as a conflict if the user's version is no
        longer `expected_version`, or (given `unchanged`) if those fields changed."""
        c = self._ctx
        user = users.edit_user(
            c.new_uow(), c.clock, c.actor, user_id, expected_version, display_name, department,
            is_admin, unchanged,
        )  # fmt: skip
        return Outcome(user, Changes.USERS | Changes.AUDIT)

    def set_enabled(self, user_ids: Sequence[int], *, enabled: bool) -> Outcome[list[NamedUser]]:
        c = self._ctx
        return Outcome(users.set_enabled(c.new_uow(), c.clock, c.actor, user_ids, enabled), HOLDERS)

    def assign(self, user_ids: Sequence[int], *, role: str) -> Outcome[list[NamedUser]]:
        c = self._ctx
        return Outcome(users.assign_role(c.new_uow(), c.clock, c.actor, user_ids, role), HOLDERS)

    def unassign(self, user_ids: Sequence[int], *, role: str) -> Outcome[list[NamedUser]]:
        c = self._ctx
        return Outcome(users.unassign_role(c.new_uow(), c.clock, c.actor, user_ids, role), HOLDERS)

    def remove(self, user_ids: Sequence[int]) -> Outcome[int]:
        c = self._ctx
        return Outcome(users.remove_users(c.new_uow(), c.clock, c.actor, user_ids), HOLDERS)

    def get(self, user_id: int) -> NamedUser:
        return users.get_user(self._ctx.new_uow(), self._ctx.actor, user_id)

    def page(
        self, account_id: int, *, search: str = "", limit: int = 1000, offset: int = 0
    ) -> list[NamedUser]:
        return users.list_users(
            self._ctx.new_uow(), self._ctx.actor, account_id, search, limit, offset
        )

    def ids(
        self,
        account_id: int,
        *,
        search: str = "",
        enabled: bool | None = None,
        role: str | None = None,
        sort: str = "email",
        descending: bool = False,
    ) -> list[int]:
        return users.user_ids(
            self._ctx.new_uow(), self._ctx.actor, account_id, search, enabled, role, sort,
            descending,
        )  # fmt: skip

    def by_ids(self, user_ids: Sequence[int]) -> list[NamedUser]:
        return users.users_by_ids(self._ctx.new_uow(), self._ctx.actor, user_ids)

    def import_csv(
        self,
        *,
        account_id: int,
        text: str,
        good_rows_only: bool = False,
        source: str | None = None,
        apply_rules: bool = True,
    ) -> Outcome[ImportReport]:
        """Import a user CSV; the account's assignment rules give the new users their
        roles unless `apply_rules` is false."""
        c = self._ctx
        report = user_import.import_users(
            c.new_uow(), c.clock, c.actor, account_id, text, good_rows_only, source, apply_rules
        )
        return Outcome(report, HOLDERS)

    def check_import(
        self, *, account_id: int, text: str, source: str | None = None, apply_rules: bool = True
    ) -> ImportReport:
        """What importing the good rows of a user CSV would do, writing nothing: the bad
        rows, and who the assignment rules would give a seat (or could not)."""
        c = self._ctx
        return user_import.import_users(
            c.new_uow(), c.clock, c.actor, account_id, text, source=source,
            apply_rules=apply_rules, check_only=True,
        )  # fmt: skip

    def export(self, account_id: int, *, search: str = "") -> list[NamedUser]:
        return user_import.export_users(self._ctx.new_uow(), self._ctx.actor, account_id, search)

    def export_csv(self, account_id: int, *, search: str = "") -> str:
        return user_import.export_users_csv(
            self._ctx.new_uow(), self._ctx.actor, account_id, search
        )
