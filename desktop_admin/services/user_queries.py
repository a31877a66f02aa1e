"""Reading users for people to see: a `UserQuery` counted, listed as ordered ids, rows
by id as a table shows them, and exported page by page (keyset, never OFFSET)."""

from __future__ import annotations

from collections.abc import Sequence

from desktop_admin.domain.operators import Permission
from desktop_admin.domain.users import NamedUser, UserQuery
from desktop_admin.domain.users_csv import write_users_csv
from desktop_admin.services.context import Context


def count_users(ctx: Context, query: UserQuery) -> int:
    """How many users the query matches."""
    ctx.actor.require(Permission.READ_USERS)
    with ctx.new_uow() as uow:
        uow.accounts.get(query.account_id)
        return uow.reads.users.count(query)


def user_ids(ctx: Context, query: UserQuery, *, limit: int | None = None) -> list[int]:
    """The matching users' ids in the query's order (filter and sort run in SQL), the
    first `limit` of them if given."""
    ctx.actor.require(Permission.READ_USERS)
    with ctx.new_uow() as uow:
        uow.accounts.get(query.account_id)
        return uow.reads.users.ids(query, limit)


def users_by_ids(ctx: Context, user_ids: Sequence[int]) -> list[NamedUser]:
    """These users, in the order of `user_ids` (missing ones are left out)."""
    ctx.actor.require(Permission.READ_USERS)
    with ctx.new_uow() as uow:
        return uow.reads.users.by_ids(user_ids)


def export_users(ctx: Context, query: UserQuery) -> list[NamedUser]:
    """Every user the query matches, in its order, read a page at a time."""
    ctx.actor.require(Permission.READ_USERS)
    with ctx.new_uow() as uow:
        uow.accounts.get(query.account_id)
        return [user for page in uow.reads.users.pages(query) for user in page]


def export_users_csv(ctx: Context, query: UserQuery) -> str:
    """The user CSV of the query's users, as the import reads it back."""
    return write_users_csv(export_users(ctx, query))
