"""Read models: the queries behind tables, lists, dashboards and exports.

Apart from the repositories (which get, add and update aggregates for the rules),
as Cosmic Python keeps its views apart: a read model answers one screen's or one
export's question in SQL, pages by keyset or id list (never OFFSET), and is tested
against real SQLite and PostgreSQL only, never faked.
"""

from __future__ import annotations

from sqlalchemy.orm import Session


class SqlReads:
    """The read models of one unit of work's session (`uow.reads`)."""

    def __init__(self, session: Session) -> None:
        self._session = session
