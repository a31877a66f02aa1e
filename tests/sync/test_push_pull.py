"""Push and pull against the real SCIM server: users, roles as groups, removal."""

from __future__ import annotations

from tests.sync.conftest import Desk
from tests.sync.scim_server import ScimServer


def test_push_creates_users_with_their_groups(desk: Desk, scim: ScimServer, tenant: str) -> None:
    ids = desk.add_users(5)
    desk.session.users.assign([ids[0]], role="designer")
    [report] = desk.session.sync.push(desk.account_id).value
    assert report.sent == 5 and report.failed == 0
    users = {u["userName"]: u for u in scim.users(tenant)}
    assert set(users) == {f"user{n:05d}@acme.example" for n in range(5)}
    groups = {
        g["displayName"]: {m["value"] for m in g.get("members", [])} for g in scim.groups(tenant)
    }
    by_id = {u["externalId"]: u["id"] for u in users.values()}
    assert groups["named-user"] == {by_id[str(i)] for i in ids}
    assert groups["designer"] == {by_id[str(ids[0])]}
    [status] = desk.session.sync.status(desk.account_id)
    assert status.queued == 0 and status.sent == 5
