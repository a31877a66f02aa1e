"""The dashboard: seats bought against seats used per role, recurring revenue by month,
and what falls due soon (renewals, scheduled downgrades) or is stuck (blocked ones).

Read only, from the dashboard's read model; one transaction, so that the figures
agree with each other.
"""

from __future__ import annotations

from datetime import timedelta

from desktop_admin.domain.dashboard import (
    ChangeDue,
    Dashboard,
    MonthRevenue,
    Renewal,
    Revenue,
    RoleSeats,
    month_starts,
    revenue_by_month,
)
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.periods import add_months
from desktop_admin.services.context import Context

__all__ = ["ChangeDue", "Dashboard", "MonthRevenue", "Renewal", "Revenue", "RoleSeats", "dashboard"]

#: How far ahead the dashboard looks for renewals and scheduled changes.
HORIZON_DAYS = 30
#: The longest list of blocked changes shown.
BLOCKED_LIMIT = 200


def dashboard(ctx: Context) -> Dashboard:
    """What the dashboard shows; revenue only to operators who may read billing."""
    ctx.actor.require(Permission.READ_ACCOUNTS)
    today = ctx.today
    horizon = today + timedelta(days=HORIZON_DAYS)
    with ctx.new_uow() as uow:
        board = uow.reads.dashboard
        revenue = None
        if ctx.actor.may(Permission.READ_BILLING):
            months = month_starts(today)
            last = add_months(months[-1], 1) - timedelta(days=1)
            days = board.revenue_by_day(months[0], last)
            revenue = revenue_by_month(days, months, uow.catalog.currency())
        return Dashboard(
            today,
            horizon,
            board.seats_by_role(today),
            revenue,
            board.renewals_until(horizon),
            board.changes_until(horizon),
            board.blocked_changes(BLOCKED_LIMIT),
        )
