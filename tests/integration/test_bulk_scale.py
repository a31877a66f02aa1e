"""Bulk sanity on SQLite: tens of thousands of users in single calls, within seconds."""

from __future__ import annotations

import pytest

from desktop_admin.app import OperatorSession
from desktop_admin.domain.accounts import Account
from desktop_admin.domain.errors import DomainError
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.users import GUESTS, BulkKind, UserQuery
from desktop_admin.services.user_bulk import ROWS_LIMIT
from tests.integration.conftest import Query

USERS, DISABLED = 20_000, 5_000


def generated_csv(count: int) -> str:
    """Two thirds hold named-user, one in ten also designer, one in eight disabled."""
    lines = ["email,display_name,roles,enabled"]
    for i in range(count):
        roles = ["named-user"] if i % 3 else []
        if i % 10 == 0:
            roles.append("designer")
        enabled = "false" if i % 8 == 7 else "true"
        lines.append(f"user{i:05d}@bulk.example,User {i:05d},{';'.join(roles)},{enabled}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_r14_twenty_thousand_users_import_and_five_thousand_disable_in_one_call(
    admin: OperatorSession, company: Account, sql: Query
) -> None:
    account = company.id or 0
    admin.subscriptions.record(
        account_id=account, cycle=Cycle.YEARLY, seats={"named-user": 15_000, "designer": 2_000}
    )
    text = generated_csv(USERS)

    report = admin.users.import_csv(account_id=account, text=text, source="bulk.csv").value
    assert (report.imported, report.skipped) == (USERS, ())
    assert sql("SELECT count(*) FROM named_users") == [(USERS,)]
    assert sql("SELECT count(*) FROM audit_log WHERE action = 'user.import'") == [(USERS,)]
    seats = {s.code: (s.in_use, s.purchased) for s in admin.licences.seats(account)}
    enabled_holders = sum(1 for i in range(USERS) if i % 3 and i % 8 != 7)
    assert seats["named-user"] == (enabled_holders, 15_000)

    in_added_order = UserQuery(account, sort="id")
    ids = admin.users.ids(in_added_order, limit=DISABLED)
    changed = admin.users.set_enabled(ids, enabled=False).value
    assert len(changed) == sum(1 for i in range(DISABLED) if i % 8 != 7)
    exported = admin.users.export(in_added_order)
    assert len(exported) == USERS
    assert sum(not u.enabled for u in exported) == DISABLED + sum(
        1 for i in range(DISABLED, USERS) if i % 8 == 7
    )
    assert admin.users.count(UserQuery(account, enabled=False)) == DISABLED + sum(
        1 for i in range(DISABLED, USERS) if i % 8 == 7
    )
    found = admin.users.ids(UserQuery(account, search="USER1999"), limit=100)
    assert [u.email for u in admin.users.by_ids(found)] == [
        f"user{i}@bulk.example" for i in range(19990, 20000)
    ]
    newest_first = UserQuery(account, sort="id", descending=True)
    last = admin.users.by_ids(admin.users.ids(newest_first, limit=10))
    assert [u.email for u in reversed(last)] == [u.email for u in exported[-10:]]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_r14_the_preview_of_a_bulk_change_of_thousands_counts_from_id_lists(
    admin: OperatorSession, company: Account
) -> None:
    """Past `ROWS_LIMIT` selected users, the preview counts seats from id lists; it says
    what the change itself does."""
    account = company.id or 0
    admin.subscriptions.record(
        account_id=account,
        cycle=Cycle.YEARLY,
        seats={"named-user": 15_000, "designer": 2_000},
        addons={"guest-users": 10},
    )
    admin.users.import_csv(account_id=account, text=generated_csv(8_000))
    guest = admin.users.add(account_id=account, email="g@bulk.example", is_guest=True).value
    everyone = admin.users.ids(UserQuery(account, sort="id"))
    assert len(everyone) > ROWS_LIMIT
    seats = {s.code: s for s in admin.licences.seats(account)}
    disabling = admin.users.preview_bulk_change(
        account_id=account, kind=BulkKind.DISABLE, user_ids=everyone
    )
    assert not disabling.refused
    assert {e.seats.code: e.change for e in disabling.effects} == {
        "designer": -seats["designer"].in_use,
        "named-user": -seats["named-user"].in_use,
        GUESTS: -1,
    }
    assigning = admin.users.preview_bulk_change(
        account_id=account, kind=BulkKind.ASSIGN, user_ids=everyone, role="designer"
    )
    assert assigning.refused and "guest user" in (assigning.refusal or "")
    enabled = admin.users.ids(UserQuery(account, enabled=True, guest=False))
    assigning = admin.users.preview_bulk_change(
        account_id=account, kind=BulkKind.ASSIGN, user_ids=enabled, role="designer"
    )
    [effect] = assigning.effects
    assert effect.change == len(enabled) - seats["designer"].in_use
    assert effect.exceeds and (assigning.refusal or "").startswith("R14: Designer: ")
    with pytest.raises(DomainError) as refused:
        admin.users.bulk_change(kind=BulkKind.ASSIGN, user_ids=enabled, role="designer")
    assert str(refused.value) == assigning.refusal
    assert guest.id in everyone
