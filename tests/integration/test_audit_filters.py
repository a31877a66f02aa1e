"""The audit trail's filters on both databases: words in any field, whatever the
case, and a time window."""

from __future__ import annotations

from datetime import timedelta

from desktop_admin.app import OperatorSession
from desktop_admin.domain.accounts import Account


def test_search_finds_words_in_any_field_ignoring_case(
    admin: OperatorSession, company: Account
) -> None:
    assert company.id is not None
    admin.users.add(account_id=company.id, email="ada.lovelace@acme.example", department="R&D")
    admin.users.add(account_id=company.id, email="bob_smith@acme.example")
    [found] = admin.audit.entries(search="LOVELACE")
    assert found.action == "user.create"
    assert [e.action for e in admin.audit.entries(search="lovelace user.create")] == ["user.create"]
    assert admin.audit.entries(search="lovelace account.create") == []  # every word
    [smith] = admin.audit.entries(search="bob_")  # an underscore is a letter, not a joker
    assert "bob_smith" in str(smith.after)
    assert admin.audit.entries(search="b%b") == []
    assert {e.action for e in admin.audit.entries(search="r&d")} == {"user.create"}


def test_a_time_window_bounds_the_trail(admin: OperatorSession, company: Account) -> None:
    every = admin.audit.entries()
    newest = every[0].at
    assert admin.audit.entries(since=newest + timedelta(seconds=1)) == []
    assert admin.audit.entries(until=every[-1].at) == []
    assert admin.audit.entries(until=newest + timedelta(seconds=1)) == every
