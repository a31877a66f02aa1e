"""The conflict rule of the sync (desktop_admin/domain/sync.py) and its settings."""

from __future__ import annotations

import pytest

from desktop_admin.domain.sync import UserState, reconcile, url_problem

AGREED = UserState("ann@acme.example", "Ann", "Sales", True, frozenset({"named-user"}))


def test_the_platform_wins_for_the_profile_it_changed() -> None:
    remote = UserState(**{**AGREED.as_record(), "roles": AGREED.roles, "display_name": "Ann B."})
    rule = reconcile(AGREED, remote, AGREED, unsent=False)
    assert rule.local == {"display_name": "Ann B."}
    assert not rule.push and not rule.replaced


def test_a_local_unsent_profile_change_is_replaced_and_said_so() -> None:
    local = UserState(AGREED.user_name, "Ann Local", "Sales", True, AGREED.roles)
    remote = UserState(AGREED.user_name, "Ann Remote", "Sales", True, AGREED.roles)
    rule = reconcile(local, remote, AGREED, unsent=True)
    assert rule.local == {"display_name": "Ann Remote"}
    assert rule.replaced == {"display_name": ("Ann Local", "Ann Remote")}


def test_a_local_profile_change_the_platform_did_not_touch_is_sent() -> None:
    local = UserState(AGREED.user_name, "Ann Local", "Sales", True, AGREED.roles)
    rule = reconcile(local, AGREED, AGREED, unsent=True)
    assert rule.push and not rule.local


def test_this_application_wins_for_licences_and_records_the_platform_value() -> None:
    remote = UserState(AGREED.user_name, "Ann", "Sales", False, frozenset({"designer"}))
    rule = reconcile(AGREED, remote, AGREED, unsent=False)
    assert rule.push and not rule.local
    assert rule.overwritten == {
        "active": (False, True),
        "roles": (["designer"], ["named-user"]),
    }


def test_before_any_agreement_a_waiting_local_change_is_sent() -> None:
    remote = UserState(AGREED.user_name, "Other", "Ops", True, AGREED.roles)
    assert reconcile(AGREED, remote, None, unsent=True).local == {}
    assert reconcile(AGREED, remote, None, unsent=False).local == {
        "display_name": "Other",
        "department": "Ops",
    }


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://scim.example.com/v2", None),
        ("http://127.0.0.1:8080/v2", None),
        ("http://localhost/scim", None),
        ("http://scim.example.com/v2", "https://"),
        ("ftp://scim.example.com/v2", "https://"),
        ("https://user:pw@scim.example.com/v2", "password"),
        ("https://scim.example.com/v2?token=x", "query"),
        ("scim.example.com", "https://"),
    ],
)
def test_platform_urls(url: str, problem: str | None) -> None:
    found = url_problem(url)
    assert (found is None) if problem is None else (found is not None and problem in found)
