"""Read models: the queries behind tables, lists, dashboards and exports.

Apart from the repositories (which get, add and update aggregates for the rules),
as Cosmic Python keeps its views apart: a read model answers one screen's or one
export's question in SQL, pages by keyset or id list (never OFFSET), and is tested
against real SQLite and PostgreSQL only, never faked.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from desktop_admin.persistence.reads.audit import SqlAuditReads
from desktop_admin.persistence.reads.billing import SqlBillingReads
from desktop_admin.persistence.reads.dashboard import SqlDashboardReads
from desktop_admin.persistence.reads.users import SqlUserReads


class SqlReads:
    """The read models of one unit of work's session (`uow.reads`)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self.users = SqlUserReads(session)
        self.audit = SqlAuditReads(session)
        self.billing = SqlBillingReads(session)
        self.dashboard = SqlDashboardReads(session)
