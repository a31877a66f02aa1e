"""The dashboard's figures on SQLite and PostgreSQL: seats per role over every account,
revenue by month from the documents issued (exact, credit notes negative, drafts left
out), renewals and scheduled changes of the next 30 days, blocked downgrades."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal

import pytest

from desktop_admin.app import AdminApp, OperatorSession
from desktop_admin.domain.accounts import Account
from desktop_admin.domain.changes import ChangeRequest, ChangeStatus
from desktop_admin.domain.invoicing import InvoiceStatus
from desktop_admin.domain.periods import Cycle
from desktop_admin.security import Argon2Hasher
from desktop_admin.services.dashboard import Dashboard
from desktop_admin.services.purchases import Order
from tests.conftest import ADMIN_LOGIN, ADMIN_PASSWORD, TODAY

SessionAt = Callable[[date], OperatorSession]


@pytest.fixture
def desk(admin: OperatorSession, catalog_text: str) -> OperatorSession:
    admin.catalog.import_text(catalog_text, source="catalog.toml")
    admin.billing.set_seller(
        name="Seat Desk SAS",
        country="FR",
        vat_number="FR40303265045",
        address="1 rue de la Paix",
        email="b@seat.example",
    )
    return admin


@pytest.fixture
def at(database_url: str, desk: OperatorSession, cheap_hasher: Argon2Hasher) -> Iterator[SessionAt]:
    """The Administrator on another day (another application, same database)."""
    opened: list[AdminApp] = []

    def session_on(day: date) -> OperatorSession:
        another = AdminApp.open(database_url, today=day, hasher=cheap_hasher)
        opened.append(another)
        return another.login(ADMIN_LOGIN, ADMIN_PASSWORD)

    yield session_on
    for another in opened:
        another.close()


def account(desk: OperatorSession, name: str, audience: str, country: str, vat: str = "") -> int:
    created: Account = desk.accounts.create(
        name=name, audience=audience, country=country, vat_number=vat or None
    ).value
    assert created.id is not None
    desk.accounts.add_card(
        created.id,
        token=f"tok_{created.id}",
        brand="visa",
        last4="4242",
        exp_month=8,
        exp_year=2030,
    )
    return created.id


def buy(session: OperatorSession, account_id: int, cycle: Cycle, seats: dict[str, int]) -> int:
    bought = session.subscriptions.purchase(Order(account_id, cycle, seats)).value
    assert bought.subscription is not None and bought.subscription.id is not None
    return bought.subscription.id


def months_of(board: Dashboard) -> dict[date, Decimal]:
    assert board.revenue is not None
    [euros] = board.revenue
    assert euros.currency == "EUR"
    return {m.month: m.net for m in euros.months}


def test_revenue_by_month_is_the_exact_net_issued_with_credit_notes_negative(
    desk: OperatorSession, at: SessionAt
) -> None:
    studio = account(desk, "Acme Studio", "company", "FR", "FR40303265045")
    maker = account(desk, "Léa Maker", "maker", "FR")
    gmbh = account(desk, "Muster GmbH", "company", "DE", "DE123456789")
    buy(at(date(2025, 3, 20)), studio, Cycle.YEARLY, {"named-user": 5})  # before the window
    buy(at(date(2025, 4, 1)), maker, Cycle.YEARLY, {"named-user": 1})  # its first day
    refunded = buy(at(date(2025, 11, 25)), gmbh, Cycle.YEARLY, {"designer": 1})
    at(date(2025, 12, 5)).subscriptions.cancel(refunded, refund=True)  # a credit note in December
    monthly = buy(at(date(2026, 3, 1)), maker, Cycle.MONTHLY, {"named-user": 1, "designer": 1})
    desk.subscriptions.change(
        monthly, ChangeRequest({"named-user": 2})
    )  # today: a draft, not issued
    assert any(i.status is InvoiceStatus.DRAFT for i in desk.billing.invoices())

    months = months_of(desk.billing.dashboard())
    assert list(months) == [date(2025, m, 1) for m in range(4, 13)] + [
        date(2026, m, 1) for m in range(1, 7)
    ]
    assert months[date(2025, 4, 1)] == Decimal("100.00")
    assert months[date(2025, 11, 1)] == Decimal("490.00")
    assert months[date(2025, 12, 1)] == Decimal("-490.00")
    assert months[date(2026, 3, 1)] == Decimal("59.00")
    assert months[date(2026, 4, 1)] == Decimal("0.00")
    assert sum(months.values()) == Decimal("159.00")
    assert all(
        str(net).count(".") == 1 and len(str(net).split(".")[1]) == 2 for net in months.values()
    )

    # The run of 1 April issues the draft and the renewals due (the yearly ones too):
    # documents dated a month ahead of today, which the next months show.
    at(date(2026, 4, 1)).billing.run()
    expected = dict.fromkeys(months, Decimal("0.00"))
    for document in desk.billing.invoices():
        month = document.issue_date.replace(day=1)
        if document.status is not InvoiceStatus.DRAFT and month in expected:
            expected[month] += document.totals.net
    months = months_of(desk.billing.dashboard())
    assert months == expected
    assert months[date(2026, 4, 1)] > Decimal("600.00")  # 500 + 100 + 59 and the proration
    assert months[date(2026, 3, 1)] == Decimal("59.00")


def test_seats_renewals_changes_and_blocked_downgrades(
    desk: OperatorSession, at: SessionAt
) -> None:
    studio = account(desk, "Acme Studio", "company", "FR", "FR40303265045")
    maker = account(desk, "Léa Maker", "maker", "FR")
    then = at(date(2025, 3, 20))
    yearly = buy(then, studio, Cycle.YEARLY, {"named-user": 5, "designer": 2})
    for i in range(5):
        then.users.add(
            account_id=studio,
            email=f"u{i}@acme.example",
            roles=["named-user"] + ["designer"] * (i < 1),
        )
    then.subscriptions.change(
        yearly, ChangeRequest({"named-user": 3})
    )  # 5 users: blocked at the renewal
    at(date(2026, 3, 20)).billing.run()
    monthly = buy(at(date(2026, 3, 1)), maker, Cycle.MONTHLY, {"named-user": 1, "designer": 1})
    desk.users.add(account_id=maker, email="lea@maker.example", roles=["named-user"])
    desk.subscriptions.change(monthly, ChangeRequest({"designer": 0}))  # pending, due on 1 April
    late = buy(at(date(2026, 3, 10)), maker, Cycle.MONTHLY, {"named-user": 1})
    desk.subscriptions.set_auto_renew(late, renew=False)  # ends on 10 April

    board = desk.billing.dashboard()
    assert (board.today, board.horizon) == (TODAY, date(2026, 4, 14))
    seats = {s.code: (s.purchased, s.in_use) for s in board.seats}
    assert seats == {"named-user": (5 + 1 + 1, 5 + 1), "designer": (2 + 1, 1)}
    assert seats == {
        code: (
            sum(
                u.purchased
                for a in (studio, maker)
                for u in desk.licences.seats(a)
                if u.code == code
            ),
            sum(
                u.in_use for a in (studio, maker) for u in desk.licences.seats(a) if u.code == code
            ),
        )
        for code in seats
    }
    assert [
        (r.subscription_id, r.due_on, r.auto_renew, r.account_name) for r in board.renewals
    ] == [
        (monthly, date(2026, 4, 1), True, "Léa Maker"),
        (late, date(2026, 4, 10), False, "Léa Maker"),
    ]
    [change] = board.changes
    assert (change.change.subscription_id, change.change.effective_on) == (
        monthly,
        date(2026, 4, 1),
    )
    assert (change.item_name, change.change.quantity, change.account_name) == (
        "Designer",
        0,
        "Léa Maker",
    )
    [blocked] = board.blocked
    assert blocked.change.status is ChangeStatus.BLOCKED
    assert (blocked.change.subscription_id, blocked.item_name, blocked.account_name) == (
        yearly,
        "Named user",
        "Acme Studio",
    )


def test_revenue_is_for_billing_readers_only(desk: OperatorSession, app: AdminApp) -> None:
    desk.operators.add(login="users", role="user_manager", password="long enough")
    manager = app.login("users", "long enough")
    board = manager.billing.dashboard()
    assert board.revenue is None
    assert desk.billing.dashboard().revenue is not None
    desk.operators.add(login="clerk", role="billing_clerk", password="long enough")
    assert app.login("clerk", "long enough").billing.dashboard().revenue is not None
