"""The dashboard's queries: revenue per issue day, seats per role over every account,
the renewals and scheduled changes coming up and the blocked ones, each one query
(or two) whatever the number of accounts."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from desktop_admin.domain.changes import ChangeStatus
from desktop_admin.domain.dashboard import ChangeDue, Renewal, RoleSeats
from desktop_admin.domain.invoicing import InvoiceStatus
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.subscriptions import SEAT_GRANTING, SubscriptionStatus
from desktop_admin.persistence.orm import (
    AccountRow,
    AddonRow,
    Amount,
    AssignmentRow,
    InvoiceRow,
    RoleRow,
    ScheduledChangeRow,
    SubscriptionItemRow,
    SubscriptionRow,
    UserRow,
)
from desktop_admin.persistence.subscriptions import change_from_row


class SqlDashboardReads:
    def __init__(self, session: Session) -> None:
        self._session = session

    def revenue_by_day(self, first: date, last: date) -> list[tuple[date, str, Decimal]]:
        """The net of the documents issued (drafts left out) from `first` to `last`,
        summed in SQL per issue day and currency; credit notes count negative (their
        lines are). Exact: NUMERIC on PostgreSQL, scaled integers on SQLite."""
        net = func.sum(InvoiceRow.net, type_=Amount())
        rows = self._session.execute(
            select(InvoiceRow.issue_date, InvoiceRow.currency, net)
            .where(
                InvoiceRow.status != InvoiceStatus.DRAFT.value,
                InvoiceRow.issue_date >= first,
                InvoiceRow.issue_date <= last,
            )
            .group_by(InvoiceRow.issue_date, InvoiceRow.currency)
            .order_by(InvoiceRow.issue_date, InvoiceRow.currency)
        )
        return [(day, currency, amount) for day, currency, amount in rows]

    def seats_by_role(self, today: date) -> tuple[RoleSeats, ...]:
        """Per role, over every account: the seats of the subscriptions granting seats
        today, and those held by enabled users who are not guests; the catalog's roles
        first (by name), then any other code."""
        purchased = self._counts(
            select(SubscriptionItemRow.code, func.sum(SubscriptionItemRow.quantity))
            .join(SubscriptionRow, SubscriptionRow.id == SubscriptionItemRow.subscription_id)
            .where(
                SubscriptionItemRow.product == "role",
                SubscriptionRow.status.in_([s.value for s in SEAT_GRANTING]),
                SubscriptionRow.anchor <= today,
                or_(SubscriptionRow.ends_on.is_(None), SubscriptionRow.ends_on > today),
            )
            .group_by(SubscriptionItemRow.code)
        )
        in_use = self._counts(
            select(AssignmentRow.role_code, func.count())
            .join(UserRow, UserRow.id == AssignmentRow.user_id)
            .where(UserRow.enabled.is_(True), UserRow.is_guest.is_(False))
            .group_by(AssignmentRow.role_code)
        )
        names = self._names(RoleRow)
        order = list(names) + sorted(set(purchased) - set(names))
        return tuple(
            RoleSeats(code, names.get(code, code), purchased[code], in_use[code])
            for code in order
            if purchased[code] or in_use[code]
        )

    def _counts(self, query: Select[str, int]) -> Counter[str]:
        return Counter({code: int(count or 0) for code, count in self._session.execute(query)})

    def _names(self, table: Any) -> dict[str, str]:
        """Codes and names of the catalog's roles (`RoleRow`) or add-ons, by name."""
        query: Select[str, str] = select(table.code, table.name).order_by(table.name)
        return {code: name for code, name in self._session.execute(query)}

    def renewals_until(self, day: date) -> tuple[Renewal, ...]:
        """Active subscriptions whose paid time ends on or before `day`, by that date and
        id: the renewals, or ends, coming up."""
        rows = self._session.execute(
            select(
                SubscriptionRow.id,
                SubscriptionRow.account_id,
                AccountRow.name,
                SubscriptionRow.billed_through,
                SubscriptionRow.cycle,
                SubscriptionRow.auto_renew,
            )
            .join(AccountRow, AccountRow.id == SubscriptionRow.account_id)
            .where(
                SubscriptionRow.status == SubscriptionStatus.ACTIVE.value,
                SubscriptionRow.billed_through <= day,
            )
            .order_by(SubscriptionRow.billed_through, SubscriptionRow.id)
        )
        return tuple(
            Renewal(sid, account_id, name, due_on or day, Cycle(cycle), auto_renew)
            for sid, account_id, name, due_on, cycle, auto_renew in rows
        )

    def changes_until(self, day: date) -> tuple[ChangeDue, ...]:
        """The pending changes due on or before `day`, by date and id."""
        return self._changes(
            ScheduledChangeRow.status == ChangeStatus.PENDING.value,
            ScheduledChangeRow.effective_on <= day,
        )

    def blocked_changes(self, limit: int) -> tuple[ChangeDue, ...]:
        """The first `limit` changes the seat check blocked (R15), by date and id."""
        return self._changes(ScheduledChangeRow.status == ChangeStatus.BLOCKED.value, limit=limit)

    def _changes(self, *where: Any, limit: int | None = None) -> tuple[ChangeDue, ...]:
        names = self._names(RoleRow) | self._names(AddonRow)
        rows = self._session.execute(
            select(ScheduledChangeRow, SubscriptionRow.account_id, AccountRow.name)
            .join(SubscriptionRow, SubscriptionRow.id == ScheduledChangeRow.subscription_id)
            .join(AccountRow, AccountRow.id == SubscriptionRow.account_id)
            .where(*where)
            .order_by(ScheduledChangeRow.effective_on, ScheduledChangeRow.id)
            .limit(limit)
        )
        return tuple(
            ChangeDue(change_from_row(row), account_id, name, names.get(row.code, row.code))
            for row, account_id, name in rows
        )
