"""The audit trail: who changed what, with the values before and after, written in the same
transaction as the change (so a refused change leaves no entry)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop_admin.app import AdminApp, OperatorSession
from desktop_admin.domain.accounts import Account
from desktop_admin.domain.audit import AuditEntry
from desktop_admin.domain.errors import InvalidInput, RuleViolation
from desktop_admin.domain.periods import Cycle
from desktop_admin.persistence.audit import SqlAudit
from tests.integration.conftest import Query


def newest(admin: OperatorSession, **filters: str) -> AuditEntry:
    return admin.audit.entries(**filters, limit=1)[0]


def rename(admin: OperatorSession, user_id: int, name: str) -> None:
    admin.users.edit(user_id, expected_version=admin.users.get(user_id).version, display_name=name)


def count_rows(sql: Query) -> int:
    ((count,),) = sql("SELECT count(*) FROM audit_log")
    return int(count)


@pytest.fixture
def account(admin: OperatorSession, company: Account) -> int:
    assert company.id is not None
    admin.subscriptions.record(
        account_id=company.id, cycle=Cycle.YEARLY, seats={"named-user": 1, "designer": 1}
    )
    return company.id


def test_creating_an_account_records_who_and_what(admin: OperatorSession, company: Account) -> None:
    entry = newest(admin, entity="account")
    assert (entry.actor, entry.action, entry.entity_id) == ("admin", "account.create", "1")
    assert entry.before is None
    assert entry.after is not None
    assert (entry.after["name"], entry.after["audience"]) == ("Acme Studio", "company")
    assert entry.after["id"] == company.id
    assert entry.at.date() == admin.today


def test_every_change_to_a_user_records_before_and_after(
    admin: OperatorSession, account: int
) -> None:
    user = admin.users.add(account_id=account, email="ada@acme.example", display_name="Ada").value
    uid = str(user.id)
    created = newest(admin, entity="user")
    assert (created.action, created.entity_id, created.before) == ("user.create", uid, None)
    assert created.after is not None and created.after["email"] == "ada@acme.example"

    ids = [user.id or 0]
    steps: list[tuple[str, Callable[[], object], str, object, object]] = [
        (
            "user.disable",
            lambda: admin.users.set_enabled(ids, enabled=False).value,
            "enabled",
            True,
            False,
        ),
        (
            "user.enable",
            lambda: admin.users.set_enabled(ids, enabled=True).value,
            "enabled",
            False,
            True,
        ),
        (
            "user.assign",
            lambda: admin.users.assign(ids, role="designer").value,
            "roles",
            [],
            ["designer"],
        ),
        (
            "user.unassign",
            lambda: admin.users.unassign(ids, role="designer").value,
            "roles",
            ["designer"],
            [],
        ),
        ("user.update", lambda: rename(admin, ids[0], "Ada L."), "display_name", "Ada", "Ada L."),
    ]
    for action, change, field, old, new in steps:
        change()
        entry = newest(admin, entity="user", entity_id=uid)
        assert (entry.action, entry.actor) == (action, "admin")
        assert entry.before is not None and entry.after is not None
        assert (entry.before[field], entry.after[field]) == (old, new), action

    admin.users.remove([user.id or 0])
    removed = newest(admin, entity="user", entity_id=uid)
    assert (removed.action, removed.after) == ("user.remove", None)
    assert removed.before is not None and removed.before["display_name"] == "Ada L."
    assert len(admin.audit.entries(entity="user", entity_id=uid)) == 7


def test_imports_record_one_entry_per_row_or_product(admin: OperatorSession, account: int) -> None:
    admin.users.import_csv(
        account_id=account, text="email,roles\nada@acme.example,named-user\nbob@acme.example,\n"
    )
    imported = [e for e in admin.audit.entries(entity="user") if e.action == "user.import"]
    assert sorted(e.after["email"] for e in imported if e.after) == [
        "ada@acme.example",
        "bob@acme.example",
    ]
    created = {e.entity_id: e.action for e in admin.audit.entries(entity="role")}
    assert created == {"named-user": "role.create", "designer": "role.create"}
    assert {e.entity_id for e in admin.audit.entries(entity="addon")} == {
        "storage-100gb",
        "guest-users",
    }


def test_r14_a_refused_change_writes_no_audit_entry(
    admin: OperatorSession, account: int, sql: Query
) -> None:
    holder = admin.users.add(
        account_id=account, email="ada@acme.example", roles=["named-user"]
    ).value
    other = admin.users.add(account_id=account, email="bob@acme.example").value
    admin.users.set_enabled([holder.id or 0], enabled=False)
    admin.users.assign([other.id or 0], role="named-user")
    before = count_rows(sql)
    refusals: list[Callable[[], object]] = [
        lambda: (
            admin.users.add(account_id=account, email="cy@acme.example", roles=["named-user"]).value
        ),
        lambda: admin.users.set_enabled([holder.id or 0], enabled=True).value,
        lambda: (
            admin.users.import_csv(
                account_id=account, text="email,roles\ncy@acme.example,named-user\n"
            ).value
        ),
    ]
    for refusal in refusals:
        with pytest.raises((RuleViolation, InvalidInput), match="R14"):
            refusal()
    assert count_rows(sql) == before


def test_a_change_whose_audit_entry_cannot_be_written_is_rolled_back(
    admin: OperatorSession,
    account: int,
    db_snapshot: Callable,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(self: SqlAudit, entries: object) -> None:
        raise RuntimeError("the audit table is unavailable")

    before = db_snapshot()
    monkeypatch.setattr(SqlAudit, "record", broken)
    with pytest.raises(RuntimeError, match="audit table"):
        admin.users.add(account_id=account, email="ada@acme.example", roles=["named-user"])
    with pytest.raises(RuntimeError, match="audit table"):
        admin.accounts.create(name="Other", audience="maker", country="DE")
    assert db_snapshot() == before


def test_entries_filter_by_entity_and_by_actor(
    app: AdminApp, admin: OperatorSession, account: int
) -> None:
    admin.operators.add(login="hr", role="user_manager", password="hr password 1")
    hr = app.login("hr", "hr password 1")
    hr.users.add(account_id=account, email="ada@acme.example")
    hr.users.add(account_id=account, email="bob@acme.example")
    admin.users.add(account_id=account, email="cy@acme.example")

    by_hr = admin.audit.entries(actor="hr")
    assert [(e.actor, e.action) for e in by_hr] == [("hr", "user.create")] * 2
    assert {e.after["email"] for e in by_hr if e.after} == {"ada@acme.example", "bob@acme.example"}
    users = admin.audit.entries(entity="user")
    assert [e.actor for e in users] == ["admin", "hr", "hr"]
    assert {e.entity for e in admin.audit.entries(actor="admin")} == {
        "operator",
        "role",
        "addon",
        "account",
        "subscription",
        "user",
    }
    assert admin.audit.entries(entity="user", actor="nobody") == []
    operators = admin.audit.entries(entity="operator")
    assert [e.after["login"] for e in operators if e.after] == ["hr", "admin"]
    assert "argon2" not in repr(operators)
    assert len(admin.audit.entries(limit=2)) == 2
