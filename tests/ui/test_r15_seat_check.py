"""R15 before the date, as the window shows it, is the billing run's decision on that
date: a downgrade is checked against the seats the account will have then, not today."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from desktop_admin.app import AdminApp, OperatorSession
from desktop_admin.domain.changes import ChangeRequest, ChangeStatus
from desktop_admin.domain.lifecycle import SeatCheck
from desktop_admin.domain.periods import Cycle
from desktop_admin.security import Argon2Hasher
from ui.pages.subscriptions import SubscriptionsPage
from ui.tasks import BackgroundTasks

from .conftest import ADMIN, PASSWORD, TODAY
from .test_inventory import open_page, settle

#: The company's yearly subscription (12 designers, 10 holders) renews then.
RENEWAL = date(2026, 11, 15)


def test_r15_the_warning_shown_is_the_decision_the_billing_run_makes_on_the_day(
    qtbot: QtBot,
    admin_session: OperatorSession,
    tasks: BackgroundTasks,
    company_id: int,
    db_url: str,
) -> None:
    """Today the account has 12 + 2 designer seats for 10 holders, so a downgrade of the
    yearly subscription to 9 leaves 11 seats. But the 2 others are a quarterly
    subscription whose renewal is stopped: it ends on 15 June, before the downgrade
    applies on 15 November with 9 seats for 10 holders, and one user is drawn."""
    session = admin_session
    [yearly] = session.subscriptions.of_account(company_id)
    extra = session.subscriptions.record(
        account_id=company_id, cycle=Cycle.QUARTERLY, seats={"designer": 2}, start=TODAY
    ).value
    session.subscriptions.set_auto_renew(extra.id or 0, renew=False)
    session.subscriptions.change(yearly.id or 0, ChangeRequest(seats={"designer": 9}))
    designers = next(s for s in session.licences.seats(company_id) if s.code == "designer")
    assert (designers.purchased, designers.in_use) == (14, 10)  # fits today

    page = open_page(qtbot, session, tasks, SubscriptionsPage)
    page.select_subscription(yearly.id or 0)
    settle(qtbot, tasks, page)
    [row] = page.changes.records()
    assert row.warning == (
        "R15: Designer: 10 users hold the role, 9 seats after the change; "
        "1 user(s) will be disabled by a draw"
    )
    assert "R15: Designer" in page.warnings_label.text()
    shown = row.seat_check
    assert shown is not None and shown.outcome is SeatCheck.DISABLE

    later = AdminApp.open(db_url, today=RENEWAL, hasher=Argon2Hasher.cheap())
    try:
        renewal = later.login(ADMIN, PASSWORD)
        report = renewal.billing.run().value
        [applied] = [c.change for c in renewal.subscriptions.scheduled_changes(yearly.id or 0)]
        disabled = [u.id for u in map(renewal.users.get, shown.to_disable) if not u.enabled]
    finally:
        later.close()
    assert extra.id in report.ended
    assert applied.status is ChangeStatus.APPLIED and report.blocked == []
    [note] = report.disabled
    assert note.startswith(
        "R15: Designer: 10 users hold the role, 9 seats after the change; "
        f"1 user(s) disabled by a draw (seed {shown.seed})"
    )
    assert note.endswith(f"users {', '.join(map(str, shown.to_disable))}")
    assert disabled == list(shown.to_disable)
