"""The preview of a bulk change says the same whether it counts from the users' rows or,
past `ROWS_LIMIT` users, from id lists (read models, on SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from desktop_admin.app import OperatorSession
from desktop_admin.domain.accounts import Account
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.users import BulkKind, UserQuery
from desktop_admin.services import user_bulk

PEOPLE = """email,display_name,roles,enabled
ann@acme.example,Ann,designer;named-user,true
bob@acme.example,Bob,named-user,true
cyd@acme.example,Cyd,designer,false
dan@acme.example,Dan,,true
eve@acme.example,Eve,named-user,false
"""


@pytest.fixture
def chosen(admin: OperatorSession, company: Account) -> list[int]:
    """Every user of the account, a guest among them, and a user of another account."""
    account = company.id or 0
    admin.subscriptions.record(
        account_id=account,
        cycle=Cycle.YEARLY,
        seats={"named-user": 3, "designer": 1},
        addons={"guest-users": 1},
    )
    admin.users.import_csv(account_id=account, text=PEOPLE)
    admin.users.add(account_id=account, email="gus@acme.example", is_guest=True)
    other = admin.accounts.create(name="Other", audience="company", country="FR").value
    stranger = admin.users.add(account_id=other.id or 0, email="zed@other.example").value
    return [*admin.users.ids(UserQuery(account)), stranger.id or 0]


@pytest.mark.parametrize(
    ("kind", "role"),
    [
        (BulkKind.ENABLE, None),
        (BulkKind.DISABLE, None),
        (BulkKind.ASSIGN, "designer"),
        (BulkKind.ASSIGN, "named-user"),
        (BulkKind.UNASSIGN, "named-user"),
    ],
)
def test_r14_rows_and_id_lists_give_the_same_preview(
    admin: OperatorSession,
    company: Account,
    chosen: list[int],
    monkeypatch: pytest.MonkeyPatch,
    kind: BulkKind,
    role: str | None,
) -> None:
    def preview(user_ids: list[int]) -> object:
        return admin.users.preview_bulk_change(
            account_id=company.id or 0, kind=kind, user_ids=user_ids, role=role
        )

    for some in (chosen, chosen[1:4], chosen[-2:]):
        by_rows = preview(some)
        monkeypatch.setattr(user_bulk, "ROWS_LIMIT", 0)
        assert preview(some) == by_rows, some
        monkeypatch.undo()
