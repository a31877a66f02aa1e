"""What people see of the users: counts, ordered ids, rows by id, exports.

Each answers a `UserQuery` in SQL (filter, search and order), with Core statements
rather than ORM objects: a table of a million users keeps their ids only (read in
partitions, so that a GUI thread waiting for the interpreter is not stalled), fetches
rows by id as they are shown, and exports page by keyset, never by OFFSET.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, literal, or_, select
from sqlalchemy.orm import Session

from desktop_admin.domain.users import NamedUser, SeatHoldings, UserQuery
from desktop_admin.persistence.orm import AssignmentRow, UserRow
from desktop_admin.persistence.repositories import chunks
from desktop_admin.persistence.users import named_users

USERS = UserRow.__table__.c
HELD = AssignmentRow.__table__.c
#: Ids read per fetch when listing a table's users.
ID_PARTITION = 20_000
#: Users read per page of an export.
EXPORT_PAGE = 5_000
#: The columns of a user, as `named_users` reads them.
USER_COLUMNS = (
    USERS.id,
    USERS.account_id,
    USERS.email,
    USERS.display_name,
    USERS.department,
    USERS.enabled,
    USERS.is_guest,
    USERS.is_admin,
    USERS.version,
)


def like_pattern(needle: str) -> str:
    """`%needle%` with LIKE's wildcards (and its escape character) taken literally."""
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _holds(role: str) -> ColumnElement[bool]:
    return exists().where(HELD.user_id == USERS.id, HELD.role_code == role)


def conditions(query: UserQuery) -> list[ColumnElement[bool]]:
    """The WHERE clause of a query, term by term."""
    where: list[ColumnElement[bool]] = [USERS.account_id == query.account_id]
    if query.needle:
        pattern = like_pattern(query.needle)
        where.append(
            or_(
                USERS.email.like(pattern, escape="\\"),
                func.lower(USERS.display_name).like(pattern, escape="\\"),
            )
        )
    if query.enabled is not None:
        where.append(USERS.enabled.is_(query.enabled))
    if query.guest is not None:
        where.append(USERS.is_guest.is_(query.guest))
    if query.role:
        where.append(_holds(query.role))
    if query.without_role:
        where.append(~_holds(query.without_role))
    return where


def _ordered(statement: Select[Any], query: UserQuery) -> Select[Any]:
    column = USERS[query.sort]
    if query.descending:
        return statement.order_by(column.desc(), USERS.id.desc())
    return statement.order_by(column, USERS.id)


def _after(query: UserQuery, last: Any) -> ColumnElement[bool]:
    """The keyset condition: the rows that come after `last` in the query's order."""
    column = USERS[query.sort]
    value = literal(getattr(last, query.sort), column.type)  # True and False as values too
    if query.descending:
        return or_(column < value, and_(column == value, USERS.id < last.id))
    return or_(column > value, and_(column == value, USERS.id > last.id))


class SqlUserReads:
    """`uow.reads.users`."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def count(self, query: UserQuery) -> int:
        statement = select(func.count()).select_from(UserRow.__table__).where(*conditions(query))
        return self._session.connection().scalar(statement) or 0

    def ids(self, query: UserQuery, limit: int | None = None) -> list[int]:
        """The ids of the matching users, in the query's order (at most `limit`)."""
        statement = _ordered(select(USERS.id).where(*conditions(query)), query).limit(limit)
        return self._first_column(statement)

    def holdings(self, account_id: int) -> SeatHoldings:
        """Who of the account is enabled, who is a guest and who holds which role: what
        a change of many users does to the seats, counted without reading their rows."""
        of_account = USERS.account_id == account_id
        roles: dict[str, set[int]] = defaultdict(set)
        held = select(HELD.user_id, HELD.role_code).where(HELD.account_id == account_id)
        for user_id, code in self._session.connection().execute(held):
            roles[code].add(user_id)
        enabled = self._first_column(select(USERS.id).where(of_account, USERS.enabled))
        guests = self._first_column(select(USERS.id).where(of_account, USERS.is_guest))
        return SeatHoldings(
            enabled=frozenset(enabled),
            guests=frozenset(guests),
            roles={code: frozenset(ids) for code, ids in roles.items()},
        )

    def _first_column(self, statement: Select[Any]) -> list[Any]:
        """The first value of every row, read with the driver's own cursor a partition at
        a time: a million ids through SQLAlchemy's rows take twice as long, and one fetch
        of them all would hold the interpreter lock throughout (a GUI thread waits)."""
        connection = self._session.connection()
        compiled = statement.compile(dialect=connection.dialect)
        parameters: Any = compiled.params
        if compiled.positional:
            parameters = [compiled.params[name] for name in compiled.positiontup or ()]
        cursor = connection.connection.cursor()
        try:
            cursor.execute(str(compiled), parameters)
            values: list[Any] = []
            while rows := cursor.fetchmany(ID_PARTITION):
                values.extend([row[0] for row in rows])
            return values
        finally:
            cursor.close()

    def by_ids(self, user_ids: Sequence[int]) -> list[NamedUser]:
        """These users in the order of `user_ids` (missing ones are left out)."""
        rows: dict[int, Any] = {}
        connection = self._session.connection()
        for chunk in chunks(list(dict.fromkeys(user_ids))):
            for row in connection.execute(select(*USER_COLUMNS).where(USERS.id.in_(chunk))):
                rows[row.id] = row
        return named_users(self._session, [rows[i] for i in user_ids if i in rows])

    def pages(self, query: UserQuery, size: int = EXPORT_PAGE) -> Iterator[list[NamedUser]]:
        """The matching users in the query's order, a page at a time, each page read
        after the last row of the one before (keyset), never skipping an OFFSET."""
        statement = _ordered(select(*USER_COLUMNS).where(*conditions(query)), query).limit(size)
        connection, last = self._session.connection(), None
        while True:
            rows = connection.execute(
                statement if last is None else statement.where(_after(query, last))
            ).all()
            if rows:
                yield named_users(self._session, rows)
            if len(rows) < size:
                return
            last = rows[-1]
