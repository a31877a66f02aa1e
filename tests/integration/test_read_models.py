"""The reads behind the big tables: ids filtered and sorted in SQL, rows by id, and
the audit trail paged by key."""

from __future__ import annotations

from desktop_admin.app import OperatorSession
from desktop_admin.domain.accounts import Account
from desktop_admin.domain.periods import Cycle


def _people(admin: OperatorSession, company: Account) -> list[int]:
    admin.subscriptions.record(
        account_id=company.id or 0, cycle=Cycle.YEARLY, seats={"named-user": 10, "designer": 2}
    )
    rows = [
        ("zoe@acme.example", "Zoé Martin", "Design", ["designer"], True),
        ("adam@acme.example", "Adam Roux", "Sales", ["named-user"], True),
        ("marc@acme.example", "Marc Petit", "Design", ["named-user"], False),
        ("lise@acme.example", "Lise Blanc", "Sales", ["designer", "named-user"], True),
    ]
    return [
        admin.users.add(
            account_id=company.id or 0,
            email=email,
            display_name=name,
            roles=roles,
            enabled=enabled,
            department=department,
        ).value.id
        or 0
        for email, name, department, roles, enabled in rows
    ]


def test_user_ids_are_sorted_and_filtered_in_sql(admin: OperatorSession, company: Account) -> None:
    zoe, adam, marc, lise = _people(admin, company)
    account = company.id or 0
    assert admin.users.ids(account) == [adam, lise, marc, zoe]  # by email
    assert admin.users.ids(account, sort="email", descending=True) == [zoe, marc, lise, adam]
    assert admin.users.ids(account, sort="department") == [zoe, marc, adam, lise]  # ties: id
    assert admin.users.ids(account, search="BLANC") == [lise]
    assert admin.users.ids(account, enabled=False) == [marc]
    assert admin.users.ids(account, role="designer") == [lise, zoe]
    assert admin.users.ids(account, role="designer", enabled=True, search="zo") == [zoe]


def test_users_by_ids_keep_the_order_asked(admin: OperatorSession, company: Account) -> None:
    zoe, adam, _marc, lise = _people(admin, company)
    assert [u.email for u in admin.users.by_ids([lise, zoe, adam])] == [
        "lise@acme.example",
        "zoe@acme.example",
        "adam@acme.example",
    ]
    assert admin.users.by_ids([999_999]) == []


def test_the_audit_trail_pages_by_key_newest_first(
    admin: OperatorSession, company: Account
) -> None:
    _people(admin, company)
    first = admin.audit.entries(entity="user", limit=3)
    rest = admin.audit.entries(entity="user", limit=3, before_id=first[-1].id)
    ids = [e.id for e in first + rest]
    assert len(ids) == 4 and ids == sorted(ids, reverse=True)
    assert len(set(ids)) == 4
