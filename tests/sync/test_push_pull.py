"""Push and pull against the real SCIM server (scim2-server on loopback): users, roles
by each mapping, removal, users made on the platform, 409 and 412, and the rule for
what both sides changed."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest

from desktop_admin.domain.users import UserQuery
from tests.sync.conftest import TOKEN, Desk
from tests.sync.scim_server import ScimServer

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"


def import_users(desk: Desk, count: int) -> list[int]:
    lines = ["email,display_name,department,roles,enabled"]
    for n in range(count):
        roles = "named-user;designer" if n % 20 == 0 else "named-user"
        lines.append(f"user{n:05d}@acme.example,User {n},Dept {n % 7},{roles},true")
    desk.session.users.import_csv(account_id=desk.account_id, text="\n".join(lines) + "\n")
    query = UserQuery(desk.account_id, sort="id")
    return list(desk.session.users.ids(query))


def local_users(desk: Desk) -> dict[str, Any]:
    query = UserQuery(desk.account_id, sort="id")
    return {u.email: u for u in desk.session.users.by_ids(desk.session.users.ids(query))}


def platform(
    scim: ScimServer, tenant: str
) -> tuple[dict[str, dict[str, Any]], dict[str, set[str]]]:
    """The server's users by userName, and each user's groups (by userName)."""
    users = scim.users(tenant)
    names = [u["userName"] for u in users]
    assert len(names) == len(set(names)), "a user twice on the platform"
    by_id = {u["id"]: u["userName"] for u in users}
    groups: dict[str, set[str]] = {name: set() for name in names}
    dangling = set()
    for group in scim.groups(tenant):
        for member in group.get("members", []):
            if member["value"] in by_id:
                groups[by_id[member["value"]]].add(group["displayName"])
            else:  # scim2-server keeps a removed user in its groups
                dangling.add(member["value"])
    groups[""] = dangling
    return {u["userName"]: u for u in users}, groups


def assert_same(desk: Desk, scim: ScimServer, tenant: str) -> None:
    ours = local_users(desk)
    theirs, groups = platform(scim, tenant)
    assert groups.pop("") == set(), "a group keeps a user removed from the platform"
    assert set(theirs) == set(ours)
    for email, user in ours.items():
        remote = theirs[email]
        assert remote["externalId"] == str(user.id)
        assert remote.get("active", True) is user.enabled
        assert remote.get("displayName", "") == user.display_name
        assert remote.get(ENTERPRISE, {}).get("department", "") == user.department
        assert groups[email] == set(user.roles), email


def remote_call(scim: ScimServer, tenant: str, method: str, path: str, **kw: Any) -> Any:
    with httpx2.Client(headers=scim.headers(TOKEN)) as client:
        response = client.request(method, scim.base_url(tenant) + path, **kw)
    assert response.status_code < 300, response.text
    return response.json() if response.content else None


def test_push_500_users_then_disable_remove_and_change_roles(
    desk: Desk, scim: ScimServer, tenant: str
) -> None:
    ids = import_users(desk, 500)
    assert desk.session.sync.status(desk.account_id)[0].queued == 500  # in the import's transaction
    [report] = desk.session.sync.push(desk.account_id).value
    assert (report.sent, report.failed) == (500, 0)
    assert_same(desk, scim, tenant)

    desk.session.users.set_enabled(ids[:10], enabled=False)
    desk.session.users.remove(ids[10:20])
    desk.session.users.assign(ids[21:26], role="designer")
    desk.session.users.unassign(ids[:5], role="named-user")
    assert desk.session.sync.status(desk.account_id)[0].queued == 25
    [report] = desk.session.sync.push(desk.account_id).value
    assert (report.sent, report.failed) == (25, 0)
    assert_same(desk, scim, tenant)
    assert desk.session.sync.status(desk.account_id)[0].queued == 0


@pytest.mark.parametrize("mapping", ["roles", "entitlements"])
def test_roles_as_an_attribute(desk: Desk, scim: ScimServer, tenant: str, mapping: str) -> None:
    desk.session.sync.configure(desk.account_id, url=desk.url, roles=mapping)
    ids = import_users(desk, 12)
    desk.session.users.assign(ids[1:3], role="designer")
    desk.session.sync.push(desk.account_id)
    theirs, groups = platform(scim, tenant)
    assert not any(groups.values()), "no group with an attribute mapping"
    del groups
    ours = local_users(desk)
    for email, remote in theirs.items():
        held = {r["value"] for r in remote.get(mapping, [])}
        assert held == set(ours[email].roles)


def test_ten_edits_of_one_user_send_its_last_state_once(
    desk: Desk, scim: ScimServer, tenant: str
) -> None:
    [user_id] = desk.add_users(1)
    for n in range(10):
        user = desk.session.users.get(user_id)
        desk.session.users.edit(user_id, expected_version=user.version, display_name=f"Edit {n}")
    [status] = desk.session.sync.status(desk.account_id)
    assert status.queued == 1
    [report] = desk.session.sync.push(desk.account_id).value
    assert report.sent == 1
    [remote] = scim.users(tenant)
    assert remote["displayName"] == "Edit 9"


def test_a_user_already_on_the_platform_is_linked_not_duplicated(
    desk: Desk, scim: ScimServer, tenant: str
) -> None:
    made = remote_call(
        scim, tenant, "POST", "/Users",
        json={"schemas": [USER_SCHEMA], "userName": "user00000@acme.example", "displayName": "Old"},
    )  # fmt: skip
    [user_id] = desk.add_users(1)
    [report] = desk.session.sync.push(desk.account_id).value
    assert (report.sent, report.failed) == (1, 0)
    [remote] = scim.users(tenant)
    assert remote["id"] == made["id"] and remote["externalId"] == str(user_id)
    assert_same(desk, scim, tenant)


def test_a_stale_etag_rereads_and_applies_the_rule(
    desk: Desk, scim: ScimServer, tenant: str
) -> None:
    [user_id] = desk.add_users(1)
    desk.session.sync.push(desk.account_id)
    [remote] = scim.users(tenant)
    # Someone renames the user on the platform (its ETag changes)...
    remote_call(
        scim, tenant, "PATCH", f"/Users/{remote['id']}",
        json={
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [{"op": "replace", "path": "displayName", "value": "Renamed There"}],
        },
    )  # fmt: skip
    # ...while here the department changes and a role is added.
    user = desk.session.users.get(user_id)
    desk.session.users.edit(user_id, expected_version=user.version, department="Board")
    desk.session.users.assign([user_id], role="designer")
    [report] = desk.session.sync.push(desk.account_id).value
    assert report.conflicts == 1 and report.sent == 1 and report.failed == 0
    user = desk.session.users.get(user_id)
    assert user.display_name == "Renamed There"  # the platform's profile change stays
    assert user.department == "Board"
    assert_same(desk, scim, tenant)


def test_pull_brings_platform_users_and_changes(desk: Desk, scim: ScimServer, tenant: str) -> None:
    ids = desk.add_users(3)
    desk.session.sync.push(desk.account_id)
    theirs, _ = platform(scim, tenant)
    seats_before = {s.code: s.in_use for s in desk.session.licences.seats(desk.account_id)}
    remote_call(
        scim, tenant, "POST", "/Users",
        json={
            "schemas": [USER_SCHEMA], "userName": "New.Comer@Acme.example",
            "displayName": "Newcomer", "active": True,
        },
    )  # fmt: skip
    first = theirs["user00000@acme.example"]
    remote_call(
        scim, tenant, "PATCH", f"/Users/{first['id']}",
        json={
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [{"op": "replace", "path": "displayName", "value": "Zoe There"}],
        },
    )  # fmt: skip
    remote_call(scim, tenant, "DELETE", f"/Users/{theirs['user00002@acme.example']['id']}")

    [report] = desk.session.sync.pull(desk.account_id).value
    assert (report.created, report.updated, report.disabled) == (1, 1, 1)
    ours = local_users(desk)
    newcomer = ours["new.comer@acme.example"]
    assert not newcomer.enabled and not newcomer.roles
    assert ours["user00000@acme.example"].display_name == "Zoe There"
    assert not desk.session.users.get(ids[2]).enabled
    seats_after = {s.code: s.in_use for s in desk.session.licences.seats(desk.account_id)}
    assert seats_after["named-user"] == seats_before["named-user"] - 1
    actions = {e.action for e in desk.session.audit.entries(limit=50)}
    assert {"sync.pulled", "sync.created_on_platform", "sync.removed_on_platform"} <= actions
    # A user awaiting an administrator is not sent back (it stays active there).
    desk.session.sync.push(desk.account_id)
    theirs, _ = platform(scim, tenant)
    assert theirs["New.Comer@Acme.example"].get("active", True) is True


def test_what_both_sides_changed_follows_the_rule_and_the_trail_says_so(
    desk: Desk, scim: ScimServer, tenant: str
) -> None:
    [user_id] = desk.add_users(1)
    desk.session.sync.push(desk.account_id)
    [remote] = scim.users(tenant)
    remote_call(
        scim, tenant, "PATCH", f"/Users/{remote['id']}",
        json={
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [
                {"op": "replace", "path": "displayName", "value": "Platform Name"},
                {"op": "replace", "path": "active", "value": False},
            ],
        },
    )  # fmt: skip
    user = desk.session.users.get(user_id)
    desk.session.users.edit(user_id, expected_version=user.version, display_name="Local Name")
    desk.session.sync.pull(desk.account_id)
    user = desk.session.users.get(user_id)
    assert user.display_name == "Platform Name" and user.enabled
    entries = [e for e in desk.session.audit.entries(limit=50) if e.entity_id == str(user_id)]
    conflict = next(e for e in entries if e.action == "sync.conflict")
    assert conflict.before == {"display_name": "Local Name"}
    assert conflict.after == {"display_name": "Platform Name"}
    overwritten = next(e for e in entries if e.action == "sync.platform_overwritten")
    assert overwritten.before == {"active": False} and overwritten.after == {"active": True}
    desk.session.sync.push(desk.account_id)
    assert_same(desk, scim, tenant)
