"""Two administrators editing the same row: the second save is a conflict, never a silent
overwrite (the `version` column is compared on every update)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop_admin.app import AdminApp, OperatorSession
from desktop_admin.domain.accounts import Account
from desktop_admin.domain.errors import ConflictError, NotFound
from tests.conftest import ADMIN_LOGIN
from tests.integration.conftest import ADMIN_PASSWORD, Query


@pytest.fixture
def other_admin(open_app: Callable[[], AdminApp], admin: OperatorSession) -> OperatorSession:
    """The same Administrator at another desk: its own application, engine and sessions."""
    return open_app().login(admin.operator.login, ADMIN_PASSWORD)


def stored_version(sql: Query, user_id: int) -> int:
    ((version,),) = sql("SELECT version FROM named_users WHERE id = :id", id=user_id)
    return int(version)


def test_the_second_of_two_edits_from_the_same_version_is_a_conflict(
    admin: OperatorSession, other_admin: OperatorSession, company: Account, sql: Query
) -> None:
    user_id = (
        admin.users.add(
            account_id=company.id or 0, email="ada@acme.example", display_name="Ada"
        ).value.id
        or 0
    )
    mine, theirs = admin.users.get(user_id), other_admin.users.get(user_id)
    assert mine.version == theirs.version == stored_version(sql, user_id)

    saved = admin.users.edit(
        user_id, expected_version=mine.version, display_name="Ada Lovelace"
    ).value
    assert saved.version == mine.version + 1
    # Who saved first, and when, from the audit trail of that same save.
    with pytest.raises(
        ConflictError, match=rf"changed by {ADMIN_LOGIN} at \d{{4}}-\d\d-\d\d \d\d:\d\d UTC"
    ):
        other_admin.users.edit(user_id, expected_version=theirs.version, display_name="Ada Byron")

    assert admin.users.get(user_id).display_name == "Ada Lovelace"
    assert other_admin.users.get(user_id).display_name == "Ada Lovelace"
    assert stored_version(sql, user_id) == mine.version + 1


def test_each_save_increments_the_version_column(
    admin: OperatorSession, company: Account, sql: Query
) -> None:
    user_id = admin.users.add(account_id=company.id or 0, email="ada@acme.example").value.id or 0
    first = stored_version(sql, user_id)
    admin.users.edit(user_id, expected_version=first, department="Engineering")
    admin.users.edit(user_id, expected_version=first + 1, is_admin=True)
    assert stored_version(sql, user_id) == first + 2
    user = admin.users.get(user_id)
    assert (user.department, user.is_admin, user.version) == ("Engineering", True, first + 2)


def test_an_edit_from_before_a_disable_is_a_conflict(
    admin: OperatorSession, other_admin: OperatorSession, company: Account, sql: Query
) -> None:
    user_id = (
        admin.users.add(
            account_id=company.id or 0, email="ada@acme.example", display_name="Ada"
        ).value.id
        or 0
    )
    opened = admin.users.get(user_id)
    other_admin.users.set_enabled([user_id], enabled=False)
    with pytest.raises(ConflictError):
        admin.users.edit(user_id, expected_version=opened.version, display_name="Ada Lovelace")
    user = admin.users.get(user_id)
    assert (user.display_name, user.enabled) == ("Ada", False)
    assert stored_version(sql, user_id) == opened.version + 1


def test_a_refused_edit_writes_nothing(
    admin: OperatorSession,
    other_admin: OperatorSession,
    company: Account,
    db_snapshot: Callable[[], object],
) -> None:
    user_id = (
        admin.users.add(
            account_id=company.id or 0, email="ada@acme.example", display_name="Ada"
        ).value.id
        or 0
    )
    stale = admin.users.get(user_id).version
    other_admin.users.edit(user_id, expected_version=stale, display_name="Ada Lovelace")
    before = db_snapshot()
    with pytest.raises(ConflictError):
        admin.users.edit(user_id, expected_version=stale, display_name="Ada Byron")
    assert db_snapshot() == before


def test_editing_a_removed_user_is_not_found_rather_than_a_conflict(
    admin: OperatorSession, other_admin: OperatorSession, company: Account
) -> None:
    user_id = admin.users.add(account_id=company.id or 0, email="ada@acme.example").value.id or 0
    version = admin.users.get(user_id).version
    other_admin.users.remove([user_id])
    with pytest.raises(NotFound):
        admin.users.edit(user_id, expected_version=version, display_name="Ada")
