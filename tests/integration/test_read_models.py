"""The read models behind the big tables, on SQLite and PostgreSQL: users counted and
listed as ids filtered and sorted in SQL, rows by id, exports paged by keyset, and the
audit trail paged by key."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from desktop_admin.app import OperatorSession
from desktop_admin.domain.accounts import Account
from desktop_admin.domain.errors import PermissionDenied
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.users import GUESTS, SeatUsage, UserQuery
from desktop_admin.persistence.reads.users import SqlUserReads
from tests.integration.conftest import ADMIN_PASSWORD


def _people(admin: OperatorSession, company: Account) -> list[int]:
    admin.subscriptions.record(
        account_id=company.id or 0,
        cycle=Cycle.YEARLY,
        seats={"named-user": 10, "designer": 2},
        addons={"guest-users": 2},
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
    of = UserQuery(company.id or 0)
    ids = admin.users.ids
    assert ids(of) == [adam, lise, marc, zoe]  # by email
    assert ids(of.sorted_by("email", descending=True)) == [zoe, marc, lise, adam]
    assert ids(of.sorted_by("department")) == [zoe, marc, adam, lise]  # ties: by id
    assert ids(of.sorted_by("department", descending=True)) == [lise, adam, marc, zoe]
    assert ids(UserQuery(company.id or 0, search="BLANC")) == [lise]
    assert ids(UserQuery(company.id or 0, enabled=False)) == [marc]
    assert ids(UserQuery(company.id or 0, role="designer")) == [lise, zoe]
    assert ids(UserQuery(company.id or 0, "zo", enabled=True, role="designer")) == [zoe]
    assert ids(UserQuery(company.id or 0, without_role="designer")) == [adam, marc]
    assert ids(of, limit=2) == [adam, lise]
    assert admin.users.count(of) == 4
    assert admin.users.count(UserQuery(company.id or 0, search="acme", enabled=True)) == 3


def test_the_search_takes_like_wildcards_literally(
    admin: OperatorSession, company: Account
) -> None:
    account = company.id or 0
    admin.subscriptions.record(account_id=account, cycle=Cycle.YEARLY, seats={"named-user": 5})
    made = {
        email: admin.users.add(account_id=account, email=email, display_name=name).value.id
        for email, name in [
            ("a_b@acme.example", "Under Score"),
            ("axb@acme.example", "Per 100% Cent"),
            ("back\\slash@acme.example", "Back Slash"),
        ]
    }
    assert admin.users.ids(UserQuery(account, "a_b")) == [made["a_b@acme.example"]]
    assert admin.users.ids(UserQuery(account, "100%")) == [made["axb@acme.example"]]
    assert admin.users.ids(UserQuery(account, "%")) == [made["axb@acme.example"]]
    assert admin.users.ids(UserQuery(account, "k\\s")) == [made["back\\slash@acme.example"]]
    assert admin.users.count(UserQuery(account, "_")) == 1


def test_holders_and_candidates_of_a_role_and_of_the_guest_units(
    admin: OperatorSession, company: Account
) -> None:
    zoe, adam, marc, lise = _people(admin, company)
    account = company.id or 0
    guest = admin.users.add(account_id=account, email="gus@x.example", is_guest=True).value.id
    designer = SeatUsage("designer", "Designer", 2, 2)
    guests = SeatUsage(GUESTS, "Guest users", 2, 1)
    assert admin.users.ids(UserQuery.holders(account, designer)) == [lise, zoe]
    assert admin.users.ids(UserQuery.holders(account, guests)) == [guest]
    assert admin.users.ids(UserQuery.candidates(account, designer)) == [adam, marc]
    assert admin.users.ids(UserQuery.candidates(account, designer, "PETIT")) == [marc]


def test_users_by_ids_keep_the_order_asked(admin: OperatorSession, company: Account) -> None:
    zoe, adam, _marc, lise = _people(admin, company)
    found = admin.users.by_ids([lise, zoe, adam, lise])
    assert [u.email for u in found] == [
        "lise@acme.example",
        "zoe@acme.example",
        "adam@acme.example",
        "lise@acme.example",
    ]
    assert found[0].roles == frozenset({"designer", "named-user"})
    assert found[0] == admin.users.get(lise)
    assert admin.users.by_ids([999_999]) == []


@pytest.fixture
def user_reads(raw_engine: Engine) -> Iterator[SqlUserReads]:
    with Session(raw_engine) as session:
        yield SqlUserReads(session)


@pytest.mark.parametrize(
    ("sort", "descending"),
    [("email", False), ("display_name", True), ("department", False), ("enabled", True)],
)
def test_an_export_pages_by_keyset_in_the_query_order(
    admin: OperatorSession, company: Account, user_reads: SqlUserReads, sort: str, descending: bool
) -> None:
    account = company.id or 0
    admin.subscriptions.record(account_id=account, cycle=Cycle.YEARLY, seats={"named-user": 20})
    text = "email,display_name,roles,enabled,department\n" + "".join(
        f"u{i:02d}@acme.example,Name {i % 3},named-user,{i % 4 != 0},Team {i % 2}\n"
        for i in range(11)
    )
    admin.users.import_csv(account_id=account, text=text)
    query = UserQuery(account, sort=sort, descending=descending)
    pages = list(user_reads.pages(query, size=3))
    assert [len(p) for p in pages] == [3, 3, 3, 2]
    assert [u.id for p in pages for u in p] == admin.users.ids(query)
    assert list(user_reads.pages(UserQuery(account, "nobody"), size=3)) == []
    assert [u.email for u in admin.users.export(query)] == [
        u.email for u in admin.users.by_ids(admin.users.ids(query))
    ]


def test_the_audit_trail_pages_by_key_newest_first(
    admin: OperatorSession, company: Account
) -> None:
    _people(admin, company)
    first = admin.audit.entries(entity="user", limit=3)
    rest = admin.audit.entries(entity="user", limit=3, before_id=first[-1].id)
    ids = [e.id for e in first + rest]
    assert len(ids) == 4 and ids == sorted(ids, reverse=True)
    assert len(set(ids)) == 4


def test_the_audit_trail_filters_by_record_actor_and_time(
    admin: OperatorSession, company: Account
) -> None:
    zoe, *_ = _people(admin, company)
    admin.operators.add(login="hr", role="user_manager", password=ADMIN_PASSWORD)
    hr = admin.app.login("hr", ADMIN_PASSWORD)
    hr.users.edit(zoe, expected_version=None, unchanged={"department": "Design"}, department="R&D")
    assert [e.action for e in admin.audit.entries(actor="hr")] == ["user.update"]
    assert [e.action for e in admin.audit.entries(entity="user", entity_id=str(zoe))] == [
        "user.update",
        "user.create",
    ]
    latest = admin.audit.entries(limit=1)[0]
    assert admin.audit.entries(since=latest.at + timedelta(seconds=1)) == []
    assert admin.audit.entries(since=latest.at)[0] == latest
    with pytest.raises(PermissionDenied, match="may not read the audit trail"):
        hr.audit.entries()
