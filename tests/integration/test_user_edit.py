"""Editing a user's name and department through the service: validated, audited,
refused on a stale version, and a save that changes nothing writes nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop_admin.app import OperatorSession
from desktop_admin.domain.accounts import Account
from desktop_admin.domain.errors import ConflictError, InvalidInput, RuleViolation
from desktop_admin.domain.periods import Cycle


@pytest.fixture
def ada(admin: OperatorSession, company: Account) -> int:
    account_id = company.id or 0
    admin.subscriptions.record(account_id=account_id, cycle=Cycle.YEARLY, seats={"named-user": 2})
    return (
        admin.users.add(
            account_id=account_id, email="ada@acme.example", display_name="Ada", department="R&D"
        ).value.id
        or 0
    )


def test_an_edit_is_saved_with_a_new_version_and_audited(admin: OperatorSession, ada: int) -> None:
    before = admin.users.get(ada)
    after = admin.users.edit(
        ada, expected_version=before.version, display_name="  Ada   Lovelace "
    ).value
    assert (after.display_name, after.department) == ("Ada Lovelace", "R&D")
    assert after.version == before.version + 1
    (entry,) = [e for e in admin.audit.entries() if e.action == "user.update"]
    assert entry.before and entry.before["display_name"] == "Ada"
    assert entry.after and entry.after["display_name"] == "Ada Lovelace"


def test_an_edit_on_a_stale_version_is_a_conflict(admin: OperatorSession, ada: int) -> None:
    version = admin.users.get(ada).version
    admin.users.edit(ada, expected_version=version, department="Engineering")
    with pytest.raises(ConflictError):
        admin.users.edit(ada, expected_version=version, department="Sales")
    assert admin.users.get(ada).department == "Engineering"


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("display_name", "x" * 201, "longer than 200 characters (201)"),
        ("department", "R&\x00D", "the department holds a control or invisible character (U+0000)"),
    ],
)
def test_a_bad_detail_is_refused_naming_the_field(
    admin: OperatorSession,
    ada: int,
    db_snapshot: Callable[[], object],
    field: str,
    value: str,
    reason: str,
) -> None:
    before = db_snapshot()
    with pytest.raises(InvalidInput) as refused:
        admin.users.edit(ada, expected_version=admin.users.get(ada).version, **{field: value})
    assert [(p.field, p.reason) for p in refused.value.problems] == [(field, reason)]
    assert db_snapshot() == before


def test_an_edit_that_changes_nothing_writes_nothing(
    admin: OperatorSession, ada: int, db_snapshot: Callable[[], object]
) -> None:
    before = db_snapshot()
    user = admin.users.get(ada)
    assert admin.users.edit(ada, expected_version=user.version, display_name="Ada ").value == user
    assert db_snapshot() == before


def test_an_edit_given_the_value_it_replaces_ignores_other_changes(
    admin: OperatorSession, ada: int
) -> None:
    version = admin.users.get(ada).version
    admin.users.edit(
        ada, expected_version=version, department="Engineering"
    )  # another change meanwhile

    saved = admin.users.edit(
        ada, expected_version=None, display_name="Ada L.", unchanged={"display_name": "Ada"}
    ).value

    assert (saved.display_name, saved.department) == ("Ada L.", "Engineering")
    assert saved.version == version + 2


def test_an_edit_whose_value_was_changed_meanwhile_is_a_conflict(
    admin: OperatorSession, ada: int, db_snapshot: Callable[[], object]
) -> None:
    admin.users.edit(ada, expected_version=admin.users.get(ada).version, department="Sales")
    before = db_snapshot()
    with pytest.raises(ConflictError) as refused:
        admin.users.edit(
            ada, expected_version=None, department="R&D", unchanged={"department": "Finance"}
        )
    assert "the department is now 'Sales', no longer 'Finance'" in str(refused.value)
    assert db_snapshot() == before


def test_r14_an_update_is_saved_whole_or_refused_whole(
    admin: OperatorSession, ada: int, company: Account
) -> None:
    before = admin.users.get(ada)
    admin.users.add(account_id=company.id or 0, email="bo@acme.example", roles=["named-user"])
    with pytest.raises(RuleViolation, match="R14"):  # "designer": no seat bought
        admin.users.update(
            ada, expected_version=before.version, display_name="Ada L.", department="R&D",
            is_admin=True, enabled=True, roles=["named-user", "designer"],
        )  # fmt: skip
    assert admin.users.get(ada) == before  # not even the name
    saved = admin.users.update(
        ada, expected_version=before.version, display_name="Ada L.", department="Lab",
        is_admin=True, enabled=False, roles=[],
    ).value  # fmt: skip
    assert (saved.display_name, saved.department, saved.is_admin) == ("Ada L.", "Lab", True)
    assert (saved.enabled, saved.roles) == (False, frozenset())
    with pytest.raises(ConflictError):
        admin.users.update(
            ada, expected_version=before.version, display_name="Stale", department="",
            is_admin=False, enabled=True, roles=[],
        )  # fmt: skip
    [entry] = [e for e in admin.audit.entries(entity_id=str(ada)) if e.action == "user.update"]
    assert entry.after and entry.after["department"] == "Lab"
