"""Several applications on one database learn of each other's work from the change
feed: what changed, not their own work, at once on PostgreSQL."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from desktop_admin.app import AdminApp, Changes, OperatorSession
from desktop_admin.domain.accounts import Account
from desktop_admin.domain.errors import InvalidInput
from tests.integration.conftest import ADMIN_PASSWORD


def test_another_application_sees_what_an_operation_changed_but_not_its_own(
    app: AdminApp, admin: OperatorSession, company: Account, open_app: Callable[[], AdminApp]
) -> None:
    other = open_app()
    mark_here, mark_there = app.last_change(), other.last_change()
    assert mark_here == mark_there
    added = admin.users.add(account_id=company.id or 0, email="ada@acme.example")
    newest, changes = other.changes_since(mark_there)
    assert newest > mark_there
    assert changes == added.changes
    assert app.changes_since(mark_here) == (newest, Changes.NONE)
    assert other.changes_since(newest) == (newest, Changes.NONE)


def test_changes_of_several_operations_are_combined(
    admin: OperatorSession, company: Account, open_app: Callable[[], AdminApp]
) -> None:
    other = open_app()
    mark = other.last_change()
    admin.users.add(account_id=company.id or 0, email="ada@acme.example")
    admin.accounts.create(name="Beta SARL", audience="company", country="FR")
    _, changes = other.changes_since(mark)
    assert changes.touches(Changes.USERS) and changes.touches(Changes.ACCOUNTS)
    assert not changes.touches(Changes.INVOICES)


def test_a_refused_operation_tells_nobody(
    admin: OperatorSession, company: Account, open_app: Callable[[], AdminApp]
) -> None:
    other = open_app()
    mark = other.last_change()
    with pytest.raises(InvalidInput):
        admin.users.add(account_id=company.id or 0, email="not an e-mail")
    assert other.changes_since(mark) == (mark, Changes.NONE)


def test_waiting_returns_when_another_application_writes_or_after_the_timeout(
    app: AdminApp, admin: OperatorSession, company: Account, open_app: Callable[[], AdminApp]
) -> None:
    other = open_app()
    started = time.monotonic()
    other.wait_for_changes(0.2)
    assert time.monotonic() - started < 5  # a timeout, never a hang

    mark = other.last_change()
    writer = threading.Timer(
        0.3, lambda: app.login("admin", ADMIN_PASSWORD).accounts.create(
            name="Gamma", audience="company", country="FR"
        )
    )  # fmt: skip
    writer.start()
    deadline = time.monotonic() + 10
    changes = Changes.NONE
    while not changes and time.monotonic() < deadline:
        other.wait_for_changes(2.0)
        mark, changes = other.changes_since(mark)
    writer.join()
    assert changes.touches(Changes.ACCOUNTS)
