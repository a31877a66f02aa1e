"""Bulk sanity on SQLite: tens of thousands of users in single calls, within seconds."""

from __future__ import annotations

import pytest

from desktop_admin.app import OperatorSession
from desktop_admin.domain.accounts import Account
from desktop_admin.domain.periods import Cycle
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

    ids = [u.id or 0 for u in admin.users.page(account, limit=DISABLED)]
    changed = admin.users.set_enabled(ids, enabled=False).value
    assert len(changed) == sum(1 for i in range(DISABLED) if i % 8 != 7)
    exported = admin.users.export(account)
    assert len(exported) == USERS
    assert sum(not u.enabled for u in exported) == DISABLED + sum(
        1 for i in range(DISABLED, USERS) if i % 8 == 7
    )
    assert [u.email for u in admin.users.page(account, search="USER1999", limit=100)] == [
        f"user{i}@bulk.example" for i in range(19990, 20000)
    ]
    last_page = admin.users.page(account, limit=1000, offset=USERS - 10)
    assert [u.email for u in last_page] == [u.email for u in exported[-10:]]
