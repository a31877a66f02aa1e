"""The demo dataset loads on a fresh database and respects every seat count (R14)."""

from __future__ import annotations

from collections import Counter

import pytest

from desktop_admin.app import OperatorSession
from desktop_admin.demo import load_demo
from desktop_admin.domain.accounts import PaymentKind
from desktop_admin.domain.users import UserQuery


@pytest.fixture
def demo(admin: OperatorSession) -> str:
    return load_demo(admin)


def test_the_demo_has_three_accounts_one_per_audience(admin: OperatorSession, demo: str) -> None:
    accounts = admin.accounts.all()
    assert sorted(a.audience.value for a in accounts) == ["company", "maker", "student"]
    assert all(len(admin.subscriptions.of_account(a.id or 0)) == 1 for a in accounts)
    kinds = {
        a.audience.value: [m.kind for m in admin.accounts.payment_methods(a.id or 0)]
        for a in accounts
    }
    assert kinds == {
        "company": [PaymentKind.TRANSFER],
        "maker": [PaymentKind.CARD],
        "student": [PaymentKind.CARD],
    }


def test_the_demo_company_has_about_forty_users_over_three_roles(
    admin: OperatorSession, demo: str
) -> None:
    (company,) = [a for a in admin.accounts.all() if a.audience.value == "company"]
    users = admin.users.export(UserQuery(company.id or 0, sort="id"))
    assert 35 <= len(users) <= 45
    holders = Counter(code for u in users for code in u.roles)
    assert set(holders) == {"named-user", "designer", "bim-collaboration"}
    assert any(u.is_guest for u in users) and any(not u.enabled for u in users)
    assert any(u.is_admin for u in users)


def test_r14_no_demo_account_is_over_its_seats(admin: OperatorSession, demo: str) -> None:
    total = 0
    for account in admin.accounts.all():
        seats = admin.licences.seats(account.id or 0)
        assert seats, account.name
        assert [str(s) for s in seats if s.over_assigned] == [], account.name
        total += len(admin.users.export(UserQuery(account.id or 0, sort="id")))
    assert demo == f"3 accounts, {total} named users, 3 subscriptions"
