"""The dashboard page on the demo data: seats per role, revenue by month, what falls due."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal

from pytestqt.qtbot import QtBot

from desktop_admin.app import AdminApp, OperatorSession
from ui.operations import Operations
from ui.pages.dashboard import DashboardPage, month_labels, nice_maximum
from ui.tasks import BackgroundTasks


def open_page(qtbot: QtBot, session: OperatorSession, tasks: BackgroundTasks) -> DashboardPage:
    ops = Operations(session, tasks)
    page = DashboardPage(ops)
    page._test_ops = ops  # type: ignore[attr-defined]  # keep it alive
    qtbot.addWidget(page)
    page.resize(1100, 720)
    page.show()
    page.activate()
    qtbot.waitUntil(lambda: page.dashboard is not None, timeout=10_000)
    return page


def test_the_seats_chart_shows_bought_and_used_per_role_over_every_account(
    qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks
) -> None:
    page = open_page(qtbot, admin_session, tasks)
    roles = page.seats_roles.categories()
    bought = [page.seats_bought.at(i) for i in range(page.seats_bought.count())]
    in_use = [page.seats_in_use.at(i) for i in range(page.seats_in_use.count())]
    shown = {role: (b, u) for role, b, u in zip(roles, bought, in_use, strict=True)}
    # The company (45/35, 12/10, 6/6), the maker and the student (1/1 and 1/1 each).
    assert shown == {
        "Named user": (47, 37),
        "Designer": (14, 12),
        "BIM collaboration": (6, 6),
    }
    expected_bought: Counter[str] = Counter()
    expected_in_use: Counter[str] = Counter()
    for account in admin_session.accounts.all():
        for usage in admin_session.licences.seats(account.id or 0):
            if usage.code != "__guests__":
                expected_bought[usage.name] += usage.purchased
                expected_in_use[usage.name] += usage.in_use
    assert shown == {r: (expected_bought[r], expected_in_use[r]) for r in expected_bought}
    assert roles == ["Named user", "Designer", "BIM collaboration"]  # drawn bottom-up


def test_the_revenue_chart_shows_the_student_purchase_and_the_renewal_is_listed(
    qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks
) -> None:
    page = open_page(qtbot, admin_session, tasks)
    assert page.revenue_stack.currentIndex() == 0
    values = [page.revenue_set.at(i) for i in range(page.revenue_set.count())]
    assert len(values) == 15  # 12 months to March 2026, and 3 ahead
    [student] = [i for i in admin_session.billing.invoices() if i.issue_date == date(2026, 3, 15)]
    assert student.totals.net == Decimal("590.00")  # named user 100 + designer 490
    assert values == [0.0] * 11 + [590.0] + [0.0] * 3
    assert sorted(page.revenue_set.selectedBars()) == [12, 13, 14]  # the months ahead, lighter
    assert "€590.00" in page.revenue_total.text()
    assert page.revenue_months.titleText() == "Apr 2025 – Jun 2026"
    assert page.renewals.topLevelItemCount() == 1
    renewal = page.renewals.topLevelItem(0)
    assert [renewal.text(c) for c in range(3)] == [
        "Apr 6, 2026",
        "Jonas Becker",
        "Renews (monthly)",
    ]
    assert page.changes.topLevelItem(0).text(0) == "No downgrade in the next 30 days."
    assert page.blocked.topLevelItem(0).text(0) == "No blocked downgrade."


def test_an_operator_who_may_not_read_billing_sees_no_revenue(
    qtbot: QtBot, admin_session: OperatorSession, admin_app: AdminApp, tasks: BackgroundTasks
) -> None:
    admin_session.operators.add(login="users", role="user_manager", password="long enough")
    page = open_page(qtbot, admin_app.login("users", "long enough"), tasks)
    assert page.revenue_stack.currentWidget() is page.revenue_refused
    assert "User manager" in page.revenue_refused.text()
    assert page.seats_bought.count() == 3


def test_axis_helpers() -> None:
    assert [nice_maximum(v) for v in (0, 7, 11, 590 * 1.1, 1000)] == [10, 10, 20, 1000, 1000]
    labels = month_labels([date(2025, 4, 1), date(2025, 5, 1), date(2026, 4, 1)])
    assert len(set(labels)) == 3 and labels[0].startswith("Apr") and labels[2].startswith("Apr")
